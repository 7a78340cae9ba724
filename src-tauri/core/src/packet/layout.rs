//! The generated pages: cover, applicant and membership, point summary, ledgers, exhibit index,
//! readiness checklist, attestation, and a placeholder page for any exhibit that could not be
//! read. Drawn with printpdf on an embedded, subset DejaVu Sans (any Unicode name prints), with
//! text measured from the font's own advances so long titles wrap and tables continue on the next
//! page under a repeated header. Layout runs until the page numbers settle (at most four passes,
//! `content::render`): each pass learns where sections start, the next prints those page numbers
//! on the cover.

use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rect, Rgb, TextItem,
};

use crate::error::{Error, Result};

const REGULAR_TTF: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

pub const INK: (f32, f32, f32) = (0.11, 0.13, 0.17);
pub const MUTED: (f32, f32, f32) = (0.40, 0.43, 0.48);
pub const ACCENT: (f32, f32, f32) = (0.09, 0.24, 0.45);
pub const RULE: (f32, f32, f32) = (0.80, 0.83, 0.87);
pub const ZEBRA: (f32, f32, f32) = (0.955, 0.965, 0.975);
pub const GOOD: (f32, f32, f32) = (0.10, 0.45, 0.24);
pub const BAD: (f32, f32, f32) = (0.70, 0.15, 0.15);
pub const TRACK: (f32, f32, f32) = (0.88, 0.90, 0.93);

/// Page size in points. Letter by default: IIMC is North American.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paper {
    pub width: f32,
    pub height: f32,
}

impl Paper {
    pub const LETTER: Paper = Paper { width: 612.0, height: 792.0 };
    pub const A4: Paper = Paper { width: 595.28, height: 841.89 };
    /// The sizes a clerk can choose, by the names the CLI and the app use.
    pub const NAMES: [&str; 2] = ["letter", "a4"];

    /// `letter` or `a4`.
    pub fn named(name: &str) -> Option<Paper> {
        match name {
            "letter" => Some(Paper::LETTER),
            "a4" => Some(Paper::A4),
            _ => None,
        }
    }
}

pub const MARGIN_X: f32 = 54.0;
const TOP: f32 = 64.0;
/// Room at the bottom for the page stamp ("Page N of M").
pub const BOTTOM: f32 = 60.0;

pub struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

impl Fonts {
    pub fn load() -> Result<Fonts> {
        let parse = |bytes: &[u8]| {
            ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
                .ok_or_else(|| Error::Integrity("the packet font could not be read (damaged build)".into()))
        };
        Ok(Fonts { regular: parse(REGULAR_TTF)?, bold: parse(BOLD_TTF)? })
    }

    /// The characters of `text` the packet's font cannot draw (they would print as a box):
    /// emoji, most scripts beyond Latin, Greek and Cyrillic. Spaces and control characters are
    /// not drawn and not counted.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control() && self.regular.lookup_glyph_index(*c as u32).is_none_or(|g| g == 0))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Width of `text` in points, from the font's advances.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let font = if bold { &self.bold } else { &self.regular };
        let upem = font.font_metrics.units_per_em as f32;
        let units: f32 = text
            .chars()
            .map(|c| font.lookup_glyph_index(c as u32).map_or(upem * 0.6, |g| font.get_horizontal_advance(g) as f32))
            .sum();
        units / upem * size
    }

    /// Breaks `text` into lines no wider than `max`, at spaces where possible. Widths are
    /// summed as the line grows, never re-measured: measuring each longer candidate again made
    /// a 1 MB title take seconds (quadratic); this is linear in the text.
    pub fn wrap(&self, text: &str, max: f32, size: f32, bold: bool) -> Vec<String> {
        let space = self.width(" ", size, bold);
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let (mut line, mut line_width) = (String::new(), 0.0);
            for word in paragraph.split_whitespace() {
                let word_width = self.width(word, size, bold);
                let joined = if line.is_empty() { word_width } else { line_width + space + word_width };
                if joined <= max {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_width = joined;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // A word wider than the column (a long file name) is broken by characters.
                let (mut piece, mut piece_width) = (String::new(), 0.0);
                for c in word.chars() {
                    let c_width = self.width(c.encode_utf8(&mut [0; 4]), size, bold);
                    if piece_width + c_width > max && !piece.is_empty() {
                        lines.push(std::mem::take(&mut piece));
                        piece_width = 0.0;
                    }
                    piece.push(c);
                    piece_width += c_width;
                }
                (line, line_width) = (piece, piece_width);
            }
            lines.push(line);
        }
        lines
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Right,
}

