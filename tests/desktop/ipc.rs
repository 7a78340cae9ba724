//! IPC smoke test: the real command handlers behind Tauri's IPC, on a mock runtime. Checks the
//! commands' names, argument casing as the UI sends them, and the `{ kind, message }` error shape.

use serde_json::{Value, json};
use tauri::Manager;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;

pub(crate) fn invoke(webview: &tauri::WebviewWindow<tauri::test::MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
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

    let snapshot = |today: &str| invoke(&webview, "snapshot", json!({ "today": today })).unwrap();
    let info = &snapshot("2026-11-24")["info"];
    assert_eq!(info["has_portfolio"], false);
    assert_eq!(info["data_dir"], json!(dir.path()));
    assert_eq!(info["today"], "2026-11-24");

    invoke(&webview, "start_demo", json!({})).unwrap();
    let all = snapshot("2026-11-24");
    assert_eq!(all["info"]["has_portfolio"], true);
    let status = &all["status"]["cmc"];
    assert_eq!(status["program"], "cmc");
    assert_eq!(status["requirements"][0]["id"], "education");
    assert_eq!(status["requirements"][0]["earned"].as_f64(), Some(61.5), "the demo's CMC education figure");

    // Arguments arrive camelCase from JS; nested objects keep the engine's snake_case fields.
    let preview = invoke(&webview, "education_preview", json!({ "id": null, "changes": { "title": "Assoc.", "provider": "P", "category": "association", "start": "2025-01-10", "hours": 6.5, "assessment": true } })).unwrap();
    let cmc = preview.as_array().unwrap().iter().find(|p| p["program"] == "cmc").unwrap();
    assert_eq!(cmc["points"]["points"], 1.5);
    assert_eq!(cmc["points"]["raw"], 1.625);

    let id = invoke(&webview, "education_save", json!({ "id": null, "changes": { "title": "Ethics", "provider": "IIMC", "category": "webinar", "start": "2025-02-01", "hours": 2 }, "files": [] })).unwrap();
    let after = snapshot("2026-11-24");
    assert!(after["education"].as_array().unwrap().iter().any(|e| e["id"] == id && e["title"] == "Ethics"));

    // The UI's one call for everything (ui/context.js `refresh`): every part, each program's
    // status, all of the same moment.
    for part in ["programs", "profile", "experience", "membership", "designations", "evidence", "reminders"] {
        assert!(!after[part].is_null(), "snapshot.{part}: {after}");
    }
    assert_eq!(after["experience"].as_array().unwrap().len(), 4, "the demo's experience records");
    assert_eq!(after["programs"].as_array().unwrap().iter().map(|p| p["id"].clone()).collect::<Vec<_>>(), [json!("cmc"), json!("epp"), json!("mmc"), json!("mn-cmc")]);
    assert_eq!(after["status"].as_object().unwrap().keys().collect::<Vec<_>>(), ["cmc", "epp", "mmc"], "the programs the screens show");
    assert_eq!(after["status"]["mmc"]["program"], "mmc");
    assert!(after["reminders"].as_array().unwrap().iter().all(|r| r["id"].is_string() && r["due"].is_string()));
    let listed = |s: &Value| s["status"]["cmc"]["requirements"][0]["records"].as_array().unwrap().iter().any(|r| r["id"] == id);
    assert!(!listed(&all) && listed(&after), "the new webinar is in the CMC status of the same snapshot");

    // Errors reach the UI as { kind, message }.
    let err = invoke(&webview, "education_save", json!({ "id": null, "changes": { "title": "Bad", "provider": "P", "category": "course", "start": "2025-02-01", "hours": -3 }, "files": [] })).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert!(err["message"].as_str().unwrap().contains("contact hours must be 0 or more"), "{err}");
    let err = invoke(&webview, "evidence_add", json!({ "path": "relative/file.pdf", "to": null })).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    let err = invoke(&webview, "open_path", json!({ "path": "/etc/passwd" })).unwrap_err();
    assert!(err["message"].as_str().unwrap().contains("only opens files it wrote"), "{err}");
    let err = invoke(&webview, "packet_check", json!({ "program": "nope", "today": null })).unwrap_err();
    assert_eq!(err["kind"], "not_found");
    let err = invoke(&webview, "snapshot", json!({ "today": "2026-02-30" })).unwrap_err();
    assert_eq!(err["kind"], "invalid", "{err}");

    let findings = invoke(&webview, "packet_check", json!({ "program": "cmc", "today": "2026-11-24" })).unwrap();
    assert!(findings.as_array().unwrap().iter().any(|f| f["kind"] == "requirement"));
}

