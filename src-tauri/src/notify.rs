//! Desktop notifications for due reminders: once when the app starts and then daily while it
//! runs. The engine decides what is due; this only shows each due reminder once per day.

use std::collections::HashSet;
use std::time::Duration;

use tauri::{AppHandle, Manager};
use tauri_plugin_notification::NotificationExt;

use crate::state::App;

pub fn start(handle: AppHandle) {
    std::thread::spawn(move || {
        let mut shown: HashSet<(String, chrono::NaiveDate)> = HashSet::new();
        loop {
            let today = chrono::Local::now().date_naive();
            let all = handle.state::<App>().ws().ok().and_then(|mut ws| ws.reminders(today).ok()).unwrap_or_default();
            // What the dashboard lists as due today (each reminder's own lead time).
            for r in clerkfolio_core::reminders::due_on(&all, today, 0) {
                if shown.insert((r.id.clone(), today)) {
                    let _ = handle.notification().builder().title(format!("Clerkfolio: {}", r.title)).body(&r.detail).show();
                }
            }
            std::thread::sleep(Duration::from_secs(60 * 60));
        }
    });
}
