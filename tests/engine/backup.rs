//! `clerkfolio backup FILE` and `clerkfolio restore FILE [--replace]`, end to end on real SQLite
//! files: a round trip reproduces everything; a backup made while another process writes is a
//! consistent snapshot; and every bad backup (damaged, cut short, foreign, newer, escaping the
//! folder, hashes that do not match) is refused with one clear line while the data already
//! there stays byte-for-byte as it was.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{run, s, sha256_hex};

// ------------------------------------------------------------------ helpers

/// Every file under `dir` (relative path → SHA-256), folders as "dir".
fn tree(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            if p.is_dir() {
                out.insert(rel, "dir".into());
                walk(root, &p, out);
            } else {
                out.insert(rel, sha256_hex(&std::fs::read(&p).unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The tree without SQLite's WAL side files, which a clean close may remove or leave empty.
fn tree_without_wal(dir: &Path) -> BTreeMap<String, String> {
    tree(dir).into_iter().filter(|(k, _)| !k.ends_with("-wal") && !k.ends_with("-shm")).collect()
}

/// Everything a portfolio says, as the CLI shows it.
fn contents(data: &Path) -> Vec<Value> {
    let mut all: Vec<Value> = ["education", "experience", "membership", "designation", "evidence"]
        .iter()
        .map(|what| run(data, &["list", what, "--json"]).ok().json())
        .collect();
    all.push(run(data, &["profile", "show", "--json"]).ok().json());
    all.push(run(data, &["status", "--program", "mmc", "--today", "2026-11-24", "--json"]).ok().json());
    all
}

fn cmc_toml() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("programs/cmc.toml")
}

/// A demo portfolio with a rules file of the clerk's own, backed up.
fn demo_with_backup(root: &Path) -> (PathBuf, PathBuf) {
    let data = root.join("data");
    run(&data, &["demo"]).ok();
    std::fs::create_dir_all(data.join("programs")).unwrap();
    std::fs::copy(cmc_toml(), data.join("programs/Règles de l'État.toml")).unwrap();
    let file = root.join("backups/portfolio.zip");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    run(&data, &["backup", s(&file)]).ok();
    (data, file)
}

/// The entries of a zip, in order.
pub(crate) fn unzip(file: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().unwrap().to_string(), bytes)
        })
        .collect()
}

