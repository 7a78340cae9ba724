//! Any bytes offered as a backup: `backup::verify_archive` must accept only archives whose
//! every entry matches its manifest, and refuse the rest without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = clerkfolio_core::backup::verify_archive(std::io::Cursor::new(data), "fuzz.zip");
});
