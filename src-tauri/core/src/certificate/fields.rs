//! Finding the fields in a page's lines, by wording first ("has successfully completed", "Contact
//! Hours:", "Certificate No.") and layout second (the recipient and the title are the large lines;
//! a provider's name heads the page). Lines that are never the course are set aside first:
//! browser-print headers and footers, addresses, and signers (a name above "Program Director").

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

pub use super::amounts::UNIT_CMC_POINTS;
use super::layout::Page;
use super::{Field, FieldName, amounts};

/// What the finder suggests, and what the clerk should know about what it left out.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub fields: BTreeMap<FieldName, Field>,
    pub warnings: Vec<String>,
}

fn re(p: &str) -> Regex {
    Regex::new(&format!("(?i){p}")).expect("field patterns are valid")
}

static NOISE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(https?://|www\.|\.(?:com|org|net|gov|edu)(?:/|\b)|\b\d{1,2}:\d\d\s*(?:am|pm)\b|\bpage\s+\d+\s+(?:of|/)\s+\d+\b|@)")
});
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(\b\d+\s+(?:[nsew]\.?\s+)?\w+(?:\s+\w+)?\s+(?:street|st\.|avenue|ave\.?|road|rd\.|boulevard|blvd\.?|drive|dr\.|lane|ln\.|way|suite|plaza|parkway)|p\.?\s?o\.?\s+box|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\bphone\b|\bfax\b|\btel\b|\(\d{3}\)\s*\d{3}-\d{4})")
});
static SIGNER_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(director|president|chair(?:person)?|instructor|coordinator|executive|secretary|dean|manager|registrar|signature|authori[sz]ed|presenter|facilitator|treasurer|administrator|ceo|chief|vice|provost|commissioner|trainer)\b")
});
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^\s*(certificate|certification|letter|record|transcript|diploma|award|statement)\s+(of|for)\s+(completion|attendance|achievement|participation|recognition|training|continuing education|education|accomplishment|excellence)\b|^\s*certificate\s*$")
});
static ORG_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(institute|association|university|college|league|academy|society|council|center|centre|school|foundation|iimc|clerks|inc\.?|llc|corporation|federation|alliance|chapter|agency|bureau|commission|network|consortium|learning|training|solutions|consulting|group|extension|department of)\b")
});
static NOT_A_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(certificate|completion|course|city|county|town|village|township|borough|institute|association|university|college|department|office|program|programme|hours?|the|of|and|for|this|that|has|have|is|webinar|conference|training|workshop|session|seminar|management|clerk|clerks|records|municipal|annual|dear|date|director|signature|presented|awarded|certifies|completed)\b")
});

/// Phrases after which the recipient's name follows.
static RECIPIENT_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(?:this\s+(?:is\s+to\s+)?certif\w*\s+that|certif\w*\s+that|(?:is\s+)?(?:hereby\s+)?(?:presented|awarded|granted|issued)\s+to|this\s+(?:letter\s+)?(?:confirms|acknowledges|recogni[sz]es)\s+that|recogni[sz]es|in\s+recognition\s+of\s+the\s+achievement\s+of)\s*:?\s*")
});
static RECIPIENT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^\s*(?:participant(?:\s+name)?|attendee(?:\s+name)?|recipient|student(?:\s+name)?|learner|name(?:\s+of\s+participant)?|awarded\s+to|presented\s+to)\s*[:\-]\s*")
});
static SALUTATION: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*dear\s+(?:(?:ms|mr|mrs|mx|dr)\.?\s+)?([^,:]+)[,:]\s*$"));
static HONORIFIC: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:(?:ms|mr|mrs|mx|dr)\.?\s+)"));
static NAME_END: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\s+(?:has|have|had|attended|successfully|satisfactorily|completed|participated|is|was|for|in\s+recognition)\b.*$")
});

