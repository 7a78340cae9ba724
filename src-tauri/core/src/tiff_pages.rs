//! TIFF evidence, as scanners, copiers and fax software write it: one or many pages, each 1-bit
//! CCITT Group 4 or Group 3, LZW, Deflate, PackBits, JPEG or uncompressed, grey, RGB, palette,
//! YCbCr or CMYK, 1 to 16 bits. Read with image-rs's `tiff` crate (pure Rust); fax pages with the
//! `fax` crate it builds on (it has Group 3, and honours the bit order copiers may choose).
//!
//! Every page's size is checked from its tags before any pixel is decoded ([`MAX_IMAGE_PIXELS`],
//! [`MAX_PDF_PAGES`]), and the decoders' buffers are capped besides, so a lying header costs
//! nothing. For the packet, what PDF can carry as it is passes through byte for byte: Group 4 and
//! Group 3 strips as `CCITTFaxDecode`, JPEG strips as `DCTDecode` (each strip its own image,
//! drawn in its band of rows); everything else is decoded and stored losslessly with Flate.

use std::io::{Cursor, Write};

use lopdf::{Dictionary, dictionary};
use tiff::decoder::{ChunkType, Decoder, DecodingResult, Limits};
use tiff::tags::Tag;

use crate::vault::{MAX_IMAGE_PIXELS, MAX_PDF_PAGES, jpeg_is_complete};

/// Why a TIFF cannot be evidence.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// Over a limit that keeps time and memory bounded.
    TooLarge(String),
    /// Cut short, or its tags or data do not hold together.
    Damaged(String),
    /// Well-formed, but stored in a way Clerkfolio does not read.
    Unsupported(String),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::TooLarge(why) | Problem::Damaged(why) | Problem::Unsupported(why) => f.write_str(why),
        }
    }
}

/// One page ready for the packet: its images (bands of rows), size and resolution.
pub struct Page {
    pub width: u32,
    pub height: u32,
    /// Horizontal and vertical dots per inch, when the file says (fax pages differ: 204 × 98).
    pub dpi: Option<(f32, f32)>,
    /// The TIFF Orientation tag, numbered as EXIF's (1 = upright).
    pub orientation: u8,
    pub bands: Vec<Band>,
}

/// An image XObject covering rows `top..top + rows` of its page.
pub struct Band {
    pub top: u32,
    pub rows: u32,
    /// The image dictionary, without `/Length`.
    pub dict: Dictionary,
    /// The stream's bytes, already encoded per the dictionary's `/Filter`.
    pub data: Vec<u8>,
}

/// Decoded pixels: rows packed (sub-byte samples MSB first, 16-bit big-endian); grey is
/// min-is-black whatever the file said.
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub colour: Colour,
    pub bits: u8,
    pub data: Vec<u8>,
}

/// CMYK pages become RGB by the plain formula libtiff, ImageMagick and image viewers use, so
/// the packet shows the colours the clerk saw (PDF readers each convert DeviceCMYK their own way).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Colour {
    Gray,
    Rgb,
}

impl Colour {
    fn channels(self) -> usize {
        match self {
            Colour::Gray => 1,
            Colour::Rgb => 3,
        }
    }
}

const COMPRESSION_NONE: u16 = 1;
const COMPRESSION_FAX3: u16 = 3;
const COMPRESSION_FAX4: u16 = 4;
const COMPRESSION_JPEG: u16 = 7;

/// The tags of one page that decide how it is read.
struct Header {
    width: u32,
    height: u32,
    compression: u16,
    photometric: u16,
    bits: u16,
    samples: u16,
    /// T4Options (Group 3): bit 0 two-dimensional coding, bit 2 fill bits before each EOL.
    t4: u32,
    lsb_first: bool,
    dpi: Option<(f32, f32)>,
    orientation: u8,
}

/// The decoders' own caps, besides the page size checked from the tags: the pixels of
/// [`MAX_IMAGE_PIXELS`] at 16-bit RGBA, as for other images.
fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.decoding_buffer_size = (MAX_IMAGE_PIXELS * 8) as usize;
    limits
}

fn damaged(e: impl std::fmt::Display) -> Problem {
    Problem::Damaged(e.to_string())
}

fn open(bytes: &[u8]) -> Result<Decoder<Cursor<&[u8]>>, Problem> {
    Decoder::new(Cursor::new(bytes)).map(|d| d.with_limits(limits())).map_err(damaged)
}

