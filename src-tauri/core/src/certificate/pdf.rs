//! A PDF's text with positions and sizes, and its pages as pictures, both with hayro (pure Rust:
//! no PDFium or Poppler to ship). hayro-interpret runs the page's drawing instructions into a
//! [`Device`]; ours keeps each glyph's Unicode, position, advance and size and the area covered
//! by pictures, which tells a scan (one page-sized picture, no words) from a born-digital PDF.
//!
//! hayro does not panic on the corpus, but a PDF is hostile input: both entry points run inside
//! `catch_unwind` so that a bug in a parser costs one file, never the app.

use std::panic::{AssertUnwindSafe, catch_unwind};

use hayro::hayro_interpret::font::GlyphRun;
use hayro::hayro_interpret::hayro_cmap::BfString;
use hayro::hayro_interpret::util::TransformExt;
use hayro::hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps, InterpreterCache,
    InterpreterSettings, SoftMask, interpret_page,
};
use hayro::hayro_syntax::{LoadPdfError, Pdf};
use hayro::kurbo::{Affine, BezPath, Point, Rect};
use hayro::vello_cpu::color::palette::css::WHITE;

use super::layout::{self, Page, Piece};

/// Only the first pages carry a certificate's fields (a transcript's total may be on page 2 or 3).
pub const MAX_PAGES: usize = 3;
/// A certificate page has a few thousand glyphs at most; past this a page is not a certificate
/// (or is built to exhaust memory), and the rest is ignored.
const MAX_GLYPHS: usize = 60_000;
/// Rendering is capped at this many pixels (about A3 at 300 dpi): memory stays under 200 MB.
const MAX_PIXELS: f32 = 18_000_000.0;

/// The text layer of a document's first pages.
#[derive(Debug, Clone, Default)]
pub struct Text {
    pub pages: Vec<Page>,
    /// Share of the first page covered by pictures (0..1, overlaps counted twice, capped).
    pub picture_cover: f32,
}

impl Text {
    /// True when the first page has real wording. A scan often carries a stray stamp of text
    /// ("Scanned with …"); a few words over a page-sized picture are not the certificate.
    pub fn has_words(&self) -> bool {
        let letters: usize = self
            .pages
            .first()
            .map(|p| p.lines.iter().map(|l| l.text.chars().filter(|c| c.is_alphanumeric()).count()).sum())
            .unwrap_or(0);
        letters >= 40 || (letters >= 8 && self.picture_cover < 0.5)
    }

    /// The first pages as one sequence of lines.
    pub fn first_pages(&self) -> Page {
        Page::join(self.pages.iter().cloned())
    }
}

fn open(bytes: &[u8]) -> Result<Pdf, String> {
    Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => "the PDF is password-protected: open it and save an unprotected copy".to_string(),
        _ => "the PDF is damaged and cannot be read".to_string(),
    })
}

/// Extracts the text of the first [`MAX_PAGES`] pages.
pub fn text(bytes: &[u8]) -> Result<Text, String> {
    catch_unwind(AssertUnwindSafe(|| text_inner(bytes))).unwrap_or_else(|_| Err("the PDF could not be read (its content is malformed)".into()))
}

fn text_inner(bytes: &[u8]) -> Result<Text, String> {
    let pdf = open(bytes)?;
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err("the PDF has no pages".into());
    }
    let cache = InterpreterCache::new();
    let mut out = Text::default();
    for (index, page) in pages.iter().take(MAX_PAGES).enumerate() {
        let (width, height) = page.render_dimensions();
        if width < 1.0 || height < 1.0 {
            continue;
        }
        // Page space (with its rotation and crop applied, y down) scaled to 1000 units wide.
        let unit = 1000.0 / width as f64;
        let to_norm = Affine::scale(unit) * page.initial_transform(true).to_kurbo();
        let mut context =
            Context::new(to_norm, Rect::new(0.0, 0.0, 1000.0, height as f64 * unit), &cache, pdf.xref(), InterpreterSettings::default());
        let mut device = Collector { pieces: Vec::new(), picture_area: 0.0, glyphs: 0 };
        interpret_page(page, &mut context, &mut device);
        let page_height = (height as f64 * unit) as f32;
        if index == 0 {
            out.picture_cover = (device.picture_area / (1000.0 * page_height as f64)).min(1.0) as f32;
        }
        out.pages.push(Page { lines: layout::group(device.pieces, index), height: page_height });
    }
    Ok(out)
}