/// Phrases after which the course title follows.
static TITLE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(?:(?:has|have)\s+)?(?:successfully\s+|satisfactorily\s+)?(?:completed|attended|participated\s+in)(?:\s+(?:the\s+)?(?:requirements\s+(?:of|for)|course(?:work)?|program|webinar|training|session|seminar|workshop|online\s+course))?|for\s+(?:successfully\s+)?(?:completing|attending|participating\s+in|participation\s+in|completion\s+of|attendance\s+at)|(?:your|her|his)\s+attendance\s+at|in\s+recognition\s+of\s+(?:completing|participation\s+in|attending)")
});
static TITLE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^\s*(?:course(?:\s+(?:title|name))?|program(?:me)?(?:\s+(?:title|name))?|title|session(?:\s+title)?|webinar(?:\s+title)?|event|training|activity|workshop|seminar)\s*[:\-]\s*")
});
static TITLE_END: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:,?\s+(?:held|on|from|offered|presented|sponsored|conducted|hosted|provided|organized|and\s+is|for\s+a\s+total|totaling|consisting|in\s+\w+,\s+[A-Z]{2}\b|at\s+the\b)\b.*$|\s*\(\s*\d.*$|[,;:.]\s*$)")
});
static PREPOSITION_END: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|\s)(?:of|at|in|the|for|on|entitled|titled|called)$"));
static PROVIDER_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(?:provided|presented|sponsored|offered|hosted|conducted|issued|organi[sz]ed|delivered)\s+by\s*:?\s*|^\s*(?:provider|sponsor(?:ing\s+organi[sz]ation)?|organi[sz](?:ation|er)|host|institution|training\s+provider|education\s+provider)\s*[:\-]\s*")
});
static LEVEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(basic|intermediate|advanced)\s+level\b|\blevel\s*[:\-]?\s*(basic|intermediate|advanced)\b"));

/// Finds the fields of a document: what its first page states, then what only the pages after it
/// state (a transcript's total, a date on page 2). Read as one, the pages let an agenda or a
/// second certificate scanned with the first give the first its dates, hours and kind.
pub fn find(page: &Page) -> Found {
    // One page (most certificates): read as it is, no copy of its lines.
    if page.lines.iter().all(|l| l.page == 0) {
        return find_on(page);
    }
    let first = Page { lines: page.lines.iter().filter(|l| l.page == 0).cloned().collect(), height: page.height };
    let mut found = find_on(&first);
    let rest = find_on(page);
    let before = found.fields.len();
    for (name, field) in rest.fields {
        found.fields.entry(name).or_insert(field);
    }
    // What the later pages' reading warns of matters only when it gave a field.
    if found.fields.len() > before {
        for warning in rest.warnings {
            if !found.warnings.contains(&warning) {
                found.warnings.push(warning);
            }
        }
    }
    found
}

