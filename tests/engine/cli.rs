//! The `clerkfolio` command line, end to end: the real binary against a real SQLite file in a
//! temporary data folder. Asserts the contract scripts rely on (docs/CLI.md): exit codes, ids on
//! stdout, one-line `error:` messages on stderr, and the JSON fields of `list`, `status`,
//! `profile show`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::common::{Run, exec, run_with, s, sha256_hex};

mod planned;
mod records;
mod status;

// ------------------------------------------------------------------ helpers

/// A temporary data folder plus a scratch folder for source files. The binary never sees the
/// developer's own data: `CLERKFOLIO_DATA_DIR` is removed and the OS data folder points inside
/// the temp folder.
struct Folio {
    tmp: tempfile::TempDir,
    data: PathBuf,
    scratch: PathBuf,
}

/// The day the command line takes as today in these tests (`CLERKFOLIO_TODAY`).
const TODAY: &str = "2026-06-15";

impl Folio {
    fn new() -> Folio {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let scratch = tmp.path().join("scratch");
        std::fs::create_dir_all(&scratch).unwrap();
        Folio { tmp, data, scratch }
    }

    /// The binary with an isolated environment and no data folder chosen, on a fixed day
    /// (records are entered on it: `recorded_on`).
    fn command(&self) -> Command {
        let mut c = crate::common::clerkfolio();
        c.env("XDG_DATA_HOME", self.tmp.path().join("xdg")).env("HOME", self.tmp.path().join("home"));
        c.env("CLERKFOLIO_TODAY", TODAY);
        c
    }

    /// `clerkfolio --data-dir DATA ARGS...`
    fn run(&self, args: &[&str]) -> Run {
        run_with(self.command(), &self.data, args)
    }

    /// `clerkfolio ARGS...` without a data folder flag (and with `env` added).
    fn run_env(&self, args: &[&str], env: &[(&str, &Path)]) -> Run {
        let mut c = self.command();
        c.args(args);
        for (k, v) in env {
            c.env(k, v);
        }
        exec(c, args.join(" "))
    }

    fn list(&self, what: &str) -> Value {
        self.run(&["list", what, "--json"]).ok().json()
    }

    /// A PNG unique to `seed`, in the scratch folder.
    fn png(&self, name: &str, seed: u32) -> PathBuf {
        let path = self.scratch.join(name);
        image::RgbImage::from_fn(24, 16, |x, y| image::Rgb([seed as u8, (seed >> 8) as u8 ^ (x as u8 * 9), y as u8 * 13]))
            .save(&path)
            .unwrap();
        path
    }

    fn jpeg(&self, name: &str, seed: u32) -> PathBuf {
        let path = self.scratch.join(name);
        image::RgbImage::from_fn(32, 24, |x, y| image::Rgb([seed as u8, x as u8 * 7, y as u8 * 9])).save(&path).unwrap();
        path
    }

    fn vault(&self) -> PathBuf {
        self.data.join("vault")
    }

    /// Every file under DATA/vault, recursively.
    fn vault_files(&self) -> Vec<PathBuf> {
        crate::common::vault_files(&self.data)
    }

    fn init(&self) {
        self.run(&["init"]).ok();
    }
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap_or_else(|| panic!("not an object: {v}")).keys().cloned().collect()
}

fn set(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn by_id(list: &Value, id: i64) -> Value {
    list.as_array().unwrap().iter().find(|r| r["id"] == json!(id)).cloned().unwrap_or_else(|| panic!("no id {id} in {list}"))
}

fn cmc_toml() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("programs/cmc.toml")
}

// ------------------------------------------------------------------ init and the data folder

#[test]
fn init_creates_the_folder_is_idempotent_and_prints_it() {
    let f = Folio::new();
    let data = f.tmp.path().join("nested/Clerk Folio ń");
    let mut runs = Vec::new();
    for _ in 0..2 {
        let mut c = f.command();
        c.arg("--data-dir").arg(&data).arg("init");
        let run = exec(c, "init".into()).ok();
        assert!(run.stdout.contains(s(&data)), "init should print the folder: {}", run.show());
        assert_eq!(run.stdout.lines().count(), 1, "{}", run.show());
        runs.push(run.stdout);
    }
    assert_eq!(runs[0], runs[1], "init twice prints the same");
    assert!(data.join("clerkfolio.sqlite3").is_file());
    assert!(data.join("vault").is_dir());
}