struct Collector {
    pieces: Vec<Piece>,
    picture_area: f64,
    glyphs: usize,
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        for glyph in run.glyphs() {
            self.glyphs += 1;
            if self.glyphs > MAX_GLYPHS {
                return;
            }
            let Some(unicode) = glyph.as_unicode() else { continue };
            let text = match unicode {
                BfString::Char(c) => c.to_string(),
                BfString::String(s) => s,
            };
            // Glyph space is 1000 units per em; the full transform maps it to our page units.
            let full = props.transform * glyph.transform();
            let origin = full * Point::ZERO;
            let up = full * Point::new(0.0, 1000.0) - origin;
            let size = up.hypot() as f32;
            // Upright text only: rotated stamps and vertical side text are not certificate fields.
            if size < 0.5 || up.x.abs() > 0.2 * up.y.abs() {
                continue;
            }
            let advance = match &**glyph {
                hayro::hayro_interpret::font::Glyph::Outline(g) => g.advance_width(),
                hayro::hayro_interpret::font::Glyph::Type3(g) => g.advance_width(),
            }
            .filter(|a| a.is_finite() && *a > 0.0)
            .unwrap_or(500.0);
            let end = full * Point::new(advance as f64, 0.0);
            let (x0, x1) = if end.x >= origin.x { (origin.x, end.x) } else { (end.x, origin.x) };
            self.pieces.push(Piece { text, x0: x0 as f32, x1: x1 as f32, base: origin.y as f32, size, conf: 1.0 });
        }
    }

    fn draw_image(&mut self, image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        if matches!(image, Image::Raster(_)) {
            // An image is drawn into the unit square; its area on the page is the determinant.
            let area = (props.transform.determinant()).abs();
            self.picture_area += area;
        }
    }
}

/// Renders one page at `dpi` as a grayscale picture (white background), for OCR or a preview.
pub fn render_page(bytes: &[u8], index: usize, dpi: f32) -> Result<image::GrayImage, String> {
    catch_unwind(AssertUnwindSafe(|| render_inner(bytes, index, dpi))).unwrap_or_else(|_| Err("the PDF page could not be drawn".into()))
}

fn render_inner(bytes: &[u8], index: usize, dpi: f32) -> Result<image::GrayImage, String> {
    let pdf = open(bytes)?;
    let pages = pdf.pages();
    let page = pages.get(index).ok_or_else(|| format!("the PDF has no page {}", index + 1))?;
    let (w, h) = page.render_dimensions();
    let mut scale = dpi / 72.0;
    if w * h * scale * scale > MAX_PIXELS {
        scale = (MAX_PIXELS / (w * h)).sqrt();
    }
    let scale = scale.min(65_000.0 / w.max(h).max(1.0));
    let settings = hayro::PixmapSettings { x_scale: scale, y_scale: scale, bg_color: WHITE };
    let pixmap = hayro::render(
        page,
        &hayro::RenderCache::new(),
        &InterpreterSettings::default(),
        &hayro::RenderSettings::default(),
        &settings,
    );
    let (width, height) = (pixmap.width() as u32, pixmap.height() as u32);
    let rgba = pixmap.data_as_u8_slice();
    let gray: Vec<u8> = rgba
        .chunks_exact(4)
        .map(|p| ((p[0] as u32 * 299 + p[1] as u32 * 587 + p[2] as u32 * 114) / 1000) as u8)
        .collect();
    image::GrayImage::from_raw(width, height, gray).ok_or_else(|| "the page rendered to an empty picture".into())
}
