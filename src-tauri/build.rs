//! Lists the app's own commands in its manifest: without it Tauri does not check them against
//! the capabilities at all; with it, a command not granted in capabilities/main.json is refused.

const COMMANDS: &[&str] = &[
    "snapshot", "start_demo", "start_empty", "profile_save",
    "education_save", "education_remove", "education_preview",
    "experience_save", "experience_remove", "experience_preview",
    "membership_save", "membership_remove", "designation_add", "designation_remove",
    "evidence_add", "evidence_remove", "evidence_open", "evidence_thumbnail",
    "pick_files", "pick_save", "pick_open",
    "packet_check", "packet_generate", "open_path", "reveal_path",
    "application_submit", "application_decide", "application_remove",
    "reminder_dismiss", "reminder_snooze", "reminder_restore", "reminder_save", "reminder_remove", "calendar_export",
    "backup_create", "backup_restore", "backup_status", "backup_now", "backup_list", "backup_settings_save",
    "import_preview", "import_apply", "export_records",
    "startup_report",
    "intake_add", "intake_preview", "intake_accept", "intake_skip", "pick_folder",
];

fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)))
        .expect("failed to run the tauri build script");
}
