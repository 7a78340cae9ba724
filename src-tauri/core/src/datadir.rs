//! The data folder's layout and its life outside any one command: where it is (`--data-dir`,
//! `CLERKFOLIO_DATA_DIR`, the per-user folder the desktop app uses too), the names inside it,
//! the lock that tells a restore the portfolio is in use, and the repair of what an interrupted
//! restore left beside it. Both the workspace (which opens the folder) and the restore (which
//! replaces it) build on this module, so neither needs the other.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::files;

/// Tauri's identifier for the desktop app; its app data folder is `<OS data dir>/<identifier>`,
/// which the CLI computes the same way so both use the same portfolio.
pub const APP_IDENTIFIER: &str = "org.clerkfolio.desktop";
pub const DATA_DIR_ENV: &str = "CLERKFOLIO_DATA_DIR";
pub const DATABASE_FILE: &str = "clerkfolio.sqlite3";
/// Held shared by everything that has the data folder open (the app, each command), so that a
/// restore can tell the portfolio is in use and refuse to move it away underneath them.
pub const LOCK_FILE: &str = ".clerkfolio-lock";

/// `--data-dir` wins, then `CLERKFOLIO_DATA_DIR`, then the per-user data folder.
pub fn resolve(flag: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = flag {
        return Ok(dir);
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    user_data_folder().ok_or_else(|| Error::Invalid(format!("cannot find your user data folder; set {DATA_DIR_ENV} or pass --data-dir")))
}

/// The per-user data folder, the one Tauri's `app_data_dir` gives the desktop app: the system's
/// data folder (Windows: the roaming AppData folder, `%APPDATA%`; macOS: `~/Library/Application
/// Support`; Linux: `$XDG_DATA_HOME` or `~/.local/share`) and the app's identifier inside it.
pub fn user_data_folder() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
}

/// The folder of evidence files, inside the data folder.
pub const VAULT_DIR: &str = "vault";
/// The clerk's own rules files (`*.toml`), inside the data folder.
pub const PROGRAMS_DIR: &str = "programs";
/// Marks a staging folder while a restore fills it; held locked by the restoring process.
pub(crate) const STAGING_MARKER: &str = ".clerkfolio-restore-staging";

/// Takes `LOCK_FILE` shared, waiting while a restore holds it. A read-only folder cannot hold
/// a new lock file; it can still be read (and cannot be restored over), so it goes without.
pub(crate) fn lock_shared(dir: &Path) -> Result<Option<File>> {
    let path = dir.join(LOCK_FILE);
    let file = match File::options().read(true).write(true).create(true).truncate(false).open(&path) {
        Ok(file) => file,
        Err(e) if matches!(e.kind(), std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem) => {
            match File::open(&path) {
                Ok(file) => file,
                Err(_) => return Ok(None),
            }
        }
        Err(e) => return Err(Error::io(format!("cannot open the data folder {}", dir.display()), e)),
    };
    wait_for_shared(&file, dir)?;
    Ok(Some(file))
}

/// How long a command waits for another Clerkfolio (a restore swapping the folder, another
/// command's write transaction) before giving up with a message. Ordinary writes take
/// milliseconds; a lock held longer than this is a stuck or very slow program.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// What a waiting command says, once (the CLI: a line on stderr); nothing until set.
static WAIT_NOTICE: OnceLock<fn(&str)> = OnceLock::new();

/// Sets how a command kept waiting by another Clerkfolio says so (once per wait).
pub fn on_wait(notice: fn(&str)) {
    let _ = WAIT_NOTICE.set(notice);
}

pub(crate) fn notify_wait(what: &str) {
    if let Some(notice) = WAIT_NOTICE.get() {
        notice(what);
    }
}

