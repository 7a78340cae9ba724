//! Certificate reading speed on the labelled set (docs/READING.md):
//! - a text PDF read (target < 50 ms), every text PDF, 5 rounds;
//! - a scanned page (image-only PDF rendered and OCR'd; target < 3 s on one core);
//! - 100 mixed certificates (60 text PDFs, 25 scans, 15 photos) on two worker threads
//!   (target < 2 minutes).
//!
//! `cargo bench -p clerkfolio-core --bench read` (needs Tesseract; Tesseract runs with one
//! thread per reading, as the app runs it).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clerkfolio_core::certificate::{self, Ocr, TextFrom};

fn set(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/certificates").join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root).expect("labelled set").map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn stats(mut times: Vec<Duration>) -> (f64, f64) {
    times.sort();
    (ms(times[times.len() / 2]), ms(*times.last().expect("some")))
}

fn main() {
    let ocr = Ocr::find();
    if let Err(why) = ocr.program() {
        eprintln!("the read benchmark needs Tesseract: {why}");
        std::process::exit(1);
    }
    let (pdfs, scans, photos) = (set("pdf"), set("scan"), set("photo"));

    let mut times = Vec::new();
    for _ in 0..5 {
        for p in &pdfs {
            let start = Instant::now();
            let r = certificate::read(p, &ocr).expect("reads");
            times.push(start.elapsed());
            assert_eq!(r.text_from, TextFrom::PdfText);
        }
    }
    let (median, max) = stats(times);
    println!("text PDF read: median {median:.1} ms, slowest {max:.1} ms ({} files x 5; target < 50 ms)", pdfs.len());

    let mut times = Vec::new();
    for p in &scans {
        let start = Instant::now();
        let r = certificate::read(p, &ocr).expect("reads");
        times.push(start.elapsed());
        assert_eq!(r.text_from, TextFrom::Ocr);
    }
    let (median, max) = stats(times);
    println!("scanned page read (render + OCR, one thread): median {median:.0} ms, slowest {max:.0} ms ({} scans; target < 3000 ms)", scans.len());

    let mut times = Vec::new();
    for p in &photos {
        let start = Instant::now();
        certificate::read(p, &ocr).expect("reads");
        times.push(start.elapsed());
    }
    let (median, max) = stats(times);
    println!("phone photo read: median {median:.0} ms, slowest {max:.0} ms ({} photos)", photos.len());

    // 100 mixed: 60 text PDFs, 25 scans, 15 photos, interleaved, on two workers.
    let mut queue: Vec<PathBuf> = Vec::new();
    for i in 0..100 {
        let p = match i % 20 {
            0..=11 => &pdfs[(i * 7) % pdfs.len()],
            12..=16 => &scans[(i * 3) % scans.len()],
            _ => &photos[(i * 5) % photos.len()],
        };
        queue.push(p.clone());
    }
    let queue = Arc::new(Mutex::new(queue));
    let start = Instant::now();
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let queue = Arc::clone(&queue);
            let ocr = ocr.clone();
            std::thread::spawn(move || {
                let mut n = 0;
                loop {
                    let next = queue.lock().expect("queue").pop();
                    let Some(p) = next else { return n };
                    certificate::read(&p, &ocr).expect("reads");
                    n += 1;
                }
            })
        })
        .collect();
    let done: usize = workers.into_iter().map(|w| w.join().expect("worker")).sum();
    let total = start.elapsed();
    println!("100 mixed certificates (60 text, 25 scans, 15 photos), 2 workers: {:.1} s for {done} (target < 120 s)", total.as_secs_f64());
}
