//! Reminders as an iCalendar file (RFC 5545) that Outlook, Google Calendar and Apple Calendar
//! import: CRLF line ends, lines folded at 75 octets on UTF-8 character boundaries, TEXT values
//! escaped, one all-day VEVENT per reminder with a UID that stays the same across exports (so a
//! second import updates instead of duplicating) and the export time as DTSTAMP, a yearly RRULE
//! where the reminder repeats, and a display alarm at its lead time. Pure: the day and the
//! timestamp are arguments.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::reminders::Reminder;

/// How many yearly occurrences of a 29 February reminder are written out one by one.
pub const LEAP_DAY_YEARS: i32 = 12;

/// The calendar for `reminders` as of `day`, or None when no reminder has a date to put in it
/// (RFC 5545 requires at least one component). Overdue follow-ups are left out: they are not
/// dates any more, and `clerkfolio reminders` keeps showing them.
pub fn calendar(reminders: &[Reminder], token: &str, stamp: DateTime<Utc>, day: NaiveDate) -> Option<(String, usize)> {
    let mut events = Vec::new();
    for r in reminders.iter().filter(|r| r.due >= day) {
        if !r.yearly {
            if !r.dismissed {
                events.push(event(r, &r.id, r.due, false, token, stamp));
            }
            continue;
        }
        // A dismissed occurrence of a yearly reminder: the series starts a year later.
        let first = if r.dismissed { r.due.year() + 1 } else { r.due.year() };
        if (r.anchor.month(), r.anchor.day()) == (2, 29) {
            // RFC 5545 skips yearly occurrences on dates that do not exist, so FREQ=YEARLY from
            // 29 February would fire only in leap years. Each year is written out instead, on
            // 1 March in common years as everywhere else in Clerkfolio.
            for year in first..first + LEAP_DAY_YEARS {
                events.push(event(r, &format!("{}:{year}", r.series), r.in_year(year), false, token, stamp));
            }
        } else {
            events.push(event(r, &r.series, r.in_year(first), true, token, stamp));
        }
    }
    if events.is_empty() {
        return None;
    }
    let count = events.len();
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        &format!("PRODID:-//Clerkfolio//Clerkfolio {}//EN", env!("CARGO_PKG_VERSION")),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Clerkfolio reminders",
    ] {
        push(&mut out, line);
    }
    for e in events {
        out.push_str(&e);
    }
    push(&mut out, "END:VCALENDAR");
    Some((out, count))
}

fn event(r: &Reminder, uid: &str, start: NaiveDate, yearly: bool, token: &str, stamp: DateTime<Utc>) -> String {
    let mut out = String::new();
    let end = start.succ_opt().unwrap_or(start);
    let description = format!("{}\n\nIn Clerkfolio: the {} screen (reminder {uid}).", r.detail, r.screen.id());
    push(&mut out, "BEGIN:VEVENT");
    push(&mut out, &format!("UID:{}-{token}@clerkfolio", uid.replace(':', "-")));
    push(&mut out, &format!("DTSTAMP:{}", stamp.format("%Y%m%dT%H%M%SZ")));
    push(&mut out, &format!("DTSTART;VALUE=DATE:{}", start.format("%Y%m%d")));
    push(&mut out, &format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")));
    if yearly {
        push(&mut out, "RRULE:FREQ=YEARLY");
    }
    push(&mut out, &format!("SUMMARY:{}", escape(&r.title)));
    push(&mut out, &format!("DESCRIPTION:{}", escape(description.trim())));
    push(&mut out, &format!("CATEGORIES:Clerkfolio,{}", r.kind.id()));
    // A reminder does not make the clerk busy that day.
    push(&mut out, "TRANSP:TRANSPARENT");
    push(&mut out, "BEGIN:VALARM");
    push(&mut out, "ACTION:DISPLAY");
    push(&mut out, &format!("DESCRIPTION:{}", escape(&r.title)));
    push(&mut out, &if r.lead_days == 0 { "TRIGGER:PT0S".to_string() } else { format!("TRIGGER:-P{}D", r.lead_days) });
    push(&mut out, "END:VALARM");
    push(&mut out, "END:VEVENT");
    out
}

/// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and line breaks as `\n`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT; a tab is, and stays.
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded (§3.1): at most 75 octets per line, continuation lines start
/// with a space, and a multi-byte character is never split.
pub fn push(out: &mut String, line: &str) {
    let mut room = 75;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > room {
            out.push_str("\r\n ");
            used = 0;
            room = 74; // the leading space is one of the 75
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_the_four_specials() {
        assert_eq!(escape("a,b;c\\d\ne\r\nf\rg"), "a\\,b\\;c\\\\d\\ne\\nf\\ng");
        assert_eq!(escape("Ł\u{7}x\ty"), "Łx\ty");
    }

    #[test]
    fn folding_keeps_lines_to_75_octets_and_characters_whole() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "Żółć ".repeat(40));
        push(&mut out, &line);
        for l in out.split_terminator("\r\n") {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        assert!(out.ends_with("\r\n") && !out.contains("\r\n\r\n"));
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        let mut short = String::new();
        push(&mut short, &"x".repeat(75));
        assert_eq!(short, format!("{}\r\n", "x".repeat(75)), "exactly 75 octets is not folded");
    }
}
