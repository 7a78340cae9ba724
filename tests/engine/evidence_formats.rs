//! Evidence as scanners, copiers, fax software and phones write it (issue 15): TIFF (one or many
//! pages; Group 4, Group 3, LZW, Deflate, JPEG; grey, RGB 16-bit, CMYK) and WebP, from
//! tests/fixtures/formats (made by ImageMagick, libtiff's tiffcp and libwebp's cwebp; see its
//! README). Each goes into the packet page for page, at its own printed size, its pixels as
//! libtiff (or libwebp) itself decodes them, Group 4 and JPEG data passed through so the packet
//! stays the size of the scan; crafted files are refused by name within bounded time and memory.
//! HEIC photos (heif-enc) are kept with the JPEG libheif's heif-convert makes of them, which the
//! packet passes through and which verify, backup and restore check like the original.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::bombs::bounded;
use crate::common::{run, s, sha256_hex, vault_files};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/formats")
}

#[track_caller]
fn tool(name: &str, args: &[&str]) -> std::process::Output {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| panic!("{name} is required (.ci/setup installs it): {e}"));
    assert!(out.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// A scan fixture: its pages, the size its first page prints at (points), whether its data
/// passes through (the filter the packet's images use) and so keeps the packet the size of the file.
struct Scan {
    file: &'static str,
    pages: usize,
    printed: (f64, f64),
    filter: &'static str,
}

const LETTER: (f64, f64) = (612.0, 792.0);

const SCANS: [Scan; 9] = [
    // Letter pages at 200 dpi: 612 × 792 points.
    Scan { file: "g4-two-pages.tif", pages: 2, printed: LETTER, filter: "CCITTFaxDecode" },
    Scan { file: "g4-strips-lsb.tif", pages: 1, printed: LETTER, filter: "CCITTFaxDecode" },
    // A fax: 1728 × 1078 at 204 × 98 dpi.
    Scan { file: "fax-g3.tif", pages: 1, printed: (1728.0 / 204.0 * 72.0, 1078.0 / 98.0 * 72.0), filter: "CCITTFaxDecode" },
    // 600 × 800 at 100 dpi: 432 × 576 points.
    Scan { file: "jpeg-ycbcr.tif", pages: 1, printed: (432.0, 576.0), filter: "DCTDecode" },
    Scan { file: "jpeg-magick.tif", pages: 1, printed: (432.0, 576.0), filter: "DCTDecode" },
    // 200 × 267 at 100 dpi.
    Scan { file: "lzw-rgb16.tif", pages: 1, printed: (144.0, 192.24), filter: "FlateDecode" },
    Scan { file: "deflate-gray.tif", pages: 1, printed: (144.0, 192.24), filter: "FlateDecode" },
    Scan { file: "cmyk-lzw.tif", pages: 1, printed: (144.0, 192.24), filter: "FlateDecode" },
    // A Group 4 letter page, then a small LZW grey page.
    Scan { file: "mixed-g4-lzw.tif", pages: 2, printed: LETTER, filter: "" },
];

/// libtiff's own reading of one page (tiff2rgba: any compression to plain RGBA, top row first):
/// the reference is not the decoder under test.
fn libtiff_page(file: &Path, page: usize, dir: &Path) -> image::RgbImage {
    let single = dir.join(format!("page-{page}.tif"));
    let rgba = dir.join(format!("rgba-{page}.tif"));
    tool("tiffcp", &[&format!("{},{page}", s(file)), s(&single)]);
    tool("tiff2rgba", &["-c", "none", s(&single), s(&rgba)]);
    clerkfolio_core::tiff_pages::first_page(&std::fs::read(&rgba).unwrap()).unwrap().to_rgb8()
}

/// One page of a PDF as poppler draws it (without smoothing edges, as a scan's pixels are).
fn render(pdf: &Path, page: usize, dpi: u32, dir: &Path) -> image::RgbImage {
    let prefix = dir.join(format!("render-{page}"));
    tool("pdftoppm", &["-aa", "no", "-aaVector", "no", "-r", &dpi.to_string(), "-f", &page.to_string(), "-l", &page.to_string(), "-png", "-singlefile", s(pdf), s(&prefix)]);
    image::open(prefix.with_extension("png")).unwrap().to_rgb8()
}

/// Both scaled to 200 pixels wide: (mean difference per channel, share of pixels differing by
/// more than 48 in some channel). Scaling first forgives the two renderers' edge smoothing.
fn difference(a: &image::RgbImage, b: &image::RgbImage) -> (f64, f64) {
    let ratio = |i: &image::RgbImage| i.height() as f64 / i.width() as f64;
    assert!((ratio(a) - ratio(b)).abs() < 0.01, "shapes differ: {:?} and {:?}", a.dimensions(), b.dimensions());
    let (w, h) = (200, (200.0 * ratio(a)).round() as u32);
    let small = |i: &image::RgbImage| image::imageops::resize(i, w, h, image::imageops::FilterType::Triangle);
    let (a, b) = (small(a), small(b));
    let (mut sum, mut far) = (0u64, 0u64);
    for (p, q) in a.pixels().zip(b.pixels()) {
        let d: Vec<u8> = p.0.iter().zip(q.0).map(|(u, v)| u.abs_diff(v)).collect();
        sum += d.iter().map(|&x| x as u64).sum::<u64>();
        far += d.iter().any(|&x| x > 48) as u64;
    }
    (sum as f64 / (w * h * 3) as f64, far as f64 / (w * h) as f64)
}

/// Sizes of every page of a PDF in points, from pdfinfo.
fn page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    let out = tool("pdfinfo", &["-f", "1", "-l", "999", s(pdf)]);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| {
            let v: Vec<f64> = l.split_once("size:").unwrap().1.split_whitespace().filter_map(|w| w.parse().ok()).collect();
            (v[0], v[1])
        })
        .collect()
}

