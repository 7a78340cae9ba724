//! Launch time, memory and size of the Clerkfolio that ships (docs/BENCHMARKS.md, "Desktop app"),
//! beside a minimal Tauri window measured in the same run:
//!
//!     xvfb-run -a -s "-screen 0 1920x1080x24" cargo run -p clerkfolio-launch-bench
//!     (… -- --no-build: measure the binaries an earlier run built)
//!
//! 1. Builds what ships: `cargo tauri build --bundles deb` in src-tauri (release profile, Tauri's
//!    `custom-protocol`: the assets served from the binary, as in the installers), and the same
//!    for the hello window (src-tauri/bench/hello-window: a page that only says hello, the same
//!    profile and webview setting) with `--no-bundle`. Sizes of the binary and the .deb.
//! 2. Launch: `CLERKFOLIO_STARTUP_TRACE=exit` makes the app print its own timeline once the
//!    dashboard has been painted with the demo portfolio's figures (ui/app.js marks,
//!    `startup_report`) and exit; counted from the moment this program starts the process;
//!    LAUNCHES launches after one that warms the file cache, each timeline and the median printed.
//! 3. Memory, IDLE_WAIT after start, the hello window and Clerkfolio each alone, alternately,
//!    MEMORY_ROUNDS times: for the process and every process it started (WebKit's web and network
//!    processes), from /proc/<pid>/smaps_rollup and /proc/<pid>/smaps:
//!    - total PSS: all of each process's proportional set size, shared libraries included;
//!    - own memory, "binary plus heaps" (the words): the PSS of the program's own binary
//!      (its code, data and relocated pages) and of every mapping no file backs (heaps, stacks,
//!      JavaScript's and WebKit's memory, the shared-memory buffers the processes pass each
//!      other), in all the processes; the system libraries' pages, their copy-on-write data pages
//!      included, are not the program's;
//!    - all anonymous memory: `Pss_Anon + Pss_Shmem` plus the binary's file pages, the wider
//!      measure earlier runs reported (it adds the libraries' copy-on-write data pages).
//!
//! PSS splits a shared library's pages among every process that maps it: another WebKit program
//! running at the same time (a test suite, a browser) lowers the figures. The bench says so when
//! it sees one.
//!
//! Like a desktop session, both get a D-Bus session bus (a private `dbus-daemon`), started before
//! the first launch and kept for all of them; without one, GLib autolaunches a bus inside the
//! measured launch, which no desktop does.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use clerkfolio_core::{demo, workspace::Workspace};
use serde_json::Value;

#[path = "../../../../tests/desktop/session_bus.rs"]
mod session_bus;

const LAUNCHES: usize = 10;
const MEMORY_ROUNDS: usize = 3;
const IDLE_WAIT: Duration = Duration::from_secs(10);
/// Targets (issue 14): Clerkfolio's total PSS within 1.15 × the hello window's; own memory under 60 MB.
const PSS_RATIO_TARGET: f64 = 1.15;
const OWN_TARGET_MB: f64 = 60.0;

