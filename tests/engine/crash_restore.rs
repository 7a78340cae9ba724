//! kill -9 safety of the commands that move whole files and folders: `evidence add --to`,
//! `backup` and `restore --replace`, each killed with SIGKILL at random moments. Whatever the
//! moment: the data folder is never missing and holds either the old or the new portfolio
//! (never a mix), `verify` passes, acknowledged work is there, a backup file is either absent,
//! the previous one, or a complete checked one, and what a kill left behind (temp files,
//! staging folders) is gone after the next command.
#![cfg(unix)]

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{Ending, run, s, sha256_hex};

const ITERATIONS: u32 = 30;

fn command(data: &Path, args: &[&str]) -> Command {
    let mut c = crate::common::clerkfolio();
    c.arg("--data-dir").arg(data).args(args);
    c
}

/// A PNG unique to `n` (~50 KB of noise, so writing it takes a moment).
fn unique_png(dir: &Path, n: u32) -> PathBuf {
    crate::common::noise_png(&dir.join(format!("scan-{n}.png")), 128, 0x2545_F491u32.wrapping_mul(n + 7))
}

/// Names in `dir` that are leftovers of interrupted writes: temp files and staging folders.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-") || n.contains(".restore-"))
        .collect();
    found.sort();
    found
}

/// What a portfolio holds, for telling one from another: its records and evidence hashes.
fn fingerprint(data: &Path) -> Value {
    let mut all = Vec::new();
    for what in ["education", "experience", "membership", "evidence"] {
        let mut list = run(data, &["list", what, "--json"]).ok().json();
        for row in list.as_array_mut().unwrap() {
            row.as_object_mut().unwrap().remove("added_at");
        }
        all.push(list);
    }
    all.push(run(data, &["profile", "show", "--json"]).ok().json());
    Value::Array(all)
}

#[test]
fn killing_evidence_attach_leaves_whole_records() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let scratch = tmp.path().join("scratch");
    std::fs::create_dir_all(&scratch).unwrap();
    run(&data, &["init"]).ok();
    for n in 0..4 {
        let title = format!("Course {n}");
        run(&data, &["education", "add", "--title", &title, "--provider", "P", "--date", "2025-01-01", "--hours", "3", "--category", "course"]).ok();
    }
    // evidence id → (record id, sha256) for every attach that reported success
    let mut acknowledged: BTreeMap<i64, (i64, String)> = BTreeMap::new();
    let sha_of = RefCell::new(BTreeMap::new());
    let attach = |n: u32| {
        let file = unique_png(&scratch, n);
        let record = (n % 4 + 1).to_string();
        (command(&data, &["evidence", "add", s(&file), "--to", &format!("education:{record}")]), sha256_hex(&std::fs::read(&file).unwrap()))
    };
    let typical = crate::common::typical_run(|n| attach(1000 + n).0);
    crate::common::kill_randomly(
        typical,
        0..ITERATIONS,
        0x00A7_7AC4,
        |n| {
            let (c, sha) = attach(n);
            sha_of.borrow_mut().insert(n, sha);
            c
        },
        |n, ending| {
            if let Ending::Completed(out) = ending {
                let id: i64 = String::from_utf8(out.stdout).unwrap().trim().parse().unwrap();
                acknowledged.insert(id, ((n % 4 + 1) as i64, sha_of.borrow()[&n].clone()));
            }
        },
    );
    run(&data, &["verify"]).ok();
    for shard in std::fs::read_dir(data.join("vault")).unwrap() {
        assert_eq!(leftovers(&shard.unwrap().path()), Vec::<String>::new(), "temp files remain after the next command");
    }
    let evidence = run(&data, &["list", "evidence", "--json"]).ok().json();
    let education = run(&data, &["list", "education", "--json"]).ok().json();
    for ev in evidence.as_array().unwrap() {
        // Inserted in the same transaction as its link: never a row without its record.
        assert_eq!(ev["used_by"].as_array().unwrap().len(), 1, "evidence without its record: {ev}");
    }
    for (id, (record, sha)) in &acknowledged {
        let ev = evidence.as_array().unwrap().iter().find(|e| e["id"] == *id).unwrap_or_else(|| panic!("acknowledged evidence {id} is missing"));
        assert_eq!(ev["sha256"].as_str(), Some(sha.as_str()));
        let rec = education.as_array().unwrap().iter().find(|e| e["id"] == *record).unwrap();
        assert!(rec["evidence"].as_array().unwrap().contains(&Value::from(*id)), "evidence {id} not linked to education {record}");
    }
}

