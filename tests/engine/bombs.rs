//! Bounded time and memory against crafted inputs (issue 16, items 5-8 and 10): decompression
//! and size bombs in exhibits and backups, FIFOs and devices as input, a damaged exhibit in a
//! packet, a lock held forever. Every bomb is generated here in milliseconds (a deflate block
//! of zeros repeated), never committed; a run that hangs or swamps memory is killed (a time
//! limit, and `ulimit -v` where memory is the bug), so the test fails instead of hanging.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use lopdf::{Document, Object, Stream, dictionary};
use serde_json::{Value, json};

use crate::common::{BIN, noise_png, run, s, sha256_hex};

// ------------------------------------------------------------------ generators

/// A zlib (or, `zlib` false, raw deflate) stream that inflates to `mib` MiB of zeros: the
/// compressor's block for the second MiB copies only from a window of zeros, so repeating its
/// bytes repeats its output. Built in milliseconds, however large the bomb.
pub(crate) fn zeros_deflate(mib: u64, zlib: bool) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let chunk = vec![0u8; 1 << 20];
    let mut c = Compress::new(Compression::best(), zlib);
    let mut out = Vec::with_capacity(1 << 16);
    c.compress_vec(&chunk, &mut out, FlushCompress::Sync).unwrap();
    let mut block = Vec::with_capacity(1 << 16);
    c.compress_vec(&chunk, &mut block, FlushCompress::Sync).unwrap();
    assert_eq!(c.total_in(), 2 << 20, "each MiB is consumed in one call");
    for _ in 1..mib {
        out.extend_from_slice(&block);
    }
    out.extend_from_slice(&[0x03, 0x00]); // an empty final block (fixed Huffman)
    if zlib {
        // Adler-32 of n zeros: a stays 1, b adds 1 per byte.
        let adler = (((mib << 20) % 65521) as u32) << 16 | 1;
        out.extend(adler.to_be_bytes());
    }
    out
}

/// A PDF of `pages` pages of `side` × `side` points, all drawn by one content stream.
fn pdf(pages: usize, side: i64, content: Stream) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let tree = doc.new_object_id();
    let content = doc.add_object(content.with_compression(false));
    let kids: Vec<Object> = (0..pages)
        .map(|_| {
            doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => tree, "MediaBox" => vec![0.into(), 0.into(), side.into(), side.into()],
                "Resources" => dictionary! {}, "Contents" => content,
            })
            .into()
        })
        .collect();
    doc.objects.insert(tree, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => pages as i64 }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => tree });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// A 10 × 10 pt page whose Flate content stream inflates to 1 GiB (about 1 MB on disk).
pub(crate) fn flate_bomb_pdf() -> Vec<u8> {
    pdf(1, 10, Stream::new(dictionary! { "Filter" => "FlateDecode" }, zeros_deflate(1024, true)))
}

/// A letter-size PDF whose second page points at an object the file does not hold.
fn pdf_with_missing_object() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let tree = doc.new_object_id();
    let content = doc.add_object(Stream::new(dictionary! {}, b"BT /F1 12 Tf 72 700 Td (Page one) Tj ET".to_vec()));
    let page = |doc: &mut Document, contents: Object| {
        doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => tree, "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Resources" => dictionary! {}, "Contents" => contents,
        })
    };
    let one = page(&mut doc, content.into());
    let two = page(&mut doc, Object::Reference((999, 0)));
    doc.objects.insert(tree, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![one.into(), two.into(), Object::Reference((998, 0))], "Count" => 3 }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => tree });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// `side` × `side` pixels of black RGB, as a PNG of a few hundred KB: header, one IDAT of
/// repeated deflate blocks, end.
fn huge_png(side: u32) -> Vec<u8> {
    let row = 1 + side as u64 * 3;
    let mib = (row * side as u64).div_ceil(1 << 20);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], body: &[u8]| {
        png.extend((body.len() as u32).to_be_bytes());
        let mut crc_input = kind.to_vec();
        crc_input.extend_from_slice(body);
        png.extend_from_slice(&crc_input);
        png.extend(crc32(&crc_input).to_be_bytes());
    };
    let mut header = side.to_be_bytes().to_vec();
    header.extend(side.to_be_bytes());
    header.extend([8, 2, 0, 0, 0]);
    chunk(b"IHDR", &header);
    chunk(b"IDAT", &zeros_deflate(mib, true));
    chunk(b"IEND", &[]);
    png
}

