//! Backups and restores: the whole portfolio as one zip file a clerk can keep on another drive,
//! and putting such a file back without ever risking the data already there.
//!
//! A backup holds a consistent copy of the database taken with SQLite's online backup API (one
//! read transaction, so a copy made while the app or another command writes is a real
//! snapshot, never a torn file), every evidence file that copy refers to, the clerk's own rules
//! files (`programs/*.toml`), and `manifest.json` with the SHA-256 and size of every entry. It
//! is written to a temp file beside the target, read back and checked against its manifest,
//! and only then renamed into place: a failed or interrupted backup never replaces a good one.
//!
//! A restore checks the whole file (manifest, names, sizes, hashes, schema version) while it
//! extracts into a staging folder next to the data folder, opens the database there as the app
//! would (`store::open` refuses newer versions), and only then swaps the staging folder in:
//! with one atomic exchange of the two folders where the system has one (Linux, macOS), else
//! with two renames whose interruption the next start repairs ([`recover_interrupted_restore`]).
//! The previous data is kept beside it as `<folder>.before-restore-<time>`.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Datelike, SecondsFormat, Timelike, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::files::{self, AtomicFile};
use crate::model::FileKind;
use crate::store;
use crate::vault::MAX_EVIDENCE_BYTES;
use crate::workspace::{DATABASE_FILE, LOCK_FILE, Workspace};

/// The manifest's `format`: anything else is not our backup.
pub const FORMAT: &str = "clerkfolio-backup";
/// Raised only when a reader of the old format could not restore the new one.
pub const FORMAT_VERSION: u32 = 1;
pub const MANIFEST: &str = "manifest.json";
/// Marks a staging folder while a restore fills it; held locked by the restoring process.
const STAGING_MARKER: &str = ".clerkfolio-restore-staging";
/// Beyond any real portfolio; stops a crafted archive from filling the disk or memory.
const MAX_DATABASE_BYTES: u64 = 4 * 1024 * 1024 * 1024;
const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;
const MAX_PROGRAM_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordCounts {
    pub education: u64,
    pub experience: u64,
    pub membership: u64,
    pub designation: u64,
    pub evidence: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    /// The Clerkfolio that wrote it.
    pub app_version: String,
    /// `store::schema_version()` of the database inside.
    pub schema_version: i64,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub records: RecordCounts,
    /// Every file in the archive but the manifest itself.
    pub entries: Vec<ManifestEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BackupReport {
    pub file: PathBuf,
    /// Files in the archive (database, evidence, rules files), the manifest not counted.
    pub files: usize,
    /// Size of the backup file.
    pub bytes: u64,
    pub records: RecordCounts,
    /// Evidence that could not be backed up as it should (missing or changed in the vault).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RestoreReport {
    pub data_dir: PathBuf,
    pub manifest: Manifest,
    /// Where the data that was replaced now is (`--replace`).
    pub previous: Option<PathBuf>,
    /// What `verify` finds in the restored portfolio (evidence already missing when backed up).
    pub warnings: Vec<String>,
}

/// What a name inside the archive is; anything else is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Database,
    Evidence,
    Program,
}

// ------------------------------------------------------------------ backup

/// Writes a backup of the portfolio open in `ws` to `target` (see the module docs).
pub fn create(ws: &Workspace, target: &Path) -> Result<BackupReport> {
    refuse_inside_data_folder(ws.dir(), target)?;
    let prefix = files::temp_prefix_for(target);
    // An evidence file removed between the snapshot and reading it is gone from the vault but
    // still named by the snapshot. Removal deletes the file only after its row is committed,
    // so a fresh snapshot no longer names it: try again.
    let mut attempt = 0;
    loop {
        attempt += 1;
        match write_backup(ws, target, &prefix, attempt == 3) {
            Err(Retry) => continue,
            Ok(result) => return result,
        }
    }
}

struct Retry;

/// The backup's temp file as the zip writer sees it. The writer finalizes itself when dropped
/// and prints its own error if that fails (a full disk); once the backup has failed (the first
/// failed write, or any other error), `poisoned` makes it write into nothing instead, quietly.
/// The temp file is removed either way.
struct Output<'a> {
    file: &'a mut File,
    poisoned: &'a std::cell::Cell<bool>,
}

