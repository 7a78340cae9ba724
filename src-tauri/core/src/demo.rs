//! A realistic demo portfolio: a Minnesota city clerk three years into the institute, with real
//! evidence files (certificates and an employment letter as PDFs, a conference photo as JPEG)
//! generated here and added through the same path a clerk's own files take.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, StringFormat, dictionary};

use crate::error::{Error, Result};
use crate::model::*;
use crate::workspace::Workspace;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid demo date")
}

/// Is there anything recorded yet?
pub fn is_empty(ws: &mut Workspace) -> Result<bool> {
    let p = ws.portfolio()?;
    Ok(p.education.is_empty() && p.experience.is_empty() && p.memberships.is_empty() && p.profile.full_name.is_empty())
}

/// Fills an empty data folder with the demo portfolio. Refuses a folder that holds records.
pub fn fill(ws: &mut Workspace) -> Result<()> {
    if !is_empty(ws)? {
        return Err(Error::Conflict(format!(
            "the data folder {} already holds a portfolio; the demo only fills an empty one (use --data-dir for a new folder)",
            ws.dir().display()
        )));
    }
    let scratch = tempfile::tempdir().map_err(|e| Error::io("cannot create a temporary folder", e))?;
    let name = "Renée Castañeda-Wójcik";
    let file = |file_name: &str, bytes: Vec<u8>| -> Result<PathBuf> {
        let path = scratch.path().join(file_name);
        std::fs::write(&path, bytes).map_err(|e| Error::io("cannot write a demo file", e))?;
        Ok(path)
    };

    ws.set_profile(ProfileChanges {
        full_name: Some(name.into()),
        title: Some("City Clerk".into()),
        municipality: Some("City of Riverton".into()),
        state: Some("Minnesota".into()),
        country: Some("United States".into()),
        address: Some("City Hall, 200 Main Street, Riverton, MN 55000".into()),
        email: Some("clerk@riverton.example.org".into()),
        phone: Some("+1 555 0100".into()),
        member_id: Some("IIMC-204518".into()),
        ethics_affirmed: Some(day(2024, 1, 15)),
    })?;
    ws.add_membership(MemberType::AdditionalFull, day(2021, 2, 1), Some(day(2022, 1, 31)), None)?;
    ws.add_membership(MemberType::Full, day(2022, 6, 1), None, None)?;
    ws.add_membership(MemberType::Full, day(2019, 9, 1), None, Some("MCFOA".into()))?;

    let institute = [(1, day(2023, 3, 20)), (2, day(2024, 3, 18)), (3, day(2025, 3, 17))];
    for (year, start) in institute {
        let title = format!("Minnesota Municipal Clerks Institute, Year {year}");
        let cert = file(
            &format!("MMCI-Year-{year}-Certificate.pdf"),
            certificate(name, &title, "St. Cloud State University", &format!("{start} to {}", start + chrono::Days::new(4)), 40.0),
        )?;
        // Entered on its last day: a record cannot be done before it has happened.
        ws.set_today(Some(start + chrono::Days::new(4)));
        ws.add_education(
            EducationChanges {
                title: Some(title),
                provider: Some("St. Cloud State University (IIMC-accredited institute)".into()),
                category: Some("institute".into()),
                certificate: Some(format!("MMCI-{}-{year:02}-0417", start.format("%Y"))),
                start: Some(start),
                end: Some(start + chrono::Days::new(4)),
                hours: Some(40.0),
                learned: Some(match year {
                    1 => "Role of the clerk, open meeting law, records management basics, parliamentary procedure.",
                    2 => "Election administration, budgeting and finance, ethics, public communication.",
                    _ => "Leadership, strategic planning, legislative process, capstone on records retention.",
                }.into()),
                level: Some(Level::Basic),
                ..Default::default()
            },
            &[cert],
        )?;
    }
    let assoc = file(
        "MCFOA-Election-Law-Update.pdf",
        certificate(name, "Election Law Update and Assessment", "Minnesota Clerks and Finance Officers Association", "2025-10-08", 6.5),
    )?;
    ws.set_today(Some(day(2025, 10, 8)));
    ws.add_education(
        EducationChanges {
            title: Some("Election Law Update and Assessment".into()),
            provider: Some("Minnesota Clerks and Finance Officers Association".into()),
            category: Some("association".into()),
            start: Some(day(2025, 10, 8)),
            hours: Some(6.5),
            learned: Some("2025 statutory changes to absentee voting; post-election review; learning assessment passed.".into()),
            level: Some(Level::Intermediate),
            assessment: Some(true),
            ..Default::default()
        },
        &[assoc],
    )?;
    ws.set_today(Some(day(2026, 9, 16)));
    ws.add_education(
        EducationChanges {
            title: Some("Records Retention in the Cloud (webinar)".into()),
            provider: Some("IIMC".into()),
            category: Some("webinar".into()),
            start: Some(day(2026, 9, 16)),
            hours: Some(1.5),
            level: Some(Level::Intermediate),
            ..Default::default()
        },
        &[],
    )?;

    let letter = file("Employment-Verification-Riverton.pdf", employment_letter(name))?;
    ws.set_today(Some(day(2017, 4, 3)));
    ws.add_experience(
        ExperienceChanges {
            category: Some("service".into()),
            title: Some("Deputy City Clerk".into()),
            organisation: Some("City of Riverton".into()),
            start: Some(day(2017, 4, 3)),
            end: Some(day(2022, 12, 31)),
            entered: Some(EnteredPoints { points: 20.0, reason: "claimed: 5 years as deputy clerk".into() }),
            notes: Some("Elections, minutes, records requests.".into()),
            ..Default::default()
        },
        &[],
        None,
    )?;
    ws.set_today(Some(day(2023, 1, 1)));
    ws.add_experience(
        ExperienceChanges {
            category: Some("service".into()),
            title: Some("City Clerk".into()),
            organisation: Some("City of Riverton".into()),
            start: Some(day(2023, 1, 1)),
            entered: Some(EnteredPoints { points: 12.0, reason: "claimed: 3 years as city clerk".into() }),
            ..Default::default()
        },
        &[],
        Some(&letter),
    )?;
    let photo = file("IIMC-Conference-2024-badge.jpg", conference_photo())?;
    ws.set_today(Some(day(2024, 5, 19)));
    ws.add_experience(
        ExperienceChanges {
            category: Some("conference-iimc".into()),
            title: Some("IIMC Annual Conference".into()),
            organisation: Some("IIMC".into()),
            start: Some(day(2024, 5, 19)),
            end: Some(day(2024, 5, 22)),
            entered: Some(EnteredPoints { points: 8.0, reason: "claimed: annual conference attended".into() }),
            ..Default::default()
        },
        &[photo],
        None,
    )?;
    ws.set_today(Some(day(2023, 7, 1)));
    ws.add_experience(
        ExperienceChanges {
            category: Some("committee".into()),
            title: Some("MCFOA Education Committee, member".into()),
            organisation: Some("MCFOA".into()),
            start: Some(day(2023, 7, 1)),
            end: Some(day(2025, 6, 30)),
            entered: Some(EnteredPoints { points: 4.0, reason: "claimed: two years on a state committee".into() }),
            ..Default::default()
        },
        &[],
        None,
    )?;
    // The fictional clerk entered each record when it happened; from here on, the clock.
    ws.set_today(None);
    Ok(())
}

