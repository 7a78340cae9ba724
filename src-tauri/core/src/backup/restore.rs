//! Putting a backup in place: extracted and checked in a staging folder beside the data folder,
//! then swapped in (see the module docs of `backup`).

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use super::{RestoreReport, counts, open_archive, schema};
use crate::workspace::Workspace;
use crate::datadir::{DATABASE_FILE, STAGING_MARKER, absolute, folder_name, lock_exclusive, recover_interrupted_restore, staging_prefix, unused_name};
use crate::error::{Error, Result};
use crate::files::{self, exchange};

/// Puts the backup `file` in place as the data folder `data` (see the module docs). Without
/// Puts the backup `file` in place as the data folder `data` (see the module docs). Without
/// `replace`, `data` must not exist or be empty; with it, a folder holding a portfolio is
/// replaced and kept aside. Any refusal or failure leaves `data` exactly as it was.
pub fn restore(file: &Path, data: &Path, replace: bool) -> Result<RestoreReport> {
    let name = file.display().to_string();
    let reader = files::open_regular(file, &name).map_err(|e| match e {
        files::OpenError::NotRegular(refusal) => refusal,
        files::OpenError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Error::NotFound(format!("{name}: no such file; choose the backup file to restore"))
        }
        files::OpenError::Io(e) => Error::io(format!("cannot read {name}"), e),
    })?;
    let mut archive = open_archive(std::io::BufReader::new(reader), &name)?;

    let data = absolute(data)?;
    recover_interrupted_restore(&data);
    let state = folder_state(&data)?;
    let _in_use_guard = match state {
        Folder::Portfolio if !replace => {
            return Err(Error::Conflict(format!(
                "{} already holds a portfolio; nothing was changed. To replace it with the backup, add --replace (the current data is kept beside it as {}.before-restore-<time>)",
                data.display(),
                folder_name(&data)
            )));
        }
        Folder::Portfolio => Some(lock_exclusive(&data)?),
        Folder::Other => {
            return Err(Error::Conflict(format!(
                "{} is not empty and holds no Clerkfolio portfolio; nothing was changed. Restore into an empty or new folder",
                data.display()
            ))
            .hint("--data-dir"));
        }
        Folder::Missing | Folder::Empty => None,
    };

    let parent = files::parent_of(&data);
    fs::create_dir_all(&parent).map_err(|e| Error::io(format!("cannot create {}", parent.display()), e))?;
    let staging_context = format!("cannot restore into {}", parent.display());
    let staging = tempfile::Builder::new()
        .prefix(&staging_prefix(&data))
        .tempdir_in(&parent)
        .map_err(|e| Error::io(staging_context.clone(), e))?;
    let marker_path = staging.path().join(STAGING_MARKER);
    let marker = File::create(&marker_path).map_err(|e| Error::io(staging_context.clone(), e))?;
    marker.lock().map_err(|e| Error::io(staging_context.clone(), e))?;
    if !files::still_at_path(&marker, &marker_path) {
        // Another Clerkfolio starting at this very moment took it for a crash's leftover.
        return Err(Error::Conflict("another Clerkfolio was starting at the same moment; nothing was changed: try again".into()));
    }

    check_room(&archive.manifest, &parent, &name)?;
    // The database first: a backup whose database is refused writes no evidence at all.
    let mut entries = archive.manifest.entries.clone();
    entries.sort_by_key(|e| e.path != DATABASE_FILE);
    for entry in entries {
        let path = staging.path().join(&entry.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::io(staging_context.clone(), e))?;
        }
        let mut out = std::io::BufWriter::with_capacity(1 << 20, File::create(&path).map_err(|e| Error::io(staging_context.clone(), e))?);
        archive.copy_to(&entry, &mut out)?;
        let out = out.into_inner().map_err(|e| Error::io(staging_context.clone(), e.into_error()))?;
        out.sync_all().map_err(|e| Error::io(staging_context.clone(), e))?;
        if entry.path == DATABASE_FILE {
            schema::check_database(&path, &name)?;
        }
    }
    // Opened as the app opens it: refuses a newer schema, migrates an older one, loads the rules files.
    let (warnings, records) = {
        let ws = Workspace::open(staging.path()).map_err(|e| match e {
            Error::NewerDatabase(_) => Error::NewerDatabase(format!(
                "{name} was made by a newer version of Clerkfolio (its database is newer than this one reads); install the newer Clerkfolio to restore it. Nothing was changed."
            )),
            e => Error::Refused(format!("{name} cannot be restored ({e}); nothing was changed")),
        })?;
        let report = ws.verify()?;
        let (database, evidence): (Vec<String>, Vec<String>) = report.problems.into_iter().partition(|p| p.starts_with("database:"));
        if !database.is_empty() {
            return Err(Error::Refused(format!(
                "{name} holds a damaged database ({}); nothing was changed. Use another copy of the backup",
                database.join("; ")
            )));
        }
        (evidence, counts(ws.connection())?)
    };
    sync_tree(staging.path()).map_err(|e| Error::io(staging_context.clone(), e))?;

    let staged = staging.keep();
    let previous = swap_in(&staged, &data, state).inspect_err(|_| {
        // Only what still carries the marker is staging; anything else is someone's data.
        if staged.join(STAGING_MARKER).exists() {
            let _ = fs::remove_dir_all(&staged);
        }
    })?;
    let _ = fs::remove_file(data.join(STAGING_MARKER));
    drop(marker);
    let _ = files::sync_dir(&data);
    files::sync_dir(&parent).map_err(|e| Error::io(staging_context, e))?;
    Ok(RestoreReport { data_dir: data, manifest: archive.manifest, records, previous, warnings })
}