pub(crate) fn write_zip(file: &Path, entries: &[(String, Vec<u8>)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(file).unwrap());
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

/// A change to a backup's entries and manifest.
type Edit = dyn FnOnce(&mut Vec<(String, Vec<u8>)>, &mut Value);

/// A copy of the backup with its entries (and manifest, as JSON) changed by `edit`.
fn doctored(backup: &Path, out: &Path, edit: impl FnOnce(&mut Vec<(String, Vec<u8>)>, &mut Value)) -> PathBuf {
    let mut entries = unzip(backup);
    let at = entries.iter().position(|(n, _)| n == "manifest.json").unwrap();
    let mut manifest: Value = serde_json::from_slice(&entries.remove(at).1).unwrap();
    edit(&mut entries, &mut manifest);
    entries.push(("manifest.json".into(), serde_json::to_vec(&manifest).unwrap()));
    write_zip(out, &entries);
    out.to_path_buf()
}

/// Refused with one `error:` line containing every one of `words`; returns it.
#[track_caller]
pub(crate) fn refused(data: &Path, args: &[&str], words: &[&str]) -> String {
    let err = run(data, args).refused();
    for w in words {
        assert!(err.contains(w), "the message should contain {w:?}: {err}");
    }
    err
}

// ------------------------------------------------------------------ round trip

#[test]
fn backup_then_restore_reproduces_the_portfolio() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, file) = demo_with_backup(tmp.path());
    let r = run(&data, &["backup", s(&file)]).ok();
    assert!(
        r.stdout.starts_with(&format!("Backup written to {} and checked: 8 files (5 education, 4 experience, 3 membership, 0 designation records; 6 evidence files), ", s(&file))),
        "{}",
        r.show()
    );
    assert_eq!(std::fs::read_dir(file.parent().unwrap()).unwrap().count(), 1, "only the backup is in its folder");

    // The manifest lists every other entry with its true size and hash.
    let entries = unzip(&file);
    let manifest: Value = serde_json::from_slice(&entries.iter().find(|(n, _)| n == "manifest.json").unwrap().1).unwrap();
    assert_eq!(manifest["format"], "clerkfolio-backup");
    assert_eq!(manifest["format_version"], 1);
    assert_eq!(manifest["schema_version"], clerkfolio_core::store::schema_version());
    assert_eq!(manifest["app_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(manifest["records"]["education"], 5);
    let listed = manifest["entries"].as_array().unwrap();
    assert_eq!(listed.len(), entries.len() - 1);
    for (name, bytes) in entries.iter().filter(|(n, _)| n != "manifest.json") {
        let e = listed.iter().find(|e| e["path"] == name.as_str()).unwrap_or_else(|| panic!("{name} not in the manifest"));
        assert_eq!(e["size"].as_u64(), Some(bytes.len() as u64), "{name}");
        assert_eq!(e["sha256"].as_str(), Some(sha256_hex(bytes).as_str()), "{name}");
    }
    assert!(entries.iter().any(|(n, _)| n == "programs/Règles de l'État.toml"));

    // Restored into a folder that does not exist yet: the same portfolio, the same files.
    let restored = tmp.path().join("new computer/Clerkfolio");
    let r = run(&restored, &["restore", s(&file)]).ok();
    assert!(r.stdout.contains("5 education, 4 experience, 3 membership, 0 designation records; 6 evidence files"), "{}", r.show());
    assert!(!r.stdout.contains("previous data"), "{}", r.show());
    assert_eq!(contents(&restored), contents(&data));
    let (before, after) = (tree_without_wal(&data), tree_without_wal(&restored));
    for (path, hash) in &before {
        if path.starts_with("vault") || path.starts_with("programs") {
            assert_eq!(after.get(path), Some(hash), "{path} differs after the restore");
        }
    }
    run(&restored, &["verify"]).ok();

    // And into an empty folder that exists.
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    run(&empty, &["restore", s(&file)]).ok();
    assert_eq!(contents(&empty), contents(&data));
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n.to_string_lossy().starts_with('.')).collect();
    assert!(leftovers.is_empty(), "no staging folders left: {leftovers:?}");
}

#[test]
fn replace_keeps_the_previous_data_aside() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, file) = demo_with_backup(tmp.path());
    let expected = contents(&data);
    // Changed after the backup: these are the data the restore replaces.
    run(&data, &["education", "remove", "1"]).ok();
    run(&data, &["profile", "set", "--name", "Someone Else"]).ok();
    let changed = contents(&data);
    let changed_tree = tree_without_wal(&data);

    refused(&data, &["restore", s(&file)], &["already holds a portfolio", "nothing was changed", "--replace", "data.before-restore-"]);
    assert_eq!(tree_without_wal(&data), changed_tree);

    let r = run(&data, &["restore", s(&file), "--replace"]).ok();
    assert_eq!(contents(&data), expected, "the backup's portfolio is in place");
    let kept: Vec<PathBuf> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("data.before-restore-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(r.stdout.contains(&format!("Your previous data is kept in {}", kept[0].display())), "{}", r.show());
    assert_eq!(contents(&kept[0]), changed, "the replaced portfolio is kept whole");
    run(&data, &["verify"]).ok();
}

#[test]
fn restore_refuses_while_the_portfolio_is_open() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, file) = demo_with_backup(tmp.path());
    let before = tree_without_wal(&data);
    // What the app (or any command) holds while it has the folder open.
    let lock = std::fs::File::open(data.join(".clerkfolio-lock")).unwrap();
    lock.lock_shared().unwrap();
    refused(&data, &["restore", s(&file), "--replace"], &["is open in Clerkfolio", "close it", "Nothing was changed"]);
    assert_eq!(tree_without_wal(&data), before);
    drop(lock);
    run(&data, &["restore", s(&file), "--replace"]).ok();
}