/// One entry of a zip written by hand: `data` as stored, `method` 0 (stored) or 8 (deflate),
/// `size` the uncompressed size the headers claim.
pub(crate) struct RawEntry {
    pub name: String,
    pub method: u16,
    pub crc: u32,
    pub size: u32,
    pub data: Vec<u8>,
}

impl RawEntry {
    pub fn stored(name: &str, data: Vec<u8>) -> RawEntry {
        RawEntry { name: name.into(), method: 0, crc: crc32(&data), size: data.len() as u32, data }
    }
}

/// A zip file written byte by byte (the zip crate would inflate nothing, but would deflate
/// gigabytes to write a bomb).
pub(crate) fn raw_zip(path: &Path, entries: &[RawEntry]) {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let common = |v: &mut Vec<u8>| {
            v.extend(20u16.to_le_bytes()); // version needed
            v.extend(0u16.to_le_bytes()); // flags
            v.extend(e.method.to_le_bytes());
            v.extend(0u16.to_le_bytes()); // time
            v.extend(0x21u16.to_le_bytes()); // date: 1980-01-01
            v.extend(e.crc.to_le_bytes());
            v.extend((e.data.len() as u32).to_le_bytes());
            v.extend(e.size.to_le_bytes());
            v.extend((e.name.len() as u16).to_le_bytes());
            v.extend(0u16.to_le_bytes()); // extra
        };
        out.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&e.data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes()); // made by
        common(&mut central);
        central.extend([0u8; 6]); // comment length, disk, internal attributes
        central.extend(0u32.to_le_bytes()); // external attributes
        central.extend(offset.to_le_bytes());
        central.extend_from_slice(e.name.as_bytes());
    }
    let central_at = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(central_at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    std::fs::write(path, out).unwrap();
}

/// A backup manifest listing `entries` as (path, size, sha256).
pub(crate) fn manifest(entries: &[(String, u64, String)]) -> Vec<u8> {
    let list: Vec<Value> = entries.iter().map(|(p, size, sha)| json!({"path": p, "size": size, "sha256": sha})).collect();
    serde_json::to_vec(&json!({
        "format": "clerkfolio-backup", "format_version": 1, "app_version": "0.1.0", "schema_version": 1,
        "created_at": "2026-01-01T00:00:00Z",
        "records": {"education": 0, "experience": 0, "membership": 0, "designation": 0, "evidence": 0},
        "entries": list,
    }))
    .unwrap()
}

/// A real, empty portfolio's database as a backup holds it, with its manifest line.
fn real_database(dir: &Path) -> (RawEntry, (String, u64, String)) {
    let data = dir.join("source");
    let zip = dir.join("source.zip");
    run(&data, &["backup", s(&zip)]).ok();
    let (name, bytes) = crate::backup::unzip(&zip).into_iter().find(|(n, _)| n == "clerkfolio.sqlite3").unwrap();
    let line = (name.clone(), bytes.len() as u64, sha256_hex(&bytes));
    (RawEntry::stored(&name, bytes), line)
}

// ------------------------------------------------------------------ bounded runs

pub(crate) struct Bounded {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub took: Duration,
    pub killed: bool,
}

/// Runs `clerkfolio --data-dir DATA ARGS` killed after `limit`; with `memory_kib`, under that
/// address-space limit (`ulimit -v`), so a run that swamps memory fails instead of the machine.
pub(crate) fn bounded(data: &Path, args: &[&str], limit: Duration, memory_kib: Option<u64>) -> Bounded {
    let dir = tempfile::tempdir().unwrap();
    let (out, err) = (dir.path().join("out"), dir.path().join("err"));
    let mut command = match memory_kib {
        Some(kib) => {
            let mut c = Command::new("sh");
            c.args(["-c", &format!("ulimit -v {kib} && exec \"$0\" \"$@\""), BIN]);
            c
        }
        None => Command::new(BIN),
    };
    command.env_remove("CLERKFOLIO_DATA_DIR").arg("--data-dir").arg(data).args(args);
    command.stdin(Stdio::null()).stdout(File::create(&out).unwrap()).stderr(File::create(&err).unwrap());
    let start = Instant::now();
    let mut child = command.spawn().unwrap();
    let (code, killed) = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break (status.code(), false);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break (None, true);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    Bounded { code, stdout: read(&out), stderr: read(&err), took: start.elapsed(), killed }
}

