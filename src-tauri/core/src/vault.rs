//! Evidence files, stored under their SHA-256 in the data folder so the same certificate added
//! twice is kept once and any change to a stored file is detected. A file is accepted only if
//! the packet could use it: PDFs must open without a password and have pages, images must decode.
//! The type comes from the content, never the extension. Writes go to a temp file in the vault,
//! are fsynced, then renamed into place, so a crash leaves either the whole file or a stray temp
//! (cleaned on the next open), never a half-written evidence file.

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::files;
use crate::heif::HeifConvert;
use crate::model::{Evidence, FileKind, Sha256Hex};
use crate::tiff_pages::Problem as TiffProblem;

/// Larger files are refused: a certificate or transcript scan is a few MB; 100 MB is a mistake
/// (a video, a whole drive export) and would make the packet unusable.
pub const MAX_EVIDENCE_BYTES: u64 = 100 * 1024 * 1024;

/// A transcript or a course binder is tens of pages; a PDF of thousands of pages (1.2 MB can
/// hold 10,000) would make a packet of gigabytes.
pub const MAX_PDF_PAGES: usize = 500;

/// A letter-size page scanned at 600 dpi is 34 megapixels; an 11000 × 11000 PNG of 470 KB
/// (121 megapixels) decodes to 363 MB and is refused before it is decoded.
pub const MAX_IMAGE_PIXELS: u64 = 40_000_000;

/// What one page's drawing instructions (its content streams) may unpack to. Real pages hold
/// kilobytes to a few megabytes; a 10 × 10 pt page whose content inflates to 1 GiB is a bomb.
pub const MAX_PAGE_CONTENT_BYTES: u64 = 32 * 1024 * 1024;

const TEMP_PREFIX: &str = ".tmp-";

/// How a HEIC photo's JPEG rendition is named in the vault: `<its SHA-256>.rendition.jpg`.
pub const RENDITION_EXTENSION: &str = "rendition.jpg";

/// What was learnt about a file while accepting it.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub sha256: Sha256Hex,
    pub original_name: String,
    pub kind: FileKind,
    pub size: u64,
    pub pages: u32,
    /// A HEIC photo's JPEG rendition (see [`crate::heif`]).
    pub rendition_sha256: Option<Sha256Hex>,
}

/// A file accepted for the vault but not yet written there: checking (parsing a PDF) is slow and
/// runs before the write transaction; writing runs inside it ([`Vault::store`]).
#[derive(Debug)]
pub struct Checked {
    pub stored: Stored,
    bytes: Vec<u8>,
    rendition: Option<Vec<u8>>,
}

impl Checked {
    /// The file's content, as checked.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// Checks every file and writes nothing, so one refused file leaves nothing of the others behind.
pub fn check_all(sources: &[PathBuf]) -> Result<Vec<Checked>> {
    check_all_with(sources, &HeifConvert::find())
}

/// [`check_all`] converting HEIC photos with `heif` (tests give it another program or timeout).
/// A HEIC photo is converted here, once, to its JPEG rendition, which must pass the JPEG checks.
pub fn check_all_with(sources: &[PathBuf], heif: &HeifConvert) -> Result<Vec<Checked>> {
    sources
        .iter()
        .map(|source| {
            let name = display_name(source);
            let bytes = read_candidate(source, &name)?;
            let (kind, pages) = inspect(&bytes, &name)?;
            let rendition = match kind {
                FileKind::Heic => Some(heif_rendition(&bytes, &name, heif)?),
                _ => None,
            };
            let stored = Stored {
                sha256: Sha256Hex::of(&bytes),
                original_name: name,
                kind,
                size: bytes.len() as u64,
                pages,
                rendition_sha256: rendition.as_deref().map(Sha256Hex::of),
            };
            Ok(Checked { stored, bytes, rendition })
        })
        .collect()
}

fn heif_rendition(bytes: &[u8], name: &str, heif: &HeifConvert) -> Result<Vec<u8>> {
    let jpeg = heif.to_jpeg(bytes, name)?;
    inspect_image(&jpeg, name, image::ImageFormat::Jpeg).map_err(|e| {
        Error::Refused(format!("{name} is a HEIC/HEIF photo whose conversion to JPEG cannot be used ({e}); export it from the phone as JPEG and add that file"))
    })?;
    Ok(jpeg)
}

/// A vault file moved out of its place by a removal whose transaction has not committed yet. It
/// waits under a temp name, held locked so no other process's cleanup takes it meanwhile, and
/// goes back if the commit fails. A crash leaves it to the next open's cleanup.
#[derive(Debug)]
pub struct Retired {
    _held: File,
    path: PathBuf,
    home: PathBuf,
}

impl Retired {
    /// The removal committed. Best effort: what stays is a stray temp the next open removes.
    pub fn discard(self) {
        let _ = fs::remove_file(&self.path);
    }

