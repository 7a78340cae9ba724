//! The app's commands: each parses what the UI sent, makes one engine call and returns its
//! result. Logic lives in clerkfolio-core; paths from the UI are checked in `state`.

use std::collections::HashMap;
use std::path::PathBuf;

use base64::Engine as _;
use chrono::NaiveDate;
use clerkfolio_core::application::Decision;
use clerkfolio_core::exchange::ExportFormat;
use clerkfolio_core::packet::{self, PacketOptions, Paper};
use clerkfolio_core::model::{EducationChanges, ExperienceChanges, MembershipChanges, ProfileChanges, ReminderChanges, Table, parse_date};
use clerkfolio_core::workspace::{self, Attach, PreviewRecord};
use clerkfolio_core::certificate;
use clerkfolio_core::backup::{self, auto};
use clerkfolio_core::demo;
use serde_json::{Value, json};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use crate::error::{Result, ShellError};
use crate::backups;
use crate::state::{App, Launched, STARTUP_TRACE_ENV, file_to_read, file_to_write, folder_to_write, path_to_read};

fn day(text: Option<String>) -> Result<NaiveDate> {
    match text {
        Some(t) if !t.is_empty() => Ok(parse_date(&t)?),
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

fn files(list: Vec<String>) -> Result<Vec<PathBuf>> {
    list.iter().map(|f| file_to_read(f)).collect()
}

/// Marks that the clerk chose to start empty, so the welcome is not shown again.
const WELCOMED: &str = "welcomed";

#[tauri::command]
pub fn start_demo(app: State<App>) -> Result<()> {
    let mut ws = app.ws()?;
    if demo::is_empty(&mut ws)? {
        demo::fill(&mut ws)?;
    }
    Ok(())
}

#[tauri::command]
pub fn start_empty(app: State<App>) -> Result<()> {
    std::fs::write(app.dir().join(WELCOMED), b"").map_err(|e| ShellError::from(clerkfolio_core::Error::io("cannot write to the data folder", e)))
}

#[tauri::command]
pub fn profile_save(app: State<App>, changes: ProfileChanges) -> Result<Value> {
    Ok(json!(app.ws()?.set_profile(changes)?))
}

/// The programs whose progress the screens show: the CMC, the MMC once a CMC is held
/// (ui/logic.js `dashboardPrograms`), and the EPP's cycle once the MMC is held (`followsEpp`).
/// Other programs (a state's, such as mn-cmc) are not on the screens; `clerkfolio status
/// --program` shows them.
const SHOWN: [&str; 3] = ["cmc", "mmc", "epp"];

/// Everything the screens show, read under one lock so that every part is of the same moment:
/// ui/context.js `refresh` makes one round trip to the shell, not eleven (docs/BENCHMARKS.md,
/// launch). `status` holds the progress toward the programs the screens show (`SHOWN`).
/// `today` (YYYY-MM-DD) is for tests; the app asks for the computer's date.
#[tauri::command]
pub fn snapshot(app: State<App>, today: Option<String>) -> Result<Value> {
    let today = day(today)?;
    let mut ws = app.ws()?;
    let has_portfolio = app.dir().join(WELCOMED).exists() || !demo::is_empty(&mut ws)?;
    let ids: Vec<String> = ws.programs().ids().iter().map(ToString::to_string).collect();
    let programs: Vec<Value> = ids
        .iter()
        .filter_map(|id| ws.programs().get(id, today).ok())
        .map(|p| json!({ "id": p.id, "name": p.name, "authority": p.authority, "effective_from": p.effective_from, "categories": p.categories, "paperwork": p.paperwork, "notes": p.notes }))
        .collect();
    let shown = ids.iter().filter(|id| SHOWN.contains(&id.as_str()));
    let status = shown.map(|id| Ok((id.clone(), json!(ws.status(id, today)?)))).collect::<Result<serde_json::Map<_, _>>>()?;
    let reminders: Vec<Value> = ws.reminders(today)?.iter().map(|r| r.to_json(today)).collect();
    Ok(json!({
        "info": { "version": env!("CARGO_PKG_VERSION"), "data_dir": app.dir(), "has_portfolio": has_portfolio, "today": today.to_string() },
        "programs": programs, "status": status, "reminders": reminders, "profile": ws.profile()?,
        "education": ws.education()?, "experience": ws.experience()?, "membership": ws.memberships()?,
        "designations": ws.designations()?, "evidence": ws.evidence()?,
        "intake": ws.queue()?, "own_reminders": ws.own_reminders()?, "applications": ws.applications()?,
    }))
}

#[tauri::command]
pub fn education_save(app: State<App>, id: Option<i64>, changes: EducationChanges, files: Vec<String>) -> Result<i64> {
    let files = self::files(files)?;
    let mut ws = app.ws()?;
    Ok(match id {
        Some(id) => ws.edit_education(id, changes, &files)?.id,
        None => ws.add_education(changes, &files)?,
    })
}

#[tauri::command]
pub fn education_remove(app: State<App>, id: i64) -> Result<()> {
    Ok(app.ws()?.remove(Table::Education, id)?)
}

#[tauri::command]
pub fn education_preview(app: State<App>, id: Option<i64>, changes: EducationChanges) -> Result<Value> {
    Ok(json!(app.ws()?.preview(PreviewRecord::Education(changes), id, chrono::Local::now().date_naive())?))
}

#[tauri::command]
pub fn experience_save(app: State<App>, id: Option<i64>, changes: ExperienceChanges, files: Vec<String>, letter: Option<String>) -> Result<i64> {
    let files = self::files(files)?;
    let letter = letter.map(|l| file_to_read(&l)).transpose()?;
    let mut ws = app.ws()?;
    Ok(match id {
        Some(id) => ws.edit_experience(id, changes, &files, letter.as_deref())?.id,
        None => ws.add_experience(changes, &files, letter.as_deref())?,
    })
}

#[tauri::command]
pub fn experience_remove(app: State<App>, id: i64) -> Result<()> {
    Ok(app.ws()?.remove(Table::Experience, id)?)
}

#[tauri::command]
pub fn experience_preview(app: State<App>, id: Option<i64>, changes: ExperienceChanges) -> Result<Value> {
    Ok(json!(app.ws()?.preview(PreviewRecord::Experience(changes), id, chrono::Local::now().date_naive())?))
}

#[tauri::command]
pub fn membership_save(app: State<App>, id: Option<i64>, changes: MembershipChanges) -> Result<i64> {
    let mut ws = app.ws()?;
    match id {
        Some(id) => Ok(ws.edit_membership(id, changes)?.id),
        None => {
            let kind = changes.member_type.ok_or_else(|| ShellError::invalid("choose a membership type"))?;
            let start = changes.start.ok_or_else(|| ShellError::invalid("enter the date the membership started"))?;
            Ok(ws.add_membership(kind, start, changes.end, changes.organisation)?)
        }
    }
}

#[tauri::command]
pub fn membership_remove(app: State<App>, id: i64) -> Result<()> {
    Ok(app.ws()?.remove(Table::Membership, id)?)
}

#[tauri::command]
pub fn designation_add(app: State<App>, program: String, date: String, file: Option<String>) -> Result<i64> {
    let file = file.map(|f| file_to_read(&f)).transpose()?;
    Ok(app.ws()?.add_designation(&program, parse_date(&date)?, file.as_deref())?)
}

#[tauri::command]
pub fn designation_remove(app: State<App>, id: i64) -> Result<()> {
    Ok(app.ws()?.remove(Table::Designation, id)?)
}

#[tauri::command]
pub fn evidence_add(app: State<App>, path: String, to: Option<String>) -> Result<i64> {
    let path = file_to_read(&path)?;
    let to = to.filter(|t| !t.is_empty()).map(|t| Attach::parse(&t)).transpose()?;
    Ok(app.ws()?.add_evidence(&path, to)?)
}

#[tauri::command]
pub fn evidence_remove(app: State<App>, id: i64) -> Result<()> {
    Ok(app.ws()?.remove(Table::Evidence, id)?)
}

#[tauri::command]
pub fn evidence_open<R: Runtime>(handle: AppHandle<R>, app: State<App>, id: i64) -> Result<()> {
    let path = {
        let ws = app.ws()?;
        let (e, _) = ws.evidence_bytes(id)?; // checks the hash before anything opens it
        ws.vault().path_of(&e.sha256, e.kind)
    };
    handle.opener().open_path(path.to_string_lossy(), None::<&str>).map_err(|e| ShellError { kind: "io".into(), message: format!("cannot open the file: {e}") })
}

#[tauri::command]
pub fn evidence_thumbnail(app: State<App>, id: i64) -> Result<Option<String>> {
    let png = app.ws()?.evidence_thumbnail(id, 160)?;
    Ok(png.map(|bytes| format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes))))
}

