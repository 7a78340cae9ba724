//! Automatic backups (`clerkfolio backup --auto` and `--list`, the engine's `backup::auto`): due
//! only after a change and at most once a day; a year of daily use leaves the last 7 daily and
//! the last 8 weekly backups; the only good backup is never removed; a damaged one is removed
//! and the next older one is what the portfolio is compared with; a failed backup leaves
//! nothing, and the next run makes it; closing (`--closing`) backs up the changes made since
//! today's backup by replacing it, and a failed write leaves today's as it was. Real binary,
//! real SQLite file, real zip files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Days, NaiveDate};

use clerkfolio_core::Workspace;
use clerkfolio_core::backup::auto;
use clerkfolio_core::model::ProfileChanges;

use crate::common::{Run, clerkfolio, run_with, s};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// `clerkfolio --data-dir DATA backup --auto --folder FOLDER --today DAY [--json]`, with HOME
/// pointing at an empty folder (the default folder must never be the tester's own Documents).
fn auto_run(data: &Path, folder: &Path, today: NaiveDate, json: bool) -> Run {
    let mut args = vec!["backup", "--auto", "--folder", s(folder)];
    let today = today.to_string();
    args.extend(["--today", &today]);
    if json {
        args.push("--json");
    }
    run_with(home_command(data), data, &args)
}

fn home_command(data: &Path) -> std::process::Command {
    let mut c = clerkfolio();
    let home = data.parent().unwrap().join("home");
    std::fs::create_dir_all(&home).unwrap();
    c.env("HOME", &home).env_remove("XDG_CONFIG_HOME");
    c
}

/// The days of the backups in `folder` (by file name), sorted.
fn backup_days(folder: &Path) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .map(|n| {
            let date = n.strip_prefix("Clerkfolio backup ").and_then(|r| r.strip_suffix(".zip")).unwrap_or_else(|| panic!("not a backup in the folder: {n}"));
            day(date)
        })
        .collect();
    days.sort();
    days
}

/// A change, made as another program would: the profile's title.
fn change(data: &Path, n: u32) {
    let mut ws = Workspace::open(data).unwrap();
    ws.set_profile(ProfileChanges { title: Some(format!("Clerk, change {n}")), ..Default::default() }).unwrap();
}

fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let folder = tmp.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    run_with(home_command(&data), &data, &["demo"]).ok();
    (tmp, data, folder)
}

#[test]
fn a_backup_is_due_after_a_change_and_at_most_once_a_day() {
    let (_tmp, data, folder) = setup();
    let first = auto_run(&data, &folder, day("2026-03-02"), true).ok().json();
    assert_eq!(first["made"]["records"]["education"], 5, "{first}");
    assert_eq!(first["reason"], "there is no backup in the folder yet");
    assert_eq!(first["backups"], 1);
    assert_eq!(backup_days(&folder), [day("2026-03-02")]);

    // The same day, after a change: not again.
    change(&data, 1);
    let again = auto_run(&data, &folder, day("2026-03-02"), false).ok();
    assert!(again.stdout.starts_with("No backup needed: there is a backup of today already"), "{}", again.show());

    // The next day: the change made that day is due.
    let next = auto_run(&data, &folder, day("2026-03-03"), false).ok();
    assert!(next.stdout.starts_with("Backup written to "), "{}", next.show());
    assert!(next.stdout.contains("Clerkfolio backup 2026-03-03.zip and checked: 7 files (5 education, 4 experience, 3 membership"), "{}", next.show());

    // Days without a change: nothing, however many (reading the portfolio is no change).
    for d in ["2026-03-04", "2026-03-09", "2026-04-30"] {
        run_with(home_command(&data), &data, &["status"]).ok();
        let none = auto_run(&data, &folder, day(d), true).ok().json();
        assert!(none["made"].is_null(), "{d}: {none}");
        assert_eq!(none["reason"], format!("nothing has changed since the backup of 2026-03-03 ({})", folder.join("Clerkfolio backup 2026-03-03.zip").display()));
    }
    change(&data, 2);
    assert!(!auto_run(&data, &folder, day("2026-05-01"), true).ok().json()["made"].is_null());
    assert_eq!(backup_days(&folder), [day("2026-03-02"), day("2026-03-03"), day("2026-05-01")]);

    // --list: newest first, with what each holds; restore takes any of them.
    let list = run_with(home_command(&data), &data, &["backup", "--list", "--folder", s(&folder), "--json"]).ok().json();
    let listed: Vec<&str> = list["backups"].as_array().unwrap().iter().map(|b| b["day"].as_str().unwrap()).collect();
    assert_eq!(listed, ["2026-05-01", "2026-03-03", "2026-03-02"]);
    assert_eq!(list["backups"][0]["records"]["membership"], 3);
    assert_eq!(list["backups"][0]["files"], 7);
    assert!(list["backups"][0]["problem"].is_null());
    let text = run_with(home_command(&data), &data, &["backup", "--list", "--folder", s(&folder)]).ok();
    assert!(text.stdout.starts_with("2026-05-01  Clerkfolio backup 2026-05-01.zip  7 files (5 education, 4 experience, 3 membership, 0 designation records; 6 evidence files), "), "{}", text.show());
    let restored = data.parent().unwrap().join("restored");
    let oldest = folder.join("Clerkfolio backup 2026-03-02.zip");
    let r = run_with(home_command(&restored), &restored, &["restore", s(&oldest)]).ok();
    assert!(r.stdout.contains("5 education, 4 experience, 3 membership"), "{}", r.show());
    assert_eq!(Workspace::open(&restored).unwrap().profile().unwrap().title, demo_title(), "the backup made before the changes");
    assert_eq!(Workspace::open(&data).unwrap().profile().unwrap().title, "Clerk, change 2");
}