impl Bounded {
    fn show(&self) -> String {
        format!("exit {:?} after {:?} (killed: {})\n--- stdout\n{}\n--- stderr\n{}", self.code, self.took, self.killed, self.stdout, self.stderr)
    }

    /// Refused in words (one error line naming all of `words`), not killed, not crashed.
    #[track_caller]
    pub fn refused(&self, words: &[&str]) -> String {
        assert!(!self.killed && matches!(self.code, Some(c) if c != 0), "expected a refusal: {}", self.show());
        let line = self.stderr.lines().find(|l| l.starts_with("error: ")).unwrap_or_else(|| panic!("no error line: {}", self.show())).to_string();
        for w in words {
            assert!(line.contains(w), "the message should contain {w:?}: {}", self.show());
        }
        line
    }

    #[track_caller]
    fn ok(&self) -> Value {
        assert!(!self.killed && self.code == Some(0), "expected success: {}", self.show());
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.show()))
    }
}

const SECONDS: Duration = Duration::from_secs(15);
/// The packet's stated memory bound (docs/DATA-SAFETY.md) for these small portfolios.
pub(crate) const PACKET_MEMORY_KIB: u64 = 1_536 * 1024;

/// A course in `data` with one evidence file whose vault file and row are then replaced by
/// `bytes` (as a crafted backup, or a file added before today's checks, would leave them).
pub(crate) fn plant(data: &Path, title: &str, seed: u32, bytes: &[u8], kind: &str, pages: i64) {
    let png = noise_png(&data.with_extension(format!("{seed}.png")), 8, seed);
    run(data, &["education", "add", "--title", title, "--provider", "IIMC", "--date", "2025-03-01", "--hours", "3", "--category", "course", "--evidence", s(&png)]).ok();
    let sha = sha256_hex(bytes);
    let ext = match kind {
        "jpeg" => "jpg",
        "tiff" => "tif",
        other => other,
    };
    let shard = data.join("vault").join(&sha[..2]);
    std::fs::create_dir_all(&shard).unwrap();
    std::fs::write(shard.join(format!("{sha}.{ext}")), bytes).unwrap();
    let old = sha256_hex(&std::fs::read(&png).unwrap());
    rusqlite::Connection::open(data.join("clerkfolio.sqlite3"))
        .unwrap()
        .execute(
            "UPDATE evidence SET sha256 = ?1, kind = ?2, size = ?3, pages = ?4 WHERE sha256 = ?5",
            rusqlite::params![sha, kind, bytes.len() as i64, pages, old],
        )
        .unwrap();
}

// ------------------------------------------------------------------ 5. exhibit bombs

#[test]
fn the_zero_bomb_generator_inflates_to_what_it_says() {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(zeros_deflate(3, true).as_slice()).read_to_end(&mut out).unwrap();
    assert_eq!(out.len(), 3 << 20);
    assert!(out.iter().all(|&b| b == 0));
}

#[test]
fn evidence_add_refuses_decompression_and_size_bombs_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let flate = dir.path().join("tiny-page.pdf");
    std::fs::write(&flate, flate_bomb_pdf()).unwrap();
    let pages = dir.path().join("ten-thousand.pdf");
    std::fs::write(&pages, pdf(10_000, 612, Stream::new(dictionary! {}, b"0 0 m 10 10 l S".to_vec()))).unwrap();
    let png = dir.path().join("huge.png");
    std::fs::write(&png, huge_png(11_000)).unwrap();
    for (file, words) in [
        (&flate, vec!["tiny-page.pdf is too large for a packet", "page 1", "32 MB", "the limit for one page"]),
        (&pages, vec!["ten-thousand.pdf is too large for a packet", "10000 pages", "the limit is 500 pages"]),
        (&png, vec!["huge.png is too large for a packet", "11000 × 11000 pixels", "the limit is 40 megapixels"]),
    ] {
        bounded(&data, &["evidence", "add", s(file)], SECONDS, Some(PACKET_MEMORY_KIB)).refused(&words);
    }
    assert!(crate::common::vault_files(&data).is_empty(), "nothing of a refused file is stored");
}

