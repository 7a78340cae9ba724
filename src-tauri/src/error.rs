//! The shell's one error type: what reaches the UI as `{ kind, message }`. Engine errors keep
//! their kind; the shell adds `busy` (the data folder is in use) and `invalid` for paths.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ShellError {
    pub kind: String,
    pub message: String,
}

impl ShellError {
    pub fn invalid(message: impl Into<String>) -> ShellError {
        ShellError { kind: "invalid".into(), message: message.into() }
    }
}

impl From<clerkfolio_core::Error> for ShellError {
    fn from(e: clerkfolio_core::Error) -> Self {
        let report = clerkfolio_core::ErrorReport::from(&e);
        ShellError { kind: report.kind, message: report.message }
    }
}

impl From<tauri::Error> for ShellError {
    fn from(e: tauri::Error) -> Self {
        ShellError { kind: "io".into(), message: e.to_string() }
    }
}

pub type Result<T> = std::result::Result<T, ShellError>;