/// The demo clerk's title, as the demo writes it (before any change).
fn demo_title() -> String {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(tmp.path()).unwrap();
    clerkfolio_core::demo::fill(&mut ws).unwrap();
    ws.profile().unwrap().title
}

#[test]
fn without_a_folder_the_backup_goes_to_clerkfolio_backups_in_documents() {
    let (tmp, data, _) = setup();
    let r = run_with(home_command(&data), &data, &["backup", "--auto", "--today", "2026-03-02"]).ok();
    let expected = tmp.path().join("home/Documents/Clerkfolio Backups/Clerkfolio backup 2026-03-02.zip");
    assert!(expected.is_file(), "{}", r.show());
    // A chosen folder that is missing (a USB stick unplugged) is never created in its place.
    let gone = tmp.path().join("usb-stick");
    let e = run_with(home_command(&data), &data, &["backup", "--auto", "--folder", s(&gone)]).refused();
    assert!(e.contains("does not exist or cannot be reached"), "{e}");
    assert!(!gone.exists());
    // Nor into the data folder.
    let e = run_with(home_command(&data), &data, &["backup", "--auto", "--folder", s(&data)]).refused();
    assert!(e.contains("inside the data folder"), "{e}");
}

#[test]
fn a_year_of_daily_use_keeps_the_last_seven_daily_and_eight_weekly_backups() {
    let (_tmp, data, folder) = setup();
    let start = day("2026-01-01");
    let mut made = Vec::new();
    for n in 0..365u32 {
        let today = start + Days::new(n as u64);
        // Most days bring a change; every fifth does not (no backup that day).
        if n % 5 != 4 {
            change(&data, n);
            made.push(today);
        }
        auto_run(&data, &folder, today, false).ok();
        let kept = backup_days(&folder);
        assert!(!kept.is_empty() && kept.len() <= 15, "{today}: {} backups kept: {kept:?}", kept.len());
        assert_eq!(kept.last(), made.last(), "{today}: the newest backup is always kept");
    }
    // Newest first, as made: the 7 newest, then the newest of each of the 8 latest weeks.
    made.reverse();
    let mut expected: BTreeSet<NaiveDate> = made[..7].iter().copied().collect();
    let mut weeks = Vec::new();
    for d in &made {
        let week = d.iso_week();
        if !weeks.contains(&week) && weeks.len() < 8 {
            weeks.push(week);
            expected.insert(*d);
        }
    }
    let kept: BTreeSet<NaiveDate> = backup_days(&folder).into_iter().collect();
    assert_eq!(kept, expected);
    // The year ends on Thursday 31 December (no change that day): the eighth week back is that
    // of 9-15 November, kept by its Sunday.
    assert_eq!(*kept.iter().next().unwrap(), day("2026-11-15"), "{kept:?}");
    assert!(kept.len() >= 12, "{kept:?}");
    // Every one kept is a whole backup.
    for d in &kept {
        let file = folder.join(auto::file_name(*d));
        clerkfolio_core::backup::verify_archive(std::fs::File::open(&file).unwrap(), "backup").unwrap();
    }
}

