//! What the shell keeps between commands: the open workspace (one connection, behind a mutex:
//! commands are short, and SQLite serialises writers anyway) and the files this session wrote,
//! which are the only paths the UI may ask to open or reveal.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use clerkfolio_core::Workspace;

use crate::error::{Result, ShellError};

/// When the app started (the first thing `run` does), for the launch timeline (`startup_report`).
pub struct Launched(pub std::time::Instant);

pub const STARTUP_TRACE_ENV: &str = "CLERKFOLIO_STARTUP_TRACE";

impl Launched {
    /// The page's marks (ms of page time; `now` is the page clock at this moment) as ms since the
    /// launch, with the page's navigation start, and the launch moment on the wall clock
    /// (`launched_unix_ms`: the benchmark adds what came before `run` — the OS starting the
    /// process, loading GTK and WebKit — from the moment it started the process).
    pub fn timeline(&self, now: f64, marks: std::collections::HashMap<String, f64>) -> serde_json::Value {
        let since_launch = self.0.elapsed();
        let page_origin = since_launch.as_secs_f64() * 1000.0 - now;
        let unix_now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        let mut timeline = serde_json::Map::new();
        timeline.insert("launched_unix_ms".into(), (unix_now.saturating_sub(since_launch).as_secs_f64() * 1000.0).into());
        timeline.insert("navigation_start".into(), page_origin.round().into());
        for (mark, at) in marks {
            timeline.insert(mark.trim_start_matches("clerkfolio:").replace('-', "_"), (page_origin + at).round().into());
        }
        serde_json::Value::Object(timeline)
    }
}

pub struct App {
    dir: PathBuf,
    /// None only while a restore swaps the data folder.
    workspace: Mutex<Option<Workspace>>,
    written: Mutex<HashSet<PathBuf>>,
    /// Held while a backup runs on its own connection (`backups::run`); a restore takes it
    /// first, so it never swaps the folder under a backup.
    backup: Mutex<()>,
    /// Why the last automatic backup failed, until one succeeds (the dashboard says it).
    backup_error: Mutex<Option<String>>,
}

/// The open workspace, borrowed for one command.
pub struct Ws<'a>(MutexGuard<'a, Option<Workspace>>);

impl std::ops::Deref for Ws<'_> {
    type Target = Workspace;
    fn deref(&self) -> &Workspace {
        self.0.as_ref().expect("checked in App::ws")
    }
}

impl std::ops::DerefMut for Ws<'_> {
    fn deref_mut(&mut self) -> &mut Workspace {
        self.0.as_mut().expect("checked in App::ws")
    }
}

impl App {
    pub fn open(dir: &Path) -> clerkfolio_core::Result<App> {
        Ok(App {
            dir: dir.to_path_buf(),
            workspace: Mutex::new(Some(Workspace::open(dir)?)),
            written: Mutex::new(HashSet::new()),
            backup: Mutex::new(()),
            backup_error: Mutex::new(None),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn ws(&self) -> Result<Ws<'_>> {
        let guard = self.workspace.lock().map_err(|_| busy())?;
        if guard.is_none() {
            return Err(busy());
        }
        Ok(Ws(guard))
    }

    /// Closes the workspace for `work` (a restore replaces the folder under it), then reopens it.
    pub fn with_closed<T>(&self, work: impl FnOnce(&Path) -> clerkfolio_core::Result<T>) -> Result<T> {
        let mut guard = self.workspace.lock().map_err(|_| busy())?;
        drop(guard.take());
        let result = work(&self.dir);
        *guard = Some(Workspace::open(&self.dir)?);
        Ok(result?)
    }

    /// Waits for a running backup to end, and keeps the next one from starting while held.
    pub fn backup_lock(&self) -> MutexGuard<'_, ()> {
        self.backup.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn set_backup_error(&self, error: Option<String>) {
        if let Ok(mut e) = self.backup_error.lock() {
            *e = error;
        }
    }

    pub fn backup_error(&self) -> Option<String> {
        self.backup_error.lock().ok().and_then(|e| e.clone())
    }

    /// The count of commits other processes made to the portfolio (`Workspace::outside_changes`);
    /// None while a command holds the workspace (it is asked again shortly).
    pub fn outside_changes(&self) -> Option<i64> {
        let guard = self.workspace.try_lock().ok()?;
        guard.as_ref()?.outside_changes().ok()
    }

    pub fn remember(&self, path: &Path) {
        if let Ok(mut set) = self.written.lock() {
            set.insert(path.to_path_buf());
        }
    }

    pub fn was_written(&self, path: &Path) -> bool {
        self.written.lock().is_ok_and(|set| set.contains(path))
    }
}

fn busy() -> ShellError {
    ShellError { kind: "busy".into(), message: "the data folder is busy or was left closed by an error; restart Clerkfolio".into() }
}

/// A file the UI names for reading (a certificate to attach, a backup to restore): absolute and
/// an existing regular file. The engine then checks its content.
pub fn file_to_read(text: &str) -> Result<PathBuf> {
    let path = PathBuf::from(text);
    if text.contains('\0') || !path.is_absolute() {
        return Err(ShellError::invalid(format!("'{text}' is not a full path to a file")));
    }
    match std::fs::metadata(&path) {
        Ok(m) if m.is_file() => Ok(path),
        Ok(_) => Err(ShellError::invalid(format!("{} is a folder; choose a file inside it", path.display()))),
        Err(_) => Err(ShellError::invalid(format!("{} does not exist or cannot be read", path.display()))),
    }
}

/// A file or folder the UI names for reading (certificates to read: one, several, or a folder):
/// absolute and existing. What is in a folder is checked file by file by the engine.
pub fn path_to_read(text: &str) -> Result<PathBuf> {
    let path = PathBuf::from(text);
    if text.contains('\0') || !path.is_absolute() {
        return Err(ShellError::invalid(format!("'{text}' is not a full path")));
    }
    match std::fs::metadata(&path) {
        Ok(m) if m.is_file() || m.is_dir() => Ok(path),
        Ok(_) => Err(ShellError::invalid(format!("{} is neither a file nor a folder", path.display()))),
        Err(_) => Err(ShellError::invalid(format!("{} does not exist or cannot be read", path.display()))),
    }
}

/// A folder the UI names for writing into (the backup folder, from the folder dialog): absolute
/// and an existing folder. The engine then refuses one inside the data folder.
pub fn folder_to_write(text: &str) -> Result<PathBuf> {
    let path = PathBuf::from(text);
    if text.contains('\0') || !path.is_absolute() {
        return Err(ShellError::invalid(format!("'{text}' is not a full path to a folder")));
    }
    if !path.is_dir() {
        return Err(ShellError::invalid(format!("{} is not a folder that exists", path.display())));
    }
    Ok(path)
}

/// A file the UI names for writing (from the save dialog): absolute, in an existing folder, with
/// the expected extension.
pub fn file_to_write(text: &str, extension: &str) -> Result<PathBuf> {
    let mut path = PathBuf::from(text);
    if text.contains('\0') || !path.is_absolute() {
        return Err(ShellError::invalid(format!("'{text}' is not a full path")));
    }
    if path.extension().is_none_or(|e| !e.eq_ignore_ascii_case(extension)) {
        path.set_extension(extension);
    }
    if !path.parent().is_some_and(Path::is_dir) {
        return Err(ShellError::invalid(format!("the folder for {} does not exist", path.display())));
    }
    Ok(path)
}
