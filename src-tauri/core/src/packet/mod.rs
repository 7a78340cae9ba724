//! The application packet: one PDF a clerk sends with the CMC (or MMC) application, and the same
//! material as separate files for IIMC's upload portal. Generated pages come from `layout`
//! (printpdf); exhibits are appended by `assemble` (lopdf) without re-encoding: PDF pages keep
//! their fonts, images and rotation, JPEG bytes pass through, PNG stays lossless. Every exhibit
//! is read from the vault with its hash checked first; one that cannot be read is named in the
//! report and stands in the packet as a placeholder page, so the packet is never silently short.

mod assemble;
pub(crate) use assemble::jpeg_info;
mod content;
mod layout;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::datadir;
use crate::files;
use crate::names;
use crate::error::{Error, Result};
use crate::model::*;
use crate::rules::{Basis, Progress};
use crate::workspace::Workspace;

pub use layout::Paper;

#[derive(Debug, Clone)]
pub struct PacketOptions {
    pub program: String,
    pub today: NaiveDate,
    pub paper: Paper,
    /// List exhibits already submitted with an earlier application (the CMC's, for the MMC) as
    /// "submitted with the CMC application on DATE" instead of appending them again.
    pub refer_submitted: bool,
}

/// What the clerk is told while the packet is built (the desktop shows it as a progress bar).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PacketProgress {
    pub stage: String,
    pub done: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Skipped {
    pub exhibit: String,
    pub file: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PacketReport {
    pub path: PathBuf,
    pub pages: usize,
    pub generated_pages: usize,
    pub exhibits: usize,
    /// Exhibits listed as already submitted with an earlier application, not appended.
    pub referred: usize,
    pub bytes: u64,
    pub skipped: Vec<Skipped>,
    /// Files written by `--folder`, in upload order.
    pub folder_files: Vec<PathBuf>,
}

/// One supporting document in the packet, in the order it is appended.
#[derive(Debug, Clone)]
pub struct Exhibit {
    pub label: String,
    pub title: String,
    pub evidence: Evidence,
    /// 1-based page of the packet where it starts (set once the generated pages are counted).
    pub start_page: usize,
    pub pages: usize,
    /// Not appended: already submitted with this earlier application (its id, and in words
    /// "submitted with the CMC application on 2024-02-01").
    pub submitted_with: Option<(i64, String)>,
}

/// A ledger line: a record as the program counts it, with its exhibits.
#[derive(Debug, Clone)]
pub struct LedgerRow {
    pub dated: String,
    pub title: String,
    pub detail: String,
    pub learned: String,
    pub category: String,
    pub hours: Option<f64>,
    pub points: f64,
    pub basis: Basis,
    pub notes: Vec<String>,
    pub exhibits: Vec<usize>,
}

/// Everything the generated pages show, gathered once.
pub struct PacketData {
    pub program: crate::program::Program,
    pub progress: Progress,
    pub profile: Profile,
    pub memberships: Vec<Membership>,
    pub designations: Vec<Designation>,
    pub education: Vec<LedgerRow>,
    pub experience: Vec<LedgerRow>,
    pub exhibits: Vec<Exhibit>,
    pub today: NaiveDate,
    /// The records in the ledgers as they are now, for the list of contents written inside the
    /// packet (`application::Contents`).
    pub records: Vec<crate::application::ContentRecord>,
}

/// What stands in the way of a complete packet, found without writing anything.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Finding {
    /// missing-file, hash-mismatch, unreadable, no-evidence, requirement, unprintable
    pub kind: String,
    pub message: String,
}

