//! Every file of the real-world corpus (tests/fixtures/corpus: PDFs from many producers, JPEG, PNG, one
//! TIFF; tests/fixtures/formats: scans and photos as scanners, fax software and phones write them) through `clerkfolio evidence add`, then the damaged files a clerk really ends up with:
//! empty, cut short, mislabelled, a folder. Accepted files must keep their page counts and exact
//! bytes; refused ones must leave no trace.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{Run, corpus, run, s, sha256_hex, vault_files};

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

/// Page counts from corpus/pdf/files.json, keyed by our file name (`folder/file` → `folder_file`).
fn expected_pages(corpus: &Path) -> BTreeMap<String, u64> {
    let text = std::fs::read_to_string(corpus.join("pdf/files.json")).expect("pdf/files.json");
    let json: Value = serde_json::from_str(&text).expect("files.json is JSON");
    json["data"]
        .as_array()
        .expect("files.json has a data array")
        .iter()
        .filter_map(|e| Some((e["path"].as_str()?.replace('/', "_"), e["pages"].as_u64()?)))
        .collect()
}

/// Files the engine must refuse, with words the message must contain.
fn expected_refusal(name: &str) -> Option<&'static [&'static str]> {
    if name.starts_with("005-libreoffice-writer-password") {
        Some(&["password-protected", "print to PDF"])
    } else if name.starts_with("017-unreadable-meta-data") {
        Some(&["damaged"])
    } else {
        None
    }
}

/// Refused: exit 1 (not a crash, not an argument error), one `error:` line naming the file.
#[track_caller]
fn assert_refused(r: &Run, name: &str) -> String {
    assert_eq!(r.code, Some(1), "expected a refusal: {}", r.show());
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line on stderr: {}", r.show());
    assert!(lines[0].starts_with("error: "), "{}", r.show());
    assert!(lines[0].contains(name), "the error should name {name}: {}", r.show());
    assert!(r.stdout.is_empty(), "{}", r.show());
    lines[0].to_string()
}