#[test]
fn backups_are_written_outside_the_data_folder_and_replaced_atomically() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, file) = demo_with_backup(tmp.path());
    refused(&data, &["backup", s(&data.join("clerkfolio.sqlite3"))], &["inside the data folder", "somewhere else"]);
    refused(&data, &["backup", s(&data.join("vault/backup.zip"))], &["inside the data folder"]);
    refused(&data, &["backup", s(&data.join("new/folder/backup.zip"))], &["inside the data folder"]);
    assert!(!data.join("new").exists());
    run(&data, &["verify"]).ok();

    // Writing over an earlier backup replaces it whole; a target that cannot be written leaves
    // the folder as it was.
    let earlier = std::fs::read(&file).unwrap();
    run(&data, &["membership", "add", "--type", "full", "--start", "2026-01-01"]).ok();
    run(&data, &["backup", s(&file)]).ok();
    assert_ne!(std::fs::read(&file).unwrap(), earlier);
    let folder_as_file = file.parent().unwrap().join("portfolio.zip/inner.zip");
    refused(&data, &["backup", s(&folder_as_file)], &["cannot write the backup", "inner.zip"]);
    assert_eq!(std::fs::read_dir(file.parent().unwrap()).unwrap().count(), 1);
}

// ------------------------------------------------------------------ refusals

