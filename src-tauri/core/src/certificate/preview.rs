//! What the clerk looks at while she checks a reading: the certificate's first page (or the
//! picture, upright per its EXIF orientation) as a PNG of a size a window shows.

use std::io::Cursor;
use std::path::Path;

use super::{FileKind, MAX_FILE_BYTES, pdf, picture, sniff};
use crate::error::{Error, Result};

/// Dots per inch the first page of a PDF is drawn at: a letter page becomes 935 × 1210 pixels,
/// enough to read small print when zoomed to its natural size.
const PREVIEW_DPI: f32 = 110.0;

/// The first page of the certificate at `path` as PNG bytes, its longer side at most `max_side`.
pub fn first_page_png(path: &Path, max_side: u32) -> Result<Vec<u8>> {
    let name = path.display();
    let meta = std::fs::metadata(path).map_err(|e| Error::io(format!("cannot read {name}"), e))?;
    if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
        return Err(Error::Refused(format!("{name} cannot be shown: not a file, or over {} MB", MAX_FILE_BYTES / (1024 * 1024))));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(format!("cannot read {name}"), e))?;
    let page = match sniff(&bytes) {
        Some(FileKind::Pdf) => pdf::render_page(&bytes, 0, PREVIEW_DPI),
        Some(FileKind::Jpeg | FileKind::Png | FileKind::Webp) => picture::upright_gray(&bytes),
        Some(FileKind::Tiff) => crate::tiff_pages::first_page(&bytes).map(|page| page.to_luma8()).map_err(|p| p.to_string()),
        Some(FileKind::Heic) => {
            let file = name.to_string();
            crate::heif::check(&bytes, &file)?;
            picture::upright_gray(&crate::heif::HeifConvert::find().to_jpeg(&bytes, &file)?)
        }
        None => return Err(Error::Refused(format!("{name}: no preview for this kind of file"))),
    }
    .map_err(|why| Error::Refused(format!("{name}: {why}")))?;
    let page = if page.width().max(page.height()) > max_side {
        let (width, height) = scaled(page.width(), page.height(), max_side);
        image::imageops::thumbnail(&page, width, height)
    } else {
        page
    };
    let mut png = Vec::new();
    page.write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| Error::Refused(format!("{name}: cannot make a preview ({e})")))?;
    Ok(png)
}

/// Width and height scaled so the longer side is `max_side`.
fn scaled(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let factor = max_side as f64 / width.max(height) as f64;
    (((width as f64 * factor).round() as u32).max(1), ((height as f64 * factor).round() as u32).max(1))
}
