//! Reading a backup: the archive, its manifest and every name checked before anything is read,
//! and each entry checked against its manifest size and hash as it is read.

use std::collections::BTreeSet;
use std::io::{Read, Seek, Write};

use sha2::{Digest, Sha256};

use super::{Entry, FORMAT, FORMAT_VERSION, MANIFEST, MAX_DATABASE_BYTES, MAX_MANIFEST_BYTES, MAX_PROGRAM_BYTES, Manifest, ManifestEntry, hex, is_program_name};
use crate::datadir::DATABASE_FILE;
use crate::error::{Error, Result};
use crate::store;
use crate::vault::MAX_EVIDENCE_BYTES;

/// More entries than any portfolio has (a vault of 50,000 certificates): a crafted manifest
/// listing millions of tiny entries is refused before any is read.
pub const MAX_ENTRIES: usize = 50_000;

/// An archive whose manifest and names have been checked; entries are checked as they are read.
pub struct Archive<R: Read + Seek> {
    zip: zip::ZipArchive<R>,
    pub manifest: Manifest,
    name: String,
}

/// Opens a backup and checks everything that can be checked without reading the entries: a
/// zip, our manifest, a format and schema this build reads, every name one we write (nothing
/// that could point outside the data folder), and the manifest and the archive listing the
/// same files. `name` is the file's name for messages.
pub fn open_archive<R: Read + Seek>(reader: R, name: &str) -> Result<Archive<R>> {
    let refuse = |why: String| Error::Refused(format!("{name} {why}; nothing was changed"));
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| {
        refuse(format!("is not a Clerkfolio backup, or it is damaged or cut short (not a readable zip file: {e}); use a backup file Clerkfolio made (Back up now, or the backup command), or another copy of it"))
    })?;
    // The zip reader keeps one entry per name (the last), so two databases would restore
    // whichever came last: Clerkfolio writes each name once, and a copy is refused.
    if zip.has_duplicate_names() {
        return Err(refuse("lists an entry twice (two files under one name); Clerkfolio writes each once, so which copy is meant cannot be known".into()));
    }
    let mut listed = BTreeSet::new();
    for i in 0..zip.len() {
        let file = zip.by_index_raw(i).map_err(|e| refuse(format!("is damaged ({e})")))?;
        let entry_name = file.name().map_err(|_| refuse("has an entry whose name cannot be read".into()))?.into_owned();
        if file.is_symlink() {
            return Err(refuse(format!("contains a link ('{entry_name}'), which Clerkfolio never writes; it is not a Clerkfolio backup")));
        }
        if escapes(&entry_name) {
            return Err(refuse(format!(
                "contains an entry that points outside the data folder ('{entry_name}'); it was not made by Clerkfolio and is refused"
            )));
        }
        if file.is_dir() {
            continue; // a zip tool that re-packed the folder may list folders; they carry nothing
        }
        if entry_name != MANIFEST {
            entry_kind(&entry_name).ok_or_else(|| refuse(format!("contains '{entry_name}', which is not part of a Clerkfolio backup")))?;
        }
        if !listed.insert(entry_name.clone()) {
            return Err(refuse(format!("lists '{entry_name}' twice")));
        }
    }
    if !listed.contains(MANIFEST) {
        return Err(refuse(format!("is not a Clerkfolio backup (it has no {MANIFEST})")));
    }
    let manifest_bytes = read_limited(&mut zip, MANIFEST, MAX_MANIFEST_BYTES).map_err(|e| refuse(format!("is damaged ({e})")))?;
    let manifest: Manifest = serde_json::from_slice::<serde_json::Value>(&manifest_bytes)
        .ok()
        .filter(|v| v["format"] == FORMAT)
        .ok_or_else(|| refuse(format!("is not a Clerkfolio backup (its {MANIFEST} is not ours)")))
        .and_then(|v| {
            if v["format_version"].as_u64().is_some_and(|n| n > FORMAT_VERSION as u64) {
                return Err(refuse("was made by a newer version of Clerkfolio (a newer backup format); install the newer Clerkfolio to restore it".into()));
            }
            serde_json::from_value(v).map_err(|e| refuse(format!("has a damaged {MANIFEST} ({e})")))
        })?;
    if manifest.schema_version > store::schema_version() {
        return Err(Error::NewerDatabase(format!(
            "{name} was made by a newer version of Clerkfolio (data version {}, this one reads up to {}); install the newer Clerkfolio to restore it. Nothing was changed.",
            manifest.schema_version,
            store::schema_version()
        )));
    }
    if manifest.entries.len() > MAX_ENTRIES {
        return Err(refuse(format!("lists {} files, more than a portfolio holds (at most {MAX_ENTRIES})", manifest.entries.len())));
    }
    let mut in_manifest = BTreeSet::new();
    for entry in &manifest.entries {
        let kind = entry_kind(&entry.path);
        if kind.is_none() {
            return Err(refuse(format!("has a manifest naming '{}', which is not part of a Clerkfolio backup", entry.path)));
        }
        // A vault file is named by its hash: a copy under other names (fifteen names for one
        // 100 MB file) is no vault Clerkfolio wrote.
        if kind == Some(Entry::Evidence) && !entry.path.contains(&format!("/{}.", entry.sha256)) {
            return Err(refuse(format!("is damaged: its manifest gives the evidence file '{}' a SHA-256 that is not its name", entry.path)));
        }
        if !in_manifest.insert(entry.path.clone()) {
            return Err(refuse(format!("has a manifest listing '{}' twice", entry.path)));
        }
        if !listed.contains(&entry.path) {
            return Err(refuse(format!("is incomplete: '{}' is listed in its manifest but missing", entry.path)));
        }
    }
    if let Some(extra) = listed.iter().find(|n| *n != MANIFEST && !in_manifest.contains(*n)) {
        return Err(refuse(format!("contains '{extra}', which its manifest does not list")));
    }
    if !in_manifest.contains(DATABASE_FILE) {
        return Err(refuse(format!("has no database ({DATABASE_FILE})")));
    }
    Ok(Archive { zip, manifest, name: name.to_string() })
}

