//! Education and experience records in and out of Clerkfolio: CSV (one file a clerk can keep or
//! edit in Excel) and JSON (the `list --json` shapes, which this module owns so the CLI's lists
//! and the export are one copy). Parsing works on bytes, so the app's preview and the fuzzer
//! need no file; every row is then checked by `Workspace` with the same rules as the add
//! commands (`Workspace::plan_import`).
//!
//! The CSV header (docs/CLI.md): `record` (education or experience) and the union of both
//! kinds' fields. A cell that belongs to the other kind must be empty, so nothing typed is ever
//! silently dropped.

use chrono::{NaiveDate, SecondsFormat, Utc};
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::model::{EducationChanges, EnteredPoints, Education, Experience, ExperienceChanges, Level, Portfolio, RecordKind, Sponsor, parse_date};

/// The CSV columns, in the order `export` writes them.
pub const COLUMNS: [&str; 16] = [
    "record",
    "category",
    "title",
    "provider",
    "organisation",
    "start",
    "end",
    "hours",
    "points",
    "points_reason",
    "certificate",
    "level",
    "assessment",
    "learned",
    "notes",
    "sponsor",
];

/// Columns only education uses, and only experience uses; the rest are shared.
const EDUCATION_ONLY: [&str; 7] = ["provider", "hours", "certificate", "level", "assessment", "learned", "sponsor"];
const EXPERIENCE_ONLY: [&str; 2] = ["organisation", "notes"];

/// Other names accepted on import: the `list --json` names and the CLI flag names.
const ALIASES: [(&str, &str); 5] =
    [("date", "start"), ("end_date", "end"), ("reason", "points_reason"), ("organization", "organisation"), ("type", "record")];

/// The most rows one import takes: a career is hundreds of records; a million is the wrong file.
pub const MAX_ROWS: usize = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

/// What one CSV row says, before the workspace's checks.
#[derive(Debug, Clone)]
pub enum RecordChanges {
    Education(EducationChanges),
    Experience(ExperienceChanges),
}

/// One data row of a CSV file: its line number (of its first line; a quoted cell may span
/// several) and its fields, or why they cannot be read.
#[derive(Debug, Clone)]
pub struct CsvRow {
    pub line: u64,
    pub fields: std::result::Result<RecordChanges, String>,
}

/// A record ready to be saved (checked, id 0).
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Education(Education),
    Experience(Experience),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedRow {
    pub line: u64,
    pub record: Record,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RowProblem {
    pub line: u64,
    pub message: String,
    /// The command-line step that helps, apart from the words (see `Error::hint`).
    pub hint: Option<String>,
}

/// The preview of an import: the rows that would be added and the rows that are wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    /// The file's name, for messages.
    pub name: String,
    pub rows: Vec<PlannedRow>,
    pub problems: Vec<RowProblem>,
}

impl ImportPlan {
    /// `{file, rows: [{line, record: "education", ...list fields}], problems: [{line, message}]}`.
    pub fn to_json(&self) -> Value {
        let rows: Vec<Value> = self
            .rows
            .iter()
            .map(|r| {
                let (kind, mut fields) = match &r.record {
                    Record::Education(e) => ("education", education_json(e)),
                    Record::Experience(e) => ("experience", experience_json(e)),
                };
                if let Some(map) = fields.as_object_mut() {
                    map.remove("id");
                    map.insert("line".into(), json!(r.line));
                    map.insert("record".into(), json!(kind));
                }
                fields
            })
            .collect();
        let problems: Vec<Value> = self.problems.iter().map(|p| json!({"line": p.line, "message": p.message, "hint": p.hint})).collect();
        json!({"file": self.name, "rows": rows, "problems": problems})
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportSummary {
    pub education: usize,
    pub experience: usize,
    /// Invalid rows left out (with `--skip-invalid`).
    pub skipped: usize,
}

// ---------------------------------------------------------------- JSON shapes

pub fn date_json(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.to_string()))
}

