//! The app's commands are named in four places: registered (src-tauri/src/lib.rs), listed in the
//! app manifest (build.rs: without it Tauri checks nothing), granted (capabilities/main.json) and
//! called (ui/api.js). They must be the same list: a command the UI calls but nobody granted
//! fails only in the real window; one granted but never called is a privilege nobody needs.

use std::collections::BTreeSet;
use std::path::Path;

fn read(path: &str) -> String {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The names in `text` between `start` and `end`, each following `open` and ending at `close`.
fn names_between(text: &str, start: &str, end: &str, open: &str, close: char) -> BTreeSet<String> {
    let from = text.find(start).unwrap_or_else(|| panic!("'{start}' not found"));
    let body = &text[from..];
    let body = &body[..body.find(end).unwrap_or(body.len())];
    body.split(open)
        .skip(1)
        .map(|rest| rest.split(close).next().unwrap().to_string())
        .collect()
}

/// The commands the UI calls (ui/api.js).
pub(crate) fn called_by_the_ui() -> BTreeSet<String> {
    names_between(&read("../ui/api.js"), "export", "\u{0}", "call('", '\'')
}

#[test]
fn registered_listed_granted_and_called_commands_are_the_same() {
    let registered = names_between(&read("src/lib.rs"), "generate_handler![", "]", "commands::", ',');
    let build = read("build.rs");
    let list = &build[build.find("const COMMANDS").unwrap()..];
    // `"a", "b"` split on the quotes: every second piece is a name.
    let listed: BTreeSet<String> = list[..list.find("];").unwrap()].split('"').skip(1).step_by(2).map(String::from).collect();
    let granted: BTreeSet<String> = names_between(&read("capabilities/main.json"), "\"permissions\"", "]", "\"allow-", '"')
        .into_iter()
        .map(|n| n.replace('-', "_"))
        .collect();
    let called = called_by_the_ui();

    assert!(registered.len() > 20, "too few commands found in lib.rs: {registered:?}");
    assert_eq!(listed, registered, "build.rs COMMANDS and lib.rs generate_handler! differ");
    assert_eq!(granted, registered, "capabilities/main.json grants and lib.rs commands differ");
    assert_eq!(called, registered, "ui/api.js calls and lib.rs commands differ");
}