/// Calls `each(decoder, page index)` on every page, in order, stopping past [`MAX_PDF_PAGES`].
fn for_each_page(bytes: &[u8], mut each: impl FnMut(&mut Decoder<Cursor<&[u8]>>, usize) -> Result<(), Problem>) -> Result<u32, Problem> {
    let mut decoder = open(bytes)?;
    let mut index = 0;
    loop {
        if index == MAX_PDF_PAGES {
            return Err(Problem::TooLarge(format!(
                "it has more than {MAX_PDF_PAGES} pages; the limit is {MAX_PDF_PAGES} pages per file: split it into the parts the application needs"
            )));
        }
        each(&mut decoder, index).map_err(|p| match p {
            Problem::TooLarge(why) => Problem::TooLarge(format!("page {} {why}", index + 1)),
            Problem::Damaged(why) => Problem::Damaged(format!("page {} cannot be read: {why}", index + 1)),
            Problem::Unsupported(why) => Problem::Unsupported(format!("page {} {why}", index + 1)),
        })?;
        index += 1;
        if !decoder.more_images() {
            return Ok(index as u32);
        }
        decoder.next_image().map_err(|e| Problem::Damaged(format!("page {} cannot be found: {e}", index + 1)))?;
    }
}

/// What all pages of one file may hold together: 2 gigapixels, 59 letter pages scanned at 600 dpi
/// or 500 at 200 dpi. Checked from the tags before any page is decoded, so 500 pages that all
/// point at one large strip cost no decoding time.
pub const MAX_TOTAL_PIXELS: u64 = 2_000_000_000;

/// Reads every page's tags (no pixels): the page count, each page's size, their sum.
pub fn survey(bytes: &[u8]) -> Result<u32, Problem> {
    let mut total = 0u64;
    for_each_page(bytes, |decoder, _| {
        let h = header(decoder)?;
        total += h.width as u64 * h.height as u64;
        Ok(())
    })
    .and_then(|pages| {
        if total > MAX_TOTAL_PIXELS {
            return Err(Problem::TooLarge(format!(
                "its {pages} pages hold {} megapixels together; the limit is {} megapixels per file: split it, or scan at 300 dpi",
                total / 1_000_000,
                MAX_TOTAL_PIXELS / 1_000_000
            )));
        }
        Ok(pages)
    })
}

/// Checks every page decodes within the limits and nothing the file refers to lies past its end;
/// returns the page count. Run when the file is added, so the packet never meets a page it
/// cannot draw, and a file cut short is refused even when its first page survived the cut.
pub fn check(bytes: &[u8]) -> Result<u32, Problem> {
    survey(bytes)?;
    for_each_page(bytes, |decoder, _| {
        whole(decoder, bytes.len() as u64)?;
        decode_page(decoder, bytes).map(drop)
    })
}

/// Every tag value of the page readable, and its image data and that of its sub-images (a
/// thumbnail, a layer) within the file's `len` bytes.
fn whole(decoder: &mut Decoder<Cursor<&[u8]>>, len: u64) -> Result<(), Problem> {
    let cut = || Problem::Damaged("the file is cut short: parts it refers to are missing".into());
    let mut subs = Vec::new();
    for tag in decoder.tag_iter() {
        match tag {
            Ok((Tag::SubIfd, value)) => subs = value.into_ifd_vec().map_err(damaged)?,
            Ok(_) | Err(tiff::TiffError::LimitsExceeded) => {}
            Err(_) => return Err(cut()),
        }
    }
    let data_within = |tags: &mut dyn FnMut(Tag) -> Option<Vec<u64>>| -> bool {
        [(Tag::StripOffsets, Tag::StripByteCounts), (Tag::TileOffsets, Tag::TileByteCounts)].into_iter().all(|(offsets, counts)| {
            let (offsets, counts) = (tags(offsets).unwrap_or_default(), tags(counts).unwrap_or_default());
            offsets.iter().zip(&counts).all(|(&o, &c)| o.checked_add(c).is_some_and(|end| end <= len))
        })
    };
    if !data_within(&mut |tag| decoder.find_tag_unsigned_vec::<u64>(tag).ok().flatten()) {
        return Err(cut());
    }
    for sub in subs.into_iter().take(16) {
        let dir = decoder.read_directory(sub).map_err(|_| cut())?;
        let mut tags = decoder.read_directory_tags(&dir);
        if !data_within(&mut |tag| tags.find_tag_unsigned_vec::<u64>(tag).ok().flatten()) {
            return Err(cut());
        }
    }
    Ok(())
}