/// One education record as `list education --json` shows it (docs/CLI.md).
pub fn education_json(e: &Education) -> Value {
    json!({
        "id": e.id, "title": e.title, "provider": e.provider, "category": e.category,
        "certificate": e.certificate, "date": e.start.to_string(), "end_date": date_json(e.end),
        "hours": e.hours, "points": e.entered.as_ref().map(|p| p.points),
        "points_reason": e.entered.as_ref().map(|p| p.reason.clone()), "learned": e.learned,
        "level": e.level.map(Level::id), "assessment": e.assessment, "evidence": e.evidence,
        "recorded_on": date_json(e.recorded_on), "from_certificate": e.from_certificate, "planned": e.planned,
        "sponsor": e.sponsor.id(),
    })
}

/// A record's JSON with `submitted`: the applications (not returned) that used it, and whether it
/// differs now from what was sent (`list education|experience --json`, `export json`).
pub fn with_uses(mut record: Value, applications: &[crate::application::Application], kind: RecordKind, id: i64) -> Value {
    record["submitted"] = crate::application::record_uses(applications, kind, id).into();
    record
}

/// One experience record as `list experience --json` shows it (docs/CLI.md).
pub fn experience_json(e: &Experience) -> Value {
    json!({
        "id": e.id, "category": e.category, "title": e.title, "organisation": e.organisation,
        "start": e.start.to_string(), "end": date_json(e.end),
        "points": e.entered.as_ref().map(|p| p.points), "points_reason": e.entered.as_ref().map(|p| p.reason.clone()),
        "notes": e.notes, "evidence": e.evidence, "letters": e.letters, "recorded_on": date_json(e.recorded_on),
        "planned": e.planned,
    })
}

// ---------------------------------------------------------------- export

/// The export file's bytes. CSV starts with a UTF-8 byte-order mark, which is how Excel knows
/// the file is UTF-8 (without it, "Renée" opens as "RenÃ©e").
/// `applications` (those sent to IIMC, as `application list --json` shows them) go into the JSON
/// export only: a spreadsheet row is a record.
pub fn render(p: &Portfolio, applications: &[crate::application::Application], format: ExportFormat) -> Result<Vec<u8>> {
    match format {
        ExportFormat::Json => {
            let doc = json!({
                "format": "clerkfolio-records",
                "version": 1,
                "exported_at": Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
                "education": p.education.iter().map(|e| with_uses(education_json(e), applications, RecordKind::Education, e.id)).collect::<Vec<_>>(),
                "experience": p.experience.iter().map(|x| with_uses(experience_json(x), applications, RecordKind::Experience, x.id)).collect::<Vec<_>>(),
                "applications": applications,
            });
            let mut text = serde_json::to_vec_pretty(&doc).map_err(|e| Error::Invalid(format!("cannot write JSON: {e}")))?;
            text.push(b'\n');
            Ok(text)
        }
        ExportFormat::Csv => {
            let mut out = b"\xEF\xBB\xBF".to_vec();
            {
                let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
                let fail = |e: csv::Error| Error::Invalid(format!("cannot write CSV: {e}"));
                w.write_record(COLUMNS).map_err(fail)?;
                for e in &p.education {
                    w.write_record(education_cells(e)).map_err(fail)?;
                }
                for e in &p.experience {
                    w.write_record(experience_cells(e)).map_err(fail)?;
                }
                w.flush().map_err(|e| Error::io("cannot write CSV", e))?;
            }
            Ok(out)
        }
    }
}

fn number(x: f64) -> String {
    // `Display` for f64 is the shortest text that reads back as the same number: 40, 7.5, 0.1.
    x.to_string()
}