#[tauri::command]
pub async fn pick_files() -> Result<Vec<String>> {
    let picked = rfd::AsyncFileDialog::new()
        .set_title("Choose certificates, transcripts or scans")
        .add_filter("PDF, JPEG, PNG, TIFF, WebP or HEIC", &["pdf", "jpg", "jpeg", "png", "tif", "tiff", "webp", "heic", "heif", "PDF", "JPG", "JPEG", "PNG", "TIF", "TIFF", "WEBP", "HEIC", "HEIF"])
        .pick_files()
        .await
        .unwrap_or_default();
    Ok(picked.iter().map(|f| f.path().to_string_lossy().into_owned()).collect())
}

fn filter_for(kind: &str) -> Result<(&'static str, &'static str)> {
    match kind {
        "pdf" => Ok(("PDF document", "pdf")),
        "ics" => Ok(("Calendar", "ics")),
        "backup" => Ok(("Clerkfolio backup", "zip")),
        "csv" => Ok(("CSV spreadsheet", "csv")),
        "json" => Ok(("JSON file", "json")),
        other => Err(ShellError::invalid(format!("unknown file kind '{other}'"))),
    }
}

#[tauri::command]
pub async fn pick_save(suggested: String, kind: String) -> Result<Option<String>> {
    let (label, extension) = filter_for(&kind)?;
    // The suggestion holds what the clerk typed (their name): Windows' dialog refuses a name it forbids.
    let suggested = clerkfolio_core::names::portable_file_name(&suggested, label);
    let picked = rfd::AsyncFileDialog::new().add_filter(label, &[extension]).set_file_name(&suggested).save_file().await;
    Ok(picked.map(|f| f.path().to_string_lossy().into_owned()))
}

