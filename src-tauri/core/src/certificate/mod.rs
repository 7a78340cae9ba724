//! Reading certificates: a PDF, JPEG or PNG in, suggested education fields out, each with the
//! words on the certificate it came from. Nothing here writes anything or goes on the network.
//!
//! - [`pdf`]: the text layer of a PDF with positions and font sizes (hayro-interpret), and page
//!   rendering (hayro) for pages that are only a picture.
//! - [`ocr`]: Tesseract run as a separate process (found, time-limited, killed on timeout).
//! - [`picture`]: JPEG/PNG decoding, upright per EXIF, scaled for OCR.
//! - [`layout`]: the common shape both give: lines with a position and a size.
//! - [`fields`], [`amounts`] and [`dates`]: finding the fields in those lines by wording and layout.
//!
//! A wrong suggestion costs the clerk more than an empty field (she may not notice it), so the
//! finders leave a field out whenever the certificate does not settle it.

pub mod amounts;
pub mod dates;
pub mod fields;
pub mod layout;
pub mod ocr;
pub mod pdf;
pub mod picture;
pub mod preview;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{EnteredPoints, Level};
use crate::model::EducationChanges;

use layout::Page;
pub use ocr::Ocr;

/// Files larger than this are not read (a certificate is rarely over a few MB; a 200 MB file
/// would only cost memory and time).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Where the words of a reading came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextFrom {
    /// The PDF's own text layer.
    PdfText,
    /// Tesseract, on the picture (or on the rendered page of an image-only PDF).
    Ocr,
    /// No words could be had (no OCR engine, or nothing legible): see the warnings.
    None,
}

/// The fields a reading can suggest; the JSON names are the contract of `clerkfolio read --json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldName {
    Title,
    Provider,
    Recipient,
    Date,
    EndDate,
    Hours,
    Credits,
    CreditsUnit,
    CertificateNumber,
    Category,
    Level,
}

impl FieldName {
    pub const ALL: [FieldName; 11] = [
        FieldName::Title,
        FieldName::Provider,
        FieldName::Recipient,
        FieldName::Date,
        FieldName::EndDate,
        FieldName::Hours,
        FieldName::Credits,
        FieldName::CreditsUnit,
        FieldName::CertificateNumber,
        FieldName::Category,
        FieldName::Level,
    ];

    pub fn id(self) -> &'static str {
        match self {
            FieldName::Title => "title",
            FieldName::Provider => "provider",
            FieldName::Recipient => "recipient",
            FieldName::Date => "date",
            FieldName::EndDate => "end_date",
            FieldName::Hours => "hours",
            FieldName::Credits => "credits",
            FieldName::CreditsUnit => "credits_unit",
            FieldName::CertificateNumber => "certificate_number",
            FieldName::Category => "category",
            FieldName::Level => "level",
        }
    }

    pub fn parse(text: &str) -> Option<FieldName> {
        FieldName::ALL.into_iter().find(|f| f.id() == text)
    }
}

/// One suggested value. `confidence` is 0..1 (how sure the finder is, lowered by OCR doubt);
/// `source` is the line of the certificate it was read from, as read, for the clerk to compare.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub value: String,
    pub confidence: f32,
    pub source: String,
}

/// What was read from one file. Fields not found are absent (never empty strings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub file: String,
    pub text_from: TextFrom,
    pub fields: BTreeMap<FieldName, Field>,
    pub warnings: Vec<String>,
}

impl Reading {
    pub fn value(&self, name: FieldName) -> Option<&str> {
        self.fields.get(&name).map(|f| f.value.as_str())
    }
}

/// The kinds of file a certificate can be, detected from content (not the name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
    Tiff,
    Webp,
    Heic,
}

pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    // A PDF's header may follow some junk (the spec allows 1024 bytes of it).
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        Some(FileKind::Pdf)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileKind::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileKind::Png)
    } else if crate::vault::is_tiff(bytes) {
        Some(FileKind::Tiff)
    } else if crate::vault::is_webp(bytes) {
        Some(FileKind::Webp)
    } else if crate::heif::is_heic(bytes) {
        Some(FileKind::Heic)
    } else {
        None
    }
}

