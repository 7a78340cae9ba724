//! The application packet built from every file of the real-world corpus, checked with the tools
//! a reviewer's machine would use: qpdf (structure), pdfinfo (page count, metadata), pdftotext
//! (names with diacritics, exhibit stamps), qpdf --json (outline) and pdftoppm (every appended
//! page renders like the original, pixel for pixel, outside the stamp strip).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{corpus, run, s};
use clerkfolio_core::rules::fmt_points;
use serde_json::Value;

const NAME: &str = "Zofia Wójcik-Łęczyńska";

/// The poppler and qpdf tools the packet is checked with. `.ci/setup` installs them; a test that
/// needs them fails without them rather than passing unchecked.
fn require_tools() {
    for tool in ["qpdf", "pdfinfo", "pdftotext", "pdftoppm"] {
        let found = Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success() || !o.stdout.is_empty() || !o.stderr.is_empty());
        assert!(found, "{tool} is required (qpdf, poppler-utils): run .ci/setup");
    }
}

fn tool(name: &str, args: &[&str]) -> std::process::Output {
    Command::new(name).args(args).output().unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn pdfinfo(path: &Path) -> BTreeMap<String, String> {
    let out = tool("pdfinfo", &[s(path)]);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_string(), v.trim().to_string())))
        .collect()
}

fn page_count(path: &Path) -> usize {
    pdfinfo(path)["Pages"].parse().unwrap()
}

/// Renders one page to an RGB image at `dpi`.
fn render(path: &Path, page: usize, dpi: u32, dir: &Path) -> image::RgbImage {
    let prefix = dir.join(format!("r{}", rand_tag(path, page)));
    let out = tool("pdftoppm", &["-r", &dpi.to_string(), "-f", &page.to_string(), "-l", &page.to_string(), "-png", "-singlefile", s(path), s(&prefix)]);
    assert!(out.status.success(), "pdftoppm {} p.{page}: {}", path.display(), String::from_utf8_lossy(&out.stderr));
    image::open(prefix.with_extension("png")).unwrap().to_rgb8()
}

fn rand_tag(path: &Path, page: usize) -> String {
    format!("{:x}-{page}", crate::common::sha256_hex(path.to_string_lossy().as_bytes()).len() as u64 + path.to_string_lossy().len() as u64 * 31)
        + &path.file_stem().unwrap().to_string_lossy().chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>()
}

/// Share of pixels that differ, ignoring the bottom `strip` pixels where the stamp sits.
fn difference(a: &image::RgbImage, b: &image::RgbImage, strip: u32) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions(), "rendered sizes differ");
    let (w, h) = a.dimensions();
    let mut differing = 0u64;
    for y in 0..h.saturating_sub(strip) {
        for x in 0..w {
            let (p, q) = (a.get_pixel(x, y).0, b.get_pixel(x, y).0);
            if p.iter().zip(q).any(|(u, v)| u.abs_diff(v) > 16) {
                differing += 1;
            }
        }
    }
    differing as f64 / (w as u64 * (h - strip) as u64) as f64
}

struct Fixture {
    _dir: tempfile::TempDir,
    data: PathBuf,
    work: PathBuf,
    /// Accepted evidence files, in the order they were attached (ledger order by date).
    accepted: Vec<PathBuf>,
}

/// A portfolio with one education record per corpus file (the refused ones refused), a current
/// position with its letter, and one file backing two records.
fn fixture(corpus: &Path) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let work = dir.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    run(&data, &["init"]).ok();
    run(&data, &["profile", "set", "--name", NAME, "--title", "Town Clerk", "--municipality", "Gmina Łódź-Bałuty", "--member-id", "IIMC-7781", "--ethics-affirmed", "2024-02-01"]).ok();
    run(&data, &["membership", "add", "--type", "full", "--start", "2022-01-01"]).ok();
    let mut files: Vec<PathBuf> = ["pdf", "images"]
        .iter()
        .flat_map(|d| std::fs::read_dir(corpus.join(d)).unwrap().map(|e| e.unwrap().path()))
        .filter(|p| p.file_name().unwrap() != "files.json")
        .collect();
    files.sort();
    let mut accepted = Vec::new();
    let letter = corpus.join("pdf/002-trivial-libre-office-writer_002-trivial-libre-office-writer.pdf");
    run(&data, &["experience", "add", "--category", "service", "--title", "Town Clerk", "--organisation", "Łódź", "--start", "2020-01-01", "--points", "50", "--reason", "claimed", "--letter", s(&letter)]).ok();
    accepted.push(letter.clone());
    for (i, file) in files.iter().enumerate() {
        let date = format!("2024-{:02}-{:02}", 1 + i / 28, 1 + i % 28);
        let r = run(&data, &["education", "add", "--title", &format!("Course {i:02} ({})", file.file_name().unwrap().to_string_lossy()), "--provider", "Provider", "--date", &date, "--hours", "4", "--category", "course", "--points", "2", "--reason", "stated on the certificate", "--evidence", s(file)]);
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let refused = name.starts_with("005-") || name.starts_with("017-") || name.ends_with(".tiff");
        if refused {
            r.refused();
        } else {
            r.ok();
            if *file != letter {
                accepted.push(file.clone());
            }
        }
    }
    // The same certificate backing a second record appears once among the exhibits.
    run(&data, &["education", "add", "--title", "Same certificate, second record", "--provider", "P", "--date", "2025-06-01", "--hours", "2", "--category", "course", "--points", "1", "--reason", "stated", "--evidence", s(&files[0])]).ok();
    Fixture { _dir: dir, data, work, accepted }
}