#[test]
fn every_corpus_file_and_every_damaged_copy_through_evidence_add() {
    let corpus = corpus();
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let scratch = tmp.path().join("scratch");
    std::fs::create_dir_all(&scratch).unwrap();
    assert_eq!(run(&data, &["init"]).code, Some(0));
    let pages = expected_pages(&corpus);

    // --- the corpus as it is
    let mut sources: Vec<PathBuf> = files_in(&corpus.join("pdf")).into_iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")).collect();
    sources.extend(files_in(&corpus.join("images")));
    let formats = corpus.join("../formats");
    sources.extend(files_in(&formats).into_iter().filter(|p| p.extension().is_some_and(|e| e == "tif" || e == "webp")));
    assert!(sources.len() >= 30, "the corpus looks incomplete: {} files", sources.len());

    // sha256 → (evidence id, source, expected type, expected pages)
    let mut accepted: BTreeMap<String, (i64, PathBuf, &str, u64)> = BTreeMap::new();
    let mut refused_names = Vec::new();
    let mut seen_refusals = BTreeSet::new();
    for source in &sources {
        let name = source.file_name().unwrap().to_str().unwrap().to_string();
        let r = run(&data, &["evidence", "add", s(source)]);
        if let Some(words) = expected_refusal(&name) {
            let err = assert_refused(&r, &name);
            for w in words {
                assert!(err.contains(w), "{name}: the message should contain {w:?}: {err}");
            }
            seen_refusals.insert(words[0]);
            refused_names.push(name);
            continue;
        }
        assert_eq!(r.code, Some(0), "{name} should be accepted: {}", r.show());
        assert!(r.stderr.is_empty(), "{}", r.show());
        let id: i64 = r.stdout.trim().parse().unwrap_or_else(|_| panic!("an id: {}", r.show()));
        let ext = source.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
        let (kind, expected) = match ext.as_str() {
            "pdf" => ("pdf", *pages.get(&name).unwrap_or_else(|| panic!("{name} is not in files.json"))),
            "jpg" | "jpeg" => ("jpeg", 1),
            "png" => ("png", 1),
            "tif" | "tiff" => ("tiff", if name.contains("two-pages") || name.starts_with("mixed") { 2 } else { 1 }),
            "webp" => ("webp", 1),
            other => panic!("unexpected corpus file type .{other}: {name} (decide whether it is accepted and update this test)"),
        };
        let sha = sha256_hex(&std::fs::read(source).unwrap());
        if let Some((other_id, other, ..)) = accepted.get(&sha) {
            assert_eq!(*other_id, id, "{name} has the same content as {}: same evidence", other.display());
        } else {
            accepted.insert(sha, (id, source.clone(), kind, expected));
        }
    }
    assert_eq!(seen_refusals.len(), 2, "the password-protected and damaged files were both seen: {seen_refusals:?}");

    // Page counts, types, sizes and hashes as listed, and the exact bytes in the vault.
    let check_listing = |accepted: &BTreeMap<String, (i64, PathBuf, &str, u64)>| {
        let r = run(&data, &["list", "evidence", "--json"]);
        assert_eq!(r.code, Some(0), "{}", r.show());
        let list: Value = serde_json::from_str(&r.stdout).unwrap();
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), accepted.len(), "one evidence row per distinct accepted file");
        for row in list {
            let sha = row["sha256"].as_str().unwrap();
            let (id, source, kind, pages) = accepted.get(sha).unwrap_or_else(|| panic!("unexpected evidence row {row}"));
            let name = source.file_name().unwrap().to_str().unwrap();
            assert_eq!(row["id"].as_i64(), Some(*id), "{name}");
            assert_eq!(row["type"], *kind, "{name}");
            assert_eq!(row["pages"].as_u64(), Some(*pages), "{name}: page count (files.json says {pages})");
            let bytes = std::fs::read(source).unwrap();
            assert_eq!(row["size"].as_u64(), Some(bytes.len() as u64), "{name}");
            let ext = match *kind {
                "jpeg" => "jpg",
                "tiff" => "tif",
                other => other,
            };
            let stored = data.join("vault").join(&sha[..2]).join(format!("{sha}.{ext}"));
            assert!(std::fs::read(&stored).unwrap() == bytes, "{name}: the vault copy differs from the source");
        }
        list.iter().map(|r| r["original_name"].as_str().unwrap().to_string()).collect::<BTreeSet<_>>()
    };
    check_listing(&accepted);
    assert_eq!(vault_files(&data).len(), accepted.len());

    // --- damaged copies, each refused naming the file
    let corpus_pdf = |name: &str| corpus.join("pdf").join(name);
    let mut damaged: Vec<(PathBuf, &[&str])> = Vec::new();
    let empty = scratch.join("empty-scan.pdf");
    std::fs::write(&empty, b"").unwrap();
    damaged.push((empty, &["empty"]));
    // The first half of every corpus PDF, PNG, TIFF and WebP, and 40% of a JPEG.
    for source in &sources {
        let name = source.file_name().unwrap().to_str().unwrap();
        let bytes = std::fs::read(source).unwrap();
        if [".pdf", ".png", ".tif", ".tiff", ".webp"].iter().any(|ext| name.ends_with(ext)) {
            let half = scratch.join(format!("half-{name}"));
            std::fs::write(&half, &bytes[..bytes.len() / 2]).unwrap();
            damaged.push((half, &[]));
        }
    }
    let jpg = std::fs::read(corpus.join("images/003-pdflatex-image_image.jpg")).unwrap();
    let cut_jpg = scratch.join("cut-photo.jpg");
    std::fs::write(&cut_jpg, &jpg[..jpg.len() * 4 / 10]).unwrap();
    damaged.push((cut_jpg, &["incomplete"]));
    let text = scratch.join("minutes.pdf");
    std::fs::write(&text, "Minutes of the council meeting, 3 March 2025.\nNot a PDF at all.\n").unwrap();
    damaged.push((text, &["PDF, JPEG, PNG, TIFF, WebP and HEIC"]));
    let folder = scratch.join("Scans.pdf");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(corpus_pdf("001-trivial_minimal-document.pdf"), folder.join("inside.pdf")).unwrap();
    damaged.push((folder, &["folder"]));
    let missing = scratch.join("never-saved.pdf");
    damaged.push((missing, &["no such file"]));

    for (path, words) in &damaged {
        let name = path.file_name().unwrap().to_str().unwrap();
        let r = run(&data, &["evidence", "add", s(path)]);
        let err = assert_refused(&r, name);
        for w in *words {
            assert!(err.contains(w), "{name}: the message should contain {w:?}: {err}");
        }
        refused_names.push(name.to_string());
    }
    // Refused also when attached to a record: nothing recorded.
    let edu = run(&data, &["education", "add", "--title", "Course", "--provider", "P", "--date", "2024-01-01", "--hours", "2", "--category", "course"]);
    assert_eq!(edu.code, Some(0), "{}", edu.show());
    let edu_id = edu.stdout.trim().to_string();
    let half = scratch.join("half-001-trivial_minimal-document.pdf");
    let r = run(&data, &["evidence", "add", s(&half), "--to", &format!("education:{edu_id}")]);
    assert_refused(&r, "half-001-trivial_minimal-document.pdf");
    let r = run(&data, &["education", "add", "--title", "C2", "--provider", "P", "--date", "2024-01-01", "--hours", "2", "--category", "course", "--evidence", s(&half)]);
    assert_refused(&r, "half-001-trivial_minimal-document.pdf");

    // Nothing of the refusals is left: no rows, no vault files, and verify passes.
    let names = check_listing(&accepted);
    for refused in &refused_names {
        assert!(!names.contains(refused), "{refused} was refused but has an evidence row");
    }
    assert_eq!(vault_files(&data).len(), accepted.len(), "no vault files beyond the accepted ones: {:#?}", vault_files(&data));
    let r = run(&data, &["list", "education", "--json"]);
    let list: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["evidence"], serde_json::json!([]));
    let r = run(&data, &["verify"]);
    assert_eq!(r.code, Some(0), "{}", r.show());
    assert!(r.stdout.contains(&format!("ok: {} evidence files", accepted.len())), "{}", r.show());
    assert!(!r.stdout.contains("note:"), "no unreferenced vault files: {}", r.show());

    // --- what is accepted despite appearances
    // The type comes from the content: a PNG named .pdf is a PNG (and the same evidence as the original).
    let png = corpus.join("images/007-imagemagick-images_smile.png");
    let png_id = accepted.get(&sha256_hex(&std::fs::read(&png).unwrap())).unwrap().0;
    let renamed = scratch.join("smile-scan.pdf");
    std::fs::copy(&png, &renamed).unwrap();
    let r = run(&data, &["evidence", "add", s(&renamed)]);
    assert_eq!(r.code, Some(0), "{}", r.show());
    assert_eq!(r.stdout.trim().parse::<i64>().unwrap(), png_id);
    // A PDF with a line a mail program appended after %%EOF is still whole.
    let mut trailing = std::fs::read(corpus_pdf("004-pdflatex-4-pages_pdflatex-4-pages.pdf")).unwrap();
    trailing.extend_from_slice(b"\n%appended by a mailer\n");
    let trailing_path = scratch.join("forwarded.pdf");
    std::fs::write(&trailing_path, &trailing).unwrap();
    let r = run(&data, &["evidence", "add", s(&trailing_path)]);
    assert_eq!(r.code, Some(0), "{}", r.show());
    accepted.insert(sha256_hex(&trailing), (r.stdout.trim().parse().unwrap(), trailing_path, "pdf", 4));
    check_listing(&accepted);
    assert_eq!(run(&data, &["verify"]).code, Some(0));
}

/// Evidence lists show a picture of every exhibit: a PDF's first page is drawn small (it used to
/// be a "PDF" badge), as pictures are; each thumbnail is a PNG within the size asked for.
#[test]
fn every_corpus_pdf_in_the_vault_has_a_first_page_thumbnail() {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = clerkfolio_core::Workspace::open(&tmp.path().join("data")).unwrap();
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(corpus().join("pdf")).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "pdf")).collect();
    pdfs.sort();
    let added: Vec<i64> = pdfs.iter().filter_map(|p| ws.add_evidence(p, None).ok()).collect();
    assert!(added.len() >= 29, "corpus PDFs accepted: {}", added.len());
    let mut drawn = 0;
    for id in added {
        if let Some(png) = ws.evidence_thumbnail(id, 160).unwrap() {
            let image = image::load_from_memory_with_format(&png, image::ImageFormat::Png).expect("a PNG");
            assert!(image.width() <= 160 && image.height() <= 160 && image.width() > 20, "{id}: {}x{}", image.width(), image.height());
            drawn += 1;
        }
    }
    assert!(drawn >= 28, "only {drawn} PDFs got a thumbnail");
}
