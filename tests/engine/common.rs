//! Helpers shared by the tests that run the `clerkfolio` binary (cli.rs, evidence_corpus.rs,
//! crash.rs). Each test crate compiles this module on its own, so a helper one of them does not
//! use is not dead code.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use sha2::{Digest, Sha256};

pub const BIN: &str = env!("CARGO_BIN_EXE_clerkfolio");

/// What one run of the binary did.
pub struct Run {
    pub what: String,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn show(&self) -> String {
        format!("`clerkfolio {}` exited {:?}\n--- stdout\n{}--- stderr\n{}", self.what, self.code, self.stdout, self.stderr)
    }

    /// Succeeded, silently on stderr.
    #[track_caller]
    pub fn ok(self) -> Run {
        assert_eq!(self.code, Some(0), "expected success: {}", self.show());
        assert!(self.stderr.is_empty(), "success should print nothing on stderr: {}", self.show());
        self
    }

    /// Failed (exit != 0, not killed) with exactly one `error:` line on stderr; returns that line.
    #[track_caller]
    pub fn refused(self) -> String {
        assert!(matches!(self.code, Some(c) if c != 0), "expected a refusal: {}", self.show());
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "expected exactly one line on stderr: {}", self.show());
        assert!(lines[0].starts_with("error: "), "stderr should start with 'error:': {}", self.show());
        assert!(self.stdout.is_empty(), "a refused command should print nothing on stdout: {}", self.show());
        lines[0].to_string()
    }

    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.show()))
    }

    /// The id an `add` printed: one integer on one line.
    #[track_caller]
    pub fn id(&self) -> i64 {
        assert_eq!(self.stdout.lines().count(), 1, "an add prints one line: {}", self.show());
        self.stdout.trim().parse().unwrap_or_else(|_| panic!("not an id: {}", self.show()))
    }
}

/// The binary with `CLERKFOLIO_DATA_DIR` removed, so the developer's own setting never leaks in.
pub fn clerkfolio() -> Command {
    let mut c = Command::new(BIN);
    c.env_remove("CLERKFOLIO_DATA_DIR");
    c
}

/// Runs `c` to the end; `what` names it in messages.
pub fn exec(mut c: Command, what: String) -> Run {
    let out = c.output().expect("run clerkfolio");
    Run {
        what,
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// `clerkfolio --data-dir DATA ARGS...` on a prepared command (one with more environment set).
pub fn run_with(mut c: Command, data: &Path, args: &[&str]) -> Run {
    c.arg("--data-dir").arg(data).args(args);
    exec(c, args.join(" "))
}

/// `clerkfolio --data-dir DATA ARGS...`, without `CLERKFOLIO_DATA_DIR`.
pub fn run(data: &Path, args: &[&str]) -> Run {
    run_with(clerkfolio(), data, args)
}

pub fn s(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Every file under DATA/vault, recursively, sorted.
pub fn vault_files(data: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() { walk(&p, out) } else { out.push(p) }
        }
    }
    let mut out = Vec::new();
    walk(&data.join("vault"), &mut out);
    out.sort();
    out
}

/// The real-world corpus kept in the repository (tests/fixtures/corpus, with its licence). It is
/// part of every clone, so a test that needs it never skips: a missing corpus is a failure.
pub fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/corpus");
    assert!(
        dir.join("pdf").is_dir() && dir.join("images").is_dir(),
        "the test corpus is missing at {} (it is part of the repository)",
        dir.display()
    );
    dir
}

/// A small deterministic generator (64-bit LCG), so a failure can be replayed.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// How one run of [`kill_randomly`] ended.
pub enum Ending {
    /// It exited 0 before the kill; its output.
    Completed(std::process::Output),
    Killed,
}

/// Runs `command(n)` for n in `runs`, each killed with SIGKILL after a random delay drawn
/// uniformly from [0, 1.5 × `typical`] (a seeded generator, so a failure replays), and hands
/// each ending to `after`. The window narrows or widens when eight runs in a row all ended the
/// same way (a machine faster or slower than `typical` suggested). A run that neither completed
/// nor was killed fails the test. Returns (completed, killed) and asserts both happened.
#[cfg(unix)]
pub fn kill_randomly(
    typical: std::time::Duration,
    runs: std::ops::Range<u32>,
    seed: u64,
    mut command: impl FnMut(u32) -> Command,
    mut after: impl FnMut(u32, Ending),
) -> (u32, u32) {
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    use std::time::Duration;

    let mut window = typical.mul_f64(1.5).max(Duration::from_micros(500));
    let mut rng = Lcg(seed);
    let (mut completed, mut killed) = (0u32, 0u32);
    let mut recent = Vec::new();
    let mut log = Vec::new();
    for n in runs {
        let mut c = command(n);
        c.stdout(Stdio::piped()).stderr(Stdio::piped());
        let delay = Duration::from_micros(rng.next() % (window.as_micros() as u64 + 1));
        let mut child = c.spawn().expect("start clerkfolio");
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL; harmless if it already exited
        let out = child.wait_with_output().unwrap();
        let done = out.status.success();
        if done {
            completed += 1;
        } else if out.status.signal() == Some(9) {
            killed += 1;
        } else {
            panic!("run {n} neither succeeded nor was killed ({:?}): {}", out.status, String::from_utf8_lossy(&out.stderr));
        }
        log.push(format!("{n}: slept {delay:?} → {}", if done { "done" } else { "killed" }));
        after(n, if done { Ending::Completed(out) } else { Ending::Killed });
        recent.push(done);
        if recent.len() == 8 {
            if recent.iter().all(|d| *d) {
                window = window.mul_f64(0.6);
            } else if recent.iter().all(|d| !d) {
                window = window.mul_f64(1.6);
            }
            recent.clear();
        }
    }
    eprintln!("kill test: typical run {typical:?}, final window {window:?}: {completed} completed, {killed} killed");
    assert!(killed > 0, "no run was killed; the kill window is too wide:\n{}", log.join("\n"));
    assert!(completed > 0, "no run completed; the kill window is too narrow:\n{}", log.join("\n"));
    (completed, killed)
}

/// The median time of three uninterrupted runs of `command(n)` (each must succeed).
pub fn typical_run(mut command: impl FnMut(u32) -> Command) -> std::time::Duration {
    let mut times: Vec<std::time::Duration> = (0..3)
        .map(|n| {
            let start = std::time::Instant::now();
            let out = command(n).output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            start.elapsed()
        })
        .collect();
    times.sort();
    times[1]
}

/// A PNG of noise (xorshift from `seed`), `side` pixels square: about side² × 3 bytes, since
/// noise does not compress; writing and hashing it takes a moment.
pub fn noise_png(path: &Path, side: u32, seed: u32) -> PathBuf {
    let mut state = seed | 1;
    image::RgbImage::from_fn(side, side, |_, _| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        image::Rgb([state as u8, (state >> 8) as u8, (state >> 16) as u8])
    })
    .save(path)
    .unwrap();
    path.to_path_buf()
}