#[test]
fn bad_backups_are_refused_and_change_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, file) = demo_with_backup(tmp.path());
    let bad = tmp.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    let bytes = std::fs::read(&file).unwrap();
    let entries = unzip(&file);
    let vault_entry = entries.iter().find(|(n, _)| n.starts_with("vault/") && n.ends_with(".pdf")).unwrap().0.clone();
    let write = |name: &str, bytes: &[u8]| {
        let p = bad.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };

    let mut cases: Vec<(PathBuf, Vec<&str>)> = vec![
        (write("empty.zip", b""), vec!["is not a Clerkfolio backup", "cut short"]),
        (write("half.zip", &bytes[..bytes.len() / 2]), vec!["not a readable zip", "another copy"]),
        (write("tail-cut.zip", &bytes[..bytes.len() - 10]), vec!["not a readable zip"]),
        (std::fs::copy(corpus_pdf(), bad.join("certificate.zip")).map(|_| bad.join("certificate.zip")).unwrap(), vec!["not a readable zip"]),
    ];
    // A bit flipped in the middle of an entry's data: the zip's CRC or our hash catches it.
    let mut flipped = bytes.clone();
    let db_offset = find(&bytes, b"clerkfolio.sqlite3").unwrap() + 200;
    flipped[db_offset] ^= 0x10;
    cases.push((write("flipped.zip", &flipped), vec!["is damaged", "another copy"]));

    let foreign = bad.join("holiday-photos.zip");
    write_zip(&foreign, &[("IMG_0001.jpg".into(), b"not really".to_vec())]);
    cases.push((foreign, vec!["IMG_0001.jpg", "not part of a Clerkfolio backup"]));
    let other_manifest = bad.join("other-app.zip");
    write_zip(&other_manifest, &[("manifest.json".into(), br#"{"format":"something-else","version":3}"#.to_vec())]);
    cases.push((other_manifest, vec!["not a Clerkfolio backup", "not ours"]));

    let d = |name: &str, edit: Box<Edit>| doctored(&file, &bad.join(name), edit);
    cases.push((d("newer-schema.zip", Box::new(|_, m| m["schema_version"] = 99.into())), vec!["newer version of Clerkfolio", "data version 99", "Nothing was changed"]));
    cases.push((d("newer-format.zip", Box::new(|_, m| m["format_version"] = 2.into())), vec!["newer version of Clerkfolio", "backup format"]));
    cases.push((
        d("wrong-hash.zip", Box::new(|_, m| m["entries"][1]["sha256"] = "0".repeat(64).into())),
        vec!["is damaged", "SHA-256"],
    ));
    cases.push((
        d("wrong-size.zip", Box::new(|_, m| m["entries"][0]["size"] = 12.into())),
        vec!["clerkfolio.sqlite3", "is damaged"],
    ));
    let ve = vault_entry.clone();
    cases.push((
        d("missing-entry.zip", Box::new(move |e, _| e.retain(|(n, _)| *n != ve))),
        vec!["is incomplete", "listed in its manifest but missing"],
    ));
    cases.push((
        d("extra-entry.zip", Box::new(|e, _| e.push(("programs/extra.toml".into(), b"x".to_vec())))),
        vec!["programs/extra.toml", "its manifest does not list"],
    ));
    cases.push((
        d("no-database.zip", Box::new(|e, m| {
            e.retain(|(n, _)| n != "clerkfolio.sqlite3");
            m["entries"].as_array_mut().unwrap().retain(|x| x["path"] != "clerkfolio.sqlite3");
        })),
        vec!["has no database"],
    ));
    // A database from a newer Clerkfolio behind a manifest that does not say so: store::open refuses it.
    let mut newer_db = entries.iter().find(|(n, _)| n == "clerkfolio.sqlite3").unwrap().1.clone();
    newer_db[60..64].copy_from_slice(&99u32.to_be_bytes()); // the header's user_version
    let newer_sha = sha256_hex(&newer_db);
    cases.push((
        d("newer-database.zip", Box::new(move |e, m| {
            e.iter_mut().find(|(n, _)| n == "clerkfolio.sqlite3").unwrap().1 = newer_db;
            m["entries"][0]["sha256"] = newer_sha.into();
        })),
        vec!["newer version of Clerkfolio", "Nothing was changed"],
    ));
    // Names that would land outside the data folder (zip-slip), in the archive or only in the manifest.
    for (i, evil) in ["../evil.txt", "vault/../../evil.txt", "/tmp/evil.txt", "C:/evil.txt", "vault\\..\\..\\evil.txt"].iter().enumerate() {
        let evil = evil.to_string();
        let file_name = format!("slip-{i}.zip");
        let p = bad.join(&file_name);
        let mut with_evil = entries.clone();
        with_evil.insert(0, (evil.clone(), b"owned".to_vec()));
        write_zip(&p, &with_evil);
        cases.push((p, vec!["refused"]));
        let e2 = evil.clone();
        cases.push((
            d(&format!("slip-manifest-{i}.zip"), Box::new(move |_, m| m["entries"][0]["path"] = e2.into())),
            vec!["not part of a Clerkfolio backup"],
        ));
    }
    let link = bad.join("symlink.zip");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&link).unwrap());
        zip.add_symlink("vault/ab/link", "/etc/passwd", zip::write::SimpleFileOptions::default()).unwrap();
        for (name, bytes) in &entries {
            zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
    }
    cases.push((link, vec!["contains a link", "not a Clerkfolio backup"]));

    // Each refused: into the existing portfolio (with and without --replace), and into a new folder.
    let parent_before: Vec<_> = listing(tmp.path());
    let before = tree_without_wal(&data);
    let fresh = tmp.path().join("fresh");
    for (path, words) in &cases {
        let name = path.file_name().unwrap().to_str().unwrap();
        for (target, replace) in [(&data, true), (&data, false), (&fresh, false)] {
            let mut args = vec!["restore", s(path)];
            if replace {
                args.push("--replace");
            }
            let err = run(target, &args).refused();
            if !replace && *target == data && err.contains("already holds a portfolio") {
                continue; // the archive opened; the folder check came first
            }
            assert!(err.contains(name), "{name}: the message names the file: {err}");
            for w in words {
                assert!(err.contains(w), "{name}: the message should contain {w:?}: {err}");
            }
        }
        assert_eq!(tree_without_wal(&data), before, "{name}: the existing portfolio changed");
        assert!(!fresh.exists(), "{name}: the new folder was created");
        assert_eq!(listing(tmp.path()), parent_before, "{name}: something was left beside the data folder");
        assert!(!Path::new("/tmp/evil.txt").exists() && !tmp.path().join("evil.txt").exists());
    }
    // A folder that is neither empty nor a portfolio is not replaced, even with --replace.
    let documents = tmp.path().join("Documents");
    std::fs::create_dir(&documents).unwrap();
    std::fs::write(documents.join("minutes.docx"), b"council minutes").unwrap();
    refused(&documents, &["restore", s(&file), "--replace"], &["not empty and holds no Clerkfolio portfolio"]);
    assert_eq!(std::fs::read_dir(&documents).unwrap().count(), 1);
    refused(&data, &["restore", s(&bad.join("nonexistent.zip"))], &["no such file"]);
    run(&data, &["verify"]).ok();
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A real PDF from the corpus.
fn corpus_pdf() -> PathBuf {
    crate::common::corpus().join("pdf/001-trivial_minimal-document.pdf")
}

// ------------------------------------------------------------------ consistency under writes

/// Backups taken while another process keeps adding records with evidence: each one restores
/// to a portfolio that passes `verify`, with every record's evidence present, and with exactly
/// the records its manifest counts.
#[test]
fn backups_made_while_another_process_writes_are_consistent() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let scratch = tmp.path().join("scratch");
    std::fs::create_dir_all(&scratch).unwrap();
    run(&data, &["init"]).ok();
    let writer = {
        let (data, scratch) = (data.clone(), scratch.clone());
        std::thread::spawn(move || {
            for n in 0..24u32 {
                let png = scratch.join(format!("cert-{n}.png"));
                image::RgbImage::from_fn(64, 64, |x, y| image::Rgb([n as u8, x as u8 ^ (n as u8), y as u8])).save(&png).unwrap();
                let title = format!("Course {n}");
                run(&data, &["education", "add", "--title", &title, "--provider", "P", "--date", "2025-01-01", "--hours", "2", "--category", "course", "--evidence", s(&png)]).ok();
                if n % 3 == 0 {
                    run(&data, &["experience", "add", "--category", "service", "--title", &title, "--start", "2024-01-01"]).ok();
                }
            }
        })
    };
    let mut seen = Vec::new();
    let mut n = 0;
    while !writer.is_finished() || n < 2 {
        let file = tmp.path().join(format!("b{n}.zip"));
        run(&data, &["backup", s(&file)]).ok();
        let restored = tmp.path().join(format!("r{n}"));
        run(&restored, &["restore", s(&file)]).ok();
        run(&restored, &["verify"]).ok();
        let manifest: Value = serde_json::from_slice(&unzip(&file).into_iter().find(|(n, _)| n == "manifest.json").unwrap().1).unwrap();
        let education = run(&restored, &["list", "education", "--json"]).ok().json();
        let education = education.as_array().unwrap();
        assert_eq!(manifest["records"]["education"].as_u64(), Some(education.len() as u64));
        for record in education {
            assert_eq!(record["evidence"].as_array().unwrap().len(), 1, "a record without its evidence: {record}");
        }
        let evidence = run(&restored, &["list", "evidence", "--json"]).ok().json();
        assert_eq!(evidence.as_array().unwrap().len(), education.len(), "one evidence file per course, no more, no less");
        seen.push(education.len());
        n += 1;
    }
    writer.join().unwrap();
    eprintln!("backups under writes: education counts {seen:?}");
    assert!(seen.windows(2).all(|w| w[0] <= w[1]));
    // The point of the test: some backup was taken while the writer was halfway.
    assert!(seen.iter().any(|&n| n > 0 && n < 24), "no backup caught the writer midway: {seen:?}");
}

