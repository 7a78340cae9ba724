//! Windows' rules for names and paths, and files made on Windows (issue 14, "Built for Windows,
//! checked here"), through the same commands and code the Windows build runs: the names are
//! made the same way on every system (`clerkfolio_core::names`), so they are checked here on
//! Linux; the Windows build's own tests run under Wine (`.ci/windows`, docs/PACKAGING.md).

use std::path::{Path, PathBuf};

use clerkfolio_core::names::{MAX_PATH_CHARS, is_reserved, path_chars};
use serde_json::Value;

use crate::common::{noise_png, run, s};

/// A course on `date` (the exhibits follow the ledger: by date) with one certificate.
fn course(data: &Path, title: &str, date: &str, evidence: &Path) {
    run(data, &["education", "add", "--title", title, "--provider", "IIMC", "--date", date, "--hours", "3", "--category", "course", "--evidence", s(evidence)]).ok();
}

/// The upload folder's file names, in upload order.
fn upload(data: &Path, out: &Path, folder: &Path) -> Vec<String> {
    let report = run(data, &["packet", "--out", s(out), "--folder", s(folder), "--today", "2026-01-01", "--json"]).ok().json();
    report["folder_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(Value::as_str)
        .map(|p| Path::new(p.unwrap()).file_name().unwrap().to_str().unwrap().to_string())
        .collect()
}

/// What Windows refuses or changes in a name.
fn windows_problem(name: &str) -> Option<String> {
    if let Some(c) = name.chars().find(|c| matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*') || c.is_control()) {
        return Some(format!("{c:?}"));
    }
    let stem = name.strip_suffix(".pdf").unwrap_or(name);
    if stem.ends_with(['.', ' ']) || name.ends_with(['.', ' ']) {
        return Some("a trailing dot or space".into());
    }
    if is_reserved(name) {
        return Some("a device name".into());
    }
    (name.encode_utf16().count() > 255).then(|| "longer than 255".into())
}

#[test]
fn upload_file_names_are_ones_windows_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let titles = [
        ("Records law: <2024> / \"final\"?", "E-01 Records law 2024 final.pdf"),
        ("Ethics | part 2 * of 3\\4", "E-02 Ethics part 2 of 3 4.pdf"),
        ("Budget basics...", "E-03 Budget basics.pdf"),
        ("CON", "E-04 CON.pdf"),
        ("nul.pdf", "E-05 nul.pdf.pdf"),
        ("?*?", "E-06.pdf"),
    ];
    for (n, (title, _)) in titles.iter().enumerate() {
        course(&data, title, &format!("2025-03-{:02}", n + 1), &noise_png(&dir.path().join(format!("c{n}.png")), 8, 2 * n as u32 + 1));
    }
    let folder = dir.path().join("upload");
    let names = upload(&data, &dir.path().join("p.pdf"), &folder);
    let mut expected: Vec<&str> = vec!["E-00 CMC application summary.pdf"];
    expected.extend(titles.iter().map(|(_, name)| *name));
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(sorted, expected);
    for name in &names {
        assert_eq!(windows_problem(name), None, "{name}");
        assert!(folder.join(name).is_file(), "{name}");
    }
}

/// A folder path of exactly `chars` characters under `base`.
fn folder_of_length(base: &Path, chars: usize) -> PathBuf {
    let mut folder = base.to_path_buf();
    while path_chars(&folder) + 1 < chars {
        let room = chars - path_chars(&folder) - 1;
        folder = folder.join("f".repeat(if room > 120 { 100 } else { room }));
    }
    assert_eq!(path_chars(&folder), chars);
    folder
}

#[test]
fn upload_paths_stay_within_max_path_where_the_folder_leaves_room() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let title = "Municipal Clerks Institute Year Two: Records Management, Elections Administration and Ethics in Local Government";
    course(&data, title, "2025-03-01", &noise_png(&dir.path().join("c.png"), 8, 1));
    // Deep, as a OneDrive folder inside a department's share can be: the names are cut so the
    // whole path is at most 259 characters (Windows' MAX_PATH).
    let folder = folder_of_length(dir.path(), 190);
    let names = upload(&data, &dir.path().join("p.pdf"), &folder);
    let exhibit = folder.join(&names[1]);
    assert!(path_chars(&exhibit) <= MAX_PATH_CHARS && path_chars(&exhibit) >= MAX_PATH_CHARS - 1, "{} characters", path_chars(&exhibit));
    assert!(names[1].starts_with("E-01 Municipal Clerks Institute Year Two Records Management"), "{}", names[1]);
    assert!(exhibit.is_file());

    // A shallow folder keeps the whole title.
    let shallow = dir.path().join("up");
    assert_eq!(upload(&data, &dir.path().join("p.pdf"), &shallow)[1], format!("E-01 {}.pdf", title.replace(':', "")));

    // Past MAX_PATH already: still written, each title at least 30 bytes long (programs with
    // long-path support open it; a name of "E-01" alone would say nothing).
    let deeper = folder_of_length(dir.path(), 300);
    let names = upload(&data, &dir.path().join("p.pdf"), &deeper);
    assert_eq!(names[1], "E-01 Municipal Clerks Institute Yea.pdf");
    assert!(deeper.join(&names[1]).is_file());
}

#[test]
fn a_csv_saved_on_windows_imports_without_carriage_returns() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let csv = dir.path().join("records.csv");
    // As Excel on Windows saves "CSV UTF-8": a BOM, CRLF after every line but the last, the last
    // column filled (where a CR left by a reader splitting on LF would stick), a cell with a
    // line break of its own.
    std::fs::write(
        &csv,
        "\u{FEFF}record,category,title,provider,start,hours,learned\r\n\
         education,course,Budget basics,IIMC,2025-03-01,6,Room 2\r\n\
         education,course,Open meetings,IIMC,2025-04-01,2,\"first\r\nsecond\"\r\n\
         education,course,Records law,IIMC,2025-05-01,3,last line",
    )
    .unwrap();
    let dry = run(&data, &["import", "csv", s(&csv), "--dry-run", "--json"]).ok().json();
    let lines: Vec<i64> = dry["rows"].as_array().unwrap().iter().map(|r| r["line"].as_i64().unwrap()).collect();
    assert_eq!(lines, [2, 3, 5], "a CRLF inside a cell counts as one line break");
    run(&data, &["import", "csv", s(&csv)]).ok();
    let listed = run(&data, &["list", "education", "--json"]).ok().json();
    let by_title = |t: &str| listed.as_array().unwrap().iter().find(|r| r["title"] == t).unwrap_or_else(|| panic!("{t} in {listed}")).clone();
    assert_eq!(by_title("Budget basics")["learned"], "Room 2");
    assert_eq!(by_title("Budget basics")["hours"], 6.0);
    assert_eq!(by_title("Records law")["learned"], "last line");
    // A line break inside a cell is a line break, whichever system wrote it.
    assert_eq!(by_title("Open meetings")["learned"], "first\nsecond");
    assert!(!listed.to_string().contains("\\r"), "no CR anywhere: {listed}");
}