impl Output<'_> {
    fn guard<T>(&mut self, idle: T, op: impl FnOnce(&mut File) -> std::io::Result<T>) -> std::io::Result<T> {
        if self.poisoned.get() {
            return Ok(idle);
        }
        op(self.file).inspect_err(|_| self.poisoned.set(true))
    }
}

impl Write for Output<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.guard(buf.len(), |f| f.write(buf))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.guard((), |f| f.flush())
    }
}

impl Seek for Output<'_> {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        self.guard(0, |f| f.seek(pos))
    }
}

fn write_backup(ws: &Workspace, target: &Path, prefix: &str, last_attempt: bool) -> std::result::Result<Result<BackupReport>, Retry> {
    let context = format!("cannot write the backup {}", target.display());
    let prepared = (|| -> Result<_> {
        let snapshot = snapshot(ws.connection())?;
        let evidence = store::evidence_list(&snapshot)?;
        let records = counts(&snapshot)?;
        let database = snapshot.serialize(rusqlite::MAIN_DB)?.to_vec();
        Ok((evidence, records, database, AtomicFile::create(target, prefix, context.clone())?))
    })();
    let (evidence, records, database, mut out) = match prepared {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let poisoned = std::cell::Cell::new(false);
    let mut zip = zip::ZipWriter::new(Output { file: out.file(), poisoned: &poisoned });
    let zip_fail = |e: zip::result::ZipError| match e {
        zip::result::ZipError::Io(io) => Error::io(context.clone(), io),
        other => Error::io(context.clone(), std::io::Error::other(other)),
    };
    let mut entries = Vec::new();
    let mut warnings = Vec::new();
    let written = (|| -> Result<std::result::Result<Manifest, Retry>> {
        let mut add = |zip: &mut zip::ZipWriter<Output>, path: String, bytes: &[u8], compress: bool| -> Result<()> {
            let method = if compress { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(method)
                .last_modified_time(zip_now())
                .unix_permissions(0o644)
                .large_file(bytes.len() as u64 > u32::MAX as u64);
            zip.start_file(path.as_str(), options).map_err(zip_fail)?;
            zip.write_all(bytes).map_err(|e| Error::io(context.clone(), e))?;
            entries.push(ManifestEntry { path, size: bytes.len() as u64, sha256: hex(&Sha256::digest(bytes)) });
            Ok(())
        };
        add(&mut zip, DATABASE_FILE.to_string(), &database, true)?;
        for e in &evidence {
            let path = ws.vault().path_of(&e.sha256, e.kind);
            let bytes = match fs::read(&path) {
                Ok(bytes) => bytes,
                Err(err) if err.kind() == std::io::ErrorKind::NotFound && !last_attempt => return Ok(Err(Retry)),
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                    warnings.push(format!(
                        "evidence {} ({}) is missing from the vault, so this backup lacks it; add the file again when you find it",
                        e.id, e.original_name
                    ));
                    continue;
                }
                Err(err) => return Err(Error::io(format!("cannot read evidence file {}", path.display()), err)),
            };
            if hex(&Sha256::digest(&bytes)) != e.sha256 {
                warnings.push(format!(
                    "evidence {} ({}) has changed since it was added (its SHA-256 no longer matches); it was backed up as it is now",
                    e.id, e.original_name
                ));
            }
            // JPEG and PNG are compressed already; deflating them again only costs time.
            add(&mut zip, evidence_entry(&e.sha256, e.kind), &bytes, e.kind == FileKind::Pdf)?;
        }
        let (programs, odd_names) = program_files(&ws.dir().join("programs"))?;
        for odd in odd_names {
            warnings.push(format!("the rules file {} was not backed up: give it a plain name ending in .toml", odd.display()));
        }
        for program in programs {
            let bytes = fs::read(&program).map_err(|e| Error::io(format!("cannot read {}", program.display()), e))?;
            let name = program.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            add(&mut zip, format!("programs/{name}"), &bytes, true)?;
        }
        let manifest = Manifest {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            app_version: env!("CARGO_PKG_VERSION").into(),
            schema_version: store::schema_version(),
            created_at: Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
            records,
            entries: std::mem::take(&mut entries),
        };
        let manifest_json = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::Invalid(format!("cannot write the manifest: {e}")))?;
        zip.start_file(MANIFEST, zip::write::SimpleFileOptions::default().last_modified_time(zip_now())).map_err(zip_fail)?;
        zip.write_all(&manifest_json).map_err(|e| Error::io(context.clone(), e))?;
        Ok(Ok(manifest))
    })();
    let manifest = match written {
        Ok(Ok(manifest)) => manifest,
        failed => {
            poisoned.set(true);
            drop(zip);
            return match failed {
                Ok(Err(retry)) => Err(retry),
                Err(e) => Ok(Err(e)),
                Ok(Ok(_)) => unreachable!(),
            };
        }
    };
    if let Err(e) = zip.finish() {
        poisoned.set(true);
        return Ok(Err(zip_fail(e)));
    }
    Ok(finish(out, target, manifest, records, warnings))
}