    /// The removal failed: the file goes back where its row, still there, expects it.
    pub fn put_back(self) {
        let _ = fs::rename(&self.path, &self.home);
    }
}

#[derive(Debug, Clone)]
pub struct Vault {
    root: PathBuf,
}

impl Vault {
    /// Opens (creating) the vault folder and removes temp files a crash may have left.
    pub fn open(root: PathBuf) -> Result<Vault> {
        fs::create_dir_all(&root).map_err(|e| Error::io(format!("cannot create the vault folder {}", root.display()), e))?;
        let vault = Vault { root };
        vault.remove_stray_temps();
        Ok(vault)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the file with this hash lives: always inside the vault, since the hash is checked.
    pub fn path_of(&self, sha256: &Sha256Hex, kind: FileKind) -> PathBuf {
        self.root.join(sha256.shard()).join(format!("{sha256}.{}", kind.extension()))
    }

    /// Where a HEIC photo's JPEG rendition with this hash lives (named by its own hash, and
    /// apart from JPEG evidence, whose removal must not take it).
    pub fn rendition_path(&self, sha256: &Sha256Hex) -> PathBuf {
        self.root.join(sha256.shard()).join(format!("{sha256}.{RENDITION_EXTENSION}"))
    }

    /// Every vault file an evidence row names: its own, and its rendition if it has one.
    pub fn paths_of(&self, e: &Evidence) -> Vec<PathBuf> {
        let mut paths = vec![self.path_of(&e.sha256, e.kind)];
        paths.extend(e.rendition_sha256.as_ref().map(|r| self.rendition_path(r)));
        paths
    }

    /// Writes checked files into the vault, unless already there whole. Called holding the
    /// database's write lock (see `Workspace::write_storing`): removals delete vault files only
    /// under that lock, so a file written here stays until the rows naming it are committed.
    pub fn store(&self, checked: &[Checked]) -> Result<()> {
        for c in checked {
            let target = self.path_of(&c.stored.sha256, c.stored.kind);
            if !self.matches(&target, &c.stored.sha256) {
                self.write_atomically(&target, &c.bytes)?;
            }
            if let (Some(bytes), Some(sha256)) = (&c.rendition, &c.stored.rendition_sha256) {
                let target = self.rendition_path(sha256);
                if !self.matches(&target, sha256) {
                    self.write_atomically(&target, bytes)?;
                }
            }
        }
        Ok(())
    }

    /// Reads a stored file and checks it still has the hash it was stored under.
    pub fn read_verified(&self, sha256: &Sha256Hex, kind: FileKind) -> Result<Vec<u8>> {
        self.read_checked(&self.path_of(sha256, kind), sha256)
    }

    /// What the packet, thumbnails and OCR show of an exhibit, checked against its hash: the
    /// file itself, or a HEIC photo's JPEG rendition.
    pub fn read_shown(&self, e: &Evidence) -> Result<Vec<u8>> {
        match (e.kind, &e.rendition_sha256) {
            (FileKind::Heic, Some(rendition)) => self.read_checked(&self.rendition_path(rendition), rendition),
            (FileKind::Heic, None) => Err(Error::Integrity(format!(
                "evidence {} ({}) has no JPEG rendition recorded; the database was changed outside Clerkfolio: add the photo again",
                e.id, e.original_name
            ))),
            _ => self.read_verified(&e.sha256, e.kind),
        }
    }

    /// Every vault file of the row read and checked against its hash (`verify`).
    pub fn check_files(&self, e: &Evidence) -> Result<()> {
        self.read_verified(&e.sha256, e.kind)?;
        if e.kind == FileKind::Heic {
            self.read_shown(e)?;
        }
        Ok(())
    }

    fn read_checked(&self, path: &Path, sha256: &Sha256Hex) -> Result<Vec<u8>> {
        let bytes = fs::read(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::Integrity(format!("evidence file {} is missing from the vault; restore it from a backup", path.display()))
            } else {
                Error::io(format!("cannot read evidence file {}", path.display()), e)
            }
        })?;
        if Sha256Hex::of(&bytes) != *sha256 {
            return Err(Error::Integrity(format!(
                "evidence file {} has changed since it was added (its SHA-256 no longer matches); restore it from a backup",
                path.display()
            )));
        }
        Ok(bytes)
    }

