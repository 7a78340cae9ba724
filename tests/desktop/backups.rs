//! Automatic backups and restoring one, in the real window (issues 14 and 17): the automatic
//! backup made after a change shows on the dashboard with where it is, and the reminder that the
//! folder is on the same disk as the data, with the offer to choose another; the folder chosen
//! in Settings; "Back up now"; and "Restore from a backup…" listing the folder's backups and
//! putting the chosen one back (the change made since is gone); and the backup made when the
//! window is closed, which holds what was typed after the day's first backup.
//!
//! The native folder dialog cannot be driven over WebDriver: the test answers `pick_folder` in
//! the page (`Window::answer_dialog`); every other command reaches the real app.

use std::path::Path;

use serde_json::json;

use crate::e2e::{LONG, SHORT, Session, close_window_as_a_person, ended, launch, one_window_at_a_time, tools};
use crate::everyday::start_demo;

fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

/// The backup files in `folder`.
fn backups_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder).map(|d| d.map(|e| e.unwrap().file_name().into_string().unwrap()).collect()).unwrap_or_default();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backups_show_on_the_dashboard_and_one_from_the_folder_is_restored() {
    let _window = one_window_at_a_time().await;
    // The app checks every 2 seconds instead of every minute.
    let session = Session::start_with(&tools(), &[("CLERKFOLIO_BACKUP_CHECK_SECONDS", "2")]);
    let w = launch(&session.driver).await;
    w.client.set_window_rect(0, 0, 1024, 768).await.expect("the window at 1024 px");
    w.shown("[data-testid=start-demo]", LONG).await;
    w.click("[data-testid=start-demo]").await;
    w.shown("[data-testid=screen-dashboard] h1", LONG).await;

    // The demo is a change: within seconds an automatic backup is in Documents, and the
    // dashboard says so and where, without a click.
    let documents = session.home.join("Documents/Clerkfolio Backups");
    let file = format!("Clerkfolio backup {}.zip", today());
    let headline = w
        .wait_js("the automatic backup on the dashboard", LONG,
            "const e = shown('[data-testid=backup-headline]'); return e && e.textContent.includes('Last backup today') ? e.textContent : null;", vec![])
        .await;
    assert!(headline.as_str().unwrap().contains("5 education, 4 experience, 3 membership records; 6 evidence files"), "{headline}");
    assert_eq!(backups_in(&documents), std::slice::from_ref(&file));
    let where_ = w.text("[data-testid=backup-where]", SHORT).await;
    assert_eq!(where_, format!("In {} (your Documents)", documents.display()));
    // Documents is on the data's disk here: the reminder says so and offers another folder.
    let warning = w.text("[data-testid=backup-warning-same-disk]", SHORT).await;
    assert!(warning.contains("same disk as your portfolio"), "{warning}");
    w.shown("[data-testid=backup-warning-same-disk] [data-testid=backup-pick-folder]", SHORT).await;
    w.js("document.querySelector('[data-testid=backup-status]').scrollIntoView({ block: 'end' }); return true;", vec![]).await;
    w.screenshot_as("backup-status-same-disk", 1024, 768).await;

    // Another disk (a separate file system: /dev/shm) that holds backups of earlier days
    // already (made by the engine, as `clerkfolio backup --auto` from a scheduled task would),
    // chosen from the reminder.
    let stick = tempfile::Builder::new().prefix("usb-stick-").tempdir_in("/dev/shm").expect("a folder on another file system (/dev/shm)");
    let usb = stick.path().join("Clerkfolio Backups");
    std::fs::create_dir(&usb).unwrap();
    assert_ne!(
        std::os::unix::fs::MetadataExt::dev(&std::fs::metadata(&usb).unwrap()),
        std::os::unix::fs::MetadataExt::dev(&std::fs::metadata(&session.data).unwrap()),
        "/dev/shm stands in for another disk"
    );
    let now = chrono::Local::now().date_naive();
    let earlier: Vec<String> = [8u64, 3, 1].iter().map(|n| (now - chrono::Days::new(*n)).to_string()).collect();
    {
        let ws = clerkfolio_core::Workspace::open(&session.data).unwrap();
        for day in &earlier {
            clerkfolio_core::backup::auto::run(&ws, &usb, day.parse().unwrap(), clerkfolio_core::backup::auto::Occasion::Asked).unwrap();
        }
    }
    w.answer_dialog("pick_folder", &usb).await;
    w.click("[data-testid=backup-pick-folder]").await;
    w.gone("[data-testid=backup-warning-same-disk]", LONG).await;
    // Choosing the folder changed the portfolio (its settings) since the newest backup there
    // (yesterday's): the next automatic check backs up into it.
    w.wait_js("the automatic backup in the new folder", LONG,
        "const e = shown('[data-testid=backup-headline]'); return e && e.textContent.includes('Last backup today') ? true : null;", vec![]).await;
    assert_eq!(w.text("[data-testid=backup-where]", SHORT).await, format!("In {}", usb.display()));
    let mut all: Vec<String> = earlier.iter().map(|d| format!("Clerkfolio backup {d}.zip")).collect();
    all.push(file.clone());
    all.sort();
    assert_eq!(backups_in(&usb), all);
    w.js("document.querySelector('[data-testid=backup-status]').scrollIntoView({ block: 'end' }); return true;", vec![]).await;
    w.screenshot_as("backup-status", 1024, 768).await;

    // Settings: the folder, on/off, Back up now.
    w.nav("profile").await;
    assert_eq!(w.text("[data-testid=backup-folder]", SHORT).await, usb.display().to_string());
    assert_eq!(w.js("return document.querySelector('[data-testid=backup-automatic]').checked;", vec![]).await, json!(true));
    let before = std::fs::metadata(usb.join(&file)).unwrap().modified().unwrap();
    w.click("[data-testid=backup-settings] [data-testid=backup-now]").await;
    w.wait_js("Back up now to replace today's backup", LONG, "return !!document.querySelector('#toasts .toast') && document.querySelector('#toasts .toast').textContent.includes('Backup written and checked');", vec![]).await;
    assert!(std::fs::metadata(usb.join(&file)).unwrap().modified().unwrap() > before, "Back up now wrote today's backup again");
    w.js("document.querySelector('[data-testid=backup-settings]').scrollIntoView({ block: 'start' }); return true;", vec![]).await;
    w.screenshot_as("backup-settings", 1024, 768).await;

    // A change after the backup: the profile's title, saved in the window.
    let original = w.snapshot().await["profile"]["title"].clone();
    w.type_into("[data-testid=profile-form] [name=title]", "Deputy Clerk (changed)").await;
    w.click("[data-testid=save-profile]").await;
    w.wait_js("the profile saved", LONG, "return [...document.querySelectorAll('#toasts .toast')].some((t) => t.textContent.includes('Profile saved'));", vec![]).await;
    assert_eq!(w.snapshot().await["profile"]["title"], json!("Deputy Clerk (changed)"));

    // Restore from a backup: the folder's backups with their dates and contents; the chosen one
    // replaces the portfolio (the change is gone), the previous data kept beside it.
    w.click("[data-testid=backup-restore-list]").await;
    let row = w.text(&format!("[data-testid=restore-row-{}]", today()), SHORT).await;
    assert!(row.contains("5 education, 4 experience, 3 membership records; 6 evidence files"), "{row}");
    let days = w.js("return [...document.querySelectorAll('[data-testid=restore-list] tbody tr')].map((r) => r.dataset.testid);", vec![]).await;
    let newest_first: Vec<String> = std::iter::once(today()).chain(earlier.iter().rev().cloned()).map(|d| format!("restore-row-{d}")).collect();
    assert_eq!(days, json!(newest_first), "the folder's backups, newest first");
    w.screenshot_as("backup-restore-list", 1024, 768).await;
    w.click(&format!("[data-testid=restore-item-{}]", today())).await;
    w.gone("[data-testid=restore-dialog]", SHORT).await;
    let question = w.text("[data-testid=confirm-dialog]", SHORT).await;
    assert!(question.contains("Your current portfolio will be replaced by this backup"), "{question}");
    w.click("[data-testid=confirm-dialog] [data-testid=confirm]").await;
    w.wait_js("the restore", LONG, "return [...document.querySelectorAll('#toasts .toast')].some((t) => t.textContent.includes('restored'));", vec![]).await;
    assert_eq!(w.snapshot().await["profile"]["title"], original, "the restored portfolio is the backup's");
    assert_eq!(w.snapshot().await["education"].as_array().unwrap().len(), 5);
    let kept_aside = std::fs::read_dir(session.data.parent().unwrap())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with("data.before-restore-"))
        .count();
    assert_eq!(kept_aside, 1, "the replaced portfolio is kept beside the data folder");
    // The window goes on working on the restored portfolio.
    w.nav("dashboard").await;
    w.shown("[data-testid=backup-status]", SHORT).await;
    w.close().await;
    drop(session);
}