/// fsync, read back and check, rename into place.
fn finish(mut out: AtomicFile, target: &Path, manifest: Manifest, records: RecordCounts, warnings: Vec<String>) -> Result<BackupReport> {
    out.file().sync_all().map_err(|e| out.fail(e))?;
    // Read back from the disk and checked before the rename, so a write the disk garbled
    // never replaces an earlier good backup.
    let written = File::open(out.temp_path()).map_err(|e| out.fail(e))?;
    let bytes = written.metadata().map_err(|e| out.fail(e))?.len();
    verify_archive(std::io::BufReader::new(written), &target.display().to_string()).map_err(|e| {
        Error::Integrity(format!(
            "the backup did not read back correctly ({e}); the disk may be failing: write it to another drive. Nothing was replaced."
        ))
    })?;
    out.commit()?;
    Ok(BackupReport { file: target.to_path_buf(), files: manifest.entries.len(), bytes, records, warnings })
}

/// A consistent copy of the database in memory, made with the online backup API in one step:
/// one read transaction, so writers in other processes (WAL) go on meanwhile and the copy is
/// the database as of one commit. Busy only while another connection holds an exclusive lock
/// (a checkpoint); then waits and tries again.
fn snapshot(source: &Connection) -> Result<Connection> {
    let mut copy = Connection::open_in_memory()?;
    {
        let backup = rusqlite::backup::Backup::new(source, &mut copy)?;
        let mut waited = Duration::ZERO;
        loop {
            match backup.step(-1)? {
                rusqlite::backup::StepResult::Done => break,
                rusqlite::backup::StepResult::More => continue,
                _ if waited < Duration::from_secs(30) => {
                    std::thread::sleep(Duration::from_millis(50));
                    waited += Duration::from_millis(50);
                }
                _ => return Err(Error::Conflict("the database stayed locked for 30 seconds; close Clerkfolio and try again".into())),
            }
        }
    }
    Ok(copy)
}

fn counts(conn: &Connection) -> Result<RecordCounts> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM education), (SELECT count(*) FROM experience), (SELECT count(*) FROM membership),
                (SELECT count(*) FROM designation), (SELECT count(*) FROM evidence)",
        [],
        |r| {
            Ok(RecordCounts {
                education: r.get(0)?,
                experience: r.get(1)?,
                membership: r.get(2)?,
                designation: r.get(3)?,
                evidence: r.get(4)?,
            })
        },
    )?)
}

/// A backup written into the data folder would be moved aside with it by `restore --replace`,
/// and one named like the database would replace it: both are refused.
fn refuse_inside_data_folder(data: &Path, target: &Path) -> Result<()> {
    // The target's folder may not exist yet: its nearest existing ancestor decides.
    let folder = std::path::absolute(files::parent_of(target)).unwrap_or_else(|_| files::parent_of(target));
    let existing = folder.ancestors().find_map(|a| fs::canonicalize(a).ok());
    let (Ok(data), Some(folder)) = (fs::canonicalize(data), existing) else {
        return Ok(());
    };
    if folder.starts_with(&data) {
        return Err(Error::Invalid(format!(
            "{} is inside the data folder {}; write the backup somewhere else, ideally on another drive",
            target.display(),
            data.display()
        )));
    }
    Ok(())
}