#[tauri::command]
pub async fn pick_open(kind: String) -> Result<Option<String>> {
    let (label, extension) = filter_for(&kind)?;
    let picked = rfd::AsyncFileDialog::new().add_filter(label, &[extension]).pick_file().await;
    Ok(picked.map(|f| f.path().to_string_lossy().into_owned()))
}

#[tauri::command]
pub fn packet_check(app: State<App>, program: String, today: Option<String>) -> Result<Value> {
    Ok(json!(packet::preflight(&mut *app.ws()?, &program, day(today)?)?))
}

/// Builds the packet off the main thread, reporting progress as `packet-progress` events.
#[tauri::command]
pub async fn packet_generate<R: Runtime>(
    handle: AppHandle<R>,
    program: String,
    path: String,
    paper: Option<String>,
    refer_submitted: Option<bool>,
) -> Result<Value> {
    let out = file_to_write(&path, "pdf")?;
    let paper = paper.as_deref().and_then(Paper::named).unwrap_or(Paper::LETTER);
    let refer_submitted = refer_submitted.unwrap_or(false);
    let options = PacketOptions { program, today: chrono::Local::now().date_naive(), paper, refer_submitted };
    let worker = handle.clone();
    let report = tauri::async_runtime::spawn_blocking(move || -> Result<packet::PacketReport> {
        let app = worker.state::<App>();
        let mut ws = app.ws()?;
        let emitter = worker.clone();
        let report = packet::write_packet(&mut ws, &options, &out, &mut |p| {
            let _ = emitter.emit("packet-progress", &p);
        })?;
        app.remember(&report.path);
        Ok(report)
    })
    .await
    .map_err(|e| ShellError { kind: "io".into(), message: format!("the packet could not be built: {e}") })??;
    Ok(json!(report))
}

