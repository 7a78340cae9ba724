//! The portfolio as plain data: what the clerk recorded, nothing computed. Points are not stored
//! here unless the clerk entered them (stated on a certificate, or claimed where the program has
//! no published schedule); the rules compute everything else per program and per day, so one
//! record can count under several programs.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Parses a date typed by a person, strictly `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    let t = text.trim();
    let well_formed = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    let date = well_formed.then(|| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()).flatten();
    date.ok_or_else(|| Error::Invalid(format!("invalid date '{text}': use YYYY-MM-DD, e.g. 2024-03-15")))
}

/// IIMC membership types. Associates may record everything but cannot certify (IIMC "Join IIMC").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum MemberType {
    Full,
    AdditionalFull,
    Retired,
    Associate,
}

impl MemberType {
    pub const ALL: [MemberType; 4] =
        [MemberType::Full, MemberType::AdditionalFull, MemberType::Retired, MemberType::Associate];

    pub fn id(self) -> &'static str {
        match self {
            MemberType::Full => "full",
            MemberType::AdditionalFull => "additional-full",
            MemberType::Retired => "retired",
            MemberType::Associate => "associate",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MemberType::Full => "Full",
            MemberType::AdditionalFull => "Additional Full",
            MemberType::Retired => "Retired",
            MemberType::Associate => "Associate",
        }
    }

    pub fn parse(text: &str) -> Result<MemberType> {
        MemberType::ALL.into_iter().find(|t| t.id() == text).ok_or_else(|| {
            Error::Invalid(format!(
                "unknown membership type '{text}': use full, additional-full, retired or associate"
            ))
        })
    }
}

/// Course level; the MMC takes only intermediate and advanced sessions (IIMC Course Review Process).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Basic,
    Intermediate,
    Advanced,
}

impl Level {
    pub fn id(self) -> &'static str {
        match self {
            Level::Basic => "basic",
            Level::Intermediate => "intermediate",
            Level::Advanced => "advanced",
        }
    }

    pub fn parse(text: &str) -> Result<Level> {
        match text {
            "basic" => Ok(Level::Basic),
            "intermediate" => Ok(Level::Intermediate),
            "advanced" => Ok(Level::Advanced),
            _ => Err(Error::Invalid(format!("unknown level '{text}': use basic, intermediate or advanced"))),
        }
    }
}

/// Who sponsored an education program. The 2 contact hours = 1 point rate is stated by institutes
/// and academies sponsored by a state association; for other sponsors the points are open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Sponsor {
    /// Not recorded: records from before the sponsor was kept, and records added without it.
    #[default]
    Unknown,
    StateAssociation,
    Iimc,
    University,
    Other,
}

impl Sponsor {
    pub fn id(self) -> &'static str {
        match self {
            Sponsor::Unknown => "unknown",
            Sponsor::StateAssociation => "state-association",
            Sponsor::Iimc => "iimc",
            Sponsor::University => "university",
            Sponsor::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Result<Sponsor> {
        [Sponsor::Unknown, Sponsor::StateAssociation, Sponsor::Iimc, Sponsor::University, Sponsor::Other]
            .into_iter()
            .find(|s| s.id() == text)
            .ok_or_else(|| {
                Error::Invalid(format!("unknown sponsor '{text}': use state-association, iimc, university, other or unknown"))
            })
    }
}

/// What kind of record a category applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    Education,
    Experience,
}

impl RecordKind {
    pub fn id(self) -> &'static str {
        match self {
            RecordKind::Education => "education",
            RecordKind::Experience => "experience",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub full_name: String,
    pub title: String,
    pub municipality: String,
    pub state: String,
    pub country: String,
    pub address: String,
    pub email: String,
    pub phone: String,
    pub member_id: String,
    pub ethics_affirmed: Option<NaiveDate>,
}

/// One paid membership period. `end` is the paid-through date; none means ongoing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Membership {
    pub id: i64,
    #[serde(rename = "type")]
    pub member_type: MemberType,
    /// The association the membership is with: "IIMC" unless recorded otherwise (a state program
    /// such as Minnesota's counts membership in its own association).
    pub organisation: String,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

impl Membership {
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.start <= day && self.end.is_none_or(|end| day <= end)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Designation {
    pub id: i64,
    pub program: String,
    pub awarded_on: NaiveDate,
    pub evidence: Option<i64>,
    /// A recertification of `program` (a CMC recertification) rather than its first award; it
    /// moves the MMC cut-off date like an award does.
    #[serde(default)]
    pub recertification: bool,
}

impl Designation {
    /// The id program files use for this designation: the program (`cmc`), or `cmc-recert` for
    /// a recertification of it (`after_designations` lists these).
    pub fn key(&self) -> String {
        if self.recertification { format!("{}-recert", self.program) } else { self.program.clone() }
    }

