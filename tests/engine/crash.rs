//! kill -9 safety: `clerkfolio education add --evidence FILE` is killed with SIGKILL at random
//! moments (before, during and after it writes the vault file and commits). Whatever the moment,
//! the portfolio must stay consistent: every add that reported success is there with its
//! evidence, no record lacks its file, every vault file matches its hash, and temp files a kill
//! left are gone once the data folder is opened again.
#![cfg(unix)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

use crate::common::{Ending, run, sha256_hex};

const ITERATIONS: u32 = 40;

/// `clerkfolio --data-dir DATA ARGS...`, which must succeed; its stdout.
#[track_caller]
fn run_ok(data: &Path, args: &[&str]) -> String {
    let r = run(data, args);
    assert_eq!(r.code, Some(0), "failed: {}", r.show());
    r.stdout
}

/// A PNG unique to `n`, big enough (~100 KB of noise) that writing and hashing it takes a moment.
fn unique_png(dir: &Path, n: u32) -> (PathBuf, String) {
    let path = crate::common::noise_png(&dir.join(format!("certificate-{n}.png")), 192, 0x9E37_79B9u32.wrapping_mul(n + 1));
    let sha = sha256_hex(&std::fs::read(&path).unwrap());
    (path, sha)
}

fn add_command(data: &Path, n: u32, file: &Path) -> Command {
    let mut c = crate::common::clerkfolio();
    c.arg("--data-dir").arg(data);
    c.args(["education", "add", "--title", &format!("Course {n}"), "--provider", "P", "--date", "2025-01-01", "--hours", "4"])
        .args(["--category", "course", "--points", "2", "--reason", "r", "--evidence"])
        .arg(file);
    c
}

fn temp_files(data: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(shards) = std::fs::read_dir(data.join("vault")) else { return found };
    for shard in shards.flatten() {
        if let Ok(files) = std::fs::read_dir(shard.path()) {
            for f in files.flatten() {
                if f.file_name().to_string_lossy().starts_with(".tmp-") {
                    found.push(f.path());
                }
            }
        }
    }
    found
}

#[test]
fn killing_education_add_at_random_moments_never_breaks_the_portfolio() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let scratch = tmp.path().join("scratch");
    std::fs::create_dir_all(&scratch).unwrap();
    run_ok(&data, &["init"]);

    // title → sha256 of the file it was added with
    let mut file_of: BTreeMap<String, String> = BTreeMap::new();
    // ids of adds that exited 0 (the user saw the id)
    let mut acknowledged: BTreeMap<i64, String> = BTreeMap::new();

    // Measure uninterrupted runs to choose the kill window.
    let typical = crate::common::typical_run(|n| {
        let (file, sha) = unique_png(&scratch, n);
        file_of.insert(format!("Course {n}"), sha);
        acknowledged.insert(n as i64 + 1, format!("Course {n}"));
        add_command(&data, n, &file)
    });
    let mut shas = BTreeMap::new();
    crate::common::kill_randomly(
        typical,
        100..100 + ITERATIONS,
        0x5EED_2026,
        |n| {
            let (file, sha) = unique_png(&scratch, n);
            shas.insert(format!("Course {n}"), sha);
            add_command(&data, n, &file)
        },
        |n, ending| {
            if let Ending::Completed(out) = ending {
                let id: i64 = String::from_utf8(out.stdout).unwrap().trim().parse().expect("an add that succeeded printed its id");
                acknowledged.insert(id, format!("Course {n}"));
            }
        },
    );
    file_of.extend(shas);
    eprintln!("crash test: {} temp files left by kills", temp_files(&data).len());

    // A kill in the middle of writing leaves a temp file in a shard; plant one (as if left by a
    // crash two days ago), in case no kill happened to land there on this machine.
    let shard = data.join("vault").join("ab");
    std::fs::create_dir_all(&shard).unwrap();
    std::fs::write(shard.join(".tmp-planted"), b"half a certif").unwrap();
    let two_days_ago = std::time::SystemTime::now() - Duration::from_secs(2 * 24 * 3600);
    std::fs::File::options().write(true).open(shard.join(".tmp-planted")).unwrap().set_modified(two_days_ago).unwrap();
    assert!(!temp_files(&data).is_empty());

    // verify opens the folder (cleaning temp files) and checks hashes and database integrity.
    let r = run(&data, &["verify"]);
    assert_eq!(r.code, Some(0), "verify failed after kills: {}", r.show());
    assert_eq!(temp_files(&data), Vec::<PathBuf>::new(), "temp files remain after the folder was opened again");
    let report: Value = serde_json::from_str(&run_ok(&data, &["verify", "--json"])).unwrap();
    assert_eq!(report["problems"], serde_json::json!([]));
    eprintln!("crash test: {} vault files left unreferenced by kills between the file write and the commit", report["unreferenced"].as_array().unwrap().len());

    let education: Value = serde_json::from_str(&run_ok(&data, &["list", "education", "--json"])).unwrap();
    let evidence: Value = serde_json::from_str(&run_ok(&data, &["list", "evidence", "--json"])).unwrap();
    let evidence_by_id: BTreeMap<i64, &Value> =
        evidence.as_array().unwrap().iter().map(|e| (e["id"].as_i64().unwrap(), e)).collect();
    let education_by_id: BTreeMap<i64, &Value> =
        education.as_array().unwrap().iter().map(|e| (e["id"].as_i64().unwrap(), e)).collect();

    // Every acknowledged add is there, with its own file linked.
    for (id, title) in &acknowledged {
        let record = education_by_id.get(id).unwrap_or_else(|| panic!("acknowledged education {id} ({title}) is missing"));
        assert_eq!(record["title"], title.as_str());
    }
    // Every record present (acknowledged or not) is whole: exactly its one evidence file.
    let mut titles = BTreeSet::new();
    for record in education_by_id.values() {
        let title = record["title"].as_str().unwrap();
        assert!(titles.insert(title), "{title} recorded twice");
        let links = record["evidence"].as_array().unwrap();
        assert_eq!(links.len(), 1, "{title} should have its evidence linked: {record}");
        let ev = evidence_by_id.get(&links[0].as_i64().unwrap()).unwrap_or_else(|| panic!("{title} links a missing evidence row"));
        assert_eq!(ev["sha256"].as_str(), Some(file_of[title].as_str()), "{title} is linked to another file");
    }
    // Every evidence row is used (it is inserted in the same transaction as its record), and its
    // vault file holds exactly the bytes it was stored under.
    for ev in evidence_by_id.values() {
        assert_eq!(ev["used_by"].as_array().unwrap().len(), 1, "evidence without its record: {ev}");
        let sha = ev["sha256"].as_str().unwrap();
        let stored = data.join("vault").join(&sha[..2]).join(format!("{sha}.png"));
        let bytes = std::fs::read(&stored).unwrap_or_else(|e| panic!("{}: {e}", stored.display()));
        assert_eq!(sha256_hex(&bytes), sha, "{} does not match its hash", stored.display());
    }
    assert!(education_by_id.len() >= acknowledged.len());

    // The folder is fully usable afterwards.
    let (file, _) = unique_png(&scratch, 9999);
    let out = add_command(&data, 9999, &file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    run_ok(&data, &["status", "--today", "2026-11-24", "--json"]);
    run_ok(&data, &["verify"]);
}