/// The first page, decoded (for previews and thumbnails).
pub fn first_page(bytes: &[u8]) -> Result<image::DynamicImage, Problem> {
    let mut decoder = open(bytes)?;
    let pixels = decode_page(&mut decoder, bytes)?;
    Ok(pixels.into_image())
}

/// Every page as the packet draws it.
pub fn pdf_pages(bytes: &[u8]) -> Result<Vec<Page>, Problem> {
    survey(bytes)?;
    let mut pages = Vec::new();
    for_each_page(bytes, |decoder, _| {
        let header = header(decoder)?;
        let bands = match pass_through(decoder, bytes, &header) {
            Some(bands) => bands,
            None => vec![flate_band(decode_page(decoder, bytes)?)],
        };
        pages.push(Page { width: header.width, height: header.height, dpi: header.dpi, orientation: header.orientation, bands });
        Ok(())
    })?;
    Ok(pages)
}

fn header(decoder: &mut Decoder<Cursor<&[u8]>>) -> Result<Header, Problem> {
    let (width, height) = decoder.dimensions().map_err(damaged)?;
    if width == 0 || height == 0 {
        return Err(Problem::Damaged("it has no pixels (0 wide or high)".into()));
    }
    let pixels = width as u64 * height as u64;
    if pixels > MAX_IMAGE_PIXELS {
        return Err(Problem::TooLarge(format!(
            "is {width} × {height} pixels ({} megapixels); the limit is {} megapixels: save or scan it at 300 dpi",
            pixels / 1_000_000,
            MAX_IMAGE_PIXELS / 1_000_000
        )));
    }
    let short = |d: &mut Decoder<Cursor<&[u8]>>, tag: Tag, default: u16| -> Result<u16, Problem> {
        Ok(d.find_tag_unsigned::<u16>(tag).map_err(damaged)?.unwrap_or(default))
    };
    let compression = short(decoder, Tag::Compression, COMPRESSION_NONE)?;
    let photometric = short(decoder, Tag::PhotometricInterpretation, 1)?;
    let bits = decoder.find_tag_unsigned_vec::<u16>(Tag::BitsPerSample).map_err(damaged)?.and_then(|b| b.first().copied()).unwrap_or(1);
    let samples = short(decoder, Tag::SamplesPerPixel, 1)?;
    let t4 = decoder.find_tag_unsigned::<u32>(Tag::Unknown(292)).map_err(damaged)?.unwrap_or(0);
    let lsb_first = short(decoder, Tag::FillOrder, 1)? == 2;
    let orientation = short(decoder, Tag::Orientation, 1)?;
    let orientation = if (1..=8).contains(&orientation) { orientation as u8 } else { 1 };
    let resolution = |d: &mut Decoder<Cursor<&[u8]>>, tag: Tag| match d.find_tag(tag).ok().flatten()? {
        tiff::decoder::ifd::Value::Rational(n, d) if d > 0 => Some(n as f64 / d as f64),
        tiff::decoder::ifd::Value::Float(v) => Some(v as f64),
        tiff::decoder::ifd::Value::Double(v) => Some(v),
        _ => None,
    };
    let unit = match short(decoder, Tag::ResolutionUnit, 2)? {
        2 => Some(1.0),
        3 => Some(2.54),
        _ => None,
    };
    let dpi = match (resolution(decoder, Tag::XResolution), resolution(decoder, Tag::YResolution), unit) {
        (Some(x), Some(y), Some(unit)) if x.is_finite() && y.is_finite() && x >= 10.0 && y >= 10.0 && x <= 10_000.0 && y <= 10_000.0 => {
            Some(((x * unit) as f32, (y * unit) as f32))
        }
        _ => None,
    };
    Ok(Header { width, height, compression, photometric, bits, samples, t4, lsb_first, dpi, orientation })
}