/// The filters of every image in a PDF.
fn image_filters(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|st| st.dict.get(b"Subtype").is_ok_and(|v| v.as_name().is_ok_and(|n| n == b"Image")))
        .map(|st| String::from_utf8_lossy(st.dict.get(b"Filter").and_then(|f| f.as_name()).unwrap_or(b"none")).into_owned())
        .collect()
}

#[test]
fn scans_go_into_the_packet_page_for_page_at_their_size_with_libtiffs_pixels() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let scratch = dir.path().join("scratch");
    std::fs::create_dir_all(&scratch).unwrap();
    for (i, scan) in SCANS.iter().enumerate() {
        let date = format!("2024-03-{:02}", i + 1);
        let file = fixtures().join(scan.file);
        run(&data, &["education", "add", "--title", &format!("Scan {i} {}", scan.file.replace('.', " ")), "--provider", "P", "--date", &date, "--hours", "2", "--category", "course", "--evidence", s(&file)]).ok();
    }
    let listed = run(&data, &["list", "evidence", "--json"]).ok().json();
    for (row, scan) in listed.as_array().unwrap().iter().zip(&SCANS) {
        assert_eq!((row["type"].as_str(), row["pages"].as_u64()), (Some("tiff"), Some(scan.pages as u64)), "{}: {row}", scan.file);
    }
    let out = dir.path().join("packet.pdf");
    let folder = dir.path().join("upload");
    let report = run(&data, &["packet", "--out", s(&out), "--folder", s(&folder), "--today", "2026-11-24", "--json"]).ok().json();
    assert_eq!(report["skipped"], serde_json::json!([]));
    let total: usize = SCANS.iter().map(|x| x.pages).sum();
    assert_eq!(report["pages"].as_u64().unwrap() as usize, report["generated_pages"].as_u64().unwrap() as usize + total);
    let text = String::from_utf8(tool("pdftotext", &[s(&out), "-"]).stdout).unwrap();
    assert!(text.contains("Exhibit E-01 - page 2 of 2"), "each TIFF page is a packet page, stamped as one");
    tool("qpdf", &["--check", s(&out)]);

    for (i, scan) in SCANS.iter().enumerate() {
        let source = fixtures().join(scan.file);
        let name = format!("E-{:02} Scan {i} {}.pdf", i + 1, scan.file.replace('.', " "));
        let pdf = folder.join(&name);
        tool("qpdf", &["--check", s(&pdf)]);
        // Every page is a letter page (all these scans fit on one) with the scan on it at its
        // own printed size, from its resolution.
        let sizes = page_sizes(&pdf);
        assert_eq!(sizes, vec![LETTER; scan.pages], "{name}");
        // Passed through where PDF can carry the data, and then no larger than the scan.
        let filters = image_filters(&pdf);
        if !scan.filter.is_empty() {
            assert!(filters.iter().all(|f| f == scan.filter), "{}: {filters:?}", scan.file);
        }
        let (pdf_size, tiff_size) = (pdf.metadata().unwrap().len() as f64, source.metadata().unwrap().len() as f64);
        if matches!(scan.filter, "CCITTFaxDecode" | "DCTDecode") {
            assert!(pdf_size <= tiff_size * 1.05 + 10_240.0, "{}: {pdf_size} bytes of PDF for {tiff_size} of TIFF", scan.file);
        }
        // Every page drawn as libtiff reads it, rendered at the scan's own resolution.
        for page in 1..=scan.pages {
            let reference = libtiff_page(&source, page - 1, &scratch);
            // The mixed file's second page is the small grey one; other pages are as the first.
            let (bw, bh) = if page == 2 && scan.file.starts_with("mixed") { (144.0, 192.24) } else { scan.printed };
            let dpi = reference.width() as f64 * 72.0 / bw;
            let drawn = render(&pdf, page, dpi.round() as u32, &scratch);
            // The scan's box: its printed size, in the middle of the page.
            let scale = dpi / 72.0;
            let (x, y) = ((LETTER.0 - bw) / 2.0 * scale, (LETTER.1 - bh) / 2.0 * scale);
            let (x, y, w, h) = (x.round() as u32, y.round() as u32, (bw * scale).round() as u32, (bh * scale).round() as u32);
            let ink = ink_box(&drawn);
            assert!(ink.0 + 2 >= x && ink.1 + 2 >= y && ink.2 <= x + w + 2 && ink.3 <= y + h + 2, "{} page {page}: drawn at {ink:?}, its box is {:?}", scan.file, (x, y, x + w, y + h));
            let drawn = image::imageops::crop_imm(&drawn, x, y, w.min(drawn.width() - x), h.min(drawn.height() - y)).to_image();
            // A fax's pixels are twice as high as wide (204 × 98 dpi): the reference stretched so.
            let square = (reference.width() as f64 * bh / bw).round() as u32;
            let reference = image::imageops::resize(&reference, reference.width(), square, image::imageops::FilterType::Nearest);
            let (mean, far) = difference(&reference, &drawn);
            assert!(mean < 4.0 && far < 0.01, "{} page {page}: mean difference {mean:.2}, {:.2}% of pixels far off", scan.file, far * 100.0);
        }
    }
}

