//! Reading certificates, scored on the labelled set in tests/fixtures/certificates (made by
//! `cargo run -p clerkfolio-core --example make_certificates` and `make-images.sh`, committed):
//! text PDFs in pdf/, scans (image-only PDFs) and phone photos (JPEG) made from some of them in
//! scan/ and photo/, labelled by the PDF they came from. Precision = suggested fields that are
//! right; recall = stated fields that were suggested. The OCR kinds need Tesseract and fail
//! without it: a reader that silently skips OCR would otherwise pass.
//!
//! Also: every corpus PDF is read without a panic, within bounded time.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clerkfolio_core::certificate::{self, FieldName, Ocr, Reading, TextFrom};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/certificates")
}

type Labels = BTreeMap<String, BTreeMap<String, String>>;

fn labels() -> Labels {
    let text = std::fs::read_to_string(fixtures().join("labels.json")).expect("labels.json");
    serde_json::from_str(&text).expect("labels.json parses")
}

/// Text compared as a clerk would: case, spacing, quotes and dashes do not matter.
fn same(field: FieldName, got: &str, want: &str) -> bool {
    match field {
        FieldName::Hours | FieldName::Credits => match (got.parse::<f64>(), want.parse::<f64>()) {
            (Ok(a), Ok(b)) => (a - b).abs() < 0.011,
            _ => false,
        },
        _ => norm(got) == norm(want),
    }
}

fn norm(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{2013}' | '\u{2014}' => '-',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2019}' => '\'',
            c => c.to_ascii_lowercase(),
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c == '.' || c == ',' || c == '"')
        .to_string()
}

#[derive(Default, Clone)]
struct Score {
    files: usize,
    suggested: usize,
    right: usize,
    stated: usize,
    found: usize,
    wrong_critical: usize,
    wrong: Vec<String>,
    missed: Vec<String>,
}

impl Score {
    fn precision(&self) -> f64 {
        if self.suggested == 0 { 1.0 } else { self.right as f64 / self.suggested as f64 }
    }
    fn recall(&self) -> f64 {
        if self.stated == 0 { 1.0 } else { self.found as f64 / self.stated as f64 }
    }
    fn add(&mut self, file: &str, reading: &Reading, want: &BTreeMap<String, String>) {
        self.files += 1;
        for (name, field) in &reading.fields {
            self.suggested += 1;
            match want.get(name.id()) {
                Some(w) if same(*name, &field.value, w) => self.right += 1,
                other => {
                    if matches!(name, FieldName::Recipient | FieldName::Date | FieldName::EndDate | FieldName::Hours) {
                        self.wrong_critical += 1;
                    }
                    self.wrong.push(format!("{file}: {} = {:?} (want {:?}) from {:?}", name.id(), field.value, other, field.source));
                }
            }
        }
        for (name, w) in want {
            self.stated += 1;
            let name = FieldName::parse(name).expect("label names are field names");
            match reading.fields.get(&name) {
                Some(f) if same(name, &f.value, w) => self.found += 1,
                _ => self.missed.push(format!("{file}: {} = {w:?}", name.id())),
            }
        }
    }
}

fn score_kind(kind: &str, files: &[(PathBuf, String)], ocr: &Ocr) -> Score {
    let labels = labels();
    let mut score = Score::default();
    for (path, label_key) in files {
        let want = labels.get(label_key).unwrap_or_else(|| panic!("no label for {label_key}"));
        let reading = certificate::read(path, ocr).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let expected_from = if kind == "text PDF" { TextFrom::PdfText } else { TextFrom::Ocr };
        assert_eq!(reading.text_from, expected_from, "{}: {:?}", path.display(), reading.warnings);
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        score.add(&file, &reading, want);
    }
    score
}

/// (file, the PDF label it was made from): `x.pdf` in pdf/, `x.scan.pdf` in scan/, `x.photo.jpg` in photo/.
fn files(dir: &str, suffix: &str) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = std::fs::read_dir(fixtures().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_string();
            let stem = name.strip_suffix(suffix)?;
            Some((p.clone(), format!("{stem}.pdf")))
        })
        .collect();
    out.sort();
    out
}

fn report(kind: &str, s: &Score) {
    println!(
        "{kind:<9} files {:>3}  precision {:>6.2}% ({}/{})  recall {:>6.2}% ({}/{})  wrong recipient/date/hours {}",
        s.files,
        100.0 * s.precision(),
        s.right,
        s.suggested,
        100.0 * s.recall(),
        s.found,
        s.stated,
        s.wrong_critical
    );
    for w in &s.wrong {
        println!("    WRONG  {w}");
    }
    for m in &s.missed {
        println!("    missed {m}");
    }
}

fn check(kind: &str, s: &Score, recall_target: f64) {
    report(kind, s);
    assert!(s.precision() >= 0.98, "{kind}: precision {:.3} under 98%", s.precision());
    assert!(s.recall() >= recall_target, "{kind}: recall {:.3} under {recall_target}", s.recall());
    // Wrong recipients, dates or hours alone must not take precision under the target.
    let critical = 1.0 - s.wrong_critical as f64 / s.suggested.max(1) as f64;
    assert!(critical >= 0.98, "{kind}: wrong recipient/date/hours: {}", s.wrong_critical);
}

