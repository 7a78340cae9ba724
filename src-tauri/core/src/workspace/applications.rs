//! Applications sent to IIMC: a generated packet marked as submitted (kept in the vault with its
//! hash, with what it contained), then approved (the designation recorded with it) or returned.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::application::{self, AppliedExhibit, AppliedRecord, Application, ApplicationStatus, Contents, Decision, PacketFile};
use crate::error::{Error, Result};
use crate::model::*;
use crate::store::{self, applications as stored};
use crate::text::{self, Kind};
use crate::vault;

use super::{Workspace, new_evidence};

impl Workspace {
    /// Records `packet` (a packet Clerkfolio generated for `program`) as the application sent to
    /// IIMC on `submitted_on`: the file goes into the vault under its SHA-256 (read back and
    /// checked), and what it contained is recorded from the list inside it. Returns its id.
    pub fn submit_application(&mut self, program: &str, packet: &Path, submitted_on: NaiveDate) -> Result<i64> {
        let program = self.programs.get(program, submitted_on)?.id.clone();
        if submitted_on > self.today() {
            return Err(Error::Invalid(format!(
                "the submission date {submitted_on} is after today ({}): record an application once it has been sent",
                self.today()
            ))
            .hint("--date"));
        }
        let checked = vault::check_all(&[packet.to_path_buf()])?;
        let file = &checked[0];
        let name = &file.stored.original_name;
        if file.stored.kind != FileKind::Pdf {
            return Err(Error::Refused(format!(
                "{name} is a {} image, not a packet: choose the PDF that `clerkfolio packet --out` (or the Packet screen) wrote",
                file.stored.kind.id().to_uppercase()
            )));
        }
        let contents = Contents::read(file.bytes()).ok_or_else(|| {
            Error::Refused(format!(
                "{name} is a PDF but not a packet Clerkfolio generated (it carries no list of its records); \
                 generate the packet again and choose that file"
            ))
            .hint("clerkfolio packet --out FILE.pdf")
        })?;
        if contents.program != program {
            return Err(Error::Invalid(format!(
                "{name} is the {} packet, not the {}'s: choose the {} packet or give --program {}",
                contents.program.to_uppercase(),
                program.to_uppercase(),
                program.to_uppercase(),
                contents.program
            )));
        }
        if submitted_on < contents.generated_on {
            return Err(Error::Invalid(format!(
                "{name} was generated on {}, after the submission date {submitted_on}",
                contents.generated_on
            ))
            .hint("--date"));
        }
        // Checked under the write lock, before the vault is touched: a refusal writes nothing.
        let tx = super::immediate(&mut self.conn)?;
        if let Some(other) = store::evidence_by_hash(&tx, &file.stored.sha256)?.map(|e| stored::by_packet(&tx, e.id)).transpose()?.flatten() {
            return Err(Error::Conflict(format!("{name} is already recorded as application {other}; nothing was changed"))
                .hint("see `clerkfolio application list`"));
        }
        if let Some(open) = stored::list(&tx)?.into_iter().find(|a| a.program == program && a.status == ApplicationStatus::Submitted) {
            return Err(Error::Conflict(format!(
                "{} (application {}) is still waiting for IIMC's decision: record it first; nothing was changed",
                application::describe(&open.program, open.submitted_on),
                open.id
            ))
            .hint(format!("clerkfolio application decide {} --approved DATE | --returned --note TEXT", open.id)));
        }
        self.vault.store(&checked)?;
        // Read back: the row names the file only once the vault holds it whole under its hash.
        self.vault.read_verified(&file.stored.sha256, file.stored.kind)?;
        let packet_id = store::insert_evidence(&tx, &new_evidence(file.stored.clone()))?;
        let id = stored::insert(&tx, &contents, submitted_on, packet_id)?;
        tx.commit()?;
        Ok(id)
    }

    /// Records IIMC's decision. An approval records the designation (awarded on its date, without
    /// a certificate: the packet is the application, not the award) in the same transaction.
    pub fn decide_application(&mut self, id: i64, decision: Decision) -> Result<Application> {
        let today = self.today();
        let tx = self.write()?;
        let a = stored::get(&tx, id)?;
        if a.status != ApplicationStatus::Submitted {
            let when = a.decided_on.map_or(String::new(), |d| format!(" on {d}"));
            return Err(Error::Conflict(format!(
                "{} (application {id}) was already {}{when}: a decision is recorded once; nothing was changed",
                application::describe(&a.program, a.submitted_on),
                a.status.id()
            )));
        }
        match decision {
            Decision::Approved(on) => {
                if on > today {
                    return Err(Error::Invalid(format!("the award date {on} is after today ({today})")).hint("--approved"));
                }
                if on < a.submitted_on {
                    return Err(Error::Invalid(format!(
                        "the award date {on} is before the application was submitted ({})",
                        a.submitted_on
                    ))
                    .hint("--approved"));
                }
                // A further application for a designation already held is its recertification
                // (a CMC recertification moves the MMC cut-off like the award did).
                let held = store::designations(&tx)?.iter().any(|d| d.program == a.program && d.awarded_on <= on);
                let d = Designation { id: 0, program: a.program.clone(), awarded_on: on, evidence: None, recertification: held };
                let designation = store::insert_designation(&tx, &d)?;
                stored::decide(&tx, id, ApplicationStatus::Approved, on, "", Some(designation))?;
            }
            Decision::Returned(note) => {
                let note = text::field(&note, "the note", Kind::Text)?;
                if note.is_empty() {
                    return Err(Error::Invalid("say why IIMC returned the application (a note)".into()).hint("--note"));
                }
                stored::decide(&tx, id, ApplicationStatus::Returned, today, &note, None)?;
            }
        }
        tx.commit()?;
        self.application(id)
    }

