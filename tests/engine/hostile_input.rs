//! Hostile input without a fuzzer: every file of the real-world corpus, and a few hundred
//! damaged copies of it and of our own formats (truncations, bit flips and overwritten runs
//! from a fixed-seed generator, so a failure replays), through every parser that takes bytes
//! from outside: evidence inspection (`vault::inspect`), CSV import parsing
//! (`exchange::parse_csv`) and backup reading (`backup::verify_archive`). None may panic; each
//! answers accepted or refused. The same functions are the cargo-fuzz targets in
//! src-tauri/core/fuzz for longer runs on nightly.

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use clerkfolio_core::{Workspace, backup, demo, exchange, vault};
use crate::common::Lcg;

/// Files the parsers are fed, with a name for messages.
fn seeds(tmp: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut seeds = Vec::new();
    {
        let corpus = crate::common::corpus();
        for folder in ["pdf", "images"] {
            let mut files: Vec<_> = std::fs::read_dir(corpus.join(folder)).unwrap().map(|e| e.unwrap().path()).collect();
            files.sort();
            for f in files {
                seeds.push((format!("{folder}/{}", f.file_name().unwrap().to_string_lossy()), std::fs::read(&f).unwrap()));
            }
        }
    }
    // Our own formats, made the way the app makes them: a demo portfolio's evidence, its CSV
    // export and its backup.
    let data = tmp.join("data");
    let mut ws = Workspace::open(&data).unwrap();
    demo::fill(&mut ws).unwrap();
    for f in crate::common::vault_files(&data) {
        seeds.push((format!("demo {}", f.file_name().unwrap().to_string_lossy()), std::fs::read(&f).unwrap()));
    }
    let csv = tmp.join("records.csv");
    ws.export(exchange::ExportFormat::Csv, &csv).unwrap();
    seeds.push(("export.csv".into(), std::fs::read(&csv).unwrap()));
    seeds.push((
        "hand-made.csv".into(),
        "Record;Title;Date;Hours;Category;Provider;Learned\r\neducation;\"A; \"\"quoted\"\"\";03/15/2024;6;course;IIMC;\"two\r\nlines\"\r\n".into(),
    ));
    let zip = tmp.join("backup.zip");
    backup::create(&ws, &zip).unwrap();
    seeds.push(("backup.zip".into(), std::fs::read(&zip).unwrap()));
    seeds
}

/// Damaged copies of `bytes`: cut at several places, single bits flipped, runs overwritten.
/// Large files get fewer (a damaged 5 MB PDF takes a while to give up on in a debug build).
fn mutations(bytes: &[u8], rng: &mut Lcg) -> Vec<(String, Vec<u8>)> {
    let len = bytes.len();
    let mut out = Vec::new();
    for cut in [0, 1, 7, len / 3, len / 2, len.saturating_sub(1)] {
        if cut < len {
            out.push((format!("cut at {cut}"), bytes[..cut].to_vec()));
        }
    }
    if len == 0 {
        return out;
    }
    let flips = if len > 1_000_000 { 2 } else { 6 };
    for _ in 0..flips {
        let mut copy = bytes.to_vec();
        let at = rng.next() as usize % len;
        let bit = rng.next() % 8;
        copy[at] ^= 1 << bit;
        out.push((format!("bit {bit} of byte {at} flipped"), copy));
    }
    for fill in [0x00u8, 0xFF] {
        let mut copy = bytes.to_vec();
        let at = rng.next() as usize % len;
        let run = (rng.next() as usize % 64 + 1).min(len - at);
        copy[at..at + run].fill(fill);
        out.push((format!("{run} bytes at {at} set to {fill:#04x}"), copy));
    }
    out
}

/// One parser's verdict on one input: accepted, refused, or a panic (with its message).
enum Verdict {
    Accepted,
    Refused,
    Panicked(String),
}

/// What no input may take from one parser (a debug build, a 5 MB PDF): anything longer is a
/// hang in the making.
const PATIENCE: std::time::Duration = std::time::Duration::from_secs(10);

/// Runs `f`, timing it, and turns a panic into a verdict; a slow run is a failure of its own.
fn verdict<T, E>(what: &str, case: &str, failures: &mut Vec<String>, f: impl FnOnce() -> Result<T, E>) -> Verdict {
    let started = Instant::now();
    let verdict = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(_)) => Verdict::Accepted,
        Ok(Err(_)) => Verdict::Refused,
        Err(p) => {
            let msg = p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_default();
            Verdict::Panicked(msg)
        }
    };
    if started.elapsed() > PATIENCE {
        failures.push(format!("{what} took {:?} on {case}", started.elapsed()));
    }
    if let Verdict::Panicked(msg) = &verdict {
        failures.push(format!("{what} panicked on {case}: {msg}"));
    }
    verdict
}

/// Every parser on `bytes`. A file cut short (`cut`) is damaged whatever it was: the vault and
/// the backup reader must refuse it, not only survive it (a CSV cut short is still a CSV).
fn all_parsers(case: &str, bytes: &[u8], cut: bool, failures: &mut Vec<String>) {
    let inspected = verdict("vault::inspect", case, failures, || vault::inspect(bytes, "file"));
    verdict("exchange::parse_csv", case, failures, || exchange::parse_csv(bytes, "file.csv"));
    let archive = verdict("backup::verify_archive", case, failures, || backup::verify_archive(Cursor::new(bytes), "file.zip"));
    if cut && matches!(inspected, Verdict::Accepted) {
        failures.push(format!("vault::inspect accepted {case}"));
    }
    if cut && matches!(archive, Verdict::Accepted) {
        failures.push(format!("backup::verify_archive accepted {case}"));
    }
}

#[test]
fn corpus_and_damaged_copies_never_panic_a_parser() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = seeds(tmp.path());
    let mut rng = Lcg(0xF022_2026);
    let mut panics = Vec::new();
    let mut cases = 0;
    let start = Instant::now();
    // Panics are caught and reported together; keep the default hook from printing each one.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for (name, bytes) in &seeds {
        all_parsers(name, bytes, false, &mut panics);
        cases += 1;
        for (how, damaged) in mutations(bytes, &mut rng) {
            let case = format!("{name}, {how}");
            // Cut well before its end (the last byte is often a line end a reader does without).
            let cut_short = how.starts_with("cut at") && damaged.len() + 16 < bytes.len();
            all_parsers(&case, &damaged, cut_short, &mut panics);
            cases += 1;
        }
    }
    std::panic::set_hook(hook);
    eprintln!("hostile input: {cases} inputs × 3 parsers in {:?}", start.elapsed());
    assert!(cases >= 300, "only {cases} cases");
    assert!(panics.is_empty(), "{} failures:\n{}", panics.len(), panics.join("\n"));
}
