//! How the window's WebKitGTK web view is set up on Linux: what a local forms-and-tables app needs
//! and no more. Shared with the benchmark's hello window (src-tauri/bench/hello-window), so that
//! what the launch benchmark compares is Clerkfolio itself, not different WebKit settings
//! (docs/BENCHMARKS.md has the figures with and without each setting).

/// The environment WebKit's processes start with; a value the person set is kept.
///
/// - JavaScriptCore without its just-in-time compilers (`JSC_useJIT=0`): the page's code runs in
///   JavaScriptCore's interpreter. The UI is forms and tables a few hundred rows long; compiling
///   it to machine code buys nothing a person notices (the launch to a painted dashboard measured
///   no slower: 333–359 ms against 369–375 with the JIT), and costs memory: the compilers' code
///   and their output, about 7 MiB over the app's processes (docs/BENCHMARKS.md). No memory that
///   is both written and executed is made, either. JavaScriptCore reads its options from the
///   environment when it starts, in this process and in the web process WebKit starts from it.
/// - At most two glibc malloc arenas in the processes WebKit starts (`MALLOC_ARENA_MAX=2`; glibc
///   reads it when a process starts, so this one keeps its default): by default each thread that
///   allocates while another holds the lock gets an arena of its own (up to eight per core), and
///   memory freed in one stays with it. The web process's rendering, font and GC threads then hold
///   about 2 MiB more at rest, for malloc lock waits a page of forms never has (the launch
///   measured no slower: docs/BENCHMARKS.md).
#[allow(unsafe_code)]
pub fn prepare_environment() {
    for (name, value) in [("JSC_useJIT", "0"), ("MALLOC_ARENA_MAX", "2")] {
        if std::env::var_os(name).is_none() {
            // SAFETY: called first thing in `main` (`run`), before any thread exists: nothing can
            // be reading the environment while it is written.
            unsafe { std::env::set_var(name, value) };
        }
    }
}

/// - Rendering on the CPU: WebKitGTK composites with OpenGL by default, and the web process then
///   holds about 100 MB more. Forms and tables gain nothing from it, and GPU compositing is also
///   what leaves some Linux desktops (NVIDIA, virtual machines) with a blank window.
/// - The document-viewer cache model: WebKit's default keeps decoded pages, images and scripts in
///   memory for a browser's back and forward navigation, sized from the machine's RAM. The app is
///   one local page that never navigates, so that memory (thumbnails of every file looked at,
///   too) would only grow.
pub fn tune(webview: tauri::webview::PlatformWebview) {
    use webkit2gtk::{CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt};
    let view = webview.inner();
    if let Some(settings) = WebViewExt::settings(&view) {
        settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
    }
    if let Some(context) = view.context() {
        context.set_cache_model(CacheModel::DocumentViewer);
    }
}