#[test]
fn data_dir_flag_and_environment_are_honoured_and_the_flag_wins() {
    let f = Folio::new();
    let from_env = f.tmp.path().join("from-env");
    let run = f.run_env(&["init"], &[("CLERKFOLIO_DATA_DIR", &from_env)]).ok();
    assert!(run.stdout.contains(s(&from_env)), "{}", run.show());
    assert!(from_env.join("clerkfolio.sqlite3").is_file());

    // Records written through the environment are read back through the flag.
    let id = f.run_env(&["membership", "add", "--type", "full", "--start", "2024-01-01"], &[("CLERKFOLIO_DATA_DIR", &from_env)]).ok().id();
    let mut c = f.command();
    c.args(["--data-dir", s(&from_env), "list", "membership", "--json"]);
    let list = exec(c, "list membership".into()).ok().json();
    assert_eq!(list[0]["id"], json!(id));

    // Both given: the flag wins and the environment's folder is not even created.
    let unused = f.tmp.path().join("env-unused");
    let flag = f.tmp.path().join("from-flag");
    let run = f.run_env(&["--data-dir", s(&flag), "init"], &[("CLERKFOLIO_DATA_DIR", &unused)]).ok();
    assert!(run.stdout.contains(s(&flag)), "{}", run.show());
    assert!(flag.join("clerkfolio.sqlite3").is_file());
    assert!(!unused.exists(), "the environment's folder must not be touched when --data-dir is given");
    // The flag also works after the subcommand (it is global).
    let flag2 = f.tmp.path().join("from-flag-2");
    f.run_env(&["init", "--data-dir", s(&flag2)], &[("CLERKFOLIO_DATA_DIR", &unused)]).ok();
    assert!(flag2.join("clerkfolio.sqlite3").is_file());
    assert!(!unused.exists());
}

#[cfg(target_os = "linux")]
#[test]
fn without_flag_or_environment_the_user_data_folder_is_used() {
    let f = Folio::new();
    let run = f.run_env(&["init"], &[]).ok();
    let expected = f.tmp.path().join("xdg").join("org.clerkfolio.desktop");
    assert!(run.stdout.contains(s(&expected)), "{}", run.show());
    assert!(expected.join("clerkfolio.sqlite3").is_file());
    // An empty CLERKFOLIO_DATA_DIR counts as unset.
    let run = f.run_env(&["init"], &[("CLERKFOLIO_DATA_DIR", Path::new(""))]).ok();
    assert!(run.stdout.contains(s(&expected)), "{}", run.show());
}

// ------------------------------------------------------------------ profile

#[test]
fn profile_set_with_every_flag_round_trips_through_show_json() {
    let f = Folio::new();
    f.init();
    let empty = f.run(&["profile", "show", "--json"]).ok().json();
    assert_eq!(empty["full_name"], "");
    assert_eq!(empty["ethics_affirmed"], Value::Null);

    f.run(&[
        "profile", "set",
        "--name", "Wójcik-Łęczyńska",
        "--title", "City Clerk/Treasurer",
        "--municipality", "Gmina Świętochłowice",
        "--state", "Śląskie",
        "--country", "Polska",
        "--address", "ul. Żółkiewskiego 12, 41-600 \"Ratusz\"",
        "--email", "clerk@example.org",
        "--phone", "+48 32 000 00 00",
        "--member-id", "IIMC-12345",
        "--ethics-affirmed", "2024-02-29",
    ])
    .ok();
    let expected = json!({
        "full_name": "Wójcik-Łęczyńska",
        "title": "City Clerk/Treasurer",
        "municipality": "Gmina Świętochłowice",
        "state": "Śląskie",
        "country": "Polska",
        "address": "ul. Żółkiewskiego 12, 41-600 \"Ratusz\"",
        "email": "clerk@example.org",
        "phone": "+48 32 000 00 00",
        "member_id": "IIMC-12345",
        "ethics_affirmed": "2024-02-29",
    });
    assert_eq!(f.run(&["profile", "show", "--json"]).ok().json(), expected);
    let text = f.run(&["profile", "show"]).ok().stdout;
    assert!(text.contains("Wójcik-Łęczyńska") && text.contains("2024-02-29"), "{text}");

    // Only the fields given change; surrounding blanks are trimmed.
    f.run(&["profile", "set", "--phone", "  555 0100  "]).ok();
    let mut after = expected.clone();
    after["phone"] = json!("555 0100");
    assert_eq!(f.run(&["profile", "show", "--json"]).ok().json(), after);

    // A bad e-mail is refused and nothing changes (not even the other fields of that command).
    for bad in ["not-an-address", "a@b", "two words@example.org", "@example.org"] {
        let err = f.run(&["profile", "set", "--name", "Someone Else", "--email", bad]).refused();
        assert!(err.contains("e-mail"), "{err}");
    }
    let err = f.run(&["profile", "set", "--ethics-affirmed", "2023-02-29"]).refused();
    assert!(err.contains("2023-02-29"), "{err}");
    assert_eq!(f.run(&["profile", "show", "--json"]).ok().json(), after);
}

