//! Any bytes as a HEIC photo: the box walk that runs before `heif-convert` ever sees a file (the
//! brands, the boxes to the end, the declared size) and the rendition's EXIF handling must
//! answer, never panic, whatever the boxes claim. The converter itself is a separate program and
//! is not run here.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = clerkfolio_core::heif::is_heic(data);
    let _ = clerkfolio_core::heif::check(data, "fuzz.heic");
    let _ = clerkfolio_core::heif::without_exif(data);
    let _ = clerkfolio_core::heif::turned(data, data.to_vec());
});