impl PacketData {
    pub fn gather(ws: &mut Workspace, program_id: &str, today: NaiveDate) -> Result<PacketData> {
        let portfolio = ws.portfolio()?;
        let program = ws.programs().get(program_id, today)?.clone();
        let progress = crate::rules::progress(&portfolio, &program, today);
        let evidence: HashMap<i64, Evidence> = ws.evidence()?.into_iter().map(|r| (r.evidence.id, r.evidence)).collect();
        let mut exhibits: Vec<Exhibit> = Vec::new();
        let mut index_of: HashMap<i64, usize> = HashMap::new();
        let mut add = |id: i64, title: String, exhibits: &mut Vec<Exhibit>| -> Option<usize> {
            if let Some(&i) = index_of.get(&id) {
                return Some(i);
            }
            let e = evidence.get(&id)?.clone();
            let i = exhibits.len();
            exhibits.push(Exhibit {
                label: format!("E-{:02}", i + 1),
                title,
                pages: e.pages as usize,
                evidence: e,
                start_page: 0,
                submitted_with: None,
            });
            index_of.insert(id, i);
            Some(i)
        };
        let counted = |kind: RecordKind| -> Vec<(i64, &crate::rules::RecordPoints)> {
            progress
                .requirements
                .iter()
                .flat_map(|r| &r.records)
                .filter(|r| r.record == kind && r.basis != Basis::Excluded)
                .map(|r| (r.id, r))
                .collect()
        };
        // Employment verification letters come first among the exhibits.
        for x in &portfolio.experience {
            for letter in &x.letters {
                let position = if x.organisation.is_empty() { x.title.clone() } else { format!("{}, {}", x.title, x.organisation) };
                add(*letter, format!("Letter of Employment Verification — {position}"), &mut exhibits);
            }
        }
        for d in &portfolio.designations {
            if let Some(id) = d.evidence {
                add(id, format!("{} {}certificate, awarded {}", d.describe(), if d.recertification { "" } else { "designation " }, d.awarded_on), &mut exhibits);
            }
        }
        let hashes: crate::application::Hashes = evidence.values().map(|e| (e.id, e.sha256.clone())).collect();
        let mut records = Vec::new();
        let mut education = Vec::new();
        for (id, points) in counted(RecordKind::Education) {
            let Some(e) = portfolio.education.iter().find(|e| e.id == id) else { continue };
            let snapshot = crate::application::snapshot_education(e, &hashes);
            records.push(crate::application::ContentRecord { record: RecordKind::Education, id, title: e.title.clone(), snapshot });
            let refs = e.evidence.iter().filter_map(|ev| add(*ev, e.title.clone(), &mut exhibits)).collect();
            let dated = match e.end {
                Some(end) if end != e.start => format!("{} – {}", e.start, end),
                _ => e.start.to_string(),
            };
            let mut detail = e.provider.clone();
            if !e.certificate.is_empty() {
                detail.push_str(&format!(" · No. {}", e.certificate));
            }
            if let Some(level) = e.level {
                detail.push_str(&format!(" · {}", level.id()));
            }
            if e.assessment {
                detail.push_str(" · assessment done");
            }
            education.push(LedgerRow {
                dated,
                title: e.title.clone(),
                detail,
                learned: e.learned.clone(),
                category: e.category.clone(),
                hours: Some(e.hours),
                points: points.counted,
                basis: points.basis,
                notes: notes_for(points, e.entered.as_ref()),
                exhibits: refs,
            });
        }
        let mut experience = Vec::new();
        for (id, points) in counted(RecordKind::Experience) {
            let Some(x) = portfolio.experience.iter().find(|x| x.id == id) else { continue };
            let snapshot = crate::application::snapshot_experience(x, &hashes);
            records.push(crate::application::ContentRecord { record: RecordKind::Experience, id, title: x.title.clone(), snapshot });
            let mut refs: Vec<usize> = x.letters.iter().filter_map(|l| index_of_letter(&exhibits, *l)).collect();
            refs.extend(x.evidence.iter().filter_map(|ev| add(*ev, x.title.clone(), &mut exhibits)));
            experience.push(LedgerRow {
                dated: format!("{} – {}", x.start, x.end.map_or("present".to_string(), |d| d.to_string())),
                title: x.title.clone(),
                detail: [x.organisation.as_str(), x.notes.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" · "),
                learned: String::new(),
                category: x.category.clone(),
                hours: None,
                points: points.counted,
                basis: points.basis,
                notes: notes_for(points, x.entered.as_ref()),
                exhibits: refs,
            });
        }
        Ok(PacketData {
            program,
            progress,
            profile: portfolio.profile,
            memberships: portfolio.memberships,
            designations: portfolio.designations,
            education,
            experience,
            exhibits,
            today,
            records,
        })
    }