/// One line of text in a cell, with its look.
#[derive(Debug, Clone)]
pub struct Span {
    pub text: String,
    pub size: f32,
    pub bold: bool,
    pub color: (f32, f32, f32),
}

impl Span {
    pub fn body(text: impl Into<String>) -> Span {
        Span { text: text.into(), size: 8.8, bold: false, color: INK }
    }
    pub fn strong(text: impl Into<String>) -> Span {
        Span { text: text.into(), size: 8.8, bold: true, color: INK }
    }
    pub fn note(text: impl Into<String>) -> Span {
        Span { text: text.into(), size: 7.6, bold: false, color: MUTED }
    }
    pub fn colored(mut self, color: (f32, f32, f32)) -> Span {
        self.color = color;
        self
    }
}

pub struct Column {
    pub title: &'static str,
    /// Share of the text width.
    pub share: f32,
    pub align: Align,
}

pub struct Row {
    pub cells: Vec<Vec<Span>>,
    /// Cell index and exhibit index for a clickable reference.
    pub link: Option<(usize, usize)>,
    pub bold_rule: bool,
}

/// A clickable area on a generated page that jumps to an exhibit's first page.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkSpot {
    pub page: usize,
    pub rect: [f32; 4],
    pub exhibit: usize,
}

/// The pages drawn, where each section starts, and the link areas.
pub struct Drawn {
    pub pages: Vec<Vec<Op>>,
    pub sections: Vec<(String, usize)>,
    pub links: Vec<LinkSpot>,
    /// Page index of each placeholder page, by exhibit index.
    pub placeholders: Vec<(usize, usize)>,
}

pub struct Writer<'a> {
    fonts: &'a Fonts,
    ids: (FontId, FontId),
    pub paper: Paper,
    pages: Vec<Vec<Op>>,
    pub y: f32,
    sections: Vec<(String, usize)>,
    links: Vec<LinkSpot>,
    placeholders: Vec<(usize, usize)>,
    running_head: String,
}

fn rgb((r, g, b): (f32, f32, f32)) -> Color {
    Color::Rgb(Rgb { r, g, b, icc_profile: None })
}