#[test]
fn packet_from_the_whole_corpus_is_faithful_and_navigable() {
    let corpus = corpus();
    require_tools();
    let f = fixture(&corpus);
    let out = f.work.join("packet.pdf");
    std::fs::write(&out, b"an older packet").unwrap();
    let report = run(&f.data, &["packet", "--out", s(&out), "--today", "2026-11-24", "--json"]).ok().json();

    // Structure.
    let check = tool("qpdf", &["--check", s(&out)]);
    assert_eq!(check.status.code(), Some(0), "qpdf --check: {}{}", String::from_utf8_lossy(&check.stdout), String::from_utf8_lossy(&check.stderr));
    let info = pdfinfo(&out);
    assert_eq!(info["PDF version"], "1.7");
    assert!(info["Title"].contains("Certified Municipal Clerk") && info["Author"] == NAME, "{info:?}");

    // Page count: generated pages + every exhibit page, each file once.
    let exhibit_pages: usize = f.accepted.iter().map(|p| if p.extension().unwrap() == "pdf" { page_count(p) } else { 1 }).sum();
    let generated = report["generated_pages"].as_u64().unwrap() as usize;
    assert_eq!(report["exhibits"].as_u64().unwrap() as usize, f.accepted.len());
    assert_eq!(report["skipped"], serde_json::json!([]));
    assert_eq!(page_count(&out), generated + exhibit_pages);
    assert_eq!(report["pages"].as_u64().unwrap() as usize, generated + exhibit_pages);

    // Text: the name with its diacritics, and every exhibit's stamp.
    let text = String::from_utf8(tool("pdftotext", &["-enc", "UTF-8", s(&out), "-"]).stdout).unwrap();
    assert!(text.contains(NAME), "the applicant's name must read back exactly");
    for n in 1..=f.accepted.len() {
        assert!(text.contains(&format!("Exhibit E-{n:02}")), "stamp of E-{n:02} missing");
    }
    assert!(text.contains(&format!("Page {} of {}", page_count(&out), page_count(&out))));

    // Outline: Application and Exhibits, one entry per exhibit.
    let json: Value = serde_json::from_slice(&tool("qpdf", &["--json", "--json-key=outlines", s(&out)]).stdout).unwrap();
    let top: Vec<&Value> = json["outlines"].as_array().unwrap().iter().collect();
    let titles: Vec<&str> = top.iter().map(|o| o["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Application", "Exhibits"]);
    let exhibits = top[1]["kids"].as_array().unwrap();
    assert_eq!(exhibits.len(), f.accepted.len());
    assert!(exhibits[0]["title"].as_str().unwrap().starts_with("E-01 Letter of Employment Verification"), "letters come first");
    assert!(exhibits.iter().enumerate().all(|(i, o)| o["title"].as_str().unwrap().starts_with(&format!("E-{:02} ", i + 1))));
    let sections: Vec<&str> = top[0]["kids"].as_array().unwrap().iter().map(|o| o["title"].as_str().unwrap()).collect();
    assert!(sections.contains(&"Point summary") && sections.contains(&"Exhibit index") && sections.contains(&"Attestation"), "{sections:?}");

    // JPEG exhibits are embedded byte for byte (no re-encoding).
    let packet_bytes = std::fs::read(&out).unwrap();
    for jpg in f.accepted.iter().filter(|p| p.extension().unwrap() == "jpg") {
        let original = std::fs::read(jpg).unwrap();
        assert!(packet_bytes.windows(original.len()).any(|w| w == original.as_slice()), "{} was re-encoded", jpg.display());
    }

    // Appended pages render like the originals outside the stamp strip (first 3 pages of each).
    let renders = f.work.join("renders");
    std::fs::create_dir_all(&renders).unwrap();
    let dpi = 30;
    let strip = 30 * dpi / 72; // the bottom 30 pt hold the stamp
    let mut page = generated + 1;
    let mut compared = 0;
    for file in &f.accepted {
        let pages = if file.extension().unwrap() == "pdf" { page_count(file) } else { 1 };
        // Pages under an inch (the 3.84 pt ImageMagick pages) are shown enlarged on a full page.
        let is_pdf = file.extension().unwrap() == "pdf";
        let tiny = is_pdf && pdfinfo(file)["Page size"].split_whitespace().next().unwrap().parse::<f64>().unwrap() < 72.0;
        if is_pdf && !tiny {
            for p in 1..=pages.min(3) {
                let original = render(file, p, dpi, &renders);
                let appended = render(&out, page + p - 1, dpi, &renders);
                let diff = difference(&original, &appended, strip);
                assert!(diff < 0.002, "{} page {p}: {:.3}% of pixels differ", file.display(), diff * 100.0);
                compared += 1;
            }
        }
        page += pages;
    }
    assert!(compared >= 30, "compared {compared} pages");
}

