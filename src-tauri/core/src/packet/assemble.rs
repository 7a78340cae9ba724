//! Putting the packet together with lopdf: the generated pages first, then every exhibit in
//! order. Exhibit PDFs are merged object by object (renumbered, their inherited page attributes
//! pushed down onto each page), so fonts, images, vectors and `/Rotate` stay exactly as they
//! were. Images get a page each: JPEG bytes pass through as `/DCTDecode`, PNG pixels are stored
//! losslessly with Flate, and EXIF orientation is honoured with the placement matrix. Then every
//! page gets a small stamp at its visual bottom, the exhibit index gets its links, and the
//! outline and metadata are written. The file is written to a temp file and renamed.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::Path;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat, dictionary};

use super::content;
use super::layout::{Drawn, Paper};
use super::PacketData;
use crate::error::{Error, Result};
use crate::model::{Evidence, FileKind};
use crate::files::{self, AtomicFile};
use crate::vault::{MAX_IMAGE_PIXELS, MAX_PAGE_CONTENT_BYTES, check_pdf_pages, decode_image, image_fits, load_pdf, page_streams, unpack_bounded};

/// An exhibit read from the vault, ready to append.
pub enum Loaded {
    Pdf(Box<Document>),
    Jpeg { bytes: Vec<u8>, info: JpegInfo, orientation: u8 },
    /// Decoded pixels (PNG, WebP), stored losslessly.
    Pixels { image: image::DynamicImage, orientation: u8 },
    /// A TIFF's pages, their strips passed through where PDF can carry them.
    Tiff(Vec<crate::tiff_pages::Page>),
    Failed(String),
    /// Already submitted with an earlier application: listed in the index, not appended.
    Referred,
}

#[derive(Debug, Clone, Copy)]
pub struct JpegInfo {
    pub width: u32,
    pub height: u32,
    pub components: u8,
    /// Adobe APP14 marker: CMYK data stored inverted.
    pub adobe: bool,
}

/// An exhibit's verified bytes (`Vault::read_verified`), parsed (PDF objects, JPEG header, PNG
/// pixels); never panics on a bad file.
pub fn parse(e: &Evidence, bytes: Vec<u8>) -> Loaded {
    match e.kind {
        FileKind::Pdf => match load_pdf(&bytes) {
            Ok(doc) if doc.is_encrypted() && doc.encryption_state.is_none() => Loaded::Failed("the PDF is password-protected".into()),
            Ok(doc) if doc.get_pages().len() != e.pages as usize => {
                Loaded::Failed(format!("the PDF now reads as {} pages, not {}", doc.get_pages().len(), e.pages))
            }
            // Checked again here: a file added before these checks existed, or restored from a
            // backup, must not sink (or swamp) the whole packet.
            Ok(doc) => match check_pdf_pages(&doc) {
                Ok(()) => Loaded::Pdf(Box::new(doc)),
                Err(problem) => Loaded::Failed(format!("the PDF cannot go into the packet: {problem}")),
            },
            Err(err) => Loaded::Failed(format!("the PDF cannot be read ({err})")),
        },
        // A HEIC photo's bytes here are its JPEG rendition (`Vault::read_shown`).
        FileKind::Jpeg | FileKind::Heic => match jpeg_info(&bytes) {
            Some(info) if info.width as u64 * info.height as u64 > MAX_IMAGE_PIXELS => {
                Loaded::Failed(format!("the JPEG image is {} × {} pixels, over the limit of {} megapixels", info.width, info.height, MAX_IMAGE_PIXELS / 1_000_000))
            }
            Some(info) => {
                let orientation = image::codecs::jpeg::JpegDecoder::new(std::io::Cursor::new(&bytes))
                    .ok()
                    .and_then(|mut d| image::ImageDecoder::orientation(&mut d).ok())
                    .map_or(1, |o| o.to_exif());
                Loaded::Jpeg { bytes, info, orientation }
            }
            None => Loaded::Failed("the JPEG image cannot be read".into()),
        },
        FileKind::Png => pixels(&bytes, image::ImageFormat::Png, "PNG"),
        FileKind::Webp => pixels(&bytes, image::ImageFormat::WebP, "WebP"),
        FileKind::Tiff => match crate::tiff_pages::pdf_pages(&bytes) {
            Ok(pages) if pages.len() != e.pages as usize => Loaded::Failed(format!("the TIFF image now reads as {} pages, not {}", pages.len(), e.pages)),
            Ok(pages) => Loaded::Tiff(pages),
            Err(problem) => Loaded::Failed(format!("the TIFF image cannot go into the packet: {problem}")),
        },
    }
}