#[test]
fn webp_is_evidence_and_drawn_as_libwebp_decodes_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let webp = fixtures().join("photo.webp");
    // The type comes from the content, not the name.
    let renamed = dir.path().join("photo-from-phone.jpg");
    std::fs::copy(&webp, &renamed).unwrap();
    run(&data, &["education", "add", "--title", "Photo", "--provider", "P", "--date", "2024-01-01", "--hours", "2", "--category", "course", "--evidence", s(&renamed)]).ok();
    let row = &run(&data, &["list", "evidence", "--json"]).ok().json()[0];
    assert_eq!((row["type"].as_str(), row["pages"].as_u64()), (Some("webp"), Some(1)));
    let sha = sha256_hex(&std::fs::read(&webp).unwrap());
    assert_eq!(std::fs::read(data.join("vault").join(&sha[..2]).join(format!("{sha}.webp"))).unwrap(), std::fs::read(&webp).unwrap());
    let folder = dir.path().join("upload");
    run(&data, &["packet", "--out", s(&dir.path().join("p.pdf")), "--folder", s(&folder), "--today", "2026-11-24"]).ok();
    let png = dir.path().join("reference.png");
    tool("dwebp", &[s(&webp), "-o", s(&png)]);
    let reference = image::open(&png).unwrap().to_rgb8();
    let drawn = render(&folder.join("E-01 Photo.pdf"), 1, 72, dir.path());
    // The photo sits on a letter page inside margins: compare the picture's own box.
    let (x0, y0, x1, y1) = ink_box(&drawn);
    let picture = image::imageops::crop_imm(&drawn, x0, y0, x1 - x0, y1 - y0).to_image();
    let (mean, far) = difference(&reference, &picture);
    assert!(mean < 6.0 && far < 0.02, "mean difference {mean:.2}, {:.2}% far off", far * 100.0);
}

/// The smallest box holding every pixel that is not white (the picture on its page), the stamp
/// strip at the bottom left out.
fn ink_box(page: &image::RgbImage) -> (u32, u32, u32, u32) {
    let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
    for (x, y, p) in page.enumerate_pixels() {
        if y < page.height() - 30 && p.0.iter().any(|&c| c < 235) {
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x + 1), y1.max(y + 1));
        }
    }
    (x0, y0, x1, y1)
}