/// The page's strips as PDF filters can carry them, untouched (but for bit order); None when
/// the page must be decoded (tiles, planar data, other compressions, anything unexpected).
fn pass_through(decoder: &mut Decoder<Cursor<&[u8]>>, bytes: &[u8], h: &Header) -> Option<Vec<Band>> {
    if decoder.get_chunk_type() != ChunkType::Strip || decoder.find_tag_unsigned::<u16>(Tag::PlanarConfiguration).ok()?.unwrap_or(1) != 1 {
        return None;
    }
    let offsets = decoder.find_tag_unsigned_vec::<u64>(Tag::StripOffsets).ok()??;
    let counts = decoder.find_tag_unsigned_vec::<u64>(Tag::StripByteCounts).ok()??;
    let per_strip = decoder.find_tag_unsigned::<u32>(Tag::RowsPerStrip).ok()?.unwrap_or(h.height).clamp(1, h.height);
    if offsets.len() != counts.len() || offsets.len() as u64 != (h.height as u64).div_ceil(per_strip as u64) {
        return None;
    }
    let strips = offsets.iter().zip(&counts).enumerate().map(|(i, (&offset, &count))| {
        let top = i as u32 * per_strip;
        let data = bytes.get(usize::try_from(offset).ok()?..usize::try_from(offset.checked_add(count)?).ok()?)?;
        Some((top, per_strip.min(h.height - top), data))
    });
    match (h.compression, h.bits, h.samples) {
        (COMPRESSION_FAX4 | COMPRESSION_FAX3, 1, 1) if h.photometric <= 1 && h.t4 & 1 == 0 => {
            let (k, aligned) = if h.compression == COMPRESSION_FAX4 { (-1, false) } else { (0, h.t4 & 4 != 0) };
            strips
                .map(|strip| {
                    let (top, rows, data) = strip?;
                    let data = if h.lsb_first { data.iter().map(|b| b.reverse_bits()).collect() } else { data.to_vec() };
                    // Fax codes say "white" and "black"; the file's photometric says which the
                    // bits mean, and /BlackIs1 says the same to the PDF reader.
                    let params = dictionary! {
                        "K" => k, "Columns" => h.width as i64, "Rows" => rows as i64,
                        "BlackIs1" => h.photometric == 1, "EncodedByteAlign" => aligned,
                    };
                    let dict = dictionary! {
                        "Type" => "XObject", "Subtype" => "Image", "Width" => h.width as i64, "Height" => rows as i64,
                        "ColorSpace" => "DeviceGray", "BitsPerComponent" => 1,
                        "Filter" => "CCITTFaxDecode", "DecodeParms" => params,
                    };
                    Some(Band { top, rows, dict, data })
                })
                .collect()
        }
        (COMPRESSION_JPEG, 8, samples @ (1 | 3)) if matches!((h.photometric, samples), (1, 1) | (2 | 6, 3)) => {
            let tables = decoder.find_tag(Tag::JPEGTables).ok().flatten().and_then(|v| v.into_u8_vec().ok());
            strips
                .map(|strip| {
                    let (top, rows, data) = strip?;
                    let jpeg = with_tables(tables.as_deref(), data);
                    let info = crate::packet::jpeg_info(&jpeg)?;
                    if info.width != h.width || info.height != rows || info.components as u16 != samples || !jpeg_is_complete(&jpeg) {
                        return None;
                    }
                    let mut dict = dictionary! {
                        "Type" => "XObject", "Subtype" => "Image", "Width" => h.width as i64, "Height" => rows as i64,
                        "ColorSpace" => if samples == 1 { "DeviceGray" } else { "DeviceRGB" }, "BitsPerComponent" => 8,
                        "Filter" => "DCTDecode",
                    };
                    if samples == 3 {
                        // RGB stored as RGB must not be converted from YCbCr (an Adobe marker in
                        // the data, if any, says the same).
                        dict.set("DecodeParms", dictionary! { "ColorTransform" => i64::from(h.photometric == 6) });
                    }
                    Some(Band { top, rows, dict, data: jpeg })
                })
                .collect()
        }
        _ => None,
    }
}

/// A JPEG strip made whole: TIFF keeps the quantisation and Huffman tables shared in
/// `JPEGTables` (SOI tables EOI) and each strip as SOI scan EOI; the tables go in after the SOI.
fn with_tables(tables: Option<&[u8]>, strip: &[u8]) -> Vec<u8> {
    match tables {
        Some(t) if t.len() > 4 && t.starts_with(&[0xFF, 0xD8]) && t.ends_with(&[0xFF, 0xD9]) && strip.starts_with(&[0xFF, 0xD8]) => {
            let mut jpeg = Vec::with_capacity(t.len() + strip.len());
            jpeg.extend_from_slice(&t[..t.len() - 2]);
            jpeg.extend_from_slice(&strip[2..]);
            jpeg
        }
        _ => strip.to_vec(),
    }
}

