//! The `clerkfolio` command line, end to end: the real binary against a real SQLite file in a
//! temporary data folder. Asserts the contract scripts rely on (docs/CLI.md): exit codes, ids on
//! stdout, one-line `error:` messages on stderr, and the JSON fields of `list`, `status`,
//! `profile show`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::common::{Run, exec, run_with, s, sha256_hex};

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
    assert_eq!(by_id(&list, cmc), json!({"id": cmc, "program": "cmc", "awarded_on": "2025-06-01", "evidence": ev}));
    assert_eq!(by_id(&list, mmc), json!({"id": mmc, "program": "mmc", "awarded_on": "2026-01-10", "evidence": null}));

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

// ------------------------------------------------------------------ education

const EDUCATION_KEYS: &[&str] = &[
    "id", "title", "provider", "category", "certificate", "date", "end_date", "hours", "points", "points_reason",
    "learned", "level", "assessment", "evidence", "recorded_on", "from_certificate",
];

#[test]
fn education_add_list_edit_remove() {
    let f = Folio::new();
    f.init();
    let a = f.png("attendance.png", 10);
    let b = f.jpeg("certificate.jpg", 11);
    let full = f
        .run(&[
            "education", "add",
            "--title", "Records Management — Advanced",
            "--provider", "Łódź Clerks Association",
            "--date", "2024-05-01",
            "--end-date", "2024-05-03",
            "--hours", "12.5",
            "--category", "association",
            "--points", "3",
            "--reason", "stated on the certificate",
            "--learned", "Retention schedules; e-discovery",
            "--certificate", "AB-12/2024",
            "--level", "advanced",
            "--assessment",
            "--evidence", s(&a),
            "--evidence", s(&b),
        ])
        .ok()
        .id();
    let bare = f
        .run(&["education", "add", "--title", "Webinar", "--provider", "IIMC", "--date", "2024-09-09", "--hours", "1", "--category", "webinar"])
        .ok()
        .id();
    assert_ne!(full, bare);

    let evidence = f.list("evidence");
    let ev_ids: Vec<i64> = evidence.as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert_eq!(ev_ids.len(), 2);
    let names: Vec<&str> = evidence.as_array().unwrap().iter().map(|e| e["original_name"].as_str().unwrap()).collect();
    assert_eq!(names, ["attendance.png", "certificate.jpg"]);

    let list = f.list("education");
    assert_eq!(list.as_array().unwrap().len(), 2);
    for row in list.as_array().unwrap() {
        assert_eq!(keys(row), set(EDUCATION_KEYS), "{row}");
    }
    let expected = json!({
        "id": full,
        "title": "Records Management — Advanced",
        "provider": "Łódź Clerks Association",
        "category": "association",
        "certificate": "AB-12/2024",
        "date": "2024-05-01",
        "end_date": "2024-05-03",
        "hours": 12.5,
        "points": 3.0,
        "points_reason": "stated on the certificate",
        "learned": "Retention schedules; e-discovery",
        "level": "advanced",
        "assessment": true,
        "evidence": ev_ids,
        "recorded_on": TODAY, "from_certificate": false,
    });
    assert_eq!(by_id(&list, full), expected);
    assert_eq!(
        by_id(&list, bare),
        json!({
            "id": bare, "title": "Webinar", "provider": "IIMC", "category": "webinar", "certificate": "",
            "date": "2024-09-09", "end_date": null, "hours": 1.0, "points": null, "points_reason": null,
            "learned": "", "level": null, "assessment": false, "evidence": [], "recorded_on": TODAY, "from_certificate": false,
        })
    );

    // Edit one field: only it changes, the evidence stays linked.
    f.run(&["education", "edit", &full.to_string(), "--hours", "12"]).ok();
    let mut edited = expected.clone();
    edited["hours"] = json!(12.0);
    assert_eq!(by_id(&f.list("education"), full), edited);

    // Clearing flags.
    f.run(&["education", "edit", &full.to_string(), "--no-end-date", "--clear-points", "--no-assessment"]).ok();
    let row = by_id(&f.list("education"), full);
    assert_eq!((&row["end_date"], &row["points"], &row["points_reason"], &row["assessment"]), (&Value::Null, &Value::Null, &Value::Null, &json!(false)));
    assert_eq!(row["evidence"], json!(ev_ids));
    // Edit adds evidence.
    let c = f.png("extra.png", 12);
    f.run(&["education", "edit", &bare.to_string(), "--evidence", s(&c), "--level", "basic"]).ok();
    let row = by_id(&f.list("education"), bare);
    assert_eq!(row["evidence"].as_array().unwrap().len(), 1);
    assert_eq!(row["level"], "basic");
    // Edit refusals change nothing.
    let before = f.list("education");
    f.run(&["education", "edit", &full.to_string(), "--hours", "-1"]).refused();
    f.run(&["education", "edit", &full.to_string(), "--end-date", "2024-04-30"]).refused();
    f.run(&["education", "edit", &full.to_string(), "--category", "bogus"]).refused();
    f.run(&["education", "edit", "999", "--hours", "1"]).refused();
    assert_eq!(f.list("education"), before);

    // Remove: the record goes, its evidence stays in the vault, unused.
    f.run(&["education", "remove", &full.to_string()]).ok();
    let list = f.list("education");
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], json!(bare));
    let evidence = f.list("evidence");
    assert_eq!(evidence.as_array().unwrap().len(), 3);
    for id in &ev_ids {
        assert_eq!(by_id(&evidence, *id)["used_by"], json!([]));
    }
    f.run(&["education", "remove", &full.to_string()]).refused();
    f.run(&["verify"]).ok();
}