    /// Removes an application recorded by mistake (the wrong packet, a test, the wrong date),
    /// with the records and exhibits it listed, in one transaction: its records count again for
    /// the programs that follow. Returns it as it was. The packet file stays in Evidence, used by
    /// nothing (removed there like any unused file): a removal here never deletes a vault file.
    /// Refused while its approval's designation stands (that is IIMC's award, removed on its own
    /// first) or while a later application lists exhibits as submitted with it.
    pub fn remove_application(&mut self, id: i64) -> Result<Application> {
        let tx = self.write()?;
        let a = all(&tx, Some(id))?.pop().ok_or_else(|| Error::NotFound(format!("no application with id {id}")))?;
        if let (Some(on), Some(designation)) = (a.awarded_on, a.designation) {
            return Err(Error::Conflict(format!(
                "{} (application {id}) was approved: the {} awarded on {on} is recorded with it (designation {designation}); \
                 if that award was recorded by mistake, remove the designation first, then the application; nothing was changed",
                a.describe(),
                a.program.to_uppercase()
            ))
            .hint(format!("clerkfolio designation remove {designation} (the Membership screen), then clerkfolio application remove {id}")));
        }
        if let Some(later) = stored::listed_with(&tx, id)? {
            return Err(Error::Conflict(format!(
                "application {later} lists exhibits as already submitted with {} (application {id}): remove application {later} first; nothing was changed",
                a.describe()
            ))
            .hint(format!("clerkfolio application remove {later}")));
        }
        stored::delete(&tx, id)?;
        tx.commit()?;
        Ok(a)
    }

    pub fn application(&self, id: i64) -> Result<Application> {
        all(&self.conn, Some(id))?.pop().ok_or_else(|| Error::NotFound(format!("no application with id {id}")))
    }

    /// Every application, oldest first, each record with what changed since it was submitted.
    pub fn applications(&self) -> Result<Vec<Application>> {
        all(&self.conn, None)
    }
}

/// The applications (or the one `only`) as listed, read on `conn` (a transaction the caller
/// holds, for a read consistent with others).
pub(super) fn all(conn: &rusqlite::Connection, only: Option<i64>) -> Result<Vec<Application>> {
    let hashes: application::Hashes = store::evidence_list(conn)?.into_iter().map(|e| (e.id, e.sha256)).collect();
    let (education, experience) = (store::education_list(conn)?, store::experience_list(conn)?);
    let rows = match only {
        Some(id) => vec![stored::get(conn, id)?],
        None => stored::list(conn)?,
    };
    rows.into_iter().map(|row| listed(conn, row, &hashes, &education, &experience)).collect()
}

fn listed(
    conn: &rusqlite::Connection,
    row: stored::ApplicationRow,
    hashes: &application::Hashes,
    education: &[Education],
    experience: &[Experience],
) -> Result<Application> {
    let education: HashMap<i64, &Education> = education.iter().map(|e| (e.id, e)).collect();
    let experience: HashMap<i64, &Experience> = experience.iter().map(|x| (x.id, x)).collect();
    let records: Vec<AppliedRecord> = stored::records(conn, row.id)?
        .into_iter()
        .map(|r| {
            let now = match r.record {
                RecordKind::Education => education.get(&r.id).map(|e| application::snapshot_education(e, hashes)),
                RecordKind::Experience => experience.get(&r.id).map(|x| application::snapshot_experience(x, hashes)),
            };
            let changes = now.as_ref().map_or_else(|| vec!["removed".to_string()], |now| application::changes(&r.snapshot, now));
            AppliedRecord { record: r.record, id: r.id, title: r.title, exists: now.is_some(), changes }
        })
        .collect();
    let exhibits = stored::exhibits(conn, row.id)?
        .into_iter()
        .map(|x| AppliedExhibit { label: x.label, title: x.title, sha256: x.sha256, submitted_with: x.submitted_with })
        .collect();
    let packet = store::evidence(conn, row.packet_id)?;
    let approved = row.status == ApplicationStatus::Approved;
    let returned = row.status == ApplicationStatus::Returned;
    Ok(Application {
        id: row.id,
        program: row.program,
        submitted_on: row.submitted_on,
        generated_on: row.generated_on,
        status: row.status,
        awarded_on: row.decided_on.filter(|_| approved),
        returned_on: row.decided_on.filter(|_| returned),
        note: returned.then_some(row.note),
        designation: row.designation,
        packet: PacketFile { evidence: packet.id, sha256: packet.sha256, file: packet.original_name, pages: packet.pages, size: packet.size },
        changed: records.iter().filter(|r| !r.changes.is_empty()).count(),
        records,
        exhibits,
    })
}