/// Decoded pixels as one image band, stored with Flate (lossless).
fn flate_band(p: Pixels) -> Band {
    let colour = match p.colour {
        Colour::Gray => "DeviceGray",
        Colour::Rgb => "DeviceRGB",
    };
    let dict = dictionary! {
        "Type" => "XObject", "Subtype" => "Image", "Width" => p.width as i64, "Height" => p.height as i64,
        "ColorSpace" => colour, "BitsPerComponent" => p.bits as i64, "Filter" => "FlateDecode",
    };
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let data = encoder.write_all(&p.data).and_then(|()| encoder.finish()).expect("writing to memory cannot fail");
    Band { top: 0, rows: p.height, dict, data }
}

/// Decodes the decoder's current page, its size checked from the tags first.
fn decode_page(decoder: &mut Decoder<Cursor<&[u8]>>, bytes: &[u8]) -> Result<Pixels, Problem> {
    let h = header(decoder)?;
    if matches!(h.compression, COMPRESSION_FAX3 | COMPRESSION_FAX4) {
        return decode_fax(decoder, bytes, &h);
    }
    if h.compression == 6 {
        return Err(Problem::Unsupported(
            "uses old-style JPEG compression (from before 1995), which Clerkfolio does not read: open it and save it again as TIFF or PDF".into(),
        ));
    }
    let colour = decoder.colortype().map_err(unsupported)?;
    let result = decoder.read_image().map_err(|e| match e {
        tiff::TiffError::UnsupportedError(e) => unsupported(e),
        tiff::TiffError::LimitsExceeded => Problem::TooLarge("needs more memory to decode than a page may use".into()),
        e => damaged(e),
    })?;
    let (w, height) = (h.width, h.height);
    use tiff::ColorType as C;
    // (colour, bits per sample, samples per pixel in the data, samples kept)
    let (out, bits, stride) = match colour {
        C::Gray(b) => (Colour::Gray, b, 1),
        C::GrayA(b) => (Colour::Gray, b, 2),
        C::RGB(b) => (Colour::Rgb, b, 3),
        C::RGBA(b) => (Colour::Rgb, b, 4),
        C::CMYK(b) => (Colour::Rgb, b, 4),
        C::CMYKA(b) => (Colour::Rgb, b, 5),
        C::YCbCr(8) => (Colour::Rgb, 8, 3),
        C::Palette(b) if b <= 8 => (Colour::Rgb, 8, 1),
        other => return Err(Problem::Unsupported(format!("is stored as {other:?}, which Clerkfolio does not read: save it as an RGB or greyscale TIFF, or as PDF"))),
    };
    let data = match (result, colour) {
        (DecodingResult::U8(data), C::CMYK(8) | C::CMYKA(8)) => cmyk_to_rgb(&data, stride, 255),
        (DecodingResult::U16(data), C::CMYK(16) | C::CMYKA(16)) => cmyk_to_rgb(&data, stride, 65535),
        (DecodingResult::U8(data), C::Palette(b)) => palette_to_rgb(decoder, &data, w, height, b)?,
        (DecodingResult::U8(data), C::YCbCr(_)) => ycbcr_to_rgb(&data),
        (DecodingResult::U8(data), _) if stride == out.channels() => data,
        (DecodingResult::U8(data), _) if bits == 8 => data.chunks_exact(stride).flat_map(|px| &px[..out.channels()]).copied().collect(),
        (DecodingResult::U16(data), _) if bits == 16 => {
            data.chunks_exact(stride).flat_map(|px| &px[..out.channels()]).flat_map(|s| s.to_be_bytes()).collect()
        }
        _ => return Err(Problem::Unsupported(format!("is stored as {colour:?}, which Clerkfolio does not read: save it as an RGB or greyscale TIFF, or as PDF"))),
    };
    if !matches!(bits, 1 | 2 | 4 | 8 | 16) || (bits < 8 && stride != 1) {
        return Err(Problem::Unsupported(format!("uses {bits}-bit samples, which Clerkfolio does not read")));
    }
    let bits = if matches!(colour, C::Palette(_) | C::CMYK(_) | C::CMYKA(_)) { 8 } else { bits };
    let row = (w as usize * out.channels() * bits as usize).div_ceil(8);
    if data.len() < row * height as usize {
        return Err(Problem::Damaged("its pixel data is shorter than its size says".into()));
    }
    Ok(Pixels { width: w, height, colour: out, bits, data })
}

