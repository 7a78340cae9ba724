//! Any bytes as a TIFF: the import check and the packet's reading of its pages (passed-through
//! strips, decoded pages) must answer, never panic, whatever the tags claim.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = clerkfolio_core::tiff_pages::check(data);
    let _ = clerkfolio_core::tiff_pages::pdf_pages(data);
    let _ = clerkfolio_core::tiff_pages::first_page(data);
});