/// Finds the fields on the lines of `page` (one page or several read as one). See the module
/// documentation for the order of things.
fn find_on(page: &Page) -> Found {
    let mut out = Found::default();
    let texts: Vec<String> = page.lines.iter().map(|l| tidy(&l.text)).collect();
    let n = texts.len();
    let body = page.body_size();
    let is_letter = texts.iter().any(|t| t.to_ascii_lowercase().starts_with("dear ") || t.to_ascii_lowercase().starts_with("sincerely"));

    // Lines that are never the course: print headers, addresses, signers (role + name above).
    let mut skip = vec![false; n];
    for (i, t) in texts.iter().enumerate() {
        if NOISE.is_match(t) || ADDRESS.is_match(t) {
            skip[i] = true;
        }
        let words = t.split_whitespace().count();
        if SIGNER_ROLE.is_match(t) && words <= 8 && !TITLE_LEAD.is_match(t) && !RECIPIENT_LEAD.is_match(t) {
            skip[i] = true;
            if i > 0 && page.lines[i - 1].text.split_whitespace().count() <= 5 && page.lines[i - 1].page == page.lines[i].page {
                skip[i - 1] = true;
            }
        }
    }
    let readable: Vec<&str> = texts.iter().enumerate().map(|(i, t)| if skip[i] && NOISE.is_match(t) { "" } else { t.as_str() }).collect();
    let conf = |i: usize, score: f32| (score * (0.15 + 0.85 * page.lines[i].conf.min(1.0)).min(1.0) * 100.0).round() / 100.0;
    let set = |out: &mut Found, name: FieldName, value: String, score: f32, lines: &[usize]| {
        let source = lines.iter().map(|&i| page.lines[i].text.as_str()).collect::<Vec<_>>().join(" / ");
        let confidence = lines.iter().map(|&i| conf(i, score)).fold(1.0, f32::min);
        out.fields.insert(name, super::Field { value, confidence, source });
    };

    // Recipient.
    let mut recipient_line = None;
    for i in 0..n {
        if skip[i] {
            continue;
        }
        let t = &texts[i];
        let candidate = if let Some(m) = RECIPIENT_LEAD.find(t) {
            let rest = NAME_END.replace(&t[m.end()..], "").to_string();
            if rest.trim().is_empty() { next_line(&texts, &skip, i).map(|j| (texts[j].clone(), j, 0.93)) } else { Some((rest, i, 0.9)) }
        } else if let Some(m) = RECIPIENT_LABEL.find(t) {
            let rest = t[m.end()..].to_string();
            if rest.trim().is_empty() { next_line(&texts, &skip, i).map(|j| (texts[j].clone(), j, 0.85)) } else { Some((rest, i, 0.9)) }
        } else {
            SALUTATION.captures(t).map(|c| (c[1].to_string(), i, 0.8))
        };
        if let Some((text, j, score)) = candidate
            && let Some(name) = person_name(&text)
        {
            set(&mut out, FieldName::Recipient, name, score, &[j]);
            recipient_line = Some(j);
            break;
        }
    }
    if recipient_line.is_none() {
        // No wording names the recipient: the one largest line that reads as a person's name.
        let big: Vec<usize> = (0..n)
            .filter(|&i| !skip[i] && page.lines[i].page == 0 && page.lines[i].size >= 1.5 * body && person_name(&texts[i]).is_some())
            .collect();
        if let [i] = big[..] {
            set(&mut out, FieldName::Recipient, person_name(&texts[i]).unwrap_or_default(), 0.6, &[i]);
            recipient_line = Some(i);
        }
    }

    // Title.
    let mut title_lines: Vec<usize> = Vec::new();
    for i in 0..n {
        if skip[i] || Some(i) == recipient_line {
            continue;
        }
        let t = &texts[i];
        let (rest, score) = if let Some(m) = TITLE_LABEL.find(t) {
            (t[m.end()..].to_string(), 0.9)
        } else if let Some(m) = TITLE_LEAD.find(t) {
            (t[m.end()..].to_string(), 0.9)
        } else {
            continue;
        };
        let rest = clean_title(&rest);
        // "attended the education sessions of the" / (next line) "2024 IIMC Annual Conference"
        let unfinished = PREPOSITION_END.is_match(&rest) || rest.split_whitespace().count() <= 1 && rest.len() < 12;
        let (title, lines) = if rest.is_empty() || unfinished {
            let Some(j) = next_line(&texts, &skip, i) else { continue };
            let mut lines = vec![j];
            // A title wrapped over two lines: same size, close below, not a new statement.
            if let Some(k) = next_line(&texts, &skip, j)
                && (page.lines[k].size - page.lines[j].size).abs() <= 0.08 * page.lines[j].size
                && page.lines[k].top - page.lines[j].bottom < 0.9 * page.lines[j].size
                && page.lines[j].size > 1.1 * body
                && !is_statement(&texts[k])
            {
                lines.push(k);
            }
            let joined = lines.iter().map(|&l| texts[l].as_str()).collect::<Vec<_>>().join(" ");
            (clean_title(&joined), lines)
        } else {
            (rest, vec![i])
        };
        if is_title(&title) {
            set(&mut out, FieldName::Title, title, score, &lines);
            title_lines = lines;
            break;
        }
    }
    if title_lines.is_empty()
        && let Some(r) = recipient_line
    {
        // "Jane Doe" / (small print) / "RECORDS MANAGEMENT ESSENTIALS": the next large line.
        let next_big = (r + 1..n).find(|&i| !skip[i] && page.lines[i].size >= 1.25 * body && page.lines[i].page == page.lines[r].page);
        if let Some(i) = next_big
            && is_title(&texts[i])
            && !is_statement(&texts[i])
        {
            set(&mut out, FieldName::Title, clean_title(&texts[i]), 0.65, &[i]);
            title_lines = vec![i];
        }
    }

    // Provider: "Presented by …" / "Provider: …", else an organisation heading the first page.
    let mut provider = None;
    for i in 0..n {
        if skip[i] || title_lines.contains(&i) {
            continue;
        }
        if let Some(m) = PROVIDER_LEAD.find(&texts[i]) {
            let rest = clean_org(&texts[i][m.end()..]);
            let (value, j) = if rest.is_empty() { next_line(&texts, &skip, i).map(|j| (clean_org(&texts[j]), j)).unwrap_or_default() } else { (rest, i) };
            if is_org(&value) {
                provider = Some((value, j, 0.9));
                break;
            }
        }
    }
    if provider.is_none() {
        let heading_limit = page.height * 0.3;
        provider = (0..n)
            .filter(|&i| !skip[i] && !title_lines.contains(&i) && Some(i) != recipient_line)
            .filter(|&i| page.lines[i].page == 0 && page.lines[i].top < heading_limit && page.lines[i].size >= body * 0.85)
            .find(|&i| is_org(&texts[i]) && !HEADING.is_match(&texts[i]) && !texts[i].to_lowercase().contains("certif"))
            .map(|i| (clean_org(&texts[i]), i, 0.72));
    }
    if let Some((value, i, score)) = provider.clone() {
        set(&mut out, FieldName::Provider, value, score, &[i]);
    }

    // Amounts and dates (the title's lines are not read for hours or credits).
    let (hours, why) = amounts::hours(&readable, &title_lines);
    out.warnings.extend(why);
    if let Some(h) = hours {
        set(&mut out, FieldName::Hours, fmt_num(h.value), h.score, &[h.line]);
    }
    let (credits, why) = amounts::credits(&readable, &title_lines);
    out.warnings.extend(why);
    if let Some(c) = credits {
        set(&mut out, FieldName::Credits, fmt_num(c.value.0), c.score, &[c.line]);
        set(&mut out, FieldName::CreditsUnit, c.value.1.to_string(), c.score, &[c.line]);
        if c.value.1 == "CEU" && !out.fields.contains_key(&FieldName::Hours) {
            out.warnings.push("the certificate states CEUs only: 1 CEU is usually 10 contact hours, confirm the hours yourself".into());
        }
    }
    if let Some(c) = amounts::certificate_number(&readable) {
        set(&mut out, FieldName::CertificateNumber, c.value, c.score, &[c.line]);
    }
    // A letter's own date stands alone on a line above the salutation.
    let letter_dates: Vec<usize> = if is_letter {
        let dear = texts.iter().position(|t| t.to_ascii_lowercase().starts_with("dear ")).unwrap_or(n);
        (0..dear).filter(|&i| super::dates::find(&texts[i]).first().is_some_and(|m| texts[i].len() <= m.raw.len() + 4)).collect()
    } else {
        Vec::new()
    };
    let (date, why) = amounts::course_dates(&readable, &letter_dates);
    out.warnings.extend(why);
    if let Some(d) = date {
        set(&mut out, FieldName::Date, d.start.to_string(), d.score, &[d.line]);
        if let Some(e) = d.end {
            set(&mut out, FieldName::EndDate, e.to_string(), d.score, &[d.line]);
        }
    }

    // Category and level: only from wording that says so.
    let title = out.fields.get(&FieldName::Title).map(|f| f.value.to_lowercase()).unwrap_or_default();
    let prov = out.fields.get(&FieldName::Provider).map(|f| f.value.to_lowercase()).unwrap_or_default();
    let all = texts.iter().enumerate().filter(|(i, _)| !skip[*i]).map(|(_, t)| t.to_lowercase()).collect::<Vec<_>>().join("\n");
    if let Some((category, i)) = category(&title, &prov, &all, &texts) {
        set(&mut out, FieldName::Category, category.to_string(), 0.75, &[i]);
    }
    if let Some((i, c)) = texts.iter().enumerate().find_map(|(i, t)| LEVEL.captures(t).map(|c| (i, c))) {
        let level = c.get(1).or(c.get(2)).map(|m| m.as_str().to_lowercase()).unwrap_or_default();
        set(&mut out, FieldName::Level, level, 0.85, &[i]);
    }
    out
}