#[test]
fn thumbnails_and_previews_show_scans_like_other_pictures() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = clerkfolio_core::Workspace::open(&dir.path().join("data")).unwrap();
    for file in ["g4-two-pages.tif", "fax-g3.tif", "jpeg-ycbcr.tif", "cmyk-lzw.tif", "photo.webp", "photo.heic"] {
        let path = fixtures().join(file);
        let id = ws.add_evidence(&path, None).unwrap();
        let png = ws.evidence_thumbnail(id, 160).unwrap().expect("a thumbnail");
        let thumb = image::load_from_memory_with_format(&png, image::ImageFormat::Png).unwrap().to_rgb8();
        assert!(thumb.width().max(thumb.height()) == 160 && thumb.width().min(thumb.height()) > 60, "{file}: {:?}", thumb.dimensions());
        // A scan's first page is mostly white paper with black print, not a black square.
        let preview = clerkfolio_core::certificate::preview::first_page_png(&path, 600).unwrap();
        let preview = image::load_from_memory(&preview).unwrap().to_luma8();
        let mean = preview.pixels().map(|p| p.0[0] as u64).sum::<u64>() / preview.pixels().len() as u64;
        if file.starts_with("g4") || file.starts_with("fax") {
            assert!(mean > 200, "{file}: a text page reads as white paper (mean {mean})");
        }
    }
}

// ------------------------------------------------------------------ crafted files

/// A little-endian TIFF: each page's entries (tag, type, count, value), its IFD pointing at the
/// next; `data` placed after the header at offset 8.
fn tiff(pages: &[Vec<(u16, u16, u32, u32)>], data: &[u8]) -> Vec<u8> {
    let mut out = b"II*\0".to_vec();
    let first = 8 + data.len() as u32;
    out.extend(first.to_le_bytes());
    out.extend_from_slice(data);
    let mut at = first;
    for (i, entries) in pages.iter().enumerate() {
        let size = 2 + 12 * entries.len() as u32 + 4;
        out.extend((entries.len() as u16).to_le_bytes());
        for &(tag, kind, count, value) in entries {
            out.extend(tag.to_le_bytes());
            out.extend(kind.to_le_bytes());
            out.extend(count.to_le_bytes());
            out.extend(value.to_le_bytes());
        }
        let next = if i + 1 < pages.len() { at + size } else { 0 };
        out.extend(next.to_le_bytes());
        at += size;
    }
    out
}

/// An 8-bit grey page `w` × `h`, one strip of `strip_len` bytes at offset 8, uncompressed (1).
fn grey_page(w: u32, h: u32, strip_len: u32, compression: u32) -> Vec<(u16, u16, u32, u32)> {
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    vec![
        (256, LONG, 1, w),
        (257, LONG, 1, h),
        (258, SHORT, 1, 8),
        (259, SHORT, 1, compression),
        (262, SHORT, 1, 1),
        (273, LONG, 1, 8),
        (277, SHORT, 1, 1),
        (278, LONG, 1, h),
        (279, LONG, 1, strip_len),
    ]
}

#[test]
fn crafted_tiffs_and_webps_are_refused_by_name_in_bounded_time_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let strip = [0u8; 64];
    let mut cases: Vec<(PathBuf, Vec<&str>)> = vec![
        // The header claims 10 gigapixels; the file is a few hundred bytes.
        (write("huge-scan.tif", &tiff(&[grey_page(100_000, 100_000, 64, 1)], &strip)), vec!["huge-scan.tif is too large", "100000 × 100000 pixels", "40 megapixels"]),
        // 60 pages of 39 megapixels, all pointing at one small strip.
        (write("many-big-pages.tif", &tiff(&vec![grey_page(6_000, 6_500, 64, 1); 60], &strip)), vec!["many-big-pages.tif is too large", "megapixels together"]),
        // 600 tiny pages.
        (write("endless.tif", &tiff(&vec![grey_page(8, 8, 64, 1); 600], &[0; 64])), vec!["endless.tif is too large", "more than 500 pages"]),
        // A strip that lies past the end of the file.
        (write("lying-strip.tif", &tiff(&[grey_page(64, 64, 1_000_000, 1)], &[0; 64])), vec!["lying-strip.tif is a damaged or incomplete TIFF"]),
        // Header only.
        (write("just-a-header.tif", b"II*\0\x08\0\0\0"), vec!["just-a-header.tif is a damaged or incomplete TIFF"]),
    ];
    // An IFD that names itself as the next page.
    let mut looped = tiff(&[grey_page(8, 8, 64, 1)], &[0; 64]);
    let n = looped.len();
    looped[n - 4..].copy_from_slice(&72u32.to_le_bytes());
    cases.push((write("looped.tif", &looped), vec!["looped.tif is a damaged or incomplete TIFF"]));
    // Two-dimensional Group 3 (no decoder here): refused in words, not as damage.
    let fax = std::fs::read(fixtures().join("fax-g3.tif")).unwrap();
    let two_d = tool("sh", &["-c", &format!("tiffcp -c g3:2d {} {}/g3-2d.tif && echo ok", s(&fixtures().join("fax-g3.tif")), s(dir.path()))]);
    assert!(String::from_utf8_lossy(&two_d.stdout).contains("ok") && !fax.is_empty());
    cases.push((dir.path().join("g3-2d.tif"), vec!["g3-2d.tif is a TIFF image that", "two-dimensional Group 3", "Group 4"]));
    // Every fixture cut short.
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".tif") || name.ends_with(".webp") {
            let bytes = std::fs::read(&path).unwrap();
            for keep in [40, 90] {
                let cut = format!("cut-{keep}-{name}");
                cases.push((write(&cut, &bytes[..bytes.len() * keep / 100]), vec![]));
            }
        }
    }
    // A WebP whose extended header claims a 16384 × 16384 canvas.
    let mut webp = b"RIFF\0\0\0\0WEBPVP8X".to_vec();
    webp.extend(10u32.to_le_bytes());
    webp.extend([0, 0, 0, 0]);
    webp.extend([0xFF, 0x3F, 0x00, 0xFF, 0x3F, 0x00]);
    webp.extend(std::fs::read(fixtures().join("photo.webp")).unwrap()[12..].iter());
    let len = webp.len() as u32 - 8;
    webp[4..8].copy_from_slice(&len.to_le_bytes());
    cases.push((write("huge-photo.webp", &webp), vec!["huge-photo.webp is too large", "16384 × 16384"]));

    for (path, words) in &cases {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let r = bounded(&data, &["evidence", "add", s(path)], Duration::from_secs(20), Some(1024 * 1024));
        let line = r.refused(&words.clone());
        assert!(line.contains(&name), "the refusal names the file: {line}");
        assert!(r.took < Duration::from_secs(10), "{name} took {:?}", r.took);
    }
    assert!(vault_files(&data).is_empty(), "nothing of a refused file is stored");
}

