//! Applications sent to IIMC, as records: what a packet contained (its records, each with its
//! content as it was, and its exhibits by hash), carried inside the packet PDF itself so that
//! "Mark as submitted" records exactly what was sent, whenever the file was made. IIMC does not
//! let material used, even in part, for the CMC count again for the MMC; the rules leave such
//! records out (`rules`, `Submitted`), and a record edited after it was sent shows it.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::model::*;

/// Where the list of contents sits in a packet: a private key of the PDF's catalog, which PDF
/// readers ignore (the reviewers see nothing of it).
pub const CONTENTS_KEY: &[u8] = b"ClerkfolioContents";
const FORMAT: &str = "clerkfolio-packet-contents";
const VERSION: u32 = 1;

/// A record's content as a packet showed it: its fields, and its files by hash (an evidence id
/// means nothing outside this portfolio; a hash says which file it was).
pub type Snapshot = BTreeMap<String, Value>;

/// What a packet contained, written inside it when it is generated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contents {
    pub format: String,
    pub version: u32,
    pub program: String,
    pub generated_on: NaiveDate,
    pub records: Vec<ContentRecord>,
    pub exhibits: Vec<ContentExhibit>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContentRecord {
    pub record: RecordKind,
    pub id: i64,
    pub title: String,
    pub snapshot: Snapshot,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContentExhibit {
    pub label: String,
    pub title: String,
    pub sha256: String,
    /// Listed as already submitted with this earlier application, not appended again.
    pub submitted_with: Option<i64>,
}

impl Contents {
    pub fn new(program: &str, generated_on: NaiveDate) -> Contents {
        Contents {
            format: FORMAT.into(),
            version: VERSION,
            program: program.into(),
            generated_on,
            records: Vec::new(),
            exhibits: Vec::new(),
        }
    }

    /// Reads the list of contents from a packet's bytes; None when the PDF carries none (not a
    /// packet Clerkfolio made, or one from before it wrote the list).
    pub fn read(pdf: &[u8]) -> Option<Contents> {
        let doc = crate::vault::load_pdf(pdf).ok()?;
        let object = doc.catalog().ok()?.get(CONTENTS_KEY).ok()?;
        let stream = doc.dereference(object).ok()?.1.as_stream().ok()?;
        let bytes = crate::vault::unpack_bounded(stream, 64 * 1024 * 1024)?;
        serde_json::from_slice::<Contents>(&bytes).ok().filter(|c| c.format == FORMAT && c.version == VERSION)
    }

    /// Puts the list in `doc`'s catalog (compressed: a few hundred bytes per record).
    pub fn embed(&self, doc: &mut lopdf::Document) -> Result<()> {
        let json = serde_json::to_vec(self).map_err(|e| Error::Invalid(format!("cannot write the packet's contents: {e}")))?;
        let mut stream = lopdf::Stream::new(lopdf::Dictionary::new(), json);
        let _ = stream.compress();
        let id = doc.add_object(stream);
        doc.catalog_mut().map_err(|e| Error::Integrity(format!("the packet has no catalog: {e}")))?.set(CONTENTS_KEY, id);
        Ok(())
    }
}

/// The hashes of files by evidence id, for snapshots.
pub type Hashes = HashMap<i64, Sha256Hex>;

fn files(ids: &[i64], hashes: &Hashes) -> Value {
    json!(ids.iter().map(|id| hashes.get(id).map_or_else(|| format!("evidence {id}"), |h| h.to_string())).collect::<Vec<_>>())
}

/// The fields a change to which makes a record differ from what was submitted. Named one by
/// one (not the struct's serde form), so a field added to the model later does not mark every
/// record submitted before it as changed.
pub fn snapshot_education(e: &Education, hashes: &Hashes) -> Snapshot {
    let v = json!({
        "title": e.title, "provider": e.provider, "category": e.category, "certificate": e.certificate,
        "date": e.start, "end_date": e.end, "hours": e.hours,
        "points": e.entered.as_ref().map(|p| p.points), "points_reason": e.entered.as_ref().map(|p| p.reason.clone()),
        "learned": e.learned, "level": e.level.map(Level::id), "assessment": e.assessment,
        "sponsor": e.sponsor.id(), "planned": e.planned, "files": files(&e.evidence, hashes),
    });
    serde_json::from_value(v).unwrap_or_default()
}

pub fn snapshot_experience(x: &Experience, hashes: &Hashes) -> Snapshot {
    let v = json!({
        "category": x.category, "title": x.title, "organisation": x.organisation, "start": x.start, "end": x.end,
        "points": x.entered.as_ref().map(|p| p.points), "points_reason": x.entered.as_ref().map(|p| p.reason.clone()),
        "notes": x.notes, "planned": x.planned, "files": files(&x.evidence, hashes), "letters": files(&x.letters, hashes),
    });
    serde_json::from_value(v).unwrap_or_default()
}

/// The fields that differ between what was submitted and the record now, by name.
pub fn changes(submitted: &Snapshot, now: &Snapshot) -> Vec<String> {
    let keys: std::collections::BTreeSet<&String> = submitted.keys().chain(now.keys()).collect();
    keys.into_iter().filter(|k| submitted.get(*k) != now.get(*k)).cloned().collect()
}

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ApplicationStatus {
    Submitted,
    Approved,
    Returned,
}

impl ApplicationStatus {
    pub fn id(self) -> &'static str {
        match self {
            ApplicationStatus::Submitted => "submitted",
            ApplicationStatus::Approved => "approved",
            ApplicationStatus::Returned => "returned",
        }
    }

    pub fn parse(text: &str) -> Option<ApplicationStatus> {
        [ApplicationStatus::Submitted, ApplicationStatus::Approved, ApplicationStatus::Returned].into_iter().find(|s| s.id() == text)
    }
}