/// Space kept free after a restore: the portfolio must go on working (SQLite's journal, new
/// evidence) on the disk it was restored to.
const KEEP_FREE: u64 = 256 * 1024 * 1024;

/// Refuses a backup whose entries, at the sizes its manifest gives (which extraction holds them
/// to), would not fit on the disk with [`KEEP_FREE`] to spare: checked before anything is
/// written, so a bomb cannot fill the disk.
fn check_room(manifest: &super::Manifest, folder: &Path, name: &str) -> Result<()> {
    let needed: u64 = manifest.entries.iter().map(|e| e.size).fold(0u64, u64::saturating_add);
    let Some(free) = free_space(folder) else { return Ok(()) };
    if needed.saturating_add(KEEP_FREE) > free {
        return Err(Error::Refused(format!(
            "{name} would take {} MB, and the disk holding {} has {} MB free (Clerkfolio keeps {} MB spare); free some space and try again. Nothing was changed.",
            needed / (1024 * 1024),
            folder.display(),
            free / (1024 * 1024),
            KEEP_FREE / (1024 * 1024)
        )));
    }
    Ok(())
}

/// Bytes an unprivileged user may still write on the file system holding `folder`.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn free_space(folder: &Path) -> Option<u64> {
    let stat = rustix::fs::statvfs(folder).ok()?;
    Some(stat.f_bavail.saturating_mul(stat.f_frsize))
}

/// Elsewhere (Windows) the disk is not measured; extraction is still bounded by the manifest.
#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn free_space(_: &Path) -> Option<u64> {
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Folder {
    Missing,
    Empty,
    Portfolio,
    Other,
}

fn folder_state(data: &Path) -> Result<Folder> {
    match fs::read_dir(data) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Folder::Missing),
        Err(e) if data.is_file() => Err(Error::Conflict(format!("{} is a file, not a folder ({e}); choose a folder to restore into", data.display()))),
        Err(e) => Err(Error::io(format!("cannot read the data folder {}", data.display()), e)),
        Ok(mut entries) => Ok(if entries.next().is_none() {
            Folder::Empty
        } else if data.join(DATABASE_FILE).is_file() {
            Folder::Portfolio
        } else {
            Folder::Other
        }),
    }
}

/// Moves the checked staging folder to `data`; returns where the replaced data went.
fn swap_in(staged: &Path, data: &Path, state: Folder) -> Result<Option<PathBuf>> {
    swap_in_with(staged, data, state, exchange)
}

