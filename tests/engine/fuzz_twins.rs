//! The cargo-fuzz targets `restore_database` and `packet_exhibit` (src-tauri/core/fuzz) need
//! nightly; their logic is one plain engine function each, and this file drives the same
//! functions on stable in every test run with generated inputs: real files damaged at random
//! (bytes flipped, cut short, a stretch overwritten), and the bombs of bombs.rs. Each must
//! answer accepted or refused, never panic, never take long.

use std::time::{Duration, Instant};

use clerkfolio_core::backup::check_database_bytes;
use clerkfolio_core::packet::append_exhibit;
use lopdf::dictionary;
use proptest::prelude::*;

use crate::common::{run, s};

/// A real (empty) portfolio database as a backup holds it.
fn database() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("b.zip");
    run(&dir.path().join("data"), &["backup", s(&zip)]).ok();
    crate::backup::unzip(&zip).into_iter().find(|(n, _)| n == "clerkfolio.sqlite3").unwrap().1
}

/// A one-page PDF with text, a PNG and a JPEG, and one-page scans and photos as scanners, fax
/// software and phones write them (tests/fixtures/formats): the kinds of exhibit.
fn exhibits() -> Vec<Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = lopdf::Document::with_version("1.5");
    let tree = doc.new_object_id();
    let font = doc.add_object(dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica"});
    let content = doc.add_object(lopdf::Stream::new(dictionary! {}, b"BT /F1 12 Tf 72 700 Td (Certificate) Tj ET".to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => tree, "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Resources" => dictionary! {"Font" => dictionary! {"F1" => font}}, "Contents" => content,
    });
    doc.objects.insert(tree, lopdf::Object::Dictionary(dictionary! {"Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1}));
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => tree});
    doc.trailer.set("Root", catalog);
    let mut pdf = Vec::new();
    doc.save_to(&mut pdf).unwrap();
    let png = std::fs::read(crate::common::noise_png(&dir.path().join("n.png"), 24, 3)).unwrap();
    let mut jpg = Vec::new();
    image::RgbImage::from_fn(32, 24, |x, y| image::Rgb([x as u8 * 8, y as u8 * 9, 90]))
        .write_to(&mut std::io::Cursor::new(&mut jpg), image::ImageFormat::Jpeg)
        .unwrap();
    let formats = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/formats");
    let mut files = vec![pdf, png, jpg];
    for name in SCANS {
        files.push(std::fs::read(formats.join(name)).unwrap());
    }
    files
}

/// One page each: Group 4 in strips (LSB first), Group 3, JPEG in two strips, CMYK, WebP.
const SCANS: [&str; 5] = ["g4-strips-lsb.tif", "fax-g3.tif", "jpeg-magick.tif", "cmyk-lzw.tif", "photo.webp"];

/// `bytes` damaged: `flips` bytes set at positions drawn from `seed`, then cut to `keep` of
/// every 1000 bytes.
fn damage(bytes: &[u8], seed: u64, flips: usize, keep: u16) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let mut state = seed | 1;
    for _ in 0..flips {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let at = (state >> 33) as usize % out.len();
        out[at] = (state >> 20) as u8;
    }
    out.truncate((out.len() * keep.min(1000) as usize / 1000).max(1));
    out
}

#[test]
fn the_originals_pass_and_the_bombs_are_refused_quickly() {
    check_database_bytes(&database()).unwrap();
    for file in exhibits() {
        assert_eq!(append_exhibit(&file).unwrap(), 1);
    }
    let start = Instant::now();
    let err = append_exhibit(&crate::bombs::flate_bomb_pdf()).unwrap_err().to_string();
    assert!(err.contains("32 MB"), "{err}");
    assert!(check_database_bytes(&vec![0; 1 << 20]).is_err());
    assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn restores_database_check_never_panics(seed in any::<u64>(), flips in 0usize..24, keep in 500u16..1001) {
        thread_local!(static DB: Vec<u8> = database());
        let bytes = DB.with(|db| damage(db, seed, flips, keep));
        let _ = check_database_bytes(&bytes);
    }

    /// The twin of fuzz target heif_boxes: a damaged HEIC photo through the box walk that runs
    /// before the converter, and the rendition's EXIF handling.
    #[test]
    fn the_heic_box_walk_never_panics(seed in any::<u64>(), flips in 0usize..24, keep in 500u16..1001) {
        thread_local!(static HEIC: Vec<u8> = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/formats/photo.heic")).unwrap());
        let bytes = HEIC.with(|h| damage(h, seed, flips, keep));
        let start = Instant::now();
        let _ = clerkfolio_core::heif::is_heic(&bytes);
        let _ = clerkfolio_core::heif::check(&bytes, "photo.heic");
        let _ = clerkfolio_core::heif::without_exif(&bytes);
        let _ = clerkfolio_core::heif::turned(&bytes, bytes.clone());
        prop_assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
    }

    #[test]
    fn the_packets_exhibit_reading_never_panics(which in 0usize..3 + SCANS.len(), seed in any::<u64>(), flips in 0usize..16, keep in 700u16..1001) {
        thread_local!(static FILES: Vec<Vec<u8>> = exhibits());
        let bytes = FILES.with(|files| damage(&files[which], seed, flips, keep));
        let start = Instant::now();
        let _ = append_exhibit(&bytes);
        prop_assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
    }
}