fn education_cells(e: &Education) -> [String; 16] {
    let (points, reason) = entered_cells(&e.entered);
    [
        "education".into(),
        neutralise(&e.category),
        neutralise(&e.title),
        neutralise(&e.provider),
        String::new(),
        e.start.to_string(),
        e.end.map(|d| d.to_string()).unwrap_or_default(),
        number(e.hours),
        points,
        reason,
        neutralise(&e.certificate),
        e.level.map(|l| l.id().to_string()).unwrap_or_default(),
        if e.assessment { "yes" } else { "no" }.into(),
        neutralise(&e.learned),
        String::new(),
        // Not recorded stays empty, as an older file's missing column reads.
        if e.sponsor == Sponsor::Unknown { String::new() } else { e.sponsor.id().into() },
    ]
}

fn experience_cells(e: &Experience) -> [String; 16] {
    let (points, reason) = entered_cells(&e.entered);
    [
        "experience".into(),
        neutralise(&e.category),
        neutralise(&e.title),
        String::new(),
        neutralise(&e.organisation),
        e.start.to_string(),
        e.end.map(|d| d.to_string()).unwrap_or_default(),
        String::new(),
        points,
        reason,
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        neutralise(&e.notes),
        String::new(),
    ]
}

fn entered_cells(entered: &Option<EnteredPoints>) -> (String, String) {
    entered.as_ref().map(|p| (number(p.points), neutralise(&p.reason))).unwrap_or_default()
}

/// What makes a spreadsheet read a cell as a formula (OWASP, "CSV injection"): a title such as
/// `=HYPERLINK("http://…")` would run when the clerk opens the export in Excel.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell made inert for spreadsheets: a leading apostrophe, which Excel and LibreOffice
/// take as "this is text" and do not show. [`restore_neutralised`] takes it off on import.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(FORMULA_STARTS) { format!("'{text}") } else { text.to_string() }
}

/// A cell as the clerk meant it: the apostrophe [`neutralise`] put before a formula character is
/// taken off again, so an export imports back unchanged. An apostrophe before anything else is
/// the clerk's own and stays.
pub fn restore_neutralised(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

// ---------------------------------------------------------------- import

/// Dates as a clerk's spreadsheet writes them: `YYYY-MM-DD`, or the US `MM/DD/YYYY` (Excel's
/// `M/D/YYYY` too). Two-digit years are refused: 03/15/24 could be 1924.
pub fn parse_sheet_date(text: &str) -> std::result::Result<NaiveDate, String> {
    let t = text.trim();
    let bad = || format!("invalid date '{t}': use YYYY-MM-DD or MM/DD/YYYY, e.g. 2024-03-15 or 03/15/2024");
    if t.contains('/') {
        let parts: Vec<&str> = t.split('/').collect();
        let digits = |s: &str, max_len: usize| !s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit());
        if parts.len() != 3 || !digits(parts[0], 2) || !digits(parts[1], 2) || parts[2].len() != 4 || !digits(parts[2], 4) {
            return Err(bad());
        }
        let n = |s: &str| s.parse::<u32>().unwrap_or(0);
        return NaiveDate::from_ymd_opt(n(parts[2]) as i32, n(parts[0]), n(parts[1])).ok_or_else(bad);
    }
    parse_date(t).map_err(|_| bad())
}

/// Splits CSV bytes into rows with their line numbers and fields. Refuses the whole file only
/// when it cannot be read as ours at all (no `record` column, an unknown or repeated column,
/// not UTF-8 in the header, too many rows); everything else is a problem of one row. Accepts a
/// UTF-8 byte-order mark, CRLF or LF, and `;` or tab instead of `,` (as Excel writes in some
/// regions), detected from the header line.
/// A records CSV is at most this large: 100,000 rows of ordinary length are a few MB.
pub const MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;