/// A copy of `file` cut to half its length: a backup damaged on the disk.
fn damaged_copy(file: &Path, to: &Path) {
    let bytes = std::fs::read(file).unwrap();
    std::fs::write(to, &bytes[..bytes.len() / 2]).unwrap();
}

#[test]
fn a_damaged_backup_is_removed_and_the_one_before_it_is_compared() {
    let (_tmp, data, folder) = setup();
    auto_run(&data, &folder, day("2026-01-01"), false).ok();
    let good = folder.join(auto::file_name(day("2026-01-01")));
    for d in ["2026-01-02", "2026-01-03", "2026-01-04"] {
        damaged_copy(&good, &folder.join(auto::file_name(day(d))));
    }
    let listed = auto::list(&folder).unwrap();
    assert_eq!(listed.iter().filter(|b| b.is_good()).count(), 1);
    assert!(listed[0].problem.as_deref().unwrap().contains("damaged or cut short"), "{listed:?}");

    // Nothing changed since the good one: the damaged ones go, the good one stays, none is made.
    let report = auto_run(&data, &folder, day("2026-02-01"), true).ok().json();
    assert!(report["made"].is_null(), "{report}");
    assert!(report["reason"].as_str().unwrap().starts_with("nothing has changed since the backup of 2026-01-01"), "{report}");
    assert_eq!(report["removed"].as_array().unwrap().len(), 3, "{report}");
    assert!(report["removed"][0]["reason"].as_str().unwrap().starts_with("damaged: "), "{report}");
    assert_eq!(backup_days(&folder), [day("2026-01-01")]);

    // Today's file damaged: it is not today's backup; a new one takes its place.
    damaged_copy(&good, &folder.join(auto::file_name(day("2026-02-02"))));
    change(&data, 1);
    let report = auto_run(&data, &folder, day("2026-02-02"), true).ok().json();
    assert!(!report["made"].is_null(), "{report}");
    assert_eq!(backup_days(&folder), [day("2026-01-01"), day("2026-02-02")]);
    assert!(auto::list(&folder).unwrap().iter().all(|b| b.is_good()));
}

#[test]
fn a_failed_backup_leaves_nothing_and_never_costs_the_only_good_one() {
    let (_tmp, data, folder) = setup();
    auto_run(&data, &folder, day("2025-06-01"), false).ok();
    // An evidence file that cannot be read (a folder in its place): the backup cannot be made.
    let ws = Workspace::open(&data).unwrap();
    let e = ws.evidence().unwrap().into_iter().next().unwrap();
    let vault_file = ws.vault().path_of(&e.evidence.sha256, e.evidence.kind);
    drop(ws);
    let bytes = std::fs::read(&vault_file).unwrap();
    std::fs::remove_file(&vault_file).unwrap();
    std::fs::create_dir(&vault_file).unwrap();
    change(&data, 1);
    // A year later, with everything older than the keeping windows: the failure removes nothing.
    let failed = auto_run(&data, &folder, day("2026-06-01"), false).refused();
    assert!(failed.contains("cannot read evidence file"), "{failed}");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1, "nothing but the old good backup is left");
    assert_eq!(backup_days(&folder), [day("2025-06-01")]);

    // Readable again: the next run makes the backup that was due, and keeps the old one too.
    std::fs::remove_dir(&vault_file).unwrap();
    std::fs::write(&vault_file, bytes).unwrap();
    let next = auto_run(&data, &folder, day("2026-06-02"), true).ok().json();
    assert!(!next["made"].is_null(), "{next}");
    assert_eq!(backup_days(&folder), [day("2025-06-01"), day("2026-06-02")]);
}

#[test]
fn backup_keeps_its_flags_and_refuses_mixtures() {
    let (tmp, data, folder) = setup();
    let e = run_with(home_command(&data), &data, &["backup"]).refused();
    assert!(e.contains("<FILE|--auto|--list>"), "{e}");
    let file = tmp.path().join("one.zip");
    let e = run_with(home_command(&data), &data, &["backup", s(&file), "--auto"]).refused();
    assert!(e.contains("cannot be used with"), "{e}");
    let e = run_with(home_command(&data), &data, &["backup", s(&file), "--folder", s(&folder)]).refused();
    assert!(e.contains("cannot be used with"), "{e}");
    let e = run_with(home_command(&data), &data, &["backup", "--list", "--today", "2026-01-01"]).refused();
    assert!(e.contains("'--list' cannot be used with '--today"), "{e}");
    run_with(home_command(&data), &data, &["backup", s(&file)]).ok();
    assert!(file.is_file());
}

