//! OCR with Tesseract, run as a separate program (a "sidecar"), never linked: a crash or a hang
//! in it costs one file, it is killed after a timeout, and the app builds and runs without it.
//! Nothing is sent anywhere: the picture goes to a temporary file, Tesseract's TSV comes back on
//! its standard output.
//!
//! Where it is looked for, in order: `CLERKFOLIO_TESSERACT` (a path), beside the running program
//! (where the installers put the bundled copy, with its `tessdata` folder), then `PATH`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use super::layout::{Line, Page};

/// The environment variable naming the Tesseract program to use.
pub const TESSERACT_ENV: &str = "CLERKFOLIO_TESSERACT";
/// Scanned PDF pages are rendered at this resolution for OCR: Tesseract reads 10 pt print
/// reliably from 200 dpi up, and time grows with the pixels (300 dpi took 40% longer for the same
/// fields on the labelled set).
pub const OCR_DPI: f32 = 250.0;
/// Pictures are scaled so that their longest side is at most this many pixels (a 12 MP phone
/// photo is 4000 px; the words on a certificate stay legible at 3000).
pub const MAX_SIDE: u32 = 3000;

/// How to run OCR: which program (if one was found) and how long one page may take.
#[derive(Debug, Clone)]
pub struct Ocr {
    program: std::result::Result<PathBuf, String>,
    pub timeout: Duration,
}

impl Ocr {
    /// Finds Tesseract as described in the module documentation.
    pub fn find() -> Ocr {
        let missing = format!(
            "the OCR engine (Tesseract) is not installed: install it (Debian/Ubuntu: apt install tesseract-ocr tesseract-ocr-eng) or set {TESSERACT_ENV}"
        );
        let program = crate::sidecar::find(TESSERACT_ENV, "tesseract", &missing);
        Ocr { program, timeout: Duration::from_secs(60) }
    }

    /// Uses this program (tests and benchmarks).
    pub fn with_program(path: impl Into<PathBuf>) -> Ocr {
        Ocr { program: Ok(path.into()), timeout: Duration::from_secs(60) }
    }

    /// No OCR, with the reason readings will give.
    pub fn disabled(reason: impl Into<String>) -> Ocr {
        Ocr { program: Err(reason.into()), timeout: Duration::from_secs(60) }
    }

    /// This OCR with at most `timeout` per page.
    pub fn with_timeout(&self, timeout: Duration) -> Ocr {
        Ocr { program: self.program.clone(), timeout }
    }

    /// The program, or why there is none.
    pub fn program(&self) -> std::result::Result<&Path, &str> {
        self.program.as_deref().map_err(String::as_str)
    }

    /// OCR of a grayscale picture.
    pub fn read_image(&self, image: &image::GrayImage) -> std::result::Result<Page, String> {
        let mut png = Vec::new();
        image
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .map_err(|e| format!("cannot prepare the picture for OCR: {e}"))?;
        self.read_encoded(&png, "png", 0)
    }

    /// OCR of page `page` (0-based) of an encoded picture Tesseract reads itself (PNG, TIFF).
    pub fn read_encoded(&self, bytes: &[u8], extension: &str, page: usize) -> std::result::Result<Page, String> {
        let program = self.program().map_err(str::to_string)?;
        let file = tempfile::Builder::new()
            .prefix("clerkfolio-ocr-")
            .suffix(&format!(".{extension}"))
            .tempfile()
            .map_err(|e| format!("cannot write a temporary file for OCR: {e}"))?;
        std::fs::write(file.path(), bytes).map_err(|e| format!("cannot write a temporary file for OCR: {e}"))?;
        let tsv = run(program, file.path(), page, self.timeout)?;
        Ok(parse_tsv(&tsv))
    }
}