/// Records a generated packet as the application sent to IIMC on `date` (empty: today).
#[tauri::command]
pub fn application_submit(app: State<App>, program: String, path: String, date: Option<String>) -> Result<i64> {
    let packet = file_to_read(&path)?;
    Ok(app.ws()?.submit_application(&program, &packet, day(date)?)?)
}

/// IIMC's decision: `approved` (the award date: the designation is recorded), or returned with `note`.
#[tauri::command]
pub fn application_decide(app: State<App>, id: i64, approved: Option<String>, note: Option<String>) -> Result<Value> {
    let decision = match approved.filter(|d| !d.is_empty()) {
        Some(on) => Decision::Approved(parse_date(&on)?),
        None => Decision::Returned(note.unwrap_or_default()),
    };
    Ok(json!(app.ws()?.decide_application(id, decision)?))
}

/// Removes an application recorded by mistake; returns it as it was (its packet stays in Evidence).
#[tauri::command]
pub fn application_remove(app: State<App>, id: i64) -> Result<Value> {
    Ok(json!(app.ws()?.remove_application(id)?))
}

// ------------------------------------------------------------ certificates in, records out

/// Reads the certificates at `paths` (folders: every file in them) off the main thread, on every
/// core, reporting `intake-progress` events; each one read joins the review queue. Returns how
/// many were queued and, for the others, why they could not be read.
#[tauri::command]
pub async fn intake_add<R: Runtime>(handle: AppHandle<R>, paths: Vec<String>) -> Result<Value> {
    let paths = paths.iter().map(|p| path_to_read(p)).collect::<Result<Vec<_>>>()?;
    let worker = handle.clone();
    tauri::async_runtime::spawn_blocking(move || -> Result<Value> {
        let files = workspace::files_under(&paths);
        let said = |done: usize, total: usize, file: &std::path::Path| {
            let _ = worker.emit("intake-progress", json!({ "done": done, "total": total, "file": file }));
        };
        let readings = certificate::read_many(&files, &certificate::Ocr::find(), &said);
        let app = worker.state::<App>();
        let mut ws = app.ws()?;
        let mut failed = Vec::new();
        let mut queued = 0;
        for (file, reading) in files.iter().zip(readings) {
            match reading.and_then(|r| ws.queue_add(file, &r).map_err(|e| e.message())) {
                Ok(_) => queued += 1,
                Err(why) => failed.push(json!({ "file": file, "reason": why })),
            }
        }
        Ok(json!({ "queued": queued, "failed": failed }))
    })
    .await
    .map_err(|e| ShellError { kind: "io".into(), message: format!("the certificates could not be read: {e}") })?
}

/// The first page of queued certificate `id`, as a PNG data URL.
#[tauri::command]
pub fn intake_preview(app: State<App>, id: i64) -> Result<String> {
    let path = app.ws()?.queue_path(id)?;
    let png = certificate::preview::first_page_png(&path, 1600)?;
    Ok(format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(png)))
}

#[tauri::command]
pub fn intake_accept(app: State<App>, id: i64, changes: EducationChanges) -> Result<i64> {
    Ok(app.ws()?.queue_accept(id, changes)?)
}