/// The category a certificate's wording supports, with the line that says so; none when the
/// wording is silent or points two ways.
fn category(title: &str, provider: &str, all: &str, texts: &[String]) -> Option<(&'static str, usize)> {
    // What the activity was, in the title or the text, outweighs what the provider is called: an
    // institute's webinar is a webinar.
    let mut activity: Vec<(&'static str, &str)> = Vec::new();
    if title.contains("academy") {
        activity.push(("academy", "academy"));
    }
    if title.contains("clerks institute") {
        activity.push(("institute", "institute"));
    }
    for word in ["webinar", "on-demand", "online course"] {
        if all.contains(word) {
            activity.push(("webinar", word));
            break;
        }
    }
    if title.contains("conference") {
        activity.push(("conference", "conference"));
    } else if all.contains("annual conference") {
        activity.push(("conference", "annual conference"));
    }
    if (all.contains("reviewed by iimc") || all.contains("iimc course review") || all.contains("approved by iimc"))
        && (provider.contains("association") || provider.contains("league"))
    {
        activity.push(("association", "reviewed by iimc"));
    }
    let mut by_provider: Vec<(&'static str, &str)> = Vec::new();
    if provider.contains("academy") {
        by_provider.push(("academy", "academy"));
    }
    if provider.contains("clerks institute") {
        by_provider.push(("institute", "institute"));
    }
    let pick = |hits: &[(&'static str, &str)]| {
        let mut ids: Vec<&str> = hits.iter().map(|h| h.0).collect();
        ids.sort_unstable();
        ids.dedup();
        (ids.len() == 1).then(|| (hits[0].0, hits[0].1.to_string()))
    };
    let (id, word) = if activity.is_empty() { pick(&by_provider)? } else { pick(&activity)? };
    let line = texts.iter().position(|t| t.to_lowercase().contains(&word)).unwrap_or(0);
    Some((id, line))
}

fn tidy(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
            '\u{00A0}' => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn next_line(texts: &[String], skip: &[bool], i: usize) -> Option<usize> {
    (i + 1..texts.len()).find(|&j| !skip[j] && !texts[j].trim().is_empty())
}

/// A line that states something rather than names something.
fn is_statement(text: &str) -> bool {
    RECIPIENT_LEAD.is_match(text) || TITLE_LEAD.is_match(text) || PROVIDER_LEAD.is_match(text) || !super::dates::find(text).is_empty() || text.chars().filter(char::is_ascii_digit).count() >= 3
}

/// A person's name as written, without honorific or designations ("Ms. Jane Q. Doe, CMC" → "Jane Q. Doe").
pub fn person_name(text: &str) -> Option<String> {
    let t = text.trim().trim_matches(|c: char| c == '"' || c == ':' || c == ',');
    let t = HONORIFIC.replace(t, "");
    let t = t.split(',').next().unwrap_or("").trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) || NOT_A_NAME.is_match(t) {
        return None;
    }
    let ok = words.iter().all(|w| {
        let first = w.chars().next().unwrap_or(' ');
        first.is_uppercase() && w.chars().all(|c| c.is_alphabetic() || c == '.' || c == '-' || c == '\'')
    });
    ok.then(|| {
        if t.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) {
            // "JANE DOE" reads better in the form as "Jane Doe".
            words
                .iter()
                .map(|w| {
                    let lower = w.to_lowercase();
                    let mut c = lower.chars();
                    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            t.to_string()
        }
    })
}

fn clean_title(text: &str) -> String {
    let t = TITLE_END.replace(text.trim(), "");
    let t = t.trim().trim_start_matches(|c: char| c == ':' || c == '-' || c.is_whitespace());
    let t = t.strip_prefix("the ").unwrap_or(t);
    t.trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace()).to_string()
}

fn is_title(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    (6..=160).contains(&text.chars().count()) && letters >= 5 && !HEADING.is_match(text) && super::dates::find(text).is_empty()
}

fn clean_org(text: &str) -> String {
    let t = text.trim();
    let t = t.split(" on ").next().unwrap_or(t);
    t.trim_matches(|c: char| c == '.' || c == ',' || c == ':' || c.is_whitespace()).strip_prefix("the ").unwrap_or(t.trim_end_matches(['.', ','])).to_string()
}

/// An organisation's name: its wording says so, it has no more than a couple of digits (sponsor
/// registry numbers are not providers), and it is not a sentence.
fn is_org(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let words = text.split_whitespace().count();
    let acronym = words == 1 && text.len() >= 3 && text.chars().all(|c| c.is_ascii_uppercase());
    (ORG_WORD.is_match(text) || acronym) && digits <= 2 && (1..=12).contains(&words) && !is_statement(text)
}

fn fmt_num(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
#[path = "fields_tests.rs"]
mod tests;
