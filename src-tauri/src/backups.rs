//! Automatic backups while the app runs: a background thread asks the engine every minute
//! whether a backup is due (a change since the newest good backup in the folder, at most one a
//! day: `backup::auto`), and makes it; once more when the app closes, then also when today has a
//! backup already (the day's last changes replace it). The backup runs on its
//! own connection (a second `Workspace`), never under the window's lock, so the window never
//! waits for it; a restore waits for a running backup to end (`App::backup_lock`).
//! The page hears `backup-done` after each automatic backup made (or a new failure), and asks
//! for the status.

use std::time::Duration;

use clerkfolio_core::backup::auto::{self, AutoReport, Occasion};
use clerkfolio_core::{Workspace, demo};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::state::App;

/// The event the page listens to after an automatic backup was made or failed (the dashboard
/// redraws its status).
pub const DONE_EVENT: &str = "backup-done";
/// Seconds between two checks (default 60): the end-to-end tests shorten it.
pub const CHECK_ENV: &str = "CLERKFOLIO_BACKUP_CHECK_SECONDS";

pub fn start<R: Runtime>(handle: AppHandle<R>) {
    let every = std::env::var(CHECK_ENV).ok().and_then(|s| s.parse().ok()).map_or(Duration::from_secs(60), Duration::from_secs);
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(every);
            automatic(&handle, Occasion::Check);
        }
    });
}

/// One automatic backup (`Occasion::Check` every minute, `Occasion::Closing` when the app
/// closes): a backup if automatic backups are on, the portfolio is not empty, and one is due.
/// A failure is kept for the dashboard (the folder unreachable, a full disk) and tried again at
/// the next check.
pub fn automatic<R: Runtime>(handle: &AppHandle<R>, occasion: Occasion) {
    let app = handle.state::<App>();
    match run(&app, occasion, true) {
        Ok(report) => {
            let had_failed = app.backup_error().is_some();
            app.set_backup_error(None);
            if had_failed || report.is_some_and(|r| r.made.is_some()) {
                let _ = handle.emit(DONE_EVENT, ());
            }
        }
        Err(e) => {
            let told = app.backup_error().as_deref() == Some(e.message().as_str());
            app.set_backup_error(Some(e.message()));
            if !told {
                let _ = handle.emit(DONE_EVENT, ());
            }
        }
    }
}

/// A backup into the backup folder if one is due for `occasion` (`Occasion::Asked`: now,
/// replacing today's) on the app's own connection. With `only_automatic`, nothing (None) when
/// automatic backups are off or the portfolio is empty.
pub fn run(app: &App, occasion: Occasion, only_automatic: bool) -> clerkfolio_core::Result<Option<AutoReport>> {
    let _running = app.backup_lock();
    let mut ws = Workspace::open(app.dir())?;
    if only_automatic && (!ws.backup_settings()?.automatic || demo::is_empty(&mut ws)?) {
        return Ok(None);
    }
    let (folder, _) = auto::folder_of(&ws)?;
    let report = auto::run(&ws, &folder, chrono::Local::now().date_naive(), occasion)?;
    Ok(Some(report))
}