fn unsupported(e: impl std::fmt::Display) -> Problem {
    Problem::Unsupported(format!("is stored in a way Clerkfolio does not read ({e}): save it again as TIFF (LZW or Group 4) or as PDF"))
}

/// Group 3 (Modified Huffman, one-dimensional) and Group 4 strips, decoded with the `fax` crate
/// (which the `tiff` crate uses too, but without honouring FillOrder, which copiers set).
fn decode_fax(decoder: &mut Decoder<Cursor<&[u8]>>, bytes: &[u8], h: &Header) -> Result<Pixels, Problem> {
    if h.compression == COMPRESSION_FAX3 && h.t4 & 1 != 0 {
        return Err(Problem::Unsupported(
            "uses two-dimensional Group 3 fax coding, which Clerkfolio does not read: save it as Group 4 TIFF or as PDF".into(),
        ));
    }
    if h.bits != 1 || h.samples != 1 || h.width > u16::MAX as u32 {
        return Err(damaged("a fax page must be one bit per pixel and at most 65535 pixels wide"));
    }
    if decoder.get_chunk_type() != ChunkType::Strip {
        return Err(Problem::Unsupported("is a fax image stored in tiles, which Clerkfolio does not read: save it as PDF".into()));
    }
    let offsets = decoder.find_tag_unsigned_vec::<u64>(Tag::StripOffsets).map_err(damaged)?.unwrap_or_default();
    let counts = decoder.find_tag_unsigned_vec::<u64>(Tag::StripByteCounts).map_err(damaged)?.unwrap_or_default();
    let per_strip = decoder.find_tag_unsigned::<u32>(Tag::RowsPerStrip).map_err(damaged)?.unwrap_or(h.height).clamp(1, h.height);
    let (width, row) = (h.width as u16, (h.width as usize).div_ceil(8));
    let mut data = Vec::with_capacity(row * h.height as usize);
    let white_is_one = h.photometric == 0;
    let line = |transitions: &[u16], data: &mut Vec<u8>| {
        let mut packed = vec![0u8; row];
        for (x, colour) in fax::decoder::pels(transitions, width).enumerate() {
            // Min-is-black output: white is 1.
            if (colour == fax::Color::White) == white_is_one {
                packed[x / 8] |= 0x80 >> (x % 8);
            }
        }
        data.extend(packed);
    };
    for (i, (&offset, &count)) in offsets.iter().zip(&counts).enumerate() {
        let rows = per_strip.min(h.height.saturating_sub(i as u32 * per_strip));
        if rows == 0 || rows > u16::MAX as u32 {
            break;
        }
        let strip = usize::try_from(offset)
            .ok()
            .zip(offset.checked_add(count).and_then(|end| usize::try_from(end).ok()))
            .and_then(|(start, end)| bytes.get(start..end))
            .ok_or_else(|| damaged("a strip lies past the end of the file"))?;
        let strip: Vec<u8> = if h.lsb_first { strip.iter().map(|b| b.reverse_bits()).collect() } else { strip.to_vec() };
        let before = data.len();
        if h.compression == COMPRESSION_FAX4 {
            fax::decoder::decode_g4(strip.iter().copied(), width, Some(rows as u16), |t| line(t, &mut data));
        } else {
            let reader = strip.iter().map(|&b| Ok::<u8, std::convert::Infallible>(b));
            let mut g3 = fax::decoder::Group3Decoder::new(reader).map_err(|_| damaged("a fax strip does not start with an end-of-line code"))?;
            while data.len() < before + rows as usize * row {
                let status = g3.advance();
                // The last line is followed by no end-of-line code unless the page ends with an
                // RTC: it is whole if its runs cover the width.
                if status.is_ok() || g3.transitions().last().is_some_and(|&x| x as u32 >= h.width) {
                    line(g3.transitions(), &mut data);
                }
                if !matches!(status, Ok(fax::decoder::DecodeStatus::Incomplete)) {
                    break;
                }
            }
        }
        if data.len() < before + rows as usize * row {
            return Err(Problem::Damaged(format!("its fax data ends after {} of {} lines", data.len() / row, h.height)));
        }
        data.truncate(before + rows as usize * row);
    }
    if data.len() < row * h.height as usize {
        return Err(Problem::Damaged(format!("its fax data ends after {} of {} lines", data.len() / row, h.height)));
    }
    Ok(Pixels { width: h.width, height: h.height, colour: Colour::Gray, bits: 1, data })
}