/// Crafted TIFFs already in the vault (from a backup, or added before these checks) stand as
/// placeholders, named with the limit, and the packet is built within its memory bound.
#[test]
fn crafted_tiffs_already_in_the_vault_are_placeholders_and_the_packet_stays_within_its_memory() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    crate::bombs::plant(&data, "Scan bomb", 3, &tiff(&vec![grey_page(6_000, 6_500, 64, 1); 60], &[0; 64]), "tiff", 60);
    crate::bombs::plant(&data, "Huge scan", 4, &tiff(&[grey_page(100_000, 100_000, 64, 1)], &[0; 64]), "tiff", 1);
    let out = dir.path().join("packet.pdf");
    let r = bounded(&data, &["packet", "--out", s(&out), "--today", "2026-01-01", "--json"], Duration::from_secs(20), Some(crate::bombs::PACKET_MEMORY_KIB));
    assert!(!r.killed && r.code == Some(0), "{} {}", r.stdout, r.stderr);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let reasons: Vec<&str> = report["skipped"].as_array().unwrap().iter().map(|x| x["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons.len(), 2, "{report}");
    assert!(reasons.iter().any(|r| r.contains("megapixels together")) && reasons.iter().any(|r| r.contains("100000 × 100000")), "{reasons:?}");
}

// ------------------------------------------------------------------ the schema

/// A portfolio from the previous schema (tests/fixtures/v6) with a PNG attached to a course
/// upgrades to the schema that takes the new kinds: the row, its link and its id stay.
#[test]
fn an_older_portfolio_keeps_its_evidence_and_links_and_takes_the_new_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let db = data.join("clerkfolio.sqlite3");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/v6/clerkfolio.sqlite3"), &db).unwrap();
    let png = crate::common::noise_png(&dir.path().join("n.png"), 16, 7);
    let bytes = std::fs::read(&png).unwrap();
    let sha = sha256_hex(&bytes);
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute(
            "INSERT INTO evidence (id, sha256, original_name, kind, size, pages, added_at) VALUES (41, ?1, 'n.png', 'png', ?2, 1, '2025-01-01T00:00:00Z')",
            rusqlite::params![sha, bytes.len() as i64],
        )
        .unwrap();
        let education: i64 = conn.query_row("SELECT min(id) FROM education", [], |r| r.get(0)).unwrap();
        conn.execute("INSERT INTO education_evidence (education_id, evidence_id, position) VALUES (?1, 41, 0)", [education]).unwrap();
        let shard = data.join("vault").join(&sha[..2]);
        std::fs::create_dir_all(&shard).unwrap();
        std::fs::write(shard.join(format!("{sha}.png")), &bytes).unwrap();
    }
    let listed = run(&data, &["list", "evidence", "--json"]).ok().json();
    assert_eq!(listed[0]["id"], 41);
    let education = run(&data, &["list", "education", "--json"]).ok().json();
    assert!(education.as_array().unwrap().iter().any(|e| e["evidence"].as_array().unwrap().contains(&41.into())), "{education}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let problems: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(problems, 0);
    // The evidence in use still cannot be removed (its links still point at the table).
    assert!(run(&data, &["evidence", "remove", "41"]).code != Some(0));
    let id = run(&data, &["evidence", "add", s(&fixtures().join("g4-two-pages.tif"))]).ok().id();
    assert_ne!(id, 41);
    run(&data, &["verify"]).ok();
}

