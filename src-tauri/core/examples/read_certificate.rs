//! Prints what is read from certificate files, as the `clerkfolio read --json` contract:
//! `cargo run -p clerkfolio-core --example read_certificate -- FILE...` (a tool for tuning the
//! field finder; `--lines` also prints the lines with their sizes).

use clerkfolio_core::certificate::{self, Ocr};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_lines = args.iter().any(|a| a == "--lines");
    let ocr = Ocr::find();
    for file in args.iter().filter(|a| !a.starts_with("--")) {
        let start = std::time::Instant::now();
        match certificate::read(std::path::Path::new(file), &ocr) {
            Ok(r) => println!("{}", serde_json::to_string_pretty(&r).expect("serialises")),
            Err(e) => println!("{file}: error: {e}"),
        }
        eprintln!("{file}: {:?}", start.elapsed());
        if show_lines {
            let bytes = std::fs::read(file).unwrap_or_default();
            let page = match certificate::pdf::text(&bytes) {
                Ok(text) if text.has_words() => Some(text.first_pages()),
                Ok(_) => certificate::pdf::render_page(&bytes, 0, certificate::ocr::OCR_DPI).ok().and_then(|i| ocr.read_image(&i).ok()),
                Err(_) => certificate::picture::upright_gray(&bytes).ok().and_then(|i| ocr.read_image(&i).ok()),
            };
            for l in page.map(|p| p.lines).unwrap_or_default() {
                println!("p{} top {:6.1} x {:6.1} size {:5.1} conf {:.2}  {}", l.page, l.top, l.x0, l.size, l.conf, l.text);
            }
        }
    }
}