#[test]
fn unreadable_exhibit_becomes_a_named_placeholder_and_check_lists_it() {
    let corpus = corpus();
    require_tools();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    run(&data, &["profile", "set", "--name", NAME]).ok();
    let good = corpus.join("pdf/004-pdflatex-4-pages_pdflatex-4-pages.pdf");
    let damaged = corpus.join("pdf/001-trivial_minimal-document.pdf");
    run(&data, &["education", "add", "--title", "Four pages", "--provider", "P", "--date", "2024-01-01", "--hours", "4", "--category", "institute", "--evidence", s(&good)]).ok();
    run(&data, &["education", "add", "--title", "Damaged later", "--provider", "P", "--date", "2024-02-01", "--hours", "4", "--category", "institute", "--evidence", s(&damaged)]).ok();
    run(&data, &["education", "add", "--title", "No evidence", "--provider", "P", "--date", "2024-03-01", "--hours", "4", "--category", "institute"]).ok();
    let listed = run(&data, &["list", "evidence", "--json"]).ok().json();
    let sha = listed.as_array().unwrap().iter().find(|e| e["original_name"] == "001-trivial_minimal-document.pdf").unwrap()["sha256"].as_str().unwrap().to_string();
    std::fs::write(data.join("vault").join(&sha[..2]).join(format!("{sha}.pdf")), b"%PDF-1.4 overwritten").unwrap();

    let check = run(&data, &["packet", "--check", "--today", "2026-11-24"]);
    assert_eq!(check.code, Some(1), "{}", check.show());
    assert!(check.stdout.contains("hash-mismatch: E-02 Damaged later"), "{}", check.stdout);
    assert!(check.stdout.contains("no-evidence: education record \"No evidence\""), "{}", check.stdout);
    assert!(check.stdout.contains("requirement: Experience"), "{}", check.stdout);

    let out = dir.path().join("p.pdf");
    let report = run(&data, &["packet", "--out", s(&out), "--today", "2026-11-24", "--paper", "a4", "--json"]).ok().json();
    assert_eq!(report["skipped"][0]["exhibit"], "E-02");
    assert!(report["skipped"][0]["reason"].as_str().unwrap().contains("has changed since it was added"));
    assert_eq!(tool("qpdf", &["--check", s(&out)]).status.code(), Some(0));
    let generated = report["generated_pages"].as_u64().unwrap() as usize;
    assert_eq!(page_count(&out), generated + 4 + 1, "four pages of E-01 and one placeholder for E-02");
    let text = String::from_utf8(tool("pdftotext", &["-enc", "UTF-8", s(&out), "-"]).stdout).unwrap();
    assert!(text.contains("Exhibit E-02 could not be included") && text.contains("001-trivial_minimal-document.pdf"));
    assert!(pdfinfo(&out)["Page size"].contains("(A4)"), "{:?}", pdfinfo(&out));

    // The plain report names the skipped exhibit too.
    let text = run(&data, &["packet", "--out", s(&out), "--today", "2026-11-24"]).ok().stdout;
    assert!(text.contains("Not included: E-02 001-trivial_minimal-document.pdf"), "{text}");
}

#[test]
fn upload_folder_holds_each_exhibit_as_its_own_pdf() {
    let corpus = corpus();
    require_tools();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let pdf = corpus.join("pdf/015-arabic_habibi-rotated.pdf");
    let jpg = corpus.join("images/003-pdflatex-image_image.jpg");
    let png = corpus.join("images/019-grayscale-image_page-0-X0.png");
    run(&data, &["education", "add", "--title", "Records Management Institute: Year 1", "--provider", "P", "--date", "2024-01-01", "--hours", "40", "--category", "institute", "--evidence", s(&pdf), "--evidence", s(&jpg)]).ok();
    run(&data, &["education", "add", "--title", "Scan", "--provider", "P", "--date", "2024-02-01", "--hours", "4", "--category", "institute", "--evidence", s(&png)]).ok();
    let folder = dir.path().join("upload");
    let out = dir.path().join("p.pdf");
    let report = run(&data, &["packet", "--out", s(&out), "--folder", s(&folder), "--today", "2026-11-24", "--json"]).ok().json();
    let mut names: Vec<String> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect();
    names.sort();
    assert_eq!(names, [
        "E-00 CMC application summary.pdf",
        "E-01 Records Management Institute Year 1.pdf",
        "E-02 Records Management Institute Year 1.pdf",
        "E-03 Scan.pdf",
    ]);
    assert_eq!(report["folder_files"].as_array().unwrap().len(), 4);
    assert_eq!(std::fs::read(folder.join(&names[1])).unwrap(), std::fs::read(&pdf).unwrap(), "PDF exhibits are copied byte for byte");
    for name in &names {
        assert_eq!(tool("qpdf", &["--check", s(&folder.join(name))]).status.code(), Some(0), "{name}");
    }
    let jpeg_pdf = std::fs::read(folder.join(&names[2])).unwrap();
    let original = std::fs::read(&jpg).unwrap();
    assert!(jpeg_pdf.windows(original.len()).any(|w| w == original.as_slice()), "the JPEG passes through unchanged");
}