// ------------------------------------------------------------------ HEIC

/// The HEIC fixture's two vault files: (original, JPEG rendition), as the evidence row names them.
fn heic_files(data: &Path) -> (PathBuf, PathBuf) {
    let row = &run(data, &["list", "evidence", "--json"]).ok().json()[0];
    assert_eq!((row["type"].as_str(), row["pages"].as_u64()), (Some("heic"), Some(1)), "{row}");
    let (sha, rendition) = (row["sha256"].as_str().unwrap(), row["rendition_sha256"].as_str().unwrap());
    let vault = data.join("vault");
    (vault.join(&sha[..2]).join(format!("{sha}.heic")), vault.join(&rendition[..2]).join(format!("{rendition}.rendition.jpg")))
}

/// A phone's HEIC photo (heif-enc) is evidence: kept as it is, converted once by libheif's
/// heif-convert to a JPEG kept beside it (hash recorded and checked), and that JPEG goes into the
/// packet as it is (DCTDecode), drawn as libheif itself decodes the photo.
#[test]
fn heic_is_evidence_kept_with_its_jpeg_rendition_which_the_packet_shows() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let heic = fixtures().join("photo.heic");
    // The type comes from the content, not the name.
    let renamed = dir.path().join("IMG_0412.jpg");
    std::fs::copy(&heic, &renamed).unwrap();
    run(&data, &["education", "add", "--title", "Phone photo", "--provider", "P", "--date", "2024-01-01", "--hours", "2", "--category", "course", "--evidence", s(&renamed)]).ok();
    let (original, rendition) = heic_files(&data);
    assert_eq!(std::fs::read(&original).unwrap(), std::fs::read(&heic).unwrap(), "the original is the evidence, byte for byte");
    assert_eq!(original.file_name().unwrap().to_string_lossy(), format!("{}.heic", sha256_hex(&std::fs::read(&heic).unwrap())));
    let jpeg = std::fs::read(&rendition).unwrap();
    assert_eq!(rendition.file_name().unwrap().to_string_lossy(), format!("{}.rendition.jpg", sha256_hex(&jpeg)), "named by its own hash");
    let decoded = image::load_from_memory_with_format(&jpeg, image::ImageFormat::Jpeg).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (300, 400));
    assert_eq!(vault_files(&data).len(), 2);
    run(&data, &["verify"]).ok();

    let folder = dir.path().join("upload");
    run(&data, &["packet", "--out", s(&dir.path().join("p.pdf")), "--folder", s(&folder), "--today", "2026-11-24"]).ok();
    let exhibit = folder.join("E-01 Phone photo.pdf");
    assert_eq!(image_filters(&exhibit), ["DCTDecode"], "the rendition passes through as JPEG");
    let doc = lopdf::Document::load(&exhibit).unwrap();
    assert!(doc.objects.values().filter_map(|o| o.as_stream().ok()).any(|st| st.content == jpeg), "the rendition's own bytes");
    // libheif's own decoding of the photo, losslessly (PNG), is the reference.
    let png = dir.path().join("reference.png");
    tool("heif-convert", &["--quiet", s(&heic), s(&png)]);
    let reference = image::open(&png).unwrap().to_rgb8();
    let drawn = render(&exhibit, 1, 72, dir.path());
    let (x0, y0, x1, y1) = ink_box(&drawn);
    let picture = image::imageops::crop_imm(&drawn, x0, y0, x1 - x0, y1 - y0).to_image();
    let (mean, far) = difference(&reference, &picture);
    assert!(mean < 6.0 && far < 0.02, "mean difference {mean:.2}, {:.2}% far off", far * 100.0);
}