#[test]
fn killing_backup_never_leaves_a_broken_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    run(&data, &["demo"]).ok();
    let folder = tmp.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    let file = folder.join("portfolio.zip");
    let typical = crate::common::typical_run(|_| command(&data, &["backup", s(&file)]));
    let mut backed_up = 3; // memberships in the backup file: the demo's three
    crate::common::kill_randomly(
        typical,
        0..ITERATIONS,
        0x000B_AC0B,
        |n| {
            // Each backup differs from the last, so "the previous one" is told from "the new one".
            run(&data, &["membership", "add", "--type", "full", "--start", &format!("20{:02}-01-01", 30 + n)]).ok();
            command(&data, &["backup", s(&file)])
        },
        |n, ending| {
            // Killed or not, the file at the backup's name is a complete backup that checks out:
            // the previous one, or the new one (whose portfolio has membership n + 4).
            let manifest = clerkfolio_core::backup::verify_archive(std::fs::File::open(&file).unwrap(), "portfolio.zip")
                .unwrap_or_else(|e| panic!("run {n}: the backup file is broken after a kill: {e}"));
            let now = manifest.records.membership;
            let new = n as u64 + 4;
            assert!(now == backed_up || now == new, "run {n}: the backup holds {now} memberships, neither the previous {backed_up} nor {new}");
            if matches!(ending, Ending::Completed(_)) {
                assert_eq!(now, new, "run {n}: a backup that reported success is not in place");
            }
            backed_up = now;
        },
    );
    eprintln!("backup kills left {:?}", leftovers(&folder));
    run(&data, &["backup", s(&file)]).ok();
    assert_eq!(leftovers(&folder), Vec::<String>::new(), "the next backup removes what killed ones left");
    run(&data, &["verify"]).ok();
}

/// `backup --auto` killed at random moments: the backup folder never holds a partial file that
/// looks like a backup. Every `Clerkfolio backup *.zip` in it is whole and checks out; anything
/// else is a hidden temp file, and the next run removes it.
#[test]
fn killing_an_automatic_backup_never_leaves_a_partial_backup_in_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    run(&data, &["demo"]).ok();
    let folder = tmp.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    // A backup is due on every run: each has its own day and follows a change.
    let auto = |n: u32| {
        run(&data, &["profile", "set", "--title", &format!("Clerk {n}")]).ok();
        let today = (start + chrono::Days::new(n as u64)).to_string();
        command(&data, &["backup", "--auto", "--folder", s(&folder), "--today", &today])
    };
    let typical = crate::common::typical_run(|n| auto(500 + n));
    let mut completed_days = Vec::new();
    crate::common::kill_randomly(typical, 0..ITERATIONS, 0x00A0_70B4, auto, |n, ending| {
        let mut names: Vec<String> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        for name in &names {
            if name.starts_with('.') {
                assert!(name.starts_with(".Clerkfolio backup ") && name.contains(".zip.tmp-"), "run {n}: {name} in the backup folder");
                continue;
            }
            assert!(name.starts_with("Clerkfolio backup ") && name.ends_with(".zip"), "run {n}: {name} in the backup folder");
            clerkfolio_core::backup::verify_archive(std::fs::File::open(folder.join(name)).unwrap(), name)
                .unwrap_or_else(|e| panic!("run {n}: {name} looks like a backup but is broken after a kill: {e}"));
        }
        if matches!(ending, Ending::Completed(_)) {
            completed_days.push(n);
            let made = format!("Clerkfolio backup {}.zip", start + chrono::Days::new(n as u64));
            assert!(names.contains(&made), "run {n}: a backup that reported success is not in the folder: {names:?}");
        }
    });
    eprintln!("automatic backup kills left {:?}", leftovers(&folder));
    run(&data, &["backup", "--auto", "--folder", s(&folder), "--today", "2027-01-01"]).ok();
    assert_eq!(leftovers(&folder), Vec::<String>::new(), "the next run removes what killed ones left");
    assert!(!completed_days.is_empty());
}

