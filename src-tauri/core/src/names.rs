//! File names that every system the app ships for accepts, Windows being the strictest: the
//! upload folder's `E-03 …` files and the names the app suggests in a save dialog are made from
//! what the clerk typed (a course title, their own name), which may hold anything.
//!
//! Windows refuses `< > : " / \ | ? *` and control characters in a name, silently drops a
//! trailing dot or space (so `Notes.` and `Notes` are one file), reserves the device names
//! CON, PRN, AUX, NUL, COM0–9 and LPT0–9 (also with an extension: `NUL.pdf` is the null device),
//! allows 255 UTF-16 units per name, and many programs (Explorer without long paths enabled,
//! a browser's upload dialog) cannot open a file whose whole path is 260 characters or more.
//! The same rules are applied on every system, so a folder written on Linux or macOS copies to
//! a Windows laptop intact.

use std::path::Path;

/// Longest whole path (in UTF-16 units, as Windows counts) that programs without long-path
/// support open: MAX_PATH is 260 including the terminating NUL.
pub const MAX_PATH_CHARS: usize = 259;

/// `text` made into a file name (or the stem of one) that Windows, macOS and Linux accept:
/// forbidden characters and control characters become spaces, runs of spaces one space, dashes
/// plain hyphens; cut to at most `max_bytes` bytes of UTF-8 on a character boundary (file
/// systems count bytes or UTF-16 units, and UTF-8 is never the shorter); no leading or trailing
/// dot or space; a reserved device name gets a `_` after it. May be empty (nothing usable was
/// given): the caller knows the right stand-in.
pub fn portable(text: &str, max_bytes: usize) -> String {
    let cleaned: String =
        text.chars().map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() { ' ' } else { c }).collect();
    let mut name = cleaned.split_whitespace().collect::<Vec<_>>().join(" ").replace(['—', '–'], "-");
    let mut cut = name.len().min(max_bytes);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    name.truncate(cut);
    let mut name = name.trim_matches(['.', ' ']).to_string();
    if is_reserved(&name) {
        // Right after the device name, so that `CON.pdf` becomes `CON_.pdf`, not `CON.pdf_`.
        let stem_end = name.find('.').unwrap_or(name.len());
        name.insert(name[..stem_end].trim_end().len(), '_');
    }
    name
}

/// A whole file name (`Clerkfolio records 2026-12-01.csv`, `Ana Ruiz CMC Application
/// Packet.pdf`) made portable: the stem as [`portable`], the extension kept; `fallback` when
/// nothing of the stem is left.
pub fn portable_file_name(name: &str, fallback: &str) -> String {
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) if !ext.is_empty() && ext.len() <= 8 && ext.chars().all(|c| c.is_ascii_alphanumeric()) => (stem, Some(ext)),
        _ => (name, None),
    };
    let room = 255 - extension.map_or(0, |e| e.len() + 1);
    let stem = portable(stem, room);
    let stem = if stem.is_empty() { portable(fallback, room) } else { stem };
    match extension {
        Some(ext) => format!("{stem}.{ext}"),
        None => stem,
    }
}

/// Whether Windows takes `name` for a device: the part before the first dot, with trailing
/// spaces dropped, is one of the reserved names in any case (`nul`, `Com1 .txt`, `LPT¹`).
pub fn is_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default().trim_end_matches(' ').to_ascii_uppercase();
    if matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$") {
        return true;
    }
    let Some(number) = stem.strip_prefix("COM").or_else(|| stem.strip_prefix("LPT")) else { return false };
    let mut digits = number.chars();
    matches!((digits.next(), digits.next()), (Some('0'..='9' | '¹' | '²' | '³'), None))
}

/// A path's length as Windows counts it (UTF-16 units), made absolute first: what counts against
/// [`MAX_PATH_CHARS`] is the whole path a program opens.
pub fn path_chars(path: &Path) -> usize {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    path.to_string_lossy().encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_trailing_dots_and_dashes() {
        assert_eq!(portable("Records: Year 1/2 <final>?", 200), "Records Year 1 2 final");
        assert_eq!(portable("Letter — City Clerk, Riverton.", 200), "Letter - City Clerk, Riverton");
        assert_eq!(portable("a\\b|c*d\"e\u{7}f\tg\r\nh", 200), "a b c d e f g h");
        assert_eq!(portable(" . Notes . . ", 200), "Notes");
        assert_eq!(portable("?*:", 200), "");
    }

    #[test]
    fn reserved_device_names_are_changed() {
        for name in ["CON", "con", "Nul", "aux", "PRN", "COM1", "com9", "LPT1", "lpt0", "COM¹", "CONIN$"] {
            assert!(is_reserved(name), "{name}");
            assert_eq!(portable(name, 200), format!("{name}_"));
        }
        assert_eq!(portable("nul.pdf", 200), "nul_.pdf");
        assert_eq!(portable("Con .txt", 200), "Con_ .txt");
        for name in ["CONSOLE", "COM10", "LPT", "E-03 CON", "NULL", "Aux notes", "COMA"] {
            assert!(!is_reserved(name), "{name}");
            assert_eq!(portable(name, 200), name);
        }
        assert_eq!(portable_file_name("CON.zip", "backup"), "CON_.zip");
        assert_eq!(portable_file_name("nul", "backup"), "nul_");
    }

    #[test]
    fn cut_by_bytes_on_a_character_boundary() {
        let cjk = portable(&"記録".repeat(75), 200);
        assert!(cjk.len() <= 200 && cjk.len() > 195, "{}", cjk.len());
        assert!(cjk.encode_utf16().count() <= 200);
        // A cut that lands before a space leaves no trailing space.
        assert_eq!(portable("abc def", 4), "abc");
    }

    #[test]
    fn whole_names_keep_their_extension() {
        assert_eq!(portable_file_name("Ana: Ruiz CMC Application Packet.pdf", "packet"), "Ana Ruiz CMC Application Packet.pdf");
        assert_eq!(portable_file_name("???.pdf", "Application Packet"), "Application Packet.pdf");
        assert_eq!(portable_file_name("Clerkfolio backup 2026-12-01.zip", "backup"), "Clerkfolio backup 2026-12-01.zip");
        let long = portable_file_name(&format!("{}.pdf", "a".repeat(400)), "x");
        assert_eq!(long.len(), 255);
        assert!(long.ends_with(".pdf"));
        assert_eq!(portable_file_name("v1.2 notes.", "x"), "v1.2 notes", "an extension is letters and digits only");
    }

    #[test]
    fn path_length_counts_utf16_units_of_the_absolute_path() {
        let here = std::env::current_dir().unwrap();
        assert_eq!(path_chars(Path::new("ab")), path_chars(&here) + 3);
        assert_eq!(path_chars(&here.join("記録😀")), path_chars(&here) + 1 + 4, "one unit per CJK character, two for an emoji");
    }
}
