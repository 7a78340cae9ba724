//! Automatic backups: the ordinary checked backup ([`super::create`]) made into a backup folder
//! when one is due, and the folder kept to a bounded set of good backups.
//!
//! - **Where**: the folder chosen in Settings (`store::BackupSettings`), else
//!   `Clerkfolio Backups` in the clerk's Documents; `clerkfolio backup --auto --folder DIR`
//!   names another. A chosen folder that is missing (a USB stick unplugged) is an error, never
//!   created: a folder made in its place on the laptop's own disk would defeat the point.
//! - **Names**: `Clerkfolio backup YYYY-MM-DD.zip`, one a day, dated by the day it was made.
//!   The file is written under a hidden temp name in the folder and renamed into place only
//!   once it has been read back and checked, so a killed backup leaves nothing that looks like
//!   a backup; what a kill leaves is removed on the next run.
//! - **When** ([`Occasion`]): due when the portfolio has changed since the newest good backup in
//!   the folder (the database, the evidence files present, the rules files differ from what its
//!   manifest lists: nothing is recorded anywhere but in the backups themselves), at most one a
//!   day. When the app closes, a change since the newest backup is backed up even when today
//!   has one: the new backup replaces today's (written and checked under the temp name, then
//!   renamed over it, so a failure leaves today's as it was). "Back up now" always makes one.
//! - **Rotation**: after a new backup, the 7 newest are kept and the newest of each of the
//!   8 most recent weeks that have one; older good ones are removed. The backup just made (read
//!   back and checked) is always among those kept, so the only good backup is never removed.
//!   A backup that is damaged (its zip or manifest no longer reads) is removed, and the next
//!   older one is what the portfolio is compared with.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{BackupReport, Manifest, RecordCounts, create, current_state, held_by, open_archive};
use crate::error::{Error, Result};
use crate::workspace::Workspace;
use crate::{datadir, files};

/// The default folder's name, in the clerk's Documents.
pub const FOLDER_NAME: &str = "Clerkfolio Backups";
/// Backups in the folder are `Clerkfolio backup YYYY-MM-DD.zip` (the name the app's "Back up
/// to a file…" suggests too, so one saved there by hand counts as that day's).
const FILE_PREFIX: &str = "Clerkfolio backup ";
const FILE_SUFFIX: &str = ".zip";
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 8;
/// Days without a backup after which the app reminds the clerk.
pub const REMIND_AFTER_DAYS: i64 = 14;

/// `Clerkfolio Backups` in the clerk's Documents (the system's Documents folder, else
/// `~/Documents`).
pub fn default_folder() -> Result<PathBuf> {
    dirs::document_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join("Documents")))
        .map(|d| d.join(FOLDER_NAME))
        .ok_or_else(|| Error::Invalid("cannot find your Documents folder; choose a backup folder".into()).hint("--folder DIR"))
}

/// The folder the backups go to: the one chosen in Settings, else the default. The flag is
/// true for the default.
pub fn folder_of(ws: &Workspace) -> Result<(PathBuf, bool)> {
    match ws.backup_settings()?.folder {
        Some(folder) => Ok((folder, false)),
        None => Ok((default_folder()?, true)),
    }
}

/// The file of the backup made on `day`.
pub fn file_name(day: NaiveDate) -> String {
    format!("{FILE_PREFIX}{}{FILE_SUFFIX}", day.format("%Y-%m-%d"))
}

/// The day of a backup file's name, or None for any other file.
fn day_of(name: &str) -> Option<NaiveDate> {
    let date = name.strip_prefix(FILE_PREFIX)?.strip_suffix(FILE_SUFFIX)?;
    (date.len() == 10).then(|| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()).flatten()
}

/// A chosen backup folder: a full path to a folder that exists, outside the data folder, with a
/// name that is text (it is stored in the database).
pub fn check_folder(data: &Path, folder: &Path) -> Result<()> {
    if folder.to_str().is_none() || !folder.is_absolute() {
        return Err(Error::Invalid(format!("'{}' is not a full path to a folder", folder.display())));
    }
    if !folder.is_dir() {
        return Err(Error::NotFound(format!("the backup folder {} does not exist or cannot be reached; plug in the drive or choose another folder", folder.display())));
    }
    datadir::refuse_inside(data, folder, "backups")
}

