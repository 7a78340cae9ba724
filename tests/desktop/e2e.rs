//! End to end: the real Clerkfolio window (the `clerkfolio-desktop` binary, its WebKitGTK webview
//! and the real engine) driven over WebDriver: `tauri-driver` in front of Debian's
//! `WebKitWebDriver`, under an X display (run it with `xvfb-run -a -s "-screen 0 1920x1080x24"`).
//!
//! Skipped, with the reason printed, when `DISPLAY` is unset or either driver is missing; a
//! failure instead when `CI=true`. Everything the app writes goes to a temporary folder: the data
//! folder (`CLERKFOLIO_DATA_DIR`) and `HOME`/XDG folders of the processes tauri-driver starts.
//!
//! What cannot be driven over WebDriver is stood in for, and only that:
//! - files dropped on the window: the test emits the `tauri://drag-drop` event Tauri emits for an
//!   OS drop, with the same payload (`{ paths, position }`), so the UI's own drop handling runs;
//! - the native save dialog of the packet screen: the test answers the `pick_save` command in the
//!   page (a wrapper around `window.__TAURI__.core.invoke`, which the shipped UI does not change),
//!   every other command reaches the real app.
//!
//! - the window manager's close button: the test sends the window the `WM_DELETE_WINDOW` message a
//!   window manager sends when it is clicked (`close_window_as_a_person`);
//!
//! - a desktop's notification service: a stand-in serves `org.freedesktop.Notifications` on a
//!   private D-Bus session bus (`dbus-daemon`) and reports the click as desktops do (the
//!   `ActionInvoked` signal with the "default" key); the app's own notification code is unchanged.
//!
//! `CLERKFOLIO_SCREENSHOTS=1` also writes docs/screenshots/<screen>.png (1280×800, taken from the
//! X display with ImageMagick's `import`).
//! `CLERKFOLIO_E2E_APP=<binary>` runs another build of the app (a release build, an installed one).
//! Launch time and memory are measured without WebDriver: src-tauri/bench/launch.

use std::future::Future;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use crate::session_bus::SessionBus;
use serde_json::{Value, json};

const APP: &str = env!("CARGO_BIN_EXE_clerkfolio-desktop");

/// The app binary: this build's, or `CLERKFOLIO_E2E_APP` (the measurement runs on a release build).
fn app_binary() -> String {
    std::env::var("CLERKFOLIO_E2E_APP").unwrap_or_else(|_| APP.to_string())
}
/// One app window at a time: the end-to-end tests share one X display and two cores, and a
/// WebKit window starved by four others misses its timeouts. Each test holds this while it runs.
pub(crate) async fn one_window_at_a_time() -> tokio::sync::MutexGuard<'static, ()> {
    static WINDOW: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    WINDOW.lock().await
}

pub(crate) const SHORT: Duration = Duration::from_secs(10);
pub(crate) const LONG: Duration = Duration::from_secs(30);
const CMC_EDUCATION_EARNED: &str = "[data-testid=program-cmc] [data-testid=requirement-education] .earned";

// ---------------------------------------------------------------------------------------------
// Prerequisites and the driver process

/// An executable on PATH, or in cargo's bin folder (where `cargo install tauri-driver` puts it).
fn find_tool(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    if let Some(cargo_home) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(cargo_home).join("bin"));
    }
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

pub(crate) struct Tools {
    tauri_driver: PathBuf,
    webkit_driver: PathBuf,
}

/// The drivers. A missing one fails the test, on CI and on a developer's machine alike: a test
/// that skips when its parts are missing passes without proving anything (`.ci/setup` installs
/// them all).
pub(crate) fn tools() -> Tools {
    let display = std::env::var_os("DISPLAY").filter(|d| !d.is_empty());
    let tauri_driver = find_tool("tauri-driver");
    let webkit_driver = find_tool("WebKitWebDriver");
    let mut missing = Vec::new();
    if display.is_none() {
        missing.push("DISPLAY is not set (run under xvfb-run -a -s \"-screen 0 1920x1080x24\")");
    }
    if tauri_driver.is_none() {
        missing.push("tauri-driver is not installed (cargo install tauri-driver --version '^2' --locked)");
    }
    if webkit_driver.is_none() {
        missing.push("WebKitWebDriver is not installed (Debian package webkit2gtk-driver)");
    }
    assert!(missing.is_empty(), "the end-to-end tests need: {} (bash .ci/setup installs them)", missing.join("; "));
    Tools { tauri_driver: tauri_driver.unwrap(), webkit_driver: webkit_driver.unwrap() }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("a free local port").local_addr().unwrap().port()
}