    /// Vault files no evidence record points at (left by an interrupted add; harmless, reused
    /// if the same file is added again).
    pub fn files(&self) -> Result<Vec<PathBuf>> {
        let mut found = Vec::new();
        let read = |dir: &Path| fs::read_dir(dir).map_err(|e| Error::io(format!("cannot list {}", dir.display()), e));
        for shard in read(&self.root)? {
            let shard = shard.map_err(|e| Error::io("cannot list the vault", e))?.path();
            if shard.is_dir() {
                for file in read(&shard)? {
                    found.push(file.map_err(|e| Error::io("cannot list the vault", e))?.path());
                }
            }
        }
        found.sort();
        Ok(found)
    }

    /// Moves the file out of its place for a removal (see [`Retired`]); None if it is not there.
    /// Called inside the removal's write transaction, after it has proved no row names the hash.
    pub fn retire(&self, sha256: &Sha256Hex, kind: FileKind) -> Result<Option<Retired>> {
        self.retire_path(self.path_of(sha256, kind))
    }

    /// [`Vault::retire`] for a HEIC photo's rendition, once no row names its hash.
    pub fn retire_rendition(&self, sha256: &Sha256Hex) -> Result<Option<Retired>> {
        self.retire_path(self.rendition_path(sha256))
    }

    fn retire_path(&self, home: PathBuf) -> Result<Option<Retired>> {
        let fail = |e| Error::io(format!("cannot remove {}", home.display()), e);
        let held = match File::open(&home) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            opened => opened.map_err(fail)?,
        };
        held.lock().map_err(fail)?;
        let name = home.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let path = home.with_file_name(format!("{TEMP_PREFIX}removed-{name}"));
        fs::rename(&home, &path).map_err(fail)?;
        Ok(Some(Retired { _held: held, path, home }))
    }

    fn matches(&self, path: &Path, sha256: &Sha256Hex) -> bool {
        fs::read(path).map(|b| Sha256Hex::of(&b) == *sha256).unwrap_or(false)
    }

    fn write_atomically(&self, target: &Path, bytes: &[u8]) -> Result<()> {
        let dir = target.parent().expect("vault paths have a shard folder");
        let context = format!("cannot store evidence in {}", dir.display());
        files::write_atomically(target, TEMP_PREFIX, bytes, context.clone())?;
        // A new shard folder's own entry in the vault folder must be durable too.
        files::sync_dir(&self.root).map_err(|e| Error::io(context, e))
    }

    /// Removes temp files left by a crash (those no live process still holds locked).
    fn remove_stray_temps(&self) {
        let Ok(shards) = fs::read_dir(&self.root) else { return };
        for shard in shards.flatten() {
            files::remove_abandoned(&shard.path(), TEMP_PREFIX);
        }
    }
}

/// The file's own name as listings and the packet show it, cleaned of control and direction
/// characters (a file named with U+202E would disguise its name there).
fn display_name(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
    crate::text::clean_name(&name)
}

