//! The real capability, at run time: the app built with its own context (tauri.conf.json, the
//! app manifest of build.rs, capabilities/main.json), not the mock's empty authority. Every
//! command the UI calls passes the access check in the main window; what the capability does not
//! grant (a plugin's command, any command from another window) is refused before it runs.

use serde_json::{Value, json};
use tauri::Manager;
use tauri::test::mock_builder;

fn invoke(webview: &tauri::WebviewWindow<tauri::test::MockRuntime>, cmd: &str, args: Value) -> Result<Value, String> {
    crate::ipc::invoke(webview, cmd, args).map_err(|e| e.to_string())
}

/// Refused by the access check (not by the command: it never ran).
fn denied(result: &Result<Value, String>) -> bool {
    result.as_ref().err().is_some_and(|e| e.contains("not allowed") || e.contains("denied") || e.contains("not found"))
}

#[test]
fn the_real_capability_grants_every_ui_command_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let app = clerkfolio_desktop_lib::builder(mock_builder()).build(tauri::generate_context!()).unwrap();
    app.manage(clerkfolio_desktop_lib::state::App::open(&dir.path().join("data")).unwrap());
    // `backup_now` runs when called: into a folder of the test's, never the tester's Documents.
    std::fs::create_dir(dir.path().join("backups")).unwrap();
    app.state::<clerkfolio_desktop_lib::state::App>().ws().unwrap().set_backup_settings(true, Some(dir.path().join("backups"))).unwrap();
    let main = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();

    // Granted: every command the UI calls passes the access check (called with no arguments, a
    // command that needs some fails on them, after the check). The native dialogs are left out:
    // they would open.
    let snapshot = invoke(&main, "snapshot", json!({ "today": "2026-11-24" }));
    assert!(snapshot.is_ok(), "snapshot refused in the main window: {snapshot:?}");
    let ui = crate::commands::called_by_the_ui();
    assert!(ui.len() > 30, "{ui:?}");
    for cmd in ui.iter().filter(|c| !c.starts_with("pick_")) {
        let answer = invoke(&main, cmd, json!({}));
        assert!(!denied(&answer), "{cmd} was refused by the access check in the main window: {answer:?}");
    }

    // Not granted: a plugin the app does not use, and the app's own commands from a window the
    // capability does not name.
    let fs = invoke(&main, "plugin:fs|read_text_file", json!({ "path": "/etc/passwd" }));
    assert!(fs.is_err(), "a plugin command ran: {fs:?}");
    let other = tauri::WebviewWindowBuilder::new(&app, "other", Default::default()).build().unwrap();
    let outside = invoke(&other, "snapshot", json!({ "today": "2026-11-24" }));
    assert!(denied(&outside), "the main window's capability reached another window: {outside:?}");
}