#[test]
fn a_failed_packet_leaves_an_existing_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = dir.path().join("p.pdf");
    std::fs::write(&out, b"previous packet").unwrap();
    let line = run(&data, &["packet", "--program", "nope", "--out", s(&out)]).refused();
    assert!(line.contains("unknown program 'nope'"), "{line}");
    assert_eq!(std::fs::read(&out).unwrap(), b"previous packet");
    let nowhere = dir.path().join("no/such/folder/p.pdf");
    let line = run(&data, &["packet", "--out", s(&nowhere)]).refused();
    assert!(line.contains("does not exist"), "{line}");
    assert!(!dir.path().join("no").exists(), "no folder is created for a mistyped path");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n.to_string_lossy().starts_with(".clerkfolio")).collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// A JPEG whose stored pixels are landscape (left half red, right half blue) with EXIF
/// orientation 6: viewers rotate it 90° clockwise, so it shows portrait, red on top.
fn rotated_jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(400, 200, |x, _| if x < 200 { image::Rgb([220, 20, 20]) } else { image::Rgb([20, 20, 220]) });
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 95).encode_image(&img).unwrap();
    // APP1 Exif: big-endian TIFF header, one IFD entry: Orientation (0x0112), SHORT, 1, value 6.
    let tiff: Vec<u8> = [b"MM\0*".as_slice(), &8u32.to_be_bytes(), &1u16.to_be_bytes(), &0x0112u16.to_be_bytes(), &3u16.to_be_bytes(), &1u32.to_be_bytes(), &[0, 6, 0, 0], &0u32.to_be_bytes()].concat();
    let payload = [b"Exif\0\0".as_slice(), &tiff].concat();
    let segment = [&[0xFF, 0xE1][..], &((payload.len() + 2) as u16).to_be_bytes(), &payload].concat();
    [&plain[..2], &segment, &plain[2..]].concat()
}

#[test]
fn images_keep_their_orientation_and_pixels() {
    let corpus = corpus();
    require_tools();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let photo = dir.path().join("phone-photo.jpg");
    std::fs::write(&photo, rotated_jpeg()).unwrap();
    let png = corpus.join("images/025-attachment_image.png");
    run(&data, &["education", "add", "--title", "Photo", "--provider", "P", "--date", "2024-01-01", "--hours", "4", "--category", "institute", "--evidence", s(&photo), "--evidence", s(&png)]).ok();
    let out = dir.path().join("p.pdf");
    let report = run(&data, &["packet", "--out", s(&out), "--today", "2026-11-24", "--json"]).ok().json();
    let photo_page = report["generated_pages"].as_u64().unwrap() as usize + 1;

    // EXIF orientation 6: the page is portrait and the red half (stored on the left) is on top.
    let size = String::from_utf8(tool("pdfinfo", &["-f", &photo_page.to_string(), "-l", &photo_page.to_string(), s(&out)]).stdout).unwrap();
    assert!(size.contains("612 x 792"), "portrait page expected: {size}");
    let page = render(&out, photo_page, 20, dir.path());
    let (w, h) = page.dimensions();
    let top = page.get_pixel(w / 2, h * 3 / 10).0;
    let bottom = page.get_pixel(w / 2, h * 7 / 10).0;
    assert!(top[0] > 150 && top[2] < 100, "top should be red: {top:?}");
    assert!(bottom[2] > 150 && bottom[0] < 100, "bottom should be blue: {bottom:?}");

    // PNG pixels come back exactly (lossless), extracted by pdfimages.
    let prefix = dir.path().join("img");
    let png_page = (photo_page + 1).to_string();
    let status = Command::new("pdfimages").args(["-png", "-f", &png_page, "-l", &png_page, s(&out), s(&prefix)]).status().unwrap();
    assert!(status.success());
    let extracted = image::open(dir.path().join("img-000.png")).unwrap().to_rgb8();
    let original = image::open(&png).unwrap().to_rgb8();
    assert_eq!(extracted.dimensions(), original.dimensions());
    assert!(extracted.pixels().zip(original.pixels()).all(|(a, b)| a == b), "PNG pixels changed");
}

// ------------------------------------------------------------------ an MMC packet, read back from the PDF