// ------------------------------------------------------------------ membership

#[test]
fn membership_add_edit_remove_and_list_json() {
    let f = Folio::new();
    f.init();
    let full = f.run(&["membership", "add", "--type", "full", "--start", "2022-06-01"]).ok().id();
    let add = f.run(&["membership", "add", "--type", "additional-full", "--start", "2021-02-01", "--end", "2022-01-31"]).ok().id();
    let retired = f.run(&["membership", "add", "--type", "retired", "--start", "2020-01-01", "--end", "2020-12-31"]).ok().id();
    let assoc =
        f.run(&["membership", "add", "--type", "associate", "--start", "2019-09-01", "--organisation", "MCFOA"]).ok().id();
    let ids = BTreeSet::from([full, add, retired, assoc]);
    assert_eq!(ids.len(), 4, "ids are distinct");

    let list = f.list("membership");
    assert_eq!(list.as_array().unwrap().len(), 4);
    for row in list.as_array().unwrap() {
        assert_eq!(keys(row), set(&["id", "type", "organisation", "start", "end"]), "{row}");
    }
    assert_eq!(by_id(&list, full), json!({"id": full, "type": "full", "organisation": "IIMC", "start": "2022-06-01", "end": null}));
    assert_eq!(
        by_id(&list, add),
        json!({"id": add, "type": "additional-full", "organisation": "IIMC", "start": "2021-02-01", "end": "2022-01-31"})
    );
    assert_eq!(by_id(&list, retired)["type"], "retired");
    assert_eq!(by_id(&list, assoc), json!({"id": assoc, "type": "associate", "organisation": "MCFOA", "start": "2019-09-01", "end": null}));

    // Edit: an end date, then ongoing again.
    f.run(&["membership", "edit", &full.to_string(), "--end", "2025-05-31"]).ok();
    assert_eq!(by_id(&f.list("membership"), full)["end"], "2025-05-31");
    f.run(&["membership", "edit", &full.to_string(), "--no-end"]).ok();
    assert_eq!(by_id(&f.list("membership"), full)["end"], Value::Null);
    f.run(&["membership", "edit", &assoc.to_string(), "--type", "full", "--start", "2019-10-01"]).ok();
    let row = by_id(&f.list("membership"), assoc);
    assert_eq!((row["type"].as_str(), row["start"].as_str(), row["organisation"].as_str()), (Some("full"), Some("2019-10-01"), Some("MCFOA")));
    let err = f.run(&["membership", "edit", &add.to_string(), "--end", "2020-01-01"]).refused();
    assert!(err.contains("before it starts"), "{err}");
    f.run(&["membership", "edit", &add.to_string(), "--end", "2022-01-01", "--no-end"]).refused();
    f.run(&["membership", "edit", "999", "--no-end"]).refused();

    // Remove.
    f.run(&["membership", "remove", &retired.to_string()]).ok();
    let list = f.list("membership");
    assert_eq!(list.as_array().unwrap().len(), 3);
    assert!(list.as_array().unwrap().iter().all(|r| r["id"] != json!(retired)));
    let err = f.run(&["membership", "remove", &retired.to_string()]).refused();
    assert!(err.contains(&retired.to_string()), "{err}");
    let text = f.run(&["list", "membership"]).ok().stdout;
    assert_eq!(text.lines().count(), 3, "{text}");
}

