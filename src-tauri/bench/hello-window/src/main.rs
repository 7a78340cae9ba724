//! A Tauri window whose page only says hello: the yardstick the launch benchmark measures
//! Clerkfolio's memory against (docs/BENCHMARKS.md). Built by `cargo tauri build` like the app,
//! with the same release profile, and with the app's one webview setting (rendering on the
//! CPU, src-tauri/src/lib.rs `render_on_cpu`), so that the difference is Clerkfolio itself.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let builder = tauri::Builder::default();
    #[cfg(target_os = "linux")]
    let builder = builder.setup(|app| {
        use tauri::Manager;
        use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
        if let Some(window) = app.get_webview_window("main") {
            window.with_webview(|webview| {
                if let Some(settings) = WebViewExt::settings(&webview.inner()) {
                    settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
                }
            })?;
        }
        Ok(())
    });
    builder.run(tauri::generate_context!()).expect("the hello window could not start");
}
