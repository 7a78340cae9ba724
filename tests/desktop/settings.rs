//! The clerk's own details, a designation and the calendar file, saved in the real window through
//! the screens' own buttons (only the native save dialog is answered by the test).

use serde_json::json;

use clerkfolio_core::Workspace;

use crate::e2e::{SHORT, Window};
use crate::everyday::demo_app;

/// The newest toast's text, once one is shown.
async fn toast(w: &Window, containing: &str) -> String {
    w.wait_js(
        "a toast",
        SHORT,
        "const t = [...document.querySelectorAll('#toasts .toast')].map((e) => e.textContent).find((t) => t.includes(arguments[0])); return t || null;",
        vec![json!(containing)],
    )
    .await
    .as_str()
    .unwrap()
    .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_profile_is_saved_and_a_missing_name_refused_in_the_window() {
    let (_window, session, w) = demo_app().await;
    w.nav("profile").await;
    let form = "[data-testid=profile-form]";
    let before = w.snapshot().await["profile"].clone();

    // A mistake first: the name emptied is refused at the field, nothing saved.
    w.set_value(&format!("{form} [name=full_name]"), "").await;
    w.click(&format!("{form} [data-testid=save-profile]")).await;
    let error = w.text(&format!("{form} [data-testid=error-full_name]"), SHORT).await;
    assert!(!error.is_empty(), "the name's own error is shown");
    assert_eq!(w.snapshot().await["profile"], before, "nothing saved");

    w.set_value(&format!("{form} [name=full_name]"), "Renée Castañeda-Wójcik").await;
    w.set_value(&format!("{form} [name=member_id]"), "204518").await;
    w.set_value(&format!("{form} [name=ethics_affirmed]"), "2024-01-15").await;
    w.click(&format!("{form} [data-testid=save-profile]")).await;
    toast(&w, "Profile saved.").await;

    // In the database, as the engine reads it (not only in the window's state).
    let profile = Workspace::open(&session.data).unwrap().profile().unwrap();
    assert_eq!(profile.full_name, "Renée Castañeda-Wójcik");
    assert_eq!(profile.member_id, "204518");
    assert_eq!(profile.ethics_affirmed.map(|d| d.to_string()).as_deref(), Some("2024-01-15"));
    // And the redrawn form shows what was saved.
    let shown = w.js("return document.querySelector(arguments[0]).value;", vec![json!(format!("{form} [name=full_name]"))]).await;
    assert_eq!(shown, json!("Renée Castañeda-Wójcik"));
    w.close().await;
    drop(session);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_designation_recorded_in_the_window_starts_the_mmc_from_its_date() {
    let (_window, session, w) = demo_app().await;
    assert_eq!(w.snapshot().await["designations"], json!([]), "the demo holds no designation yet");
    w.nav("membership").await;
    w.click("[data-testid=add-designation]").await;
    let dlg = "[data-testid=designation-dialog]";
    w.shown(dlg, SHORT).await;
    // No date: refused at the field.
    w.click(&format!("{dlg} [data-testid=save]")).await;
    w.shown(&format!("{dlg} [data-testid=error-date]"), SHORT).await;
    assert_eq!(w.snapshot().await["designations"], json!([]), "nothing saved without a date");

    w.set_value(&format!("{dlg} [name=program]"), "cmc").await;
    w.set_value(&format!("{dlg} [name=date]"), "2025-06-20").await;
    w.click(&format!("{dlg} [data-testid=save]")).await;
    w.gone(dlg, SHORT).await;
    toast(&w, "Designation recorded.").await;

    let held = Workspace::open(&session.data).unwrap().designations().unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!((held[0].program.as_str(), held[0].awarded_on.to_string()), ("cmc", "2025-06-20".to_string()));
    // The MMC now counts only what is dated after the award: the cut-off is the CMC's date.
    let snapshot = w.snapshot().await;
    assert_eq!(snapshot["status"]["mmc"]["cutoff"]["date"], json!("2025-06-20"), "{}", snapshot["status"]["mmc"]["cutoff"]);
    w.nav("dashboard").await;
    w.wait_js(
        "the dashboard to say she holds the CMC",
        SHORT,
        "return document.querySelector('[data-testid=screen-dashboard]').textContent.includes('CMC since');",
        vec![],
    )
    .await;
    w.close().await;
    drop(session);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_calendar_file_written_from_the_window_holds_every_dated_reminder_and_keeps_its_ids() {
    let (_window, session, w) = demo_app().await;
    let path = session.out.join("clerkfolio-reminders.ics");
    w.answer_dialog("pick_save", &path).await;
    w.nav("profile").await;

    w.click("[data-testid=calendar-export]").await;
    let said = toast(&w, "Calendar file written").await;
    let first = std::fs::read_to_string(&path).expect("the calendar file");
    assert!(first.starts_with("BEGIN:VCALENDAR\r\n") && first.trim_end().ends_with("END:VCALENDAR"), "{first}");
    let events = first.matches("BEGIN:VEVENT").count();
    // As many events as the engine puts in a calendar for this portfolio today, and the toast says so.
    let today = chrono::NaiveDate::parse_from_str(w.snapshot().await["info"]["today"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    let (_, expected) = Workspace::open(&session.data).unwrap().calendar(today, chrono::Utc::now()).unwrap();
    assert!(expected > 0, "the demo has reminders with dates");
    assert_eq!(events, expected, "events in the file");
    assert!(said.contains(&format!("with {expected} event")), "{said}");

    // Exported again: the same events (their UIDs), so a calendar updates rather than doubles them.
    let uids = |text: &str| text.lines().filter(|l| l.starts_with("UID:")).map(str::to_owned).collect::<Vec<_>>();
    w.js("document.querySelectorAll('#toasts .toast').forEach((t) => t.remove()); return true;", vec![]).await;
    w.click("[data-testid=calendar-export]").await;
    toast(&w, "Calendar file written").await;
    let second = std::fs::read_to_string(&path).unwrap();
    assert_eq!(uids(&second), uids(&first));
    assert_eq!(uids(&first).len(), events);
    w.close().await;
    drop(session);
}
