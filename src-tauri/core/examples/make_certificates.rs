//! Writes the labelled set of text PDFs for `tests/certificates.rs`: twelve certificate layouts
//! seen in clerks' files (platform webinar, institute, letter, transcript, association points,
//! university CEUs, label/value form, conference, academy, European dates, landscape with
//! columns, a title stating other hours), four variants each with other names, titles, dates and
//! fonts (the 14 standard fonts through lopdf, or DejaVu Sans embedded as a subset with a
//! ToUnicode map through printpdf, as most real generators do), and `labels.json`: what a careful
//! reader would enter from each, fields not stated left out.
//!
//! `cargo run -p clerkfolio-core --example make_certificates` (then
//! `tests/fixtures/certificates/make-images.sh` makes the scans and photos from some of them).
//! The output is committed, so the set stays fixed; rerunning rewrites the same files.

use std::collections::BTreeMap;
use std::path::PathBuf;

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, StringFormat, dictionary};

const DEJAVU: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const DEJAVU_BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

#[derive(Clone, Copy, PartialEq)]
enum Font {
    Regular,
    Bold,
    Italic,
}

enum Align {
    Left,
    Centre,
    Right,
}

struct Text {
    text: String,
    x: f32,
    y: f32,
    size: f32,
    font: Font,
    align: Align,
}

struct Sheet {
    width: f32,
    height: f32,
    texts: Vec<Text>,
    rules: Vec<(f32, f32, f32, f32)>,
}

impl Sheet {
    fn new(landscape: bool) -> Sheet {
        let (width, height) = if landscape { (792.0, 612.0) } else { (612.0, 792.0) };
        Sheet { width, height, texts: Vec::new(), rules: vec![(36.0, 36.0, width - 36.0, 36.0)] }
    }
    fn centre(&mut self, text: &str, y: f32, size: f32, font: Font) {
        let x = self.width / 2.0;
        self.texts.push(Text { text: text.into(), x, y, size, font, align: Align::Centre });
    }
    fn left(&mut self, text: &str, x: f32, y: f32, size: f32, font: Font) {
        self.texts.push(Text { text: text.into(), x, y, size, font, align: Align::Left });
    }
    fn right(&mut self, text: &str, x: f32, y: f32, size: f32, font: Font) {
        self.texts.push(Text { text: text.into(), x, y, size, font, align: Align::Right });
    }
    fn rule(&mut self, x1: f32, y1: f32, x2: f32) {
        self.rules.push((x1, y1, x2, y1));
    }
    fn border(&mut self) {
        let (w, h) = (self.width, self.height);
        self.rules.extend([(30.0, 30.0, w - 30.0, 30.0), (30.0, h - 30.0, w - 30.0, h - 30.0), (30.0, 30.0, 30.0, h - 30.0), (w - 30.0, 30.0, w - 30.0, h - 30.0)]);
    }
}

/// Approximate advance: good enough to centre text (the reader never sees these widths).
fn width(text: &str, size: f32, font: Font) -> f32 {
    text.chars().count() as f32 * size * if font == Font::Bold { 0.58 } else { 0.5 }
}

fn x_of(t: &Text) -> f32 {
    match t.align {
        Align::Left => t.x,
        Align::Centre => t.x - width(&t.text, t.size, t.font) / 2.0,
        Align::Right => t.x - width(&t.text, t.size, t.font),
    }
}

/// The standard 14 fonts: families Helvetica, Times, Courier (chosen per file).
fn standard_pdf(sheet: &Sheet, family: usize) -> Vec<u8> {
    let names = [["Helvetica", "Helvetica-Bold", "Helvetica-Oblique"], ["Times-Roman", "Times-Bold", "Times-Italic"], ["Courier", "Courier-Bold", "Courier-Oblique"]][family % 3];
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let mut fonts = lopdf::Dictionary::new();
    for (i, name) in names.iter().enumerate() {
        let id = doc.add_object(dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => *name, "Encoding" => "WinAnsiEncoding"});
        fonts.set(format!("F{i}"), id);
    }
    let resources = doc.add_object(dictionary! {"Font" => fonts});
    let mut ops = vec![Operation::new("w", vec![1.into()])];
    for &(x1, y1, x2, y2) in &sheet.rules {
        ops.extend([Operation::new("m", vec![x1.into(), y1.into()]), Operation::new("l", vec![x2.into(), y2.into()]), Operation::new("S", vec![])]);
    }
    for t in &sheet.texts {
        let font = match t.font {
            Font::Regular => "F0",
            Font::Bold => "F1",
            Font::Italic => "F2",
        };
        let bytes: Vec<u8> = t.text.chars().map(win_ansi).collect();
        ops.extend([
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec![font.into(), t.size.into()]),
            Operation::new("Td", vec![x_of(t).into(), t.y.into()]),
            Operation::new("Tj", vec![Object::String(bytes, StringFormat::Literal)]),
            Operation::new("ET", vec![]),
        ]);
    }
    let content = Content { operations: ops }.encode().expect("content encodes");
    let content_id = doc.add_object(Stream::new(dictionary! {}, content));
    let page = doc.add_object(dictionary! {"Type" => "Page", "Parent" => pages_id, "Contents" => content_id});
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), sheet.width.into(), sheet.height.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog);
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("in memory");
    out
}