#[test]
fn bombs_already_in_the_vault_stand_as_placeholders_and_the_packet_stays_within_its_memory() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    plant(&data, "Flate bomb", 1, &flate_bomb_pdf(), "pdf", 1);
    plant(&data, "Pixel bomb", 2, &huge_png(11_000), "png", 1);
    let out = dir.path().join("packet.pdf");
    let report = bounded(&data, &["packet", "--out", s(&out), "--today", "2026-01-01", "--json"], SECONDS, Some(PACKET_MEMORY_KIB)).ok();
    let skipped = report["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 2, "{report}");
    assert!(skipped[0]["reason"].as_str().unwrap().contains("32 MB"), "{report}");
    assert!(skipped[1]["reason"].as_str().unwrap().contains("megapixels"), "{report}");
    assert!(out.metadata().unwrap().len() < 5_000_000, "the bombs are not in the packet");
}

// ------------------------------------------------------------------ 8. a damaged exhibit

#[test]
fn a_pdf_whose_pages_point_at_missing_objects_is_refused_and_in_a_packet_is_a_placeholder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let broken = dir.path().join("broken.pdf");
    std::fs::write(&broken, pdf_with_missing_object()).unwrap();
    let err = run(&data, &["evidence", "add", s(&broken)]).refused();
    assert!(err.contains("broken.pdf is a damaged or incomplete PDF") && err.contains("cannot be read"), "{err}");

    // One already in the vault: the packet is written, the exhibit a placeholder page.
    let good = noise_png(&dir.path().join("good.png"), 16, 9);
    run(&data, &["education", "add", "--title", "Good course", "--provider", "IIMC", "--date", "2025-02-01", "--hours", "2", "--category", "course", "--evidence", s(&good)]).ok();
    let pages = lopdf::Document::load_mem(&pdf_with_missing_object()).unwrap().get_pages().len() as i64;
    plant(&data, "Broken course", 3, &pdf_with_missing_object(), "pdf", pages);
    run(&data, &["packet", "--check", "--today", "2026-01-01"]);
    let out = dir.path().join("packet.pdf");
    let report = bounded(&data, &["packet", "--out", s(&out), "--today", "2026-01-01", "--json"], SECONDS, None).ok();
    let skipped = report["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{report}");
    assert!(skipped[0]["file"].as_str().unwrap().ends_with("3.png"), "the planted exhibit: {report}");
    assert!(skipped[0]["reason"].as_str().unwrap().contains("cannot be read"), "{report}");
    assert!(lopdf::Document::load(&out).unwrap().get_pages().len() >= 3, "the good exhibit and the placeholder are there");
}

// ------------------------------------------------------------------ 6. zip bombs in restore

#[test]
fn a_database_entry_of_zeros_claiming_4_gib_is_refused_at_its_first_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("bomb.zip");
    // 1.2 GB of zeros in about a megabyte; the manifest claims the 4 GiB a database may have.
    let mib = 1200;
    let db = "clerkfolio.sqlite3".to_string();
    let listing = manifest(&[(db.clone(), 4 << 30, "0".repeat(64))]);
    raw_zip(&zip, &[
        RawEntry::stored("manifest.json", listing),
        RawEntry { name: db, method: 8, crc: 0, size: (mib << 20) as u32, data: zeros_deflate(mib, false) },
    ]);
    let data = dir.path().join("data");
    bounded(&data, &["restore", s(&zip)], SECONDS, Some(1024 * 1024)).refused(&["clerkfolio.sqlite3 does not begin as a SQLite database does", "nothing was changed"]);
    assert!(!data.exists());
}

#[test]
fn vault_entries_of_zeros_are_refused_at_their_first_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("bomb.zip");
    // Fifteen 100 MiB entries of zeros (1.5 GB) in about 1.5 MB, named by the hashes the
    // manifest gives them.
    let deflated = zeros_deflate(100, false);
    let mut listed = Vec::new();
    let mut entries = Vec::new();
    for n in 0..15u8 {
        let sha = format!("{n:02x}{}", "ab".repeat(31));
        let path = format!("vault/{}/{sha}.pdf", &sha[..2]);
        listed.push((path.clone(), 100u64 << 20, sha));
        entries.push(RawEntry { name: path, method: 8, crc: 0, size: 100 << 20, data: deflated.clone() });
    }
    let (database, line) = real_database(dir.path());
    listed.push(line);
    entries.push(database);
    entries.insert(0, RawEntry::stored("manifest.json", manifest(&listed)));
    raw_zip(&zip, &entries);
    let data = dir.path().join("data");
    let result = bounded(&data, &["restore", s(&zip)], SECONDS, Some(1024 * 1024));
    result.refused(&["does not begin as a PDF, JPEG, PNG, TIFF, WebP or HEIC file does"]);
    assert!(result.took < Duration::from_secs(5), "refused at the first bytes, not after 1.5 GB: {:?}", result.took);
}