impl<R: Read + Seek> Archive<R> {
    /// Copies one manifest entry to `out` as it is read (never whole in memory: a crafted
    /// manifest may claim gigabytes), checked against its size and SHA-256; the first bytes must
    /// be what such an entry starts with (SQLite's header, an evidence kind's signature), so a
    /// bomb of zeros is refused after a few bytes, not after gigabytes. On an error, what was
    /// written to `out` is garbage the caller throws away.
    pub fn copy_to(&mut self, entry: &ManifestEntry, out: &mut dyn Write) -> Result<()> {
        let kind = entry_kind(&entry.path);
        let limit = match kind {
            Some(Entry::Database) => MAX_DATABASE_BYTES,
            Some(Entry::Evidence) => MAX_EVIDENCE_BYTES,
            _ => MAX_PROGRAM_BYTES,
        };
        let damaged = |why: String| {
            Error::Refused(format!(
                "{} is damaged: {} {why}; nothing was changed. Use another copy of the backup",
                self.name, entry.path
            ))
        };
        if entry.size > limit {
            return Err(damaged(format!("claims {} bytes, more than Clerkfolio ever writes", entry.size)));
        }
        let file = self.zip.by_name(&entry.path).map_err(|e| damaged(format!("cannot be read ({e})")))?;
        let mut reader = file.take(entry.size + 1);
        let mut hasher = Sha256::new();
        let mut buffer = vec![0u8; 64 * 1024];
        let mut copied = 0u64;
        loop {
            let n = fill(&mut reader, &mut buffer).map_err(|e| damaged(format!("cannot be read ({e})")))?;
            if n == 0 {
                break;
            }
            if copied == 0 && !starts_right(kind, &buffer[..n], entry.size) {
                return Err(damaged(format!("does not begin as a {} does", kind.map_or("file", Entry::noun))));
            }
            copied += n as u64;
            if copied > entry.size {
                return Err(damaged(format!("is larger than the {} bytes the manifest says", entry.size)));
            }
            hasher.update(&buffer[..n]);
            out.write_all(&buffer[..n]).map_err(|e| Error::io(format!("cannot restore {}", entry.path), e))?;
        }
        if copied != entry.size {
            return Err(damaged(format!("has {copied} bytes where the manifest says {}", entry.size)));
        }
        if hex(&hasher.finalize()) != entry.sha256 {
            return Err(damaged("does not match the SHA-256 in the manifest".into()));
        }
        Ok(())
    }
}