#[test]
fn text_pdfs_are_read_accurately() {
    let files = files("pdf", ".pdf");
    assert!(files.len() >= 40, "the labelled set has {} text PDFs", files.len());
    let s = score_kind("text PDF", &files, &Ocr::disabled("not needed for text PDFs"));
    check("text PDF", &s, 0.95);
}

fn tesseract() -> Ocr {
    let ocr = Ocr::find();
    if let Err(why) = ocr.program() {
        panic!("OCR tests need Tesseract ({why}); .ci/setup installs tesseract-ocr tesseract-ocr-eng");
    }
    ocr
}

#[test]
fn scans_are_read_accurately() {
    let files = files("scan", ".scan.pdf");
    assert!(files.len() >= 15, "the labelled set has {} scans", files.len());
    let s = score_kind("scan", &files, &tesseract());
    check("scan", &s, 0.85);
}

#[test]
fn photos_are_read_accurately() {
    let files = files("photo", ".photo.jpg");
    assert!(files.len() >= 10, "the labelled set has {} photos", files.len());
    let s = score_kind("photo", &files, &tesseract());
    check("photo", &s, 0.85);
}

#[test]
fn without_tesseract_a_scan_says_why() {
    let scan = files("scan", ".scan.pdf").into_iter().next().expect("a scan").0;
    let reading = certificate::read(&scan, &Ocr::disabled("the OCR engine (Tesseract) is not installed")).expect("reads");
    assert_eq!(reading.text_from, TextFrom::None);
    assert!(reading.fields.is_empty());
    assert!(reading.warnings.iter().any(|w| w.contains("Tesseract is not installed") || w.contains("(Tesseract) is not installed")), "{:?}", reading.warnings);
    let json = serde_json::to_value(&reading).unwrap();
    assert_eq!(json["text_from"], "none");
    assert_eq!(json["fields"], serde_json::json!({}));
}

#[test]
fn the_json_contract() {
    let file = fixtures().join("pdf/l01-classic-v0.pdf");
    let reading = certificate::read(&file, &Ocr::disabled("off")).unwrap();
    let json = serde_json::to_value(&reading).unwrap();
    assert_eq!(json["text_from"], "pdf-text");
    assert!(json["file"].as_str().unwrap().ends_with("l01-classic-v0.pdf"));
    let fields = json["fields"].as_object().unwrap();
    for (name, f) in fields {
        assert!(FieldName::parse(name).is_some(), "{name}");
        assert!(f["value"].is_string() && f["confidence"].is_number() && f["source"].is_string(), "{f}");
    }
    assert!(fields.contains_key("end_date") && fields.contains_key("certificate_number"), "{json}");
    assert!(json["warnings"].is_array());
    // What is not a certificate is refused with the reason, not read as an empty one.
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("notes.txt");
    std::fs::write(&junk, "hello").unwrap();
    assert!(certificate::read(&junk, &Ocr::disabled("off")).unwrap_err().to_string().contains("is not a PDF"));
}

#[test]
fn every_corpus_pdf_is_read_without_panic_in_bounded_time() {
    let dir = crate::common::corpus().join("pdf");
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("corpus at {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    assert!(pdfs.len() >= 30, "corpus has {} PDFs", pdfs.len());
    // No OCR here: the bound is on our own parsing (OCR has its own timeout).
    let ocr = Ocr::disabled("not used for the corpus check");
    let (mut read, mut refused) = (0, 0);
    for p in &pdfs {
        let start = Instant::now();
        match certificate::read(p, &ocr) {
            Ok(_) => read += 1,
            Err(e) => {
                refused += 1;
                println!("{}: {e}", p.display());
            }
        }
        assert!(start.elapsed() < Duration::from_secs(5), "{} took {:?}", p.display(), start.elapsed());
    }
    println!("corpus: {read} read, {refused} refused with a reason");
    assert!(read >= pdfs.len() - 2, "only {read} of {} corpus PDFs read", pdfs.len());
}

/// Scans of several pages (tests/fixtures/certificates/multipage, made by make-images.sh): read
/// page by page, up to the three pages a text layer is read from, blank pages passed over.
#[test]
fn multi_page_scans_are_read_page_by_page() {
    let ocr = tesseract();
    let labels = labels();
    let want = &labels["l01-classic-v0.pdf"];
    // A blank sheet scanned before the certificate: read as if it were not there. A certificate
    // followed by another (a two-page TIFF from a copier): the first one's fields, none of the
    // second's lines mixed into them (Tesseract read a TIFF's pages as one, each over the other).
    for file in ["blank-then-l01-classic-v0.scan.pdf", "l01-classic-v0-then-l02-webinar-v0.tif"] {
        let reading = certificate::read(&fixtures().join("multipage").join(file), &ocr).unwrap();
        assert_eq!(reading.text_from, TextFrom::Ocr, "{file}: {:?}", reading.warnings);
        for (id, value) in want {
            let field = FieldName::parse(id).expect("label names are field names");
            let got = reading.fields.get(&field).map(|f| f.value.as_str());
            assert!(got.is_some_and(|g| same(field, g, value)), "{file}: {id} = {got:?}, want {value:?}");
        }
    }
    // The fourth page is past the pages read: three blank pages, then the certificate, give nothing.
    let reading = certificate::read(&fixtures().join("multipage/three-blank-then-l01-classic-v0.tif"), &ocr).unwrap();
    assert!(reading.fields.is_empty(), "{:?}", reading.fields);
    assert!(reading.warnings.iter().any(|w| w.contains("no certificate wording")), "{:?}", reading.warnings);
}
