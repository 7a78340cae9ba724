//! The desktop shell's integration tests, one test binary: the commands over Tauri's IPC on a
//! mock runtime (`ipc`), and the real app window under Xvfb over WebDriver (`e2e`).

mod a11y;
mod acl;
mod applications;
mod backups;
mod certificates;
mod commands;
mod e2e;
mod everyday;
mod ipc;
mod narrow;
mod programs;
mod reminders;
mod settings;
mod session_bus;