/// Each exhibit's file: distinct page counts, so a page off by one shows.
const LETTER: &str = "pdf/002-trivial-libre-office-writer_002-trivial-libre-office-writer.pdf"; // 1 page
const CMC_CERTIFICATE: &str = "pdf/013-reportlab-overlay_reportlab-overlay.pdf"; // 1 page
const ACADEMY: &str = "pdf/004-pdflatex-4-pages_pdflatex-4-pages.pdf"; // 4 pages
const COURSE: &str = "pdf/026-latex-multicolumn_multicolumn.pdf"; // 3 pages
const BEFORE_CMC: &str = "pdf/022-pdfkit_pdfkit.pdf"; // 1 page, dated before the CMC: not counted

struct MmcPacket {
    _dir: tempfile::TempDir,
    data: PathBuf,
    out: PathBuf,
    /// The text of each page (pdftotext, pages split at form feeds).
    pages: Vec<String>,
}

/// An MMC portfolio (a CMC designation with its certificate, MMC-eligible records after it, a
/// position with its letter), entered in the reverse of the packet's exhibit order so the
/// order cannot come from the order files were added; its packet written.
fn mmc_packet() -> MmcPacket {
    let corpus = corpus();
    require_tools();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = |name: &str| corpus.join(name);
    run(&data, &["profile", "set", "--name", NAME, "--title", "City Clerk", "--municipality", "Springfield"]).ok();
    run(&data, &["membership", "add", "--type", "full", "--start", "2015-01-01"]).ok();
    run(&data, &["education", "add", "--title", "Academy before the CMC", "--provider", "MCFOA", "--date", "2019-05-01", "--hours", "12", "--category", "academy", "--level", "advanced", "--evidence", s(&file(BEFORE_CMC))]).ok();
    run(&data, &["education", "add", "--title", "Records law course", "--provider", "State University", "--date", "2022-02-01", "--hours", "3", "--category", "course", "--level", "intermediate", "--points", "5", "--reason", "stated on the certificate", "--evidence", s(&file(COURSE))]).ok();
    run(&data, &["education", "add", "--title", "Master Clerks Academy", "--provider", "MCFOA", "--date", "2021-06-01", "--hours", "12", "--category", "academy", "--level", "advanced", "--evidence", s(&file(ACADEMY))]).ok();
    run(&data, &["designation", "add", "--program", "cmc", "--date", "2020-01-15", "--evidence", s(&file(CMC_CERTIFICATE))]).ok();
    run(&data, &["experience", "add", "--category", "service", "--title", "Town Clerk", "--organisation", "Springfield", "--start", "2020-02-01", "--points", "20", "--reason", "claimed", "--letter", s(&file(LETTER))]).ok();
    let out = dir.path().join("mmc.pdf");
    let report = run(&data, &["packet", "--program", "mmc", "--out", s(&out), "--today", "2026-11-24", "--json"]).ok().json();
    assert_eq!(report["exhibits"], 4, "the record dated before the CMC does not count, so its file is no exhibit: {report}");
    assert_eq!(tool("qpdf", &["--check", s(&out)]).status.code(), Some(0));
    let text = String::from_utf8(tool("pdftotext", &["-enc", "UTF-8", s(&out), "-"]).stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    pages.truncate(page_count(&out)); // the text ends with a form feed
    assert_eq!(pages.len(), page_count(&out));
    MmcPacket { _dir: dir, data, out, pages }
}

/// "E-03" from "E-03…" at `at` in `text`, if the characters there make an exhibit label.
fn label_at(text: &str, at: usize) -> Option<String> {
    let label = text.get(at..at + 4)?;
    (label.starts_with("E-") && label[2..].chars().all(|c| c.is_ascii_digit())).then(|| label.to_string())
}

/// The exhibit each page's stamp names ("Exhibit E-03 - page 1 of 4"), None for the generated pages.
fn stamped_exhibit(page: &str) -> Option<String> {
    let labels: Vec<String> = page.match_indices("Exhibit E-").filter_map(|(i, _)| label_at(page, i + "Exhibit ".len())).collect();
    assert!(labels.windows(2).all(|w| w[0] == w[1]), "one page stamped with two exhibits: {labels:?}\n{page}");
    labels.into_iter().next()
}

/// Where each exhibit starts (1-based page), found from the stamps, checking that every
/// exhibit's pages are consecutive and that they follow the generated pages.
fn exhibit_starts(pages: &[String]) -> BTreeMap<String, usize> {
    let mut starts = BTreeMap::new();
    let mut previous: Option<String> = None;
    for (i, page) in pages.iter().enumerate() {
        let label = stamped_exhibit(page);
        match (&previous, &label) {
            (Some(_), None) => panic!("page {} is a generated page after the exhibits began", i + 1),
            (_, Some(l)) if previous.as_ref() != Some(l) => {
                assert!(starts.insert(l.clone(), i + 1).is_none(), "{l} starts twice (page {})", i + 1);
                assert!(page.contains(&format!("Exhibit {l} - page 1 of")) || !page.contains(&format!("Exhibit {l} - page")), "{l} does not start with its page 1 on page {}", i + 1);
            }
            _ => {}
        }
        previous = label;
    }
    starts
}

#[test]
fn mmc_packet_orders_exhibits_letters_then_certificates_then_ledger() {
    let p = mmc_packet();
    let info = pdfinfo(&p.out);
    assert!(info["Title"].contains("Master Municipal Clerk"), "{info:?}");
    let expected = [
        ("E-01", "Letter of Employment Verification — Town Clerk, Springfield", LETTER),
        ("E-02", "CMC designation certificate, awarded 2020-01-15", CMC_CERTIFICATE),
        ("E-03", "Master Clerks Academy", ACADEMY),
        ("E-04", "Records law course", COURSE),
    ];

    // The outline (bookmarks).
    let json: Value = serde_json::from_slice(&tool("qpdf", &["--json", "--json-key=outlines", s(&p.out)]).stdout).unwrap();
    let exhibits: Vec<&str> = json["outlines"][1]["kids"].as_array().expect("an Exhibits outline").iter().map(|o| o["title"].as_str().unwrap()).collect();
    let titles: Vec<String> = expected.iter().map(|(label, title, _)| format!("{label} {title}")).collect();
    assert_eq!(exhibits, titles, "bookmarks: the letter, then the designation certificate, then the ledger's order");

    // The ledger lists the academy before the course; the exhibits follow the ledger.
    let front: String = p.pages.iter().filter(|t| stamped_exhibit(t).is_none()).cloned().collect();
    let (academy, course) = (front.find("Master Clerks Academy").unwrap(), front.find("Records law course").unwrap());
    let ledger_refs: Vec<String> = front.match_indices(", p. ").filter_map(|(i, _)| label_at(&front, i - 4)).collect();
    assert!(academy < course, "the ledger order this test expects");
    assert_eq!(ledger_refs, ["E-03", "E-04", "E-01"], "ledger references in reading order (education, then experience)");

    // The exhibit index, row by row: label, title, type, pages, first page.
    let layout = String::from_utf8(tool("pdftotext", &["-layout", "-enc", "UTF-8", s(&p.out), "-"]).stdout).unwrap();
    let index = &layout[layout.find("Exhibit index").expect("an exhibit index")..];
    let rows: Vec<Vec<&str>> = index.lines().map(|l| l.split_whitespace().collect::<Vec<_>>()).filter(|words| words.first().is_some_and(|first| first.len() == 4 && label_at(first, 0).is_some())).collect();
    let starts = exhibit_starts(&p.pages);
    assert_eq!(rows.len(), expected.len(), "one index row per exhibit:\n{index}");
    for (row, (label, title, file)) in rows.iter().zip(&expected) {
        let line = row.join(" ");
        assert_eq!(row[0], *label, "index order: {line}");
        assert!(line.contains(title.split(" — ").next().unwrap()), "{label} is {title}: {line}");
        let pages = page_count(&corpus().join(file));
        let n = row.len();
        assert_eq!((row[n - 2], row[n - 1]), (pages.to_string().as_str(), starts[*label].to_string().as_str()), "{label}: pages and first page in the index: {line}");
    }
    // Each exhibit's pages are its file's pages, in this order, and the packet ends with the last.
    let mut page = starts["E-01"];
    for (label, _, file) in &expected {
        assert_eq!(starts[*label], page, "{label} starts right after the exhibit before it");
        page += page_count(&corpus().join(file));
    }
    assert_eq!(page - 1, p.pages.len());
}

/// The link annotations of a page: (the text under the link's row, the page it goes to).
fn links(doc: &lopdf::Document, pdf: &Path, page: u32) -> Vec<(String, u32)> {
    let numbers: BTreeMap<lopdf::ObjectId, u32> = doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let dict = doc.get_dictionary(doc.get_pages()[&page]).unwrap();
    let height = dict.get(b"MediaBox").and_then(|b| b.as_array()).map_or(792.0, |b| b[3].as_float().unwrap());
    let Ok(annots) = dict.get(b"Annots").and_then(|a| a.as_array()) else { return Vec::new() };
    annots
        .iter()
        .map(|a| doc.dereference(a).unwrap().1.as_dict().unwrap())
        .filter(|a| a.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Link".as_slice()))
        .map(|a| {
            let rect: Vec<f32> = a.get(b"Rect").unwrap().as_array().unwrap().iter().map(|v| v.as_float().unwrap()).collect();
            let target = a.get(b"Dest").unwrap().as_array().unwrap()[0].as_reference().unwrap();
            // The whole width of the page across the link's row: the row's label is in it.
            let (top, h) = ((height - rect[3]).floor() as i32, (rect[3] - rect[1]).ceil() as i32);
            let args = ["-f", &page.to_string(), "-l", &page.to_string(), "-x", "0", "-y", &top.to_string(), "-W", "2000", "-H", &h.to_string(), "-enc", "UTF-8", s(pdf), "-"];
            let under = String::from_utf8(tool("pdftotext", &args).stdout).unwrap();
            (under, numbers[&target])
        })
        .collect()
}

#[test]
fn mmc_packet_links_and_ledger_references_land_where_each_exhibit_starts() {
    let p = mmc_packet();
    let starts = exhibit_starts(&p.pages);
    assert_eq!(starts.keys().collect::<Vec<_>>(), ["E-01", "E-02", "E-03", "E-04"]);

    // Every link on the generated pages goes to the first page of the exhibit its row names.
    let doc = lopdf::Document::load(&p.out).unwrap();
    let generated = p.pages.iter().filter(|t| stamped_exhibit(t).is_none()).count() as u32;
    let mut linked = Vec::new();
    for page in 1..=generated {
        for (under, target) in links(&doc, &p.out, page) {
            let labels: Vec<String> = under.match_indices("E-").filter_map(|(i, _)| label_at(&under, i)).collect();
            let label = labels.first().unwrap_or_else(|| panic!("a link on page {page} over a row naming no exhibit: {under:?}"));
            assert_eq!(target as usize, starts[label], "the link over {under:?} on page {page} must go to where {label} starts");
            linked.push(label.clone());
        }
    }
    linked.sort();
    assert_eq!(linked, ["E-01", "E-01", "E-02", "E-03", "E-03", "E-04", "E-04"], "one link per index row and per ledger row with evidence");

    // "E-03, p. 12" in the ledgers: the page is where E-03 starts.
    let front: String = p.pages[..generated as usize].concat();
    let mut checked = 0;
    for (i, _) in front.match_indices(", p. ") {
        let label = label_at(&front, i - 4).expect("a reference follows its exhibit label");
        let page: usize = front[i + 5..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap();
        assert_eq!(page, starts[&label], "the ledger says {label}, p. {page}; it starts on page {}", starts[&label]);
        checked += 1;
    }
    assert_eq!(checked, 3, "three ledger rows carry a reference");
    run(&p.data, &["verify"]).ok();
}

#[test]
fn packet_check_json_gives_each_problem_a_kind_and_words() {
    let corpus = corpus();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    run(&data, &["profile", "set", "--name", NAME]).ok();
    let evidence = |i: usize| ["pdf/004-pdflatex-4-pages_pdflatex-4-pages.pdf", "pdf/022-pdfkit_pdfkit.pdf"].map(|f| corpus.join(f))[i].clone();
    run(&data, &["education", "add", "--title", "Gone", "--provider", "P", "--date", "2024-01-01", "--hours", "4", "--category", "institute", "--evidence", s(&evidence(0))]).ok();
    run(&data, &["education", "add", "--title", "Altered", "--provider", "P", "--date", "2024-02-01", "--hours", "4", "--category", "institute", "--evidence", s(&evidence(1))]).ok();
    run(&data, &["education", "add", "--title", "Bare 📎", "--provider", "P", "--date", "2024-03-01", "--hours", "4", "--category", "institute"]).ok();
    let vault = crate::common::vault_files(&data);
    let listed = run(&data, &["list", "evidence", "--json"]).ok().json();
    let path_of = |name: &str| {
        let sha = listed.as_array().unwrap().iter().find(|e| e["original_name"] == name).unwrap()["sha256"].as_str().unwrap().to_string();
        vault.iter().find(|p| p.file_name().unwrap().to_string_lossy().starts_with(&sha)).unwrap().clone()
    };
    std::fs::remove_file(path_of("004-pdflatex-4-pages_pdflatex-4-pages.pdf")).unwrap();
    std::fs::write(path_of("022-pdfkit_pdfkit.pdf"), b"%PDF-1.4 altered").unwrap();

    let r = run(&data, &["packet", "--check", "--json", "--today", "2026-11-24"]);
    assert_eq!(r.code, Some(1), "problems found: exit 1: {}", r.show());
    let findings = r.json();
    let findings = findings.as_array().expect("an array of findings");
    for f in findings {
        let keys: Vec<&String> = f.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["kind", "message"], "{f}");
    }
    let of = |kind: &str| findings.iter().filter(|f| f["kind"] == kind).map(|f| f["message"].as_str().unwrap()).collect::<Vec<_>>();
    let missing = of("missing-file");
    assert!(missing.len() == 1 && missing[0].starts_with("E-01 Gone (004-pdflatex-4-pages_pdflatex-4-pages.pdf)") && missing[0].contains("missing"), "{missing:?}");
    let changed = of("hash-mismatch");
    assert!(changed.len() == 1 && changed[0].starts_with("E-02 Altered (022-pdfkit_pdfkit.pdf)"), "{changed:?}");
    assert_eq!(of("no-evidence"), ["education record \"Bare 📎\" (2024-03-01) has no supporting document attached"]);
    let unprintable = of("unprintable");
    assert!(unprintable.len() == 1 && unprintable[0].contains("“📎”") && unprintable[0].contains("the education record “Bare 📎”"), "{unprintable:?}");
    assert!(!of("requirement").is_empty(), "unmet requirements are listed: {findings:?}");
    let kinds: std::collections::BTreeSet<&str> = findings.iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.into_iter().collect::<Vec<_>>(), ["hash-mismatch", "missing-file", "no-evidence", "requirement", "unprintable"]);
    assert!(r.stderr.contains("problem(s) found for the cmc packet"), "{}", r.show());
}

/// A figure printed as a negative zero or a stray negative ("-0 of 50", "-0.5"): "-0" not
/// preceded by a letter or digit (so "E-01" and "2025-03-17" pass) and not followed by a digit.
fn negative_zero(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    text.match_indices("-0").map(|(i, _)| i).find(|&i| {
        let before = i.checked_sub(1).map(|b| bytes[b]);
        let after = bytes.get(i + 2).copied();
        !before.is_some_and(|b| b.is_ascii_alphanumeric()) && !after.is_some_and(|a| a.is_ascii_digit())
    })
    .map(|i| text[i.saturating_sub(40)..(i + 40).min(text.len())].to_string())
}

#[test]
fn negative_zero_finds_only_figures() {
    assert!(negative_zero("Experience -0 of 50 points").is_some());
    assert!(negative_zero("(-0.5)").is_some());
    assert!(negative_zero("E-01, p. 12 · 2025-03-17 · E-10").is_none());
}

/// The generated pages of a packet (the exhibits after them are the clerk's own documents).
fn generated_text(report: &Value, pdf: &Path, layout: bool) -> String {
    let last = report["generated_pages"].as_u64().unwrap().to_string();
    let mut args = vec!["-enc", "UTF-8", "-l", &last];
    if layout {
        args.push("-layout");
    }
    args.extend([s(pdf), "-"]);
    String::from_utf8(tool("pdftotext", &args).stdout).unwrap()
}

/// The packet is read by IIMC's reviewers: no command line, no option names, no notes about
/// what the software could not read, no "-0"; one plain statement of whose figures these are;
/// and every figure of the point summary and checklist is `status --json`'s. The demo portfolio
/// as a CMC packet, then (with a CMC recorded) as an MMC packet, whose fees IIMC states.
#[test]
fn the_demo_packets_speak_to_iimc_and_agree_with_status() {
    require_tools();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    run(&data, &["demo"]).ok();
    for program in ["cmc", "mmc"] {
        if program == "mmc" {
            run(&data, &["designation", "add", "--program", "cmc", "--date", "2025-04-01"]).ok();
        }
        let out = dir.path().join(format!("{program}.pdf"));
        let report = run(&data, &["packet", "--program", program, "--out", s(&out), "--today", "2026-11-24", "--json"]).ok().json();
        let text = generated_text(&report, &out, false);
        assert!(!text.to_lowercase().contains("clerkfolio"), "{program}: the packet names the software:\n{text}");
        assert!(!text.contains("--"), "{program}: an option name in the packet:\n{text}");
        assert!(!text.contains("could not read"), "{program}: a note about what the software could not read:\n{text}");
        assert_eq!(negative_zero(&text), None, "{program}: a negative zero");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(flat.matches("applicant's own reckoning").count(), 1, "{program}: said once: {flat}");
        assert!(flat.contains("IIMC decides the points it awards"), "{program}");
        assert!(flat.contains("Points marked \u{201c}claimed\u{201d}") || flat.contains("\u{201c}claimed\u{201d}: points the applicant claims"), "{program}: {flat}");

        let status = run(&data, &["status", "--program", program, "--today", "2026-11-24", "--json"]).ok().json();
        let layout = generated_text(&report, &out, true).split_whitespace().collect::<Vec<_>>().join(" ");
        for r in status["requirements"].as_array().unwrap() {
            let (earned, required) = (r["earned"].as_f64().unwrap(), r["required"].as_f64().unwrap());
            let figure = format!("{} of {} points", fmt_points(earned), fmt_points(required));
            assert!(layout.contains(&format!("{} {figure}", r["label"].as_str().unwrap())), "{program}: the summary's {figure}:\n{layout}");
            // In the summary and the checklist; one not met also among what does not hold yet.
            let times = if r["met"] == true { 2 } else { 3 };
            assert_eq!(layout.matches(&figure).count(), times, "{program}: {figure} in the summary and the checklist");
            if r["met"] == false {
                assert!(layout.contains(&format!("{} points still needed", fmt_points(required - earned))), "{program}");
            }
        }
        match program {
            "cmc" => {
                assert!(layout.contains("CMC designation fee: amount not stated in the sources cited"), "{layout}");
                assert!(!layout.contains("CMC designation fee: $"), "the CMC fee is not known: no figure");
            }
            _ => {
                assert!(layout.contains("MMC Certification Fee (includes the MMC certificate and lapel pin): $400.00"), "{layout}");
                assert!(layout.contains("Walnut plaque (US only) (optional): $40"), "{layout}");
                assert!(layout.contains("Source: 'MMC Certification Fee = $400.00"), "{layout}");
                let cutoff = status["cutoff"]["date"].as_str().unwrap();
                assert_eq!(cutoff, "2025-04-01");
            }
        }
    }
}