    /// Marks the exhibits already submitted with an earlier application for another program
    /// (not returned): listed in the index as submitted then, not appended again.
    pub fn refer_submitted(&mut self, applications: &[crate::application::Application]) {
        use crate::application::ApplicationStatus;
        for x in &mut self.exhibits {
            let earlier = applications.iter().filter(|a| a.program != self.program.id && a.status != ApplicationStatus::Returned).find(|a| {
                a.exhibits.iter().any(|e| e.submitted_with.is_none() && e.sha256 == x.evidence.sha256.as_str())
            });
            if let Some(a) = earlier {
                x.submitted_with = Some((a.id, format!("submitted with the {} application on {}", a.program.to_uppercase(), a.submitted_on)));
                x.pages = 0;
            }
        }
    }

    /// What this packet contains, to be written inside it.
    pub fn contents(&self) -> crate::application::Contents {
        let mut contents = crate::application::Contents::new(&self.program.id, self.today);
        contents.records = self.records.clone();
        contents.exhibits = self
            .exhibits
            .iter()
            .map(|x| crate::application::ContentExhibit {
                label: x.label.clone(),
                title: x.title.clone(),
                sha256: x.evidence.sha256.to_string(),
                submitted_with: x.submitted_with.as_ref().map(|(id, _)| *id),
            })
            .collect();
        contents
    }

    /// "E-03, p. 47" for each exhibit of a row.
    pub fn refs(&self, row: &LedgerRow) -> String {
        let one = |x: &Exhibit| match &x.submitted_with {
            Some((_, words)) => format!("{} ({words})", x.label),
            None => format!("{}, p. {}", x.label, x.start_page),
        };
        row.exhibits.iter().map(|&i| one(&self.exhibits[i])).collect::<Vec<_>>().join("; ")
    }
}

fn index_of_letter(exhibits: &[Exhibit], evidence: i64) -> Option<usize> {
    exhibits.iter().position(|x| x.evidence.id == evidence)
}

/// What the ledger says under a record: the applicant's reason for points she entered, and
/// what shaped the figure (a cap, a minimum, rounding). A record with no points claimed says so
/// in its points column; the rules' words to the clerk about entering them stay out (the packet
/// is read by IIMC).
fn notes_for(points: &crate::rules::RecordPoints, entered: Option<&EnteredPoints>) -> Vec<String> {
    let mut notes: Vec<String> = entered.map(|e| e.reason.clone()).into_iter().collect();
    if points.basis != Basis::NotEntered {
        notes.extend(points.warnings.iter().cloned());
    }
    if points.raw != points.points && points.raw != 0.0 && points.basis != Basis::Entered && points.basis != Basis::Claimed {
        notes.push(format!("{} before rounding", crate::rules::fmt_points(points.raw)));
    }
    notes
}

/// Lists what stands in the way of a complete packet without writing anything.
pub fn preflight(ws: &mut Workspace, program: &str, today: NaiveDate) -> Result<Vec<Finding>> {
    let data = PacketData::gather(ws, program, today)?;
    let mut findings = Vec::new();
    for x in &data.exhibits {
        if let Err(e) = ws.vault().read_shown(&x.evidence) {
            let kind = if e.to_string().contains("missing") { "missing-file" } else { "hash-mismatch" };
            findings.push(Finding { kind: kind.into(), message: format!("{} {} ({}): {e}", x.label, x.title, x.evidence.original_name) });
        }
    }
    for (kind, rows) in [("education", &data.education), ("experience", &data.experience)] {
        for row in rows.iter().filter(|r| r.exhibits.is_empty()) {
            findings.push(Finding {
                kind: "no-evidence".into(),
                message: format!("{kind} record \"{}\" ({}) has no supporting document attached", row.title, row.dated),
            });
        }
    }
    for m in &data.progress.missing {
        findings.push(Finding { kind: "requirement".into(), message: m.clone() });
    }
    findings.extend(unprintable(&data)?);
    Ok(findings)
}

