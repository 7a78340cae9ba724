//! The engine's integration tests, one test binary (ripgrep's layout): a two-core machine links
//! printpdf, lopdf, image and SQLite once instead of once per file, and a new file is a `mod`
//! line here (the last test below fails when a file in this folder is not one).

mod applications;
mod attacks;
mod autobackup;
mod backup;
mod bombs;
mod certificates;
mod cli;
mod common;
mod crash;
mod crash_restore;
mod disk;
mod evidence_corpus;
mod evidence_formats;
mod exchange;
mod fuzz_twins;
mod hostile_input;
mod hostile_text;
mod intake;
mod packet;
mod reminders;
mod reminders_cli;
mod rules_examples;
mod rules_planned;
mod rules_props;
mod store;
mod windows;

/// Every `.rs` file beside this one is a module above: a test file nobody declared never runs.
#[test]
fn every_test_file_is_compiled() {
    let dir = std::path::Path::new(file!()).parent().unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(dir);
    let root = std::fs::read_to_string(dir.join("main.rs")).unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(module) = name.strip_suffix(".rs").filter(|m| *m != "main") {
            assert!(root.contains(&format!("\nmod {module};\n")), "tests/engine/{name} is not declared in main.rs, so it never runs");
        }
    }
}
