//! Data safety against someone trying (issue 16, items 1-4): crafted backups, outputs aimed at
//! the live database, and two commands racing over the same evidence file. Every crafted input
//! is generated here from a real backup or portfolio, so nothing a reader must trust is committed.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::backup::{refused, unzip, write_zip};
use crate::common::{clerkfolio, noise_png, run, s, sha256_hex};

const DATABASE: &str = "clerkfolio.sqlite3";

/// A small portfolio (one course with a PNG certificate) in `root/data`, backed up to
/// `root/portfolio.zip`.
fn portfolio_with_backup(root: &Path) -> (PathBuf, PathBuf) {
    let data = root.join("data");
    let png = noise_png(&root.join("certificate.png"), 32, 7);
    run(&data, &["education", "add", "--title", "Records law", "--provider", "IIMC", "--date", "2025-03-01", "--hours", "3", "--category", "course", "--evidence", s(&png)]).ok();
    let file = root.join("portfolio.zip");
    run(&data, &["backup", s(&file)]).ok();
    (data, file)
}

/// A copy of `backup` at `out` whose database `edit` changed through SQLite, with the manifest's
/// size and hash of the database updated: only a check of the database itself can tell.
fn with_database(backup: &Path, out: &Path, edit: impl FnOnce(&Path)) -> PathBuf {
    let mut entries = unzip(backup);
    let db = out.with_extension("sqlite3");
    std::fs::write(&db, &entries.iter().find(|(n, _)| n == DATABASE).unwrap().1).unwrap();
    edit(&db);
    let bytes = std::fs::read(&db).unwrap();
    set_database(&mut entries, bytes);
    write_zip(out, &entries);
    out.to_path_buf()
}

/// Replaces the database entry and its manifest line.
fn set_database(entries: &mut [(String, Vec<u8>)], bytes: Vec<u8>) {
    describe_database(entries, &bytes);
    entries.iter_mut().find(|(n, _)| n == DATABASE).unwrap().1 = bytes;
}

/// Makes the manifest's line for the database describe `bytes`.
fn describe_database(entries: &mut [(String, Vec<u8>)], bytes: &[u8]) {
    let manifest = &mut entries.iter_mut().find(|(n, _)| n == "manifest.json").unwrap().1;
    let mut m: Value = serde_json::from_slice(manifest).unwrap();
    let line = m["entries"].as_array_mut().unwrap().iter_mut().find(|e| e["path"] == DATABASE).unwrap();
    line["size"] = bytes.len().into();
    line["sha256"] = sha256_hex(bytes).into();
    *manifest = serde_json::to_vec(&m).unwrap();
}

fn sql(db: &Path, statements: &str) {
    rusqlite::Connection::open(db).unwrap().execute_batch(statements).unwrap();
}

/// Evidence row `id` whose "hash" is `hash`, as a crafted database would hold it.
fn evidence_row(id: i64, hash: &str) -> String {
    format!(
        "INSERT INTO evidence (id, sha256, original_name, kind, size, pages, added_at) VALUES ({id}, '{hash}', 'bait.pdf', 'pdf', 10, 1, '2026-01-01T00:00:00Z');"
    )
}

/// A 64-character "hash" that is an absolute path: the vault joins it as `<hash>.pdf`.
fn absolute_hash(dir: &Path) -> String {
    let base = format!("{}/", s(dir));
    assert!(base.len() < 60, "the temp folder's path is too long for this test: {base}");
    base.clone() + &"v".repeat(64 - base.len())
}

/// A file that must survive everything below.
fn victim(path: &Path) -> PathBuf {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, b"someone else's file").unwrap();
    path.to_path_buf()
}

// ------------------------------------------------------------------ 1. hashes that are paths