fn main() {
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        eprintln!("launch bench: DISPLAY is not set; run it under xvfb-run -a -s \"-screen 0 1920x1080x24\"");
        std::process::exit(2);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..").canonicalize().unwrap();
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    if !std::env::args().any(|a| a == "--no-build") {
        tauri_build(&root.join("src-tauri"), &["--bundles", "deb"]);
        tauri_build(&root.join("src-tauri/bench/hello-window"), &["--no-bundle"]);
    }
    let app = target.join("release/clerkfolio-desktop");
    let hello = target.join("release/clerkfolio-hello-window");
    for binary in [&app, &hello] {
        println!("binary {}: {:.1} MB", binary.display(), size(binary) as f64 / 1e6);
    }
    if let Some(deb) = std::fs::read_dir(target.join("release/bundle/deb")).into_iter().flatten().flatten().map(|e| e.path()).find(|p| p.extension().is_some_and(|e| e == "deb")) {
        println!("package {}: {:.1} MB", deb.display(), size(&deb) as f64 / 1e6);
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

    // One launch first: the OS file cache warm, as for a clerk who has started the app before.
    launch(&app, &env);
    let mut painted = Vec::new();
    for n in 1..=LAUNCHES {
        let (timeline, wall) = launch(&app, &env);
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

    let (mut hello_rounds, mut app_rounds) = (Vec::new(), Vec::new());
    for round in 1..=MEMORY_ROUNDS {
        println!("memory, round {round}:");
        hello_rounds.push(idle_memory(&hello, &env));
        app_rounds.push(idle_memory(&app, &env));
    }
    let (hello, app) = (median(hello_rounds), median(app_rounds));
    let ratio = app.pss as f64 / hello.pss as f64;
    println!("memory {IDLE_WAIT:?} after start, median of {MEMORY_ROUNDS} rounds (by total PSS):");
    for (name, m) in [("hello window", &hello), ("Clerkfolio", &app)] {
        println!(
            "  {name:<12}: total PSS {:.1} MiB (system libraries and data files {:.1}), own memory {:.1} MiB (binary {:.1}, heaps {:.1}); all anonymous {:.1} MiB; RSS {:.1} MiB",
            mib(m.pss),
            mib(m.pss - m.own()),
            mib(m.own()),
            mib(m.binary),
            mib(m.heaps),
            mib(m.all_anonymous()),
            mib(m.rss)
        );
    }
    let own_mb = app.own() as f64 * 1024.0 / 1e6;
    println!(
        "Clerkfolio / hello window, total PSS: {ratio:.3} (target <= {PSS_RATIO_TARGET}: {}); Clerkfolio's own memory {own_mb:.1} MB (target < {OWN_TARGET_MB} MB: {})",
        if ratio <= PSS_RATIO_TARGET { "met" } else { "MISSED" },
        if own_mb < OWN_TARGET_MB { "met" } else { "MISSED" }
    );
}

/// `cargo tauri build ARGS` in `dir` (where a tauri.conf.json is), as a release is made.
fn tauri_build(dir: &Path, args: &[&str]) {
    let started = Instant::now();
    let status = Command::new("cargo")
        .args(["tauri", "build"])
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .status()
        .expect("cargo runs");
    assert!(status.success(), "`cargo tauri build` failed in {} (install the CLI: cargo install tauri-cli --version '^2' --locked)", dir.display());
    println!("built {} ({args:?}) in {:.0?}", dir.display(), started.elapsed());
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).len()
}

fn median(mut rounds: Vec<Memory>) -> Memory {
    rounds.sort_by_key(|m| m.pss);
    rounds.swap_remove(rounds.len() / 2)
}

/// Where the app runs: its data folder, its home and the session bus it is given.
struct Env {
    data: PathBuf,
    home: PathBuf,
    bus: String,
}

fn app(binary: &Path, env: &Env) -> Command {
    use std::os::unix::process::CommandExt;
    let (data, home) = (&env.data, &env.home);
    let mut cmd = Command::new(binary);
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
fn launch(binary: &Path, env: &Env) -> (Value, Duration) {
    let started = Instant::now();
    let spawned_unix_ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs_f64() * 1000.0;
    let out = app(binary, env).env("CLERKFOLIO_STARTUP_TRACE", "exit").stderr(Stdio::piped()).output().expect("the app starts");
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

/// Starts `binary`, waits IDLE_WAIT, and sums the memory of it and every process it started.
fn idle_memory(binary: &Path, env: &Env) -> Memory {
    let mut child = app(binary, env).stderr(Stdio::null()).spawn().expect("the program starts");
    std::thread::sleep(IDLE_WAIT);
    let mut processes = vec![(child.id(), comm(child.id()))];
    processes.extend(descendants(child.id()));
    // Every process descends from init: any WebKit process not in this program's tree.
    let others = descendants(1).into_iter().filter(|(pid, name)| name.starts_with("WebKit") && !processes.iter().any(|(p, _)| p == pid)).count();
    if others > 0 {
        println!("  WARNING: {others} other WebKit processes are running: they share the libraries' pages, so this round's PSS is lower than alone and not comparable");
    }
    let mut total = Memory::default();
    for (pid, name) in &processes {
        let m = memory(*pid, binary);
        println!(
            "  {pid:>7} {name:<16} PSS {:>6.1} MiB (own {:.1}: binary {:.1}, heaps {:.1}; libraries and files {:.1}; all anonymous {:.1})  RSS {:>6.1} MiB",
            mib(m.pss),
            mib(m.own()),
            mib(m.binary),
            mib(m.heaps),
            mib(m.pss - m.own()),
            mib(m.all_anonymous()),
            mib(m.rss)
        );
        total = total.add(&m);
    }
    println!(
        "  {}: {} processes, total PSS {:.1} MiB, own memory {:.1} MiB",
        binary.file_name().unwrap().to_string_lossy(),
        processes.len(),
        mib(total.pss),
        mib(total.own())
    );
    // The whole group: the program and its WebKit processes.
    let _ = Command::new("kill").args(["-TERM", "--", &format!("-{}", child.id())]).status();
    let _ = child.wait();
    std::thread::sleep(Duration::from_secs(1));
    total
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// Memory in KiB, of one process or summed over several.
#[derive(Default)]
struct Memory {
    rss: u64,
    pss: u64,
    /// `Pss_Anon`: heap, stacks and other memory no file backs, and the copy-on-write pages of
    /// every mapped file (the libraries' relocated data too).
    anon: u64,
    /// `Pss_Shmem`: shared memory (the buffers WebKit's processes share).
    shmem: u64,
    /// PSS of the mappings of the program's own binary: code, data and relocated pages.
    binary: u64,
    /// Of `binary`, the copy-on-write pages (also in `anon`).
    binary_anon: u64,
    /// PSS of the mappings no file backs: heaps, stacks, JavaScript's and WebKit's memory, shared memory.
    heaps: u64,
}

impl Memory {
    /// What the program itself put in memory, "binary plus heaps": everything but the pages of
    /// the system's libraries and data files.
    fn own(&self) -> u64 {
        self.binary + self.heaps
    }

    /// The wider measure of earlier runs: all anonymous and shared memory, the libraries'
    /// copy-on-write data pages included, and the binary's file pages.
    fn all_anonymous(&self) -> u64 {
        self.anon + self.shmem + self.binary - self.binary_anon
    }

    fn add(&self, other: &Memory) -> Memory {
        Memory {
            rss: self.rss + other.rss,
            pss: self.pss + other.pss,
            anon: self.anon + other.anon,
            shmem: self.shmem + other.shmem,
            binary: self.binary + other.binary,
            binary_anon: self.binary_anon + other.binary_anon,
            heaps: self.heaps + other.heaps,
        }
    }
}

/// A process's memory: the totals from /proc/<pid>/smaps_rollup; the binary's and the heaps'
/// shares from the mappings in /proc/<pid>/smaps.
fn memory(pid: u32, binary: &Path) -> Memory {
    let mut m = Memory::default();
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    for line in rollup.lines() {
        let mut fields = line.split_whitespace();
        let (Some(key), Some(kib)) = (fields.next(), fields.next().and_then(|v| v.parse::<u64>().ok())) else { continue };
        match key {
            "Rss:" => m.rss = kib,
            "Pss:" => m.pss = kib,
            "Pss_Anon:" => m.anon = kib,
            "Pss_Shmem:" => m.shmem = kib,
            _ => {}
        }
    }
    let binary = std::fs::canonicalize(binary).unwrap_or_else(|_| binary.to_path_buf());
    let smaps = std::fs::read_to_string(format!("/proc/{pid}/smaps")).unwrap_or_default();
    // Copy-on-write pages (`Anonymous`) are private to this process: their PSS is their size.
    let mut kind = Mapping::Library;
    for line in smaps.lines() {
        let mut fields = line.split_whitespace();
        let Some(first) = fields.next() else { continue };
        if first.contains('-') && !first.ends_with(':') {
            // "start-end perms offset dev inode [path]"
            kind = Mapping::of(line.splitn(6, char::is_whitespace).nth(5).map(str::trim).unwrap_or(""), &binary);
            continue;
        }
        let kib = fields.next().and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
        match (first, kind) {
            ("Pss:", Mapping::Binary) => m.binary += kib,
            ("Anonymous:", Mapping::Binary) => m.binary_anon += kib,
            ("Pss:", Mapping::Heap) => m.heaps += kib,
            _ => {}
        }
    }
    m
}

#[derive(Clone, Copy)]
enum Mapping {
    Binary,
    /// No file backs it: the heap, stacks, anonymous memory (named or not), shared memory.
    Heap,
    /// A system library or data file (fonts, locale, caches), its copy-on-write pages included.
    Library,
}

impl Mapping {
    fn of(path: &str, binary: &Path) -> Mapping {
        if Path::new(path) == binary {
            Mapping::Binary
        } else if matches!(path, "[vdso]" | "[vvar]" | "[vvar_vclock]" | "[vsyscall]") {
            Mapping::Library // the kernel's pages every process maps
        } else if path.is_empty() || path.starts_with('[') || path.starts_with("/SYSV") || path.starts_with("/memfd:") || path.starts_with("/dev/shm/") {
            Mapping::Heap
        } else {
            Mapping::Library
        }
    }
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
