//! One error type for the whole engine. Every variant carries a message written for the clerk
//! (the CLI prints it as one line, the desktop shows it in a dialog), and a stable `kind` so the
//! UI and scripts can react without parsing prose.

use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value typed by the user is wrong: a date, a number, an unknown category.
    #[error("{0}")]
    Invalid(String),
    /// A record or program that was asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// A file offered as evidence was refused (empty, damaged, password-protected, wrong format).
    #[error("{0}")]
    Refused(String),
    /// The action would break something that depends on it (e.g. removing evidence in use).
    #[error("{0}")]
    Conflict(String),
    /// The database was written by a newer Clerkfolio; we leave it untouched.
    #[error("{0}")]
    NewerDatabase(String),
    /// A program rules file is malformed.
    #[error("{0}")]
    Rules(String),
    /// The store or vault failed a consistency check.
    #[error("{0}")]
    Integrity(String),
    #[error("{context}: {source}")]
    Io { context: String, source: std::io::Error },
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// Any of the above with the command-line step that helps (`see \`clerkfolio list
    /// education\``, `--skip-invalid`), kept apart from the words so that a window shows the
    /// words alone while the command line prints both.
    #[error("{error} ({hint})")]
    Hinted { error: Box<Error>, hint: String },
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// This error with a command-line hint (printed after the words by the CLI only).
    pub fn hint(self, hint: impl Into<String>) -> Error {
        Error::Hinted { error: Box::new(self), hint: hint.into() }
    }

    /// The words for a person, without the command-line hint.
    pub fn message(&self) -> String {
        match self {
            Error::Hinted { error, .. } => error.message(),
            other => other.to_string(),
        }
    }

    /// The command-line hint, if any.
    pub fn command_hint(&self) -> Option<&str> {
        match self {
            Error::Hinted { hint, .. } => Some(hint),
            _ => None,
        }
    }

    /// Stable machine-readable name of the variant, used as `kind` in `{ kind, message }`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Hinted { error, .. } => error.kind(),
            Error::Invalid(_) => "invalid",
            Error::NotFound(_) => "not_found",
            Error::Refused(_) => "refused",
            Error::Conflict(_) => "conflict",
            Error::NewerDatabase(_) => "newer_database",
            Error::Rules(_) => "rules",
            Error::Integrity(_) => "integrity",
            Error::Io { source, .. } if is_disk_full(source) => "disk_full",
            Error::Io { .. } => "io",
            Error::Sqlite(_) => "database",
        }
    }

    /// Wraps an I/O error with what we were doing, and says in plain words when the disk is
    /// full or the folder is read-only, the two failures a clerk can fix themselves.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        let mut context = context.into();
        if is_disk_full(&source) {
            context.push_str(" (the disk is full: free some space and try again; nothing was changed)");
        } else if source.kind() == std::io::ErrorKind::PermissionDenied
            || source.kind() == std::io::ErrorKind::ReadOnlyFilesystem
        {
            context.push_str(" (the folder is read-only or not yours: choose a writable data folder)");
        }
        Error::Io { context, source }
    }
}

/// By kind, not number: 28 is ENOSPC on Linux and macOS but ERROR_OUT_OF_PAPER on Windows, whose
/// disk-full errors (ERROR_DISK_FULL 112, ERROR_HANDLE_DISK_FULL 39) the standard library also
/// reports as `StorageFull` (found by running these tests on the Windows build under Wine).
fn is_disk_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull
}

/// The shape errors take on their way to the UI: `{ "kind": "...", "message": "...", "hint": ... }`.
/// The message is the words alone; the hint is the command-line step, for a front end that has
/// a command line.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ErrorReport {
    pub kind: String,
    pub message: String,
    pub hint: Option<String>,
}

impl From<&Error> for ErrorReport {
    fn from(e: &Error) -> Self {
        ErrorReport { kind: e.kind().to_string(), message: e.message(), hint: e.command_hint().map(String::from) }
    }
}