/// Takes the lock shared, polling: a blocking lock would wait forever, without a word, on a
/// restore that hangs.
fn wait_for_shared(file: &File, dir: &Path) -> Result<()> {
    let deadline = Instant::now() + LOCK_WAIT;
    let mut told = false;
    loop {
        match file.try_lock_shared() {
            Ok(()) => return Ok(()),
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(format!("cannot lock the data folder {}", dir.display()), e)),
        }
        if Instant::now() >= deadline {
            return Err(Error::Conflict(format!(
                "another Clerkfolio (a restore) has held the portfolio in {} for over {} seconds; nothing was changed. Try again when it has finished, or close the program holding it",
                dir.display(),
                LOCK_WAIT.as_secs()
            )));
        }
        if !told {
            notify_wait(&format!("waiting for another Clerkfolio (a restore) to release the portfolio in {} (at most {} seconds)…", dir.display(), LOCK_WAIT.as_secs()));
            told = true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Refuses while anything (the app, another command) has the portfolio open: they hold
/// `LOCK_FILE` shared for as long as they have it open, and would go on writing into the data
/// that is being moved aside.
pub(crate) fn lock_exclusive(data: &Path) -> Result<File> {
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

/// Refuses an output (`what`: "the backup", "the packet"…) aimed into the data folder: named
/// like the database it would replace it (every command after would fail), and anything else
/// there is moved aside with the data by `restore --replace`. The target itself decides when it
/// exists (a link to the database, the data folder as an upload folder), else its nearest
/// existing ancestor (a folder not yet created inside the data folder). Both the CLI and the
/// desktop app reach every write through the engine, so this one check covers both.
pub fn refuse_inside(data: &Path, target: &Path, what: &str) -> Result<()> {
    let absolute = std::path::absolute(target).unwrap_or_else(|_| target.to_path_buf());
    let existing = absolute.ancestors().find_map(|a| fs::canonicalize(a).ok());
    let (Ok(data), Some(existing)) = (fs::canonicalize(data), existing) else {
        return Ok(());
    };
    if existing.starts_with(&data) {
        return Err(Error::Invalid(format!(
            "{} is inside the data folder {}; write {what} somewhere else, ideally on another drive",
            target.display(),
            data.display()
        )));
    }
    Ok(())
}

pub(crate) fn folder_name(data: &Path) -> String {
    data.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "data".into())
}

/// `.<folder>.restore-`: the prefix of staging folders (and of the previous data in transit).
pub(crate) fn staging_prefix(data: &Path) -> String {
    format!(".{}.restore-", folder_name(data))
}

/// `<folder>.<what>-<local time>`, with `-2`, `-3`… if taken.
pub(crate) fn unused_name(data: &Path, what: &str) -> PathBuf {
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
pub(crate) fn absolute(data: &Path) -> Result<PathBuf> {
    let abs = std::path::absolute(data).map_err(|e| Error::io(format!("cannot use the data folder {}", data.display()), e))?;
    Ok(fs::canonicalize(&abs).unwrap_or(abs))
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
    /// On Windows (the Windows build's tests run under Wine in CI, `.ci/windows`) the per-user
    /// folder is `%APPDATA%\org.clerkfolio.desktop`, found through the system's known-folder API.
    #[cfg(windows)]
    #[test]
    fn the_user_data_folder_is_in_roaming_appdata() {
        let appdata = std::env::var_os("APPDATA").expect("Windows sets APPDATA");
        assert_eq!(super::user_data_folder().unwrap(), std::path::Path::new(&appdata).join("org.clerkfolio.desktop"));
        assert!(super::user_data_folder().unwrap().to_string_lossy().contains(r"\AppData\Roaming\"), "{:?}", super::user_data_folder());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_user_data_folder_is_in_xdg_data_home() {
        let base = std::env::var_os("XDG_DATA_HOME")
            .filter(|d| std::path::Path::new(d).is_absolute())
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| std::path::PathBuf::from(std::env::var_os("HOME").unwrap()).join(".local/share"));
        assert_eq!(super::user_data_folder().unwrap(), base.join("org.clerkfolio.desktop"));
    }
}