/// A PNG or WebP decoded (within the limits), with its EXIF orientation.
fn pixels(bytes: &[u8], format: image::ImageFormat, label: &str) -> Loaded {
    let orientation = image::ImageReader::with_format(std::io::Cursor::new(bytes), format)
        .into_decoder()
        .ok()
        .and_then(|mut d| image::ImageDecoder::orientation(&mut d).ok())
        .map_or(1, |o| o.to_exif());
    if let Err(why) = image_fits(bytes, format) {
        return Loaded::Failed(format!("the {label} image cannot go into the packet: {why}"));
    }
    match decode_image(bytes, format) {
        Ok(image) => Loaded::Pixels { image, orientation },
        Err(err) => Loaded::Failed(format!("the {label} image cannot be read ({err})")),
    }
}

/// Size and colour components from a JPEG's frame header (SOFn), and whether it is Adobe CMYK.
pub fn jpeg_info(bytes: &[u8]) -> Option<JpegInfo> {
    let mut i = 2;
    let mut adobe = false;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        let body = bytes.get(i + 4..i + 2 + len)?;
        if marker == 0xEE && body.starts_with(b"Adobe") {
            adobe = true;
        }
        if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) && body.len() >= 6 {
            return Some(JpegInfo {
                height: u16::from_be_bytes([body[1], body[2]]) as u32,
                width: u16::from_be_bytes([body[3], body[4]]) as u32,
                components: body[5],
                adobe,
            });
        }
        i += 2 + len;
    }
    None
}

fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn reference(doc: &Document, obj: &Object) -> Option<ObjectId> {
    let _ = doc;
    obj.as_reference().ok()
}

/// The value of an inheritable page attribute, looking up the page tree.
fn inherited(doc: &Document, page: ObjectId, key: &[u8]) -> Option<Object> {
    let mut current = page;
    for _ in 0..64 {
        let dict = doc.get_dictionary(current).ok()?;
        if let Ok(value) = dict.get(key) {
            return Some(value.clone());
        }
        current = dict.get(b"Parent").ok().and_then(|p| reference(doc, p))?;
    }
    None
}

fn number(obj: &Object) -> f32 {
    match obj {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

/// The visible box of a page (CropBox, else MediaBox) as [x0, y0, x1, y1], normalised.
fn visible_box(doc: &Document, page: ObjectId) -> [f32; 4] {
    let read = |key: &[u8]| -> Option<[f32; 4]> {
        let obj = inherited(doc, page, key)?;
        let (_, obj) = doc.dereference(&obj).ok()?;
        let arr = obj.as_array().ok()?;
        if arr.len() != 4 {
            return None;
        }
        let v: Vec<f32> = arr.iter().map(|o| doc.dereference(o).map_or(0.0, |(_, o)| number(o))).collect();
        Some([v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])])
    };
    read(b"CropBox").or_else(|| read(b"MediaBox")).unwrap_or([0.0, 0.0, 612.0, 792.0])
}

fn rotation(doc: &Document, page: ObjectId) -> i64 {
    inherited(doc, page, b"Rotate").and_then(|o| o.as_i64().ok()).map_or(0, |r| r.rem_euclid(360) / 90 * 90)
}

/// Helvetica advance widths (1/1000 em) for printable ASCII, from its AFM.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
    556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
    260, 334, 584,
];

fn helvetica_width(text: &str, size: f32) -> f32 {
    text.bytes().map(|b| HELVETICA.get((b as usize).wrapping_sub(32)).copied().unwrap_or(556) as f32).sum::<f32>() / 1000.0 * size
}

const STAMP_FONT: &[u8] = b"CfStamp";
const STAMP_SIZE: f32 = 7.5;

/// Content that draws the stamp in the page's visual frame: a matrix maps "visual" coordinates
/// (origin at the bottom-left as the page is displayed) onto user space, whatever `/Rotate` says.
fn stamp_content(bbox: [f32; 4], rotate: i64, left: &str, right: &str) -> Vec<u8> {
    let [x0, y0, x1, y1] = bbox;
    let (matrix, width) = match rotate {
        90 => ([0.0, 1.0, -1.0, 0.0, x1, y0], y1 - y0),
        180 => ([-1.0, 0.0, 0.0, -1.0, x1, y1], x1 - x0),
        270 => ([0.0, -1.0, 1.0, 0.0, x0, y1], y1 - y0),
        _ => ([1.0, 0.0, 0.0, 1.0, x0, y0], x1 - x0),
    };
    let escape = |s: &str| s.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
    let margin = 28.0_f32.min(width * 0.08);
    let baseline = 12.0;
    let right_width = helvetica_width(right, STAMP_SIZE);
    let left_width = helvetica_width(left, STAMP_SIZE);
    let right_x = width - margin - right_width;
    let mut s = String::new();
    s.push_str(&format!("q {} {} {} {} {} {} cm\n", matrix[0], matrix[1], matrix[2], matrix[3], matrix[4], matrix[5]));
    // White backing so the stamp reads on any scan; only the strip behind the text is covered.
    s.push_str("1 1 1 rg\n");
    s.push_str(&format!("{:.2} {:.2} {:.2} {:.2} re f\n", margin - 3.0, baseline - 3.0, left_width + 6.0, STAMP_SIZE + 5.0));
    s.push_str(&format!("{:.2} {:.2} {:.2} {:.2} re f\n", right_x - 3.0, baseline - 3.0, right_width + 6.0, STAMP_SIZE + 5.0));
    s.push_str(&format!(
        "BT /CfStamp {STAMP_SIZE} Tf 0.33 0.36 0.41 rg {margin:.2} {baseline:.2} Td ({}) Tj ET\n",
        escape(left)
    ));
    s.push_str(&format!("BT /CfStamp {STAMP_SIZE} Tf 0.11 0.13 0.17 rg {right_x:.2} {baseline:.2} Td ({}) Tj ET\nQ\n", escape(right)));
    s.into_bytes()
}

