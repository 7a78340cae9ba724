//! The numbers on a certificate: contact hours, credits with their unit, the certificate number,
//! and which of its dates is the course's. Each finder collects every candidate with a score for
//! how clearly the wording says what it is, and gives a value only when the best candidates agree.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::dates;

/// A value found, with how sure we are and the index of the line it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<T> {
    pub value: T,
    pub score: f32,
    pub line: usize,
}

const NUM: &str = r"(\d{1,3}(?:\.\d{1,2})?|\.\d{1,2})";

fn re(p: &str) -> Regex {
    Regex::new(&format!("(?i){p}")).expect("amount patterns are valid")
}

// "Contact Hours: 6.5", "Total CE Hours Earned: 21"
static HOURS_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"\b(total\s+)?(?:(?:contact|clock|ce|continuing\s+education|instructional|education(?:al)?|training|class)\s+)?hou?rs?(?:\s+(?:earned|completed|awarded|attended))?\s*[:=]\s*{NUM}\b"))
});
// "6.5 contact hours", "six (6) hours", "21 total hours"; not "35 PDU contact hours", not "3 credit hours".
static HOURS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"(?:\(\s*{NUM}\s*\)|\b{NUM})\s*(total\s+)?((?:contact|clock|continuing\s+education|ce|education(?:al)?|instructional|training|class)\s+)?(?:hou?rs?|hrs?)\b\.?"))
});
static HOUR_MINUTES: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(\d{1,2})\s*(?:hours?|hrs?)\.?\s*(?:and\s+)?(\d{1,2})\s*(?:minutes|mins?)\b"));
static MINUTES: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{2,3})\s*(?:minutes|mins?)\b\.?"));
static DURATION: LazyLock<Regex> = LazyLock::new(|| re(r"\b(duration|length|time)\b"));
static TOTAL: LazyLock<Regex> = LazyLock::new(|| re(r"\btotal\b"));

/// Contact hours stated on the certificate; `excluded` lines (the title) are not read, since a
/// title such as "PMP Prep – 35 PDU Contact Hours" is not the hours this certificate states.
pub fn hours(lines: &[&str], excluded: &[usize]) -> (Option<Found<f64>>, Option<String>) {
    let mut found: Vec<Found<f64>> = Vec::new();
    for (i, text) in lines.iter().enumerate() {
        if excluded.contains(&i) {
            continue;
        }
        let mut taken: Vec<(usize, usize)> = Vec::new();
        let total_line = TOTAL.is_match(text);
        for c in HOUR_MINUTES.captures_iter(text) {
            let m = c.get(0).expect("match");
            let (h, min): (f64, f64) = (c[1].parse().unwrap_or(0.0), c[2].parse().unwrap_or(0.0));
            if min < 60.0 {
                found.push(Found { value: round2(h + min / 60.0), score: 0.85, line: i });
                taken.push((m.start(), m.end()));
            }
        }
        for c in HOURS_LABEL.captures_iter(text) {
            let m = c.get(0).expect("match");
            if let Some(v) = num(&c[2]) {
                let score = if c.get(1).is_some() { 0.97 } else { 0.93 };
                found.push(Found { value: v, score, line: i });
                taken.push((m.start(), m.end()));
            }
        }
        for c in HOURS_AFTER.captures_iter(text) {
            let m = c.get(0).expect("match");
            if taken.iter().any(|t| m.start() < t.1 && t.0 < m.end()) {
                continue;
            }
            let Some(v) = c.get(1).or(c.get(2)).and_then(|n| num(n.as_str())) else { continue };
            // Preceded by "PDU"/"CPE"? Then it is not this number's unit (caught by credits).
            let before = text[..m.start()].trim_end().to_ascii_lowercase();
            if before.ends_with("per") || before.ends_with("within") || before.ends_with("every") {
                continue;
            }
            let qualified = c.get(4).is_some();
            let score = if c.get(3).is_some() || total_line { 0.95 } else if qualified { 0.92 } else { 0.8 };
            found.push(Found { value: v, score, line: i });
            taken.push((m.start(), m.end()));
        }
        if DURATION.is_match(text) || taken.is_empty() {
            for c in MINUTES.captures_iter(text) {
                let m = c.get(0).expect("match");
                if taken.iter().any(|t| m.start() < t.1 && t.0 < m.end()) {
                    continue;
                }
                if let Ok(min) = c[1].parse::<f64>()
                    && (15.0..=600.0).contains(&min)
                {
                    let score = if DURATION.is_match(text) { 0.88 } else { 0.7 };
                    found.push(Found { value: round2(min / 60.0), score, line: i });
                }
            }
        }
    }
    found.retain(|f| f.value > 0.0 && f.value <= 200.0);
    agree(found, |h| format!("{h}"), "hours", 0.02)
}