/// Backup and restore carry both files; verify checks the rendition by its hash as it does the
/// original, and a changed rendition is named.
#[test]
fn heic_backup_restore_and_verify_keep_and_check_the_rendition() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    run(&data, &["evidence", "add", s(&fixtures().join("photo.heic"))]).ok();
    let backup = dir.path().join("backup.zip");
    run(&data, &["backup", s(&backup)]).ok();
    let restored = dir.path().join("restored");
    run(&restored, &["restore", s(&backup)]).ok();
    let (original, rendition) = heic_files(&data);
    let (original2, rendition2) = heic_files(&restored);
    assert_eq!(std::fs::read(&original2).unwrap(), std::fs::read(&original).unwrap());
    assert_eq!(std::fs::read(&rendition2).unwrap(), std::fs::read(&rendition).unwrap());
    let report = run(&restored, &["verify", "--json"]).ok().json();
    assert_eq!((report["problems"].as_array().unwrap().len(), report["unreferenced"].as_array().unwrap().len()), (0, 0), "{report}");

    // A doctored rendition (one byte changed) is found, and the packet will not show it.
    let mut jpeg = std::fs::read(&rendition2).unwrap();
    let middle = jpeg.len() / 2;
    jpeg[middle] ^= 0x55;
    std::fs::write(&rendition2, &jpeg).unwrap();
    let verify = run(&restored, &["verify", "--json"]);
    assert_eq!(verify.code, Some(1), "{}", verify.show());
    let problems = verify.json()["problems"].to_string();
    assert!(problems.contains("rendition.jpg") && problems.contains("has changed since it was added"), "{problems}");

    // Removing the photo takes its rendition with it.
    run(&data, &["evidence", "remove", "1"]).ok();
    assert!(vault_files(&data).is_empty(), "{:?}", vault_files(&data));
    run(&data, &["verify"]).ok();
}

/// Cut-short HEICs, one whose `ftyp` promises a photo that is not there, and one declaring a
/// picture over the pixel limit are refused by name, and nothing of them is stored.
#[test]
fn damaged_and_lying_heics_are_refused_and_leave_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let heic = std::fs::read(fixtures().join("photo.heic")).unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let mut cases = Vec::new();
    for keep in [30, 60, 95] {
        cases.push((write(&format!("cut-{keep}.heic"), &heic[..heic.len() * keep / 100]), vec!["damaged or incomplete HEIC/HEIF photo", "cut short"]));
    }
    // The fixture's own ftyp box, then a meta box of noise: the boxes are whole, the photo is not there.
    let ftyp = u32::from_be_bytes(heic[..4].try_into().unwrap()) as usize;
    let mut lying = heic[..ftyp].to_vec();
    lying.extend(40u32.to_be_bytes());
    lying.extend(b"meta");
    lying.extend((0..32u8).map(|i| i.wrapping_mul(37)));
    cases.push((write("lying.heic", &lying), vec!["lying.heic is a damaged or unreadable HEIC/HEIF photo", "heif-convert failed"]));
    // The photo's size property (ispe) rewritten to 20000 × 20000.
    let at = heic.windows(4).position(|w| w == b"ispe").unwrap();
    let mut huge = heic.clone();
    huge[at + 8..at + 12].copy_from_slice(&20_000u32.to_be_bytes());
    huge[at + 12..at + 16].copy_from_slice(&20_000u32.to_be_bytes());
    cases.push((write("huge.heic", &huge), vec!["huge.heic is too large", "20000 × 20000"]));
    // An MP4 video's ftyp is not a photo's.
    let mut video = 24u32.to_be_bytes().to_vec();
    video.extend(b"ftypisom\0\0\0\0isommp41");
    video.extend(&heic[ftyp..]);
    cases.push((write("clip.heic", &video), vec!["clip.heic is a video"]));
    for (path, words) in &cases {
        let r = bounded(&data, &["evidence", "add", s(path)], Duration::from_secs(20), Some(1024 * 1024));
        let line = r.refused(&words.clone());
        assert!(r.took < Duration::from_secs(10), "{line} took {:?}", r.took);
    }
    assert!(vault_files(&data).is_empty(), "nothing of a refused file is stored: {:?}", vault_files(&data));
    assert_eq!(run(&data, &["list", "evidence", "--json"]).ok().json(), serde_json::json!([]));
}

