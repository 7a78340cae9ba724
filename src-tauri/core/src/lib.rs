//! Clerkfolio's engine: everything but the window. It never depends on `tauri`, so it builds and
//! tests in seconds and the compiler, not a convention, keeps UI concerns out.
//!
//! - [`model`]: the portfolio as recorded (profile, membership, designations, education, experience, evidence).
//! - [`store`]: the SQLite file, migrations, reads and writes.
//! - [`vault`]: evidence files by SHA-256, atomic writes, content checks.
//! - [`program`]: certification programs as data (CMC, MMC, the Education PLUS Program, Minnesota), with verified/inferred/open labels.
//! - [`rules`]: the pure function (portfolio, program, day) → progress.
//! - [`reminders`]: the pure function (portfolio, programs, choices, day) → reminders; [`ics`] writes them as a calendar.
//! - [`datadir`]: where the data folder is, what is in it, its lock, and restore repairs.
//! - [`workspace`]: a data folder opened for use: one method per user action.
//! - [`application`]: applications sent to IIMC: what a packet contained, carried inside it.
//! - [`backup`]: backups (one checked zip) and restores that never risk the data already there.
//! - [`exchange`]: education and experience records as CSV and JSON, in and out.
//! - [`files`]: atomic file writes and the cleanup of what a crash leaves.
//! - [`tiff_pages`]: TIFF evidence (scans, faxes): checked, decoded, and its pages for the packet.
//! - [`names`]: file names and paths every system accepts (Windows' forbidden characters, device names, MAX_PATH).
//! - [`certificate`]: reading a certificate (text layer, else OCR) into a proposed record.
//! - [`packet`]: the application packet: generated pages, then every exhibit appended.
//! - [`heif`]: HEIC/HEIF photos checked before conversion; [`sidecar`]: the outside programs (Tesseract, heif-convert) run under limits.
//! - [`text`]: every text field a person or a file supplies, bounded and cleaned before it is saved.
//! - [`error`]: the crate's one error type, with a hint kept apart from the message.
//! - [`demo`]: a realistic demo portfolio with real evidence files.

pub mod application;
pub mod backup;
pub mod certificate;
pub mod datadir;
pub mod demo;
pub mod error;
pub mod ics;
pub mod exchange;
pub mod files;
pub mod heif;
pub mod model;
pub mod names;
pub mod packet;
pub mod program;
pub mod reminders;
pub mod rules;
pub mod sidecar;
pub mod store;
pub mod tiff_pages;
pub mod text;
pub mod vault;
pub mod workspace;

pub use error::{Error, ErrorReport, Result};
pub use workspace::Workspace;