pub const UNIT_CMC_POINTS: &str = "CMC/MMC points";
/// Continuing Education Units: a unit of their own (1 CEU is conventionally 10 contact hours).
pub const UNIT_CEU: &str = "CEU";

static CREDITS: LazyLock<Vec<(Regex, &'static str, f32)>> = LazyLock::new(|| {
    vec![
        (re(&format!(r"\b{NUM}\s*(?:iimc\s+)?(?:cmc\s*/\s*mmc|cmc|mmc|iimc)\s+(?:education(?:al)?\s+)?points?\b")), UNIT_CMC_POINTS, 0.95),
        (re(&format!(r"\b(?:cmc\s*/\s*mmc|cmc|mmc|iimc)\s+(?:education(?:al)?\s+)?points?(?:\s+awarded)?\s*[:=]\s*{NUM}")), UNIT_CMC_POINTS, 0.95),
        (re(&format!(r"\b{NUM}\s*(?:ceus?|continuing\s+education\s+units?)\b(?:\s*\(\s*ceus?\s*\))?")), UNIT_CEU, 0.95),
        (re(&format!(r"\b(?:ceus?|continuing\s+education\s+units?)(?:\s+(?:awarded|earned))?\s*[:=]\s*{NUM}")), UNIT_CEU, 0.95),
        (re(&format!(r"\b{NUM}\s*cpe\b(?:\s+(?:credits?|hours?))?")), "CPE", 0.93),
        (re(&format!(r"\bcpe\s+(?:credits?|hours?)(?:\s+earned)?\s*[:=]\s*{NUM}")), "CPE", 0.93),
        (re(&format!(r"\b{NUM}\s*pdus?\b")), "PDU", 0.9),
        (re(&format!(r"\bpdus?(?:\s+earned)?\s*[:=]\s*{NUM}")), "PDU", 0.9),
    ]
});

/// An amount and its unit.
pub type Credits = (f64, &'static str);

/// Credits or points stated, with their unit as written ("CEU", "CPE", "PDU", "CMC/MMC points").
pub fn credits(lines: &[&str], excluded: &[usize]) -> (Option<Found<Credits>>, Option<String>) {
    let mut found = Vec::new();
    for (i, text) in lines.iter().enumerate() {
        if excluded.contains(&i) {
            continue;
        }
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for (pattern, unit, score) in CREDITS.iter() {
            for c in pattern.captures_iter(text) {
                let m = c.get(0).expect("match");
                if taken.iter().any(|t| m.start() < t.1 && t.0 < m.end()) {
                    continue;
                }
                if let Some(v) = num(&c[1]).filter(|v| *v > 0.0 && *v <= 100.0) {
                    found.push(Found { value: (v, *unit), score: *score, line: i });
                    taken.push((m.start(), m.end()));
                }
            }
        }
    }
    agree(found, |(v, u)| format!("{v} {u}"), "credits", 0.1)
}

static CERT_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(?:certificate|cert\.?|credential|completion)\s*(?:no\.?|number|num\.?|#|id|code)\s*[:#.]?\s*([A-Z0-9][A-Z0-9\-/.]{2,30}[A-Z0-9])\b")
});

/// The certificate's own number. Only after a label that says "certificate" (or "credential"):
/// sponsor and registry numbers, course codes and form numbers ("Form CE-101") are not it.
pub fn certificate_number(lines: &[&str]) -> Option<Found<String>> {
    let found: Vec<Found<String>> = lines
        .iter()
        .enumerate()
        .flat_map(|(i, text)| {
            CERT_NUMBER.captures_iter(text).filter_map(move |c| {
                let v = c[1].to_string();
                v.chars().any(|ch| ch.is_ascii_digit()).then_some(Found { value: v, score: 0.92, line: i })
            })
        })
        .collect();
    agree(found, |v| v.clone(), "certificate numbers", 0.02).0
}