#[test]
fn a_hash_that_is_a_path_is_refused_in_restore_and_in_the_store() {
    let tmp = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(tmp.path()).unwrap();
    let (data, file) = portfolio_with_backup(&root);
    let absolute = absolute_hash(&root);
    let outside = victim(Path::new(&format!("{absolute}.pdf")));
    // vault/../ is the data folder; two more levels up from `<root>/a/<name>` is `<root>`.
    let dotted = "../../".to_string() + &"w".repeat(58);
    let above = victim(&root.join(format!("{}.pdf", &dotted[6..])));

    for (name, hash) in [("absolute", &absolute), ("dotted", &dotted)] {
        let bad = with_database(&file, &root.join(format!("{name}.zip")), |db| sql(db, &evidence_row(2, hash)));
        let target = root.join("a").join(name);
        let err = refused(&target, &["restore", s(&bad)], &["evidence 2", "not a SHA-256", "nothing was changed"]);
        assert!(!target.exists(), "{name}: nothing restored ({err})");
        // Before the fix the restore went through, and this removed the victim.
        run(&target, &["evidence", "remove", "2"]);
        assert!(outside.exists() && above.exists(), "{name}: a file outside the data folder was deleted");
    }

    // The same rows written into a live database: every command that would build a path from
    // them refuses, naming the row; a multi-byte character where the shard is cut panicked.
    for (id, hash) in [(2, absolute.clone()), (3, "aé".to_string() + &"0".repeat(62))] {
        sql(&data.join(DATABASE), &evidence_row(id, &hash));
        let row = format!("evidence {id}");
        refused(&data, &["evidence", "remove", &id.to_string()], &[&row, "not a SHA-256"]);
        refused(&data, &["list", "evidence"], &[&row, "not a SHA-256"]);
        refused(&data, &["verify"], &[&row, "not a SHA-256"]);
        refused(&data, &["backup", s(&root.join("again.zip"))], &[&row, "not a SHA-256"]);
        sql(&data.join(DATABASE), &format!("DELETE FROM evidence WHERE id = {id};"));
    }
    assert!(outside.exists() && above.exists());
    run(&data, &["verify"]).ok();
}

// ------------------------------------------------------------------ 2. outputs over the database

#[test]
fn outputs_aimed_into_the_data_folder_are_refused_and_the_database_is_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(tmp.path()).unwrap();
    let (data, _) = portfolio_with_backup(&root);
    let db = data.join(DATABASE);
    let before = std::fs::read(&db).unwrap();
    let link = root.join("link-to-data");
    std::os::unix::fs::symlink(&data, &link).unwrap();
    let through_link = link.join(DATABASE);
    let outside_pdf = root.join("packet.pdf");
    let attacks: Vec<Vec<&str>> = vec![
        vec!["packet", "--out", s(&db), "--today", "2026-01-01"],
        vec!["packet", "--out", s(&through_link), "--today", "2026-01-01"],
        vec!["packet", "--out", s(&outside_pdf), "--folder", s(&data), "--today", "2026-01-01"],
        vec!["export", "csv", s(&db)],
        vec!["export", "json", s(&db)],
        vec!["export", "csv", s(&through_link)],
        vec!["reminders", "--ics", s(&db)],
        vec!["reminders", "--ics", s(&through_link)],
    ];
    for args in &attacks {
        refused(&data, args, &["inside the data folder"]);
        assert!(std::fs::read(&db).unwrap() == before, "`{}` changed the database", args.join(" "));
        run(&data, &["list", "education"]).ok();
    }
    assert!(!data.join("E-00 CMC application summary.pdf").exists(), "nothing written into the data folder");
    run(&data, &["verify"]).ok();
}

// ------------------------------------------------------------------ 3. attach and remove racing

fn spawn(data: &Path, args: &[&str]) -> Child {
    let mut c: Command = clerkfolio();
    c.arg("--data-dir").arg(data).args(args).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    c.spawn().expect("run clerkfolio")
}

/// `verify` passes and every evidence row's file is in the vault.
#[track_caller]
fn every_row_has_its_file(data: &Path, round: usize) {
    let v = run(data, &["verify"]);
    assert_eq!(v.code, Some(0), "round {round}: {}", v.show());
    for row in run(data, &["list", "evidence", "--json"]).ok().json().as_array().unwrap() {
        let sha = row["sha256"].as_str().unwrap();
        let ext = if row["type"] == "jpeg" { "jpg" } else { row["type"].as_str().unwrap() };
        let path = data.join("vault").join(&sha[..2]).join(format!("{sha}.{ext}"));
        assert!(path.is_file(), "round {round}: evidence {} points at a deleted file {}", row["id"], path.display());
    }
}

#[test]
fn attaching_a_file_while_its_unused_row_is_removed_never_loses_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let png = noise_png(&tmp.path().join("certificate.png"), 32, 11);
    let deadline = Instant::now() + Duration::from_secs(90);
    let mut rounds = 0;
    while rounds < 100 && Instant::now() < deadline {
        rounds += 1;
        let id = run(&data, &["evidence", "add", s(&png)]).ok().id().to_string();
        let add = spawn(&data, &["education", "add", "--title", "Race", "--provider", "P", "--date", "2025-01-01", "--hours", "1", "--category", "course", "--evidence", s(&png)]);
        let remove = spawn(&data, &["evidence", "remove", &id]);
        // Either may lose (the remove finds the row in use); neither may leave a dangling row.
        for mut child in [add, remove] {
            child.wait().unwrap();
        }
        every_row_has_its_file(&data, rounds);
        for record in run(&data, &["list", "education", "--json"]).ok().json().as_array().unwrap() {
            run(&data, &["education", "remove", &record["id"].to_string()]).ok();
        }
    }
    assert!(rounds >= 20, "only {rounds} rounds ran before the deadline");
}

