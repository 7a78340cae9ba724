//! What a command says: its text is gathered here and written once at the end, so a reader
//! that goes away early (`clerkfolio list education | head -1`) ends the command quietly
//! instead of a panic in the middle of a `println!`. Also the small formatters the commands share.

use std::fmt::{Display, Write as _};
use std::io::Write as _;
use std::process::ExitCode;

use clerkfolio_core::{Error, Result};

/// The text a command prints, and whether it ends in failure after printing it (`verify` with
/// problems, `packet --check` with findings): then `failure` goes to stderr and the exit is 1.
#[derive(Default)]
pub struct Out {
    text: String,
    failure: Option<String>,
}

impl Out {
    pub fn line(&mut self, text: impl Display) {
        let _ = writeln!(self.text, "{text}");
    }

    /// Text as it is, without a line end added (a calendar written to stdout).
    pub fn raw(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// The documented JSON of `value` (docs/CLI.md), pretty-printed.
    pub fn json(&mut self, value: &impl serde::Serialize) -> Result<()> {
        let text = serde_json::to_string_pretty(value).map_err(|e| Error::Invalid(format!("cannot write JSON: {e}")))?;
        self.line(text);
        Ok(())
    }

    /// Ends the command with exit code 1 and `message` on stderr, after what was printed.
    pub fn fail(&mut self, message: impl Into<String>) {
        self.failure = Some(message.into());
    }

    /// Writes the text to stdout and the failure, if any, to stderr. A closed stdout is the
    /// reader's choice, not an error.
    pub fn finish(self) -> ExitCode {
        let mut stdout = std::io::stdout().lock();
        match stdout.write_all(self.text.as_bytes()).and_then(|()| stdout.flush()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot write the output: {e}");
                return ExitCode::from(1);
            }
            Ok(()) => {}
        }
        match self.failure {
            Some(message) => {
                eprintln!("error: {message}");
                ExitCode::from(1)
            }
            None => ExitCode::SUCCESS,
        }
    }
}

/// Splits text into lines of at most `width` characters at spaces.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// At most `max` characters, with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max { text.to_string() } else { format!("{}…", text.chars().take(max - 1).collect::<String>()) }
}

/// Bytes in the unit a person reads: 1.2 MB, 340 KB.
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{} KB", b / 1024),
        b => format!("{b} bytes"),
    }
}

/// Record ids as "1, 4, 7", or "none".
pub fn ids(list: &[i64]) -> String {
    if list.is_empty() { "none".into() } else { list.iter().map(i64::to_string).collect::<Vec<_>>().join(", ") }
}

/// Entered points as "  12 pts (reason)", or nothing.
pub fn entered_points(entered: Option<&clerkfolio_core::model::EnteredPoints>) -> String {
    entered.map_or(String::new(), |p| format!("  {} pts ({})", clerkfolio_core::rules::fmt_points(p.points), p.reason))
}