// ------------------------------------------------------------------ evidence, old backups, other zip tools

/// The demo's evidence as `list evidence --json` gives it, with each file's place in the vault.
fn evidence_in_vault(data: &Path) -> Vec<(Value, PathBuf)> {
    let listed = run(data, &["list", "evidence", "--json"]).ok().json();
    let vault = crate::common::vault_files(data);
    listed
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let sha = e["sha256"].as_str().unwrap();
            let path = vault.iter().find(|p| p.file_stem().unwrap() == sha).unwrap_or_else(|| panic!("{sha} not in the vault")).clone();
            (e.clone(), path)
        })
        .collect()
}

#[test]
fn backup_and_restore_name_evidence_missing_or_changed_in_the_vault() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, file) = demo_with_backup(tmp.path());
    let evidence = evidence_in_vault(&data);
    let pdfs: Vec<&(Value, PathBuf)> = evidence.iter().filter(|(e, _)| e["type"] == "pdf").collect();
    let ((gone, gone_path), (altered, altered_path)) = (pdfs[0], pdfs[1]);
    std::fs::remove_file(gone_path).unwrap();
    std::fs::write(altered_path, b"%PDF-1.4 altered after it was added").unwrap();

    let r = run(&data, &["backup", s(&file)]).ok();
    let said = |e: &Value, what: &str| format!("warning: evidence {} ({}) {what}", e["id"], e["original_name"].as_str().unwrap());
    assert!(r.stdout.contains(&said(gone, "is missing from the vault, so this backup lacks it")), "{}", r.show());
    assert!(r.stdout.contains(&said(altered, "has changed since it was added (its SHA-256 no longer matches), so this backup lacks it")), "{}", r.show());
    assert_eq!(r.stdout.matches("warning:").count(), 2, "{}", r.show());
    let entries = unzip(&file);
    let in_zip = |path: &Path| entries.iter().find(|(n, _)| path.ends_with(n)).map(|(_, b)| b.clone());
    assert_eq!(in_zip(gone_path), None, "the missing file cannot be in the backup");
    assert_eq!(in_zip(altered_path), None, "the changed file no longer matches its name, so a restore would refuse it");
    assert_eq!(entries.len(), evidence.len() - 2 + 1 + 1 + 1, "the database, the other evidence, the rules file and the manifest");

    let restored = tmp.path().join("restored");
    let r = run(&restored, &["restore", s(&file)]).ok();
    let warnings: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert_eq!(warnings.len(), 2, "{}", r.show());
    let about = |e: &Value| format!("warning: evidence {} ({}): evidence file ", e["id"], e["original_name"].as_str().unwrap());
    assert!(warnings.iter().any(|w| w.starts_with(&about(gone)) && w.contains("is missing from the vault")), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.starts_with(&about(altered)) && w.contains("is missing from the vault")), "{warnings:?}");
    let verify = run(&restored, &["verify"]);
    assert_eq!(verify.code, Some(1), "the restored portfolio still lacks the files: {}", verify.show());
}