#[test]
fn a_backup_larger_than_the_free_disk_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let stat = rustix::fs::statvfs(dir.path()).unwrap();
    let free = stat.f_bavail * stat.f_frsize;
    let entry = 100u64 << 20;
    let count = (free / entry + 2) as usize;
    let mut listed = Vec::new();
    let mut entries = Vec::new();
    for n in 0..count {
        let sha = sha256_hex(&n.to_le_bytes());
        let path = format!("vault/{}/{sha}.pdf", &sha[..2]);
        listed.push((path.clone(), entry, sha));
        entries.push(RawEntry::stored(&path, b"%PDF-1.4 cut".to_vec()));
    }
    let (database, line) = real_database(dir.path());
    listed.push(line);
    entries.push(database);
    entries.insert(0, RawEntry::stored("manifest.json", manifest(&listed)));
    let zip = dir.path().join("too-big.zip");
    raw_zip(&zip, &entries);
    let data = dir.path().join("data");
    bounded(&data, &["restore", s(&zip)], SECONDS, None).refused(&["MB free", "free some space", "Nothing was changed"]);
    let left: Vec<PathBuf> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.file_name().unwrap().to_string_lossy().starts_with('.')).collect();
    assert!(left.is_empty() && !data.exists(), "no staging folder, no data folder: {left:?}");
}

// ------------------------------------------------------------------ 7. FIFOs and devices

#[test]
fn a_fifo_or_a_device_as_input_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    run(&data, &["profile", "show"]).ok();
    let fifo = dir.path().join("pipe");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for input in [s(&fifo), "/dev/zero"] {
        for args in [vec!["evidence", "add", input], vec!["import", "csv", input]] {
            let r = bounded(&data, &args, Duration::from_secs(10), Some(PACKET_MEMORY_KIB));
            r.refused(&["not a regular file"]);
        }
        let elsewhere = dir.path().join("restored");
        bounded(&elsewhere, &["restore", input], Duration::from_secs(10), Some(PACKET_MEMORY_KIB)).refused(&["not a regular file"]);
    }
}

// ------------------------------------------------------------------ 10. a held lock

#[test]
fn a_held_lock_is_named_once_and_given_up_on_after_a_bounded_wait() {
    let dir = tempfile::tempdir().unwrap();
    let (restoring, writing) = (dir.path().join("restoring"), dir.path().join("writing"));
    for data in [&restoring, &writing] {
        run(data, &["profile", "show"]).ok();
    }
    // A restore holds the data folder's lock; another program holds SQLite's write lock.
    let lock = File::options().read(true).write(true).open(restoring.join(".clerkfolio-lock")).unwrap();
    lock.lock().unwrap();
    let db = rusqlite::Connection::open(writing.join("clerkfolio.sqlite3")).unwrap();
    db.execute_batch("BEGIN IMMEDIATE").unwrap();

    let add = ["education", "add", "--title", "T", "--provider", "P", "--date", "2025-01-01", "--hours", "1", "--category", "course"];
    let waiting = std::thread::spawn(move || bounded(&writing, &add, Duration::from_secs(19), None));
    let listed = bounded(&restoring, &["list", "education"], Duration::from_secs(19), None);
    let waited = waiting.join().unwrap();
    for (r, words) in [(&listed, "a restore"), (&waited, "the app or a command")] {
        let line = r.refused(&["another Clerkfolio", words, "10 seconds", "nothing was changed"]);
        assert_eq!(r.stderr.lines().filter(|l| l.starts_with("waiting for another Clerkfolio")).count(), 1, "{line}\n{}", r.stderr);
        assert!(r.took >= Duration::from_secs(9) && r.took < Duration::from_secs(15), "{:?}", r.took);
    }
    drop(db);
}