#[test]
fn membership_refusals_are_one_line_and_change_nothing() {
    let f = Folio::new();
    f.init();
    f.run(&["membership", "add", "--type", "full", "--start", "2022-06-01"]).ok();
    let before = f.list("membership");
    // docs/CLI.md: exit 2 for unusable arguments, 1 for everything else.
    let cases: &[(&[&str], &str, i32)] = &[
        (&["membership", "add", "--type", "gold", "--start", "2024-01-01"], "gold", 2),
        (&["membership", "add", "--type", "full", "--start", "2024-01-01", "--end", "2023-12-31"], "before it starts", 1),
        (&["membership", "add", "--type", "full", "--start", "2023-02-30"], "2023-02-30", 2),
        (&["membership", "add", "--type", "full", "--start", "2024-01-01", "--end", "2024-02-30"], "2024-02-30", 2),
        (&["membership", "add", "--type", "full", "--start", "03/15/2024"], "YYYY-MM-DD", 2),
        (&["membership", "add", "--type", "full", "--start", "2024-3-5"], "YYYY-MM-DD", 2),
        (&["membership", "remove", "77"], "77", 1),
        (&["membership", "remove", "seven"], "seven", 2),
    ];
    for (args, needle, code) in cases {
        let run = f.run(args);
        let got = run.code;
        let err = run.refused();
        assert!(err.contains(needle), "`{}`: {err}", args.join(" "));
        assert_eq!(got, Some(*code), "`{}`: {err}", args.join(" "));
    }
    assert_eq!(f.list("membership"), before);
}

// ------------------------------------------------------------------ designations

#[test]
fn designation_add_and_list_json() {
    let f = Folio::new();
    f.init();
    let cert = f.png("CMC-award.png", 1);
    let cmc = f.run(&["designation", "add", "--program", "cmc", "--date", "2025-06-01", "--evidence", s(&cert)]).ok().id();
    let mmc = f.run(&["designation", "add", "--program", "MMC", "--date", "2026-01-10"]).ok().id();
    let list = f.list("designation");
    let evidence = f.list("evidence");
    assert_eq!(evidence.as_array().unwrap().len(), 1);
    let ev = evidence[0]["id"].as_i64().unwrap();
    assert_eq!(evidence[0]["used_by"], json!([format!("designation {cmc}")]));
    assert_eq!(by_id(&list, cmc), json!({"id": cmc, "program": "cmc", "awarded_on": "2025-06-01", "evidence": ev, "recertification": false}));
    assert_eq!(by_id(&list, mmc), json!({"id": mmc, "program": "mmc", "awarded_on": "2026-01-10", "evidence": null, "recertification": false}));

    // Refusals: a bad date, a refused file (nothing recorded, nothing stored).
    f.run(&["designation", "add", "--program", "cmc", "--date", "2025-13-01"]).refused();
    let text = f.scratch.join("award.pdf");
    std::fs::write(&text, "just text").unwrap();
    let err = f.run(&["designation", "add", "--program", "cmc", "--date", "2025-06-01", "--evidence", s(&text)]).refused();
    assert!(err.contains("award.pdf"), "{err}");
    assert_eq!(f.list("designation"), list);
    assert_eq!(f.vault_files().len(), 1);

    // The evidence is in use while the designation exists.
    let err = f.run(&["evidence", "remove", &ev.to_string()]).refused();
    assert!(err.contains(&format!("designation {cmc}")), "{err}");
    f.run(&["designation", "remove", &cmc.to_string()]).ok();
    f.run(&["evidence", "remove", &ev.to_string()]).ok();
    assert_eq!(f.list("designation").as_array().unwrap().len(), 1);
}

// ------------------------------------------------------------------ verify