/// Reads one certificate file. Errors only when the file cannot be read at all (missing, too
/// large, not a PDF or picture, damaged or password-protected PDF); a file that opens but yields
/// no words (no OCR engine, a blank page) is a reading with `text_from: none` and a warning.
pub fn read(path: &Path, ocr: &Ocr) -> Result<Reading> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    // A folder, a FIFO or a device is no certificate, and reading a FIFO would wait forever.
    if !meta.is_file() {
        return Err(Error::Refused(format!("{} is not a file: choose a certificate file", path.display())));
    }
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(Error::Refused(format!(
            "{} is {} MB: certificates over {} MB are not read",
            path.display(),
            size / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    read_bytes(&path.display().to_string(), &bytes, ocr)
}

/// Reads every file on as many threads as the machine has cores (reading needs no workspace),
/// calling `progress(done, total, file)` after each; the outcomes come back in `files`' order,
/// a file that cannot be read with its reason in the clerk's words.
pub fn read_many(files: &[std::path::PathBuf], ocr: &Ocr, progress: &(dyn Fn(usize, usize, &Path) + Sync)) -> Vec<std::result::Result<Reading, String>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::Mutex::new(Vec::with_capacity(files.len()));
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(file) = files.get(index) else { break };
                    let reading = read(file, ocr).map_err(|e| e.message());
                    let count = {
                        let mut done = done.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                        done.push((index, reading));
                        done.len()
                    };
                    progress(count, files.len(), file);
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, reading)| reading).collect()
}

/// [`read`] on bytes already in memory; `file` is only echoed back in the reading.
pub fn read_bytes(file: &str, bytes: &[u8], ocr: &Ocr) -> Result<Reading> {
    let kind = sniff(bytes).ok_or_else(|| {
        Error::Refused(format!("{file} is not a PDF, JPEG, PNG, TIFF, WebP or HEIC file: it cannot be read as a certificate"))
    })?;
    // A HEIC photo is read from the JPEG libheif makes of it, as the vault keeps it.
    let converted;
    let (kind, bytes) = match kind {
        FileKind::Heic => {
            crate::heif::check(bytes, file)?;
            converted = crate::heif::HeifConvert::find().to_jpeg(bytes, file)?;
            (FileKind::Jpeg, converted.as_slice())
        }
        kind => (kind, bytes),
    };
    let mut warnings = Vec::new();
    let (text_from, page) = match kind {
        FileKind::Pdf => {
            let text = pdf::text(bytes).map_err(|e| Error::Refused(format!("{file}: {e}")))?;
            if text.has_words() {
                (TextFrom::PdfText, Some(text.first_pages()))
            } else {
                // No text layer: a scan saved as PDF. Its first pages are drawn and read.
                match ocr.program() {
                    Err(why) => {
                        warnings.push(format!("this PDF has no text layer (a scan) and it could not be read: {why}"));
                        (TextFrom::None, None)
                    }
                    Ok(_) => {
                        let read = |ocr: &Ocr, index| ocr.read_image(&pdf::render_page(bytes, index, ocr::OCR_DPI)?);
                        match ocr_pages(ocr, text.pages.len(), &mut warnings, read) {
                            Ok(p) => (TextFrom::Ocr, Some(p)),
                            Err(why) => {
                                warnings.push(format!("this PDF has no text layer and OCR failed: {why}"));
                                (TextFrom::None, None)
                            }
                        }
                    }
                }
            }
        }
        FileKind::Jpeg | FileKind::Png | FileKind::Tiff | FileKind::Webp | FileKind::Heic => match ocr.program() {
            Err(why) => {
                warnings.push(format!("this picture could not be read: {why}"));
                (TextFrom::None, None)
            }
            Ok(_) => {
                let result = if kind == FileKind::Tiff {
                    let pages = crate::tiff_pages::survey(bytes).map_err(|e| Error::Refused(format!("{file}: {e}")))?;
                    ocr_pages(ocr, pages as usize, &mut warnings, |ocr, index| ocr.read_encoded(bytes, "tif", index))
                } else {
                    let image = picture::upright_gray(bytes).map_err(|e| Error::Refused(format!("{file}: {e}")))?;
                    ocr.read_image(&image)
                };
                match result {
                    Ok(p) => (TextFrom::Ocr, Some(p)),
                    Err(why) => {
                        warnings.push(format!("OCR failed on this picture: {why}"));
                        (TextFrom::None, None)
                    }
                }
            }
        },
    };
    let fields = match &page {
        Some(p) => {
            let found = fields::find(p);
            warnings.extend(found.warnings);
            found.fields
        }
        None => BTreeMap::new(),
    };
    if text_from != TextFrom::None && fields.is_empty() {
        warnings.push("no certificate wording was recognised in this file: enter its fields by hand".into());
    }
    let text_from = if page.as_ref().is_some_and(|p| p.lines.is_empty()) { TextFrom::None } else { text_from };
    Ok(Reading { file: file.to_string(), text_from, fields, warnings })
}

