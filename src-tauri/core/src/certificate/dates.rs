//! Dates and date ranges as certificates write them: "March 18–22, 2024", "March 30 – April 2,
//! 2024", "18 March 2024", "the 18th day of March, 2024", "2024-03-18", "03/18/2024".
//!
//! Day/month order: a numeric date is taken only when it cannot be read two ways (the day is
//! over 12, or day and month are equal). "03/02/2023" is 2 March in the US and 3 February almost
//! everywhere else; IIMC members include Canadians and many others, and a certificate rarely says
//! which convention it uses, so we leave such a date out (with a warning) rather than guess.
//! Month names and ISO dates are never ambiguous.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

/// One date or range found in a text, with where it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// None when the text is a date that could be read two ways.
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub at: (usize, usize),
    pub raw: String,
}

const MONTH: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
const DAY: &str = r"(\d{1,2})(?:st|nd|rd|th)?";
const YEAR: &str = r"((?:19|20)\d\d)";
const TO: &str = r"\s*(?:-|–|—|to|through|thru|until)\s*";
const WEEKDAY: &str = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?";

fn re(pattern: String) -> Regex {
    Regex::new(&format!(r"(?i)\b{pattern}\b")).expect("date patterns are valid")
}

static CROSS_MONTH: LazyLock<Regex> =
    LazyLock::new(|| re(format!(r"{WEEKDAY}{MONTH}\s+{DAY}(?:,?\s*{YEAR})?{TO}{WEEKDAY}{MONTH}\s+{DAY},?\s*{YEAR}")));
static SAME_MONTH: LazyLock<Regex> = LazyLock::new(|| re(format!(r"{MONTH}\s+{DAY}{TO}{DAY},?\s*{YEAR}")));
static DMY_RANGE: LazyLock<Regex> =
    LazyLock::new(|| re(format!(r"{DAY}(?:\s+{MONTH})?(?:,?\s*{YEAR})?{TO}{DAY}\s+{MONTH},?\s*{YEAR}")));
static MDY: LazyLock<Regex> = LazyLock::new(|| re(format!(r"{WEEKDAY}{MONTH}\s+{DAY},?\s*{YEAR}")));
static DMY: LazyLock<Regex> =
    LazyLock::new(|| re(format!(r"(?:the\s+)?{DAY}(?:\s+day)?(?:\s+of)?\s+{MONTH},?\s*{YEAR}")));
static ISO: LazyLock<Regex> = LazyLock::new(|| re(r"((?:19|20)\d\d)-(\d\d)-(\d\d)".to_string()));
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{1,2})([/.-])(\d{1,2})([/.-])((?:19|20)?\d\d)".to_string()));
static NUMERIC_RANGE_TO: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"(?i)^{TO}$")).expect("valid"));

fn month(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    months.iter().position(|m| n.starts_with(m)).map(|i| i as u32 + 1)
}

fn ymd(y: &str, m: u32, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m, d.parse().ok()?)
}