    /// In words: "CMC", "CMC recertification".
    pub fn describe(&self) -> String {
        let program = self.program.to_uppercase();
        if self.recertification { format!("{program} recertification") } else { program }
    }
}

/// Points the clerk entered instead of (or where there is no) computed value, with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnteredPoints {
    pub points: f64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Education {
    pub id: i64,
    pub title: String,
    pub provider: String,
    pub category: String,
    pub certificate: String,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub hours: f64,
    pub entered: Option<EnteredPoints>,
    pub learned: String,
    pub level: Option<Level>,
    pub assessment: bool,
    /// The day the record was entered in Clerkfolio; None for records from before that was kept.
    /// The command line's JSON carries it (`exchange::education_json`/`experience_json`); this
    /// serde form, the desktop's snapshot, leaves it out until a screen shows it: the snapshot's
    /// UI fixtures are taken on a fixed day, and this day is the clock's.
    #[serde(default, skip_serializing)]
    pub recorded_on: Option<NaiveDate>,
    pub evidence: Vec<i64>,
    /// Made from a certificate the clerk confirmed (`Workspace::add_from_certificate`, the review
    /// queue); the reading is kept beside the record (table education_reading).
    #[serde(default)]
    pub from_certificate: bool,
    /// Planned, not yet happened (an institute week she is registered for): dated when it is
    /// expected. It never counts as earned; the rules report its points apart and project the
    /// eligibility date with it. False once marked done, and for records from before this was kept.
    #[serde(default)]
    pub planned: bool,
    /// Who sponsored the program; `unknown` for records from before it was kept.
    #[serde(default)]
    pub sponsor: Sponsor,
}

impl Education {
    /// The day the work is dated: when it was completed.
    pub fn dated(&self) -> NaiveDate {
        self.end.unwrap_or(self.start)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Experience {
    pub id: i64,
    pub category: String,
    pub title: String,
    pub organisation: String,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub entered: Option<EnteredPoints>,
    pub notes: String,
    /// The day the record was entered in Clerkfolio; None for records from before that was kept.
    /// The command line's JSON carries it (`exchange::education_json`/`experience_json`); this
    /// serde form, the desktop's snapshot, leaves it out until a screen shows it: the snapshot's
    /// UI fixtures are taken on a fixed day, and this day is the clock's.
    #[serde(default, skip_serializing)]
    pub recorded_on: Option<NaiveDate>,
    pub evidence: Vec<i64>,
    /// Employment verification letters for this position.
    pub letters: Vec<i64>,
    /// Planned, not yet happened (an institute week she is registered for): dated when it is
    /// expected. It never counts as earned; the rules report its points apart and project the
    /// eligibility date with it. False once marked done, and for records from before this was kept.
    #[serde(default)]
    pub planned: bool,
}

impl Experience {
    pub fn dated(&self) -> NaiveDate {
        self.end.unwrap_or(self.start)
    }
}

/// File types the vault accepts, detected from content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
    /// One or more pages, as scanners and copiers write them (often CCITT Group 4).
    Tiff,
    Webp,
    /// A phone's HEIC/HEIF photo: kept as it is, and as a JPEG rendition made at import (`heif`).
    Heic,
}

impl FileKind {
    pub const ALL: [FileKind; 6] = [FileKind::Pdf, FileKind::Jpeg, FileKind::Png, FileKind::Tiff, FileKind::Webp, FileKind::Heic];

    pub fn id(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpeg => "jpeg",
            FileKind::Png => "png",
            FileKind::Tiff => "tiff",
            FileKind::Webp => "webp",
            FileKind::Heic => "heic",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpeg => "jpg",
            FileKind::Png => "png",
            FileKind::Tiff => "tif",
            FileKind::Webp => "webp",
            FileKind::Heic => "heic",
        }
    }

    pub fn parse(text: &str) -> Option<FileKind> {
        FileKind::ALL.into_iter().find(|k| k.id() == text)
    }
}

/// The SHA-256 an evidence file is stored under: exactly 64 lower-case hex digits. Vault paths
/// are built by joining it, so a value from a crafted database or backup (`/etc/x…`, `../../x…`,
/// a multi-byte character where the shard folder is cut) must never become one: the only ways
/// to get this type are hashing bytes and [`Sha256Hex::parse`], which checks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Sha256Hex(String);

impl Sha256Hex {
    /// The hash of `bytes`.
    pub fn of(bytes: &[u8]) -> Sha256Hex {
        use sha2::Digest;
        Sha256Hex(sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect())
    }