/// WinAnsi bytes for the built-in Helvetica: Latin-1 letters map one to one; others become '?'.
fn win_ansi(text: &str) -> Object {
    let bytes = text.chars().map(|c| if (c as u32) < 256 { c as u8 } else { b'?' }).collect();
    Object::String(bytes, StringFormat::Literal)
}

/// Helvetica's average advance is about half the font size: good enough to centre demo text.
fn centred(ops: &mut Vec<Operation>, text: &str, size: f32, y: f32, bold: bool) {
    let width = text.chars().count() as f32 * size * if bold { 0.6 } else { 0.5 };
    let x = (612.0 - width) / 2.0;
    ops.extend([
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec![(if bold { "F2" } else { "F1" }).into(), size.into()]),
        Operation::new("Td", vec![x.into(), y.into()]),
        Operation::new("Tj", vec![win_ansi(text)]),
        Operation::new("ET", vec![]),
    ]);
}

fn one_page_pdf(ops: Vec<Operation>, title: &str) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let regular = doc.add_object(dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding"});
    let bold = doc.add_object(dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica-Bold", "Encoding" => "WinAnsiEncoding"});
    let resources = doc.add_object(dictionary! {"Font" => dictionary! {"F1" => regular, "F2" => bold}});
    let content = Content { operations: ops }.encode().expect("demo content encodes");
    let content_id = doc.add_object(Stream::new(dictionary! {}, content));
    let page = doc.add_object(dictionary! {"Type" => "Page", "Parent" => pages_id, "Contents" => content_id});
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    let info = doc.add_object(dictionary! {"Title" => win_ansi(title), "Producer" => win_ansi("Clerkfolio demo")});
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("writing to memory succeeds");
    out
}

fn certificate(name: &str, title: &str, provider: &str, dates: &str, hours: f64) -> Vec<u8> {
    let mut ops = vec![
        Operation::new("RG", vec![0.12.into(), 0.25.into(), 0.45.into()]),
        Operation::new("w", vec![6.into()]),
        Operation::new("re", vec![36.into(), 36.into(), 540.into(), 720.into()]),
        Operation::new("S", vec![]),
        Operation::new("w", vec![1.into()]),
        Operation::new("re", vec![48.into(), 48.into(), 516.into(), 696.into()]),
        Operation::new("S", vec![]),
    ];
    centred(&mut ops, "CERTIFICATE OF COMPLETION", 26.0, 640.0, true);
    centred(&mut ops, "This certifies that", 14.0, 580.0, false);
    centred(&mut ops, name, 28.0, 530.0, true);
    centred(&mut ops, "has successfully completed", 14.0, 480.0, false);
    centred(&mut ops, title, 18.0, 440.0, true);
    centred(&mut ops, provider, 13.0, 405.0, false);
    centred(&mut ops, &format!("{dates}  -  {} contact hours", crate::rules::fmt_points(hours)), 13.0, 380.0, false);
    ops.extend([
        Operation::new("m", vec![150.into(), 200.into()]),
        Operation::new("l", vec![462.into(), 200.into()]),
        Operation::new("S", vec![]),
    ]);
    centred(&mut ops, "Program Director", 11.0, 185.0, false);
    one_page_pdf(ops, &format!("Certificate - {title}"))
}

fn employment_letter(name: &str) -> Vec<u8> {
    let lines = [
        "CITY OF RIVERTON",
        "Office of the City Administrator - 200 Main Street - Riverton, MN 55000",
        "",
        "November 2, 2026",
        "",
        "To: International Institute of Municipal Clerks, Certification Department",
        "",
        "Re: Letter of Employment Verification",
        "",
        &format!("This letter verifies that {name} has been employed by the City of Riverton"),
        "as City Clerk since January 1, 2023, and before that as Deputy City Clerk from",
        "April 3, 2017 to December 31, 2022. Her duties include custody of the city seal,",
        "elections, meeting administration, records management and legal instruments.",
        "",
        "Sincerely,",
        "",
        "",
        "Jordan Ellis, City Administrator",
    ];
    let mut ops = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let (font, size) = if i == 0 { ("F2", 16.0) } else { ("F1", 11.5) };
        ops.extend([
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec![font.into(), size.into()]),
            Operation::new("Td", vec![72.into(), (720.0 - i as f32 * 22.0).into()]),
            Operation::new("Tj", vec![win_ansi(line)]),
            Operation::new("ET", vec![]),
        ]);
    }
    one_page_pdf(ops, "Letter of Employment Verification")
}

/// A landscape "photo" of a conference badge: real JPEG bytes, as a phone would give.
fn conference_photo() -> Vec<u8> {
    let img = image::RgbImage::from_fn(1200, 800, |x, y| {
        let in_badge = (300..900).contains(&x) && (150..650).contains(&y);
        let band = in_badge && (150..260).contains(&y);
        if band {
            image::Rgb([31, 64, 115])
        } else if in_badge {
            image::Rgb([245, 244, 238])
        } else {
            let shade = 90 + ((x + y) % 97) as u8 / 3;
            image::Rgb([shade, shade - 20, shade - 40])
        }
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .expect("encoding to memory succeeds");
    out
}

/// Writes the demo's evidence files into `dir` (used by benchmarks and tests that need real files).
pub fn sample_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let files = [
        ("sample-certificate.pdf", certificate("Sample Clerk", "Sample Course", "Sample Provider", "2025-01-01", 8.0)),
        ("sample-letter.pdf", employment_letter("Sample Clerk")),
        ("sample-photo.jpg", conference_photo()),
    ];
    files
        .into_iter()
        .map(|(name, bytes)| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).map_err(|e| Error::io("cannot write a sample file", e))?;
            Ok(path)
        })
        .collect()
}
