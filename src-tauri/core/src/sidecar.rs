//! Running a helper program as a separate process (a "sidecar"): Tesseract for OCR, libheif's
//! `heif-convert` for HEIC photos. A crash or a hang in it costs one file, never the app; it is
//! killed once it runs over its time; and the app builds and runs without it.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A program looked for as the module documentation of its user says: the environment variable
/// `env` (a path), beside the running program (where installers put bundled copies), then `PATH`.
/// The error says what to install.
pub fn find(env: &str, name: &str, missing: &str) -> std::result::Result<PathBuf, String> {
    match std::env::var_os(env) {
        Some(p) if !p.is_empty() => {
            let p = PathBuf::from(p);
            if p.is_file() { Ok(p) } else { Err(format!("{env} names {}, which does not exist", p.display())) }
        }
        _ => {
            let name = if cfg!(windows) { format!("{name}.exe") } else { name.to_string() };
            let beside = std::env::current_exe().ok().and_then(|exe| Some(exe.parent()?.join(&name))).filter(|p| p.is_file());
            let on_path = || std::env::split_paths(&std::env::var_os("PATH")?).map(|d| d.join(&name)).find(|p| p.is_file());
            beside.or_else(on_path).ok_or_else(|| missing.to_string())
        }
    }
}

/// Why a run gave no output.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The program is not there (removed since it was found).
    Missing,
    /// It ran over its time and was killed.
    TimedOut,
    /// It could not start, or it failed: in words, with its last line of complaint.
    Failed(String),
}

/// Runs `command` (its standard input closed, both outputs read), killing it once it runs over
/// `timeout`; returns its standard output. `label` names it in messages ("the OCR engine").
pub fn run(command: &mut Command, program: &Path, timeout: Duration, label: &str) -> std::result::Result<Vec<u8>, Failure> {
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Failure::Missing,
        _ => Failure::Failed(format!("cannot start {label} {}: {e}", program.display())),
    })?;
    // Read both pipes on threads so a chatty child never blocks on a full pipe while we wait.
    let (Some(mut stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(Failure::Failed(format!("no output from {label}")));
    };
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stdout.read_to_end(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stderr.take(64 * 1024).read_to_end(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Failure::TimedOut);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(15)),
            Err(e) => return Err(Failure::Failed(format!("lost {label}: {e}"))),
        }
    };
    let out = out.join().unwrap_or_default();
    let err = err.join().unwrap_or_default();
    if !status.success() {
        let why = String::from_utf8_lossy(&err);
        let why = why.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no message");
        return Err(Failure::Failed(format!("{label} failed ({status}): {why}")));
    }
    Ok(out)
}