/// Adds the stamp font to a page's resources without disturbing resources shared with others.
fn add_stamp_font(doc: &mut Document, page: ObjectId, font: ObjectId) -> Result<()> {
    let resources = inherited(doc, page, b"Resources").unwrap_or_else(|| Object::Dictionary(Dictionary::new()));
    let mut resources = match resources {
        Object::Reference(id) => doc.get_dictionary(id).cloned().unwrap_or_default(),
        Object::Dictionary(d) => d,
        _ => Dictionary::new(),
    };
    let mut fonts = match resources.get(b"Font") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).cloned().unwrap_or_default(),
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => Dictionary::new(),
    };
    fonts.set(STAMP_FONT, font);
    resources.set("Font", fonts);
    doc.get_dictionary_mut(page).map_err(pdf_error)?.set("Resources", resources);
    Ok(())
}

fn pdf_error(e: lopdf::Error) -> Error {
    Error::Integrity(format!("the packet could not be assembled: {e}"))
}

/// Wraps a page's content in q/Q (so its graphics state cannot leak into the stamp) and adds the stamp.
fn stamp(doc: &mut Document, page: ObjectId, (save, restore): (ObjectId, ObjectId), font: ObjectId, left: &str, right: &str) -> Result<()> {
    let bbox = visible_box(doc, page);
    let rotate = rotation(doc, page);
    add_stamp_font(doc, page, font)?;
    let content = stamp_content(bbox, rotate, left, right);
    let mut stream = Stream::new(Dictionary::new(), content);
    let _ = stream.compress();
    let stamp_id = doc.add_object(stream);
    let dict = doc.get_dictionary_mut(page).map_err(pdf_error)?;
    let mut contents = vec![Object::Reference(save)];
    match dict.get(b"Contents") {
        Ok(Object::Array(parts)) => contents.extend(parts.iter().cloned()),
        Ok(other) => contents.push(other.clone()),
        Err(_) => {}
    }
    contents.push(Object::Reference(restore));
    contents.push(Object::Reference(stamp_id));
    dict.set("Contents", contents);
    Ok(())
}

/// The interactive form fields gathered from the exhibits.
#[derive(Default)]
struct Form {
    fields: Vec<Object>,
    need_appearances: bool,
}

/// Appends an exhibit PDF's pages; returns them in order.
fn merge_pdf(doc: &mut Document, mut ex: Document, parent: ObjectId, form: &mut Form, paper: Paper) -> Result<Vec<ObjectId>> {
    ex.renumber_objects_with(doc.max_id + 1);
    let pages: Vec<ObjectId> = ex.get_pages().into_values().collect();
    for &page in &pages {
        enlarge_if_tiny(&mut ex, page, paper)?;
    }
    // Attributes a page inherits from its own page tree must travel with it.
    for &page in &pages {
        for key in [b"Resources".as_slice(), b"MediaBox", b"CropBox", b"Rotate"] {
            if ex.get_dictionary(page).is_ok_and(|d| !d.has(key))
                && let Some(value) = inherited(&ex, page, key)
            {
                ex.get_dictionary_mut(page).map_err(pdf_error)?.set(key, value);
            }
        }
        ex.get_dictionary_mut(page).map_err(pdf_error)?.set("Parent", parent);
    }
    let fields = form;
    if let Ok(catalog) = ex.catalog()
        && let Ok(form) = catalog.get(b"AcroForm")
        && let Ok((_, form)) = ex.dereference(form)
        && let Ok(form) = form.as_dict()
    {
        if let Ok(list) = form.get(b"Fields").and_then(|f| ex.dereference(f)).and_then(|(_, f)| f.as_array()) {
            fields.fields.extend(list.iter().cloned());
        }
        fields.need_appearances |= form.get(b"NeedAppearances").and_then(Object::as_bool).unwrap_or(false);
    }
    doc.max_id = doc.max_id.max(ex.max_id);
    // The exhibit's own catalog and page tree nodes are dropped with the unreferenced objects
    // when the document is pruned; the pages themselves now hang off the packet's tree.
    doc.objects.extend(ex.objects);
    Ok(pages)
}

