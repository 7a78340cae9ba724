//! Any bytes offered as a records CSV: `exchange::parse_csv` must answer rows or a refusal,
//! never panic, and every row it returns must carry a line number within the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(rows) = clerkfolio_core::exchange::parse_csv(data, "fuzz.csv") {
        // Every line end is an LF or a CR, so there are at most this many lines.
        let lines = data.iter().filter(|b| matches!(b, b'\n' | b'\r')).count() as u64 + 1;
        for row in rows {
            assert!(row.line >= 2 && row.line <= lines, "line {} of {lines}", row.line);
        }
    }
});
