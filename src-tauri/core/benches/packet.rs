//! Packet benchmark: a large portfolio (150 records, 150 exhibits: real corpus PDFs and
//! camera-sized JPEG photos) built into one packet, timed against `qpdf --empty --pages` merely
//! concatenating the same PDFs, with the packet's peak memory and output size.
//!
//! Run: `cargo bench -p clerkfolio-core --bench packet` (needs qpdf; the exhibits come from tests/fixtures/corpus).
//! Results and targets are recorded in docs/BENCHMARKS.md.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use chrono::NaiveDate;
use clerkfolio_core::Workspace;
use clerkfolio_core::packet::{self, PacketOptions, Paper};
use clerkfolio_core::model::{EducationChanges, ProfileChanges};

const RECORDS: usize = 150;
const PHOTOS: usize = 30;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/corpus/pdf")
}

/// A phone-photo-sized JPEG (12 MP, about 2 MB): smooth shading with fine grain, like a
/// photographed certificate, at quality 85.
fn photo(seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    let img = image::RgbImage::from_fn(4000, 3000, |x, y| {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let grain = ((state >> 27) as u8) & 31;
        let paper = 200 + ((x / 40 + y / 30) % 40) as u8;
        let ink = if (y / 90) % 3 == 0 && (x / 25) % 4 != 0 { 140 } else { 0 };
        let v = paper.saturating_sub(ink) + grain;
        image::Rgb([v, v.saturating_sub(6), v.saturating_sub(14)])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&img).unwrap();
    out
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse().unwrap_or(0)))
        .unwrap_or(0)
}

fn setup(dir: &Path) -> (Vec<PathBuf>, u64) {
    let mut ws = Workspace::open(&dir.join("data")).unwrap();
    ws.set_profile(ProfileChanges { full_name: Some("Benchmark Wójcik".into()), ..Default::default() }).unwrap();
    let mut sources: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    sources.sort();
    let files = dir.join("files");
    std::fs::create_dir_all(&files).unwrap();
    let mut pdfs = Vec::new();
    let mut total = 0u64;
    let mut source = sources.iter().cycle();
    for i in 0..RECORDS {
        let path = if i % (RECORDS / PHOTOS) == 0 {
            let p = files.join(format!("photo-{i}.jpg"));
            std::fs::write(&p, photo(i as u32)).unwrap();
            p
        } else {
            // Each exhibit a distinct file: a corpus PDF with a comment after its end.
            loop {
                let src = source.next().unwrap();
                let mut bytes = std::fs::read(src).unwrap();
                bytes.extend_from_slice(format!("\n%clerkfolio benchmark copy {i}\n").as_bytes());
                let p = files.join(format!("doc-{i}.pdf"));
                std::fs::write(&p, &bytes).unwrap();
                if clerkfolio_core::vault::inspect(&bytes, "x").is_ok() {
                    pdfs.push(p.clone());
                    break p;
                }
            }
        };
        total += std::fs::metadata(&path).unwrap().len();
        let day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(i as u64 * 9);
        ws.add_education(
            EducationChanges {
                title: Some(format!("Course {i}: records management, elections and open meetings")),
                provider: Some("Benchmark Institute".into()),
                category: Some(if i % 2 == 0 { "institute" } else { "course" }.into()),
                start: Some(day),
                hours: Some(8.0),
                entered: (i % 2 == 1).then(|| clerkfolio_core::model::EnteredPoints { points: 2.0, reason: "stated".into() }),
                ..Default::default()
            },
            &[path],
        )
        .unwrap();
    }
    (pdfs, total)
}

fn main() {
    // Child mode: build the packet once and report time and this process's peak memory.
    if let Ok(dir) = std::env::var("CLERKFOLIO_BENCH_RUN") {
        let dir = PathBuf::from(dir);
        let mut ws = Workspace::open(&dir.join("data")).unwrap();
        let options = PacketOptions { program: "cmc".into(), today: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(), paper: Paper::LETTER, refer_submitted: false };
        let start = Instant::now();
        let mut stages: Vec<(String, f64)> = Vec::new();
        let report = packet::write_packet(&mut ws, &options, &dir.join("packet.pdf"), &mut |p| {
            if stages.last().is_none_or(|(s, _)| !s.starts_with(&p.stage)) {
                stages.push((format!("{} (peak {} MB so far)", p.stage, peak_rss_kb() / 1024), start.elapsed().as_secs_f64()));
            }
        })
        .unwrap();
        let timeline: Vec<String> = stages.iter().map(|(s, t)| format!("{t:.2}s {s}")).collect();
        eprintln!("stages: {}", timeline.join(" | "));
        println!("{} {} {} {}", start.elapsed().as_secs_f64(), peak_rss_kb(), report.pages, report.bytes);
        return;
    }
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return; // `cargo test --benches` runs bench targets in test mode: nothing to check here.
    }
    let dir = tempfile::tempdir().unwrap();
    let t = Instant::now();
    let (pdfs, exhibit_bytes) = setup(dir.path());
    println!("setup: {RECORDS} records, {RECORDS} exhibits ({} PDFs, {PHOTOS} JPEG photos), {:.1} MB, in {:.1} s", pdfs.len(), exhibit_bytes as f64 / 1e6, t.elapsed().as_secs_f64());

    let mut packet_runs = Vec::new();
    let mut qpdf_runs = Vec::new();
    for _ in 0..3 {
        let out = Command::new(std::env::current_exe().unwrap()).env("CLERKFOLIO_BENCH_RUN", dir.path()).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        eprint!("{}", String::from_utf8_lossy(&out.stderr));
        let line = String::from_utf8(out.stdout).unwrap();
        let v: Vec<f64> = line.split_whitespace().map(|x| x.parse().unwrap()).collect();
        packet_runs.push(v);
        let q = Instant::now();
        let status = Command::new("qpdf")
            .arg("--empty")
            .arg("--pages")
            .args(&pdfs)
            .args(["--", dir.path().join("qpdf.pdf").to_str().unwrap()])
            .status()
            .expect("qpdf is installed");
        assert!(status.code().is_some_and(|c| c == 0 || c == 3), "qpdf failed");
        qpdf_runs.push(q.elapsed().as_secs_f64());
    }
    let best = |xs: Vec<f64>| xs.into_iter().fold(f64::INFINITY, f64::min);
    let packet_s = best(packet_runs.iter().map(|v| v[0]).collect());
    let peak_mb = packet_runs.iter().map(|v| v[1]).fold(0.0, f64::max) / 1024.0;
    let (pages, out_bytes) = (packet_runs[0][2], packet_runs[0][3]);
    let qpdf_s = best(qpdf_runs);
    let exhibits_mb = exhibit_bytes as f64 / 1_048_576.0;
    let out_mb = out_bytes / 1_048_576.0;
    println!("packet: {pages} pages in {packet_s:.2} s (best of 3), peak memory {peak_mb:.0} MB, output {out_mb:.1} MB");
    println!("qpdf --empty --pages (the {} PDFs only): {qpdf_s:.2} s (best of 3)", pdfs.len());
    println!("time target   (packet <= qpdf):            {}", if packet_s <= qpdf_s { "met" } else { "MISSED" });
    println!("memory target (peak < 2 x {exhibits_mb:.1} MB):      {}", if peak_mb < 2.0 * exhibits_mb { "met" } else { "MISSED" });
    println!("size target   (output <= exhibits + 1 MB):  {}", if out_mb <= exhibits_mb + 1.0 { "met" } else { "MISSED" });
}