/// One backup in the folder.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub file: PathBuf,
    /// The day in its name (the day it was made).
    pub day: NaiveDate,
    pub bytes: u64,
    /// From its manifest (RFC 3339, UTC); None when it cannot be read.
    pub created_at: Option<String>,
    pub app_version: Option<String>,
    pub records: Option<RecordCounts>,
    /// Files in it (database, evidence, rules files).
    pub files: Option<usize>,
    /// Why it cannot be restored (damaged, made by a newer Clerkfolio); None: it can.
    pub problem: Option<String>,
    #[serde(skip)]
    damaged: bool,
    #[serde(skip)]
    manifest: Option<Manifest>,
}

impl Listed {
    pub fn is_good(&self) -> bool {
        self.problem.is_none()
    }
}

/// The backups in `folder`, newest first; each one's zip, manifest and names checked
/// (`open_archive`: the central directory and the manifest are read, not every entry). A
/// missing folder holds none.
pub fn list(folder: &Path) -> Result<Vec<Listed>> {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(format!("cannot list the backup folder {}", folder.display()), e)),
    };
    let mut found: Vec<Listed> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| Some((day_of(e.file_name().to_str()?)?, e.path())))
        .map(|(day, file)| inspect(file, day))
        .collect();
    found.sort_by_key(|b| std::cmp::Reverse(b.day));
    Ok(found)
}

fn inspect(file: PathBuf, day: NaiveDate) -> Listed {
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let bytes = fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    let opened = File::open(&file)
        .map_err(|e| Error::io(format!("cannot read {name}"), e))
        .and_then(|f| open_archive(std::io::BufReader::new(f), &name));
    let mut listed = Listed { file, day, bytes, created_at: None, app_version: None, records: None, files: None, problem: None, damaged: false, manifest: None };
    match opened {
        Ok(archive) => {
            let m = archive.manifest;
            listed.created_at = Some(m.created_at.clone());
            listed.app_version = Some(m.app_version.clone());
            listed.records = Some(m.records);
            listed.files = Some(m.entries.len());
            listed.manifest = Some(m);
        }
        Err(e) => {
            // Refused: not a readable backup any more. A newer Clerkfolio's or an unreadable
            // file (permissions, a drive gone) is kept: it may be fine.
            listed.damaged = matches!(e, Error::Refused(_));
            listed.problem = Some(e.message());
        }
    }
    listed
}

/// A backup removed by a run, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Removed {
    pub file: PathBuf,
    pub reason: String,
}

/// What one run did.
#[derive(Debug, Clone, Serialize)]
pub struct AutoReport {
    pub folder: PathBuf,
    /// The backup made; None when none was due.
    pub made: Option<BackupReport>,
    /// Why one was made, or why none was needed.
    pub reason: String,
    pub removed: Vec<Removed>,
    /// Good backups in the folder afterwards.
    pub backups: usize,
}

/// What a run is for: when a backup is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occasion {
    /// The periodic check (`backup --auto`): after a change since the newest backup, at most one
    /// a day.
    Check,
    /// The app closing (`backup --auto --closing`): after a change since the newest backup, even
    /// when today has one already: the new one replaces today's, so the day's last changes are
    /// never left out and the folder still holds one backup a day.
    Closing,
    /// "Back up now": always, replacing today's.
    Asked,
}

/// Makes a backup into `folder` if one is due on `today` for `occasion` (a backup of today is
/// replaced), then rotates; removes damaged backups and what killed runs left.
/// A failure to write leaves the folder as it was (the temp file removed, today's backup, if
/// any, untouched: `create` renames over it only once the new one is checked) and is returned
/// as the error: the next run tries again, since it is still due.
pub fn run(ws: &Workspace, folder: &Path, today: NaiveDate, occasion: Occasion) -> Result<AutoReport> {
    prepare(ws, folder)?;
    files::remove_abandoned(folder, &format!(".{FILE_PREFIX}"));
    let mut removed = Vec::new();
    let mut listed = list(folder)?;
    listed.retain(|b| !(b.damaged && remove(b, "damaged", &mut removed)));
    let good: Vec<&Listed> = listed.iter().filter(|b| b.is_good()).collect();
    let why = match due(ws, &good, today, occasion)? {
        Ok(why) => why,
        Err(why_not) => return Ok(AutoReport { folder: folder.to_path_buf(), made: None, reason: why_not, removed, backups: good.len() }),
    };
    let made = create(ws, &folder.join(file_name(today)))?;
    let listed = list(folder)?;
    let good: Vec<&Listed> = listed.iter().filter(|b| b.is_good()).collect();
    let keep = to_keep(&good.iter().map(|b| b.day).collect::<Vec<_>>());
    let mut backups = 0;
    for b in good {
        // The one just made is the newest, so always kept; the guard says so again.
        if keep.contains(&b.day) || b.day == today || !remove(b, "rotated", &mut removed) {
            backups += 1;
        }
    }
    Ok(AutoReport { folder: folder.to_path_buf(), made: Some(made), reason: why, removed, backups })
}