// ------------------------------------------------------------------ 4. wrong but valid databases

/// A copy of `backup` with a second database entry, `second`, which its manifest describes (a
/// zip reader that keeps the last of two names restores it). The zip writer will not write two
/// entries of one name, so the second is written as `clerkfolio.sqlite9` and renamed in the
/// bytes (no checksum covers a name).
fn two_databases(backup: &Path, out: &Path, second: Vec<u8>) -> PathBuf {
    let mut entries = unzip(backup);
    describe_database(&mut entries, &second);
    entries.push(("clerkfolio.sqlite9".into(), second));
    write_zip(out, &entries);
    let mut bytes = std::fs::read(out).unwrap();
    let (from, to) = (b"clerkfolio.sqlite9", b"clerkfolio.sqlite3");
    let mut i = 0;
    while let Some(at) = bytes[i..].windows(from.len()).position(|w| w == from) {
        bytes[i + at..i + at + from.len()].copy_from_slice(to);
        i += at + from.len();
    }
    std::fs::write(out, bytes).unwrap();
    out.to_path_buf()
}

#[test]
fn restore_refuses_databases_that_are_not_the_expected_schema() {
    let tmp = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(tmp.path()).unwrap();
    let (_, file) = portfolio_with_backup(&root);
    // A portfolio whose database is valid but empty: the second entry of the duplicate.
    let empty_data = root.join("empty");
    run(&empty_data, &["verify"]).ok();
    let empty_backup = root.join("empty.zip");
    run(&empty_data, &["backup", s(&empty_backup)]).ok();
    let empty_db = unzip(&empty_backup).into_iter().find(|(n, _)| n == DATABASE).unwrap().1;

    let bad = |name: &str, edit: &dyn Fn(&Path)| with_database(&file, &root.join(name), edit);
    let cases: Vec<(PathBuf, &[&str])> = vec![
        (bad("zero.zip", &|db| std::fs::write(db, b"").unwrap()), &["empty"]),
        (bad("not-sqlite.zip", &|db| std::fs::write(db, b"certainly not a database, but long enough to look like one? no").unwrap()), &["does not begin as a SQLite database does"]),
        (bad("dropped-column.zip", &|db| sql(db, "ALTER TABLE education DROP COLUMN learned;")), &["education", "not the layout"]),
        (
            bad("trigger.zip", &|db| sql(db, "CREATE TRIGGER wipe AFTER INSERT ON education BEGIN DELETE FROM education WHERE id <> NEW.id; END;")),
            &["trigger wipe", "not the layout"],
        ),
        (bad("view.zip", &|db| sql(db, "CREATE VIEW everything AS SELECT * FROM education;")), &["view everything"]),
        (bad("index.zip", &|db| sql(db, "CREATE INDEX by_title ON education(title);")), &["index by_title"]),
        (bad("extra-table.zip", &|db| sql(db, "CREATE TABLE notes (x TEXT);")), &["table notes"]),
        (two_databases(&file, &root.join("two.zip"), empty_db), &["lists an entry twice"]),
    ];
    for (zip, words) in cases {
        let target = root.join("restored");
        let mut all = vec!["nothing was changed"];
        all.extend_from_slice(words);
        refused(&target, &["restore", s(&zip)], &all);
        assert!(!target.exists(), "{}: nothing restored", zip.display());
    }
}

#[test]
fn restore_reports_the_counts_it_restored_not_the_manifests() {
    let tmp = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(tmp.path()).unwrap();
    let (_, file) = portfolio_with_backup(&root);
    let mut entries = unzip(&file);
    let manifest = &mut entries.iter_mut().find(|(n, _)| n == "manifest.json").unwrap().1;
    let mut m: Value = serde_json::from_slice(manifest).unwrap();
    m["records"]["education"] = 999.into();
    m["records"]["evidence"] = 77.into();
    *manifest = serde_json::to_vec(&m).unwrap();
    let lying = root.join("lying.zip");
    write_zip(&lying, &entries);
    let r = run(&root.join("restored"), &["restore", s(&lying)]).ok();
    assert!(r.stdout.contains(": 1 education, 0 experience, 0 membership, 0 designation records; 1 evidence files"), "{}", r.show());
}
