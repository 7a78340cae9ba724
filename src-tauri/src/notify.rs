//! Desktop notifications for due reminders: once when the app starts and then hourly while it
//! runs, each due reminder at most once a day. The engine decides what is due; a click on a
//! notification brings the window forward on the screen that deals with the reminder.
//!
//! notify-rust directly, not tauri-plugin-notification: the plugin's desktop side is notify-rust
//! too, but it drops the handle, so a click cannot be heard. notify-rust reports the click on
//! every desktop (the freedesktop "default" action on Linux, toast activation on Windows, the
//! notification centre's response on macOS).

use std::collections::HashSet;
use std::time::Duration;

use clerkfolio_core::reminders::{Reminder, Screen};
use notify_rust::{Notification, NotificationResponse};
use tauri::{AppHandle, Emitter, Manager};

use crate::state::App;

/// The event the UI listens to (`api.on('navigate', screen)`).
const NAVIGATE_EVENT: &str = "navigate";

pub fn start(handle: AppHandle) {
    std::thread::spawn(move || {
        let mut shown: HashSet<(String, chrono::NaiveDate)> = HashSet::new();
        loop {
            let today = chrono::Local::now().date_naive();
            let all = handle.state::<App>().ws().ok().and_then(|mut ws| ws.reminders(today).ok()).unwrap_or_default();
            // What the dashboard lists as due today (each reminder's own lead time).
            for r in clerkfolio_core::reminders::due_on(&all, today, 0) {
                if shown.insert((r.id.clone(), today)) {
                    show(&handle, r);
                }
            }
            std::thread::sleep(Duration::from_secs(60 * 60));
        }
    });
}

/// Shows one reminder; a click on it opens the reminder's screen. Without a notification service
/// (a bare X session, a locked-down desktop) nothing is shown: the dashboard still lists it.
fn show(handle: &AppHandle, reminder: &Reminder) {
    let mut notification = Notification::new();
    notification
        .appname("Clerkfolio")
        .summary(&format!("Clerkfolio: {}", reminder.title))
        .body(&reminder.detail)
        // "default" is the freedesktop key for a click on the notification itself.
        .action("default", &format!("Open {}", screen_label(reminder.screen)))
        .auto_icon();
    identify_app(handle, &mut notification);
    let (app, screen, title) = (handle.clone(), reminder.screen, reminder.title.clone());
    // Waiting for the click blocks until the notification is clicked or closed: a thread each.
    std::thread::spawn(move || match notification.show() {
        Ok(shown) => {
            let _ = shown.wait_for_response(move |response: &NotificationResponse| {
                if is_click(response) {
                    open_screen(&app, screen);
                }
            });
        }
        Err(e) => eprintln!("clerkfolio: the reminder \"{title}\" could not be shown as a notification: {e}"),
    });
}

fn is_click(response: &NotificationResponse) -> bool {
    match response {
        NotificationResponse::Default => true,
        NotificationResponse::Action(key) => key == "default",
        _ => false,
    }
}

/// The window forward, on `screen`.
fn open_screen(handle: &AppHandle, screen: Screen) {
    if let Some(window) = handle.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    let _ = handle.emit_to("main", NAVIGATE_EVENT, screen.id());
}

fn screen_label(screen: Screen) -> &'static str {
    match screen {
        Screen::Dashboard => "the dashboard",
        Screen::Membership => "Membership",
        Screen::Education => "Education",
        Screen::Experience => "Experience",
        Screen::Evidence => "Evidence",
    }
}

/// Which app the notification belongs to, so Windows and macOS credit (and route clicks to) the
/// installed Clerkfolio. From a development build (cargo's target folder) there is no installed
/// app identity to use, so the platform default stays, as tauri-plugin-notification does.
#[allow(unused_variables)]
fn identify_app(handle: &AppHandle, notification: &mut Notification) {
    #[cfg(windows)]
    {
        let installed = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| !(dir.ends_with("target/debug") || dir.ends_with("target/release"))))
            .unwrap_or(false);
        if installed {
            notification.app_id(&handle.config().identifier);
        }
    }
    #[cfg(target_os = "macos")]
    {
        let _ = notify_rust::set_application(if tauri::is_dev() { "com.apple.Terminal" } else { &handle.config().identifier });
    }
}