/// Pages under an inch on a side (an image saved as a 4-point page) cannot be read or stamped:
/// their content, unchanged, is drawn scaled to fit on a page of the packet's paper size.
fn enlarge_if_tiny(ex: &mut Document, page: ObjectId, paper: Paper) -> Result<()> {
    let [x0, y0, x1, y1] = visible_box(ex, page);
    let (w, h) = (x1 - x0, y1 - y0);
    if w >= 72.0 && h >= 72.0 || w <= 0.0 || h <= 0.0 {
        return Ok(());
    }
    // Unpacked with a bound (lopdf's own unpacking has none): `parse` checked the page, so
    // over the bound here means nothing changed since, and the page is left as it is.
    let Some(content) = bounded_page_content(ex, page) else { return Ok(()) };
    let resources = inherited(ex, page, b"Resources").unwrap_or_else(|| Object::Dictionary(Dictionary::new()));
    let mut form = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![x0.into(), y0.into(), x1.into(), y1.into()], "Resources" => resources,
        },
        content,
    );
    let _ = form.compress();
    let form = ex.add_object(form);
    let (pw, ph) = (paper.width, paper.height);
    let scale = ((pw - 72.0) / w).min((ph - 96.0) / h);
    let (tx, ty) = ((pw - w * scale) / 2.0 - x0 * scale, 60.0 + (ph - 96.0 - h * scale) / 2.0 - y0 * scale);
    let draw = format!("q {scale} 0 0 {scale} {tx} {ty} cm /Fx0 Do Q\n");
    let draw = ex.add_object(Stream::new(Dictionary::new(), draw.into_bytes()));
    let rotate = rotation(ex, page);
    let dict = ex.get_dictionary_mut(page).map_err(pdf_error)?;
    for key in [b"CropBox".as_slice(), b"BleedBox", b"TrimBox", b"ArtBox", b"Annots"] {
        dict.remove(key);
    }
    dict.set("MediaBox", vec![0.into(), 0.into(), pw.into(), ph.into()]);
    dict.set("Rotate", rotate);
    dict.set("Resources", dictionary! { "XObject" => dictionary! { "Fx0" => form } });
    dict.set("Contents", draw);
    Ok(())
}

/// A page's content streams unpacked and joined, if within `MAX_PAGE_CONTENT_BYTES` together.
fn bounded_page_content(ex: &Document, page: ObjectId) -> Option<Vec<u8>> {
    let dict = ex.get_dictionary(page).ok()?;
    let mut content = Vec::new();
    for stream in page_streams(ex, dict).ok()? {
        let left = MAX_PAGE_CONTENT_BYTES.checked_sub(content.len() as u64)?;
        content.extend(unpack_bounded(stream, left)?);
        content.push(b'\n');
    }
    Some(content)
}

/// Placement of an image on a page for each EXIF orientation: maps the unit square onto the
/// displayed box (x, y, w, h) so the picture appears upright.
fn image_matrix(orientation: u8, x: f32, y: f32, w: f32, h: f32) -> [f32; 6] {
    match orientation {
        2 => [-w, 0.0, 0.0, h, x + w, y],
        3 => [-w, 0.0, 0.0, -h, x + w, y + h],
        4 => [w, 0.0, 0.0, -h, x, y + h],
        5 => [0.0, -h, -w, 0.0, x + w, y + h],
        6 => [0.0, -h, w, 0.0, x, y + h],
        7 => [0.0, h, w, 0.0, x, y],
        8 => [0.0, h, -w, 0.0, x + w, y],
        _ => [w, 0.0, 0.0, h, x, y],
    }
}