/// Ok(why a backup is due) or Err(why none is).
fn due(ws: &Workspace, good: &[&Listed], today: NaiveDate, occasion: Occasion) -> Result<std::result::Result<String, String>> {
    if occasion == Occasion::Asked {
        return Ok(Ok("a backup was asked for".into()));
    }
    let Some(newest) = good.first() else {
        return Ok(Ok("there is no backup in the folder yet".into()));
    };
    let of_today = good.iter().find(|b| b.day == today);
    if let (Some(b), Occasion::Check) = (of_today, occasion) {
        return Ok(Err(format!("there is a backup of today already ({}): at most one a day", b.file.display())));
    }
    if newest.manifest.as_ref().map(held_by) == Some(current_state(ws)?) {
        return Ok(Err(format!("nothing has changed since the backup of {} ({})", newest.day, newest.file.display())));
    }
    Ok(Ok(match of_today {
        Some(b) => format!("the portfolio has changed since the backup of {}: the new one replaces it ({})", b.day, b.file.display()),
        None => format!("the portfolio has changed since the backup of {}", newest.day),
    }))
}

/// The days to keep of `days` (newest first): the `KEEP_DAILY` newest, and the newest of each
/// of the `KEEP_WEEKLY` most recent ISO weeks (Monday to Sunday) that have one.
pub fn to_keep(days: &[NaiveDate]) -> BTreeSet<NaiveDate> {
    let mut keep: BTreeSet<NaiveDate> = days.iter().take(KEEP_DAILY).copied().collect();
    let mut weeks = Vec::new();
    for day in days {
        let week = (day.iso_week().year(), day.iso_week().week());
        if !weeks.contains(&week) {
            weeks.push(week);
            if weeks.len() > KEEP_WEEKLY {
                break;
            }
            keep.insert(*day);
        }
    }
    keep
}

/// Removes a backup file; true if it is gone.
fn remove(b: &Listed, why: &str, removed: &mut Vec<Removed>) -> bool {
    let reason = match &b.problem {
        Some(problem) => format!("{why}: {problem}"),
        None => why.to_string(),
    };
    if fs::remove_file(&b.file).is_ok() {
        removed.push(Removed { file: b.file.clone(), reason });
        return true;
    }
    false
}

/// The default folder is made when missing; a chosen one must exist. Never inside the data
/// folder.
fn prepare(ws: &Workspace, folder: &Path) -> Result<()> {
    if !folder.is_dir() && default_folder().is_ok_and(|d| d == folder) {
        fs::create_dir_all(folder).map_err(|e| Error::io(format!("cannot create the backup folder {}", folder.display()), e))?;
    }
    if !folder.is_dir() {
        return Err(Error::NotFound(format!(
            "the backup folder {} does not exist or cannot be reached; plug in the drive or choose another folder",
            folder.display()
        )));
    }
    datadir::refuse_inside(ws.dir(), folder, "backups")
}

/// Whether `folder` is on the same disk as the data folder (where it does not exist yet: its
/// nearest existing parent). Unix compares device ids; Windows, the drive or network share.
/// None when it cannot be told.
pub fn same_disk(data: &Path, folder: &Path) -> Option<bool> {
    let existing = |p: &Path| -> Option<PathBuf> {
        let abs = std::path::absolute(p).ok()?;
        abs.ancestors().find(|a| a.exists()).and_then(|a| fs::canonicalize(a).ok())
    };
    let (a, b) = (existing(data)?, existing(folder)?);
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(fs::metadata(a).ok()?.dev() == fs::metadata(b).ok()?.dev())
    }
    #[cfg(windows)]
    {
        let prefix = |p: &Path| match p.components().next() {
            Some(std::path::Component::Prefix(prefix)) => Some(prefix.as_os_str().to_string_lossy().to_lowercase()),
            _ => None,
        };
        Some(prefix(&a)? == prefix(&b)?)
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (a, b);
        None
    }
}