/// A decision IIMC made on an application.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Awarded on this day: the designation is recorded with it.
    Approved(NaiveDate),
    /// Sent back, with what IIMC said; its records count again for the programs that follow.
    Returned(String),
}

/// A record in an application, as listed: what was sent, and whether the record differs now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppliedRecord {
    pub record: RecordKind,
    pub id: i64,
    pub title: String,
    /// False once the record has been removed from the portfolio.
    pub exists: bool,
    /// The fields that differ from what was submitted (`removed` for a removed record).
    pub changes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppliedExhibit {
    pub label: String,
    pub title: String,
    pub sha256: String,
    pub submitted_with: Option<i64>,
}

/// The packet as kept in the vault.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PacketFile {
    pub evidence: i64,
    pub sha256: Sha256Hex,
    pub file: String,
    pub pages: u32,
    pub size: u64,
}

/// One application as `application list --json` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Application {
    pub id: i64,
    pub program: String,
    pub submitted_on: NaiveDate,
    pub generated_on: NaiveDate,
    pub status: ApplicationStatus,
    /// approved: the award date.
    pub awarded_on: Option<NaiveDate>,
    /// returned: the day it was marked returned.
    pub returned_on: Option<NaiveDate>,
    /// What IIMC said when it returned it.
    pub note: Option<String>,
    /// The designation the approval recorded (None once removed, or before approval).
    pub designation: Option<i64>,
    pub packet: PacketFile,
    pub records: Vec<AppliedRecord>,
    pub exhibits: Vec<AppliedExhibit>,
    /// Records edited or removed since submission (how many of `records` have `changes`).
    pub changed: usize,
}

impl Application {
    /// "the CMC application submitted on 2024-02-01".
    pub fn describe(&self) -> String {
        describe(&self.program, self.submitted_on)
    }
}

pub fn describe(program: &str, submitted_on: NaiveDate) -> String {
    format!("the {} application submitted on {submitted_on}", program.to_uppercase())
}

/// The records of every application not returned, with what changed since: `list --json`'s
/// `submitted` and the screens' marks.
pub fn record_uses(apps: &[Application], kind: RecordKind, id: i64) -> Vec<Value> {
    apps.iter()
        .filter(|a| a.status != ApplicationStatus::Returned)
        .filter_map(|a| {
            let r = a.records.iter().find(|r| r.record == kind && r.id == id)?;
            Some(json!({
                "application": a.id, "program": a.program, "submitted_on": a.submitted_on,
                "status": a.status, "differs": !r.changes.is_empty(), "changes": r.changes,
            }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_name_the_fields_that_differ() {
        let a: Snapshot = serde_json::from_value(json!({"hours": 8.0, "title": "A", "files": ["x"]})).unwrap();
        let b: Snapshot = serde_json::from_value(json!({"hours": 10.0, "title": "A", "files": ["x", "y"]})).unwrap();
        assert_eq!(changes(&a, &b), vec!["files".to_string(), "hours".to_string()]);
        assert!(changes(&a, &a).is_empty());
    }

    #[test]
    fn contents_survive_a_round_trip_through_a_pdf() {
        let mut doc = lopdf::Document::with_version("1.7");
        let pages = doc.new_object_id();
        let page = doc.add_object(lopdf::dictionary! { "Type" => "Page", "Parent" => pages, "MediaBox" => vec![0.into(), 0.into(), 10.into(), 10.into()] });
        doc.objects.insert(pages, lopdf::Object::Dictionary(lopdf::dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }));
        let catalog = doc.add_object(lopdf::dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        let mut contents = Contents::new("cmc", NaiveDate::from_ymd_opt(2026, 5, 1).unwrap());
        contents.records.push(ContentRecord { record: RecordKind::Education, id: 3, title: "Renée’s institute".into(), snapshot: Snapshot::new() });
        contents.embed(&mut doc).unwrap();
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        assert_eq!(Contents::read(&bytes), Some(contents));
        doc.catalog_mut().unwrap().remove(CONTENTS_KEY);
        let mut plain = Vec::new();
        doc.save_to(&mut plain).unwrap();
        assert_eq!(Contents::read(&plain), None);
    }
}
