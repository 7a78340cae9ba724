//! Engine messages name the CLI command that fixes things (`clerkfolio membership edit 3 --end
//! YYYY-MM-DD`): right in a terminal, noise in a desktop notification. `plain_words` drops those
//! hints and unquotes the rest. The UI does the same for what it shows (ui/logic.js `plainWords`,
//! same rules; both test suites check the same example).

/// `text` without its ``(`clerkfolio ...`)`` / `` `clerkfolio ...` `` / `(--flag ...)` hints,
/// other `` `code` `` unquoted, and no space left before punctuation.
pub fn plain_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else { break };
        let code = &rest[open + 1..open + 1 + len];
        let (mut before, mut after) = (&rest[..open], &rest[open + 2 + len..]);
        if code.starts_with("clerkfolio ") {
            if let (Some(b), Some(a)) = (before.strip_suffix('('), after.strip_prefix(')')) {
                (before, after) = (b, a);
            }
            out.push_str(before.trim_end());
        } else {
            out.push_str(before);
            out.push_str(code);
        }
        rest = after;
    }
    out.push_str(rest);
    without_space_before_punctuation(&without_flag_hints(&out)).trim().to_string()
}

/// `text` without ` (--flag …)` groups: a command-line option named as a hint.
fn without_flag_hints(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("(--") {
        let Some(len) = rest[open..].find(')') else { break };
        out.push_str(rest[..open].trim_end());
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

fn without_space_before_punctuation(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = String::new();
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space.push(c);
            continue;
        }
        if !matches!(c, '.' | ',' | ';' | ':') {
            out.push_str(&pending_space);
        }
        pending_space.clear();
        out.push(c);
    }
    out + &pending_space
}

#[cfg(test)]
mod tests {
    use super::plain_words;

    #[test]
    fn drops_cli_hints_and_keeps_the_words() {
        assert_eq!(
            plain_words("record the paid-through date (`clerkfolio membership edit 3 --end YYYY-MM-DD`) and you are reminded."),
            "record the paid-through date and you are reminded."
        );
        assert_eq!(plain_words("Renew, then record it (`clerkfolio membership add --type full`)."), "Renew, then record it.");
        assert_eq!(plain_words("Use `YYYY-MM-DD` dates."), "Use YYYY-MM-DD dates.");
        // The example of tests/ui/logic.test.mjs (plainWords), the same answer.
        assert_eq!(
            plain_words("CMC designation held: record the award date (`clerkfolio designation add --program cmc --date YYYY-MM-DD`)."),
            "CMC designation held: record the award date."
        );
        assert_eq!(plain_words("No hints here"), "No hints here");
        // Bare flag hints in parentheses go too (same examples as tests/ui/logic.test.mjs).
        assert_eq!(plain_words("a reminder needs a date (--date YYYY-MM-DD)"), "a reminder needs a date");
        assert_eq!(plain_words("Correct them, or import only the 2 valid rows (--skip-invalid)"), "Correct them, or import only the 2 valid rows");
        assert_eq!(plain_words("attach its letter (--letter FILE)."), "attach its letter.");
        assert_eq!(plain_words("An unmatched ` stays"), "An unmatched ` stays");
        assert_eq!(plain_words("Łódź `clerkfolio x` , ok"), "Łódź, ok");
        assert_eq!(plain_words(""), "");
    }
}