/// The bytes of a CSV file to import: a regular file (a FIFO would hang the import), read up to
/// [`MAX_CSV_BYTES`] (a device such as /dev/zero never ends).
pub fn read_csv_file(path: &std::path::Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let name = path.display().to_string();
    let file = crate::files::open_regular(path, &name).map_err(|e| match e {
        crate::files::OpenError::NotRegular(refusal) => refusal,
        crate::files::OpenError::Io(e) => Error::io(format!("cannot read {name}"), e),
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_CSV_BYTES + 1).read_to_end(&mut bytes).map_err(|e| Error::io(format!("cannot read {name}"), e))?;
    if bytes.len() as u64 > MAX_CSV_BYTES {
        return Err(Error::Refused(format!("{name} is larger than {} MB; split it into smaller files", MAX_CSV_BYTES / (1024 * 1024))));
    }
    Ok(bytes)
}

pub fn parse_csv(bytes: &[u8], name: &str) -> Result<Vec<CsvRow>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let refuse = |why: String| Error::Invalid(format!("{name}: {why}; see the CSV header in docs/CLI.md"));
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(refuse("the file is empty".into()));
    }
    let header_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t'].into_iter().max_by_key(|d| header_line.iter().filter(|b| *b == d).count()).unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).from_reader(bytes);
    let header = reader.byte_headers().map_err(|e| refuse(format!("cannot read the header line ({e})")))?.clone();
    let mut columns: Vec<&'static str> = Vec::with_capacity(header.len());
    let mut unknown: Option<String> = None;
    for raw in header.iter() {
        let text = std::str::from_utf8(raw).map_err(|_| refuse("the header line is not UTF-8 text (save the file as \"CSV UTF-8\")".into()))?;
        let key = text.trim().to_lowercase().replace([' ', '-'], "_");
        let key = ALIASES.iter().find(|(alias, _)| *alias == key).map_or(key.as_str(), |(_, canonical)| canonical);
        match COLUMNS.iter().find(|c| **c == key) {
            Some(column) if columns.contains(column) => return Err(refuse(format!("the column '{column}' appears twice"))),
            Some(column) => columns.push(column),
            None => {
                unknown.get_or_insert_with(|| text.trim().to_string());
            }
        }
    }
    // Checked first: a file without it (a bank statement, an address list) is simply not ours.
    if !columns.contains(&"record") {
        return Err(refuse("this is not a Clerkfolio records file: it has no 'record' column".into()));
    }
    if let Some(unknown) = unknown {
        return Err(refuse(format!("unknown column '{unknown}' (the columns are {})", COLUMNS.join(", "))));
    }
    let mut rows = Vec::new();
    let mut record = csv::ByteRecord::new();
    // Lines are counted from the record's byte offset: after a CRLF line the reader's position
    // (and its own line count) stops before the LF, and Excel writes CRLF. Line ends and blank
    // lines before the record are skipped so the count lands on its first line.
    let (mut counted_to, mut line) = (0usize, 1u64);
    let mut line_at = |offset: u64| {
        let mut offset = (offset as usize).min(bytes.len());
        while bytes.get(offset).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            offset += 1;
        }
        let start = counted_to.min(offset);
        // A line ends at LF, CRLF, or a lone CR (the classic Mac "CSV (Macintosh)" format).
        line += (start..offset).filter(|&i| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))).count() as u64;
        counted_to = counted_to.max(offset);
        line
    };
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(p.byte()));
                return Err(refuse(format!("line {line} cannot be read ({e})")));
            }
        }
        let line = record.position().map_or(0, |p| line_at(p.byte()));
        if record.iter().all(|cell| cell.iter().all(u8::is_ascii_whitespace)) {
            continue; // blank rows are what spreadsheets leave at the end
        }
        if rows.len() == MAX_ROWS {
            return Err(refuse(format!("more than {MAX_ROWS} rows; split the file")));
        }
        rows.push(CsvRow { line, fields: row_fields(&columns, &record) });
    }
    Ok(rows)
}

/// The cells of one row by column name, trimmed, empty as None.
struct Cells<'a> {
    columns: &'a [&'static str],
    values: Vec<&'a str>,
}