static ISSUE_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(issued?|date\s+of\s+issue|printed|generated|downloaded|expir\w*|valid\s+(?:until|through|thru)|renew\w*|birth|dob|signed|awarded\s+(?:on|this)|print\s+date|as\s+of|revised|rev\.|updated|effective|posted|today)\b")
});
static COURSE_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(held|on|completed|completion|attended|attendance|conducted|presented|took\s+place|during|from|course\s+date|session\s+date|event\s+date|training\s+date|date\s*\(s\)|dates|webinar|date\s+attended|date\s+of\s+(?:training|course|event|attendance|completion|session|program))\b")
});
static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| re(r"\bdate\b"));

/// A date (or range) and the line it came from; `letter` says the document is a letter, whose own
/// date stands alone near the top.
pub struct DateFound {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub score: f32,
    pub line: usize,
}

/// The course's date or dates. Issue, print, expiry and letter dates are left out by their
/// wording; what is left must agree (or lie within one stated range), else nothing is suggested.
pub fn course_dates(lines: &[&str], letter_date_lines: &[usize]) -> (Option<DateFound>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut found: Vec<DateFound> = Vec::new();
    for (i, text) in lines.iter().enumerate() {
        for m in dates::find(text) {
            // The words before the date on its line, or the label on the line above when the
            // date stands alone ("Date of Completion" / "March 5, 2024").
            let mut before = text[..m.at.0].to_string();
            if before.trim().is_empty() && i > 0 && dates::find(lines[i - 1]).is_empty() && lines[i - 1].len() < 40 {
                before = lines[i - 1].to_string();
            }
            let after = &text[m.at.1..];
            let after_head: String = after.chars().take(12).collect();
            if ISSUE_CONTEXT.is_match(&before) || letter_date_lines.contains(&i) || after_head.contains(':') {
                continue;
            }
            let Some(start) = m.start else {
                warnings.push(format!(
                    "the date '{}' could be read day-first or month-first: enter it yourself",
                    m.raw.trim()
                ));
                continue;
            };
            let plausible = |d: NaiveDate| (1980..=2100).contains(&chrono::Datelike::year(&d));
            if !plausible(start) {
                continue;
            }
            let mut score = if COURSE_CONTEXT.is_match(&before) {
                0.92
            } else if DATE_LABEL.is_match(&before) || before.trim().is_empty() {
                0.8
            } else {
                0.7
            };
            if m.end.is_some() {
                score += 0.04;
            }
            found.push(DateFound { start, end: m.end, score, line: i });
        }
    }
    let Some(best) = found.iter().map(|f| f.score).reduce(f32::max) else { return (None, warnings) };
    if !warnings.is_empty() && best < 0.9 {
        // An ambiguous date was on the page: a plain, unlabelled date elsewhere may well be
        // the issue date, so say nothing rather than offer it.
        return (None, warnings);
    }
    let mut top: Vec<&DateFound> = found.iter().filter(|f| f.score >= best - 0.05).collect();
    // A stated range that holds the best dates ("March 18-20" and "completed March 20") is the
    // course's span, even when its own wording is plainer.
    let holds = |r: &DateFound, f: &DateFound| r.start <= f.start && f.end.unwrap_or(f.start) <= r.end.unwrap_or(r.start);
    if let Some(range) = found.iter().filter(|r| r.end.is_some() && r.score >= 0.75).find(|r| top.iter().all(|f| holds(r, f))) {
        top.push(range);
    }
    // The widest range among the top candidates; every other top date must fall within it.
    let widest = top.iter().max_by_key(|f| (f.end.unwrap_or(f.start) - f.start, std::cmp::Reverse(f.line))).expect("non-empty");
    let within = |f: &&DateFound| f.start >= widest.start && f.end.unwrap_or(f.start) <= widest.end.unwrap_or(widest.start);
    if top.iter().all(within) {
        let f = widest;
        (Some(DateFound { start: f.start, end: f.end, score: f.score, line: f.line }), warnings)
    } else {
        warnings.push("the certificate shows several dates and none is clearly the course's: enter the date yourself".into());
        (None, warnings)
    }
}

