//! Changes made outside the window: the clerk runs `clerkfolio evidence add … --to education:1`
//! while the app is open. SQLite counts the commits of other connections (`PRAGMA data_version`);
//! a background thread asks every two seconds and tells the page (`data-changed`), which reloads
//! and redraws only if what it shows differs. The page also reloads when the window regains focus.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::state::App;

const EVERY: Duration = Duration::from_secs(2);

pub fn start<R: Runtime>(handle: AppHandle<R>) {
    std::thread::spawn(move || {
        let mut seen = None;
        loop {
            std::thread::sleep(EVERY);
            let Some(now) = handle.state::<App>().outside_changes() else { continue };
            if seen.is_some_and(|before| before != now) {
                let _ = handle.emit("data-changed", ());
            }
            seen = Some(now);
        }
    });
}