fn read_candidate(path: &Path, name: &str) -> Result<Vec<u8>> {
    let file = files::open_regular(path, name).map_err(|e| match e {
        files::OpenError::NotRegular(refusal) => refusal,
        files::OpenError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Error::Refused(format!("{name}: no such file ({})", path.display()))
        }
        files::OpenError::Io(e) => Error::Refused(format!("{name}: cannot be read ({e}); check the file's permissions")),
    })?;
    let meta = file.metadata().map_err(|e| Error::Refused(format!("{name}: cannot be read ({e})")))?;
    if meta.len() == 0 {
        return Err(Error::Refused(format!("{name} is empty (0 bytes); scan or save the document again and add that file")));
    }
    if meta.len() > MAX_EVIDENCE_BYTES {
        return Err(Error::Refused(format!(
            "{name} is too large ({} MB; the limit is {} MB); save it at a lower resolution or split it",
            meta.len() / (1024 * 1024),
            MAX_EVIDENCE_BYTES / (1024 * 1024)
        )));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_EVIDENCE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::Refused(format!("{name}: cannot be read ({e})")))?;
    Ok(bytes)
}

/// Detects the type from content and checks the file is whole and usable. Returns its page count.
pub fn inspect(bytes: &[u8], name: &str) -> Result<(FileKind, u32)> {
    if bytes.is_empty() {
        return Err(Error::Refused(format!("{name} is empty (0 bytes); scan or save the document again and add that file")));
    }
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return inspect_pdf(bytes, name).map(|pages| (FileKind::Pdf, pages));
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return inspect_image(bytes, name, image::ImageFormat::Jpeg).map(|_| (FileKind::Jpeg, 1));
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return inspect_image(bytes, name, image::ImageFormat::Png).map(|_| (FileKind::Png, 1));
    }
    if is_tiff(bytes) {
        return inspect_tiff(bytes, name).map(|pages| (FileKind::Tiff, pages));
    }
    if is_webp(bytes) {
        return inspect_image(bytes, name, image::ImageFormat::WebP).map(|_| (FileKind::Webp, 1));
    }
    // Its structure here; its pictures by libheif, in `check_all` (a separate program).
    if crate::heif::is_heic(bytes) {
        return crate::heif::check(bytes, name).map(|_| (FileKind::Heic, 1));
    }
    let what = if bytes.starts_with(b"GIF8") {
        "a GIF image"
    } else if bytes.starts_with(b"BM") {
        "a BMP image"
    } else if is_heif(bytes) {
        "a video or an ISO media picture Clerkfolio does not read (MP4, MOV, AVIF)"
    } else if bytes.starts_with(b"PK\x03\x04") {
        "a Word/Office or ZIP file"
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "an old-style Office document"
    } else {
        "not a PDF, picture or scan Clerkfolio reads"
    };
    Err(Error::Refused(format!(
        "{name} is {what}; Clerkfolio accepts PDF, JPEG, PNG, TIFF, WebP and HEIC: print or export it to PDF (or save the scan as JPEG/PNG) and add that file"
    )))
}

/// TIFF's two byte orders, and BigTIFF's.
pub fn is_tiff(bytes: &[u8]) -> bool {
    [b"II*\0", b"MM\0*", b"II+\0", b"MM\0+"].iter().any(|m| bytes.starts_with(*m))
}

/// An ISO media file (HEIF, HEIC, AVIF, but also MP4 and MOV videos): its first box is `ftyp`.
/// Which of them are HEIC photos the brands tell ([`crate::heif::is_heic`]).
pub fn is_heif(bytes: &[u8]) -> bool {
    bytes.len() > 12 && &bytes[4..8] == b"ftyp"
}

pub fn is_webp(bytes: &[u8]) -> bool {
    bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP"
}

fn inspect_tiff(bytes: &[u8], name: &str) -> Result<u32> {
    crate::tiff_pages::check(bytes).map_err(|problem| match problem {
        TiffProblem::TooLarge(why) => Error::Refused(format!("{name} is too large for a packet: {why}")),
        TiffProblem::Damaged(why) => Error::Refused(format!(
            "{name} is a damaged or incomplete TIFF image ({why}); copy or scan it again and add the new file"
        )),
        TiffProblem::Unsupported(why) => Error::Refused(format!("{name} is a TIFF image that {why}")),
    })
}

