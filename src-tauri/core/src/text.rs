//! The engine's edge for text typed by a person or read from a file: every text field of a
//! record, the profile and a membership goes through [`field`] before it is saved, whichever
//! front end sent it (flags, the app's forms, a CSV row, a certificate reading). It bounds the
//! length (a 100 MB CSV cell once made the packet run for minutes) and refuses characters that
//! would hurt a reader: control characters (a newline in a title splits listings and CSV rows,
//! a NUL cuts strings in other programs) and the bidirectional overrides (U+202E shows
//! "evil\u{202E}fdp.exe" as "evilexe.pdf" in listings and file names).

use crate::error::{Error, Result};

/// A one-line field: titles, providers, organisations, categories, names, the profile's fields.
/// The longest real course title in the corpus is about 150 characters.
pub const LINE_MAX: usize = 300;
/// A free-text field: what was learned, notes, the reason for entered points, the address.
/// 5000 characters is two printed pages of the packet.
pub const TEXT_MAX: usize = 5000;

/// What a field may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line: no control characters at all.
    Line,
    /// Paragraphs: line breaks and tabs allowed (CR LF and lone CR become LF).
    Text,
}

impl Kind {
    pub fn max(self) -> usize {
        match self {
            Kind::Line => LINE_MAX,
            Kind::Text => TEXT_MAX,
        }
    }
}

/// `value` trimmed and checked as a field named `what` ("the title"): refused when longer than
/// the kind allows or when it holds a character that must not reach a reader.
pub fn field(value: &str, what: &str, kind: Kind) -> Result<String> {
    let value = if kind == Kind::Text { value.replace("\r\n", "\n").replace('\r', "\n") } else { value.to_string() };
    let value = value.trim();
    let length = value.chars().count();
    if length > kind.max() {
        return Err(Error::Invalid(format!(
            "{what} is {length} characters long; the limit is {} characters: shorten it",
            kind.max()
        )));
    }
    if let Some(c) = value.chars().find(|&c| forbidden(c, kind)) {
        return Err(Error::Invalid(format!("{what} contains {}; remove it and try again", describe(c))));
    }
    Ok(value.to_string())
}

/// [`field`] for an optional value (a change that may not be given).
pub fn optional(value: Option<String>, what: &str, kind: Kind) -> Result<Option<String>> {
    value.map(|v| field(&v, what, kind)).transpose()
}

/// A name that comes from outside rather than from typing (an evidence file's own name, shown
/// in listings and the packet): refusing the file for its name would help nobody, so each
/// character [`field`] refuses in a line becomes `_`.
pub fn clean_name(name: &str) -> String {
    name.chars().map(|c| if forbidden(c, Kind::Line) { '_' } else { c }).collect()
}

fn forbidden(c: char, kind: Kind) -> bool {
    let allowed_control = kind == Kind::Text && matches!(c, '\n' | '\t');
    (c.is_control() && !allowed_control) || is_bidi_control(c)
}

/// Characters that reorder the text around them when displayed (Unicode's "Bidi_Control").
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn describe(c: char) -> String {
    match c {
        '\n' | '\r' => "a line break".into(),
        '\0' => "a NUL character (U+0000)".into(),
        '\t' => "a tab".into(),
        c if is_bidi_control(c) => format!("a right-to-left control character (U+{:04X}), which can disguise text", c as u32),
        c => format!("a control character (U+{:04X})", c as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_refuse_controls_and_text_keeps_paragraphs() {
        assert_eq!(field("  Records law ", "the title", Kind::Line).unwrap(), "Records law");
        for bad in ["a\nb", "a\rb", "a\0b", "invoice\u{202E}fdp.exe", "a\u{2066}b", "a\u{7}b"] {
            let err = field(bad, "the title", Kind::Line).unwrap_err().to_string();
            assert!(err.starts_with("the title contains "), "{bad:?}: {err}");
        }
        assert_eq!(field("one\r\ntwo\rthree\tfour", "the notes", Kind::Text).unwrap(), "one\ntwo\nthree\tfour");
        assert!(field("a\0b", "the notes", Kind::Text).is_err());
    }

    #[test]
    fn outside_names_are_cleaned_not_refused() {
        assert_eq!(clean_name("invoice\u{202E}fdp.exe\n.pdf"), "invoice_fdp.exe_.pdf");
        assert_eq!(clean_name("Zertifikat Müller.pdf"), "Zertifikat Müller.pdf");
    }

    #[test]
    fn lengths_are_counted_in_characters() {
        assert!(field(&"é".repeat(LINE_MAX), "the title", Kind::Line).is_ok());
        let err = field(&"é".repeat(LINE_MAX + 1), "the title", Kind::Line).unwrap_err().to_string();
        assert_eq!(err, "the title is 301 characters long; the limit is 300 characters: shorten it");
        assert!(field(&"x".repeat(TEXT_MAX + 1), "the notes", Kind::Text).is_err());
    }
}
