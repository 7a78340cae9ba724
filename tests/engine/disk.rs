//! A full disk and a read-only data folder, for real: each gives one clear line naming what to
//! do, and nothing already saved is lost or half-written. The full disk is a small tmpfs,
//! which needs the right to mount (root on Linux); the read-only folder is a folder without
//! write permission, or, where permissions do not bind (root), a tmpfs remounted read-only.
//! Where neither is possible the test says why and skips; the error wording itself is also
//! unit-tested in src/error.rs.
#![cfg(target_os = "linux")]

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{noise_png, run, s, sha256_hex};

/// A tmpfs mounted at a folder, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, options: &str) -> Result<Tmpfs, String> {
        std::fs::create_dir_all(dir).unwrap();
        let out = Command::new("mount").args(["-t", "tmpfs", "-o", options, "tmpfs"]).arg(dir).output().map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
        }
        Ok(Tmpfs(dir.to_path_buf()))
    }

    fn remount_read_only(&self) {
        let out = Command::new("mount").args(["-o", "remount,ro"]).arg(&self.0).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Fills the file system holding `dir` with one file, `name`, to the last byte.
fn fill(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let mut f = std::fs::File::create(&path).unwrap();
    let block = vec![0xA5u8; 4096];
    while f.write_all(&block).is_ok() {}
    while f.write_all(&block[..1]).is_ok() {}
    let _ = f.sync_all();
    path
}

fn temp_leftovers(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for e in walk(dir) {
        let name = e.file_name().unwrap().to_string_lossy().into_owned();
        if name.contains(".tmp-") || name.contains(".restore-") {
            found.push(e.display().to_string());
        }
    }
    found
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            out.push(e.path());
            if e.path().is_dir() {
                out.extend(walk(&e.path()));
            }
        }
    }
    out
}

fn skip(why: &str) {
    eprintln!("skipping: {why}");
}

#[test]
fn a_full_disk_gives_clear_errors_and_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let small = match Tmpfs::mount(&tmp.path().join("small"), "size=3m") {
        Ok(m) => m,
        Err(e) => return skip(&format!("a full disk needs a small tmpfs, and mounting one was not permitted here ({e})")),
    };
    let data = small.0.join("data");
    let outside = tmp.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    run(&data, &["education", "add", "--title", "Ethics", "--provider", "IIMC", "--date", "2024-01-01", "--hours", "2", "--category", "course"]).ok();
    let backup = small.0.join("portfolio.zip");
    run(&data, &["backup", s(&backup)]).ok();
    let export = small.0.join("records.csv");
    run(&data, &["export", "csv", s(&export)]).ok();
    let (backup_before, export_before) = (std::fs::read(&backup).unwrap(), std::fs::read(&export).unwrap());

    // An evidence file larger than the space left.
    let big = noise_png(&outside.join("scan.png"), 700, 7); // ~1.5 MB
    let filler = fill(&small.0, "filler-1");
    let left = std::fs::metadata(&filler).unwrap().len() - 512 * 1024;
    std::fs::OpenOptions::new().write(true).open(&filler).unwrap().set_len(left).unwrap();
    let full = |data: &Path, args: &[&str]| {
        let err = run(data, args).refused();
        assert!(err.contains("the disk is full: free some space and try again"), "{args:?}: {err}");
        err
    };
    let err = full(&data, &["evidence", "add", s(&big), "--to", "education:1"]);
    assert!(err.contains("cannot store evidence"), "{err}");

    // Nothing left at all: the database cannot take a record, nor a backup or export be written
    // there (from a portfolio on another disk).
    fill(&small.0, "filler-2");
    full(&data, &["education", "add", "--title", "Budget", "--provider", "IIMC", "--date", "2024-02-01", "--hours", "3", "--category", "course"]);
    let elsewhere = outside.join("demo");
    run(&elsewhere, &["demo"]).ok();
    full(&elsewhere, &["backup", s(&backup)]);
    full(&elsewhere, &["export", "csv", s(&export)]);
    assert_eq!(std::fs::read(&backup).unwrap(), backup_before, "the earlier backup is intact");
    assert_eq!(std::fs::read(&export).unwrap(), export_before, "the earlier export is intact");

    // Space freed: nothing was lost, nothing half-written is left, and work goes on.
    for f in ["filler-1", "filler-2"] {
        std::fs::remove_file(small.0.join(f)).unwrap();
    }
    assert_eq!(temp_leftovers(&small.0), Vec::<String>::new());
    run(&data, &["verify"]).ok();
    let education = run(&data, &["list", "education", "--json"]).ok().json();
    assert_eq!(education.as_array().unwrap().len(), 1);
    assert_eq!(education[0]["evidence"], serde_json::json!([]));
    assert_eq!(run(&data, &["list", "evidence", "--json"]).ok().json(), serde_json::json!([]));
    run(&data, &["evidence", "add", s(&big), "--to", "education:1"]).ok();
    run(&data, &["verify"]).ok();
    clerkfolio_core::backup::verify_archive(std::fs::File::open(&backup).unwrap(), "portfolio.zip").unwrap();
}

#[test]
fn a_read_only_data_folder_gives_clear_errors_and_stays_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    // Does a folder without write permission stop us? Not for root, which bypasses permissions.
    let probe = tmp.path().join("probe");
    std::fs::create_dir(&probe).unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o555)).unwrap();
    let permissions_bind = std::fs::write(probe.join("x"), b"x").is_err();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o755)).unwrap();

    let data_parent = tmp.path().join("ro");
    let data = data_parent.join("data");
    let backup = tmp.path().join("portfolio.zip");
    let mount = if permissions_bind {
        std::fs::create_dir_all(&data_parent).unwrap();
        run(&data, &["demo"]).ok();
        run(&data, &["backup", s(&backup)]).ok();
        for p in std::iter::once(data.clone()).chain(walk(&data)).filter(|p| p.is_dir()) {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o555)).unwrap();
        }
        None
    } else {
        let m = match Tmpfs::mount(&data_parent, "size=8m") {
            Ok(m) => m,
            Err(e) => {
                return skip(&format!(
                    "running as root, which ignores folder permissions, and mounting a read-only tmpfs was not permitted ({e}); only root can test read-only here"
                ));
            }
        };
        run(&data, &["demo"]).ok();
        run(&data, &["backup", s(&backup)]).ok();
        m.remount_read_only();
        Some(m)
    };
    let before: Vec<(PathBuf, String)> =
        walk(&data).into_iter().filter(|p| p.is_file()).map(|p| (p.clone(), sha256_hex(&std::fs::read(&p).unwrap()))).collect();
    let png = noise_png(&tmp.path().join("scan.png"), 32, 7);
    for args in [
        vec!["education", "add", "--title", "Budget", "--provider", "IIMC", "--date", "2024-02-01", "--hours", "3", "--category", "course"],
        vec!["evidence", "add", s(&png)],
        vec!["list", "education"],
        vec!["restore", s(&backup), "--replace"],
    ] {
        let err = run(&data, &args).refused();
        assert!(err.contains("read-only or not yours") && err.contains(s(&data)), "{args:?}: {err}");
    }
    let after: Vec<(PathBuf, String)> =
        walk(&data).into_iter().filter(|p| p.is_file()).map(|p| (p.clone(), sha256_hex(&std::fs::read(&p).unwrap()))).collect();
    assert_eq!(after, before, "the read-only portfolio is exactly as it was");
    if permissions_bind {
        for p in std::iter::once(data.clone()).chain(walk(&data)).filter(|p| p.is_dir()) {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
    drop(mount);
}