fn inspect_pdf(bytes: &[u8], name: &str) -> Result<u32> {
    let damaged = |detail: String| {
        Error::Refused(format!(
            "{name} is a damaged or incomplete PDF ({detail}); open it and save or print it to a new PDF, or download it again"
        ))
    };
    match load_pdf(bytes) {
        Ok(doc) => {
            if doc.is_encrypted() && doc.encryption_state.is_none() {
                return Err(password_protected(name));
            }
            let pages = doc.get_pages().len();
            if pages == 0 {
                return Err(damaged("no readable pages".into()));
            }
            if !pdf_has_end(bytes) {
                return Err(damaged("the file is cut short: its end is missing".into()));
            }
            check_pdf_pages(&doc).map_err(|problem| match problem {
                PdfProblem::TooLarge(why) => Error::Refused(format!("{name} is too large for a packet: {why}")),
                PdfProblem::Damaged(why) => damaged(why),
            })?;
            Ok(pages as u32)
        }
        Err(lopdf::Error::InvalidPassword) | Err(lopdf::Error::Decryption(_)) => Err(password_protected(name)),
        Err(e) => Err(damaged(e.to_string())),
    }
}

/// Why a loaded PDF cannot go into a packet.
#[derive(Debug, Clone, PartialEq)]
pub enum PdfProblem {
    /// Over a limit that keeps the packet's time and memory bounded.
    TooLarge(String),
    /// A page, or something it draws with, is missing or unreadable.
    Damaged(String),
}

impl std::fmt::Display for PdfProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfProblem::TooLarge(why) | PdfProblem::Damaged(why) => f.write_str(why),
        }
    }
}

/// Every page as the packet will use it, checked: at most [`MAX_PDF_PAGES`], each page an
/// object that exists, its resources there, its content streams present and unpacking to at
/// most [`MAX_PAGE_CONTENT_BYTES`]. Run at `evidence add` and again on each exhibit the packet
/// reads, so a file that would sink or swamp the packet is refused, or stands as a placeholder.
pub fn check_pdf_pages(doc: &lopdf::Document) -> std::result::Result<(), PdfProblem> {
    let pages = doc.get_pages();
    if pages.len() > MAX_PDF_PAGES {
        return Err(PdfProblem::TooLarge(format!(
            "it has {} pages; the limit is {MAX_PDF_PAGES} pages per file: split it into the parts the application needs",
            pages.len()
        )));
    }
    for (&number, &id) in &pages {
        check_page(doc, id).map_err(|problem| match problem {
            PdfProblem::TooLarge(why) => PdfProblem::TooLarge(format!("page {number} {why}")),
            PdfProblem::Damaged(why) => PdfProblem::Damaged(format!("page {number} cannot be read: {why}")),
        })?;
    }
    Ok(())
}

fn check_page(doc: &lopdf::Document, id: lopdf::ObjectId) -> std::result::Result<(), PdfProblem> {
    let missing = |e: lopdf::Error| PdfProblem::Damaged(e.to_string());
    let page = doc.get_dictionary(id).map_err(missing)?;
    if let Ok(lopdf::Object::Reference(resources)) = page.get(b"Resources") {
        doc.get_dictionary(*resources).map_err(missing)?;
    }
    let mut unpacked = 0u64;
    for stream in page_streams(doc, page).map_err(missing)? {
        unpacked += unpacked_size(stream, MAX_PAGE_CONTENT_BYTES - unpacked).ok_or_else(|| {
            PdfProblem::TooLarge(format!(
                "draws with more than {} MB of instructions once unpacked (the limit for one page)",
                MAX_PAGE_CONTENT_BYTES / (1024 * 1024)
            ))
        })?;
    }
    Ok(())
}

/// A page's content streams (`/Contents`: one stream, or an array of them); a reference to an
/// object that is not there is an error.
pub fn page_streams<'a>(doc: &'a lopdf::Document, page: &'a lopdf::Dictionary) -> lopdf::Result<Vec<&'a lopdf::Stream>> {
    let parts: Vec<&lopdf::Object> = match page.get(b"Contents") {
        Err(_) => return Ok(Vec::new()),
        Ok(lopdf::Object::Array(parts)) => parts.iter().collect(),
        Ok(other) => match doc.dereference(other)?.1 {
            lopdf::Object::Array(parts) => parts.iter().collect(),
            single => vec![single],
        },
    };
    parts.into_iter().map(|part| doc.dereference(part)?.1.as_stream()).collect()
}