/// Reads until `buffer` is full or the input ends (so the first chunk holds a whole header).
fn fill(reader: &mut impl Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match reader.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Whether an entry's first bytes (as many as the first read gave) are what its kind starts
/// with: SQLite's header with the page size and page count that make the claimed size (when
/// the header vouches for its count), or an evidence file's signature. Programs are text.
fn starts_right(kind: Option<Entry>, head: &[u8], size: u64) -> bool {
    match kind {
        Some(Entry::Database) => sqlite_header_fits(head, size),
        Some(Entry::Evidence) => {
            head[..head.len().min(1024)].windows(5).any(|w| w == b"%PDF-")
                || head.starts_with(&[0xFF, 0xD8, 0xFF])
                || head.starts_with(b"\x89PNG\r\n\x1a\n")
                || crate::vault::is_tiff(head)
                || crate::vault::is_webp(head)
                || crate::heif::is_heic(head)
        }
        _ => true,
    }
}

/// SQLite's file header (sqlite.org/fileformat.html, 1.3): the magic string, the page size at
/// offset 16 (1 means 65536), the page count at 28, valid when the "version-valid-for" number
/// at 92 equals the change counter at 24 (true of every file SQLite 3.7+ wrote).
pub(super) fn sqlite_header_fits(head: &[u8], size: u64) -> bool {
    if head.len() < 100 || !head.starts_with(b"SQLite format 3\0") {
        return false;
    }
    let be32 = |at: usize| u32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    let page_size = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65536,
        n => n as u64,
    };
    if be32(92) != be32(24) {
        return size.is_multiple_of(page_size.max(1));
    }
    page_size * be32(28) as u64 == size
}

/// Opens a backup and reads every entry against its manifest: what `backup` does after writing
/// and what the fuzzer drives. Returns the manifest.
pub fn verify_archive<R: Read + Seek>(reader: R, name: &str) -> Result<Manifest> {
    let mut archive = open_archive(reader, name)?;
    for entry in archive.manifest.entries.clone() {
        archive.copy_to(&entry, &mut std::io::sink())?;
    }
    Ok(archive.manifest)
}

/// Reads at most `limit` bytes of an entry (one more, to notice a longer one); the zip reader
/// checks the CRC-32 when the whole entry has been read.
fn read_limited<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, name: &str, limit: u64) -> std::result::Result<Vec<u8>, String> {
    let file = zip.by_name(name).map_err(|e| e.to_string())?;
    let mut bytes = Vec::with_capacity(file.size().min(limit).min(64 * 1024 * 1024) as usize);
    let read = file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if read as u64 > limit {
        return Err(format!("it is larger than expected ({limit} bytes)"));
    }
    Ok(bytes)
}

/// `..`, absolute paths, drive letters and backslashes: names that could land outside the folder.
fn escapes(name: &str) -> bool {
    name.starts_with('/')
        || name.contains('\\')
        || name.contains('\0')
        || name.as_bytes().get(1) == Some(&b':')
        || name.split('/').any(|part| part == "..")
}

/// The names a backup holds, exactly as `create` writes them.
fn entry_kind(name: &str) -> Option<Entry> {
    if name == DATABASE_FILE {
        return Some(Entry::Database);
    }
    if let Some(program) = name.strip_prefix("programs/") {
        return is_program_name(program).then_some(Entry::Program);
    }
    let rest = name.strip_prefix("vault/")?;
    let (shard, file) = rest.split_once('/')?;
    let (sha, ext) = file.split_once('.')?;
    let is_hex = |s: &str| s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    // Every kind's extension (TIFF, WebP and HEIC too), and a HEIC photo's JPEG rendition.
    let known = ext == crate::vault::RENDITION_EXTENSION || crate::model::FileKind::ALL.iter().any(|k| k.extension() == ext);
    (shard.len() == 2 && sha.len() == 64 && is_hex(sha) && sha.starts_with(shard) && known).then_some(Entry::Evidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datadir::DATABASE_FILE;

    #[test]
    fn only_names_we_write_are_accepted() {
        let sha = "ab".to_string() + &"0".repeat(62);
        assert_eq!(entry_kind(DATABASE_FILE), Some(Entry::Database));
        assert_eq!(entry_kind(&format!("vault/ab/{sha}.pdf")), Some(Entry::Evidence));
        for ext in ["tif", "webp", "heic", "rendition.jpg"] {
            assert_eq!(entry_kind(&format!("vault/ab/{sha}.{ext}")), Some(Entry::Evidence), "{ext}");
        }
        assert_eq!(entry_kind("programs/my-state.toml"), Some(Entry::Program));
        assert_eq!(entry_kind("programs/Règles de l'État 2025.toml"), Some(Entry::Program));
        for bad in [
            format!("vault/cd/{sha}.pdf"),
            format!("vault/ab/{sha}.exe"),
            format!("vault/ab/../{sha}.pdf"),
            "programs/../x.toml".into(),
            "programs/a\\b.toml".into(),
            "programs/c:.toml".into(),
            "programs/sub/x.toml".into(),
            "clerkfolio.sqlite3-wal".into(),
            "../clerkfolio.sqlite3".into(),
            "".into(),
        ] {
            assert_eq!(entry_kind(&bad), None, "{bad}");
        }
        for bad in ["../x", "a/../../x", "/etc/passwd", "C:/x", "a\\..\\x"] {
            assert!(escapes(bad), "{bad}");
        }
        assert!(!escapes("vault/ab/x.pdf"));
    }
}