/// tauri-driver, in its own process group with everything it starts (WebKitWebDriver, the app
/// and WebKit's helper processes). Dropping it ends that group: no window outlives the test.
pub(crate) struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    pub(crate) fn start(tools: &Tools, data_dir: &Path, home: &Path) -> Driver {
        Driver::start_with(tools, data_dir, home, &[])
    }

    /// `start`, with more environment for the app (it inherits tauri-driver's).
    pub(crate) fn start_with(tools: &Tools, data_dir: &Path, home: &Path, env: &[(&str, &str)]) -> Driver {
        use std::os::unix::process::CommandExt;
        let port = free_port();
        let native_port = free_port();
        for sub in [".config", ".local/share", ".cache", ".local/state"] {
            std::fs::create_dir_all(home.join(sub)).unwrap();
        }
        let child = Command::new(&tools.tauri_driver)
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .arg("--native-driver")
            .arg(&tools.webkit_driver)
            .env("CLERKFOLIO_DATA_DIR", data_dir)
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("XDG_STATE_HOME", home.join(".local/state"))
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(if std::env::var_os("CLERKFOLIO_E2E_VERBOSE").is_some() { Stdio::inherit() } else { Stdio::null() })
            .process_group(0)
            .spawn()
            .expect("tauri-driver starts");
        let driver = Driver { child, port };
        let deadline = Instant::now() + SHORT;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not listen on port {port} within {SHORT:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

}

impl Drop for Driver {
    fn drop(&mut self) {
        // The group id is tauri-driver's pid (process_group(0)); TERM first so WebKitWebDriver can
        // close its browser, then KILL whatever is left.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).stderr(Stdio::null()).status();
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = Command::new("kill").args(["-KILL", "--", &group]).stderr(Stdio::null()).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------------
// The app window

pub(crate) struct Window {
    pub(crate) client: Client,
}

/// A temporary folder with the app's data folder, a home folder and an output folder, and the
/// drivers started on it: what every end-to-end test begins with. Dropping it closes the app
/// and removes the folders.
pub(crate) struct Session {
    pub(crate) data: PathBuf,
    pub(crate) home: PathBuf,
    pub(crate) out: PathBuf,
    pub(crate) driver: Driver,
    _tmp: tempfile::TempDir,
}

impl Session {
    pub(crate) fn start(tools: &Tools) -> Session {
        Session::start_with(tools, &[])
    }

    /// `start`, with more environment for the app (a theme, a locale).
    pub(crate) fn start_with(tools: &Tools, env: &[(&str, &str)]) -> Session {
        let tmp = tempfile::tempdir().unwrap();
        let (data, home, out) = (tmp.path().join("data"), tmp.path().join("home"), tmp.path().join("out"));
        for d in [&data, &home, &out] {
            std::fs::create_dir_all(d).unwrap();
        }
        let driver = Driver::start_with(tools, &data, &home, env);
        Session { data, home, out, driver, _tmp: tmp }
    }

    /// Closes the app and starts it again on the same folders.
    pub(crate) fn restart(&mut self, tools: &Tools) {
        self.driver = Driver::start(tools, &self.data, &self.home);
    }

    /// The app's process in this session: the app binary whose `CLERKFOLIO_DATA_DIR` is this
    /// session's data folder (tauri-driver and WebKitWebDriver carry it too, WebKit's helpers
    /// run other binaries).
    pub(crate) fn app_pid(&self) -> u32 {
        let app = std::fs::canonicalize(app_binary()).expect("the app binary");
        let wanted = format!("CLERKFOLIO_DATA_DIR={}", self.data.display()).into_bytes();
        let pids: Vec<u32> = std::fs::read_dir("/proc")
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
            .filter(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == app))
            .filter(|pid| std::fs::read(format!("/proc/{pid}/environ")).is_ok_and(|env| env.split(|b| *b == 0).any(|v| v == wanted)))
            .collect();
        assert_eq!(pids.len(), 1, "one app process on {}: {pids:?}", self.data.display());
        pids[0]
    }
}

/// Process `pid`'s name (as /proc shows it, 15 characters), state letter and parent, from
/// /proc/<pid>/stat; None once it is gone.
fn process_stat(pid: u32) -> Option<(String, char, u32)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "PID (name) STATE PPID ...": the name may hold spaces and parentheses.
    let (open, close) = (stat.find('(')?, stat.rfind(')')?);
    let mut rest = stat[close + 1..].split_whitespace();
    let state = rest.next()?.chars().next()?;
    let ppid = rest.next()?.parse().ok()?;
    Some((stat[open + 1..close].to_string(), state, ppid))
}

/// The child processes of `parent` whose command name (as /proc shows it, 15 characters) is `name`.
fn children_named(parent: u32, name: &str) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&pid| process_stat(pid).is_some_and(|(n, _, ppid)| n == name && ppid == parent))
        .collect()
}