fn win_ansi(c: char) -> u8 {
    match c {
        '\u{2013}' => 0x96,
        '\u{2014}' => 0x97,
        '\u{2019}' => 0x92,
        '\u{201C}' => 0x93,
        '\u{201D}' => 0x94,
        c if (c as u32) < 256 => c as u8,
        _ => b'?',
    }
}

/// DejaVu Sans embedded as a subset (printpdf writes the ToUnicode map).
fn embedded_pdf(sheet: &Sheet) -> Vec<u8> {
    use printpdf::{Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem};
    let mut doc = PdfDocument::new("Certificate");
    let regular = doc.add_font(&ParsedFont::from_bytes(DEJAVU, 0, &mut Vec::new()).expect("font"));
    let bold = doc.add_font(&ParsedFont::from_bytes(DEJAVU_BOLD, 0, &mut Vec::new()).expect("font"));
    let mut ops = vec![Op::SetOutlineThickness { pt: Pt(1.0) }];
    for &(x1, y1, x2, y2) in &sheet.rules {
        let p = |x: f32, y: f32| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false };
        ops.push(Op::DrawLine { line: Line { points: vec![p(x1, y1), p(x2, y2)], is_closed: false } });
    }
    for t in &sheet.texts {
        let font = if t.font == Font::Bold { bold.clone() } else { regular.clone() };
        ops.extend([
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(font), size: Pt(t.size) },
            Op::SetTextCursor { pos: Point { x: Pt(x_of(t)), y: Pt(t.y) } },
            Op::ShowText { items: vec![TextItem::Text(t.text.clone())] },
            Op::EndTextSection,
        ]);
    }
    let page = PdfPage::new(Mm::from(Pt(sheet.width)), Mm::from(Pt(sheet.height)), ops);
    let options = PdfSaveOptions { subset_fonts: true, ..Default::default() };
    doc.with_pages(vec![page]).save(&options, &mut Vec::new())
}

/// One certificate's facts; the layouts print them, the labels state them.
#[derive(Clone)]
struct Facts {
    name: &'static str,
    employer: &'static str,
    title: &'static str,
    provider: &'static str,
    start: (i32, u32, u32),
    end: Option<(i32, u32, u32)>,
    hours: f64,
    number: &'static str,
}

const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

fn iso(d: (i32, u32, u32)) -> String {
    format!("{:04}-{:02}-{:02}", d.0, d.1, d.2)
}

/// "March 18–22, 2024", "March 30 – April 2, 2024" or "March 5, 2024".
fn us_dates(f: &Facts) -> String {
    let (y, m, d) = f.start;
    match f.end {
        Some((_, m2, d2)) if m2 == m => format!("{} {d}\u{2013}{d2}, {y}", MONTHS[m as usize - 1]),
        Some((y2, m2, d2)) => format!("{} {d} \u{2013} {} {d2}, {y2}", MONTHS[m as usize - 1], MONTHS[m2 as usize - 1]),
        None => format!("{} {d}, {y}", MONTHS[m as usize - 1]),
    }
}

fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn people() -> Vec<Facts> {
    let f = |name, employer, title, provider, start, end, hours, number| Facts { name, employer, title, provider, start, end, hours, number };
    vec![
        f("Jane Q. Doe", "City of Riverton", "Records Management Essentials", "Northwest Clerks Institute", (2024, 3, 18), Some((2024, 3, 22)), 21.0, "NWCI-2024-0173"),
        f("Marcus Delgado", "Town of Fairview", "Parliamentary Procedure for Clerks", "Texas Municipal Clerks Association", (2023, 9, 12), None, 6.5, "TMCA-88412"),
        f("Priya Raman", "Village of Oak Park", "Open Meetings and Public Records Law", "League of Minnesota Cities", (2024, 6, 3), Some((2024, 6, 4)), 12.0, "LMC-24-1907"),
        f("Robert O'Neill", "Borough of Lakeside", "Election Administration Fundamentals", "Municipal Clerks Education Foundation", (2022, 11, 15), None, 3.0, "MCEF/22/5521"),
        f("Karen Whitfield", "City of Marion", "Budgeting Basics for Local Government", "Center for Public Service Learning", (2023, 4, 20), None, 1.5, "CPS-00931"),
        f("Luis Martinez", "City of Santa Elena", "Ethics in Public Service", "Carolina Clerks Academy", (2024, 3, 30), Some((2024, 4, 2)), 16.0, "CCA-7781"),
        f("Anne-Marie Leblanc", "Ville de Moncton", "Managing Municipal Elections", "Institute for Local Government Studies", (2023, 5, 8), None, 3.0, "ILGS-2023-044"),
        f("Thomas Nguyen", "County of Harlan", "Advanced Minutes Writing", "Association of Records Managers", (2024, 1, 25), None, 4.0, "ARM-2401-77"),
    ]
}

