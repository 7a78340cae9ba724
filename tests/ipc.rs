//! IPC smoke test: the real command handlers behind Tauri's IPC, on a mock runtime. Checks the
//! commands' names, argument casing as the UI sends them, and the `{ kind, message }` error shape.

use serde_json::{Value, json};
use tauri::Manager;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;

fn invoke(webview: &tauri::WebviewWindow<tauri::test::MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

#[test]
fn commands_answer_over_ipc_with_engine_data_and_readable_errors() {
    let dir = tempfile::tempdir().unwrap();
    let app = clerkfolio_desktop_lib::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    app.manage(clerkfolio_desktop_lib::state::App::open(dir.path()).unwrap());
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();

    let info = invoke(&webview, "app_info", json!({})).unwrap();
    assert_eq!(info["has_portfolio"], false);
    assert_eq!(info["data_dir"], json!(dir.path()));

    invoke(&webview, "start_demo", json!({})).unwrap();
    assert_eq!(invoke(&webview, "app_info", json!({})).unwrap()["has_portfolio"], true);
    let status = invoke(&webview, "status", json!({ "program": "cmc", "today": "2026-11-24" })).unwrap();
    assert_eq!(status["program"], "cmc");
    assert_eq!(status["requirements"][0]["id"], "education");
    assert!(status["requirements"][0]["earned"].as_f64().unwrap() > 0.0);

    // Arguments arrive camelCase from JS; nested objects keep the engine's snake_case fields.
    let preview = invoke(&webview, "education_preview", json!({ "id": null, "changes": { "title": "Assoc.", "provider": "P", "category": "association", "start": "2025-01-10", "hours": 6.5, "assessment": true } })).unwrap();
    let cmc = preview.as_array().unwrap().iter().find(|p| p["program"] == "cmc").unwrap();
    assert_eq!(cmc["points"]["points"], 1.5);
    assert_eq!(cmc["points"]["raw"], 1.625);

    let id = invoke(&webview, "education_save", json!({ "id": null, "changes": { "title": "Ethics", "provider": "IIMC", "category": "webinar", "start": "2025-02-01", "hours": 2 }, "files": [] })).unwrap();
    let list = invoke(&webview, "education_list", json!({})).unwrap();
    assert!(list.as_array().unwrap().iter().any(|e| e["id"] == id && e["title"] == "Ethics"));

    // Errors reach the UI as { kind, message }.
    let err = invoke(&webview, "education_save", json!({ "id": null, "changes": { "title": "Bad", "provider": "P", "category": "course", "start": "2025-02-01", "hours": -3 }, "files": [] })).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert!(err["message"].as_str().unwrap().contains("contact hours must be 0 or more"), "{err}");
    let err = invoke(&webview, "evidence_add", json!({ "path": "relative/file.pdf", "to": null })).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    let err = invoke(&webview, "open_path", json!({ "path": "/etc/passwd" })).unwrap_err();
    assert!(err["message"].as_str().unwrap().contains("only opens files it wrote"), "{err}");
    let err = invoke(&webview, "status", json!({ "program": "nope", "today": null })).unwrap_err();
    assert_eq!(err["kind"], "not_found");

    let findings = invoke(&webview, "packet_check", json!({ "program": "cmc", "today": "2026-11-24" })).unwrap();
    assert!(findings.as_array().unwrap().iter().any(|f| f["kind"] == "requirement"));
    let reminders = invoke(&webview, "reminders", json!({ "today": "2026-11-24" })).unwrap();
    assert!(reminders.as_array().unwrap().iter().all(|r| r["id"].is_string() && r["due"].is_string()));
}