/// Whether process `pid` has ended (gone, or a zombie its parent has not reaped yet).
pub(crate) fn ended(pid: u32) -> bool {
    process_stat(pid).is_none_or(|(_, state, _)| matches!(state, 'Z' | 'X'))
}

/// Closes the top-level window of process `pid` the way a window manager does when the clerk
/// clicks its close button: the ICCCM `WM_DELETE_WINDOW` message (GTK's "delete-event", Tauri's
/// `CloseRequested`, then `RunEvent::Exit`). There is no window manager under Xvfb to send it,
/// and WebDriver's "close window" is no stand-in: tried, the app process ends but its exit hook
/// never runs (the closing backup was not made): WebKitWebDriver ends the browser once its last
/// browsing context is gone, it does not ask the window to close.
pub(crate) fn close_window_as_a_person(pid: u32) {
    use x11rb::connection::Connection;
    use x11rb::protocol::xproto::{AtomEnum, ClientMessageEvent, ConnectionExt, EventMask, MapState};
    let (conn, screen) = x11rb::connect(None).expect("the X display");
    let atom = |name: &str| conn.intern_atom(false, name.as_bytes()).unwrap().reply().unwrap().atom;
    let (net_wm_pid, protocols, delete) = (atom("_NET_WM_PID"), atom("WM_PROTOCOLS"), atom("WM_DELETE_WINDOW"));
    let root = conn.setup().roots[screen].root;
    let windows: Vec<u32> = conn
        .query_tree(root)
        .unwrap()
        .reply()
        .unwrap()
        .children
        .into_iter()
        .filter(|w| {
            let prop = |name: u32, kind: u32| conn.get_property(false, *w, name, kind, 0, 64).ok()?.reply().ok()?.value32().map(Iterator::collect::<Vec<u32>>);
            prop(net_wm_pid, AtomEnum::CARDINAL.into()) == Some(vec![pid])
                && prop(protocols, AtomEnum::ATOM.into()).is_some_and(|p| p.contains(&delete))
                && conn.get_window_attributes(*w).unwrap().reply().is_ok_and(|a| a.map_state == MapState::VIEWABLE)
        })
        .collect();
    assert_eq!(windows.len(), 1, "one open window of process {pid} that takes WM_DELETE_WINDOW: {windows:?}");
    let event = ClientMessageEvent::new(32, windows[0], protocols, [delete, x11rb::CURRENT_TIME, 0, 0, 0]);
    conn.send_event(false, windows[0], EventMask::NO_EVENT, event).unwrap();
    conn.flush().unwrap();
}

pub(crate) async fn launch(driver: &Driver) -> Window {
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("wry"));
    caps.insert("tauri:options".into(), json!({ "application": app_binary() }));
    // tauri-driver listens before the WebKitWebDriver behind it is ready: a session request in
    // that moment gets a closed connection. Retry for a bounded time rather than fail.
    let url = format!("http://127.0.0.1:{}", driver.port);
    let mut attempt = 0;
    let client = loop {
        attempt += 1;
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new()).capabilities(caps.clone()).connect(&url).await {
            Ok(client) => break client,
            Err(e) if attempt < 10 => {
                eprintln!("WebDriver session attempt {attempt} failed ({e}); retrying");
                tokio::time::sleep(Duration::from_millis(500 * attempt)).await;
            }
            Err(e) => panic!("a WebDriver session with the app (tauri-driver → WebKitWebDriver → clerkfolio-desktop): {e}"),
        }
    };
    Window { client }
}