#[tauri::command]
pub fn intake_skip(app: State<App>, id: i64) -> Result<()> {
    Ok(app.ws()?.queue_skip(id)?)
}

/// `purpose`: "backups" for the backup folder; else a folder of certificates.
#[tauri::command]
pub async fn pick_folder(purpose: Option<String>) -> Result<Option<String>> {
    let title = if purpose.as_deref() == Some("backups") { "Choose a folder for your backups" } else { "Choose a folder of certificates" };
    let picked = rfd::AsyncFileDialog::new().set_title(title).pick_folder().await;
    Ok(picked.map(|f| f.path().to_string_lossy().into_owned()))
}

fn written(app: &App, path: &str) -> Result<PathBuf> {
    let path = PathBuf::from(path);
    if app.was_written(&path) { Ok(path) } else { Err(ShellError::invalid("Clerkfolio only opens files it wrote in this session")) }
}

#[tauri::command]
pub fn open_path<R: Runtime>(handle: AppHandle<R>, app: State<App>, path: String) -> Result<()> {
    let path = written(&app, &path)?;
    handle.opener().open_path(path.to_string_lossy(), None::<&str>).map_err(|e| ShellError { kind: "io".into(), message: format!("cannot open {}: {e}", path.display()) })
}

#[tauri::command]
pub fn reveal_path<R: Runtime>(handle: AppHandle<R>, app: State<App>, path: String) -> Result<()> {
    let path = written(&app, &path)?;
    handle.opener().reveal_item_in_dir(&path).map_err(|e| ShellError { kind: "io".into(), message: format!("cannot show {}: {e}", path.display()) })
}

#[tauri::command]
pub fn reminder_dismiss(app: State<App>, id: String) -> Result<()> {
    app.ws()?.dismiss_reminder(&id, chrono::Local::now().date_naive())?;
    Ok(())
}

#[tauri::command]
pub fn reminder_snooze(app: State<App>, id: String, until: String) -> Result<()> {
    app.ws()?.snooze_reminder(&id, parse_date(&until)?, chrono::Local::now().date_naive())?;
    Ok(())
}

/// Undoes a dismissal or a snooze.
#[tauri::command]
pub fn reminder_restore(app: State<App>, id: String) -> Result<()> {
    Ok(app.ws()?.restore_reminder(&id)?)
}

/// Adds (id None) or changes one of the clerk's own reminders; returns its id.
#[tauri::command]
pub fn reminder_save(app: State<App>, id: Option<i64>, changes: ReminderChanges) -> Result<i64> {
    let mut ws = app.ws()?;
    Ok(match id {
        Some(id) => ws.edit_reminder(id, changes)?.id,
        None => ws.add_reminder(changes)?,
    })
}

#[tauri::command]
pub fn reminder_remove(app: State<App>, id: i64) -> Result<()> {
    Ok(app.ws()?.remove_reminder(id)?)
}

#[tauri::command]
pub fn calendar_export(app: State<App>, path: String) -> Result<usize> {
    let path = file_to_write(&path, "ics")?;
    let events = app.ws()?.export_calendar(&path, chrono::Local::now().date_naive(), chrono::Utc::now())?;
    app.remember(&path);
    Ok(events)
}

#[tauri::command]
pub fn backup_create(app: State<App>, path: String) -> Result<Value> {
    let path = file_to_write(&path, "zip")?;
    let report = backup::create(&*app.ws()?, &path)?;
    app.remember(&path);
    Ok(json!(report))
}

/// Off the main thread: it waits for an automatic backup that is running to end.
#[tauri::command(async)]
pub fn backup_restore(app: State<App>, path: String) -> Result<Value> {
    let path = file_to_read(&path)?;
    let _no_backup_meanwhile = app.backup_lock();
    let report = app.with_closed(|dir| backup::restore(&path, dir, true))?;
    Ok(json!(report))
}