/// The size a stream unpacks to, if at most `limit`; unpacking stops one byte past it, so a
/// bomb costs `limit` bytes of work and no memory. Flate (nearly every PDF) is unpacked with a
/// bound; other filters, rare and with small ratios, are bounded by their packed size.
pub fn unpacked_size(stream: &lopdf::Stream, limit: u64) -> Option<u64> {
    let size = match flate_only(stream) {
        Some(true) => {
            let decoder = flate2::read::ZlibDecoder::new(stream.content.as_slice());
            // A damaged stream counts what unpacked before the damage, as viewers draw it.
            std::io::copy(&mut std::io::Read::take(decoder, limit + 1), &mut std::io::sink()).unwrap_or(limit + 1)
        }
        _ => stream.content.len() as u64,
    };
    (size <= limit).then_some(size)
}

/// The stream's content, unpacked with the bound of [`unpacked_size`]; None over the limit.
pub fn unpack_bounded(stream: &lopdf::Stream, limit: u64) -> Option<Vec<u8>> {
    match flate_only(stream) {
        Some(true) => {
            let mut out = Vec::new();
            let decoder = flate2::read::ZlibDecoder::new(stream.content.as_slice());
            let _ = std::io::Read::read_to_end(&mut std::io::Read::take(decoder, limit + 1), &mut out);
            (out.len() as u64 <= limit).then_some(out)
        }
        Some(false) => (stream.content.len() as u64 <= limit).then(|| stream.content.clone()),
        None => stream.decompressed_content().ok().filter(|c| c.len() as u64 <= limit),
    }
}

/// Some(true): the stream's one filter is Flate without a predictor; Some(false): no filter;
/// None: any other filter.
fn flate_only(stream: &lopdf::Stream) -> Option<bool> {
    let filters = stream.filters().unwrap_or_default();
    match filters.as_slice() {
        [] => Some(false),
        [f] if *f == b"FlateDecode" && stream.dict.get(b"DecodeParms").is_err() => Some(true),
        _ => None,
    }
}

/// Loads a PDF as the packet will: leniently, and when that finds no pages (a damaged
/// cross-reference table), again with the table rebuilt from the objects themselves.
pub fn load_pdf(bytes: &[u8]) -> lopdf::Result<lopdf::Document> {
    let first = lopdf::Document::load_mem(bytes);
    match &first {
        Err(lopdf::Error::InvalidPassword) | Err(lopdf::Error::Decryption(_)) => first,
        Ok(doc) if !doc.get_pages().is_empty() => first,
        _ => {
            let options = lopdf::LoadOptions { force_reconstruct: true, ..Default::default() };
            match lopdf::Document::load_mem_with_options(bytes, options) {
                Ok(doc) if !doc.get_pages().is_empty() => Ok(doc),
                _ => first,
            }
        }
    }
}

/// Walks a JPEG's segments and entropy-coded scans from SOI to EOI. False if the data ends first.
pub fn jpeg_is_complete(bytes: &[u8]) -> bool {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return false;
    }
    let mut i = 2;
    while i + 1 < bytes.len() {
        if bytes[i] != 0xFF {
            return false;
        }
        let marker = bytes[i + 1];
        match marker {
            0xD9 => return true,
            0xFF => i += 1, // fill byte
            0x01 | 0xD0..=0xD7 => i += 2,
            _ => {
                let Some(len) = bytes.get(i + 2..i + 4).map(|l| u16::from_be_bytes([l[0], l[1]]) as usize) else {
                    return false;
                };
                i += 2 + len;
                if marker == 0xDA {
                    // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
                    let is_marker = |i: usize| bytes[i] == 0xFF && !matches!(bytes[i + 1], 0x00 | 0xD0..=0xD7);
                    while i + 1 < bytes.len() && !is_marker(i) {
                        i += 1;
                    }
                }
            }
        }
    }
    false
}

