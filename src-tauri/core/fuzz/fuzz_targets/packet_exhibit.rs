//! Any bytes as an exhibit: `packet::append_exhibit` (accepted as evidence, then parsed, merged
//! or drawn on a page, stamped and saved as the packet does) must append it or refuse it, never
//! panic, and stay within the bounds of docs/DATA-SAFETY.md (run with -rss_limit_mb=2048).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = clerkfolio_core::packet::append_exhibit(data);
});
