//! Durable file writes, shared by the vault, backups and exports: the bytes go to a temp file in
//! the target's own folder (so the final rename never crosses file systems), are fsynced, then
//! renamed over the target, and the folder is fsynced so the rename itself survives a power cut.
//! A crash leaves the old file or the new one, never half of one; at worst a stray temp file,
//! which the next write to the same place (or `Vault::open`) removes.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A file being written in place of `target`; nothing is visible at `target` until `commit`.
/// Dropped without `commit` (an error on the way), the temp file is removed.
pub struct AtomicFile {
    temp: tempfile::NamedTempFile,
    target: PathBuf,
    context: String,
}

impl AtomicFile {
    /// Starts writing `target`. The temp file is named `<prefix>XXXXXX` beside it and locked for
    /// as long as this process writes it: the lock dies with the process, which is how
    /// [`remove_abandoned`] in another process (the app and the CLI together) tells a temp file a
    /// crash left from one still being written. `context` says what failed in error messages.
    pub fn create(target: &Path, prefix: &str, context: impl Into<String>) -> Result<AtomicFile> {
        let context = context.into();
        let dir = parent_of(target);
        let fail = |e| Error::io(context.clone(), e);
        fs::create_dir_all(&dir).map_err(fail)?;
        // What an earlier write to the same place left when it was killed goes first.
        remove_abandoned(&dir, prefix);
        // Between creating the temp file and locking it, another process's `remove_abandoned`
        // can see it unlocked and delete it (it locks before deleting, so our lock then waits
        // for it). A temp file no longer at its path after locking is gone: make another.
        for _ in 0..10 {
            let temp = tempfile::Builder::new().prefix(prefix).tempfile_in(&dir).map_err(fail)?;
            temp.as_file().lock().map_err(fail)?;
            if still_at_path(temp.as_file(), temp.path()) {
                return Ok(AtomicFile { temp, target: target.to_path_buf(), context });
            }
        }
        Err(fail(std::io::Error::other("temp files kept disappearing; is another program cleaning this folder?")))
    }

    pub fn file(&mut self) -> &mut File {
        self.temp.as_file_mut()
    }

    /// Where the bytes are until `commit` (to read them back and check them first).
    pub fn temp_path(&self) -> &Path {
        self.temp.path()
    }

    pub fn fail(&self, e: std::io::Error) -> Error {
        Error::io(self.context.clone(), e)
    }

    /// fsync, rename over the target, fsync the folder.
    pub fn commit(self) -> Result<()> {
        let AtomicFile { temp, target, context } = self;
        let fail = |e| Error::io(context.clone(), e);
        temp.as_file().sync_all().map_err(fail)?;
        temp.persist(&target).map_err(|e| fail(e.error))?;
        sync_dir(&parent_of(&target)).map_err(fail)
    }
}

/// For a file the clerk names (a calendar, a packet): its folder must already exist. Creating
/// folders is right for the vault's own layout, but would turn a mistyped path into a file
/// nobody can find.
pub fn existing_folder(target: &Path, what: &str) -> Result<()> {
    let dir = parent_of(target);
    if dir.is_dir() {
        Ok(())
    } else {
        Err(Error::io(
            format!("cannot write {what} {}", target.display()),
            std::io::Error::new(std::io::ErrorKind::NotFound, format!("the folder {} does not exist", dir.display())),
        ))
    }
}

/// Writes `bytes` to `target` atomically (see [`AtomicFile`]).
pub fn write_atomically(target: &Path, prefix: &str, bytes: &[u8], context: impl Into<String>) -> Result<()> {
    let mut file = AtomicFile::create(target, prefix, context)?;
    file.file().write_all(bytes).map_err(|e| file.fail(e))?;
    file.commit()
}

/// The temp-file prefix for user-chosen targets (backups, exports): `.<file name>.tmp-`, so the
/// next write to the same file finds and removes what a crash left, and nothing else.
pub fn temp_prefix_for(target: &Path) -> String {
    format!(".{}.tmp-", target.file_name().map(|n| n.to_string_lossy()).unwrap_or_default())
}

/// Removes files in `dir` whose names start with `prefix` and that no live process holds
/// locked (see [`AtomicFile::create`]). Best effort: a file that cannot be removed stays.
pub fn remove_abandoned(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(prefix) || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let abandoned = File::open(entry.path()).is_ok_and(|f| f.try_lock().is_ok());
        if abandoned {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether `path` still names the open `file` (not deleted or replaced meanwhile).
pub fn still_at_path(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        // Windows does not delete a file that is open without shared delete access.
        let _ = file;
        path.exists()
    }
}

/// Makes a rename durable: on Unix the directory entry must be flushed too.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// The folder a file is in; "." for a bare file name.
/// Opens `path` for reading only if it is a regular file (links followed). A FIFO blocks the
/// open itself until some writer appears, and a device such as /dev/zero never ends: an input
/// that is neither is refused before it is opened, and checked again on the opened handle in
/// case the path was swapped in between (on Unix the open does not wait, whatever it finds).
/// `name` is the file as the message names it; missing files keep their `NotFound` error.
pub fn open_regular(path: &Path, name: &str) -> std::result::Result<File, OpenError> {
    let meta = fs::metadata(path).map_err(OpenError::Io)?;
    not_regular(&meta, name)?;
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = options.open(path).map_err(OpenError::Io)?;
    not_regular(&file.metadata().map_err(OpenError::Io)?, name)?;
    Ok(file)
}

/// Why [`open_regular`] did not open a file.
#[derive(Debug)]
pub enum OpenError {
    /// Not a regular file: the refusal, in words.
    NotRegular(Error),
    Io(std::io::Error),
}

fn not_regular(meta: &fs::Metadata, name: &str) -> std::result::Result<(), OpenError> {
    if meta.is_file() {
        return Ok(());
    }
    let what = if meta.is_dir() { "a folder" } else { special_kind(meta) };
    Err(OpenError::NotRegular(Error::Refused(format!("{name} is {what}, not a regular file; choose the file itself"))))
}

#[cfg(unix)]
fn special_kind(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a pipe (FIFO)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &fs::Metadata) -> &'static str {
    "not a file"
}

/// Swaps two folders in one step. False where the system or file system has no such rename.
pub(crate) fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
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

pub fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_atomically_and_leave_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("export.csv");
        write_atomically(&target, &temp_prefix_for(&target), b"one", "cannot write").unwrap();
        write_atomically(&target, &temp_prefix_for(&target), b"two", "cannot write").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn abandoned_temps_go_and_live_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("backup.zip");
        let prefix = temp_prefix_for(&target);
        fs::write(dir.path().join(format!("{prefix}crashed")), b"half").unwrap();
        fs::write(dir.path().join("unrelated.tmp-file"), b"keep").unwrap();
        let live = AtomicFile::create(&target, &prefix, "cannot write").unwrap();
        remove_abandoned(dir.path(), &prefix);
        let mut left: Vec<String> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        left.sort();
        assert_eq!(left.len(), 2, "{left:?}");
        assert!(left.contains(&"unrelated.tmp-file".to_string()));
        assert!(live.temp_path().exists(), "a temp file still being written is left alone");
        drop(live);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "a dropped (failed) write leaves nothing");
    }
}