#[test]
fn csv_import_previews_every_bad_row_and_imports_all_or_with_skip_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let app = clerkfolio_desktop_lib::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    app.manage(clerkfolio_desktop_lib::state::App::open(dir.path()).unwrap());
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let titles = |kind: &str| -> Vec<Value> {
        invoke(&webview, "snapshot", json!({ "today": null })).unwrap()[kind].as_array().unwrap().iter().map(|r| r["title"].clone()).collect()
    };

    let good = files.path().join("good.csv");
    std::fs::write(&good, "record,title,provider,date,hours,category,organisation\n\
                           education,Ethics webinar,IIMC,2025-02-01,2,webinar,\n\
                           experience,Deputy clerk,,2020-01-02,,service,Town of Åre\n").unwrap();
    let bad = files.path().join("bad.csv");
    std::fs::write(&bad, "record,title,provider,date,hours,category\n\
                          education,Budget basics,IIMC,03/15/2024,6,course\n\
                          education,No hours,IIMC,2024-04-01,,course\n").unwrap();

    // The preview is the CLI's `import csv --dry-run --json`, and writes nothing.
    let plan = invoke(&webview, "import_preview", json!({ "path": good })).unwrap();
    assert_eq!(plan["rows"].as_array().unwrap().len(), 2, "{plan}");
    assert_eq!(plan["rows"][0]["record"], "education");
    assert_eq!(plan["rows"][1]["line"], 3);
    assert_eq!(plan["problems"], json!([]));
    let plan = invoke(&webview, "import_preview", json!({ "path": bad })).unwrap();
    assert_eq!(plan["rows"][0]["title"], "Budget basics");
    assert_eq!(plan["problems"], json!([{ "line": 3, "message": "an education record needs contact hours (column hours)", "hint": null }]));
    assert!(titles("education").is_empty());

    // A bad row refuses the whole file unless skipInvalid (camelCase from JS).
    let err = invoke(&webview, "import_apply", json!({ "path": bad, "skipInvalid": false })).unwrap_err();
    assert_eq!(err["kind"], "invalid", "{err}");
    assert!(err["message"].as_str().unwrap().contains("1 of 2 rows are invalid; nothing was imported"), "{err}");
    assert!(titles("education").is_empty());
    let done = invoke(&webview, "import_apply", json!({ "path": bad, "skipInvalid": true })).unwrap();
    assert_eq!(done, json!({ "education": 1, "experience": 0, "skipped": 1 }));
    assert_eq!(titles("education"), [json!("Budget basics")]);
    let done = invoke(&webview, "import_apply", json!({ "path": good, "skipInvalid": false })).unwrap();
    assert_eq!(done, json!({ "education": 1, "experience": 1, "skipped": 0 }));
    assert_eq!(titles("education").len(), 2);
    assert_eq!(titles("experience"), [json!("Deputy clerk")]);

    let err = invoke(&webview, "import_preview", json!({ "path": "records.csv" })).unwrap_err();
    assert_eq!(err["kind"], "invalid");

    // Export writes CSV or JSON (the extension follows the format) and may then be opened.
    let out = invoke(&webview, "export_records", json!({ "format": "json", "path": files.path().join("out") })).unwrap();
    assert_eq!(out["education"], 2);
    assert_eq!(out["experience"], 1);
    let written = out["path"].as_str().unwrap();
    assert!(written.ends_with("out.json"), "{out}");
    let doc: Value = serde_json::from_slice(&std::fs::read(written).unwrap()).unwrap();
    assert_eq!(doc["experience"][0]["title"], "Deputy clerk");
    let out = invoke(&webview, "export_records", json!({ "format": "csv", "path": files.path().join("out.csv") })).unwrap();
    assert!(std::fs::read(out["path"].as_str().unwrap()).unwrap().starts_with(b"\xEF\xBB\xBFrecord,"));
    let err = invoke(&webview, "export_records", json!({ "format": "xlsx", "path": files.path().join("out.xlsx") })).unwrap_err();
    assert_eq!(err["kind"], "invalid");
}

/// The UI unit tests (tests/ui/fixtures/demo.json) and the screenshot harness
/// (tests/ui/harness/demo-data.js) read a snapshot of the demo portfolio. Both are a real
/// `snapshot` of it on a fixed day, so a UI test cannot pass on a shape the engine no longer
/// sends. After a deliberate change, rewrite them with `CLERKFOLIO_WRITE_UI_FIXTURES=1 cargo test
/// -p clerkfolio-desktop --test desktop ui_fixtures` and review the diff.
#[test]
fn ui_fixtures_are_a_real_snapshot_of_the_demo() {
    const DAY: &str = "2026-11-20";
    let dir = tempfile::tempdir().unwrap();
    let app = clerkfolio_desktop_lib::builder(mock_builder()).build(mock_context(noop_assets())).unwrap();
    app.manage(clerkfolio_desktop_lib::state::App::open(dir.path()).unwrap());
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    invoke(&webview, "start_demo", json!({})).unwrap();
    let mut snapshot = invoke(&webview, "snapshot", json!({ "today": DAY })).unwrap();
    // What the packet screen shows for the same portfolio (packet_check), beside it.
    snapshot["check"] = invoke(&webview, "packet_check", json!({ "program": "cmc", "today": DAY })).unwrap();
    // What differs from machine to machine and run to run: the folder and the moment of adding.
    snapshot["info"]["data_dir"] = json!("C:\\Users\\rcastaneda\\AppData\\Roaming\\org.clerkfolio.desktop");
    for e in snapshot["evidence"].as_array_mut().unwrap() {
        e["added_at"] = json!(format!("{DAY}T09:00:00Z"));
    }
    let json = serde_json::to_string_pretty(&snapshot).unwrap() + "\n";
    let js = format!(
        "// Written by tests/desktop/ipc.rs (ui_fixtures_are_a_real_snapshot_of_the_demo): the real\n\
         // `snapshot` of the demo portfolio on {DAY}. Do not edit by hand.\nwindow.CLERKFOLIO_DEMO = {}",
        json.trim_end()
    ) + ";\n";
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/ui");
    let fixtures = [(root.join("fixtures/demo.json"), json), (root.join("harness/demo-data.js"), js)];
    for (path, text) in &fixtures {
        if std::env::var_os("CLERKFOLIO_WRITE_UI_FIXTURES").is_some() {
            std::fs::write(path, text).unwrap();
        }
        let current = std::fs::read_to_string(path).unwrap();
        assert!(
            current == *text,
            "{} is not the engine's snapshot of the demo any more; rewrite it with CLERKFOLIO_WRITE_UI_FIXTURES=1 (see this test) and review the diff",
            path.display()
        );
    }
}