/// The rules files a clerk added (`<data>/programs/*.toml`), sorted, and those whose names
/// cannot travel in a backup (not UTF-8, or with characters another system refuses).
fn program_files(dir: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
        Err(e) => return Err(Error::io(format!("cannot list {}", dir.display()), e)),
    };
    let (mut plain, mut odd) = (Vec::new(), Vec::new());
    for entry in entries.flatten() {
        let path = entry.path();
        if !entry.file_type().is_ok_and(|t| t.is_file()) || path.extension().is_none_or(|x| x != "toml") {
            continue; // what `Programs::load` ignores
        }
        if path.file_name().and_then(|n| n.to_str()).is_some_and(is_program_name) {
            plain.push(path);
        } else {
            odd.push(path);
        }
    }
    plain.sort();
    Ok((plain, odd))
}

/// Any file name `Programs::load` reads (`*.toml`) that is one plain name: no folder
/// separators, no drive colon, no control characters.
fn is_program_name(name: &str) -> bool {
    name.ends_with(".toml") && name.len() <= 255 && !name.contains(['/', '\\', ':']) && !name.chars().any(char::is_control)
}

fn evidence_entry(sha256: &str, kind: FileKind) -> String {
    format!("vault/{}/{sha256}.{}", &sha256[..2], kind.extension())
}

