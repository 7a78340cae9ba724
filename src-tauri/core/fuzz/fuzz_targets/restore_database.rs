//! Any bytes as the database inside a backup: `backup::check_database_bytes` (the restore's
//! check of its first bytes, SQLite's integrity, the exact layout, the evidence hashes) must
//! accept or refuse, never panic. Seed it with a real backup's `clerkfolio.sqlite3` (README).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = clerkfolio_core::backup::check_database_bytes(data);
});
