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
//!   processes), from /proc/<pid>/smaps, IDLE_WAIT after start, split into the system's shared
//!   libraries and data files, the app's own binary, and heap and other anonymous memory;
//! - the size of the binary measured.
//!
//! Like a desktop session, the app gets a D-Bus session bus (a private `dbus-daemon`), started
//! before the first launch and kept for all of them; without one, GLib autolaunches a bus inside
//! the measured launch, which no desktop does.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use clerkfolio_core::{demo, workspace::Workspace};
use serde_json::Value;

#[path = "../../tests/desktop/session_bus.rs"]
mod session_bus;

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
    let bus = session_bus::SessionBus::start(tmp.path());
    let env = Env { data, home, bus: bus.address.clone() };
    {
        let mut ws = Workspace::open(&env.data).unwrap();
        demo::fill(&mut ws).unwrap();
    }
    println!("binary: {APP}: {:.1} MB", std::fs::metadata(APP).unwrap().len() as f64 / 1e6);

    // One launch first: the OS file cache warm, as for a clerk who has started the app before.
    launch(&env);
    let mut painted = Vec::new();
    for n in 1..=LAUNCHES {
        let (timeline, wall) = launch(&env);
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

    idle_memory(&env);
}

/// Where the app runs: its data folder, its home and the session bus it is given.
struct Env {
    data: PathBuf,
    home: PathBuf,
    bus: String,
}

fn app(env: &Env) -> Command {
    use std::os::unix::process::CommandExt;
    let (data, home) = (&env.data, &env.home);
    let mut cmd = Command::new(APP);
    cmd.env("CLERKFOLIO_DATA_DIR", data)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("DBUS_SESSION_BUS_ADDRESS", &env.bus)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .process_group(0);
    cmd
}

/// One launch to the painted dashboard: the app's timeline in ms since the process was started
/// (the app's own figures count from `run`; the time before it, measured on the wall clock, is
/// added and shown as `before_run`), and the wall time to the process's exit.
fn launch(env: &Env) -> (Value, Duration) {
    let started = Instant::now();
    let spawned_unix_ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs_f64() * 1000.0;
    let out = app(env).env("CLERKFOLIO_STARTUP_TRACE", "exit").stderr(Stdio::piped()).output().expect("the app starts");
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

fn idle_memory(env: &Env) {
    let mut child = app(env).stderr(Stdio::null()).spawn().expect("the app starts");
    std::thread::sleep(IDLE_WAIT);
    let mut processes = vec![(child.id(), comm(child.id()))];
    processes.extend(descendants(child.id()));
    let mut total = Memory::default();
    for (pid, name) in &processes {
        let m = memory(*pid);
        println!(
            "  {pid:>7} {name:<16} PSS {:>6.1} MiB (libraries {:.1}, binary {:.1}, heap and other {:.1})  RSS {:>6.1} MiB",
            mib(m.pss()),
            mib(m.libraries),
            mib(m.binary),
            mib(m.anonymous),
            mib(m.rss)
        );
        total = total.add(&m);
    }
    println!(
        "idle memory {IDLE_WAIT:?} after start, {} processes: PSS {:.1} MiB, RSS {:.1} MiB",
        processes.len(),
        mib(total.pss()),
        mib(total.rss)
    );
    println!(
        "  of the PSS: system libraries and data files {:.1} MiB, clerkfolio-desktop binary {:.1} MiB, heap and other {:.1} MiB",
        mib(total.libraries),
        mib(total.binary),
        mib(total.anonymous)
    );
    // The whole group: the app and its WebKit processes.
    let _ = Command::new("kill").args(["-TERM", "--", &format!("-{}", child.id())]).status();
    let _ = child.wait();
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// One process's memory in KiB: RSS, and PSS split by what the pages belong to.
#[derive(Default)]
struct Memory {
    rss: u64,
    /// Mapped from files other than the app's binary: the system's shared libraries (GTK,
    /// WebKit, Mesa …), fonts and caches.
    libraries: u64,
    binary: u64,
    /// Heap, stacks and other memory that no file backs.
    anonymous: u64,
}

impl Memory {
    fn pss(&self) -> u64 {
        self.libraries + self.binary + self.anonymous
    }

    fn add(&self, other: &Memory) -> Memory {
        Memory {
            rss: self.rss + other.rss,
            libraries: self.libraries + other.libraries,
            binary: self.binary + other.binary,
            anonymous: self.anonymous + other.anonymous,
        }
    }
}

/// A process's memory from /proc/<pid>/smaps: each mapping's header names its file, if any.
fn memory(pid: u32) -> Memory {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps")).unwrap_or_default();
    let binary = std::fs::canonicalize(APP).unwrap_or_else(|_| PathBuf::from(APP));
    let mut m = Memory::default();
    let mut file: Option<&str> = None;
    for line in text.lines() {
        let mut fields = line.split_whitespace();
        let Some(first) = fields.next() else { continue };
        if first.contains('-') && !first.ends_with(':') {
            // "start-end perms offset dev inode [path]"
            file = fields.nth(4).filter(|p| p.starts_with('/') && !line.ends_with("(deleted)"));
            continue;
        }
        let kib: u64 = fields.next().and_then(|v| v.parse().ok()).unwrap_or(0);
        match first {
            "Rss:" => m.rss += kib,
            "Pss:" => match file {
                Some(path) if Path::new(path) == binary => m.binary += kib,
                Some(_) => m.libraries += kib,
                None => m.anonymous += kib,
            },
            _ => {}
        }
    }
    m
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