/// SQLite's "disk full" and "read-only" get the same plain words (and `kind`) as the file
/// system's, since the clerk's remedy is the same.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        let context = "cannot save to the portfolio database";
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => Error::io(context, std::io::Error::new(std::io::ErrorKind::StorageFull, e.to_string())),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => Error::Conflict(format!(
                "another Clerkfolio (the app or a command) kept the portfolio busy for over {} seconds; nothing was changed. Try again, or close the program holding it",
                crate::datadir::LOCK_WAIT.as_secs()
            )),
            Some(rusqlite::ErrorCode::ReadOnly) => {
                Error::io(context, std::io::Error::new(std::io::ErrorKind::ReadOnlyFilesystem, e.to_string()))
            }
            _ => Error::Sqlite(e),
        }
    }
}

impl From<rusqlite_migration::Error> for Error {
    fn from(e: rusqlite_migration::Error) -> Self {
        match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => Error::from(err),
            other => Error::Integrity(format!("database migration failed: {other}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_and_a_read_only_folder_say_so() {
        // The system's own error numbers: ENOSPC and EROFS, or ERROR_DISK_FULL and
        // ERROR_HANDLE_DISK_FULL (the Windows build's tests run under Wine).
        #[cfg(unix)]
        let (disk_full, read_only) = (vec![28], Some(30));
        #[cfg(windows)]
        let (disk_full, read_only) = (vec![112, 39], None::<i32>);
        for code in disk_full {
            let full = Error::io("cannot store evidence in /data/vault/ab", std::io::Error::from_raw_os_error(code));
            assert_eq!(full.kind(), "disk_full", "{code}");
            assert!(full.to_string().starts_with("cannot store evidence in /data/vault/ab (the disk is full: free some space"), "{full}");
        }
        if let Some(code) = read_only {
            let ro = Error::io("cannot write x.zip", std::io::Error::from_raw_os_error(code));
            assert_eq!(ro.kind(), "io");
            assert!(ro.to_string().contains("(the folder is read-only or not yours: choose a writable data folder)"), "{ro}");
        }
        #[cfg(windows)]
        {
            // A folder the clerk cannot write is "access denied" (5); 28 is ERROR_OUT_OF_PAPER there.
            let denied = Error::io("cannot write x.zip", std::io::Error::from_raw_os_error(5));
            assert!(denied.to_string().contains("read-only or not yours"), "{denied}");
            assert_eq!(Error::io("cannot write x.zip", std::io::Error::from_raw_os_error(28)).kind(), "io");
        }
        let denied = Error::io("cannot write x.zip", std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        assert!(denied.to_string().contains("read-only or not yours"), "{denied}");

        let sqlite = |code| rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None);
        let full = Error::from(sqlite(rusqlite::ffi::SQLITE_FULL));
        assert_eq!(full.kind(), "disk_full");
        assert!(full.to_string().contains("cannot save to the portfolio database (the disk is full"), "{full}");
        let ro = Error::from(sqlite(rusqlite::ffi::SQLITE_READONLY));
        assert!(ro.to_string().contains("read-only"), "{ro}");
        assert_eq!(Error::from(sqlite(rusqlite::ffi::SQLITE_CONSTRAINT)).kind(), "database");
    }

    #[test]
    fn a_hint_is_printed_after_the_words_and_kept_apart_for_a_window() {
        let e = Error::NotFound("no education record with id 9".into()).hint("see `clerkfolio list education`");
        assert_eq!(e.to_string(), "no education record with id 9 (see `clerkfolio list education`)");
        assert_eq!(e.kind(), "not_found");
        let report = ErrorReport::from(&e);
        assert_eq!(report.message, "no education record with id 9");
        assert_eq!(report.hint.as_deref(), Some("see `clerkfolio list education`"));
        assert_eq!(ErrorReport::from(&Error::Invalid("x".into())).hint, None);
    }
}
