// The only module that touches window.__TAURI__. Every call returns a Promise; a failure
// rejects with { kind, message } (kind: invalid, not_found, refused, conflict, newer_database,
// rules, integrity, io, disk_full, database, busy) ready to show to the clerk.
// Field names inside objects are snake_case, as the engine's JSON (see docs/CLI.md).

const tauri = () => window.__TAURI__;

function normalise(error) {
  if (error && typeof error === 'object' && 'message' in error) return error;
  return { kind: 'io', message: String(error) };
}

export async function call(command, args = {}) {
  try {
    return await tauri().core.invoke(command, args);
  } catch (error) {
    throw normalise(error);
  }
}

/** Subscribes to an app event; returns a function that unsubscribes. */
export async function on(event, handler) {
  return tauri().event.listen(event, (e) => handler(e.payload));
}

/** Files dropped on the window: handler(paths[], position) on drop (position in CSS pixels of
 *  the page, or null), hover(true/false) while dragging. */
export async function onFileDrop(handler, hover = () => {}) {
  const webview = tauri().webview.getCurrentWebview();
  return webview.onDragDropEvent((event) => {
    const p = event.payload;
    if (p.type === 'over' || p.type === 'enter') hover(true);
    else if (p.type === 'leave') hover(false);
    else if (p.type === 'drop') {
      hover(false);
      // Tauri reports physical pixels; the page thinks in CSS pixels.
      const ratio = globalThis.devicePixelRatio || 1;
      handler(p.paths || [], p.position ? { x: p.position.x / ratio, y: p.position.y / ratio } : null);
    }
  });
}

// Everything the screens show, of one moment:
// { info: { version, data_dir, has_portfolio, today },
//   programs: [{ id, name, authority, categories: { education: {id: label}, experience: {...} } }],
//   status: { <program id>: rules::Progress (see `status --json`) }, reminders (see `reminders --json`),
//   profile, education, experience, membership, designations, applications (see `application list --json`),
//   evidence: [{ id, sha256, original_name, type, size, pages, added_at, used_by[] }] }
export const snapshot = () => call('snapshot', { today: null });

// App
export const startDemo = () => call('start_demo');
export const startEmpty = () => call('start_empty');

// Profile
export const profileSave = (changes) => call('profile_save', { changes });

// Records. `changes` objects use the engine's field names:
// education: title, provider, category, certificate, start, end, clear_end, hours,
//            entered: {points, reason} | null, clear_points, learned, level, assessment
// experience: category, title, organisation, start, end, clear_end, entered, clear_points, notes
// membership: member_type, organisation, start, end, clear_end
export const educationSave = (id, changes, files = []) => call('education_save', { id, changes, files });
export const educationRemove = (id) => call('education_remove', { id });
/** Points the record would earn, per program: [{ program, program_name, points: RecordPoints|null }]. */
export const educationPreview = (changes) => call('education_preview', { changes });
export const experienceSave = (id, changes, files = [], letter = null) => call('experience_save', { id, changes, files, letter });
export const experienceRemove = (id) => call('experience_remove', { id });
export const experiencePreview = (changes) => call('experience_preview', { changes });
export const membershipSave = (id, changes) => call('membership_save', { id, changes });
export const membershipRemove = (id) => call('membership_remove', { id });
export const designationAdd = (program, date, file = null) => call('designation_add', { program, date, file });
export const designationRemove = (id) => call('designation_remove', { id });

// Evidence
export const evidenceAdd = (path, to = null) => call('evidence_add', { path, to }); // to: "education:3" | "experience:2" | "letter:2"
export const evidenceRemove = (id) => call('evidence_remove', { id });
export const evidenceOpen = (id) => call('evidence_open', { id });
export const evidenceThumbnail = (id) => call('evidence_thumbnail', { id }); // "data:image/png;base64,..." or null
export const pickFiles = () => call('pick_files'); // native dialog, PDF/JPEG/PNG; [] when cancelled
export const pickSave = (suggested, kind) => call('pick_save', { suggested, kind }); // kind: "pdf" | "ics" | "backup" | "csv" | "json"; null when cancelled
export const pickOpen = (kind) => call('pick_open', { kind }); // kind: "backup" | "csv"; null when cancelled