#[test]
fn verify_detects_changed_and_missing_vault_files() {
    let f = Folio::new();
    f.init();
    let keep = f.png("keep.png", 60);
    let target = f.png("target.png", 61);
    f.run(&["education", "add", "--title", "C", "--provider", "P", "--date", "2024-01-01", "--hours", "2", "--category", "course", "--evidence", s(&keep), "--evidence", s(&target)])
        .ok();
    let out = f.run(&["verify"]).ok().stdout;
    assert!(out.contains("ok: 2 evidence files"), "{out}");
    let json = f.run(&["verify", "--json"]).ok().json();
    assert_eq!(json["files_checked"], json!(2));
    assert_eq!(json["problems"], json!([]));

    let sha = sha256_hex(&std::fs::read(&target).unwrap());
    let stored = f.vault().join(&sha[..2]).join(format!("{sha}.png"));
    let name = stored.file_name().unwrap().to_str().unwrap().to_string();
    let original = std::fs::read(&stored).unwrap();

    // Overwritten bytes (same length, one byte flipped).
    let mut changed = original.clone();
    let last = changed.len() - 1;
    changed[last] ^= 0xFF;
    std::fs::write(&stored, &changed).unwrap();
    let run = f.run(&["verify"]);
    assert_eq!(run.code, Some(1), "{}", run.show());
    assert!(run.stdout.contains(&name) && run.stdout.contains("changed"), "{}", run.show());
    assert!(run.stderr.starts_with("error: 1 problem"), "{}", run.show());
    let run = f.run(&["verify", "--json"]);
    assert_eq!(run.code, Some(1), "{}", run.show());
    assert_eq!(run.json()["problems"].as_array().unwrap().len(), 1);

    // Restored: passes again.
    std::fs::write(&stored, &original).unwrap();
    f.run(&["verify"]).ok();

    // Deleted.
    std::fs::remove_file(&stored).unwrap();
    let run = f.run(&["verify"]);
    assert_eq!(run.code, Some(1), "{}", run.show());
    assert!(run.stdout.contains(&name) && run.stdout.contains("missing"), "{}", run.show());
    assert!(!run.stdout.contains(&sha256_hex(&std::fs::read(&keep).unwrap())), "only the damaged file is named: {}", run.show());

    // Re-adding the same file repairs the vault.
    f.run(&["evidence", "add", s(&target)]).ok();
    f.run(&["verify"]).ok();
}

// ------------------------------------------------------------------ demo

#[test]
fn demo_fills_an_empty_folder_once() {
    let f = Folio::new();
    let out = f.run(&["demo"]).ok().stdout;
    assert!(out.contains("Demo portfolio created"), "{out}");
    let status = f.run(&["status", "--program", "cmc", "--today", "2026-11-24", "--json"]).ok().json();
    assert_eq!(status["program"], "cmc");
    // The demo is 6 experience points short, so no date can be known.
    assert_eq!(status["eligible"], json!(false));
    assert_eq!(status["eligible_on"], Value::Null);
    assert_eq!(status["requirements"][0]["earned"].as_f64(), Some(61.5));
    assert_eq!(status["requirements"][1]["earned"].as_f64(), Some(44.0));
    // The documented `status --json` fields (docs/CLI.md), here with records, items, checks and
    // a membership to show them: renaming or dropping one fails.
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<BTreeSet<String>>();
    let has = |v: &Value, documented: &[&str], what: &str| {
        let missing: Vec<&&str> = documented.iter().filter(|k| !keys(v).contains(**k)).collect();
        assert!(missing.is_empty(), "{what} lacks the documented {missing:?}: {v}");
    };
    has(&status, &["program", "program_name", "authority", "effective_from", "as_of", "requirements", "eligible", "eligible_on", "missing", "steps", "membership", "checks", "notes"], "status");
    let requirement = &status["requirements"][0];
    has(requirement, &["id", "label", "earned", "required", "met", "status", "items", "records"], "a requirement");
    has(&requirement["items"][0], &["id", "label", "earned", "uncapped", "max", "capped", "status"], "an item");
    has(&requirement["records"][0], &["record", "id", "title", "dated", "item", "raw", "points", "counted", "basis", "excluded", "warnings"], "a record");
    has(&status["checks"][0], &["id", "label", "met", "status", "detail"], "a check");
    has(&status["membership"], &["organisation", "active", "current_type", "type_allowed", "years_required", "continuous_since", "eligible_on_continuous", "eligible_on_cumulative", "cumulative_days", "years_met", "met", "lapses", "reading", "reading_status"], "the membership");
    has(&status["steps"][0], &["text", "hint"], "a step");
    f.run(&["status"]).ok();
    f.run(&["verify"]).ok();
    let education = f.list("education");
    let evidence = f.list("evidence");
    assert!(!education.as_array().unwrap().is_empty());
    assert!(!evidence.as_array().unwrap().is_empty());
    assert_eq!(f.vault_files().len(), evidence.as_array().unwrap().len());
    let profile = f.run(&["profile", "show", "--json"]).ok().json();

    let err = f.run(&["demo"]).refused();
    assert!(err.contains("already holds a portfolio"), "{err}");
    let out = f.run(&["demo", "--if-empty"]).ok().stdout;
    assert!(out.contains("left as it is"), "{out}");
    assert_eq!(f.list("education"), education);
    assert_eq!(f.list("evidence"), evidence);
    assert_eq!(f.run(&["profile", "show", "--json"]).ok().json(), profile);

    // --if-empty on an empty folder does fill it.
    let g = Folio::new();
    g.run(&["demo", "--if-empty"]).ok();
    assert_eq!(g.list("education").as_array().unwrap().len(), education.as_array().unwrap().len());
    // A folder with only a membership is not empty: the demo refuses it.
    let h = Folio::new();
    h.run(&["membership", "add", "--type", "full", "--start", "2024-01-01"]).ok();
    h.run(&["demo"]).refused();
    assert_eq!(h.list("education"), json!([]));
}