    /// None unless `text` is 64 lower-case hex digits.
    pub fn parse(text: &str) -> Option<Sha256Hex> {
        let hex = text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        hex.then(|| Sha256Hex(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The vault's shard folder: the first two digits.
    pub fn shard(&self) -> &str {
        &self.0[..2]
    }

    /// The first twelve digits, enough to tell files apart in a listing.
    pub fn short(&self) -> &str {
        &self.0[..12]
    }
}

impl std::fmt::Display for Sha256Hex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Sha256Hex {
    type Error = String;

    fn try_from(text: String) -> std::result::Result<Sha256Hex, String> {
        Sha256Hex::parse(&text).ok_or_else(|| format!("'{}' is not a SHA-256 (64 lower-case hex digits)", text.escape_debug()))
    }
}

impl From<Sha256Hex> for String {
    fn from(hash: Sha256Hex) -> String {
        hash.0
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub id: i64,
    pub sha256: Sha256Hex,
    pub original_name: String,
    #[serde(rename = "type")]
    pub kind: FileKind,
    pub size: u64,
    pub pages: u32,
    /// RFC 3339, UTC.
    pub added_at: String,
    /// A HEIC photo's JPEG rendition (made once at import; what the packet shows): its SHA-256,
    /// checked like the original's. None for every other kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rendition_sha256: Option<Sha256Hex>,
}

/// Everything the rules need, loaded in one read transaction.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Portfolio {
    pub profile: Profile,
    pub memberships: Vec<Membership>,
    pub designations: Vec<Designation>,
    pub education: Vec<Education>,
    pub experience: Vec<Experience>,
    /// Applications sent to IIMC (packets marked as submitted): the records each used.
    #[serde(default)]
    pub applications: Vec<Submitted>,
}

/// An application sent to IIMC, as the rules see it. Material used, even in part, for one
/// designation cannot count for the programs that follow it (the MMC after the CMC); a returned
/// application releases its records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submitted {
    pub application: i64,
    pub program: String,
    pub submitted_on: NaiveDate,
    pub returned: bool,
    pub records: Vec<(RecordKind, i64)>,
}

/// The tables a record can be removed from: `Workspace::remove` and `store::delete_row` take
/// this rather than a table name, so no caller can put text into SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Table {
    Membership,
    Designation,
    Education,
    Experience,
    Evidence,
}

impl Table {
    /// The table's name in the database, in messages and in `clerkfolio list`.
    pub fn name(self) -> &'static str {
        match self {
            Table::Membership => "membership",
            Table::Designation => "designation",
            Table::Education => "education",
            Table::Experience => "experience",
            Table::Evidence => "evidence",
        }
    }
}

// ------------------------------------------------------------ changes
// What a form, a command or a CSV row asks to change. They live here, with the records they
// change, so the workspace (which applies them) and the importers (which produce them) both
// depend on the model and not on each other.

/// Changes to an education record; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EducationChanges {
    pub title: Option<String>,
    pub provider: Option<String>,
    pub category: Option<String>,
    pub certificate: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub clear_end: bool,
    pub hours: Option<f64>,
    pub entered: Option<EnteredPoints>,
    pub clear_points: bool,
    pub learned: Option<String>,
    pub level: Option<Level>,
    pub assessment: Option<bool>,
    /// Some(true): planned (may be dated in the future); Some(false): done (it has happened).
    pub planned: Option<bool>,
    pub sponsor: Option<Sponsor>,
    /// Evidence ids to take off the record (the files stay in the vault).
    pub detach: Vec<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ExperienceChanges {
    pub category: Option<String>,
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub clear_end: bool,
    pub entered: Option<EnteredPoints>,
    pub clear_points: bool,
    pub notes: Option<String>,
    /// Some(true): planned (may be dated in the future); Some(false): done (it has happened).
    pub planned: Option<bool>,
    /// Evidence ids to take off the record, supporting documents or employment letter (the files
    /// stay in the vault).
    pub detach: Vec<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MembershipChanges {
    pub member_type: Option<MemberType>,
    pub organisation: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub clear_end: bool,
}

/// Changes to one of the clerk's own reminders; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReminderChanges {
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    pub yearly: Option<bool>,
    pub notes: Option<String>,
    pub lead_days: Option<u32>,
    /// Back to the default lead time.
    pub clear_lead: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ProfileChanges {
    pub full_name: Option<String>,
    pub title: Option<String>,
    pub municipality: Option<String>,
    pub state: Option<String>,
    pub country: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub member_id: Option<String>,
    pub ethics_affirmed: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sha256_digests_make_a_hash() {
        let good = Sha256Hex::of(b"certificate");
        assert_eq!(Sha256Hex::parse(good.as_str()), Some(good.clone()));
        assert_eq!((good.shard(), good.short().len()), (&good.as_str()[..2], 12));
        let path = format!("/tmp/{}", "v".repeat(59));
        let dotted = format!("../../{}", "w".repeat(58));
        let upper = good.as_str().to_uppercase();
        let multibyte = format!("aé{}", "0".repeat(62));
        for bad in [path.as_str(), &dotted, &upper, &multibyte, &good.as_str()[1..], "", "..\\x"] {
            assert_eq!(Sha256Hex::parse(bad), None, "{bad}");
            assert!(serde_json::from_value::<Sha256Hex>(bad.into()).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_are_strict() {
        assert_eq!(parse_date("2024-02-29").unwrap(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        for bad in ["2023-02-29", "2024-2-3", "03/15/2024", "", "2024-13-01", "yesterday", "2024-03-15x"] {
            let err = parse_date(bad).unwrap_err().to_string();
            assert!(err.contains("YYYY-MM-DD"), "{bad}: {err}");
        }
    }
}