/// Where backups go, the last good one, what to tell the clerk (`backup::auto::Status`), and
/// why the last automatic backup failed (`error`).
#[tauri::command(async)]
pub fn backup_status(app: State<App>, today: Option<String>) -> Result<Value> {
    let status = auto::status(&*app.ws()?, day(today)?)?;
    Ok(json!({ "status": status, "error": app.backup_error() }))
}

/// "Back up now": a backup into the backup folder (today's replaced), rotated, on its own connection.
#[tauri::command(async)]
pub fn backup_now(app: State<App>) -> Result<Value> {
    let report = backups::run(&app, auto::Occasion::Asked, false);
    app.set_backup_error(report.as_ref().err().map(|e| e.message()));
    Ok(json!(report?))
}

/// The backups in the backup folder, newest first, with what each holds.
#[tauri::command(async)]
pub fn backup_list(app: State<App>) -> Result<Value> {
    let (folder, _) = auto::folder_of(&*app.ws()?)?;
    Ok(json!({ "folder": folder, "backups": auto::list(&folder)? }))
}

/// Automatic backups on or off, and their folder (None: `Clerkfolio Backups` in Documents).
#[tauri::command]
pub fn backup_settings_save(app: State<App>, automatic: bool, folder: Option<String>) -> Result<Value> {
    let folder = folder.filter(|f| !f.is_empty()).map(|f| folder_to_write(&f)).transpose()?;
    Ok(json!(app.ws()?.set_backup_settings(automatic, folder)?))
}

/// The bytes and name of a CSV the UI picked for import.
fn csv_file(path: &str) -> Result<(Vec<u8>, String)> {
    let path = file_to_read(path)?;
    let bytes = std::fs::read(&path).map_err(|e| clerkfolio_core::Error::io(format!("cannot read {}", path.display()), e))?;
    Ok((bytes, path.display().to_string()))
}

/// The preview (`import csv --dry-run --json`): the rows it would add and every bad row; writes nothing.
#[tauri::command]
pub fn import_preview(app: State<App>, path: String) -> Result<Value> {
    let (bytes, name) = csv_file(&path)?;
    Ok(app.ws()?.plan_import(&bytes, &name)?.to_json())
}

/// Imports every row, or nothing when a row is bad, unless `skip_invalid` (then the good rows).
#[tauri::command]
pub fn import_apply(app: State<App>, path: String, skip_invalid: bool) -> Result<Value> {
    let (bytes, name) = csv_file(&path)?;
    let mut ws = app.ws()?;
    let plan = ws.plan_import(&bytes, &name)?;
    let done = ws.import(&plan, skip_invalid)?;
    Ok(json!({ "education": done.education, "experience": done.experience, "skipped": done.skipped }))
}

#[tauri::command]
pub fn export_records(app: State<App>, format: String, path: String) -> Result<Value> {
    let (format, extension) = match format.as_str() {
        "csv" => (ExportFormat::Csv, "csv"),
        "json" => (ExportFormat::Json, "json"),
        other => return Err(ShellError::invalid(format!("unknown export format '{other}'; use csv or json"))),
    };
    let path = file_to_write(&path, extension)?;
    let (education, experience) = app.ws()?.export(format, &path)?;
    app.remember(&path);
    Ok(json!({ "path": path, "education": education, "experience": experience }))
}

/// The UI's launch timeline (`now` and each `performance.mark`, in ms of page time): printed when
/// `CLERKFOLIO_STARTUP_TRACE` is set (the launch benchmark, docs/BENCHMARKS.md), and with `=exit`
/// the app then closes; ignored otherwise.
#[tauri::command]
pub fn startup_report<R: Runtime>(app: AppHandle<R>, launched: State<'_, Launched>, now: f64, marks: HashMap<String, f64>) {
    let Some(trace) = std::env::var_os(STARTUP_TRACE_ENV) else { return };
    eprintln!("clerkfolio startup (ms since launch): {}", launched.timeline(now, marks));
    if trace == "exit" {
        app.exit(0);
    }
}