// ------------------------------------------------------------------ help

#[test]
fn help_works_for_every_subcommand() {
    let f = Folio::new();
    let commands: &[&[&str]] = &[
        &[],
        &["init"],
        &["profile"], &["profile", "set"], &["profile", "show"],
        &["membership"], &["membership", "add"], &["membership", "edit"], &["membership", "remove"],
        &["designation"], &["designation", "add"], &["designation", "remove"],
        &["education"], &["education", "add"], &["education", "edit"], &["education", "remove"],
        &["experience"], &["experience", "add"], &["experience", "edit"], &["experience", "remove"],
        &["evidence"], &["evidence", "add"], &["evidence", "remove"],
        &["list"], &["status"],
        &["programs"], &["programs", "show"], &["programs", "check"],
        &["verify"], &["demo"],
        &["reminders"], &["reminder"], &["reminder", "add"], &["reminder", "edit"], &["reminder", "remove"],
        &["reminder", "list"], &["reminder", "dismiss"], &["reminder", "snooze"], &["reminder", "restore"],
        &["reminder", "lead"], &["reminder", "settings"],
    ];
    for cmd in commands {
        let mut args = cmd.to_vec();
        args.push("--help");
        let run = f.run_env(&args, &[]);
        assert_eq!(run.code, Some(0), "{}", run.show());
        assert!(run.stdout.contains("Usage:"), "{}", run.show());
        assert!(run.stderr.is_empty(), "{}", run.show());
    }
    // `help` as a subcommand, --version.
    let run = f.run_env(&["help", "education", "add"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.show());
    assert!(run.stdout.contains("--hours"), "{}", run.show());
    let run = f.run_env(&["--version"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.show());
    assert!(run.stdout.starts_with("clerkfolio "), "{}", run.show());
    // Asking for help never creates the user data folder.
    assert!(!f.tmp.path().join("xdg").exists());
    // Unknown subcommands and flags are one-line errors.
    f.run(&["frobnicate"]).refused();
    f.run(&["list", "education", "--yaml"]).refused();
}

// ------------------------------------------------------------------ a newer database

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let f = Folio::new();
    f.init();
    f.run(&["membership", "add", "--type", "full", "--start", "2024-01-01"]).ok();
    let db = f.data.join("clerkfolio.sqlite3");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    assert!(!f.data.join("clerkfolio.sqlite3-wal").exists(), "the WAL was checkpointed on close");
    let bytes = std::fs::read(&db).unwrap();
    for args in [&["status"][..], &["list", "education", "--json"], &["init"], &["membership", "add", "--type", "full", "--start", "2025-01-01"], &["verify"]] {
        let err = f.run(args).refused();
        assert!(err.contains("newer version"), "`{}`: {err}", args.join(" "));
        assert_eq!(std::fs::read(&db).unwrap(), bytes, "`{}` changed the database file", args.join(" "));
    }
    let version: i64 = rusqlite::Connection::open(&db).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 99);
}

