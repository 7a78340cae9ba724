//! A private D-Bus session bus (`dbus-daemon --session`), ended on drop: what every desktop
//! session has. Shared by the end-to-end tests (a stand-in notification service on it) and the
//! launch benchmark (without one, GLib would autolaunch a bus inside the measured launch).

use std::path::Path;
use std::process::{Child, Command, Stdio};

pub struct SessionBus {
    child: Child,
    pub address: String,
}

impl SessionBus {
    pub fn start(dir: &Path) -> SessionBus {
        use std::io::BufRead;
        let mut child = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .arg(format!("--address=unix:path={}", dir.join("bus").display()))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon starts (Debian package dbus-daemon)");
        let mut address = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut address).expect("dbus-daemon prints its address");
        assert!(address.starts_with("unix:"), "dbus-daemon address: {address:?}");
        SessionBus { child, address: address.trim().to_string() }
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