fn zip_now() -> zip::DateTime {
    let now = chrono::Local::now().naive_local();
    zip::DateTime::from_date_and_time(
        now.year().clamp(1980, 2107) as u16,
        now.month() as u8,
        now.day() as u8,
        now.hour() as u8,
        now.minute() as u8,
        now.second().min(59) as u8,
    )
    .unwrap_or_default()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

// ------------------------------------------------------------------ reading a backup

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
    let mut in_manifest = BTreeSet::new();
    for entry in &manifest.entries {
        if entry_kind(&entry.path).is_none() {
            return Err(refuse(format!("has a manifest naming '{}', which is not part of a Clerkfolio backup", entry.path)));
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
    /// The bytes of one manifest entry, checked against its size and SHA-256.
    pub fn read(&mut self, entry: &ManifestEntry) -> Result<Vec<u8>> {
        let limit = match entry_kind(&entry.path) {
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
        let bytes = read_limited(&mut self.zip, &entry.path, entry.size).map_err(|e| damaged(format!("cannot be read ({e})")))?;
        if bytes.len() as u64 != entry.size {
            return Err(damaged(format!("has {} bytes where the manifest says {}", bytes.len(), entry.size)));
        }
        if hex(&Sha256::digest(&bytes)) != entry.sha256 {
            return Err(damaged("does not match the SHA-256 in the manifest".into()));
        }
        Ok(bytes)
    }
}

/// Opens a backup and reads every entry against its manifest: what `backup` does after writing
/// and what the fuzzer drives. Returns the manifest.
pub fn verify_archive<R: Read + Seek>(reader: R, name: &str) -> Result<Manifest> {
    let mut archive = open_archive(reader, name)?;
    for entry in archive.manifest.entries.clone() {
        archive.read(&entry)?;
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
    (shard.len() == 2 && sha.len() == 64 && is_hex(sha) && sha.starts_with(shard) && ["pdf", "jpg", "png"].contains(&ext))
        .then_some(Entry::Evidence)
}

// ------------------------------------------------------------------ restore

/// Puts the backup `file` in place as the data folder `data` (see the module docs). Without
/// `replace`, `data` must not exist or be empty; with it, a folder holding a portfolio is
/// replaced and kept aside. Any refusal or failure leaves `data` exactly as it was.
pub fn restore(file: &Path, data: &Path, replace: bool) -> Result<RestoreReport> {
    let name = file.display().to_string();
    let reader = File::open(file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound(format!("{name}: no such file; choose the backup file to restore")),
        _ => Error::io(format!("cannot read {name}"), e),
    })?;
    if reader.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(Error::Refused(format!("{name} is a folder; choose the backup file (.zip) inside it")));
    }
    let mut archive = open_archive(std::io::BufReader::new(reader), &name)?;

    let data = absolute(data)?;
    recover_interrupted_restore(&data);
    let state = folder_state(&data)?;
    let _in_use_guard = match state {
        Folder::Portfolio if !replace => {
            return Err(Error::Conflict(format!(
                "{} already holds a portfolio; nothing was changed. To replace it with the backup, add --replace (the current data is kept beside it as {}.before-restore-<time>)",
                data.display(),
                folder_name(&data)
            )));
        }
        Folder::Portfolio => Some(lock_exclusive(&data)?),
        Folder::Other => {
            return Err(Error::Conflict(format!(
                "{} is not empty and holds no Clerkfolio portfolio; nothing was changed. Restore into an empty or new folder (--data-dir)",
                data.display()
            )));
        }
        Folder::Missing | Folder::Empty => None,
    };

    let parent = files::parent_of(&data);
    fs::create_dir_all(&parent).map_err(|e| Error::io(format!("cannot create {}", parent.display()), e))?;
    let staging_context = format!("cannot restore into {}", parent.display());
    let staging = tempfile::Builder::new()
        .prefix(&staging_prefix(&data))
        .tempdir_in(&parent)
        .map_err(|e| Error::io(staging_context.clone(), e))?;
    let marker_path = staging.path().join(STAGING_MARKER);
    let marker = File::create(&marker_path).map_err(|e| Error::io(staging_context.clone(), e))?;
    marker.lock().map_err(|e| Error::io(staging_context.clone(), e))?;
    if !files::still_at_path(&marker, &marker_path) {
        // Another Clerkfolio starting at this very moment took it for a crash's leftover.
        return Err(Error::Conflict("another Clerkfolio was starting at the same moment; nothing was changed: try again".into()));
    }

    for entry in archive.manifest.entries.clone() {
        let bytes = archive.read(&entry)?;
        let path = staging.path().join(&entry.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::io(staging_context.clone(), e))?;
        }
        let mut out = File::create(&path).map_err(|e| Error::io(staging_context.clone(), e))?;
        out.write_all(&bytes).and_then(|_| out.sync_all()).map_err(|e| Error::io(staging_context.clone(), e))?;
    }
    // Opened as the app opens it: refuses a newer schema, migrates an older one, loads the rules files.
    let warnings = {
        let ws = Workspace::open(staging.path()).map_err(|e| match e {
            Error::NewerDatabase(_) => Error::NewerDatabase(format!(
                "{name} was made by a newer version of Clerkfolio (its database is newer than this one reads); install the newer Clerkfolio to restore it. Nothing was changed."
            )),
            e => Error::Refused(format!("{name} cannot be restored ({e}); nothing was changed")),
        })?;
        let report = ws.verify()?;
        let (database, evidence): (Vec<String>, Vec<String>) = report.problems.into_iter().partition(|p| p.starts_with("database:"));
        if !database.is_empty() {
            return Err(Error::Refused(format!(
                "{name} holds a damaged database ({}); nothing was changed. Use another copy of the backup",
                database.join("; ")
            )));
        }
        evidence
    };
    sync_tree(staging.path()).map_err(|e| Error::io(staging_context.clone(), e))?;

    let staged = staging.keep();
    let previous = swap_in(&staged, &data, state).inspect_err(|_| {
        // Only what still carries the marker is staging; anything else is someone's data.
        if staged.join(STAGING_MARKER).exists() {
            let _ = fs::remove_dir_all(&staged);
        }
    })?;
    let _ = fs::remove_file(data.join(STAGING_MARKER));
    drop(marker);
    let _ = files::sync_dir(&data);
    files::sync_dir(&parent).map_err(|e| Error::io(staging_context, e))?;
    Ok(RestoreReport { data_dir: data, manifest: archive.manifest, previous, warnings })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Folder {
    Missing,
    Empty,
    Portfolio,
    Other,
}

fn folder_state(data: &Path) -> Result<Folder> {
    match fs::read_dir(data) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Folder::Missing),
        Err(e) if data.is_file() => Err(Error::Conflict(format!("{} is a file, not a folder ({e}); choose a folder to restore into", data.display()))),
        Err(e) => Err(Error::io(format!("cannot read the data folder {}", data.display()), e)),
        Ok(mut entries) => Ok(if entries.next().is_none() {
            Folder::Empty
        } else if data.join(DATABASE_FILE).is_file() {
            Folder::Portfolio
        } else {
            Folder::Other
        }),
    }
}

