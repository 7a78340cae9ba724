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

use std::fs::{self, File};
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Datelike, SecondsFormat, Timelike, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

mod archive;
pub mod auto;
mod restore;
mod schema;

pub use archive::{Archive, open_archive, verify_archive};
pub use restore::restore;

/// Restore's check of a backup's database, on bytes: the first bytes as the extraction checks
/// them, then the file (in a temp folder) as the restore checks it (integrity, the exact
/// layout, every evidence hash). The fuzz target `restore_database` drives it; on stable Rust,
/// `tests/engine/fuzz_twins.rs` runs generated inputs through it in every test run.
pub fn check_database_bytes(bytes: &[u8]) -> Result<()> {
    if !archive::sqlite_header_fits(bytes, bytes.len() as u64) {
        return Err(Error::Refused("the database does not begin as a SQLite database does".into()));
    }
    let dir = tempfile::tempdir().map_err(|e| Error::io("cannot create a temp folder", e))?;
    let path = dir.path().join(DATABASE_FILE);
    std::fs::write(&path, bytes).map_err(|e| Error::io("cannot write the database to check", e))?;
    schema::check_database(&path, "the database")
}

use crate::error::{Error, Result};
use crate::files::{self, AtomicFile};
use crate::model::{FileKind, Sha256Hex};
use crate::store;
use crate::datadir::{self, DATABASE_FILE};
use crate::workspace::Workspace;

/// The manifest's `format`: anything else is not our backup.
pub const FORMAT: &str = "clerkfolio-backup";
/// Raised only when a reader of the old format could not restore the new one.
pub const FORMAT_VERSION: u32 = 1;
pub const MANIFEST: &str = "manifest.json";
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
    /// Applications sent to IIMC (absent from backups made before data version 7: 0).
    #[serde(default)]
    pub application: u64,
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
    /// Read back from the restored database: what is there, whatever the manifest claims.
    pub records: RecordCounts,
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

impl Entry {
    /// What such an entry is, for messages.
    fn noun(self) -> &'static str {
        match self {
            Entry::Database => "SQLite database",
            Entry::Evidence => "PDF, JPEG, PNG, TIFF, WebP or HEIC file",
            Entry::Program => "rules file",
        }
    }
}

// ------------------------------------------------------------------ backup

/// Writes a backup of the portfolio open in `ws` to `target` (see the module docs).
pub fn create(ws: &Workspace, target: &Path) -> Result<BackupReport> {
    datadir::refuse_inside(ws.dir(), target, "the backup")?;
    let prefix = files::temp_prefix_for(target);
    // An evidence file removed between the snapshot and reading it is gone from the vault but
    // still named by the snapshot. Removal moves the file aside just before its row's deletion
    // commits, so a fresh snapshot soon no longer names it: try again.
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
/// Writes and seeks into nothing still move the position, so the writer's bookkeeping (which
/// asserts that an entry does not end before it starts) holds while it finalizes.
/// The temp file is removed either way.
struct Output<'a> {
    file: &'a mut File,
    poisoned: &'a std::cell::Cell<bool>,
    /// Where the writer is, and the furthest it has been, as it sees it.
    position: u64,
    end: u64,
}

impl Output<'_> {
    fn guard<T>(&mut self, idle: T, op: impl FnOnce(&mut File) -> std::io::Result<T>) -> std::io::Result<T> {
        if self.poisoned.get() {
            return Ok(idle);
        }
        op(self.file).inspect_err(|_| self.poisoned.set(true))
    }

    fn moved_to(&mut self, position: u64) -> u64 {
        self.position = position;
        self.end = self.end.max(position);
        position
    }
}

impl Write for Output<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.guard(buf.len(), |f| f.write(buf))?;
        self.moved_to(self.position + n as u64);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.guard((), |f| f.flush())
    }
}