impl Cells<'_> {
    fn get(&self, column: &str) -> Option<String> {
        let i = self.columns.iter().position(|c| *c == column)?;
        let value = restore_neutralised(self.values.get(i)?.trim());
        (!value.is_empty()).then(|| value.to_string())
    }

    fn date(&self, column: &str) -> std::result::Result<Option<NaiveDate>, String> {
        self.get(column).map(|t| parse_sheet_date(&t).map_err(|e| format!("column {column}: {e}"))).transpose()
    }

    fn number(&self, column: &str) -> std::result::Result<Option<f64>, String> {
        self.get(column)
            .map(|t| match t.parse::<f64>() {
                Ok(x) if x.is_finite() => Ok(x),
                _ => Err(format!("column {column}: '{t}' is not a number (use digits and a decimal point, e.g. 7.5)")),
            })
            .transpose()
    }

    fn entered(&self) -> std::result::Result<Option<EnteredPoints>, String> {
        match (self.number("points")?, self.get("points_reason")) {
            (Some(points), reason) => Ok(Some(EnteredPoints { points, reason: reason.unwrap_or_default() })),
            (None, Some(_)) => Err("column points_reason is filled in but points is empty: enter the points or clear the reason".into()),
            (None, None) => Ok(None),
        }
    }
}