/// Text going into the packet with characters its font lacks (an emoji in a title prints as a
/// box): said before the packet is made, with where it is, so the clerk can replace it.
fn unprintable(data: &PacketData) -> Result<Vec<Finding>> {
    let fonts = layout::Fonts::load()?;
    let p = &data.profile;
    let mut texts: Vec<(String, String)> =
        [("your name", &p.full_name), ("your title", &p.title), ("your municipality", &p.municipality), ("your address", &p.address)]
            .into_iter()
            .map(|(place, text)| (place.to_string(), text.clone()))
            .collect();
    for (kind, rows) in [("education", &data.education), ("experience", &data.experience)] {
        for row in rows.iter() {
            texts.push((format!("the {kind} record “{}”", row.title), format!("{} {} {}", row.title, row.detail, row.learned)));
        }
    }
    Ok(texts
        .into_iter()
        .filter_map(|(place, text)| {
            let missing = fonts.missing(&text);
            let chars = missing.iter().map(|c| format!("“{c}”")).collect::<Vec<_>>().join(" ");
            (!missing.is_empty()).then(|| Finding {
                kind: "unprintable".into(),
                message: format!("{chars} in {place} cannot be printed in the packet's font (it would show as a box): replace it before you apply"),
            })
        })
        .collect())
}

/// Builds the packet and writes it to `out` atomically (an existing file is replaced only by a
/// complete new one). `progress` is called as work advances.
pub fn write_packet(
    ws: &mut Workspace,
    options: &PacketOptions,
    out: &Path,
    progress: &mut dyn FnMut(PacketProgress),
) -> Result<PacketReport> {
    datadir::refuse_inside(ws.dir(), out, "the packet")?;
    let mut data = PacketData::gather(ws, &options.program, options.today)?;
    if options.refer_submitted {
        data.refer_submitted(&ws.applications()?);
    }
    let total = data.exhibits.len();
    progress(PacketProgress { stage: "Reading exhibits".into(), done: 0, total });
    let loaded = load_all(ws.vault(), &data.exhibits, &mut |done| {
        progress(PacketProgress { stage: "Reading exhibits".into(), done, total })
    });
    let mut skipped = Vec::new();
    for (x, item) in data.exhibits.iter_mut().zip(&loaded) {
        if let assemble::Loaded::Failed(reason) = item {
            skipped.push(Skipped { exhibit: x.label.clone(), file: x.evidence.original_name.clone(), reason: reason.clone() });
            x.pages = 1;
        }
    }
    progress(PacketProgress { stage: "Laying out the application pages".into(), done: 0, total: 1 });
    let (generated, drawn) = content::render(&mut data, options.paper, &skipped)?;
    progress(PacketProgress { stage: "Appending exhibits".into(), done: 0, total });
    let document = assemble::assemble(&data, generated, &drawn, loaded, options.paper, &mut |done| {
        progress(PacketProgress { stage: "Appending exhibits".into(), done, total })
    })?;
    progress(PacketProgress { stage: "Writing the packet".into(), done: 0, total: 1 });
    let mut document = document;
    data.contents().embed(&mut document)?;
    let (pages, bytes) = assemble::save_atomically(document, out)?;
    progress(PacketProgress { stage: "Done".into(), done: 1, total: 1 });
    Ok(PacketReport {
        path: out.to_path_buf(),
        pages,
        generated_pages: drawn.pages.len() - drawn.placeholders.len(),
        exhibits: data.exhibits.len(),
        referred: data.exhibits.iter().filter(|x| x.submitted_with.is_some()).count(),
        bytes,
        skipped,
        folder_files: Vec::new(),
    })
}

/// Reads every exhibit: files are read and hash-checked on every core (each file is
/// independent), and parsed here as they arrive. Parsing stays on this thread because the parsed
/// objects live on into the packet: built on worker threads they sat in the allocator's
/// per-thread arenas, where what the merge later freed was never reused, and the packet's peak
/// memory rose from 1.5x to 2.9x its exhibits (docs/BENCHMARKS.md).
fn load_all(vault: &crate::vault::Vault, exhibits: &[Exhibit], on_done: &mut dyn FnMut(usize)) -> Vec<assemble::Loaded> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(exhibits.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(x) = exhibits.get(i) else { break };
                    // Already submitted with an earlier application: not read, not appended.
                    let read = if x.submitted_with.is_some() { Ok(Vec::new()) } else { vault.read_shown(&x.evidence) };
                    if sender.send((i, read)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut slots: Vec<Option<assemble::Loaded>> = (0..exhibits.len()).map(|_| None).collect();
        for (done, (i, read)) in receiver.iter().enumerate() {
            slots[i] = Some(match read {
                Ok(_) if exhibits[i].submitted_with.is_some() => assemble::Loaded::Referred,
                Ok(bytes) => assemble::parse(&exhibits[i].evidence, bytes),
                Err(err) => assemble::Loaded::Failed(err.to_string()),
            });
            on_done(done + 1);
        }
        slots.into_iter().map(|s| s.unwrap_or_else(|| assemble::Loaded::Failed("the exhibit could not be read".into()))).collect()
    })
}