/// A SQLite file of another program in the data folder is refused, byte for byte unchanged.
#[test]
fn a_foreign_database_is_refused_and_left_untouched() {
    let f = Folio::new();
    std::fs::create_dir_all(&f.data).unwrap();
    let db = f.data.join("clerkfolio.sqlite3");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('pierogi');").unwrap();
    }
    let bytes = std::fs::read(&db).unwrap();
    let err = f.run(&["status"]).refused();
    assert!(err.contains("not a Clerkfolio database"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
    // Not SQLite at all.
    std::fs::write(&db, b"this is not a database, just text that is long enough to have a header....").unwrap();
    let err = f.run(&["status"]).refused();
    assert!(err.contains("clerkfolio.sqlite3"), "{err}");
}

// ------------------------------------------------------------------ two programs at once

/// A valid one-page PDF of about `size` bytes (a long content stream), built by hand.
fn big_pdf(size: usize) -> Vec<u8> {
    let content = b"q Q\n".repeat(size / 4);
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let objects: [Vec<u8>; 3] = [
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_vec(),
    ];
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    offsets.push(out.len());
    out.extend_from_slice(format!("4 0 obj\n<< /Length {} >>\nstream\n", content.len()).as_bytes());
    out.extend_from_slice(&content);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 5\n0000000000 65535 f \n");
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    out
}

/// Several `clerkfolio` processes adding at once (a script running adds in parallel, or the
/// desktop app saving while a script runs) must all succeed: SQLite's busy timeout should make
/// them wait their turn, never fail with "database is locked".
#[test]
fn concurrent_adds_all_succeed() {
    let f = Folio::new();
    f.init();
    let mut failures = Vec::new();
    let rounds = 3;
    let per_round = 8;
    for round in 0..rounds {
        let files: Vec<PathBuf> = (0..per_round).map(|i| f.png(&format!("c{round}-{i}.png"), 300 + round * 100 + i)).collect();
        let children: Vec<_> = files
            .iter()
            .map(|p| {
                let mut c = f.command();
                c.arg("--data-dir").arg(&f.data).args(["evidence", "add"]).arg(p);
                c.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
                c.spawn().unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            if !out.status.success() {
                failures.push(String::from_utf8_lossy(&out.stderr).trim().to_string());
            }
        }
    }
    let total = (rounds * per_round) as usize;
    assert!(failures.is_empty(), "{} of {total} concurrent `evidence add` runs failed:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(f.list("evidence").as_array().unwrap().len(), total);
    f.run(&["verify"]).ok();
}

/// Opening the data folder removes temp files "a crash may have left" — including the one
/// another running process is writing right now, whose add then fails.
#[test]
fn opening_the_folder_does_not_break_an_add_in_progress() {
    let f = Folio::new();
    f.init();
    let big = f.scratch.join("big-scan.pdf");
    std::fs::write(&big, big_pdf(24 * 1024 * 1024)).unwrap();
    let mut c = f.command();
    c.arg("--data-dir").arg(&f.data).args(["evidence", "add"]).arg(&big);
    c.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut add = c.spawn().unwrap();
    let started = std::time::Instant::now();
    let mut opened = 0;
    while add.try_wait().unwrap().is_none() && started.elapsed() < std::time::Duration::from_secs(60) {
        f.run(&["list", "education"]).ok();
        opened += 1;
    }
    let out = add.wait_with_output().unwrap();
    assert!(opened > 0, "the add finished before the folder was opened once: the overlap this test exists for never happened");
    assert!(
        out.status.success(),
        "the add failed while the folder was opened {opened} times by another process: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(f.list("evidence")[0]["pages"], json!(1));
    f.run(&["verify"]).ok();
}

/// `clerkfolio programs show cmc | head -1`: the reader goes away before the command writes.
/// The command ends quietly with success (ripgrep's behaviour), never a panic in `println!`.
#[test]
fn a_closed_stdout_ends_the_command_quietly() {
    let f = Folio::new();
    f.run(&["demo"]).ok();
    for args in [&["programs", "show", "cmc"][..], &["status", "--json"], &["list", "education"]] {
        let mut c = f.command();
        c.arg("--data-dir").arg(&f.data).args(args);
        c.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
        let mut child = c.spawn().unwrap();
        drop(child.stdout.take()); // the reader is gone before the command has opened the portfolio
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?} with a closed stdout: {stderr}");
        assert!(stderr.is_empty(), "{args:?} with a closed stdout said: {stderr}");
    }
}