#[test]
fn the_status_reminds_after_fourteen_days_on_the_same_disk_and_when_the_folder_is_gone() {
    let (_tmp, data, folder) = setup();
    auto_run(&data, &folder, day("2026-01-01"), false).ok();
    let mut ws = Workspace::open(&data).unwrap();
    ws.set_backup_settings(true, Some(folder.clone())).unwrap();
    let kinds = |ws: &Workspace, on: &str| -> Vec<&'static str> { auto::status(ws, day(on)).unwrap().warnings.iter().map(|w| w.kind).collect() };

    // The temp folder is on the data's disk.
    let status = auto::status(&ws, day("2026-01-14")).unwrap();
    assert_eq!(status.last.as_ref().map(|b| b.day), Some(day("2026-01-01")));
    assert_eq!(status.days_since_last, Some(13));
    assert_eq!((status.same_disk, status.default_folder, status.backups), (Some(true), false, 1));
    assert_eq!(kinds(&ws, "2026-01-14"), ["same-disk"]);
    assert_eq!(kinds(&ws, "2026-01-15"), ["old", "same-disk"]);
    assert_eq!(auto::status(&ws, day("2026-01-15")).unwrap().warnings[0].message, "Your last backup is 14 days old. Back up now.");

    // The folder gone (a USB stick unplugged): said, and never made again in its place.
    let elsewhere = data.parent().unwrap().join("stick");
    std::fs::create_dir(&elsewhere).unwrap();
    ws.set_backup_settings(true, Some(elsewhere.clone())).unwrap();
    std::fs::remove_dir(&elsewhere).unwrap();
    assert_eq!(kinds(&ws, "2026-01-02"), ["unreachable", "same-disk"]);
    assert!(auto::run(&ws, &elsewhere, day("2026-01-02"), auto::Occasion::Check).is_err());
    assert!(!elsewhere.exists());

    // No backup and automatic backups off: said too. A folder inside the data folder is refused.
    let empty = data.parent().unwrap().join("empty");
    std::fs::create_dir(&empty).unwrap();
    ws.set_backup_settings(false, Some(empty)).unwrap();
    assert_eq!(kinds(&ws, "2026-01-02"), ["none", "same-disk"]);
    let e = ws.set_backup_settings(true, Some(data.join("vault"))).unwrap_err();
    assert!(e.to_string().contains("inside the data folder"), "{e}");
    let e = ws.set_backup_settings(true, Some(PathBuf::from("relative/folder"))).unwrap_err();
    assert!(e.to_string().contains("not a full path"), "{e}");
}

/// `auto_run` with `--closing`: as the app does when it closes.
fn closing_run(data: &Path, folder: &Path, today: NaiveDate) -> Run {
    let today = today.to_string();
    run_with(home_command(data), data, &["backup", "--auto", "--closing", "--folder", s(folder), "--today", &today, "--json"])
}

/// The manifest of the backup file at `file`.
fn manifest_of(file: &Path) -> clerkfolio_core::backup::Manifest {
    clerkfolio_core::backup::open_archive(std::io::BufReader::new(std::fs::File::open(file).unwrap()), "backup").unwrap().manifest
}

/// A record typed in the afternoon: one more education record.
fn add_course(data: &Path, title: &str) {
    run_with(home_command(data), data, &["education", "add", "--title", title, "--provider", "State Clerks Association", "--date", "2026-03-02", "--hours", "3", "--category", "course"]).ok();
}