fn num(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The best-scored candidates must all say the same, else nothing (and a warning).
/// `window`: how far below the best score a candidate still counts as a rival.
fn agree<T: Clone>(found: Vec<Found<T>>, key: impl Fn(&T) -> String, what: &str, window: f32) -> (Option<Found<T>>, Option<String>) {
    let Some(best) = found.iter().map(|f| f.score).reduce(f32::max) else { return (None, None) };
    let top: Vec<&Found<T>> = found.iter().filter(|f| f.score >= best - window).collect();
    let first = key(&top[0].value);
    if top.iter().all(|f| key(&f.value) == first) {
        let best_one = top.iter().max_by(|a, b| a.score.total_cmp(&b.score)).expect("non-empty");
        (Some((*best_one).clone()), None)
    } else {
        let values: Vec<String> = top.iter().map(|f| key(&f.value)).collect();
        (None, Some(format!("the certificate states several {what} ({}): enter the right one yourself", values.join(", "))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(lines: &[&str]) -> Option<f64> {
        hours(lines, &[]).0.map(|f| f.value)
    }

    #[test]
    fn hours_as_written() {
        assert_eq!(h(&["6.5 Contact Hours"]), Some(6.5));
        assert_eq!(h(&["Contact Hours: 12"]), Some(12.0));
        assert_eq!(h(&["for a total of six (6) hours of instruction"]), Some(6.0));
        assert_eq!(h(&["Duration: 90 minutes"]), Some(1.5));
        assert_eq!(h(&["Length: 1 hour 30 minutes"]), Some(1.5));
        assert_eq!(h(&["Session 1  3.0 hours", "Session 2  4.0 hours", "Total Hours: 7"]), Some(7.0));
        assert_eq!(h(&["Session 1  3 hours", "Session 2  4 hours"]), None, "two sessions, no total: not guessed");
        assert_eq!(h(&["Webinar - 50 minutes"]), Some(0.83));
    }

    #[test]
    fn a_title_stating_hours_is_not_the_hours() {
        let lines = ["PMP Exam Prep - 35 PDU Contact Hours", "This course provides 39 contact hours"];
        assert_eq!(hours(&lines, &[0]).0.map(|f| f.value), Some(39.0));
        // Without knowing the title, the two disagree and nothing is suggested.
        assert_eq!(h(&lines), Some(39.0), "the number before PDU is not taken as hours");
        assert_eq!(credits(&lines, &[0]).0, None);
    }

    #[test]
    fn credits_keep_their_unit() {
        let c = |l: &[&str]| credits(l, &[]).0.map(|f| f.value);
        assert_eq!(c(&["approved for 1.5 CMC/MMC Education Points"]), Some((1.5, UNIT_CMC_POINTS)));
        assert_eq!(c(&["0.6 CEU"]), Some((0.6, "CEU")));
        assert_eq!(c(&["CEUs awarded: 1.2"]), Some((1.2, "CEU")));
        assert_eq!(c(&["8 CPE credits"]), Some((8.0, "CPE")));
        assert_eq!(c(&["1.5 CPE and 2 PDU"]), None);
    }

    #[test]
    fn certificate_numbers_only_after_their_label() {
        let n = |l: &[&str]| certificate_number(l).map(|f| f.value);
        assert_eq!(n(&["Certificate No. MCI-2024-0173"]), Some("MCI-2024-0173".into()));
        assert_eq!(n(&["Certificate #: 88412"]), Some("88412".into()));
        assert_eq!(n(&["NASBA Sponsor #108234", "Form CE-101 (rev. 2019)", "Course No. 4412"]), None);
        assert_eq!(n(&["Certificate of Completion"]), None);
    }

    #[test]
    fn the_course_date_not_the_issue_date() {
        let d = |l: &[&str]| course_dates(l, &[]).0.map(|f| (f.start.to_string(), f.end.map(|e| e.to_string())));
        assert_eq!(d(&["held March 18-22, 2024", "Date issued: April 1, 2024"]), Some(("2024-03-18".into(), Some("2024-03-22".into()))));
        assert_eq!(d(&["Completed on May 2, 2024", "Issued on May 3, 2024"]), Some(("2024-05-02".into(), None)));
        assert_eq!(d(&["3/14/24, 10:22 AM printed", "Date of Completion: February 9, 2024"]).map(|x| x.0), Some("2024-02-09".into()));
        assert_eq!(d(&["Date: 03-02-2023"]), None);
        assert_eq!(d(&["Completed May 2, 2024", "Completed June 9, 2024"]), None);
        assert_eq!(d(&["March 18-20, 2024", "Completed March 20, 2024"]).map(|x| x.0), Some("2024-03-18".into()));
    }
}