// Packet
export const packetCheck = (program, today = null) => call('packet_check', { program, today }); // [{ kind, message }]
/** Builds the packet; progress events "packet-progress" carry { stage, done, total }. */
// referSubmitted: exhibits already submitted with an earlier application (the CMC's) are listed, not appended.
export const packetGenerate = (program, path, paper, referSubmitted = false) => call('packet_generate', { program, path, paper, referSubmitted }); // PacketReport
export const openPath = (path) => call('open_path', { path }); // only files the app wrote this session
// Applications sent to IIMC (snapshot.applications: see `application list --json`).
export const applicationSubmit = (program, path, date) => call('application_submit', { program, path, date }); // the new id
// approved: the award date (records the designation); else returned with note.
export const applicationDecide = (id, approved, note = null) => call('application_decide', { id, approved, note }); // the application
export const applicationRemove = (id) => call('application_remove', { id }); // the application as it was
export const revealPath = (path) => call('reveal_path', { path });

// Reminders
// The launch timeline (ms of page time), for the launch benchmark; the shell ignores it otherwise.
export const startupReport = (now, marks) => call('startup_report', { now, marks });

// Certificates in, records out (screen-intake.js).
export const intakeAdd = (paths) => call('intake_add', { paths }); // reads files/folders into the queue: { queued, failed: [{ file, reason }] }; intake-progress events
export const intakePreview = (id) => call('intake_preview', { id }); // "data:image/png;base64,..." of the first page
export const intakeAccept = (id, changes) => call('intake_accept', { id, changes }); // the new education record's id
export const intakeSkip = (id) => call('intake_skip', { id });
export const pickFolder = (purpose = null) => call('pick_folder', { purpose }); // native dialog (purpose "backups": the backup folder); null when cancelled
export const reminderDismiss = (id) => call('reminder_dismiss', { id });
export const reminderSnooze = (id, until) => call('reminder_snooze', { id, until });
export const reminderRestore = (id) => call('reminder_restore', { id }); // undoes a dismissal or a snooze
export const reminderSave = (id, changes) => call('reminder_save', { id, changes }); // own reminders: { title, date, yearly, notes, lead_days, clear_lead }
export const reminderRemove = (id) => call('reminder_remove', { id });
export const calendarExport = (path) => call('calendar_export', { path }); // number of events

// Backup
export const backupCreate = (path) => call('backup_create', { path });
export const backupRestore = (path) => call('backup_restore', { path }); // replaces the current data (kept aside)
// Automatic backups into the backup folder (docs/DATA-SAFETY.md). Status: { status: { automatic, folder,
// default_folder, folder_exists, last: Listed|null, days_since_last, same_disk, backups, warnings: [{ kind, message }] },
// error: why the last automatic backup failed|null }; Listed: { file, day, bytes, created_at, app_version,
// records, files, problem }. Events: "backup-done" after an automatic backup was made or failed.
export const backupStatus = () => call('backup_status', { today: null });
export const backupNow = () => call('backup_now'); // { folder, made: BackupReport|null, reason, removed, backups }
export const backupList = () => call('backup_list'); // { folder, backups: [Listed] } newest first
export const backupSettingsSave = (automatic, folder) => call('backup_settings_save', { automatic, folder }); // folder null: Documents

// Import and export of education and experience records
/** The import preview: { file, rows: [{ line, record, ...list fields }], problems: [{ line, message }] }. */
export const importPreview = (path) => call('import_preview', { path });
/** Imports the CSV: all rows, or nothing if a row is bad unless skipInvalid; { education, experience, skipped }. */
export const importApply = (path, skipInvalid = false) => call('import_apply', { path, skipInvalid });
export const exportRecords = (format, path) => call('export_records', { format, path }); // format: "csv" | "json"; { path, education, experience }