/// The image XObject(s) for an exhibit image: JPEG passed through, PNG as lossless Flate.
fn image_xobject(doc: &mut Document, loaded: Loaded) -> Option<(ObjectId, u32, u32, u8)> {
    match loaded {
        Loaded::Jpeg { bytes, info, orientation } => {
            let colour = match info.components {
                1 => "DeviceGray",
                4 => "DeviceCMYK",
                _ => "DeviceRGB",
            };
            let mut dict = dictionary! {
                "Type" => "XObject", "Subtype" => "Image", "Width" => info.width as i64, "Height" => info.height as i64,
                "ColorSpace" => colour, "BitsPerComponent" => 8, "Filter" => "DCTDecode",
            };
            if info.components == 4 && info.adobe {
                dict.set("Decode", vec![1.into(), 0.into(), 1.into(), 0.into(), 1.into(), 0.into(), 1.into(), 0.into()]);
            }
            let id = doc.add_object(Stream::new(dict, bytes).with_compression(false));
            Some((id, info.width, info.height, orientation))
        }
        Loaded::Pixels { image, orientation } => {
            use image::DynamicImage as D;
            let (w, h) = (image.width(), image.height());
            let sixteen = matches!(image, D::ImageLuma16(_) | D::ImageLumaA16(_) | D::ImageRgb16(_) | D::ImageRgba16(_));
            let gray = matches!(image, D::ImageLuma8(_) | D::ImageLumaA8(_) | D::ImageLuma16(_) | D::ImageLumaA16(_));
            let alpha = image.color().has_alpha();
            let channels = if gray { 1 } else { 3 };
            let (colour, alpha_bytes, bpc) = if sixteen {
                let samples = image.to_rgba16();
                let mut colour = Vec::with_capacity((w * h * channels * 2) as usize);
                let mut a = Vec::with_capacity((w * h * 2) as usize);
                for px in samples.pixels() {
                    for c in &px.0[..channels as usize] {
                        colour.extend(c.to_be_bytes());
                    }
                    a.extend(px.0[3].to_be_bytes());
                }
                (colour, a, 16)
            } else {
                let samples = image.to_rgba8();
                let mut colour = Vec::with_capacity((w * h * channels) as usize);
                let mut a = Vec::with_capacity((w * h) as usize);
                for px in samples.pixels() {
                    colour.extend_from_slice(&px.0[..channels as usize]);
                    a.push(px.0[3]);
                }
                (colour, a, 8)
            };
            let mut dict = dictionary! {
                "Type" => "XObject", "Subtype" => "Image", "Width" => w as i64, "Height" => h as i64,
                "ColorSpace" => if gray { "DeviceGray" } else { "DeviceRGB" }, "BitsPerComponent" => bpc,
            };
            if alpha {
                let mut mask = Stream::new(
                    dictionary! {
                        "Type" => "XObject", "Subtype" => "Image", "Width" => w as i64, "Height" => h as i64,
                        "ColorSpace" => "DeviceGray", "BitsPerComponent" => bpc,
                    },
                    alpha_bytes,
                );
                let _ = mask.compress();
                dict.set("SMask", doc.add_object(mask));
            }
            let mut stream = Stream::new(dict, colour);
            let _ = stream.compress();
            Some((doc.add_object(stream), w, h, orientation))
        }
        _ => None,
    }
}

/// The pages of an image exhibit: one for a picture, one per page of a TIFF.
fn image_pages(doc: &mut Document, parent: ObjectId, loaded: Loaded, paper: Paper) -> Vec<ObjectId> {
    match loaded {
        Loaded::Tiff(pages) => pages.into_iter().map(|page| tiff_page(doc, parent, page, paper)).collect(),
        image => image_page(doc, parent, image, paper).into_iter().collect(),
    }
}

/// A page holding one image, scaled to fit inside the margins, in the page orientation that
/// suits it; returns the page id.
fn image_page(doc: &mut Document, parent: ObjectId, loaded: Loaded, paper: Paper) -> Option<ObjectId> {
    let (image, w, h, orientation) = image_xobject(doc, loaded)?;
    let (dw, dh) = if (5..=8).contains(&orientation) { (h as f32, w as f32) } else { (w as f32, h as f32) };
    let (pw, ph, [x, y, iw, ih]) = fit(dw, dh, paper);
    let m = image_matrix(orientation, x, y, iw, ih);
    let content = format!("q {} {} {} {} {} {} cm /Im0 Do Q\n", m[0], m[1], m[2], m[3], m[4], m[5]);
    Some(page_with(doc, parent, (pw, ph), dictionary! { "Im0" => image }, content))
}

/// The page size and the image's box (x, y, width, height) for an image displayed `dw` × `dh`
/// (pixels, taken as points at 72 dpi): fitted inside the margins of the paper, turned to
/// landscape if it is wider than high, enlarged at most 4× (beyond that it only blurs).
fn fit(dw: f32, dh: f32, paper: Paper) -> (f32, f32, [f32; 4]) {
    let (pw, ph) = if dw > dh { (paper.height, paper.width) } else { (paper.width, paper.height) };
    let (side, top, bottom) = (36.0, 36.0, 40.0);
    let scale = ((pw - 2.0 * side) / dw).min((ph - top - bottom) / dh).min(4.0);
    let (iw, ih) = (dw * scale, dh * scale);
    (pw, ph, [(pw - iw) / 2.0, bottom + (ph - top - bottom - ih) / 2.0, iw, ih])
}