/// Writes each exhibit as its own file for IIMC's upload portal ("E-03 Title.pdf"; images become
/// one-page PDFs; PDFs are copied byte for byte), plus the summary pages as one PDF. All or
/// nothing: the files are written into a staging folder beside `dir`, which then takes its
/// place in one rename, so a failure half-way (a name too long, a full disk) leaves `dir` as
/// it was. A `dir` already there must be empty or an earlier upload folder (only `E-*.pdf`).
pub fn write_folder(ws: &mut Workspace, options: &PacketOptions, dir: &Path) -> Result<Vec<PathBuf>> {
    datadir::refuse_inside(ws.dir(), dir, "the upload folder")?;
    check_upload_folder(dir)?;
    let mut data = PacketData::gather(ws, &options.program, options.today)?;
    if options.refer_submitted {
        data.refer_submitted(&ws.applications()?);
    }
    let parent = files::parent_of(dir);
    let context = format!("cannot write the upload folder {}", dir.display());
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(context.clone(), e))?;
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{}.staging-", datadir::folder_name(dir)))
        .tempdir_in(&parent)
        .map_err(|e| Error::io(context.clone(), e))?;
    let names = write_upload_files(ws, &mut data, options, staging.path(), dir)?;
    files::sync_dir(staging.path()).map_err(|e| Error::io(context.clone(), e))?;
    publish_folder(&staging.keep(), dir).map_err(|e| Error::io(context.clone(), e))?;
    files::sync_dir(&parent).map_err(|e| Error::io(context, e))?;
    Ok(names.into_iter().map(|name| dir.join(name)).collect())
}

/// The upload files written into `staging`, flushed; returns their names in upload order (named
/// for `dir`, where they will be).
fn write_upload_files(ws: &mut Workspace, data: &mut PacketData, options: &PacketOptions, staging: &Path, dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    let (summary, _) = content::render(data, options.paper, &[])?;
    let summary_name = format!("E-00 {} application summary.pdf", data.program.id.to_uppercase());
    write_flushed(&staging.join(&summary_name), &summary)?;
    names.push(summary_name);
    for x in data.exhibits.iter().filter(|x| x.submitted_with.is_none()) {
        let bytes = match ws.vault().read_shown(&x.evidence) {
            Ok(b) => b,
            Err(_) => continue, // reported by the packet itself and by --check
        };
        let pdf = match x.evidence.kind {
            FileKind::Pdf => bytes,
            _ => assemble::image_as_pdf(&x.evidence, &bytes, options.paper)?,
        };
        let name = upload_name(dir, &x.label, &x.title);
        write_flushed(&staging.join(&name), &pdf)?;
        names.push(name);
    }
    Ok(names)
}

fn write_flushed(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |e| Error::io(format!("cannot write {}", path.display()), e);
    let mut file = std::fs::File::create(path).map_err(fail)?;
    std::io::Write::write_all(&mut file, bytes).and_then(|()| file.sync_all()).map_err(fail)
}

/// Refuses an upload folder that holds anything but an earlier upload folder's files: it is
/// replaced whole, and a Documents folder given by mistake must not be.
fn check_upload_folder(dir: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(()) };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name.starts_with("E-") && name.ends_with(".pdf") && entry.file_type().is_ok_and(|t| t.is_file());
        if !ours {
            return Err(Error::Conflict(format!(
                "{} already holds other files ({name}); the upload folder is written whole, so choose a new or empty folder",
                dir.display()
            ))
            .hint("--folder"));
        }
    }
    Ok(())
}

