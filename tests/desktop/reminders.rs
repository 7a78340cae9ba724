//! Reminders in the real window (issue "Everyday use"): one definition of "due" (the badge, the
//! dashboard and the engine agree), snooze for a chosen time with Undo, dismiss and restore, and
//! the clerk's own reminders added and edited in the app.

use serde_json::{Value, json};

use crate::e2e::{LONG, SHORT, Session, Window, launch, one_window_at_a_time, tools};

async fn group_ids(w: &Window, group: &str) -> Vec<String> {
    let v = w.js("return [...document.querySelectorAll(arguments[0] + ' li[data-testid^=reminder-]')].map((li) => li.dataset.testid.slice('reminder-'.length));",
        vec![json!(format!("[data-testid=reminders-{group}]"))]).await;
    serde_json::from_value(v).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_have_a_screen_with_one_due_snooze_undo_dismiss_restore_and_her_own() {
    let _window = one_window_at_a_time().await;
    let tools = tools();
    let session = Session::start(&tools);
    let w = launch(&session.driver).await;
    w.shown("[data-testid=start-demo]", LONG).await;
    w.click("[data-testid=start-demo]").await;
    w.shown("[data-testid=screen-dashboard] h1", LONG).await;

    // One definition of due: the engine's due_now, the dashboard's list and the badge agree.
    let snapshot = w.snapshot().await;
    let due: Vec<String> = snapshot["reminders"].as_array().unwrap().iter().filter(|r| r["due_now"] == json!(true)).map(|r| r["id"].as_str().unwrap().to_string()).collect();
    assert!(!due.is_empty(), "the demo has a reminder due");
    let on_dashboard = w.js("return document.querySelectorAll('[data-testid=reminders] li[data-testid^=reminder-]').length;", vec![]).await;
    assert_eq!(on_dashboard, json!(due.len()), "the dashboard lists what is due, no more");
    let badge = w.js("return document.querySelector('[data-testid=nav-reminders] .nav-badge').textContent;", vec![]).await;
    assert_eq!(badge, json!(due.len().to_string()));

    w.nav("reminders").await;
    assert_eq!(group_ids(&w, "due").await, due);
    let first = due[0].clone();
    let item = format!("[data-testid=reminders-due] [data-testid=\"reminder-{first}\"]");

    // Snooze for a month (her choice), then Undo: back among the due.
    w.click(&format!("{item} [data-testid=reminder-snooze]")).await;
    w.click("[data-testid=snooze-dialog] [data-testid=snooze-30]").await;
    w.click("[data-testid=snooze-dialog] [data-testid=save]").await;
    w.gone("[data-testid=snooze-dialog]", SHORT).await;
    w.wait_js("snoozed", SHORT, "return document.querySelectorAll('[data-testid=reminders-snoozed] li').length === 1;", vec![]).await;
    let until = w.text("[data-testid=reminders-snoozed] .chip", SHORT).await;
    assert!(until.starts_with("until "), "{until}");
    w.click("[data-testid=toast-undo]").await;
    w.wait_js("back among the due", SHORT, "return !!document.querySelector(arguments[0]);", vec![json!(item)]).await;

    // Dismiss, then Restore from the dismissed group.
    w.click(&format!("{item} [data-testid=reminder-dismiss]")).await;
    w.wait_js("dismissed", SHORT, "return document.querySelectorAll('[data-testid=reminders-dismissed] li').length === 1;", vec![]).await;
    w.click("[data-testid=reminders-dismissed] [data-testid=reminder-restore]").await;
    w.wait_js("restored", SHORT, "return !!document.querySelector(arguments[0]);", vec![json!(item)]).await;

    // Her own reminder, added and then edited in the app.
    w.click("[data-testid=add-reminder]").await;
    let dlg = "[data-testid=own-reminder-dialog]";
    w.type_into(&format!("{dlg} [name=title]"), "Register for the fall institute").await;
    w.set_value(&format!("{dlg} [name=date]"), "2030-08-15").await;
    w.click(&format!("{dlg} [name=yearly]")).await;
    w.click(&format!("{dlg} [data-testid=save]")).await;
    w.gone(dlg, SHORT).await;
    let own: Value = w.snapshot().await["own_reminders"].clone();
    assert_eq!(own.as_array().unwrap().len(), 1, "{own}");
    assert_eq!((own[0]["title"].as_str(), own[0]["yearly"].as_bool()), (Some("Register for the fall institute"), Some(true)));
    let id = own[0]["id"].as_i64().unwrap();
    w.click(&format!("[data-testid=own-reminder-{id}] [data-testid=edit]")).await;
    w.type_into(&format!("{dlg} [name=title]"), "Register for the fall institute (early rate)").await;
    w.click(&format!("{dlg} [data-testid=save]")).await;
    w.gone(dlg, SHORT).await;
    assert_eq!(w.snapshot().await["own_reminders"][0]["title"], "Register for the fall institute (early rate)");
    w.js("document.getElementById('main').scrollTop = 0; return true;", vec![]).await;
    w.screenshot("reminders").await;
    w.close().await;
    drop(session);
}