fn page_with(doc: &mut Document, parent: ObjectId, (pw, ph): (f32, f32), images: Dictionary, content: String) -> ObjectId {
    let content = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
    doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => parent, "MediaBox" => vec![0.into(), 0.into(), pw.into(), ph.into()],
        "Resources" => dictionary! { "XObject" => images },
        "Contents" => content,
    })
}

/// The largest side, in points, a scanned page is printed at its own size: 18 inches (a
/// tabloid or ledger scan). Larger, or with no resolution, it is fitted to the paper.
const MAX_SCAN_SIDE: f32 = 18.0 * 72.0;

/// One TIFF page, each strip drawn in its band of rows, printed at its own size when its
/// resolution is known: a letter page scanned at 200 dpi fills a letter page; a smaller scan
/// (a wallet card) sits at its size in the middle of a page of the packet's paper; a larger one
/// (legal, A4 on letter paper, a ledger sheet) is a page of its own size.
fn tiff_page(doc: &mut Document, parent: ObjectId, page: crate::tiff_pages::Page, paper: Paper) -> ObjectId {
    let (w, h) = (page.width as f32, page.height as f32);
    let (sw, sh) = page.dpi.map_or((w, h), |(x, y)| (w / x * 72.0, h / y * 72.0));
    let turned = (5..=8).contains(&page.orientation);
    let (dw, dh) = if turned { (sh, sw) } else { (sw, sh) };
    let actual = page.dpi.is_some() && (36.0..=MAX_SCAN_SIDE).contains(&dw) && (36.0..=MAX_SCAN_SIDE).contains(&dh);
    let (paper_w, paper_h) = if dw > dh { (paper.height, paper.width) } else { (paper.width, paper.height) };
    let (pw, ph, [x, y, iw, ih]) = if !actual {
        fit(dw, dh, paper)
    } else if dw <= paper_w + 1.0 && dh <= paper_h + 1.0 {
        (paper_w, paper_h, [(paper_w - dw) / 2.0, (paper_h - dh) / 2.0, dw, dh])
    } else {
        (dw, dh, [0.0, 0.0, dw, dh])
    };
    let m = image_matrix(page.orientation, x, y, iw, ih);
    let mut content = format!("q {} {} {} {} {} {} cm\n", m[0], m[1], m[2], m[3], m[4], m[5]);
    let mut images = Dictionary::new();
    for (i, band) in page.bands.into_iter().enumerate() {
        // In the unit square the whole image fills, this band's rows, counted from the top.
        let (height, bottom) = (band.rows as f32 / h, (page.height - band.top - band.rows) as f32 / h);
        content.push_str(&format!("q 1 0 0 {height} 0 {bottom} cm /Im{i} Do Q\n"));
        images.set(format!("Im{i}"), doc.add_object(Stream::new(band.dict, band.data).with_compression(false)));
    }
    content.push_str("Q\n");
    page_with(doc, parent, (pw, ph), images, content)
}

