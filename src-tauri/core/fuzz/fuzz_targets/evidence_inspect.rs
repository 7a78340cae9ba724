//! Any bytes offered as evidence: `vault::inspect` must answer accepted or refused, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = clerkfolio_core::vault::inspect(data, "fuzz.pdf");
});