impl Seek for Output<'_> {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        use std::io::SeekFrom;
        let idle = match pos {
            SeekFrom::Start(n) => n,
            SeekFrom::Current(d) => self.position.saturating_add_signed(d),
            SeekFrom::End(d) => self.end.saturating_add_signed(d),
        };
        let position = self.guard(idle, |f| f.seek(pos))?;
        Ok(self.moved_to(position))
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
    let mut zip = zip::ZipWriter::new(Output { file: out.file(), poisoned: &poisoned, position: 0, end: 0 });
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
            // A changed file cannot go in under its name: a restore takes a vault entry only if
            // its bytes hash to its name (and every reader refuses the file anyway).
            if Sha256Hex::of(&bytes) != e.sha256 {
                warnings.push(format!(
                    "evidence {} ({}) has changed since it was added (its SHA-256 no longer matches), so this backup lacks it; add the original file again",
                    e.id, e.original_name
                ));
                continue;
            }
            // JPEG, PNG and WebP are compressed already; deflating them again only costs
            // time. TIFF may be stored uncompressed.
            add(&mut zip, evidence_entry(&e.sha256, e.kind), &bytes, matches!(e.kind, FileKind::Pdf | FileKind::Tiff))?;
            // A HEIC photo's JPEG rendition, checked the same way (restore's verify needs it).
            if let Some(rendition) = &e.rendition_sha256 {
                match ws.vault().read_shown(e) {
                    Ok(bytes) => add(&mut zip, rendition_entry(rendition), &bytes, false)?,
                    Err(Error::Integrity(_)) if !last_attempt && !ws.vault().rendition_path(rendition).exists() => return Ok(Err(Retry)),
                    Err(Error::Integrity(_)) => warnings.push(format!(
                        "evidence {} ({}): its JPEG rendition is missing or changed, so this backup lacks it; add the photo again",
                        e.id, e.original_name
                    )),
                    Err(other) => return Err(other),
                }
            }
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

/// What a backup made now would hold, as comparable lines: the database and each rules file
/// with its SHA-256, each evidence file present in the vault by its name (which is its hash).
/// Equal to [`held_by`] of the last backup's manifest: nothing changed since it was made.
/// Costs one copy of the database in memory and a look at each evidence file, no more.
pub(crate) fn current_state(ws: &Workspace) -> Result<std::collections::BTreeSet<String>> {
    let snapshot = snapshot(ws.connection())?;
    let mut state = std::collections::BTreeSet::new();
    state.insert(format!("{DATABASE_FILE} {}", hex(&Sha256::digest(&*snapshot.serialize(rusqlite::MAIN_DB)?))));
    for e in store::evidence_list(&snapshot)? {
        if ws.vault().path_of(&e.sha256, e.kind).is_file() {
            state.insert(evidence_entry(&e.sha256, e.kind));
        }
    }
    for program in program_files(&ws.dir().join("programs"))?.0 {
        let bytes = fs::read(&program).map_err(|e| Error::io(format!("cannot read {}", program.display()), e))?;
        let name = program.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        state.insert(format!("programs/{name} {}", hex(&Sha256::digest(&bytes))));
    }
    Ok(state)
}

/// The lines of [`current_state`] for what a backup holds, read from its manifest.
pub(crate) fn held_by(manifest: &Manifest) -> std::collections::BTreeSet<String> {
    manifest
        .entries
        .iter()
        .map(|e| if e.path.starts_with("vault/") { e.path.clone() } else { format!("{} {}", e.path, e.sha256) })
        .collect()
}

fn counts(conn: &Connection) -> Result<RecordCounts> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM education), (SELECT count(*) FROM experience), (SELECT count(*) FROM membership),
                (SELECT count(*) FROM designation), (SELECT count(*) FROM evidence), (SELECT count(*) FROM application)",
        [],
        |r| {
            Ok(RecordCounts {
                education: r.get(0)?,
                experience: r.get(1)?,
                membership: r.get(2)?,
                designation: r.get(3)?,
                evidence: r.get(4)?,
                application: r.get(5)?,
            })
        },
    )?)
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

fn evidence_entry(sha256: &Sha256Hex, kind: FileKind) -> String {
    format!("vault/{}/{sha256}.{}", sha256.shard(), kind.extension())
}

fn rendition_entry(sha256: &Sha256Hex) -> String {
    format!("vault/{}/{sha256}.{}", sha256.shard(), crate::vault::RENDITION_EXTENSION)
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