/// Polls `probe` every 100 ms until it returns Some, at most `timeout`.
async fn poll<T, F, Fut>(what: &str, timeout: Duration, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = probe().await {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out after {timeout:?} waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `document.querySelector(sel)` if it is shown (not inside a hidden element, laid out).
const SHOWN: &str = "const shown = (sel) => { const e = document.querySelector(sel); return e && !e.closest('[hidden]') && e.getClientRects().length > 0 ? e : null; };";

impl Window {
    pub(crate) async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client.execute(script, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Waits until `script` (a function body; may use `shown(sel)`) returns something other than
    /// null/undefined/false/"", and returns it.
    pub(crate) async fn wait_js(&self, what: &str, timeout: Duration, script: &str, args: Vec<Value>) -> Value {
        let body = format!("{SHOWN}\n{script}");
        poll(what, timeout, || async {
            let v = self.js(&body, args.clone()).await;
            match v {
                Value::Null | Value::Bool(false) => None,
                Value::String(ref s) if s.is_empty() => None,
                v => Some(v),
            }
        })
        .await
    }

    /// The text of the shown element `sel`, once it is shown and not empty.
    pub(crate) async fn text(&self, sel: &str, timeout: Duration) -> String {
        let v = self
            .wait_js(&format!("{sel} to show text"), timeout, "const e = shown(arguments[0]); return e ? e.textContent.trim() : null;", vec![json!(sel)])
            .await;
        v.as_str().unwrap().to_string()
    }

    pub(crate) async fn shown(&self, sel: &str, timeout: Duration) {
        self.wait_js(&format!("{sel} to show"), timeout, "return !!shown(arguments[0]);", vec![json!(sel)]).await;
    }

    pub(crate) async fn gone(&self, sel: &str, timeout: Duration) {
        self.wait_js(&format!("{sel} to go"), timeout, "return !shown(arguments[0]);", vec![json!(sel)]).await;
    }

    pub(crate) async fn click(&self, sel: &str) {
        self.shown(sel, SHORT).await;
        // WebKit's driver refuses a click on an element outside the viewport; a person scrolls to it.
        self.js("document.querySelector(arguments[0]).scrollIntoView({ block: 'center' }); return true;", vec![json!(sel)]).await;
        let el = self.client.find(Locator::Css(sel)).await.unwrap_or_else(|e| panic!("{sel}: {e}"));
        match el.click().await {
            // A control at the very bottom of a screen can sit under a toast; a person waits for
            // the toast to go (at most 10 s) and clicks again.
            Err(fantoccini::error::CmdError::Standard(e)) if e.error == fantoccini::error::ErrorStatus::ElementClickIntercepted => {
                self.wait_js("the toasts to go", LONG, "return document.querySelectorAll('#toasts .toast').length === 0;", vec![]).await;
                el.click().await.unwrap_or_else(|e| panic!("click {sel} (after the toasts went): {e:?}"));
            }
            other => other.unwrap_or_else(|e| panic!("click {sel}: {e:?}")),
        }
    }

    async fn earned(&self) -> f64 {
        let text = self.text(CMC_EDUCATION_EARNED, LONG).await;
        text.parse().unwrap_or_else(|_| panic!("the education figure {text:?} is not a number"))
    }

    /// Calls one of the app's commands from the page, as the UI does: Ok(value) or Err(error).
    pub(crate) async fn invoke(&self, command: &str, args: Value) -> Result<Value, Value> {
        let script = "const [command, args, done] = arguments;
            window.__TAURI__.core.invoke(command, args).then((ok) => done({ ok: ok === undefined ? null : ok }), (err) => done({ err }));";
        let v = self.client.execute_async(script, vec![json!(command), args]).await.unwrap_or_else(|e| panic!("invoke {command}: {e}"));
        match v.get("err") {
            Some(err) => Err(err.clone()),
            None => Ok(v["ok"].clone()),
        }
    }

    /// Answers the next native dialogs that `command` opens (`pick_save`, `pick_folder`) with
    /// `path`: the dialog itself cannot be driven over WebDriver. Every other command goes
    /// through to the app as it is; the shipped UI is unchanged.
    pub(crate) async fn answer_dialog(&self, command: &str, path: &Path) {
        self.js("const [command, path] = arguments; const t = window.__TAURI__; const invoke = t.core.invoke;
          window.__TAURI__ = { ...t, core: { ...t.core, invoke: (cmd, args, opts) => cmd === command ? Promise.resolve(path) : invoke(cmd, args, opts) } };
          return true;", vec![json!(command), json!(path)]).await;
    }

    /// Everything the screens show, as the UI gets it (the `snapshot` command).
    pub(crate) async fn snapshot(&self) -> Value {
        self.invoke("snapshot", json!({ "today": null })).await.expect("snapshot")
    }

    /// Drops files on the window the way Tauri reports an OS drop: the `tauri://drag-drop` event,
    /// payload `{ paths, position }` (what the webview's onDragDropEvent listens to).
    pub(crate) async fn drop_files(&self, paths: &[&Path]) {
        self.drop_files_on(paths, None).await;
    }

    /// [`Window::drop_files`] over the middle of the element `on` (the window's middle if None),
    /// in physical pixels as Tauri reports them.
    pub(crate) async fn drop_files_on(&self, paths: &[&Path], on: Option<&str>) {
        let paths: Vec<String> = paths.iter().map(|p| p.to_str().unwrap().to_string()).collect();
        let script = "const [paths, on, done] = arguments;
            const r = on ? document.querySelector(on).getBoundingClientRect() : { left: 540, top: 350, width: 200, height: 100 };
            const ratio = window.devicePixelRatio || 1;
            const position = { x: (r.left + r.width / 2) * ratio, y: (r.top + r.height / 2) * ratio };
            window.__TAURI__.event.emit('tauri://drag-drop', { paths, position })
              .then(() => done(null), (e) => done(String(e)));";
        let v = self.client.execute_async(script, vec![json!(paths), json!(on)]).await.expect("emit tauri://drag-drop");
        assert!(v.is_null(), "emitting the drop failed: {v}");
    }

    pub(crate) async fn screenshot(&self, name: &str) {
        self.screenshot_as(name, 1280, 800).await;
    }

    /// [`Window::screenshot`] with the window at `width` × `height`.
    pub(crate) async fn screenshot_as(&self, name: &str, width: u32, height: u32) {
        if std::env::var("CLERKFOLIO_SCREENSHOTS").as_deref() != Ok("1") {
            return;
        }
        // Screenshots are for people: toasts (transient, they would cover the content) are taken
        // away, then transitions settle.
        self.js("for (const t of document.querySelectorAll('#toasts .toast')) t.remove(); return true;", vec![]).await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        // Taken from the X display, as a person sees it: WebKitWebDriver's own screenshot never
        // returns when WebKit renders on the CPU, as the app makes it (src-tauri lib.rs). The
        // window is put at the display's top left (no window manager, no frame).
        self.client.set_window_rect(0, 0, width, height).await.expect("the window at the display's top left");
        tokio::time::sleep(Duration::from_millis(200)).await;
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join(format!("{name}.png"));
        let status = Command::new("import")
            .args(["-window", "root", "-crop", &format!("{width}x{height}+0+0"), "+repage"])
            .arg(&out)
            .status()
            .expect("ImageMagick's import (Debian package imagemagick) takes the screenshots");
        assert!(status.success(), "import failed for {name}");
        eprintln!("screenshot: docs/screenshots/{name}.png");
    }

    pub(crate) async fn nav(&self, screen: &str) {
        self.click(&format!("[data-testid=nav-{screen}]")).await;
        self.shown(&format!("[data-testid=screen-{screen}] h1"), SHORT).await;
    }

    /// Sets a form control the way typing or choosing does (value, then input and change events).
    /// Used for date inputs, whose WebDriver typing depends on the locale's date format.
    pub(crate) async fn set_value(&self, sel: &str, value: &str) {
        let script = "const [sel, value] = arguments; const e = document.querySelector(sel);
            if (!e) return false; e.value = value;
            e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true }));
            return true;";
        assert_eq!(self.js(script, vec![json!(sel), json!(value)]).await, json!(true), "no {sel}");
    }

    pub(crate) async fn type_into(&self, sel: &str, text: &str) {
        self.shown(sel, SHORT).await;
        // WebKit's driver refuses a click on an element outside the viewport; a person scrolls to it.
        self.js("document.querySelector(arguments[0]).scrollIntoView({ block: 'center' }); return true;", vec![json!(sel)]).await;
        let el = self.client.find(Locator::Css(sel)).await.unwrap_or_else(|e| panic!("{sel}: {e}"));
        el.clear().await.unwrap();
        el.send_keys(text).await.unwrap_or_else(|e| panic!("typing into {sel}: {e}"));
    }

    pub(crate) async fn close(self) {
        let _ = tokio::time::timeout(SHORT, self.client.close()).await;
    }
}

fn corpus(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/corpus/pdf").join(name);
    assert!(path.is_file(), "corpus file missing: {}", path.display());
    path.canonicalize().unwrap()
}

fn approx(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

// ---------------------------------------------------------------------------------------------
// The scenario

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clerk_journey_in_the_real_window() {
    let _window = one_window_at_a_time().await;
    let tools = tools();
    let started = Instant::now();
    let session = Session::start(&tools);
    let (data, out) = (&session.data, &session.out);
    let w = launch(&session.driver).await;
    let launched = started.elapsed();
    let _ = w.client.set_window_size(1280, 800).await;

    // The app runs on the temporary data folder (the environment reached it through both drivers).
    let info = w.snapshot().await["info"].clone();
    assert_eq!(Path::new(info["data_dir"].as_str().unwrap()), data.as_path(), "the app's data folder: {info}");
    assert_eq!(info["has_portfolio"], json!(false));
    // The page's JavaScript runs without the JIT compilers, with two malloc arenas
    // (src-tauri/src/webview.rs): the variables reached the web process WebKit started for the window.
    let web = children_named(session.app_pid(), "WebKitWebProces");
    assert!(!web.is_empty(), "the app's WebKit web process");
    for pid in web {
        let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap();
        for setting in ["JSC_useJIT=0", "MALLOC_ARENA_MAX=2"] {
            assert!(environ.split(|b| *b == 0).any(|v| v == setting.as_bytes()), "web process {pid} runs with {setting}");
        }
    }

    // 1. Empty data folder: the welcome; start the demo; the dashboard shows the demo's figures.
    w.shown("[data-testid=welcome]", LONG).await;
    w.shown("[data-testid=start-demo]", SHORT).await;
    w.screenshot("welcome").await;
    w.click("[data-testid=start-demo]").await;
    let before = w.earned().await;
    let snapshot = w.snapshot().await;
    let engine_figure = snapshot["status"]["cmc"]["requirements"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["id"] == "education"))
        .and_then(|r| r["earned"].as_f64());
    eprintln!("demo: CMC education {before} points on the dashboard (engine: {engine_figure:?})");
    if let Some(engine) = engine_figure {
        assert!(approx(before, engine), "dashboard {before} vs engine {engine}");
    }
    assert!(approx(before, 61.5), "the demo portfolio's CMC education figure is 61.5, the dashboard shows {before}");
    w.gone("[data-testid=welcome]", SHORT).await;
    w.screenshot("dashboard").await;

    // 2. A file dropped on the window (no dialog open) becomes evidence: the Evidence screen shows it.
    let evidence_before = w.snapshot().await["evidence"].as_array().unwrap().len();
    w.drop_files(&[&corpus("001-trivial_minimal-document.pdf")]).await;
    w.shown("[data-testid=screen-evidence] h1", SHORT).await;
    w.wait_js("the dropped file in Evidence", SHORT, "return document.querySelector('[data-testid=screen-evidence]').textContent.includes('001-trivial_minimal-document.pdf');", vec![]).await;
    let evidence_after = w.snapshot().await["evidence"].as_array().unwrap().len();
    assert_eq!(evidence_after, evidence_before + 1, "one evidence file added by the drop");
    w.screenshot("evidence").await;

    // Add an association program (8 hours, assessment passed: 1 point per 4 hours = 2 points)
    // through the dialog, with a certificate dropped onto the open dialog.
    w.nav("education").await;
    w.screenshot("education").await;
    let rows_before = w.snapshot().await["education"].as_array().unwrap().len();
    w.click("[data-testid=add-education]").await;
    let dlg = "dialog[data-testid=education-dialog]";
    w.shown(dlg, SHORT).await;
    // Form validation first: negative hours are refused inline, nothing is saved.
    w.type_into(&format!("{dlg} [name=hours]"), "-3").await;
    w.click(&format!("{dlg} [data-testid=save]")).await;
    let hours_error = w.text(&format!("{dlg} [data-testid=error-hours]"), SHORT).await;
    assert!(hours_error.contains("0 or more"), "inline hours error: {hours_error:?}");
    w.screenshot("education-dialog-error").await;
    // Cancel, and discard what was typed, closes it without saving; the record is added in a
    // fresh dialog.
    w.click(&format!("{dlg} [data-testid=cancel]")).await;
    w.click("[data-testid=confirm-dialog] [data-testid=confirm]").await;
    w.gone(dlg, SHORT).await;
    assert_eq!(w.snapshot().await["education"].as_array().unwrap().len(), rows_before, "nothing saved");
    w.click("[data-testid=add-education]").await;
    w.shown(dlg, SHORT).await;

    w.type_into(&format!("{dlg} [name=title]"), "Records Management Essentials").await;
    w.type_into(&format!("{dlg} [name=provider]"), "Minnesota Clerks Association").await;
    let category = w.client.find(Locator::Css(&format!("{dlg} select[name=category]"))).await.unwrap();
    category.select_by_value("association").await.expect("the association category");
    w.set_value(&format!("{dlg} [name=start]"), "2025-03-14").await;
    w.type_into(&format!("{dlg} [name=hours]"), "8").await;
    w.click(&format!("{dlg} [name=assessment]")).await;
    let certificate = corpus("004-pdflatex-4-pages_pdflatex-4-pages.pdf");
    w.drop_files(&[&certificate]).await;
    w.wait_js("the dropped certificate listed in the dialog", SHORT,
        "const e = shown(arguments[0]); return e && e.textContent.includes('004-pdflatex-4-pages_pdflatex-4-pages.pdf');",
        vec![json!(format!("{dlg} [data-testid=attached-files]"))]).await;
    // The live preview shows the points the engine computes for the form: 2 for the CMC.
    w.wait_js("the points preview to show 2 CMC points", SHORT,
        "const e = shown(arguments[0]); if (!e) return null;
         return [...e.querySelectorAll('li')].some((li) => li.querySelector('.preview-program')?.textContent === 'Certified Municipal Clerk (CMC)'
           && li.querySelector('.preview-points')?.textContent === '2 points');",
        vec![json!(format!("{dlg} [data-testid=points-preview]"))]).await;
    // Only the programs she follows (the CMC and the MMC unless she chose a state program).
    let programs = w.js("return [...document.querySelectorAll(arguments[0] + ' .preview-program')].map((e) => e.textContent);",
        vec![json!(format!("{dlg} [data-testid=points-preview]"))]).await;
    assert_eq!(programs, json!(["Certified Municipal Clerk (CMC)", "Master Municipal Clerk (MMC)"]), "the preview's programs");
    w.screenshot("education-dialog").await;
    w.click(&format!("{dlg} [data-testid=save]")).await;
    w.gone(dlg, SHORT).await;
    let snapshot = w.snapshot().await;
    let rows = snapshot["education"].as_array().unwrap();
    assert_eq!(rows.len(), rows_before + 1);
    let added = rows.iter().find(|r| r["title"] == "Records Management Essentials").expect("the new record");
    assert_eq!(added["evidence"].as_array().map(Vec::len), Some(1), "the dropped certificate is attached: {added}");
    w.wait_js("the new row in the table", SHORT, "return document.querySelector('[data-testid=table-education]').textContent.includes('Records Management Essentials');", vec![]).await;
    w.nav("dashboard").await;
    let after = w.earned().await;
    assert!(approx(after, before + 2.0), "CMC education {before} → {after}, expected +2");
    eprintln!("added an 8-hour association program: CMC education {before} → {after}");

    // 4. Bad input with a clear message: a password-protected PDF dropped on the window.
    w.drop_files(&[&corpus("005-libreoffice-writer-password_libreoffice-writer-password.pdf")]).await;
    let message = w.text("[data-testid=alert] [data-testid=alert-message]", SHORT).await;
    assert!(message.contains("password-protected"), "the alert says why: {message:?}");
    eprintln!("password-protected PDF refused: {message}");
    assert_eq!(w.snapshot().await["evidence"].as_array().unwrap().len(), evidence_after + 1, "nothing added for the refused file");
    // The command itself answers with the same kind of error, not a crash.
    let err = w.invoke("evidence_add", json!({ "path": corpus("005-libreoffice-writer-password_libreoffice-writer-password.pdf"), "to": null })).await.unwrap_err();
    assert!(err["message"].as_str().is_some_and(|m| m.contains("password-protected")), "evidence_add error: {err}");

    // Other screens, for the docs.
    for screen in ["experience", "membership", "profile"] {
        w.nav(screen).await;
        w.screenshot(screen).await;
    }

    // 3. The packet, through the real command (the save dialog cannot be driven).
    let packet = out.join("packet.pdf");
    let report = w.invoke("packet_generate", json!({ "program": "cmc", "path": packet, "paper": "letter" })).await.expect("packet_generate");
    eprintln!("packet: {} pages, {} exhibits, {} skipped", report["pages"], report["exhibits"], report["skipped"].as_array().map_or(0, Vec::len));
    assert!(packet.is_file(), "the packet was written to {}", packet.display());
    qpdf_check(&packet);

    // And through the packet screen's own Generate button, with only the save dialog answered by
    // the test: the report panel shows the result.
    let ui_packet = out.join("packet-ui.pdf");
    w.answer_dialog("pick_save", &ui_packet).await;
    w.nav("packet").await;
    w.shown("[data-testid=preflight] h2", SHORT).await;
    w.wait_js("the preflight check", SHORT, "return document.querySelector('[data-testid=preflight]').getAttribute('aria-busy') !== 'true';", vec![]).await;
    w.click("[data-testid=generate-packet]").await;
    let report_text = w.text("[data-testid=packet-report]", LONG).await;
    assert!(report_text.contains("Packet ready"), "report: {report_text}");
    assert!(ui_packet.is_file(), "the UI's packet was written to {}", ui_packet.display());
    qpdf_check(&ui_packet);
    w.screenshot("packet").await;

    w.close().await;
    drop(session);
    eprintln!("e2e: launch (session created) {launched:.1?}, whole scenario {:.1?}", started.elapsed());
}

// ---------------------------------------------------------------------------------------------
// Reminder notifications: shown at start, a click opens the reminder's screen

/// One notification as the service received it.
#[derive(Clone, Debug)]
struct Shown {
    id: u32,
    app_name: String,
    summary: String,
    body: String,
    actions: Vec<String>,
}

/// The stand-in desktop notification service: records what it is asked to show.
struct NotificationService {
    shown: std::sync::Arc<std::sync::Mutex<Vec<Shown>>>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl NotificationService {
    fn get_capabilities(&self) -> Vec<String> {
        vec!["actions".into(), "body".into()]
    }

    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: std::collections::HashMap<String, zbus::OwnedVariant>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut shown = self.shown.lock().unwrap();
        let id = u32::try_from(shown.len()).unwrap() + 1;
        shown.push(Shown { id, app_name, summary, body, actions });
        id
    }

    fn close_notification(&self, _id: u32) {}

    fn get_server_information(&self) -> (String, String, String, String) {
        ("clerkfolio-e2e".into(), "clerkfolio".into(), "1".into(), "1.2".into())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_click_on_a_reminder_notification_opens_its_screen() {
    let _window = one_window_at_a_time().await;
    let tools = tools();
    assert!(find_tool("dbus-daemon").is_some(), "the notification test needs dbus-daemon (Debian package dbus-daemon; bash .ci/setup installs it)");
    let tmp = tempfile::tempdir().unwrap();
    let (data, home) = (tmp.path().join("data"), tmp.path().join("home"));
    std::fs::create_dir_all(&home).unwrap();
    // A membership whose anniversary (the dues renewal) is in 5 days: due on the day the app
    // starts (30-day lead), and dealt with on the Membership screen.
    let today = chrono::Local::now().date_naive();
    let start = today.checked_sub_months(chrono::Months::new(12)).unwrap() + chrono::Days::new(5);
    {
        let mut ws = clerkfolio_core::workspace::Workspace::open(&data).unwrap();
        ws.add_membership(clerkfolio_core::model::MemberType::Full, start, None, None).unwrap();
    }

    let bus = SessionBus::start(tmp.path());
    let shown = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Shown>::new()));
    let service = zbus::connection::Builder::address(bus.address.as_str())
        .name("org.freedesktop.Notifications")
        .serve_at("/org/freedesktop/Notifications", NotificationService { shown: shown.clone() })
        .build()
        .await
        .expect("the stand-in notification service on the private bus");
    // NO_AT_BRIDGE: GTK's accessibility bridge would look for its own bus on this one.
    let driver = Driver::start_with(&tools, &data, &home, &[("DBUS_SESSION_BUS_ADDRESS", &bus.address), ("NO_AT_BRIDGE", "1")]);
    let w = launch(&driver).await;
    w.shown("[data-testid=screen-dashboard] h1", LONG).await;

    let shown = &shown;
    let note = poll("the app to show the anniversary as a notification", LONG, || async {
        shown.lock().unwrap().iter().find(|n| n.summary.contains("membership anniversary")).cloned()
    })
    .await;
    eprintln!("notification: {note:?}");
    assert_eq!(note.app_name, "Clerkfolio");
    assert!(note.summary.starts_with("Clerkfolio: IIMC membership anniversary"), "{note:?}");
    assert!(note.body.contains("Renew by") && !note.body.contains("clerkfolio ") && !note.body.contains('`'), "plain words, no command-line hints: {note:?}");
    assert!(note.actions.chunks(2).any(|a| a[0] == "default"), "a click on it is an action the app hears: {note:?}");
    assert_eq!(w.js(&format!("{SHOWN} return !!shown('[data-testid=screen-membership] h1');"), vec![]).await, json!(false), "still on the dashboard");

    // The click, as a desktop reports it. The app starts listening just after showing the
    // notification, so the signal is repeated until the app reacts (at most LONG).
    poll("the Membership screen after the click", LONG, || async {
        service
            .emit_signal(None::<&str>, "/org/freedesktop/Notifications", "org.freedesktop.Notifications", "ActionInvoked", &(note.id, "default"))
            .await
            .expect("ActionInvoked emitted");
        tokio::time::sleep(Duration::from_millis(300)).await;
        let on_membership = w.js(&format!("{SHOWN} return !!shown('[data-testid=screen-membership] h1');"), vec![]).await;
        (on_membership == json!(true)).then_some(())
    })
    .await;
    w.close().await;
    drop(driver);
}

fn qpdf_check(pdf: &Path) {
    let out = Command::new("qpdf").arg("--check").arg(pdf).output().expect("qpdf is installed");
    assert!(out.status.success(), "qpdf --check {}: {}{}", pdf.display(), String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}
