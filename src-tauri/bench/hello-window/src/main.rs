//! A Tauri window whose page only says hello: the yardstick the launch benchmark measures
//! Clerkfolio's memory against (docs/BENCHMARKS.md). Built by `cargo tauri build` like the app,
//! with the same release profile, and with the app's own web view settings (the same file,
//! src-tauri/src/webview.rs), so that the difference is Clerkfolio itself.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(target_os = "linux")]
#[path = "../../../src/webview.rs"]
mod webview;

fn main() {
    #[cfg(target_os = "linux")]
    webview::prepare_environment();
    let builder = tauri::Builder::default();
    #[cfg(target_os = "linux")]
    let builder = builder.setup(|app| {
        use tauri::Manager;
        if let Some(window) = app.get_webview_window("main") {
            window.with_webview(webview::tune)?;
        }
        Ok(())
    });
    builder.run(tauri::generate_context!()).expect("the hello window could not start");
}