type Labels = BTreeMap<String, BTreeMap<&'static str, String>>;

/// `wrap-jpeg IN.jpg OUT.pdf DPI`: an image-only PDF around a JPEG, as a copier's "scan to PDF"
/// makes (used by make-images.sh; ImageMagick's PDF writer is disabled by Debian's policy).
fn wrap_jpeg(input: &str, output: &str, dpi: f32) {
    let jpeg = std::fs::read(input).expect("read jpeg");
    let img = image::load_from_memory(&jpeg).expect("decode jpeg");
    let (w, h) = (img.width() as f32, img.height() as f32);
    let gray = img.color().channel_count() == 1;
    let (pw, ph) = (w * 72.0 / dpi, h * 72.0 / dpi);
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let image_id = doc.add_object(Stream::new(
        dictionary! {"Type" => "XObject", "Subtype" => "Image", "Width" => w as i64, "Height" => h as i64,
            "ColorSpace" => if gray { "DeviceGray" } else { "DeviceRGB" }, "BitsPerComponent" => 8, "Filter" => "DCTDecode"},
        jpeg,
    ));
    let ops = vec![
        Operation::new("q", vec![]),
        Operation::new("cm", vec![pw.into(), 0.into(), 0.into(), ph.into(), 0.into(), 0.into()]),
        Operation::new("Do", vec!["Im0".into()]),
        Operation::new("Q", vec![]),
    ];
    let content = doc.add_object(Stream::new(dictionary! {}, Content { operations: ops }.encode().expect("encodes")));
    let resources = doc.add_object(dictionary! {"XObject" => dictionary! {"Im0" => image_id}});
    let page = doc.add_object(dictionary! {"Type" => "Page", "Parent" => pages_id, "Contents" => content, "Resources" => resources,
        "MediaBox" => vec![0.into(), 0.into(), pw.into(), ph.into()]});
    doc.objects.insert(pages_id, Object::Dictionary(dictionary! {"Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1}));
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog);
    doc.save(output).expect("write pdf");
}

/// `exif-orientation FILE.jpg N`: inserts an EXIF segment with orientation N (ImageMagick 6 does
/// not write one into a JPEG that had no EXIF), as a phone stores a sideways shot.
fn exif_orientation(file: &str, orientation: u16) {
    let jpeg = std::fs::read(file).expect("read jpeg");
    assert!(jpeg.starts_with(&[0xFF, 0xD8]), "{file} is not a JPEG");
    let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01".to_vec();
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    std::fs::write(file, out).expect("write jpeg");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("exif-orientation") {
        exif_orientation(&args[1], args[2].parse().expect("orientation 1-8"));
        return;
    }
    if args.first().map(String::as_str) == Some("wrap-jpeg") {
        wrap_jpeg(&args[1], &args[2], args.get(3).and_then(|d| d.parse().ok()).unwrap_or(200.0));
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/certificates");
    let pdf_dir = root.join("pdf");
    std::fs::create_dir_all(&pdf_dir).expect("folder");
    let mut labels: Labels = BTreeMap::new();
    let people = people();
    let mut n = 0;
    for layout in 0..12 {
        for variant in 0..4 {
            let f = people[(layout * 3 + variant * 5) % people.len()].clone();
            let (sheet, fields) = layouts::draw(layout, variant, &f);
            let name = format!("l{:02}-{}-v{variant}.pdf", layout + 1, layouts::NAMES[layout]);
            // One variant in four embeds DejaVu (subset + ToUnicode), the rest use the standard fonts.
            let bytes = if variant == 3 { embedded_pdf(&sheet) } else { standard_pdf(&sheet, variant + layout) };
            std::fs::write(pdf_dir.join(&name), bytes).expect("write");
            labels.insert(name, fields);
            n += 1;
        }
    }
    let json = serde_json::to_string_pretty(&labels).expect("json");
    std::fs::write(root.join("labels.json"), json + "\n").expect("write labels");
    println!("wrote {n} certificates and labels.json to {}", root.display());
}

#[path = "make_certificates/layouts.rs"]
mod layouts;