fn palette_to_rgb(decoder: &mut Decoder<Cursor<&[u8]>>, indices: &[u8], width: u32, height: u32, bits: u8) -> Result<Vec<u8>, Problem> {
    let map = decoder.get_tag_u16_vec(Tag::ColorMap).map_err(|_| damaged("its colour palette is missing"))?;
    let entries = 1usize << bits;
    if map.len() < 3 * entries {
        return Err(damaged("its colour palette is too short"));
    }
    let row = (width as usize * bits as usize).div_ceil(8);
    let mut out = Vec::with_capacity(width as usize * height as usize * 3);
    for r in indices.chunks(row).take(height as usize) {
        for x in 0..width as usize {
            let bit = x * bits as usize;
            let index = (r[bit / 8] >> (8 - bits as usize - bit % 8)) as usize & (entries - 1);
            out.extend([map[index], map[entries + index], map[2 * entries + index]].map(|v| (v >> 8) as u8));
        }
    }
    Ok(out)
}

/// CMYK (`stride` samples a pixel, the first four C, M, Y, K) to 8-bit RGB, as libtiff does.
fn cmyk_to_rgb<T: Copy + Into<u64>>(data: &[T], stride: usize, max: u64) -> Vec<u8> {
    data.chunks_exact(stride)
        .flat_map(|p| {
            let k = max - p[3].into();
            [0, 1, 2].map(|c| ((max - p[c].into()) * k * 255 / (max * max)) as u8)
        })
        .collect()
}

/// JFIF's YCbCr to RGB (what JPEG-compressed TIFF pages decode to).
fn ycbcr_to_rgb(data: &[u8]) -> Vec<u8> {
    let clamp = |v: f32| v.round().clamp(0.0, 255.0) as u8;
    data.chunks_exact(3)
        .flat_map(|p| {
            let (y, cb, cr) = (p[0] as f32, p[1] as f32 - 128.0, p[2] as f32 - 128.0);
            [clamp(y + 1.402 * cr), clamp(y - 0.344_136 * cb - 0.714_136 * cr), clamp(y + 1.772 * cb)]
        })
        .collect()
}

impl Pixels {
    /// As an `image` picture (8-bit, or 16-bit kept), for previews.
    pub fn into_image(self) -> image::DynamicImage {
        use image::DynamicImage as D;
        let (w, h) = (self.width, self.height);
        let sixteen = |data: &[u8]| data.chunks_exact(2).map(|s| u16::from_be_bytes([s[0], s[1]])).collect::<Vec<u16>>();
        let built = match (self.colour, self.bits) {
            (Colour::Gray, 8) => image::GrayImage::from_raw(w, h, self.data).map(D::ImageLuma8),
            (Colour::Gray, 16) => image::ImageBuffer::from_raw(w, h, sixteen(&self.data)).map(D::ImageLuma16),
            (Colour::Gray, bits) => {
                let row = (w as usize * bits as usize).div_ceil(8);
                let max = (1u16 << bits) - 1;
                let gray = image::GrayImage::from_fn(w, h, |x, y| {
                    let bit = x as usize * bits as usize;
                    let byte = self.data[y as usize * row + bit / 8];
                    let v = (byte >> (8 - bits as usize - bit % 8)) as u16 & max;
                    image::Luma([(v * 255 / max) as u8])
                });
                Some(D::ImageLuma8(gray))
            }
            (Colour::Rgb, 8) => image::RgbImage::from_raw(w, h, self.data).map(D::ImageRgb8),
            (Colour::Rgb, _) => image::ImageBuffer::from_raw(w, h, sixteen(&self.data)).map(D::ImageRgb16),
        };
        built.expect("decode_page checked the data's length")
    }
}