/// Refuses while anything (the app, another command) has the portfolio open: they hold
/// `LOCK_FILE` shared for as long as they have it open, and would go on writing into the data
/// that is being moved aside.
fn lock_exclusive(data: &Path) -> Result<File> {
    let path = data.join(LOCK_FILE);
    let file = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| Error::io(format!("cannot replace the portfolio in {}", data.display()), e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Conflict(format!(
            "the portfolio in {} is open in Clerkfolio (the app or another command); close it and try again. Nothing was changed.",
            data.display()
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io(format!("cannot lock {}", path.display()), e)),
    }
}

/// Moves the checked staging folder to `data`; returns where the replaced data went.
fn swap_in(staged: &Path, data: &Path, state: Folder) -> Result<Option<PathBuf>> {
    swap_in_with(staged, data, state, exchange)
}

/// [`swap_in`] with the atomic exchange given, so the two-rename way is tested where the
/// system has the exchange.
fn swap_in_with(
    staged: &Path,
    data: &Path,
    state: Folder,
    exchange: fn(&Path, &Path) -> std::io::Result<bool>,
) -> Result<Option<PathBuf>> {
    let fail = |e| Error::io(format!("cannot put the restored data in place at {}", data.display()), e);
    match state {
        Folder::Missing | Folder::Empty => {
            if state == Folder::Empty {
                fs::remove_dir(data).map_err(fail)?;
            }
            fs::rename(staged, data).map_err(fail)?;
            Ok(None)
        }
        Folder::Portfolio | Folder::Other => {
            let kept = unused_name(data, "before-restore");
            if exchange(staged, data).map_err(fail)? {
                // `staged` now holds the previous data: give it its lasting name. The restore is
                // done whatever happens here; if this rename fails, the next start gives the name.
                return Ok(Some(if fs::rename(staged, &kept).is_ok() { kept } else { staged.to_path_buf() }));
            }
            // No atomic exchange here: two renames. The previous data waits under a staging
            // name (no marker inside) so an interruption between them is undone at the next
            // start by `recover_interrupted_restore`.
            let transit = files::parent_of(data).join(format!("{}old", staging_prefix(data)));
            fs::rename(data, &transit).map_err(fail)?;
            if let Err(e) = fs::rename(staged, data) {
                let _ = fs::rename(&transit, data);
                return Err(fail(e));
            }
            Ok(Some(if fs::rename(&transit, &kept).is_ok() { kept } else { transit }))
        }
    }
}

/// Swaps two folders in one step. False where the system or file system has no such rename.
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => Ok(true),
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS || e == rustix::io::Errno::NOTSUP => Ok(false),
            Err(e) => Err(e.into()),
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

fn folder_name(data: &Path) -> String {
    data.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "data".into())
}

/// `.<folder>.restore-`: the prefix of staging folders (and of the previous data in transit).
fn staging_prefix(data: &Path) -> String {
    format!(".{}.restore-", folder_name(data))
}

/// `<folder>.<what>-<local time>`, with `-2`, `-3`… if taken.
fn unused_name(data: &Path, what: &str) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let base = files::parent_of(data).join(format!("{}.{what}-{stamp}", folder_name(data)));
    let mut candidate = base.clone();
    let mut n = 1;
    while candidate.exists() {
        n += 1;
        candidate = PathBuf::from(format!("{}-{n}", base.display()));
    }
    candidate
}

/// The data folder as an absolute path, through a symbolic link to where the data really is.
fn absolute(data: &Path) -> Result<PathBuf> {
    let abs = std::path::absolute(data).map_err(|e| Error::io(format!("cannot use the data folder {}", data.display()), e))?;
    Ok(fs::canonicalize(&abs).unwrap_or(abs))
}

/// fsyncs every file and folder of the staging tree, so the swap publishes durable data.
fn sync_tree(dir: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            sync_tree(&entry.path())?;
        } else {
            File::open(entry.path())?.sync_all()?;
        }
    }
    files::sync_dir(dir)
}