#[test]
fn closing_backs_up_the_changes_since_todays_backup_by_replacing_it() {
    let (tmp, data, folder) = setup();
    let today = day("2026-03-02");
    let file = folder.join(auto::file_name(today));
    // 9:00: the first change of the day, backed up by the periodic check.
    auto_run(&data, &folder, today, false).ok();
    let morning = manifest_of(&file);
    assert_eq!(morning.records.education, 5);

    // Three hours of typing: the periodic check makes nothing more today.
    add_course(&data, "Open meetings law (afternoon)");
    let again = auto_run(&data, &folder, today, false).ok();
    assert!(again.stdout.starts_with("No backup needed: there is a backup of today already"), "{}", again.show());
    assert_eq!(manifest_of(&file), morning);

    // Closing: today's backup is replaced by one that holds the afternoon's record.
    let closed = closing_run(&data, &folder, today).ok().json();
    assert_eq!(closed["made"]["records"]["education"], 6, "{closed}");
    assert_eq!(closed["reason"], format!("the portfolio has changed since the backup of 2026-03-02: the new one replaces it ({})", file.display()));
    assert_eq!(closed["backups"], 1, "{closed}");
    assert_eq!(closed["removed"], serde_json::json!([]), "{closed}");
    assert_eq!(backup_days(&folder), [today], "still one backup a day, nothing else in the folder");
    let evening = manifest_of(&file);
    assert_eq!(evening.records.education, 6);
    assert_eq!(evening.records.evidence, morning.records.evidence);
    let database = |m: &clerkfolio_core::backup::Manifest| m.entries.iter().find(|e| e.path == clerkfolio_core::datadir::DATABASE_FILE).unwrap().sha256.clone();
    assert_ne!(database(&evening), database(&morning), "the database in the backup is the changed one");
    // And it restores with the afternoon's record.
    let restored = tmp.path().join("restored");
    run_with(home_command(&restored), &restored, &["restore", s(&file)]).ok();
    let titles: Vec<String> = Workspace::open(&restored).unwrap().education().unwrap().into_iter().map(|e| e.title).collect();
    assert_eq!(titles.len(), 6);
    assert!(titles.iter().any(|t| t == "Open meetings law (afternoon)"), "{titles:?}");

    // Closing again without a change: nothing made, today's backup untouched.
    let bytes = std::fs::read(&file).unwrap();
    let idle = closing_run(&data, &folder, today).ok().json();
    assert!(idle["made"].is_null(), "{idle}");
    assert_eq!(idle["reason"], format!("nothing has changed since the backup of 2026-03-02 ({})", file.display()));
    assert_eq!(std::fs::read(&file).unwrap(), bytes);

    // The next day, closing after a change with no backup of that day yet: a new day's backup,
    // the one of the day before kept.
    change(&data, 1);
    let next = closing_run(&data, &folder, day("2026-03-03")).ok().json();
    assert_eq!(next["reason"], "the portfolio has changed since the backup of 2026-03-02");
    assert_eq!(backup_days(&folder), [today, day("2026-03-03")]);
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    // --closing is a way of --auto only.
    let e = run_with(home_command(&data), &data, &["backup", "--closing"]).refused();
    assert!(e.contains("--auto"), "{e}");
}

#[test]
fn a_closing_backup_that_cannot_be_written_leaves_todays_good_one_in_place() {
    let (_tmp, data, folder) = setup();
    let today = day("2026-03-02");
    let file = folder.join(auto::file_name(today));
    auto_run(&data, &folder, today, false).ok();
    let morning = std::fs::read(&file).unwrap();
    const LIMIT: usize = 48 * 1024;
    assert!(morning.len() > LIMIT, "the demo's backup is {} bytes: more than the limit below", morning.len());
    add_course(&data, "Records retention");

    // A disk that fills up while the new backup is written: the process may write no file
    // larger than 48 KiB (RLIMIT_FSIZE, set by util-linux's prlimit; it binds root too). The
    // signal it raises is ignored (an ignored signal stays ignored across exec), so the write
    // fails with EFBIG as on a full disk. The database's WAL index (32 KiB) stays below it.
    let mut limited = std::process::Command::new("sh");
    limited
        .args(["-c", &format!("trap '' XFSZ; exec prlimit --fsize={LIMIT} -- \"$0\" \"$@\""), crate::common::BIN])
        .args(["--data-dir", s(&data), "backup", "--auto", "--closing", "--folder", s(&folder), "--today", "2026-03-02"])
        .env_remove("CLERKFOLIO_DATA_DIR")
        .env("HOME", data.parent().unwrap().join("home"));
    let e = crate::common::exec(limited, "backup --auto --closing (with a file size limit)".into()).refused();
    assert!(e.contains(&format!("cannot write the backup {}", file.display())) && e.contains("too large"), "{e}");
    // Today's good backup as it was, and nothing else: the temp file is gone.
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);
    assert_eq!(std::fs::read(&file).unwrap(), morning, "today's backup untouched");
    clerkfolio_core::backup::verify_archive(std::fs::File::open(&file).unwrap(), "backup").unwrap();
    assert_eq!(manifest_of(&file).records.education, 5);

    // With room again, the next closing makes the backup that is still due.
    let next = closing_run(&data, &folder, today).ok().json();
    assert_eq!(next["made"]["records"]["education"], 6, "{next}");
    assert_eq!(backup_days(&folder), [today]);
    assert_eq!(manifest_of(&file).records.education, 6);
}