/// Runs `tesseract IMAGE stdout --psm 3 tsv` on one page (a multi-page TIFF is otherwise read
/// whole, however many pages it has) with one thread (readings run on their own worker threads;
/// Tesseract's OpenMP threads on top of them only fight for the same cores).
fn run(program: &Path, image: &Path, page: usize, timeout: Duration) -> std::result::Result<String, String> {
    let mut command = Command::new(program);
    command
        .arg(image)
        .arg("stdout")
        .args(["-l", "eng", "--psm", "3", "--dpi", "300", "-c"])
        .arg(format!("tessedit_page_number={page}"))
        .arg("tsv")
        .env("OMP_THREAD_LIMIT", "1");
    // A bundled copy keeps its language data beside it.
    if let Some(data) = program.parent().map(|d| d.join("tessdata")).filter(|d| d.is_dir()) {
        command.env("TESSDATA_PREFIX", data);
    }
    let out = crate::sidecar::run(&mut command, program, timeout, "the OCR engine").map_err(|failure| match failure {
        crate::sidecar::Failure::Missing => format!("cannot start the OCR engine {}: it is no longer there", program.display()),
        crate::sidecar::Failure::TimedOut => format!("the OCR engine took longer than {} s and was stopped", timeout.as_secs()),
        crate::sidecar::Failure::Failed(why) => why,
    })?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Tesseract's TSV: one row per page, block, paragraph, line and word. Words are joined per line
/// (Tesseract's own line grouping); a line's size is its box height, its confidence the mean of
/// its words'. Coordinates are scaled to a page 1000 units wide. Only the first page is read
/// (Tesseract is asked for one page at a time: pages are [`Page::join`]ed by the caller).
pub fn parse_tsv(tsv: &str) -> Page {
    struct Acc {
        key: (u32, u32, u32, u32),
        words: Vec<(String, f32, f32, f32)>,
        box_: (f32, f32, f32, f32),
    }
    let mut page_w = 1.0f32;
    let mut page_h = 1.0f32;
    let mut lines: Vec<Acc> = Vec::new();
    let mut first_page = None;
    for row in tsv.lines().skip(1) {
        let c: Vec<&str> = row.split('\t').collect();
        if c.len() < 12 {
            continue;
        }
        let n = |i: usize| c[i].trim().parse::<f32>().unwrap_or(0.0);
        let level = n(0) as u32;
        let key = (n(1) as u32, n(2) as u32, n(3) as u32, n(4) as u32);
        if *first_page.get_or_insert(key.0) != key.0 {
            break;
        }
        match level {
            1 => {
                page_w = n(8).max(1.0);
                page_h = n(9).max(1.0);
            }
            4 => lines.push(Acc { key, words: Vec::new(), box_: (n(6), n(7), n(6) + n(8), n(7) + n(9)) }),
            5 => {
                let text = c[11].trim();
                let conf = n(10);
                if text.is_empty() || conf < 0.0 {
                    continue;
                }
                if let Some(l) = lines.iter_mut().rev().find(|l| l.key == key) {
                    l.words.push((text.to_string(), conf / 100.0, n(6), n(6) + n(8)));
                }
            }
            _ => {}
        }
    }
    let k = 1000.0 / page_w;
    let mut out = Page { lines: Vec::new(), height: page_h * k };
    for l in lines {
        let (_, top, _, bottom) = l.box_;
        let height = (bottom - top).max(1.0);
        // Tesseract joins words on one baseline into one line even when they are far apart
        // ("Participant: Jane Doe" ... "Transcript No. T2023"): split where a gap is wider than
        // three line heights, as the PDF reader does, unless the left part is a label ("Date:").
        let mut segments: Vec<Vec<&(String, f32, f32, f32)>> = Vec::new();
        for w in &l.words {
            match segments.last_mut() {
                Some(seg) if w.2 - seg.last().expect("non-empty").3 <= 3.0 * height || seg.last().expect("non-empty").0.ends_with(':') => seg.push(w),
                _ => segments.push(vec![w]),
            }
        }
        for seg in segments {
            let conf = seg.iter().map(|w| w.1).sum::<f32>() / seg.len() as f32;
            let text = seg.iter().map(|w| w.0.as_str()).collect::<Vec<_>>().join(" ");
            // Speckles and photo backgrounds come out as low-confidence runs of symbols.
            if conf < 0.35 || !text.chars().any(char::is_alphanumeric) {
                continue;
            }
            out.lines.push(Line {
                text,
                page: 0,
                x0: seg[0].2 * k,
                x1: seg[seg.len() - 1].3 * k,
                top: top * k,
                bottom: bottom * k,
                // A line box spans ascenders to descenders, about 1.2 × the font size.
                size: height * k / 1.2,
                conf,
            });
        }
    }
    out.lines.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tesseract's TSV header and a first page 2000 × 2600 pixels: `rows` follow.
    fn tsv(rows: &str) -> String {
        format!("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n1\t1\t0\t0\t0\t0\t0\t0\t2000\t2600\t-1\t\n{rows}")
    }

    #[test]
    fn tsv_rows_become_lines_with_sizes_and_confidence() {
        let tsv = tsv("\
4\t1\t1\t1\t1\t0\t100\t200\t800\t60\t-1\t\n\
5\t1\t1\t1\t1\t1\t100\t200\t300\t60\t96.5\tJane\n\
5\t1\t1\t1\t1\t2\t420\t200\t480\t60\t91.0\tDoe\n\
4\t1\t1\t1\t2\t0\t100\t300\t50\t20\t-1\t\n\
5\t1\t1\t1\t2\t1\t100\t300\t50\t20\t12.0\t~.\n");
        let page = parse_tsv(&tsv);
        assert_eq!(page.lines.len(), 1, "{page:?}");
        let l = &page.lines[0];
        assert_eq!(l.text, "Jane Doe");
        assert!((l.x0 - 50.0).abs() < 0.01 && (l.size - 25.0).abs() < 0.01, "{l:?}");
        assert!((l.conf - 0.9375).abs() < 0.001);
        assert_eq!(page.height, 1300.0);
    }

    #[test]
    fn only_the_first_page_of_a_tsv_is_read() {
        let tsv = tsv("\
4\t1\t1\t1\t1\t0\t100\t900\t300\t60\t-1\t\n\
5\t1\t1\t1\t1\t1\t100\t900\t300\t60\t96.5\tFirst\n\
1\t2\t0\t0\t0\t0\t0\t0\t1000\t1000\t-1\t\n\
4\t2\t1\t1\t1\t0\t100\t100\t300\t60\t-1\t\n\
5\t2\t1\t1\t1\t1\t100\t100\t300\t60\t96.5\tSecond\n");
        let page = parse_tsv(&tsv);
        assert_eq!(page.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["First"]);
        assert_eq!(page.height, 1300.0, "the first page's size, not the last's");
    }

    #[test]
    fn a_missing_program_is_a_reason_not_a_crash() {
        let ocr = Ocr::with_program("/nonexistent/tesseract");
        let err = ocr.read_image(&image::GrayImage::new(10, 10)).unwrap_err();
        assert!(err.contains("cannot start the OCR engine"), "{err}");
        assert!(Ocr::disabled("off").program().is_err());
    }
}
