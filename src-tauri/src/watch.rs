//! Changes made outside the window: the clerk runs `clerkfolio evidence add … --to education:1`
//! while the app is open. SQLite counts the commits of other connections (`PRAGMA data_version`);
//! a background thread asks every two seconds and tells the page (`data-changed`), which reloads
//! and redraws only if what it shows differs. The page also reloads when the window regains focus.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::state::App;

const EVERY: Duration = Duration::from_secs(2);

pub fn start<R: Runtime>(handle: AppHandle<R>) {
    // The first count is taken now, before the page's first load: a commit after it is news.
    let mut seen = handle.state::<App>().outside_changes();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(EVERY);
            let Some(now) = handle.state::<App>().outside_changes() else { continue };
            // Also when there was no count yet (the workspace was busy): the page looks once more,
            // and redraws only if something changed.
            if seen != Some(now) {
                let _ = handle.emit("data-changed", ());
            }
            seen = Some(now);
        }
    });
}
