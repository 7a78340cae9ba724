//! Clerkfolio's desktop shell: a window over the engine. Everything a clerk can do is an engine
//! call in `commands`; this file wires the window, the state and the plugins.

mod backups;
mod commands;
pub mod error;
mod notify;
pub mod state;
#[cfg(target_os = "linux")]
mod webview;
mod watch;

use tauri::Manager;

/// Registers every command on a builder; shared by `run` and the IPC tests (mock runtime).
pub fn builder<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::snapshot, commands::start_demo, commands::start_empty, commands::profile_save,
        commands::education_save, commands::education_remove, commands::education_preview,
        commands::experience_save, commands::experience_remove, commands::experience_preview,
        commands::membership_save, commands::membership_remove, commands::designation_add, commands::designation_remove,
        commands::evidence_add, commands::evidence_remove, commands::evidence_open, commands::evidence_thumbnail,
        commands::pick_files, commands::pick_save, commands::pick_open,
        commands::packet_check, commands::packet_generate, commands::open_path, commands::reveal_path,
        commands::application_submit, commands::application_decide, commands::application_remove,
        commands::reminder_dismiss, commands::reminder_snooze, commands::reminder_restore, commands::reminder_save, commands::reminder_remove,
        commands::calendar_export,
        commands::backup_create, commands::backup_restore, commands::backup_status, commands::backup_now, commands::backup_list,
        commands::backup_settings_save,
        commands::import_preview, commands::import_apply, commands::export_records,
        commands::startup_report,
        commands::intake_add, commands::intake_preview, commands::intake_accept, commands::intake_skip, commands::pick_folder,
    ])
}

/// The app: called first thing in `main`.
pub fn run() {
    #[cfg(target_os = "linux")]
    webview::prepare_environment();
    let launched = state::Launched(std::time::Instant::now());
    builder(tauri::Builder::default())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            // The engine's rule (CLERKFOLIO_DATA_DIR, else the per-user folder of the app's
            // identifier), so the CLI and the app find the same portfolio.
            let state = clerkfolio_core::datadir::resolve(None).and_then(|dir| state::App::open(&dir)).inspect_err(|e| {
                rfd::MessageDialog::new().set_title("Clerkfolio cannot open your data").set_description(e.message()).show();
            })?;
            app.manage(state);
            app.manage(launched);
            #[cfg(target_os = "linux")]
            if let Some(window) = app.get_webview_window("main") {
                window.with_webview(webview::tune)?;
            }
            notify::start(app.handle().clone());
            watch::start(app.handle().clone());
            backups::start(app.handle().clone());
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("Clerkfolio could not start")
        .run(|handle, event| {
            // The window is gone by now: a backup of the last changes blocks nothing. Closing
            // backs up changes made since today's backup too (it replaces it).
            if let tauri::RunEvent::Exit = event {
                backups::automatic(handle, clerkfolio_core::backup::auto::Occasion::Closing);
            }
        });
}