fn row_fields(columns: &[&'static str], record: &csv::ByteRecord) -> std::result::Result<RecordChanges, String> {
    let values = record
        .iter()
        .map(std::str::from_utf8)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|_| "this row is not UTF-8 text (save the file as \"CSV UTF-8\")".to_string())?;
    if values.len() > columns.len() {
        return Err(format!("this row has {} cells but the header has {} columns", values.len(), columns.len()));
    }
    let cells = Cells { columns, values };
    let kind = cells.get("record").unwrap_or_default().to_lowercase();
    let (own, other) = match kind.as_str() {
        "education" => ("education", EXPERIENCE_ONLY.as_slice()),
        "experience" => ("experience", EDUCATION_ONLY.as_slice()),
        "" => return Err("column record is empty: write education or experience".into()),
        _ => return Err(format!("column record is '{kind}': write education or experience")),
    };
    if let Some(stray) = other.iter().find(|c| cells.get(c).is_some()) {
        return Err(format!("column {stray} does not apply to {own} records; clear it or move the value to another column"));
    }
    if own == "education" {
        let assessment = match cells.get("assessment").map(|a| a.to_lowercase()).as_deref() {
            None | Some("no" | "n" | "false" | "0") => false,
            Some("yes" | "y" | "true" | "1" | "x") => true,
            Some(other) => return Err(format!("column assessment is '{other}': write yes or no")),
        };
        let level = cells
            .get("level")
            .map(|l| Level::parse(&l.to_lowercase()).map_err(|e| format!("column level: {e}")))
            .transpose()?;
        // "State association", "state_association" and "state-association" are one sponsor.
        let sponsor = cells
            .get("sponsor")
            .map(|x| Sponsor::parse(&x.trim().to_lowercase().replace([' ', '_'], "-")).map_err(|e| format!("column sponsor: {e}")))
            .transpose()?;
        Ok(RecordChanges::Education(EducationChanges {
            title: cells.get("title"),
            provider: cells.get("provider"),
            category: cells.get("category"),
            certificate: cells.get("certificate"),
            start: cells.date("start")?,
            end: cells.date("end")?,
            hours: cells.number("hours")?,
            entered: cells.entered()?,
            learned: cells.get("learned"),
            level,
            assessment: Some(assessment),
            sponsor,
            ..Default::default()
        }))
    } else {
        Ok(RecordChanges::Experience(ExperienceChanges {
            category: cells.get("category"),
            title: cells.get("title"),
            organisation: cells.get("organisation"),
            start: cells.date("start")?,
            end: cells.date("end")?,
            entered: cells.entered()?,
            notes: cells.get("notes"),
            ..Default::default()
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn sheet_dates_take_iso_and_us_forms_only() {
        assert_eq!(parse_sheet_date("2024-03-15"), Ok(d(2024, 3, 15)));
        assert_eq!(parse_sheet_date("03/15/2024"), Ok(d(2024, 3, 15)));
        assert_eq!(parse_sheet_date(" 3/5/2024 "), Ok(d(2024, 3, 5)));
        for bad in ["15/03/2024", "03/15/24", "2024/03/15", "02/30/2024", "3//2024", "", "2024-3-5", "1/2/3/2024", "+3/5/2024"] {
            let err = parse_sheet_date(bad).unwrap_err();
            assert!(err.contains("MM/DD/YYYY"), "{bad}: {err}");
        }
    }

    #[test]
    fn header_problems_refuse_the_whole_file() {
        for (csv, words) in [
            ("", "empty"),
            ("title,hours\nA,3\n", "no 'record' column"),
            ("record,title,colour\n", "unknown column 'colour'"),
            ("record,title,Title\n", "appears twice"),
            ("record,\u{FFFD}\n", "unknown column '\u{FFFD}'"),
        ] {
            let err = parse_csv(csv.as_bytes(), "in.csv").unwrap_err().to_string();
            assert!(err.starts_with("in.csv: ") && err.contains(words), "{csv:?}: {err}");
        }
        let err = parse_csv(b"record,ti\xfftle\n", "in.csv").unwrap_err().to_string();
        assert!(err.contains("not UTF-8"), "{err}");
    }

    #[test]
    fn rows_keep_their_line_numbers_across_quoted_newlines() {
        let csv = "\u{FEFF}Record;Title;Date;Hours;Category;Provider;Learned\r\n\
                   education;\"Budget; basics\";03/15/2024;6;course;IIMC;\"two\r\nlines\"\r\n\
                   \r\n\
                   ;;;;;;\r\n\
                   experience;Clerk;2024-01-01;3;service;;\r\n\
                   education;Bad date;2024-02-30;1;course;P;\r\n";
        let rows = parse_csv(csv.as_bytes(), "in.csv").unwrap();
        let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 6, 7]);
        let Ok(RecordChanges::Education(e)) = &rows[0].fields else { panic!("{:?}", rows[0]) };
        assert_eq!(e.title.as_deref(), Some("Budget; basics"));
        assert_eq!(e.learned.as_deref(), Some("two\r\nlines"));
        assert_eq!(e.start, Some(d(2024, 3, 15)));
        assert!(rows[1].fields.as_ref().unwrap_err().contains("column hours does not apply to experience"));
        assert!(rows[2].fields.as_ref().unwrap_err().contains("invalid date '2024-02-30'"));
    }

    #[test]
    fn classic_mac_line_ends_count_too() {
        let rows = parse_csv(b"record,title\reducation,A\r\reducation,B\r", "mac.csv").unwrap();
        assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4]);
    }

    #[test]
    fn cell_problems_name_the_column() {
        let row = |cells: &str| {
            let csv = format!("record,title,start,hours,points,points_reason,assessment,level,notes\n{cells}\n");
            parse_csv(csv.as_bytes(), "x.csv").unwrap().remove(0).fields.map(|_| ()).unwrap_err()
        };
        assert!(row("course,T,2024-01-01,1,,,,,").contains("column record is 'course'"));
        assert!(row("education,T,2024-01-01,one,,,,,").contains("column hours: 'one' is not a number"));
        assert!(row("education,T,2024-01-01,inf,,,,,").contains("not a number"));
        assert!(row("education,T,2024-01-01,1,,stated,,,").contains("points_reason is filled in but points is empty"));
        assert!(row("education,T,2024-01-01,1,,,maybe,,").contains("column assessment is 'maybe'"));
        assert!(row("education,T,2024-01-01,1,,,,expert,").contains("column level: unknown level"));
        assert!(row("education,T,2024-01-01,1,,,,,a note").contains("column notes does not apply to education"));
        assert!(row("education,T,2024-01-01,1,,,,,,extra").contains("has 10 cells but the header has 9"));
    }
}