/// The generated pages plus every exhibit, stamped, linked and outlined.
pub fn assemble(
    data: &PacketData,
    generated: Vec<u8>,
    drawn: &Drawn,
    loaded: Vec<Loaded>,
    paper: Paper,
    on_exhibit: &mut dyn FnMut(usize),
) -> Result<Document> {
    let mut doc = Document::load_mem(&generated).map_err(pdf_error)?;
    doc.version = "1.7".into();
    let generated_pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let root_pages = doc.catalog().and_then(|c| c.get(b"Pages")).and_then(Object::as_reference).map_err(pdf_error)?;
    let placeholders: BTreeMap<usize, ObjectId> = drawn.placeholders.iter().map(|&(x, page)| (x, generated_pages[page])).collect();
    let front: Vec<ObjectId> = generated_pages.iter().enumerate().filter(|(i, _)| !drawn.placeholders.iter().any(|(_, p)| p == i)).map(|(_, id)| *id).collect();

    let mut order: Vec<(ObjectId, String)> = front.iter().map(|&id| (id, "Application packet".to_string())).collect();
    let mut first_page_of = Vec::with_capacity(loaded.len());
    let mut form = Form::default();
    for (i, (item, x)) in loaded.into_iter().zip(&data.exhibits).enumerate() {
        let pages = match item {
            Loaded::Pdf(ex) => merge_pdf(&mut doc, *ex, root_pages, &mut form, paper)?,
            Loaded::Failed(_) => placeholders.get(&i).copied().into_iter().collect(),
            Loaded::Referred => Vec::new(),
            image => image_pages(&mut doc, root_pages, image, paper),
        };
        let count = pages.len();
        first_page_of.push(pages.first().copied());
        for (k, page) in pages.into_iter().enumerate() {
            let label = if count > 1 { format!("Exhibit {} - page {} of {count}", x.label, k + 1) } else { format!("Exhibit {}", x.label) };
            order.push((page, label));
        }
        on_exhibit(i + 1);
    }

    let total = order.len();
    let font = doc.add_object(dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding"});
    let save = doc.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
    let restore = doc.add_object(Stream::new(Dictionary::new(), b"\nQ\n".to_vec()));
    for (n, (page, label)) in order.iter().enumerate() {
        stamp(&mut doc, *page, (save, restore), font, label, &format!("Page {} of {total}", n + 1))?;
    }
    let kids: Vec<Object> = order.iter().map(|(id, _)| Object::Reference(*id)).collect();
    let pages_dict = doc.get_dictionary_mut(root_pages).map_err(pdf_error)?;
    pages_dict.set("Kids", kids);
    pages_dict.set("Count", total as i64);

    for spot in &drawn.links {
        let (Some(&page), Some(Some(target))) = (generated_pages.get(spot.page), first_page_of.get(spot.exhibit)) else { continue };
        let annot = doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Link",
            "Rect" => spot.rect.iter().map(|v| Object::Real(*v)).collect::<Vec<_>>(),
            "Border" => vec![0.into(), 0.into(), 0.into()],
            "Dest" => vec![Object::Reference(*target), "Fit".into()],
        });
        let dict = doc.get_dictionary_mut(page).map_err(pdf_error)?;
        match dict.get_mut(b"Annots") {
            Ok(Object::Array(list)) => list.push(Object::Reference(annot)),
            _ => dict.set("Annots", vec![Object::Reference(annot)]),
        }
    }

    outline(&mut doc, data, drawn, &generated_pages, &first_page_of)?;
    let title = content::title(data);
    let info = doc.add_object(dictionary! {
        "Title" => text_string(&title),
        "Author" => text_string(&data.profile.full_name),
        "Subject" => text_string(&format!("{} application: summary, ledgers and {} exhibits", data.program.id.to_uppercase(), data.exhibits.len())),
        "Creator" => text_string("Clerkfolio"),
        "Producer" => text_string("Clerkfolio (printpdf, lopdf)"),
        "CreationDate" => text_string(&format!("D:{}", data.today.format("%Y%m%d"))),
    });
    doc.trailer.set("Info", info);
    doc.trailer.remove(b"Encrypt");
    let catalog = doc.catalog_mut().map_err(pdf_error)?;
    // printpdf's XMP packet would contradict the Info dictionary; the Info dictionary is the one kept.
    catalog.remove(b"Metadata");
    catalog.set("PageMode", "UseOutlines");
    catalog.set("Lang", text_string("en-US"));
    if !form.fields.is_empty() {
        // Form fields of exhibits keep working, with their own appearance settings.
        catalog.set("AcroForm", dictionary! { "Fields" => form.fields, "NeedAppearances" => form.need_appearances });
    }
    doc.prune_objects();
    Ok(doc)
}

/// One exhibit appended to an empty document exactly as [`assemble`] appends each (merged or
/// drawn on its page, every page stamped), then saved; see `packet::append_exhibit`.
pub fn append_one(e: &Evidence, bytes: Vec<u8>, paper: Paper) -> Result<usize> {
    let mut doc = Document::with_version("1.7");
    let root = doc.new_object_id();
    let pages = match parse(e, bytes) {
        Loaded::Pdf(ex) => merge_pdf(&mut doc, *ex, root, &mut Form::default(), paper)?,
        Loaded::Failed(why) => return Err(Error::Refused(why)),
        image => image_pages(&mut doc, root, image, paper),
    };
    let font = doc.add_object(dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica"});
    let save = doc.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
    let restore = doc.add_object(Stream::new(Dictionary::new(), b"\nQ\n".to_vec()));
    for (n, page) in pages.iter().enumerate() {
        stamp(&mut doc, *page, (save, restore), font, "Exhibit E-01", &format!("Page {}", n + 1))?;
    }
    let kids: Vec<Object> = pages.iter().map(|id| Object::Reference(*id)).collect();
    doc.objects.insert(root, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => pages.len() as i64 }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => root });
    doc.trailer.set("Root", catalog);
    doc.prune_objects();
    doc.save_to(&mut std::io::sink()).map_err(|e| Error::io("cannot write the exhibit", e))?;
    Ok(pages.len())
}