/// The database entry of a backup replaced by `db` (its manifest entry updated to match).
fn with_database(backup: &Path, out: &Path, db: Vec<u8>, schema_version: Option<i64>) -> PathBuf {
    doctored(backup, out, move |entries, manifest| {
        let at = manifest["entries"].as_array().unwrap().iter().position(|e| e["path"] == "clerkfolio.sqlite3").unwrap();
        manifest["entries"][at]["sha256"] = sha256_hex(&db).into();
        manifest["entries"][at]["size"] = db.len().into();
        if let Some(v) = schema_version {
            manifest["schema_version"] = v.into();
        }
        entries.iter_mut().find(|(n, _)| n == "clerkfolio.sqlite3").unwrap().1 = db;
    })
}

#[test]
fn a_damaged_database_inside_a_well_formed_backup_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, file) = demo_with_backup(tmp.path());
    let mut db = unzip(&file).into_iter().find(|(n, _)| n == "clerkfolio.sqlite3").unwrap().1;
    // One character of an evidence hash changed in its table row or in the unique index beside
    // it (whichever comes first in the file), to another hex digit: the file, its header, the
    // schema, every size, hash and CRC of the backup agree; only SQLite's integrity check sees
    // that the table and its index disagree.
    let sha = evidence_in_vault(&data)[0].0["sha256"].as_str().unwrap().to_string();
    let at = find(&db, sha.as_bytes()).expect("the hash is stored as text");
    assert!(find(&db[at + 64..], sha.as_bytes()).is_some(), "and again in the index");
    db[at + 10] = if db[at + 10] == b'0' { b'1' } else { b'0' };
    let bad = with_database(&file, &tmp.path().join("damaged-db.zip"), db, None);
    run(&data, &["verify"]).ok();
    let before = tree_without_wal(&data);
    let fresh = tmp.path().join("fresh");
    for (target, replace) in [(&data, true), (&fresh, false)] {
        let mut args = vec!["restore", s(&bad)];
        if replace {
            args.push("--replace");
        }
        refused(target, &args, &["damaged-db.zip", "damaged database", "nothing was changed", "another copy"]);
    }
    assert_eq!(tree_without_wal(&data), before, "the portfolio is as it was");
    assert!(!fresh.exists(), "no folder is made for a refused restore");
    run(&data, &["verify"]).ok();
}