/// [`swap_in`] with the atomic exchange given, so the two-rename way is tested where the
/// system has the exchange.
fn swap_in_with(
    staged: &Path,
    data: &Path,
    state: Folder,
    exchange: fn(&Path, &Path) -> std::io::Result<bool>,
) -> Result<Option<PathBuf>> {
    let fail = |e| Error::io(format!("cannot put the restored data in place at {}", data.display()), e);
    match state {
        Folder::Missing | Folder::Empty => {
            if state == Folder::Empty {
                fs::remove_dir(data).map_err(fail)?;
            }
            fs::rename(staged, data).map_err(fail)?;
            Ok(None)
        }
        Folder::Portfolio | Folder::Other => {
            let kept = unused_name(data, "before-restore");
            if exchange(staged, data).map_err(fail)? {
                // `staged` now holds the previous data: give it its lasting name. The restore is
                // done whatever happens here; if this rename fails, the next start gives the name.
                return Ok(Some(if fs::rename(staged, &kept).is_ok() { kept } else { staged.to_path_buf() }));
            }
            // No atomic exchange here: two renames. The previous data waits under a staging
            // name (no marker inside) so an interruption between them is undone at the next
            // start by `recover_interrupted_restore`.
            let transit = files::parent_of(data).join(format!("{}old", staging_prefix(data)));
            fs::rename(data, &transit).map_err(fail)?;
            if let Err(e) = fs::rename(staged, data) {
                let _ = fs::rename(&transit, data);
                return Err(fail(e));
            }
            Ok(Some(if fs::rename(&transit, &kept).is_ok() { kept } else { transit }))
        }
    }
}

/// fsyncs every file and folder of the staging tree, so the swap publishes durable data.
fn sync_tree(dir: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            sync_tree(&entry.path())?;
        } else {
            File::open(entry.path())?.sync_all()?;
        }
    }
    files::sync_dir(dir)
}
#[cfg(test)]
mod tests {
    use super::*;

    fn folder(path: &Path, database: &str, marker: bool) {
        fs::create_dir_all(path).unwrap();
        fs::write(path.join(DATABASE_FILE), database).unwrap();
        if marker {
            fs::write(path.join(STAGING_MARKER), "").unwrap();
        }
    }

    fn database(path: &Path) -> String {
        fs::read_to_string(path.join(DATABASE_FILE)).unwrap()
    }

    fn kept(dir: &Path) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("data.before-restore-"))
            .collect();
        found.sort();
        found
    }

    #[test]
    fn the_two_rename_swap_and_the_repair_of_its_interruptions() {
        let tmp = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(tmp.path()).unwrap();
        let data = root.join("data");
        folder(&data, "old", false);
        let staged = root.join(".data.restore-abc");
        folder(&staged, "new", true);
        let previous = swap_in_with(&staged, &data, Folder::Portfolio, |_, _| Ok(false)).unwrap().unwrap();
        assert_eq!(database(&data), "new");
        assert_eq!(database(&previous), "old");
        assert_eq!(kept(&root), std::slice::from_ref(&previous));
        assert!(!staged.exists());
        fs::remove_dir_all(&previous).unwrap();
        fs::remove_file(data.join(STAGING_MARKER)).unwrap(); // as `restore` does after the swap

        // Killed between the two renames: the data folder is missing, the previous data waits
        // under a staging name, the staging folder is still there. The next start puts the
        // previous data back and removes the staging folder.
        fs::rename(&data, root.join(".data.restore-old")).unwrap();
        folder(&staged, "newer", true);
        recover_interrupted_restore(&data);
        assert_eq!(database(&data), "new");
        assert!(!staged.exists() && !root.join(".data.restore-old").exists());
        assert_eq!(kept(&root), Vec::<PathBuf>::new());

        // Killed after the swap, before the previous data got its lasting name: kept.
        folder(&root.join(".data.restore-old"), "older", false);
        fs::write(data.join(STAGING_MARKER), "").unwrap();
        recover_interrupted_restore(&data);
        assert_eq!(database(&data), "new");
        assert!(!data.join(STAGING_MARKER).exists());
        let kept = kept(&root);
        assert_eq!(kept.len(), 1);
        assert_eq!(database(&kept[0]), "older");

        // A staging folder a live restore holds (its marker locked) is left alone.
        folder(&staged, "in progress", true);
        let marker = File::open(staged.join(STAGING_MARKER)).unwrap();
        marker.lock().unwrap();
        recover_interrupted_restore(&data);
        assert!(staged.exists());
        drop(marker);
        recover_interrupted_restore(&data);
        assert!(!staged.exists());
    }
}