/// OCR of a scan's first pages ([`pdf::MAX_PAGES`], as from a text layer), one page at a time.
/// Blank pages (a separator sheet, the back of a double-sided scan) are passed over, so the first
/// page with words counts as the first page. The pages share one time budget (`ocr.timeout`); a
/// page after the first that cannot be read costs that page and those after it, with a warning.
fn ocr_pages(
    ocr: &Ocr,
    count: usize,
    warnings: &mut Vec<String>,
    read: impl Fn(&Ocr, usize) -> std::result::Result<Page, String>,
) -> std::result::Result<Page, String> {
    let deadline = std::time::Instant::now() + ocr.timeout;
    let mut pages = Vec::new();
    for index in 0..count.clamp(1, pdf::MAX_PAGES) {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let page = if left.is_zero() { Err(format!("the OCR engine took longer than {} s", ocr.timeout.as_secs())) } else { read(&ocr.with_timeout(left), index) };
        match page {
            Ok(page) if page.lines.is_empty() => {}
            Ok(page) => pages.push(page),
            Err(why) if index == 0 => return Err(why),
            Err(why) => {
                warnings.push(format!("page {} was not read ({why}): its fields, if any, are to be entered by hand", index + 1));
                break;
            }
        }
    }
    Ok(Page::join(pages))
}

/// The suggestion as record changes for [`crate::Workspace`]: only what was read is set. Points
/// are set only when the certificate states CMC/MMC points (CEUs, CPE and the like are other
/// units: the clerk converts them, if at all, herself). The category and level are suggestions
/// for the form; callers decide whether to keep them.
pub fn education_changes(reading: &Reading) -> EducationChanges {
    let get = |f: FieldName| reading.value(f).map(str::to_string);
    let day = |f: FieldName| reading.value(f).and_then(|d| crate::model::parse_date(d).ok());
    let start = day(FieldName::Date);
    let end = day(FieldName::EndDate).filter(|e| start.is_some_and(|s| *e > s));
    let entered = match (reading.value(FieldName::Credits), reading.value(FieldName::CreditsUnit)) {
        (Some(points), Some(fields::UNIT_CMC_POINTS)) => points.parse::<f64>().ok().map(|points| EnteredPoints {
            points,
            reason: "stated on the certificate".into(),
        }),
        _ => None,
    };
    EducationChanges {
        title: get(FieldName::Title),
        provider: get(FieldName::Provider),
        category: get(FieldName::Category),
        certificate: get(FieldName::CertificateNumber),
        start,
        end,
        hours: reading.value(FieldName::Hours).and_then(|h| h.parse().ok()),
        entered,
        level: reading.value(FieldName::Level).and_then(|l| Level::parse(l).ok()),
        ..EducationChanges::default()
    }
}