/// Bookmarks: Application → its sections; Exhibits → one per exhibit.
fn outline(doc: &mut Document, data: &PacketData, drawn: &Drawn, generated: &[ObjectId], first_page_of: &[Option<ObjectId>]) -> Result<()> {
    let root = doc.new_object_id();
    // (title, its page, its children as (title, page))
    type Group = (String, ObjectId, Vec<(String, ObjectId)>);
    let groups: Vec<Group> = vec![
        (
            "Application".to_string(),
            generated[0],
            std::iter::once(("Cover".to_string(), generated[0]))
                .chain(drawn.sections.iter().map(|(title, page)| (title.clone(), generated[*page])))
                .collect(),
        ),
        (
            "Exhibits".to_string(),
            first_page_of.iter().flatten().next().copied().unwrap_or(generated[0]),
            data.exhibits
                .iter()
                .zip(first_page_of)
                .filter_map(|(x, page)| page.map(|p| (format!("{} {}", x.label, x.title), p)))
                .collect(),
        ),
    ];
    let groups: Vec<_> = groups.into_iter().filter(|(_, _, kids)| !kids.is_empty()).collect();
    let group_ids: Vec<ObjectId> = groups.iter().map(|_| doc.new_object_id()).collect();
    let mut total = 0;
    for (g, (title, page, kids)) in groups.iter().enumerate() {
        let kid_ids: Vec<ObjectId> = kids.iter().map(|_| doc.new_object_id()).collect();
        for (k, (kid_title, kid_page)) in kids.iter().enumerate() {
            let mut item = dictionary! {
                "Title" => text_string(kid_title), "Parent" => group_ids[g],
                "Dest" => vec![Object::Reference(*kid_page), "Fit".into()],
            };
            if k > 0 {
                item.set("Prev", kid_ids[k - 1]);
            }
            if k + 1 < kid_ids.len() {
                item.set("Next", kid_ids[k + 1]);
            }
            doc.objects.insert(kid_ids[k], Object::Dictionary(item));
        }
        let mut item = dictionary! {
            "Title" => text_string(title), "Parent" => root, "Dest" => vec![Object::Reference(*page), "Fit".into()],
            "First" => kid_ids[0], "Last" => *kid_ids.last().expect("groups have kids"), "Count" => kid_ids.len() as i64,
        };
        if g > 0 {
            item.set("Prev", group_ids[g - 1]);
        }
        if g + 1 < group_ids.len() {
            item.set("Next", group_ids[g + 1]);
        }
        doc.objects.insert(group_ids[g], Object::Dictionary(item));
        total += 1 + kid_ids.len();
    }
    if let (Some(first), Some(last)) = (group_ids.first(), group_ids.last()) {
        doc.objects.insert(root, Object::Dictionary(dictionary! { "Type" => "Outlines", "First" => *first, "Last" => *last, "Count" => total as i64 }));
        doc.catalog_mut().map_err(pdf_error)?.set("Outlines", root);
    }
    Ok(())
}

/// Writes `doc` next to `out` and renames it into place; returns (pages, bytes).
pub fn save_atomically(mut doc: Document, out: &Path) -> Result<(usize, u64)> {
    let pages = doc.get_pages().len();
    files::existing_folder(out, "the packet to")?;
    let mut file = AtomicFile::create(out, &files::temp_prefix_for(out), format!("cannot write the packet to {}", out.display()))?;
    {
        let mut writer = BufWriter::with_capacity(1 << 20, file.file());
        doc.save_to(&mut writer).map_err(|e| Error::io(format!("cannot write the packet to {}", out.display()), e))?;
        writer.flush().map_err(|e| Error::io(format!("cannot write the packet to {}", out.display()), e))?;
    }
    let bytes = file.file().metadata().map_err(|e| file.fail(e))?.len();
    file.commit()?;
    Ok((pages, bytes))
}

/// A PDF of an image exhibit (a page per TIFF page), for the upload folder.
pub fn image_as_pdf(evidence: &Evidence, bytes: &[u8], paper: Paper) -> Result<Vec<u8>> {
    let cannot = |why: String| Error::Integrity(format!("{} cannot be read as an image: {why}", evidence.original_name));
    let loaded = match parse(evidence, bytes.to_vec()) {
        Loaded::Failed(why) => return Err(cannot(why)),
        Loaded::Pdf(_) => return Err(cannot("it is a PDF".into())),
        image => image,
    };
    let mut doc = Document::with_version("1.7");
    let pages = doc.new_object_id();
    let kids = image_pages(&mut doc, pages, loaded, paper);
    if kids.is_empty() {
        return Err(cannot("it has no pages".into()));
    }
    let count = kids.len() as i64;
    let kids: Vec<Object> = kids.into_iter().map(Object::Reference).collect();
    doc.objects.insert(pages, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| Error::io("cannot write the image exhibit as a PDF", e))?;
    Ok(out)
}