/// Something the clerk should know about her backups.
#[derive(Debug, Clone, Serialize)]
pub struct Warning {
    /// `unreachable`, `none`, `old`, `same-disk`.
    pub kind: &'static str,
    pub message: String,
}

/// What the dashboard shows: where backups go, the last good one, and what to tell the clerk.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub automatic: bool,
    pub folder: PathBuf,
    /// The folder is the default one (Documents).
    pub default_folder: bool,
    pub folder_exists: bool,
    /// The newest backup that can be restored.
    pub last: Option<Listed>,
    pub days_since_last: Option<i64>,
    pub same_disk: Option<bool>,
    /// Good backups in the folder.
    pub backups: usize,
    pub warnings: Vec<Warning>,
}

/// The backup status of the portfolio open in `ws` on `today`.
pub fn status(ws: &Workspace, today: NaiveDate) -> Result<Status> {
    let settings = ws.backup_settings()?;
    let (folder, default) = folder_of(ws)?;
    let exists = folder.is_dir();
    let listed = if exists { list(&folder)? } else { Vec::new() };
    let backups = listed.iter().filter(|b| b.is_good()).count();
    let last = listed.into_iter().find(Listed::is_good);
    let days = last.as_ref().map(|b| (today - b.day).num_days());
    let same_disk = same_disk(ws.dir(), &folder);
    let mut warnings = Vec::new();
    if !exists && !default {
        warnings.push(Warning {
            kind: "unreachable",
            message: format!("The backup folder {} cannot be reached. Plug in the drive, or choose another folder.", folder.display()),
        });
    }
    match days {
        None if !settings.automatic => warnings.push(Warning { kind: "none", message: "There is no backup of your portfolio yet, and automatic backups are off.".into() }),
        Some(d) if d >= REMIND_AFTER_DAYS => warnings.push(Warning { kind: "old", message: format!("Your last backup is {d} days old. Back up now.") }),
        _ => {}
    }
    if same_disk == Some(true) {
        warnings.push(Warning {
            kind: "same-disk",
            message: "Your backups are on the same disk as your portfolio: if that disk fails, both are lost. Choose a folder on a USB stick, a network drive or a synced cloud folder.".into(),
        });
    }
    Ok(Status { automatic: settings.automatic, folder, default_folder: default, folder_exists: exists, last, days_since_last: days, same_disk, backups, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn names_are_read_back_and_nothing_else_counts() {
        assert_eq!(day_of(&file_name(d("2026-03-14"))), Some(d("2026-03-14")));
        for other in ["Clerkfolio backup 2026-3-14.zip", "Clerkfolio backup 2026-02-30.zip", ".Clerkfolio backup 2026-03-14.zip.tmp-abc", "Clerkfolio backup 2026-03-14.zip.part", "notes.zip"] {
            assert_eq!(day_of(other), None, "{other}");
        }
    }

    #[test]
    fn rotation_keeps_seven_days_and_the_newest_of_eight_weeks() {
        // Every day of 2026 up to Wednesday 18 November, newest first.
        let days: Vec<NaiveDate> = d("2026-01-01").iter_days().take_while(|x| *x <= d("2026-11-18")).collect::<Vec<_>>().into_iter().rev().collect();
        let keep = to_keep(&days);
        let daily: BTreeSet<NaiveDate> = d("2026-11-12").iter_days().take(7).collect();
        // The week of the 18th (its Wednesday), then the Sundays of the seven weeks before.
        let weekly: BTreeSet<NaiveDate> = [d("2026-11-18")].into_iter().chain((1..8).map(|w| d("2026-11-15") - chrono::Days::new(7 * (w - 1)))).collect();
        assert_eq!(keep, daily.union(&weekly).copied().collect());
        assert_eq!(keep.len(), 7 + 6, "the 15th and the 18th are in both");
    }
}