#[test]
fn a_backup_made_by_the_previous_schema_version_restores_upgraded() {
    let tmp = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let previous = clerkfolio_core::store::schema_version() - 1;
    let old_db = std::fs::read(fixtures.join(format!("v{previous}/clerkfolio.sqlite3"))).expect("a database of the previous schema version");
    assert_eq!(u32::from_be_bytes(old_db[60..64].try_into().unwrap()) as i64, previous, "the fixture's user_version");
    // The same database opened in place (the upgrade the app does) is what the restore must give.
    let in_place = tmp.path().join("in-place");
    std::fs::create_dir(&in_place).unwrap();
    std::fs::write(in_place.join("clerkfolio.sqlite3"), &old_db).unwrap();
    // A backup as that version wrote it: its database, its schema version in the manifest.
    let empty = tmp.path().join("empty");
    let current = tmp.path().join("current.zip");
    run(&empty, &["init"]).ok();
    run(&empty, &["backup", s(&current)]).ok();
    let old = with_database(&current, &tmp.path().join("old.zip"), old_db, Some(previous));

    let restored = tmp.path().join("restored");
    let r = run(&restored, &["restore", s(&old)]).ok();
    // The counts it reports are the restored portfolio's (the fixture's, whatever it holds).
    let count = |what: &str| run(&in_place, &["list", what, "--json"]).ok().json().as_array().unwrap().len();
    let expected = format!(
        "{} education, {} experience, {} membership, {} designation records; 0 evidence files",
        count("education"),
        count("experience"),
        count("membership"),
        count("designation")
    );
    assert!(count("education") > 0 && r.stdout.contains(&expected), "expected {expected}: {}", r.show());
    assert_eq!(contents(&restored), contents(&in_place), "the restored portfolio is the old one, upgraded");
    let db = std::fs::read(restored.join("clerkfolio.sqlite3")).unwrap();
    assert_eq!(u32::from_be_bytes(db[60..64].try_into().unwrap()) as i64, clerkfolio_core::store::schema_version(), "upgraded to this version's schema");
    run(&restored, &["verify"]).ok();
}

#[test]
fn evidence_over_100_mb_is_refused_when_added_and_in_a_backup() {
    use std::io::Seek;
    let tmp = tempfile::tempdir().unwrap();
    let (data, file) = demo_with_backup(tmp.path());
    // 100 MB and one byte, sparse: a PDF header, then zeros that take no disk.
    let limit = clerkfolio_core::vault::MAX_EVIDENCE_BYTES;
    let big = tmp.path().join("scan.pdf");
    let mut f = std::fs::File::create(&big).unwrap();
    f.write_all(b"%PDF-1.4\n").unwrap();
    f.set_len(limit + 1).unwrap();
    drop(f);
    let before = tree_without_wal(&data);
    refused(&data, &["evidence", "add", s(&big)], &["scan.pdf is too large (100 MB; the limit is 100 MB)"]);
    assert_eq!(tree_without_wal(&data), before);

    // The same file inside a backup, named by its true hash (sha256sum), stored as is.
    let sum = std::process::Command::new("sha256sum").arg(&big).output().unwrap();
    let sha = String::from_utf8(sum.stdout).unwrap().split_whitespace().next().unwrap().to_string();
    let name = format!("vault/{}/{sha}.pdf", &sha[..2]);
    let mut entries = unzip(&file);
    let at = entries.iter().position(|(n, _)| n == "manifest.json").unwrap();
    let mut manifest: Value = serde_json::from_slice(&entries.remove(at).1).unwrap();
    manifest["entries"].as_array_mut().unwrap().push(serde_json::json!({"path": name, "size": limit + 1, "sha256": sha}));
    entries.push(("manifest.json".into(), serde_json::to_vec(&manifest).unwrap()));
    let bad = tmp.path().join("big-evidence.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&bad).unwrap());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file(name.as_str(), stored).unwrap();
    let mut source = std::fs::File::open(&big).unwrap();
    source.rewind().unwrap();
    std::io::copy(&mut source, &mut zip).unwrap();
    for (n, bytes) in &entries {
        zip.start_file(n.as_str(), stored).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    let fresh = tmp.path().join("fresh");
    refused(&fresh, &["restore", s(&bad)], &["big-evidence.zip is damaged", &name, &format!("claims {} bytes, more than Clerkfolio ever writes", limit + 1), "nothing was changed"]);
    assert!(!fresh.exists());
    refused(&data, &["restore", s(&bad), "--replace"], &["more than Clerkfolio ever writes"]);
    assert_eq!(tree_without_wal(&data), before);
}

#[test]
fn verify_names_a_vault_file_no_record_uses() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, _) = demo_with_backup(tmp.path());
    let r = run(&data, &["verify"]).ok();
    assert!(!r.stdout.contains("note:"), "{}", r.show());
    // What an add killed between writing the file and the commit leaves: a vault file, named by its hash.
    let pdf = corpus_pdf();
    let bytes = std::fs::read(&pdf).unwrap();
    let sha = sha256_hex(&bytes);
    let stray = data.join("vault").join(&sha[..2]).join(format!("{sha}.pdf"));
    std::fs::create_dir_all(stray.parent().unwrap()).unwrap();
    std::fs::write(&stray, &bytes).unwrap();

    let r = run(&data, &["verify"]).ok();
    assert!(r.stdout.contains(&format!("note: {} is not used by any record", stray.display())), "{}", r.show());
    assert_eq!(r.stdout.matches("note:").count(), 1, "{}", r.show());
    let report = run(&data, &["verify", "--json"]).ok().json();
    assert_eq!(report["unreferenced"], serde_json::json!([stray.display().to_string()]), "{report}");
    assert_eq!(report["problems"], serde_json::json!([]));
    // Added again, the file is reused and no longer stray.
    run(&data, &["evidence", "add", s(&pdf)]).ok();
    assert_eq!(run(&data, &["verify", "--json"]).ok().json()["unreferenced"], serde_json::json!([]));
}

