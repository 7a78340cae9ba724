//! The one shape the field finder reads, whether the words came from a PDF's text layer or from
//! OCR: lines of text with where they sit on the page and how large they are.
//!
//! Coordinates are normalised so that the page is 1000 units wide (y grows downwards), which makes
//! "large", "near the top" and "far apart" mean the same for a 612 pt PDF page and a 3000 px photo.

/// One line of text as laid out on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// Page index, 0-based.
    pub page: usize,
    pub x0: f32,
    pub x1: f32,
    /// Top and bottom of the line's box.
    pub top: f32,
    pub bottom: f32,
    /// The font size (PDF) or the line height (OCR), in the same units as x and y.
    pub size: f32,
    /// 1.0 for a PDF's text; Tesseract's mean word confidence (0..1) for OCR.
    pub conf: f32,
}

/// The lines of the first pages of a document, in reading order (page, top to bottom, left to right).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub lines: Vec<Line>,
    /// Height of the first page in the normalised units (1000 × height / width).
    pub height: f32,
}

impl Page {
    /// Pages one after another as one sequence of lines, each line numbered by its page's place
    /// here; the height is the first page's.
    pub fn join(pages: impl IntoIterator<Item = Page>) -> Page {
        let mut out = Page { lines: Vec::new(), height: 0.0 };
        for (index, page) in pages.into_iter().enumerate() {
            if index == 0 {
                out.height = page.height;
            }
            out.lines.extend(page.lines.into_iter().map(|line| Line { page: index, ..line }));
        }
        if out.height <= 0.0 {
            out.height = 1294.0; // a letter page's height, 1000 units wide
        }
        out
    }

    /// The typical body text size: the median of line sizes weighted by their characters.
    pub fn body_size(&self) -> f32 {
        let mut sizes: Vec<(f32, usize)> = self.lines.iter().map(|l| (l.size, l.text.chars().count())).collect();
        sizes.sort_by(|a, b| a.0.total_cmp(&b.0));
        let total: usize = sizes.iter().map(|s| s.1).sum();
        let mut seen = 0;
        for (size, n) in sizes {
            seen += n;
            if seen * 2 >= total {
                return size;
            }
        }
        10.0
    }
}

/// A run of glyphs (or an OCR word) placed on the page, before it is grouped into lines.
#[derive(Debug, Clone)]
pub struct Piece {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    /// The baseline (PDF) or the box bottom (OCR).
    pub base: f32,
    pub size: f32,
    pub conf: f32,
}

/// Groups pieces of one page into lines: same baseline (within a third of the size), sorted left
/// to right, with a space where the gap is wider than a narrow letter, and split in two where the
/// gap is wide enough to be a separate column ("Date: …" on the left, "Signature" on the right).
pub fn group(mut pieces: Vec<Piece>, page: usize) -> Vec<Line> {
    pieces.retain(|p| !p.text.trim().is_empty() || p.text == " ");
    pieces.sort_by(|a, b| a.base.total_cmp(&b.base).then(a.x0.total_cmp(&b.x0)));
    let mut rows: Vec<Vec<Piece>> = Vec::new();
    for p in pieces {
        match rows.last_mut() {
            Some(row) if (row[0].base - p.base).abs() <= 0.35 * row[0].size.max(p.size) => row.push(p),
            _ => rows.push(vec![p]),
        }
    }
    let mut lines = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut current: Vec<Piece> = Vec::new();
        for p in row {
            if let Some(last) = current.last() {
                let gap = p.x0 - last.x1;
                let size = last.size.max(p.size);
                // A label ending in a colon keeps its value however far right it is printed.
                let label = current.iter().rev().find(|p| !p.text.trim().is_empty()).is_some_and(|p| p.text.trim_end().ends_with(':'));
                if gap > 3.0 * size && !label {
                    lines.push(to_line(std::mem::take(&mut current), page));
                }
            }
            current.push(p);
        }
        if !current.is_empty() {
            lines.push(to_line(current, page));
        }
    }
    lines.retain(|l| !l.text.is_empty());
    lines
}

fn to_line(pieces: Vec<Piece>, page: usize) -> Line {
    let mut text = String::new();
    let mut last_x1: Option<f32> = None;
    let mut sizes: Vec<f32> = pieces.iter().filter(|p| p.text.trim() != "").map(|p| p.size).collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes.get(sizes.len() / 2).copied().unwrap_or(1.0);
    for p in &pieces {
        if let Some(x1) = last_x1 {
            // A gap of a sixth of the size is wider than letter spacing and narrower than a
            // space in every font we met; PDFs that draw their spaces need no guess at all.
            if p.x0 - x1 > 0.16 * size && !text.ends_with(' ') && !p.text.starts_with(' ') {
                text.push(' ');
            }
        }
        text.push_str(&p.text);
        last_x1 = Some(last_x1.map_or(p.x1, |x| x.max(p.x1)));
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let words: Vec<&Piece> = pieces.iter().filter(|p| !p.text.trim().is_empty()).collect();
    let conf = if words.is_empty() { 0.0 } else { words.iter().map(|p| p.conf).sum::<f32>() / words.len() as f32 };
    let base = pieces.iter().map(|p| p.base).fold(f32::MIN, f32::max);
    Line {
        text,
        page,
        x0: pieces.iter().map(|p| p.x0).fold(f32::MAX, f32::min),
        x1: pieces.iter().map(|p| p.x1).fold(f32::MIN, f32::max),
        top: base - size,
        bottom: base,
        size,
        conf,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(text: &str, x0: f32, x1: f32, base: f32, size: f32) -> Piece {
        Piece { text: text.into(), x0, x1, base, size, conf: 1.0 }
    }

    #[test]
    fn glyphs_become_words_lines_and_columns() {
        let pieces = vec![
            piece("H", 100.0, 107.0, 200.0, 12.0),
            piece("i", 107.0, 110.0, 200.5, 12.0),
            piece("y", 114.0, 120.0, 200.0, 12.0),
            piece("o", 120.0, 126.0, 200.0, 12.0),
            piece("Far", 400.0, 420.0, 200.0, 12.0),
            piece("Next", 100.0, 130.0, 230.0, 12.0),
        ];
        let lines = group(pieces, 0);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Hi yo", "Far", "Next"]);
        assert_eq!(lines[0].size, 12.0);
    }
}