#[test]
fn education_refusals_record_nothing_and_store_no_file() {
    let f = Folio::new();
    f.init();
    f.run(&["education", "add", "--title", "Kept", "--provider", "P", "--date", "2024-01-10", "--hours", "3", "--category", "course", "--points", "1", "--reason", "r"])
        .ok();
    let education = f.list("education");
    let evidence = f.list("evidence");
    let files = f.vault_files();

    let base = ["education", "add", "--title", "Refused", "--provider", "P", "--date", "2024-03-01"];
    let cases: &[(&[&str], &str)] = &[
        (&["--hours", "-3", "--category", "course"], "contact hours"),
        (&["--hours", "3", "--category", "underwater-basket-weaving"], "unknown education category"),
        (&["--hours", "3", "--category", "course", "--points", "2"], "error:"),
        (&["--hours", "3", "--category", "course", "--reason", "no points"], "error:"),
        (&["--hours", "3", "--category", "course", "--end-date", "2024-02-28"], "before it starts"),
        (&["--hours", "3", "--category", "course", "--points", "2", "--reason", "  "], "reason"),
        (&["--hours", "3", "--category", "course", "--points", "-2", "--reason", "r"], "points"),
        (&["--hours", "99999", "--category", "course"], "contact hours"),
        (&["--hours", "NaN", "--category", "course"], "contact hours"),
        (&["--hours", "three", "--category", "course"], "three"),
        (&["--hours", "3", "--category", "course", "--level", "expert"], "expert"),
    ];
    for (i, (extra, needle)) in cases.iter().enumerate() {
        let file = f.png(&format!("refused-{i}.png"), 100 + i as u32);
        let mut args: Vec<&str> = base.to_vec();
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--evidence", s(&file)]);
        let err = f.run(&args).refused();
        assert!(err.contains(needle), "`{}`: {err}", args.join(" "));
        assert_eq!(f.list("education"), education, "after `{}`", args.join(" "));
        assert_eq!(f.list("evidence"), evidence, "after `{}`", args.join(" "));
        assert_eq!(f.vault_files(), files, "a refused add must not leave a vault file: `{}`", args.join(" "));
    }
    // Missing required fields.
    for missing in ["--title", "--provider", "--date", "--hours", "--category"] {
        let mut args: Vec<&str> = vec!["education", "add"];
        for (flag, value) in [("--title", "T"), ("--provider", "P"), ("--date", "2024-01-01"), ("--hours", "2"), ("--category", "course")] {
            if flag != missing {
                args.extend_from_slice(&[flag, value]);
            }
        }
        let err = f.run(&args).refused();
        assert!(err.contains(missing), "`{}` should say {missing} is needed: {err}", args.join(" "));
    }
    assert_eq!(f.list("education"), education);
    assert_eq!(f.vault_files(), files);
}