#[test]
fn killing_restore_leaves_the_old_or_the_new_portfolio() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    // Two different portfolios, A and B, each in its own backup.
    run(&data, &["demo"]).ok();
    let a = tmp.path().join("a.zip");
    run(&data, &["backup", s(&a)]).ok();
    let scratch = tmp.path().join("scratch");
    std::fs::create_dir_all(&scratch).unwrap();
    for n in 0..3 {
        let png = unique_png(&scratch, n);
        run(&data, &["education", "add", "--title", &format!("Later course {n}"), "--provider", "P", "--date", "2026-02-01", "--hours", "2", "--category", "course", "--evidence", s(&png)]).ok();
    }
    run(&data, &["profile", "set", "--name", "B"]).ok();
    let b = tmp.path().join("b.zip");
    run(&data, &["backup", s(&b)]).ok();
    let fingerprint_b = fingerprint(&data);
    run(&data, &["restore", s(&a), "--replace"]).ok();
    let fingerprint_a = fingerprint(&data);
    assert_ne!(fingerprint_a, fingerprint_b);

    let remove_kept = || {
        for e in std::fs::read_dir(tmp.path()).unwrap() {
            let p = e.unwrap().path();
            if p.file_name().unwrap().to_string_lossy().starts_with("data.before-restore-") {
                std::fs::remove_dir_all(p).unwrap();
            }
        }
    };
    remove_kept();
    let typical = crate::common::typical_run(|n| command(&data, &["restore", s(if n % 2 == 0 { &b } else { &a }), "--replace"]));
    let holds_b = Cell::new(true); // after three runs: b, a, b
    let (mut saw_old, mut saw_new) = (0, 0);
    crate::common::kill_randomly(
        typical,
        0..ITERATIONS,
        0x005E_570E,
        |_| command(&data, &["restore", s(if holds_b.get() { &a } else { &b }), "--replace"]),
        |n, ending| {
            // Checked before any other command runs: the folder is there, with a database.
            #[cfg(target_os = "linux")]
            assert!(data.join("clerkfolio.sqlite3").is_file(), "run {n}: the data folder is missing its database right after the kill");
            let completed = matches!(ending, Ending::Completed(_));
            run(&data, &["verify"]).ok();
            let now = fingerprint(&data);
            let now_b = if now == fingerprint_b {
                true
            } else {
                assert_eq!(now, fingerprint_a, "run {n}: the data folder holds neither portfolio");
                false
            };
            if completed {
                assert_ne!(now_b, holds_b.get(), "run {n}: a restore that reported success did not take effect");
            }
            if now_b == holds_b.get() { saw_old += 1 } else { saw_new += 1 }
            holds_b.set(now_b);
            assert_eq!(leftovers(tmp.path()), Vec::<String>::new(), "run {n}: staging left after the next command");
            // Whatever was moved aside is a whole portfolio too.
            for e in std::fs::read_dir(tmp.path()).unwrap() {
                let p = e.unwrap().path();
                if p.file_name().unwrap().to_string_lossy().starts_with("data.before-restore-") {
                    let kept = fingerprint(&p);
                    assert!(kept == fingerprint_a || kept == fingerprint_b, "run {n}: the kept data is neither portfolio");
                }
            }
            remove_kept();
        },
    );
    eprintln!("restore kills: old portfolio kept {saw_old} times, new one in place {saw_new} times");
    assert!(saw_old > 0 && saw_new > 0);
}

#[test]
fn killing_packet_writes_never_leaves_a_broken_packet() {
    let corpus = crate::common::corpus();
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    run(&data, &["demo"]).ok();
    // A larger packet, so a kill can land while it is being written.
    let book = corpus.join("pdf/009-pdflatex-geotopo_GeoTopo-komprimiert.pdf");
    run(&data, &["education", "add", "--title", "Geography reading", "--provider", "P", "--date", "2025-01-01", "--hours", "4", "--category", "course", "--evidence", s(&book)]).ok();
    let folder = tmp.path().join("packets");
    std::fs::create_dir_all(&folder).unwrap();
    let out = folder.join("packet.pdf");
    let packet = |_| command(&data, &["packet", "--out", s(&out), "--today", "2026-11-24"]);
    let typical = crate::common::typical_run(packet);
    let pages = clerkfolio_core::vault::load_pdf(&std::fs::read(&out).unwrap()).unwrap().get_pages().len();
    crate::common::kill_randomly(typical, 0..12, 0x009A_C4E7, packet, |n, _| {
        // Killed or not, the packet at its name is whole: the previous one or the new one.
        let doc = clerkfolio_core::vault::load_pdf(&std::fs::read(&out).unwrap())
            .unwrap_or_else(|e| panic!("run {n}: the packet is broken after a kill: {e}"));
        assert_eq!(doc.get_pages().len(), pages, "run {n}");
    });
    eprintln!("packet kills left {:?}", leftovers(&folder));
    run(&data, &["packet", "--out", s(&out), "--today", "2026-11-24"]).ok();
    assert_eq!(leftovers(&folder), Vec::<String>::new(), "the next packet removes what killed ones left");
    assert!(out.is_file());
}