/// All dates and ranges in `text`, left to right. Longer forms win over the shorter forms inside
/// them ("March 18–22, 2024" is one range, not a stray "22, 2024").
pub fn find(text: &str) -> Vec<Mention> {
    let mut found: Vec<Mention> = Vec::new();
    let free = |found: &Vec<Mention>, a: usize, b: usize| found.iter().all(|m| b <= m.at.0 || a >= m.at.1);
    let push = |found: &mut Vec<Mention>, at: (usize, usize), start: Option<NaiveDate>, end: Option<NaiveDate>| {
        // A "range" that ends before it starts is a misreading: drop it rather than guess.
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            return;
        }
        found.push(Mention { start, end: end.filter(|e| Some(*e) != start), at, raw: text[at.0..at.1].to_string() });
    };
    for c in CROSS_MONTH.captures_iter(text) {
        let m = c.get(0).expect("whole match");
        if !free(&found, m.start(), m.end()) {
            continue;
        }
        let (m1, d1, y1, m2, d2, y2) = (&c[1], &c[2], c.get(3).map(|y| y.as_str()), &c[4], &c[5], &c[6]);
        let end = month(m2).and_then(|m| ymd(y2, m, d2));
        // "December 30 – January 2, 2024": the start year is the year before.
        let start = month(m1).and_then(|mo| {
            let y = y1.unwrap_or(y2);
            let s = ymd(y, mo, d1)?;
            Some(match end {
                Some(e) if y1.is_none() && s > e => s.with_year(s.year() - 1)?,
                _ => s,
            })
        });
        if start.is_some() && end.is_some() {
            push(&mut found, (m.start(), m.end()), start, end);
        }
    }
    for c in SAME_MONTH.captures_iter(text) {
        let m = c.get(0).expect("whole match");
        if !free(&found, m.start(), m.end()) {
            continue;
        }
        let mo = month(&c[1]);
        let (start, end) = (mo.and_then(|mo| ymd(&c[4], mo, &c[2])), mo.and_then(|mo| ymd(&c[4], mo, &c[3])));
        if start.is_some() && end.is_some() {
            push(&mut found, (m.start(), m.end()), start, end);
        }
    }
    for c in DMY_RANGE.captures_iter(text) {
        let m = c.get(0).expect("whole match");
        if !free(&found, m.start(), m.end()) {
            continue;
        }
        let m2 = month(&c[5]);
        let m1 = c.get(2).and_then(|x| month(x.as_str())).or(m2);
        let y = &c[6];
        let start = m1.and_then(|mo| ymd(c.get(3).map_or(y, |x| x.as_str()), mo, &c[1]));
        let end = m2.and_then(|mo| ymd(y, mo, &c[4]));
        if start.is_some() && end.is_some() {
            push(&mut found, (m.start(), m.end()), start, end);
        }
    }
    for c in MDY.captures_iter(text) {
        let m = c.get(0).expect("whole match");
        if free(&found, m.start(), m.end())
            && let Some(d) = month(&c[1]).and_then(|mo| ymd(&c[3], mo, &c[2]))
        {
            push(&mut found, (m.start(), m.end()), Some(d), None);
        }
    }
    for c in DMY.captures_iter(text) {
        let m = c.get(0).expect("whole match");
        if free(&found, m.start(), m.end())
            && let Some(d) = month(&c[2]).and_then(|mo| ymd(&c[3], mo, &c[1]))
        {
            push(&mut found, (m.start(), m.end()), Some(d), None);
        }
    }
    for c in ISO.captures_iter(text) {
        let m = c.get(0).expect("whole match");
        if free(&found, m.start(), m.end())
            && let Some(d) = c[2].parse().ok().and_then(|mo| ymd(&c[1], mo, &c[3]))
        {
            push(&mut found, (m.start(), m.end()), Some(d), None);
        }
    }
    let mut numeric: Vec<Mention> = Vec::new();
    for c in NUMERIC.captures_iter(text) {
        let m = c.get(0).expect("whole match");
        if !free(&found, m.start(), m.end()) || c[2] != c[4] {
            continue;
        }
        let (a, b): (u32, u32) = (c[1].parse().unwrap_or(0), c[3].parse().unwrap_or(0));
        let year = if c[5].len() == 2 { format!("20{}", &c[5]) } else { c[5].to_string() };
        let us = NaiveDate::from_ymd_opt(year.parse().unwrap_or(0), a, b);
        let eu = NaiveDate::from_ymd_opt(year.parse().unwrap_or(0), b, a);
        let date = match (us, eu) {
            (Some(u), Some(e)) if u == e => Some(u),
            (Some(_), Some(_)) => None,
            (u, e) => u.or(e),
        };
        if date.is_none() && us.is_none() && eu.is_none() {
            continue;
        }
        numeric.push(Mention { start: date, end: None, at: (m.start(), m.end()), raw: m.as_str().to_string() });
    }
    // "03/18/2024 - 03/22/2024": two numeric dates joined by a dash or "to" are one range.
    let mut i = 0;
    while i < numeric.len() {
        let joined = numeric.get(i + 1).is_some_and(|next| NUMERIC_RANGE_TO.is_match(&text[numeric[i].at.1..next.at.0]));
        if joined {
            let (a, b) = (numeric[i].clone(), numeric[i + 1].clone());
            let at = (a.at.0, b.at.1);
            match (a.start, b.start) {
                (Some(s), Some(e)) => push(&mut found, at, Some(s), Some(e)),
                _ => found.push(Mention { start: None, end: None, at, raw: text[at.0..at.1].to_string() }),
            }
            i += 2;
        } else {
            found.push(numeric[i].clone());
            i += 1;
        }
    }
    found.sort_by_key(|m| m.at.0);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn one(text: &str) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let found = find(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        (found[0].start, found[0].end)
    }

    #[test]
    fn written_dates_and_ranges() {
        assert_eq!(one("held March 18–22, 2024 in Denver"), (d(2024, 3, 18), d(2024, 3, 22)));
        assert_eq!(one("March 18 - 22, 2024"), (d(2024, 3, 18), d(2024, 3, 22)));
        assert_eq!(one("March 30 – April 2, 2024"), (d(2024, 3, 30), d(2024, 4, 2)));
        assert_eq!(one("December 30 – January 2, 2024"), (d(2023, 12, 30), d(2024, 1, 2)));
        assert_eq!(one("March 18, 2024 through March 20, 2024"), (d(2024, 3, 18), d(2024, 3, 20)));
        assert_eq!(one("Tuesday, March 5, 2024"), (d(2024, 3, 5), None));
        assert_eq!(one("Sept. 9th, 2023"), (d(2023, 9, 9), None));
        assert_eq!(one("18 March 2024"), (d(2024, 3, 18), None));
        assert_eq!(one("18–22 March 2024"), (d(2024, 3, 18), d(2024, 3, 22)));
        assert_eq!(one("30 March - 2 April 2024"), (d(2024, 3, 30), d(2024, 4, 2)));
        assert_eq!(one("on this 14th day of June, 2023"), (d(2023, 6, 14), None));
        assert_eq!(one("2024-03-18"), (d(2024, 3, 18), None));
    }

    #[test]
    fn numeric_dates_only_when_unambiguous() {
        assert_eq!(one("Completed 03/18/2024"), (d(2024, 3, 18), None));
        assert_eq!(one("18.03.2024"), (d(2024, 3, 18), None));
        assert_eq!(one("03-03-2023"), (d(2023, 3, 3), None));
        // 2 March or 3 February: left out, but reported so the reader can warn.
        assert_eq!(one("Date: 03-02-2023"), (None, None));
        assert_eq!(one("04/15/2024 - 04/17/2024"), (d(2024, 4, 15), d(2024, 4, 17)));
        assert_eq!(one("printed 3/14/24, 10:22 AM"), (d(2024, 3, 14), None));
    }

    #[test]
    fn not_dates() {
        assert!(find("Course 2024-XL, room 12/40, 3 hours").is_empty());
        assert!(find("February 30, 2024").is_empty());
        assert!(find("March 2024").is_empty());
    }
}