/// Puts the staged folder at `dir`: a rename when `dir` is not there, else an exchange of the
/// two in one step (where the system has none, two renames) and the old one deleted.
fn publish_folder(staged: &Path, dir: &Path) -> std::io::Result<()> {
    let result = if !dir.exists() {
        std::fs::rename(staged, dir)
    } else if files::exchange(staged, dir)? {
        std::fs::remove_dir_all(staged)
    } else {
        let aside = staged.with_extension("old");
        std::fs::rename(dir, &aside).and_then(|()| std::fs::rename(staged, dir)).and_then(|()| std::fs::remove_dir_all(&aside))
    };
    if result.is_err() && staged.exists() {
        let _ = std::fs::remove_dir_all(staged);
    }
    result
}

/// Bytes left for the title in an upload file's name: file systems allow 255 bytes (not
/// characters: 150 CJK characters are 450 bytes); the label, `.pdf` and room for a temp name
/// or a longer label take the rest.
const TITLE_NAME_BYTES: usize = 200;
/// The shortest title an upload name is cut to for a long folder path: below this the names
/// stop saying what the exhibit is, and programs with long-path support open longer paths.
const TITLE_MIN_BYTES: usize = 30;

/// An upload file's name in `dir`: "E-03 Title.pdf", the title made portable ([`names::portable`])
/// and cut so that the whole path stays within Windows' MAX_PATH while the folder leaves room
/// for [`TITLE_MIN_BYTES`] (bytes are never fewer than the UTF-16 units Windows counts).
fn upload_name(dir: &Path, label: &str, title: &str) -> String {
    let room = names::MAX_PATH_CHARS.saturating_sub(names::path_chars(dir) + 1 + label.len() + 1 + ".pdf".len());
    // Made portable whole: the label in front keeps it from being a device name ("E-04 CON").
    let stem = names::portable(&format!("{label} {title}"), label.len() + 1 + room.clamp(TITLE_MIN_BYTES, TITLE_NAME_BYTES));
    format!("{stem}.pdf")
}

/// One file as the packet reads and appends an exhibit: accepted as evidence first (as every
/// vault file was), then parsed, merged or drawn on a page, stamped and saved. Returns the
/// pages appended. The fuzz target `packet_exhibit` drives it; on stable Rust,
/// `tests/engine/fuzz_twins.rs` runs generated inputs through it in every test run.
pub fn append_exhibit(bytes: &[u8]) -> Result<usize> {
    let (kind, pages) = crate::vault::inspect(bytes, "the exhibit")?;
    let evidence = Evidence {
        id: 1,
        sha256: Sha256Hex::of(bytes),
        original_name: "exhibit".into(),
        kind,
        size: bytes.len() as u64,
        pages,
        added_at: String::new(),
        rendition_sha256: None,
    };
    assemble::append_one(&evidence, bytes.to_vec(), Paper::LETTER)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn upload_names_are_portable_and_fit_the_path() {
        let short = Path::new("/u");
        assert_eq!(super::upload_name(short, "E-03", "Records: Year 1/2 <final>?"), "E-03 Records Year 1 2 final.pdf");
        assert_eq!(super::upload_name(short, "E-03", "Letter — City Clerk, Riverton."), "E-03 Letter - City Clerk, Riverton.pdf");
        assert_eq!(super::upload_name(short, "E-04", " ?? "), "E-04.pdf", "no title left: the label alone");
        let cjk = super::upload_name(short, "E-01", &"記録".repeat(75));
        let title = cjk.strip_prefix("E-01 ").unwrap().strip_suffix(".pdf").unwrap();
        assert!(title.len() <= super::TITLE_NAME_BYTES && title.len() > 190, "cut by bytes on a character boundary: {}", title.len());

        // A folder 200 characters deep leaves the title what MAX_PATH allows; one deeper than
        // MAX_PATH still gets a readable title.
        let deep = Path::new("/").join("d".repeat(199));
        let name = super::upload_name(&deep, "E-12", &"Budgeting ".repeat(30));
        assert_eq!(crate::names::path_chars(&deep.join(&name)), crate::names::MAX_PATH_CHARS, "{name}");
        let deeper = Path::new("/").join("d".repeat(300));
        let name = super::upload_name(&deeper, "E-12", &"Budgeting ".repeat(30));
        assert_eq!(name, format!("E-12 {}.pdf", "Budgeting ".repeat(3).trim_end()));
    }
}