/// clap reports a missing argument over two lines ("the following required arguments were not
/// provided:" then the argument); the CLI keeps only the first line, so the message never says
/// which argument is missing. And `clerkfolio` alone prints the program's description as an
/// "error:". All problems are collected so one run shows every one.
#[test]
fn one_line_errors_keep_what_clap_said() {
    let f = Folio::new();
    f.init();
    let mut problems = Vec::new();
    let run = f.run_env(&[], &[]);
    if !(run.stdout.contains("Usage:") || run.stderr.contains("Usage:")) {
        problems.push(format!("`clerkfolio` with no arguments should show the usage, not its description as an error: {}", run.show()));
    }
    let cases: &[(&[&str], &[&str])] = &[
        (&["list"], &["WHAT", "education"]),
        (&["education", "add", "--title", "T", "--provider", "P", "--date", "2024-01-01", "--hours", "3", "--category", "course", "--points", "2"], &["--reason"]),
        (&["experience", "add", "--category", "service", "--title", "T", "--start", "2024-01-01", "--reason", "r"], &["--points"]),
        (&["membership", "add", "--start", "2024-01-01"], &["--type"]),
        (&["designation", "add", "--program", "cmc"], &["--date"]),
        (&["evidence", "add"], &["FILE"]),
    ];
    for (args, any_of) in cases {
        let run = f.run(args);
        let code = run.code;
        let err = run.refused();
        assert_eq!(code, Some(2), "unusable arguments exit 2: {err}");
        if !any_of.iter().any(|n| err.contains(n)) {
            problems.push(format!("`clerkfolio {}` should name {}: {err}", args.join(" "), any_of.join(" or ")));
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

/// docs/CLI.md documents `programs show ID [--json]`, but `--json` is only accepted before `show`.
#[test]
fn programs_show_takes_json_as_documented() {
    let f = Folio::new();
    f.init();
    let run = f.run(&["programs", "show", "cmc", "--json"]);
    assert_eq!(run.code, Some(0), "`programs show cmc --json` is documented in docs/CLI.md: {}", run.show());
    assert_eq!(run.json()["id"], "cmc");
}

/// A refused add must leave the vault as it was, also when the refusal comes after a first file
/// was accepted (several --evidence files) or when the record to attach to does not exist.
#[test]
fn a_refused_add_leaves_no_file_in_the_vault() {
    let f = Folio::new();
    f.init();
    let good = f.png("good.png", 7);
    let bad = f.scratch.join("notes.pdf");
    std::fs::write(&bad, "meeting notes, not a PDF").unwrap();
    let mut problems = Vec::new();
    let err = f
        .run(&["education", "add", "--title", "T", "--provider", "P", "--date", "2024-01-01", "--hours", "3", "--category", "course",
            "--evidence", s(&good), "--evidence", s(&bad)])
        .refused();
    assert!(err.contains("notes.pdf"), "{err}");
    let err = f
        .run(&["experience", "add", "--category", "service", "--title", "T", "--start", "2024-01-01", "--evidence", s(&good), "--letter", s(&bad)])
        .refused();
    assert!(err.contains("notes.pdf"), "{err}");
    assert_eq!(f.list("education"), json!([]));
    assert_eq!(f.list("experience"), json!([]));
    assert_eq!(f.list("evidence"), json!([]));
    if !f.vault_files().is_empty() {
        problems.push(format!("a record refused for its second file leaves the first in the vault: {:?}", f.vault_files()));
    }

    for to in ["education:42", "experience:42", "letter:42"] {
        let err = f.run(&["evidence", "add", s(&good), "--to", to]).refused();
        assert!(err.contains("42"), "{err}");
        assert_eq!(f.list("evidence"), json!([]));
        if !f.vault_files().is_empty() {
            problems.push(format!("`evidence add FILE --to {to}` (no such record) is refused but leaves the file in the vault: {:?}", f.vault_files()));
            break;
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

// ------------------------------------------------------------------ experience

#[test]
fn experience_add_edit_remove_and_list_json() {
    let f = Folio::new();
    f.init();
    let proof = f.png("minutes.png", 20);
    let letter = f.png("employment-letter.png", 21);
    let clerk = f
        .run(&[
            "experience", "add", "--category", "service", "--title", "City Clerk", "--organisation", "City of Łańcut",
            "--start", "2020-01-06", "--points", "50", "--reason", "claimed", "--notes", "Full-time",
            "--evidence", s(&proof), "--letter", s(&letter),
        ])
        .ok()
        .id();
    let committee = f
        .run(&["experience", "add", "--category", "committee", "--title", "Elections committee", "--organisation", "MCFOA", "--start", "2021-01-01", "--end", "2022-12-31"])
        .ok()
        .id();
    let evidence = f.list("evidence");
    let proof_id = evidence.as_array().unwrap().iter().find(|e| e["original_name"] == "minutes.png").unwrap()["id"].as_i64().unwrap();
    let letter_id = evidence.as_array().unwrap().iter().find(|e| e["original_name"] == "employment-letter.png").unwrap()["id"].as_i64().unwrap();
    assert_eq!(by_id(&evidence, letter_id)["used_by"], json!([format!("experience {clerk} (employment letter)")]));
    assert_eq!(by_id(&evidence, proof_id)["used_by"], json!([format!("experience {clerk}")]));

    let list = f.list("experience");
    for row in list.as_array().unwrap() {
        assert_eq!(
            keys(row),
            set(&["id", "category", "title", "organisation", "start", "end", "points", "points_reason", "notes", "evidence", "letters", "recorded_on"])
        );
    }
    assert_eq!(
        by_id(&list, clerk),
        json!({
            "id": clerk, "category": "service", "title": "City Clerk", "organisation": "City of Łańcut",
            "start": "2020-01-06", "end": null, "points": 50.0, "points_reason": "claimed", "notes": "Full-time",
            "evidence": [proof_id], "letters": [letter_id], "recorded_on": TODAY,
        })
    );
    assert_eq!(by_id(&list, committee)["end"], "2022-12-31");
    assert_eq!(by_id(&list, committee)["letters"], json!([]));
    assert_eq!(by_id(&list, committee)["points"], Value::Null);

    // Edit.
    f.run(&["experience", "edit", &clerk.to_string(), "--end", "2025-12-31", "--title", "City Clerk-Treasurer"]).ok();
    let row = by_id(&f.list("experience"), clerk);
    assert_eq!((row["end"].as_str(), row["title"].as_str()), (Some("2025-12-31"), Some("City Clerk-Treasurer")));
    assert_eq!(row["letters"], json!([letter_id]));
    f.run(&["experience", "edit", &clerk.to_string(), "--no-end", "--clear-points"]).ok();
    let row = by_id(&f.list("experience"), clerk);
    assert_eq!((&row["end"], &row["points"], &row["points_reason"]), (&Value::Null, &Value::Null, &Value::Null));
    let second_letter = f.png("letter-2.png", 22);
    f.run(&["experience", "edit", &clerk.to_string(), "--letter", s(&second_letter)]).ok();
    assert_eq!(by_id(&f.list("experience"), clerk)["letters"].as_array().unwrap().len(), 2);

    // Refusals change nothing.
    let before = f.list("experience");
    let files = f.vault_files();
    let extra = f.png("unused.png", 23);
    for args in [
        vec!["experience", "edit", &*committee.to_string(), "--end", "2020-12-31"].into_iter().map(String::from).collect::<Vec<_>>(),
        ["experience", "add", "--category", "astronaut", "--title", "T", "--start", "2020-01-01", "--evidence", s(&extra)].map(String::from).to_vec(),
        ["experience", "add", "--category", "service", "--title", "T", "--start", "2020-01-01", "--end", "2019-01-01", "--letter", s(&extra)].map(String::from).to_vec(),
        ["experience", "add", "--category", "service", "--title", "T", "--start", "2020-01-01", "--points", "5"].map(String::from).to_vec(),
        ["experience", "add", "--category", "service", "--title", " ", "--start", "2020-01-01"].map(String::from).to_vec(),
        ["experience", "add", "--category", "service", "--title", "T"].map(String::from).to_vec(),
        ["experience", "edit", "999", "--title", "T"].map(String::from).to_vec(),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        f.run(&args).refused();
        assert_eq!(f.list("experience"), before, "after `{}`", args.join(" "));
        assert_eq!(f.vault_files(), files, "after `{}`", args.join(" "));
    }

    // Remove.
    f.run(&["experience", "remove", &committee.to_string()]).ok();
    let list = f.list("experience");
    assert_eq!(list.as_array().unwrap().len(), 1);
    f.run(&["experience", "remove", &committee.to_string()]).refused();
    f.run(&["experience", "remove", &clerk.to_string()]).ok();
    assert_eq!(f.list("experience"), json!([]));
    assert!(f.list("evidence").as_array().unwrap().iter().all(|e| e["used_by"] == json!([])));
}

// ------------------------------------------------------------------ detaching evidence

/// The id of the evidence file first added as `name`.
fn evidence_id(evidence: &Value, name: &str) -> i64 {
    evidence.as_array().unwrap().iter().find(|e| e["original_name"] == name).unwrap()["id"].as_i64().unwrap()
}

#[test]
fn a_wrongly_attached_file_is_detached_and_stays_in_the_vault_until_removed() {
    let f = Folio::new();
    let wrong = f.png("employment-letter.png", 31);
    let course = f
        .run(&["education", "add", "--title", "Open Meeting Law Refresher", "--provider", "IIMC", "--date", "2024-04-02", "--hours", "3", "--category", "institute", "--evidence", s(&wrong)])
        .ok()
        .id();
    let wrong_id = evidence_id(&f.list("evidence"), "employment-letter.png");
    assert_eq!(by_id(&f.list("education"), course)["evidence"], json!([wrong_id]));

    f.run(&["education", "edit", &course.to_string(), "--detach", &wrong_id.to_string()]).ok();
    assert_eq!(by_id(&f.list("education"), course)["evidence"], json!([]));
    assert_eq!(by_id(&f.list("evidence"), wrong_id)["used_by"], json!([]), "listed, used by nothing");
    assert_eq!(f.vault_files().len(), 1, "the file stays in the vault");
    let check = f.run(&["packet", "--check", "--today", TODAY]);
    assert!(check.stdout.contains("no-evidence: education record \"Open Meeting Law Refresher\" (2024-04-02) has no supporting document attached"), "{}", check.show());
    let verify = f.run(&["verify", "--json"]).ok().json();
    assert_eq!((verify["problems"].clone(), verify["unreferenced"].clone()), (json!([]), json!([])), "{verify}");
    f.run(&["evidence", "remove", &wrong_id.to_string()]).ok();
    assert_eq!(f.list("evidence"), json!([]));
    assert!(f.vault_files().is_empty());
}

#[test]
fn an_experience_record_detaches_its_documents_and_its_letter() {
    let f = Folio::new();
    let (proof, letter) = (f.png("minutes.png", 41), f.png("letter.png", 42));
    let clerk = f
        .run(&["experience", "add", "--category", "service", "--title", "City Clerk", "--start", "2020-01-06", "--evidence", s(&proof), "--letter", s(&letter)])
        .ok()
        .id();
    let evidence = f.list("evidence");
    let (proof_id, letter_id) = (evidence_id(&evidence, "minutes.png"), evidence_id(&evidence, "letter.png"));
    f.run(&["experience", "edit", &clerk.to_string(), "--detach", &letter_id.to_string(), "--title", "City Clerk-Treasurer"]).ok();
    let row = by_id(&f.list("experience"), clerk);
    assert_eq!((&row["evidence"], &row["letters"], &row["title"]), (&json!([proof_id]), &json!([]), &json!("City Clerk-Treasurer")));
    f.run(&["experience", "edit", &clerk.to_string(), "--detach", &proof_id.to_string()]).ok();
    let row = by_id(&f.list("experience"), clerk);
    assert_eq!((&row["evidence"], &row["letters"]), (&json!([]), &json!([])));
    assert!(f.list("evidence").as_array().unwrap().iter().all(|e| e["used_by"] == json!([])));
    assert_eq!(f.vault_files().len(), 2);
}

#[test]
fn detaching_a_file_the_record_does_not_have_is_refused_and_changes_nothing() {
    let f = Folio::new();
    let (mine, other) = (f.png("mine.png", 51), f.png("other.png", 52));
    let course = f
        .run(&["education", "add", "--title", "Records", "--provider", "IIMC", "--date", "2024-04-02", "--hours", "3", "--category", "institute", "--evidence", s(&mine)])
        .ok()
        .id()
        .to_string();
    let position = f
        .run(&["experience", "add", "--category", "service", "--title", "Clerk", "--start", "2020-01-06", "--letter", s(&other)])
        .ok()
        .id()
        .to_string();
    let evidence = f.list("evidence");
    let (mine_id, other_id) = (evidence_id(&evidence, "mine.png").to_string(), evidence_id(&evidence, "other.png").to_string());
    let before = (f.list("education"), f.list("experience"), f.list("evidence"), f.vault_files());
    let err = f.run(&["education", "edit", &course, "--title", "Renamed", "--detach", &mine_id, "--detach", &other_id]).refused();
    assert_eq!(err, format!("error: evidence {other_id} is not attached to education record {course}; nothing was changed (see `clerkfolio list education`)"));
    let err = f.run(&["experience", "edit", &position, "--detach", &mine_id]).refused();
    assert!(err.contains(&format!("evidence {mine_id} is not attached to experience record {position}")), "{err}");
    f.run(&["experience", "edit", &position, "--detach", "999"]).refused();
    assert_eq!((f.list("education"), f.list("experience"), f.list("evidence"), f.vault_files()), before);

    let mut ws = clerkfolio_core::Workspace::open(&f.data).unwrap();
    let changes = clerkfolio_core::model::EducationChanges { detach: vec![999], ..Default::default() };
    let e = ws.edit_education(course.parse().unwrap(), changes, &[]).unwrap_err();
    assert_eq!((e.kind(), e.message()), ("not_found", format!("evidence 999 is not attached to education record {course}; nothing was changed")));
}

// ------------------------------------------------------------------ evidence

#[test]
fn evidence_is_stored_once_and_removed_only_when_unused() {
    let f = Folio::new();
    f.init();
    let cert = f.png("certificate.png", 30);
    let id = f.run(&["evidence", "add", s(&cert)]).ok().id();
    assert_eq!(f.run(&["evidence", "add", s(&cert)]).ok().id(), id, "the same file twice is one evidence");
    let renamed = f.scratch.join("copy with another name.png");
    std::fs::copy(&cert, &renamed).unwrap();
    assert_eq!(f.run(&["evidence", "add", s(&renamed)]).ok().id(), id, "same content, other name: same evidence");
    assert_eq!(f.vault_files().len(), 1);
    assert_eq!(f.list("evidence").as_array().unwrap().len(), 1);

    // Attach to records.
    let edu = f
        .run(&["education", "add", "--title", "Course", "--provider", "P", "--date", "2024-01-10", "--hours", "3", "--category", "course"])
        .ok()
        .id();
    let exp = f.run(&["experience", "add", "--category", "service", "--title", "Clerk", "--start", "2020-01-01"]).ok().id();
    let linked = f.png("linked.png", 31);
    let linked_id = f.run(&["evidence", "add", s(&linked), "--to", &format!("education:{edu}")]).ok().id();
    assert_ne!(linked_id, id);
    assert_eq!(by_id(&f.list("education"), edu)["evidence"], json!([linked_id]));
    // Adding it again to the same record does not duplicate the link.
    assert_eq!(f.run(&["evidence", "add", s(&linked), "--to", &format!("education:{edu}")]).ok().id(), linked_id);
    assert_eq!(by_id(&f.list("education"), edu)["evidence"], json!([linked_id]));
    let proof = f.png("proof.png", 32);
    let proof_id = f.run(&["evidence", "add", s(&proof), "--to", &format!("experience:{exp}")]).ok().id();
    let letter = f.png("letter.png", 33);
    let letter_id = f.run(&["evidence", "add", s(&letter), "--to", &format!("letter:{exp}")]).ok().id();
    let row = by_id(&f.list("experience"), exp);
    assert_eq!((&row["evidence"], &row["letters"]), (&json!([proof_id]), &json!([letter_id])));
    assert_eq!(f.vault_files().len(), 4);

    // In use: refused, and the message says by what.
    let err = f.run(&["evidence", "remove", &linked_id.to_string()]).refused();
    assert!(err.contains(&format!("education {edu}")), "{err}");
    let err = f.run(&["evidence", "remove", &letter_id.to_string()]).refused();
    assert!(err.contains(&format!("experience {exp}")), "{err}");
    assert_eq!(f.list("evidence").as_array().unwrap().len(), 4);
    assert_eq!(f.vault_files().len(), 4);

    // Unused: removed, with its vault file.
    let row = by_id(&f.list("evidence"), id);
    let sha = row["sha256"].as_str().unwrap().to_string();
    let stored = f.vault().join(&sha[..2]).join(format!("{sha}.png"));
    assert!(stored.is_file());
    f.run(&["evidence", "remove", &id.to_string()]).ok();
    assert!(!stored.exists(), "the vault file goes with the evidence");
    assert_eq!(f.vault_files().len(), 3);
    assert!(f.list("evidence").as_array().unwrap().iter().all(|e| e["id"] != json!(id)));
    f.run(&["evidence", "remove", &id.to_string()]).refused();

    // Once the record is gone its evidence can go too.
    f.run(&["education", "remove", &edu.to_string()]).ok();
    f.run(&["evidence", "remove", &linked_id.to_string()]).ok();
    assert_eq!(f.vault_files().len(), 2);

    // Bad --to values and missing files.
    for to in ["education", "education:x", "course:1", "experience:"] {
        let err = f.run(&["evidence", "add", s(&cert), "--to", to]).refused();
        assert!(err.contains(to), "{err}");
    }
    let err = f.run(&["evidence", "add", s(&f.scratch.join("nope.pdf"))]).refused();
    assert!(err.contains("nope.pdf"), "{err}");
    f.run(&["verify"]).ok();
}

#[test]
fn list_evidence_json_fields_and_hashes() {
    let f = Folio::new();
    f.init();
    let png = f.png("scan.png", 40);
    let jpg = f.jpeg("photo.jpg", 41);
    let edu = f
        .run(&["education", "add", "--title", "Course", "--provider", "P", "--date", "2024-01-10", "--hours", "3", "--category", "course", "--evidence", s(&png)])
        .ok()
        .id();
    f.run(&["evidence", "add", s(&jpg)]).ok();
    let list = f.list("evidence");
    assert_eq!(list.as_array().unwrap().len(), 2);
    for (row, source, kind, ext, used) in [
        (&list[0], &png, "png", "png", json!([format!("education {edu}")])),
        (&list[1], &jpg, "jpeg", "jpg", json!([])),
    ] {
        assert_eq!(keys(row), set(&["id", "sha256", "original_name", "type", "size", "pages", "added_at", "used_by"]), "{row}");
        let bytes = std::fs::read(source).unwrap();
        let sha = row["sha256"].as_str().unwrap();
        assert_eq!(sha.len(), 64);
        assert!(sha.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()), "{sha}");
        assert_eq!(sha, sha256_hex(&bytes));
        assert_eq!(row["original_name"], source.file_name().unwrap().to_str().unwrap());
        assert_eq!(row["type"], kind);
        assert_eq!(row["size"], json!(bytes.len()));
        assert_eq!(row["pages"], json!(1));
        assert_eq!(row["used_by"], used);
        let added = row["added_at"].as_str().unwrap();
        assert!(added.len() == 20 && added.ends_with('Z') && &added[10..11] == "T", "RFC 3339 UTC: {added}");
        let stored = f.vault().join(&sha[..2]).join(format!("{sha}.{ext}"));
        assert_eq!(std::fs::read(&stored).unwrap(), bytes, "the vault holds the file's exact bytes");
    }
    // The sha256sum tool agrees, where it exists.
    if let Ok(out) = Command::new("sha256sum").arg(&png).output() {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.starts_with(list[0]["sha256"].as_str().unwrap()), "{text}");
    }
}

// ------------------------------------------------------------------ status

#[test]
fn status_json_has_the_documented_shape() {
    let f = Folio::new();
    f.init();
    let status = f.run(&["status", "--program", "cmc", "--today", "2026-11-24", "--json"]).ok().json();
    assert_eq!(status["program"], "cmc");
    assert_eq!(status["as_of"], "2026-11-24");
    let reqs = status["requirements"].as_array().unwrap();
    let ids: Vec<&str> = reqs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["education", "experience"]);
    for r in reqs {
        assert!(r["label"].is_string(), "{r}");
        assert_eq!(r["earned"].as_f64(), Some(0.0), "{r}");
        assert!(r["required"].as_f64().unwrap() > 0.0, "{r}");
        assert_eq!(r["met"], json!(false));
    }
    assert_eq!(reqs[0]["required"].as_f64(), Some(60.0));
    assert_eq!(reqs[1]["required"].as_f64(), Some(50.0));
    assert_eq!(status["eligible"], json!(false));
    assert!(status["eligible_on"].is_null() || status["eligible_on"].is_string());
    let missing = status["missing"].as_array().unwrap();
    assert!(!missing.is_empty());
    assert!(missing.iter().all(Value::is_string));

    // Every program answers; the default program is cmc and the default day is today.
    for p in ["cmc", "mmc", "mn-cmc"] {
        let st = f.run(&["status", "--program", p, "--today", "2026-11-24", "--json"]).ok().json();
        assert_eq!(st["program"], p);
        assert!(st["eligible"].is_boolean());
        f.run(&["status", "--program", p, "--today", "2026-11-24"]).ok();
    }
    assert_eq!(f.run(&["status", "--json"]).ok().json()["program"], "cmc");

    let err = f.run(&["status", "--program", "cpa", "--today", "2026-11-24"]).refused();
    assert!(err.contains("cpa") && err.contains("cmc"), "{err}");
    let err = f.run(&["status", "--today", "2026-02-30"]).refused();
    assert!(err.contains("2026-02-30"), "{err}");
}

#[test]
fn status_reaches_eligibility_on_the_day_membership_reaches_two_years() {
    let f = Folio::new();
    f.init();
    f.run(&["membership", "add", "--type", "full", "--start", "2024-03-15"]).ok();
    f.run(&["profile", "set", "--name", "Wójcik-Łęczyńska", "--ethics-affirmed", "2024-01-15"]).ok();
    for (year, date, end) in [(1, "2023-03-20", "2023-03-24"), (2, "2024-03-18", "2024-03-22"), (3, "2025-03-17", "2025-03-21")] {
        f.run(&["education", "add", "--title", &format!("Municipal Clerks Institute, Year {year}"), "--provider", "St. Cloud State",
            "--date", date, "--end-date", end, "--hours", "40", "--category", "institute"])
            .ok();
    }
    let letter = f.png("letter.png", 50);
    f.run(&["experience", "add", "--category", "service", "--title", "City Clerk", "--organisation", "City", "--start", "2019-05-01",
        "--points", "50", "--reason", "claimed", "--letter", s(&letter)])
        .ok();

    let before = f.run(&["status", "--program", "cmc", "--today", "2026-03-14", "--json"]).ok().json();
    assert_eq!(before["eligible"], json!(false), "{before:#}");
    assert_eq!(before["eligible_on"], "2026-03-15", "{before:#}");
    for r in before["requirements"].as_array().unwrap() {
        assert_eq!(r["met"], json!(true), "points are complete already: {r}");
        assert!(r["earned"].as_f64().unwrap() >= r["required"].as_f64().unwrap(), "{r}");
    }
    let missing = before["missing"].as_array().unwrap();
    assert!(missing.iter().any(|m| m.as_str().unwrap().contains("2026-03-15")), "{missing:?}");

    let on = f.run(&["status", "--program", "cmc", "--today", "2026-03-15", "--json"]).ok().json();
    assert_eq!(on["eligible"], json!(true), "{on:#}");
    assert_eq!(on["missing"], json!([]));
    let text = f.run(&["status", "--today", "2026-03-15"]).ok().stdout;
    assert!(text.contains("Eligible: yes"), "{text}");

    // Without the letter the same day is not eligible.
    let exp = f.list("experience")[0]["id"].as_i64().unwrap();
    let letter_id = f.list("experience")[0]["letters"][0].as_i64().unwrap();
    f.run(&["experience", "remove", &exp.to_string()]).ok();
    f.run(&["experience", "add", "--category", "service", "--title", "City Clerk", "--start", "2019-05-01", "--points", "50", "--reason", "claimed"]).ok();
    let without = f.run(&["status", "--today", "2026-03-15", "--json"]).ok().json();
    assert_eq!(without["eligible"], json!(false));
    assert!(without["missing"].as_array().unwrap().iter().any(|m| m.as_str().unwrap().contains("letter")), "{without:#}");
    f.run(&["evidence", "remove", &letter_id.to_string()]).ok();
}

/// With one unbroken membership period there is no lapse, so the continuous and cumulative
/// readings of "two years of membership" must give the same day, and `missing` must not talk
/// about "time before a lapse".
#[test]
fn without_a_lapse_the_other_reading_is_not_mentioned() {
    let f = Folio::new();
    f.init();
    f.run(&["membership", "add", "--type", "full", "--start", "2024-03-15"]).ok();
    let st = f.run(&["status", "--program", "cmc", "--today", "2026-03-14", "--json"]).ok().json();
    let m = &st["membership"];
    assert_eq!(m["lapses"], json!([]), "{m}");
    assert_eq!(m["eligible_on_continuous"], "2026-03-15", "{m}");
    // 730 inclusive days (docs/domain/iimc-research.md §3.5, example 8): a day before the
    // calendar date across a leap year. Expected, and not worth a word without a lapse.
    assert_eq!(m["eligible_on_cumulative"], "2026-03-14", "{m}");
    for line in st["missing"].as_array().unwrap().iter().chain(st["notes"].as_array().unwrap()) {
        let line = line.as_str().unwrap();
        assert!(!line.contains("lapse") && !line.contains("2026-03-14"), "there is no lapse: {line}");
    }
}

#[test]
fn with_no_membership_recorded_status_asks_to_record_one_not_to_renew_it() {
    let f = Folio::new();
    f.init();
    let st = f.run(&["status", "--program", "cmc", "--today", "2026-03-14", "--json"]).ok().json();
    let said = "Membership: no IIMC membership is recorded; record your membership (its type and the day it began).";
    let step = st["steps"].as_array().unwrap().iter().find(|s| s["text"] == said).unwrap_or_else(|| panic!("{st}"));
    assert_eq!(step["hint"], "clerkfolio membership add --type full --start YYYY-MM-DD");
    assert!(st["missing"].as_array().unwrap().iter().all(|m| !m.as_str().unwrap().contains("renew")), "{}", st["missing"]);
    // Recorded, then ended: now it is a renewal.
    f.run(&["membership", "add", "--type", "full", "--start", "2020-01-01", "--end", "2024-12-31"]).ok();
    let st = f.run(&["status", "--program", "cmc", "--today", "2026-03-14", "--json"]).ok().json();
    let missing: Vec<&str> = st["missing"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    assert!(missing.contains(&"Membership: you are not an active IIMC member on this day; renew your membership (and record the new period)."), "{missing:?}");
    assert!(!missing.contains(&said), "{missing:?}");
}

#[test]
fn records_without_points_are_named_in_what_is_missing() {
    let f = Folio::new();
    f.init();
    let status = |f: &Folio| f.run(&["status", "--program", "cmc", "--today", "2026-03-14", "--json"]).ok().json();
    f.run(&["experience", "add", "--category", "committee", "--title", "Elections committee", "--start", "2021-01-01", "--end", "2022-12-31"]).ok();
    let one = status(&f);
    let step = one["steps"].as_array().unwrap().iter().find(|s| s["text"].as_str().unwrap().contains("no points entered")).unwrap_or_else(|| panic!("{one}"));
    assert_eq!(step["text"], "Experience: no points entered for \"Elections committee\"; enter the points IIMC awarded or that you claim.");
    assert_eq!(step["hint"], "clerkfolio experience edit 1 --points X --reason R");
    f.run(&["experience", "add", "--category", "committee", "--title", "Budget committee", "--start", "2023-01-01"]).ok();
    let two = status(&f);
    let missing: Vec<&str> = two["missing"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    assert!(
        missing.contains(&"Experience: no points entered for \"Elections committee\" and \"Budget committee\"; enter the points IIMC awarded or that you claim."),
        "{missing:?}"
    );
    assert!(missing.iter().all(|m| !m.contains("record(s)")), "{missing:?}");
}

// ------------------------------------------------------------------ programs

#[test]
fn programs_list_show_and_check() {
    let f = Folio::new();
    let list = f.run(&["programs"]).ok().stdout;
    let ids: Vec<&str> = list.lines().filter_map(|l| l.split_whitespace().next()).filter(|w| ["cmc", "mmc", "mn-cmc"].contains(w)).collect();
    assert_eq!(ids, ["cmc", "mmc", "mn-cmc"], "{list}");
    let json = f.run(&["programs", "--json"]).ok().json();
    let json_ids: Vec<&str> = json.as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(json_ids, ["cmc", "mmc", "mn-cmc"]);

    let show = f.run(&["programs", "show", "cmc"]).ok().stdout;
    let (education, experience) = show.split_once("Experience category ids:").expect("both category lists");
    let category_ids = |text: &str| -> BTreeSet<String> {
        text.split_once("category ids:")
            .map_or(text, |(_, rest)| rest)
            .lines()
            .filter_map(|l| l.strip_prefix("  ").and_then(|l| l.split_whitespace().next()))
            .map(String::from)
            .collect()
    };
    let edu_ids = category_ids(education.rsplit_once("Education category ids:").unwrap().1);
    for c in ["institute", "association", "course", "conference", "webinar", "degree"] {
        assert!(edu_ids.contains(c), "education category {c} missing: {edu_ids:?}");
    }
    let exp_ids = category_ids(experience);
    for c in ["service", "committee", "teaching"] {
        assert!(exp_ids.contains(c), "experience category {c} missing: {exp_ids:?}");
    }
    for p in ["mmc", "mn-cmc"] {
        f.run(&["programs", "show", p]).ok();
    }
    // `--json` belongs to `programs`, so it goes before `show`.
    let shown = f.run(&["programs", "--json", "show", "cmc"]).ok().json();
    assert_eq!(shown["id"], "cmc");
    assert!(shown["categories"]["experience"]["service"].is_string());
    let err = f.run(&["programs", "show", "cpa"]).refused();
    assert!(err.contains("cpa"), "{err}");

    // check: a good copy passes, broken ones are refused naming the file.
    let good = f.scratch.join("my-cmc.toml");
    std::fs::copy(cmc_toml(), &good).unwrap();
    let out = f.run(&["programs", "check", s(&good)]).ok().stdout;
    assert!(out.contains("my-cmc.toml") && out.contains("valid"), "{out}");
    let text = std::fs::read_to_string(cmc_toml()).unwrap();
    let broken_cases = [
        ("broken-syntax.toml", text.replacen("id = \"cmc\"", "id = cmc\"", 1)),
        ("broken-required.toml", text.replacen("required = 60", "required = -60", 1)),
        ("broken-category.toml", text.replacen("categories = [\"institute\", \"academy\"]", "categories = [\"nope\"]", 1)),
        ("broken-field.toml", text.replacen("required = 60", "required = 60\nrequird = 61", 1)),
        ("empty.toml", String::new()),
    ];
    for (name, content) in broken_cases {
        assert_ne!(content, text, "{name} must differ from the original");
        let path = f.scratch.join(name);
        std::fs::write(&path, content).unwrap();
        let err = f.run(&["programs", "check", s(&path)]).refused();
        assert!(err.contains(name), "the error should name {name}: {err}");
    }
    let err = f.run(&["programs", "check", s(&f.scratch.join("missing.toml"))]).refused();
    assert!(err.contains("missing.toml"), "{err}");
}

#[test]
fn a_rules_file_in_the_data_folder_changes_status_and_a_malformed_one_is_named() {
    let f = Folio::new();
    f.init();
    let required = |f: &Folio| {
        let st = f.run(&["status", "--program", "cmc", "--today", "2026-11-24", "--json"]).ok().json();
        st["requirements"][0]["required"].as_f64().unwrap()
    };
    assert_eq!(required(&f), 60.0);

    let programs = f.data.join("programs");
    std::fs::create_dir_all(&programs).unwrap();
    let text = std::fs::read_to_string(cmc_toml()).unwrap();
    assert_eq!(text.matches("required = 60").count(), 1);
    std::fs::write(programs.join("cmc.toml"), text.replace("required = 60", "required = 70")).unwrap();
    assert_eq!(required(&f), 70.0);
    let show = f.run(&["programs", "show", "cmc"]).ok().stdout;
    assert!(show.contains("70 points") && show.contains("cmc.toml"), "{show}");
    // A file that is not *.toml is ignored.
    std::fs::write(programs.join("notes.txt"), "not rules").unwrap();
    assert_eq!(required(&f), 70.0);

    // A malformed rules file stops every command that opens the folder, naming the file.
    std::fs::write(programs.join("zz-mine.toml"), "id = \"mine\"\nname = 3\n").unwrap();
    for args in [&["status", "--today", "2026-11-24"][..], &["list", "education"], &["programs"], &["init"]] {
        let err = f.run(args).refused();
        assert!(err.contains("zz-mine.toml"), "`{}`: {err}", args.join(" "));
    }
    std::fs::remove_file(programs.join("zz-mine.toml")).unwrap();
    assert_eq!(required(&f), 70.0);
    std::fs::remove_file(programs.join("cmc.toml")).unwrap();
    assert_eq!(required(&f), 60.0);
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
    assert!(status["eligible"].is_boolean());
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
