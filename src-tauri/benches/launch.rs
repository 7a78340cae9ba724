//! The desktop app's launch time, idle memory and binary size (docs/BENCHMARKS.md, "Desktop app").
//!
//!     xvfb-run -a -s "-screen 0 1920x1080x24" cargo bench -p clerkfolio-desktop --bench launch
//!
//! Runs the optimised `clerkfolio-desktop` (release settings) on a demo portfolio in a temporary
//! data folder, with nothing between it and the display (no WebDriver):
//! - launch: `CLERKFOLIO_STARTUP_TRACE=exit` makes the app print its own timeline once the
//!   dashboard has been painted with the portfolio's figures (ui/app.js marks, `startup_report`)
//!   and exit; counted from the moment this bench starts the process; LAUNCHES launches, each
//!   timeline and the median printed;
//! - idle memory: PSS and RSS of the app and every process it started (WebKit's web and network
//!   processes), from /proc/<pid>/smaps_rollup, IDLE_WAIT after start;
//! - the size of the binary measured.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use clerkfolio_core::{demo, workspace::Workspace};
use serde_json::Value;

const APP: &str = env!("CARGO_BIN_EXE_clerkfolio-desktop");
const LAUNCHES: usize = 10;
const IDLE_WAIT: Duration = Duration::from_secs(10);

fn main() {
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        eprintln!("launch bench SKIPPED: DISPLAY is not set (run under xvfb-run -a -s \"-screen 0 1920x1080x24\")");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let (data, home) = (tmp.path().join("data"), tmp.path().join("home"));
    std::fs::create_dir_all(&home).unwrap();
    {
        let mut ws = Workspace::open(&data).unwrap();
        demo::fill(&mut ws).unwrap();
    }
    println!("binary: {APP}: {:.1} MB", std::fs::metadata(APP).unwrap().len() as f64 / 1e6);

    // One launch first: the OS file cache warm, as for a clerk who has started the app before.
    launch(&data, &home);
    let mut painted = Vec::new();
    for n in 1..=LAUNCHES {
        let (timeline, wall) = launch(&data, &home);
        println!("launch {n:>2}: {timeline}  (process exit after {wall:.0?})");
        painted.push(timeline["painted"].as_f64().expect("the painted mark"));
    }
    painted.sort_by(f64::total_cmp);
    println!(
        "launch to the dashboard painted with data: median {:.0} ms (min {:.0}, max {:.0}, {LAUNCHES} launches)",
        painted[LAUNCHES / 2],
        painted[0],
        painted[LAUNCHES - 1]
    );

    idle_memory(&data, &home);
}

fn app(data: &Path, home: &Path) -> Command {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(APP);
    cmd.env("CLERKFOLIO_DATA_DIR", data)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        // The notification service is not what is measured (and a bare Xvfb session has none).
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .process_group(0);
    cmd
}

/// One launch to the painted dashboard: the app's timeline in ms since the process was started
/// (the app's own figures count from `run`; the time before it, measured on the wall clock, is
/// added and shown as `before_run`), and the wall time to the process's exit.
fn launch(data: &Path, home: &Path) -> (Value, Duration) {
    let started = Instant::now();
    let spawned_unix_ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs_f64() * 1000.0;
    let out = app(data, home).env("CLERKFOLIO_STARTUP_TRACE", "exit").stderr(Stdio::piped()).output().expect("the app starts");
    let wall = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .find_map(|l| l.strip_prefix("clerkfolio startup (ms since launch): "))
        .unwrap_or_else(|| panic!("no startup timeline from the app (exit {:?}):\n{stderr}", out.status));
    let mut timeline: serde_json::Map<String, Value> = serde_json::from_str(line).unwrap();
    let launched = timeline.remove("launched_unix_ms").and_then(|v| v.as_f64()).expect("launched_unix_ms");
    let before_run = (launched - spawned_unix_ms).max(0.0);
    for value in timeline.values_mut() {
        *value = serde_json::json!((value.as_f64().unwrap() + before_run).round());
    }
    timeline.insert("before_run".into(), serde_json::json!(before_run.round()));
    (Value::Object(timeline), wall)
}

fn idle_memory(data: &Path, home: &Path) {
    let mut child = app(data, home).stderr(Stdio::null()).spawn().expect("the app starts");
    std::thread::sleep(IDLE_WAIT);
    let mut processes = vec![(child.id(), comm(child.id()))];
    processes.extend(descendants(child.id()));
    let (mut rss, mut pss) = (0, 0);
    for (pid, name) in &processes {
        let (r, p) = memory_kib(*pid);
        println!("  {pid:>7} {name:<16} PSS {:>6.1} MiB  RSS {:>6.1} MiB", p as f64 / 1024.0, r as f64 / 1024.0);
        rss += r;
        pss += p;
    }
    println!(
        "idle memory {IDLE_WAIT:?} after start, {} processes: PSS {:.1} MiB, RSS {:.1} MiB",
        processes.len(),
        pss as f64 / 1024.0,
        rss as f64 / 1024.0
    );
    // The whole group: the app and its WebKit processes.
    let _ = Command::new("kill").args(["-TERM", "--", &format!("-{}", child.id())]).status();
    let _ = child.wait();
}

fn comm(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default().trim().to_string()
}

/// Processes started under `root` (by parent pid), with their command names.
fn descendants(root: u32) -> Vec<(u32, String)> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
        // pid (comm) state ppid ...
        let Some(close) = stat.rfind(')') else { continue };
        let ppid: u32 = stat[close + 2..].split_whitespace().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
        all.push((pid, ppid));
    }
    let mut out = Vec::new();
    let mut frontier = vec![root];
    while let Some(parent) = frontier.pop() {
        for &(pid, ppid) in &all {
            if ppid == parent {
                out.push((pid, comm(pid)));
                frontier.push(pid);
            }
        }
    }
    out
}

/// (RSS, PSS) of a process in KiB, from /proc/<pid>/smaps_rollup.
fn memory_kib(pid: u32) -> (u64, u64) {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    let field = |name: &str| {
        text.lines().find(|l| l.starts_with(name)).and_then(|l| l.split_whitespace().nth(1)).and_then(|v| v.parse().ok()).unwrap_or(0)
    };
    (field("Rss:"), field("Pss:"))
}