/// A conversion that runs over its time is killed (here a stand-in heif-convert that would sleep
/// 30 s, given 0.3 s), and a missing heif-convert is named with what to install and the JPEG way.
#[test]
fn a_heic_conversion_over_its_time_is_killed_and_a_missing_converter_is_named() {
    use clerkfolio_core::heif::HeifConvert;
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let slow = dir.path().join("slow-heif-convert");
    std::fs::write(&slow, format!("#!/bin/sh\necho $$ > '{}'\nexec sleep 30\n", pid_file.display())).unwrap();
    std::fs::set_permissions(&slow, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let photo = vec![fixtures().join("photo.heic")];
    let mut heif = HeifConvert::with_program(&slow);
    heif.timeout = Duration::from_millis(300);
    let start = std::time::Instant::now();
    let err = clerkfolio_core::vault::check_all_with(&photo, &heif).unwrap_err().to_string();
    assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
    assert!(err.contains("photo.heic: converting the HEIC photo took longer than 0.3 s and was stopped"), "{err}");
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    assert!(!Path::new(&format!("/proc/{}", pid.trim())).exists(), "the converter (pid {pid}) was killed and reaped");

    let err = clerkfolio_core::vault::check_all_with(&photo, &HeifConvert::with_program(dir.path().join("no-such-heif-convert"))).unwrap_err().to_string();
    assert!(err.contains("apt install libheif-examples") && err.contains("export the photo from the phone as JPEG"), "{err}");
    // The real converter, for contrast, takes the photo.
    assert_eq!(clerkfolio_core::vault::check_all_with(&photo, &HeifConvert::find()).unwrap()[0].stored.kind, clerkfolio_core::model::FileKind::Heic);
}

/// A HEIC made by heif-enc 1.15 from a JPEG tagged "rotate 90° clockwise" carries the EXIF and no
/// `irot` of its own: its rendition keeps the EXIF, so the packet shows it turned as the tag says
/// (a HEIF with `irot`/`imir`, as iPhones write, is turned by heif-convert itself and its
/// rendition's EXIF dropped: heif.rs's unit tests). A certificate photographed that way reads
/// as the JPEG it came from does.
#[test]
fn a_heic_tagged_to_turn_is_shown_turned_and_read_like_its_jpeg() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // 200 × 100, a red block top left, EXIF orientation 6 in an APP1 segment.
    let mut jpeg = Vec::new();
    image::RgbImage::from_fn(200, 100, |x, y| if x < 60 && y < 40 { image::Rgb([230, 0, 0]) } else { image::Rgb([90, 90, 90]) })
        .write_to(&mut std::io::Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
        .unwrap();
    let tiff = [&b"II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x06\0\0\0"[..], &[0; 4]].concat();
    let app1 = [&b"Exif\0\0"[..], &tiff].concat();
    let tagged = [&jpeg[..2], &[0xFF, 0xE1], &((app1.len() + 2) as u16).to_be_bytes(), &app1, &jpeg[2..]].concat();
    let source = dir.path().join("tagged.jpg");
    std::fs::write(&source, &tagged).unwrap();
    let heic = dir.path().join("tagged.heic");
    tool("heif-enc", &["-q", "90", s(&source), "-o", s(&heic)]);
    assert!(!std::fs::read(&heic).unwrap().windows(4).any(|w| w == b"irot"), "heif-enc 1.15 writes no irot");
    run(&data, &["education", "add", "--title", "Turned", "--provider", "P", "--date", "2024-01-01", "--hours", "2", "--category", "course", "--evidence", s(&heic)]).ok();
    let (_, rendition) = heic_files(&data);
    let rendition = std::fs::read(&rendition).unwrap();
    let mut decoder = image::codecs::jpeg::JpegDecoder::new(std::io::Cursor::new(&rendition)).unwrap();
    assert_eq!(image::ImageDecoder::orientation(&mut decoder).unwrap(), image::metadata::Orientation::Rotate90, "the tag is kept");
    let folder = dir.path().join("upload");
    run(&data, &["packet", "--out", s(&dir.path().join("p.pdf")), "--folder", s(&folder), "--today", "2026-11-24"]).ok();
    let drawn = render(&folder.join("E-01 Turned.pdf"), 1, 72, dir.path());
    let (x0, y0, x1, y1) = ink_box(&drawn);
    let picture = image::imageops::crop_imm(&drawn, x0, y0, x1 - x0, y1 - y0).to_image();
    assert!(picture.height() > picture.width() * 3 / 2, "upright: taller than wide, {:?}", picture.dimensions());
    let (w, h) = picture.dimensions();
    let red = |x: u32, y: u32| picture.get_pixel(x, y).0[0] > 180 && picture.get_pixel(x, y).0[1] < 80;
    assert!(red(w - 5, 5) && !red(5, 5) && !red(w - 5, h - 5), "turned 90° clockwise: the block is top right");

    // A certificate photo (tagged to turn, as phones do) as HEIC: the same fields as its JPEG.
    let photo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/certificates/photo/l01-classic-v1.photo.jpg");
    let as_heic = dir.path().join("certificate.heic");
    tool("heif-enc", &["-q", "85", s(&photo), "-o", s(&as_heic)]);
    let fields = |file: &Path| run(&data, &["read", s(file), "--json"]).ok().json()["fields"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v["value"].clone())).collect::<Vec<_>>();
    let from_jpeg = fields(&photo);
    assert!(from_jpeg.len() >= 3, "{from_jpeg:?}");
    assert_eq!(fields(&as_heic), from_jpeg);
}