/// The manifest of the backup `file`, as the engine reads it.
fn manifest(file: &Path) -> clerkfolio_core::backup::Manifest {
    let opened = std::fs::File::open(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    clerkfolio_core::backup::open_archive(std::io::BufReader::new(opened), "backup").unwrap().manifest
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_the_window_backs_up_what_was_typed_since_todays_backup() {
    let _window = one_window_at_a_time().await;
    // The periodic check every 2 seconds: it makes the day's first backup, and no other.
    let session = Session::start_with(&tools(), &[("CLERKFOLIO_BACKUP_CHECK_SECONDS", "2")]);
    let w = launch(&session.driver).await;
    start_demo(&w).await;
    let documents = session.home.join("Documents/Clerkfolio Backups");
    let name = format!("Clerkfolio backup {}.zip", today());
    let file = documents.join(&name);
    w.wait_js("the automatic backup of today", LONG,
        "const e = shown('[data-testid=backup-headline]'); return e && e.textContent.includes('Last backup today') ? true : null;", vec![]).await;
    let morning = manifest(&file);
    assert_eq!(morning.records.education, 5);

    // An education record typed after it, as a clerk does.
    w.nav("education").await;
    w.click("[data-testid=add-education]").await;
    let dlg = "dialog[data-testid=education-dialog]";
    w.shown(dlg, SHORT).await;
    w.type_into(&format!("{dlg} [name=title]"), "Open Meetings Law Update").await;
    w.type_into(&format!("{dlg} [name=provider]"), "Minnesota Clerks Association").await;
    let category = w.client.find(fantoccini::Locator::Css(&format!("{dlg} select[name=category]"))).await.unwrap();
    category.select_by_value("association").await.expect("the association category");
    w.set_value(&format!("{dlg} [name=start]"), "2025-11-04").await;
    w.type_into(&format!("{dlg} [name=hours]"), "3").await;
    w.click(&format!("{dlg} [data-testid=save]")).await;
    w.gone(dlg, SHORT).await;
    assert_eq!(w.snapshot().await["education"].as_array().unwrap().len(), 6);
    // Two more checks pass: at most one backup a day while the app runs, so today's is still
    // the morning's and the record is in no backup.
    tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    assert_eq!(manifest(&file), morning, "the periodic check made no second backup today");

    // She closes the window: the app ends, and on its way out replaces today's backup with one
    // that holds the record.
    let app = session.app_pid();
    close_window_as_a_person(app);
    let deadline = std::time::Instant::now() + LONG;
    while !ended(app) {
        assert!(std::time::Instant::now() < deadline, "the app did not end within {LONG:?} of its window being closed");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(backups_in(&documents), [name], "one backup a day: today's replaced, no temp file left");
    let evening = manifest(&file);
    assert_eq!(evening.records.education, 6, "the backup made on closing holds the record typed after the morning's");
    assert_eq!(evening.records.evidence, morning.records.evidence);
    assert!(evening.created_at >= morning.created_at);
    let restored = tempfile::tempdir().unwrap();
    let report = clerkfolio_core::backup::restore(&file, &restored.path().join("data"), false).expect("the closing backup restores");
    assert_eq!(report.records.education, 6);
    let titles: Vec<String> = clerkfolio_core::Workspace::open(&restored.path().join("data")).unwrap().education().unwrap().into_iter().map(|e| e.title).collect();
    assert!(titles.iter().any(|t| t == "Open Meetings Law Update"), "{titles:?}");
    drop(w);
    drop(session);
}