/// Repairs what an interrupted restore left beside the data folder; called before a data folder
/// is opened. A staging folder (it has the marker, or nothing) is deleted. A folder without
/// the marker but with a database is the previous data caught between the two renames: put
/// back if the data folder is missing, else kept as `<folder>.before-restore-<time>` (the
/// restore had completed). Folders a live restore holds locked are left alone. Best effort:
/// nothing here may stop the portfolio from opening.
pub fn recover_interrupted_restore(data: &Path) {
    let data = match std::path::absolute(data) {
        Ok(abs) => fs::canonicalize(&abs).unwrap_or(abs),
        Err(_) => return,
    };
    let prefix = staging_prefix(&data);
    let Ok(entries) = fs::read_dir(files::parent_of(&data)) else { return };
    let mut leftovers: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix) && e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .collect();
    leftovers.sort();
    for dir in leftovers {
        let unlocked = |file: &Path| File::open(file).is_ok_and(|f| f.try_lock().is_ok());
        let marker = dir.join(STAGING_MARKER);
        if marker.exists() {
            if unlocked(&marker) {
                let _ = fs::remove_dir_all(&dir);
            }
        } else if !dir.join(DATABASE_FILE).exists() {
            let _ = fs::remove_dir(&dir); // only if empty: a staging folder killed before its marker
        } else if !dir.join(LOCK_FILE).exists() || unlocked(&dir.join(LOCK_FILE)) {
            let destination = if data.exists() { unused_name(&data, "before-restore") } else { data.clone() };
            if fs::rename(&dir, &destination).is_ok() {
                let _ = files::sync_dir(&files::parent_of(&data));
            }
        }
    }
    // A restore killed right after its swap leaves its marker in the new data folder.
    let marker = data.join(STAGING_MARKER);
    if marker.exists() && File::open(&marker).is_ok_and(|f| f.try_lock().is_ok()) {
        let _ = fs::remove_file(marker);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_we_write_are_accepted() {
        let sha = "ab".to_string() + &"0".repeat(62);
        assert_eq!(entry_kind(DATABASE_FILE), Some(Entry::Database));
        assert_eq!(entry_kind(&format!("vault/ab/{sha}.pdf")), Some(Entry::Evidence));
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
    fn folder(path: &Path, database: &str, marker: bool) {
        fs::create_dir_all(path).unwrap();
        fs::write(path.join(DATABASE_FILE), database).unwrap();
        if marker {
            fs::write(path.join(STAGING_MARKER), "").unwrap();
        }
    }

    fn database(path: &Path) -> String {
        fs::read_to_string(path.join(DATABASE_FILE)).unwrap()
    }

    fn kept(dir: &Path) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("data.before-restore-"))
            .collect();
        found.sort();
        found
    }

    #[test]
    fn the_two_rename_swap_and_the_repair_of_its_interruptions() {
        let tmp = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(tmp.path()).unwrap();
        let data = root.join("data");
        folder(&data, "old", false);
        let staged = root.join(".data.restore-abc");
        folder(&staged, "new", true);
        let previous = swap_in_with(&staged, &data, Folder::Portfolio, |_, _| Ok(false)).unwrap().unwrap();
        assert_eq!(database(&data), "new");
        assert_eq!(database(&previous), "old");
        assert_eq!(kept(&root), std::slice::from_ref(&previous));
        assert!(!staged.exists());
        fs::remove_dir_all(&previous).unwrap();
        fs::remove_file(data.join(STAGING_MARKER)).unwrap(); // as `restore` does after the swap

        // Killed between the two renames: the data folder is missing, the previous data waits
        // under a staging name, the staging folder is still there. The next start puts the
        // previous data back and removes the staging folder.
        fs::rename(&data, root.join(".data.restore-old")).unwrap();
        folder(&staged, "newer", true);
        recover_interrupted_restore(&data);
        assert_eq!(database(&data), "new");
        assert!(!staged.exists() && !root.join(".data.restore-old").exists());
        assert_eq!(kept(&root), Vec::<PathBuf>::new());

        // Killed after the swap, before the previous data got its lasting name: kept.
        folder(&root.join(".data.restore-old"), "older", false);
        fs::write(data.join(STAGING_MARKER), "").unwrap();
        recover_interrupted_restore(&data);
        assert_eq!(database(&data), "new");
        assert!(!data.join(STAGING_MARKER).exists());
        let kept = kept(&root);
        assert_eq!(kept.len(), 1);
        assert_eq!(database(&kept[0]), "older");

        // A staging folder a live restore holds (its marker locked) is left alone.
        folder(&staged, "in progress", true);
        let marker = File::open(staged.join(STAGING_MARKER)).unwrap();
        marker.lock().unwrap();
        recover_interrupted_restore(&data);
        assert!(staged.exists());
        drop(marker);
        recover_interrupted_restore(&data);
        assert!(!staged.exists());
    }
}