impl<'a> Writer<'a> {
    pub fn new(fonts: &'a Fonts, ids: (FontId, FontId), paper: Paper, running_head: String) -> Writer<'a> {
        Writer { fonts, ids, paper, pages: Vec::new(), y: 0.0, sections: Vec::new(), links: Vec::new(), placeholders: Vec::new(), running_head }
    }

    pub fn fonts(&self) -> &Fonts {
        self.fonts
    }

    pub fn finish(self) -> Drawn {
        Drawn { pages: self.pages, sections: self.sections, links: self.links, placeholders: self.placeholders }
    }

    pub fn text_width(&self) -> f32 {
        self.paper.width - 2.0 * MARGIN_X
    }

    pub fn page_index(&self) -> usize {
        self.pages.len().saturating_sub(1)
    }

    /// Starts a page; all but the cover carry a small running head.
    pub fn new_page(&mut self, running_head: bool) {
        self.pages.push(Vec::new());
        self.y = self.paper.height - TOP;
        if running_head {
            let head = self.running_head.clone();
            self.text(MARGIN_X, self.paper.height - 36.0, 7.5, false, MUTED, &head);
            self.rule(self.paper.height - 42.0, RULE, 0.5);
        }
    }

    /// Starts a section on a new page and remembers it for the outline and the cover.
    pub fn section(&mut self, title: &str) {
        self.new_page(true);
        self.sections.push((title.to_string(), self.page_index()));
        self.text(MARGIN_X, self.y, 17.0, true, ACCENT, title);
        self.y -= 10.0;
        self.rule(self.y, ACCENT, 1.2);
        self.y -= 22.0;
    }

    pub fn subheading(&mut self, title: &str) {
        self.ensure(40.0);
        self.y -= 4.0;
        self.text(MARGIN_X, self.y, 11.5, true, INK, title);
        self.y -= 16.0;
    }

    /// Keeps `height` points of room, else continues on a new page.
    pub fn ensure(&mut self, height: f32) -> bool {
        if self.y - height < BOTTOM {
            self.new_page(true);
            return true;
        }
        false
    }

    pub fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, color: (f32, f32, f32), text: &str) {
        let font = if bold { self.ids.1.clone() } else { self.ids.0.clone() };
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFillColor { col: rgb(color) },
            Op::SetFont { font: PdfFontHandle::External(font), size: Pt(size) },
            Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(y) } },
            Op::ShowText { items: vec![TextItem::Text(text.to_string())] },
            Op::EndTextSection,
        ]);
    }

    pub fn text_right(&mut self, right: f32, y: f32, size: f32, bold: bool, color: (f32, f32, f32), text: &str) {
        let w = self.fonts.width(text, size, bold);
        self.text(right - w, y, size, bold, color, text);
    }

    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, color: (f32, f32, f32)) {
        self.ops().extend([
            Op::SetFillColor { col: rgb(color) },
            Op::DrawRectangle {
                rectangle: Rect { x: Pt(x), y: Pt(y), width: Pt(w), height: Pt(h), mode: Some(PaintMode::Fill), winding_order: None },
            },
        ]);
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, color: (f32, f32, f32), thickness: f32) {
        let point = |x, y| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false };
        self.ops().extend([
            Op::SetOutlineColor { col: rgb(color) },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine { line: Line { points: vec![point(x1, y1), point(x2, y2)], is_closed: false } },
        ]);
    }

    pub fn rule(&mut self, y: f32, color: (f32, f32, f32), thickness: f32) {
        self.line(MARGIN_X, y, self.paper.width - MARGIN_X, y, color, thickness);
    }

    /// A wrapped paragraph at the cursor.
    pub fn paragraph(&mut self, text: &str, size: f32, color: (f32, f32, f32)) {
        let lines = self.fonts.wrap(text, self.text_width(), size, false);
        for line in lines {
            self.ensure(size * 1.5);
            self.text(MARGIN_X, self.y, size, false, color, &line);
            self.y -= size * 1.45;
        }
        self.y -= size * 0.5;
    }

    /// A list item with a marker glyph in its own colour.
    pub fn item(&mut self, marker: &str, marker_color: (f32, f32, f32), text: &str, detail: Option<&str>) {
        let indent = 16.0;
        let width = self.text_width() - indent;
        let mut lines: Vec<(String, f32, (f32, f32, f32))> =
            self.fonts.wrap(text, width, 9.5, false).into_iter().map(|l| (l, 9.5, INK)).collect();
        if let Some(d) = detail {
            lines.extend(self.fonts.wrap(d, width, 8.0, false).into_iter().map(|l| (l, 8.0, MUTED)));
        }
        let height: f32 = lines.iter().map(|(_, s, _)| s * 1.45).sum();
        self.ensure(height + 4.0);
        self.text(MARGIN_X, self.y, 10.0, true, marker_color, marker);
        for (line, size, color) in lines {
            self.text(MARGIN_X + indent, self.y, size, false, color, &line);
            self.y -= size * 1.45;
        }
        self.y -= 5.0;
    }

    /// Label/value pairs in two columns.
    pub fn fields(&mut self, pairs: &[(&str, String)]) {
        let label_w = 150.0;
        for (label, value) in pairs {
            let lines = self.fonts.wrap(if value.is_empty() { "—" } else { value }, self.text_width() - label_w, 10.0, false);
            self.ensure(lines.len() as f32 * 14.0 + 6.0);
            self.text(MARGIN_X, self.y, 9.0, false, MUTED, label);
            for line in &lines {
                self.text(MARGIN_X + label_w, self.y, 10.0, false, INK, line);
                self.y -= 14.0;
            }
            self.y -= 4.0;
        }
    }

    /// A progress bar: the share earned of what is required.
    pub fn bar(&mut self, x: f32, y: f32, w: f32, share: f32, met: bool) {
        self.fill(x, y, w, 6.0, TRACK);
        let share = share.clamp(0.0, 1.0);
        if share > 0.0 {
            self.fill(x, y, w * share, 6.0, if met { GOOD } else { ACCENT });
        }
    }

    /// A table that wraps cell text and continues on new pages under a repeated header.
    pub fn table(&mut self, columns: &[Column], rows: &[Row]) {
        let total = self.text_width();
        let widths: Vec<f32> = columns.iter().map(|c| c.share * total).collect();
        let pad = 4.0;
        let header = |w: &mut Writer| {
            w.ensure(34.0);
            let mut x = MARGIN_X;
            for (c, width) in columns.iter().zip(&widths) {
                match c.align {
                    Align::Left => w.text(x + pad, w.y, 7.6, true, MUTED, c.title),
                    Align::Right => w.text_right(x + width - pad, w.y, 7.6, true, MUTED, c.title),
                }
                x += width;
            }
            w.y -= 6.0;
            w.rule(w.y, INK, 0.8);
            w.y -= 12.0;
        };
        header(self);
        for (i, row) in rows.iter().enumerate() {
            let wrapped: Vec<Vec<Span>> = row
                .cells
                .iter()
                .zip(&widths)
                .map(|(spans, width)| {
                    spans
                        .iter()
                        .flat_map(|s| {
                            self.fonts.wrap(&s.text, width - 2.0 * pad, s.size, s.bold).into_iter().map(|t| Span { text: t, ..s.clone() })
                        })
                        .collect()
                })
                .collect();
            let height = wrapped.iter().map(|c| c.iter().map(|s| s.size * 1.4).sum::<f32>()).fold(0.0, f32::max) + 6.0;
            if self.y - height < BOTTOM {
                self.new_page(true);
                header(self);
            }
            let top = self.y + 9.0;
            if i % 2 == 1 {
                self.fill(MARGIN_X, top - height, total, height, ZEBRA);
            }
            let mut x = MARGIN_X;
            for (c, (cell, width)) in columns.iter().zip(wrapped.iter().zip(&widths)) {
                let mut y = self.y;
                for span in cell {
                    match c.align {
                        Align::Left => self.text(x + pad, y, span.size, span.bold, span.color, &span.text),
                        Align::Right => self.text_right(x + width - pad, y, span.size, span.bold, span.color, &span.text),
                    }
                    y -= span.size * 1.4;
                }
                x += width;
            }
            if let Some((cell, exhibit)) = row.link {
                let x0 = MARGIN_X + widths[..cell].iter().sum::<f32>();
                self.links.push(LinkSpot { page: self.page_index(), rect: [x0, top - height, x0 + widths[cell], top], exhibit });
            }
            self.y -= height;
            if row.bold_rule {
                self.rule(top - height, INK, 0.8);
            }
        }
        self.y -= 10.0;
    }

    /// A page that stands in for an exhibit that could not be read.
    /// The page standing in for an exhibit that could not be read: what it is, in words for
    /// the reviewer (the clerk is told the reason where the packet is made, not in it).
    pub fn placeholder(&mut self, exhibit: usize, label: &str, title: &str, file: &str) {
        self.new_page(true);
        self.placeholders.push((exhibit, self.page_index()));
        self.y -= 80.0;
        self.text(MARGIN_X, self.y, 20.0, true, BAD, &format!("Exhibit {label} could not be included"));
        self.y -= 30.0;
        self.paragraph(title, 12.0, INK);
        self.paragraph(&format!("File: {file}"), 10.0, MUTED);
        self.paragraph("This document was not available when the packet was prepared.", 10.0, INK);
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        self.pages.last_mut().expect("a page exists")
    }
}

/// Renders the drawn pages into a PDF with the fonts embedded as subsets.
pub fn render(title: &str, paper: Paper, draw: impl FnOnce(&mut Writer) -> Result<()>, running_head: String) -> Result<(Vec<u8>, Drawn)> {
    let fonts = Fonts::load()?;
    let mut doc = PdfDocument::new(title);
    let ids = (doc.add_font(&fonts.regular), doc.add_font(&fonts.bold));
    let mut writer = Writer::new(&fonts, ids, paper, running_head);
    draw(&mut writer)?;
    let drawn = writer.finish();
    let pages = drawn
        .pages
        .iter()
        .map(|ops| PdfPage::new(Pt(paper.width).into(), Pt(paper.height).into(), ops.clone()))
        .collect();
    let options = PdfSaveOptions { subset_fonts: true, ..Default::default() };
    let bytes = doc.with_pages(pages).save(&options, &mut Vec::new());
    Ok((bytes, drawn))
}