#[test]
fn a_backup_opens_in_other_zip_tools_with_every_entry_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, file) = demo_with_backup(tmp.path());
    let manifest: Value = serde_json::from_slice(&unzip(&file).into_iter().find(|(n, _)| n == "manifest.json").unwrap().1).unwrap();
    let listed: BTreeMap<String, String> = manifest["entries"].as_array().unwrap().iter().map(|e| (e["path"].as_str().unwrap().to_string(), e["sha256"].as_str().unwrap().to_string())).collect();
    assert!(listed.len() >= 7, "a database, the evidence and a rules file: {listed:?}");

    // Python's zipfile: every CRC checks, and each entry's bytes hash as the manifest says.
    let script = "import hashlib, json, sys, zipfile\n\
                  z = zipfile.ZipFile(sys.argv[1])\n\
                  print(json.dumps({'bad': z.testzip(), 'entries': {n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist()}}))";
    let out = std::process::Command::new("python3").args(["-c", script, s(&file)]).output().expect("python3 is required");
    assert!(out.status.success(), "python3 zipfile: {}", String::from_utf8_lossy(&out.stderr));
    let python: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(python["bad"], Value::Null, "zipfile.testzip found a bad entry");
    for (path, sha) in &listed {
        assert_eq!(python["entries"][path].as_str(), Some(sha.as_str()), "{path} as Python reads it");
    }
    assert_eq!(python["entries"].as_object().unwrap().len(), listed.len() + 1, "the entries and the manifest, nothing else");

    // Info-ZIP's unzip: the test passes, and extracting gives every file with its bytes.
    let test = std::process::Command::new("unzip").args(["-t", "-q", s(&file)]).output().expect("unzip is required (.ci/setup)");
    assert!(test.status.success(), "unzip -t: {}{}", String::from_utf8_lossy(&test.stdout), String::from_utf8_lossy(&test.stderr));
    let out_dir = tmp.path().join("unzipped");
    let x = std::process::Command::new("unzip").args(["-q", s(&file), "-d", s(&out_dir)]).output().unwrap();
    assert!(x.status.success(), "unzip: {}", String::from_utf8_lossy(&x.stderr));
    for (path, sha) in &listed {
        let bytes = std::fs::read(out_dir.join(path)).unwrap_or_else(|e| panic!("unzip did not extract {path}: {e}"));
        assert_eq!(&sha256_hex(&bytes), sha, "{path} as unzip extracts it");
    }
}