/// A PDF cut short loses its `%%EOF` line (normally in the last bytes, after any junk a mailer adds).
fn pdf_has_end(bytes: &[u8]) -> bool {
    bytes[bytes.len().saturating_sub(2048)..].windows(5).any(|w| w == b"%%EOF")
}

fn password_protected(name: &str) -> Error {
    Error::Refused(format!(
        "{name} is password-protected; remove the password or print to PDF (File > Print > Save as PDF), then add the new file"
    ))
}

fn inspect_image(bytes: &[u8], name: &str, format: image::ImageFormat) -> Result<()> {
    let label = match format {
        image::ImageFormat::Jpeg => "JPEG",
        image::ImageFormat::WebP => "WebP",
        _ => "PNG",
    };
    // A truncated JPEG usually still decodes (grey bands); walking its structure to the end
    // marker gives it away.
    if format == image::ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(Error::Refused(format!(
            "{name} is an incomplete {label} image (the file is cut short); copy or scan it again and add the new file"
        )));
    }
    image_fits(bytes, format).map_err(|why| Error::Refused(format!("{name} is too large for a packet: {why}")))?;
    decode_image(bytes, format).map(drop).map_err(|e| {
        Error::Refused(format!(
            "{name} is a damaged or incomplete {label} image ({e}); copy or scan it again and add the new file"
        ))
    })
}

/// Refuses an image over [`MAX_IMAGE_PIXELS`] from its header alone, before any pixel is
/// decoded; an unreadable header is left to the decoder's own message.
pub fn image_fits(bytes: &[u8], format: image::ImageFormat) -> std::result::Result<(), String> {
    let Ok((w, h)) = image::ImageReader::with_format(std::io::Cursor::new(bytes), format).into_dimensions() else {
        return Ok(());
    };
    let pixels = w as u64 * h as u64;
    if pixels > MAX_IMAGE_PIXELS {
        return Err(format!(
            "it is {w} × {h} pixels ({} megapixels); the limit is {} megapixels: save or scan it at 300 dpi",
            pixels / 1_000_000,
            MAX_IMAGE_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

/// Decodes an image with the decoder's memory capped (a header can lie about its size): the
/// pixels of [`MAX_IMAGE_PIXELS`] at 16-bit RGBA.
pub fn decode_image(bytes: &[u8], format: image::ImageFormat) -> image::ImageResult<image::DynamicImage> {
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_IMAGE_PIXELS * 8);
    reader.limits(limits);
    reader.decode()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_unknown_formats_by_content() {
        let err = inspect(b"II*\0 rest of a tiff", "scan.pdf").unwrap_err().to_string();
        assert!(err.contains("scan.pdf is a damaged or incomplete TIFF image"), "{err}");
        let err = inspect(b"GIF89a and more", "photo.tif").unwrap_err().to_string();
        assert!(err.contains("photo.tif is a GIF image"), "{err}");
        let err = inspect(b"hello", "notes.txt").unwrap_err().to_string();
        assert!(err.contains("not a PDF, picture or scan"), "{err}");
    }

    #[test]
    fn jpeg_structure_walk_finds_the_end() {
        let mut jpg = Vec::new();
        image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]))
            .write_to(&mut std::io::Cursor::new(&mut jpg), image::ImageFormat::Jpeg)
            .unwrap();
        assert!(jpeg_is_complete(&jpg));
        for cut in [jpg.len() - 1, jpg.len() / 2, 200] {
            assert!(!jpeg_is_complete(&jpg[..cut]), "cut at {cut}");
            let err = inspect(&jpg[..cut], "cut.jpg").unwrap_err().to_string();
            assert!(err.contains("cut.jpg is an incomplete JPEG"), "{err}");
        }
    }

    #[test]
    fn refuses_truncated_png() {
        let mut png = Vec::new();
        image::RgbImage::from_pixel(40, 40, image::Rgb([10, 200, 30]))
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        assert_eq!(inspect(&png, "ok.png").unwrap(), (FileKind::Png, 1));
        let err = inspect(&png[..png.len() / 2], "cut.png").unwrap_err().to_string();
        assert!(err.contains("cut.png is a damaged or incomplete PNG"), "{err}");
    }
}
