//! HEIC/HEIF photos (an iPhone's default). A PDF cannot carry HEVC pictures, so each one is
//! converted ONCE, at import, to a high-quality JPEG kept beside the original in the vault (the
//! original stays the evidence; the JPEG, its "rendition", is what the packet, thumbnails and
//! OCR use). The conversion runs libheif's own `heif-convert` as a separate program (see
//! [`crate::sidecar`]): libheif (LGPL-3.0) and libde265 stay outside the app, which keeps its
//! licence simple, and a crash or a hang in a decoder costs one file. `heif-convert` applies
//! the HEIF's own rotation and mirroring (`irot`, `imir`) as it decodes.
//!
//! Where it is looked for, in order: `CLERKFOLIO_HEIF_CONVERT` (a path), beside the running
//! program, then `PATH` (Debian/Ubuntu: package libheif-examples; macOS: Homebrew's libheif).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::sidecar::{self, Failure};
use crate::vault::{MAX_EVIDENCE_BYTES, MAX_IMAGE_PIXELS};

/// The environment variable naming the `heif-convert` program to use.
pub const HEIF_CONVERT_ENV: &str = "CLERKFOLIO_HEIF_CONVERT";

/// JPEG quality of the rendition: at 92 a photo of a certificate keeps its small print and the
/// file stays about the HEIC's size times two to three.
pub const JPEG_QUALITY: u8 = 92;

/// The `ftyp` brands of HEIF still pictures and sequences coded with HEVC, and of HEIF in
/// general (`mif1`, `msf1`): what `heif-convert` reads.
const BRANDS: [&[u8; 4]; 9] = [b"heic", b"heix", b"hevc", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"];

/// A HEIC/HEIF file by its content: its first box is `ftyp` and names one of [`BRANDS`] as its
/// major or a compatible brand (an MP4 or MOV video has an `ftyp` box too, with other brands).
pub fn is_heic(bytes: &[u8]) -> bool {
    if bytes.len() < 16 || &bytes[4..8] != b"ftyp" {
        return false;
    }
    let size = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
    let end = size.clamp(16, bytes.len().min(4096));
    let compatible = bytes[16..end].chunks_exact(4);
    std::iter::once(&bytes[8..12]).chain(compatible).any(|brand| BRANDS.iter().any(|b| &b[..] == brand))
}

/// Checks the file's top-level boxes run exactly to its end (a file cut short is caught here,
/// before any decoder sees it) and that no picture in it declares more than
/// [`MAX_IMAGE_PIXELS`] (its `ispe` properties), so a lying size is refused before decoding.
pub fn check(bytes: &[u8], name: &str) -> Result<()> {
    let damaged = |why: &str| {
        Error::Refused(format!(
            "{name} is a damaged or incomplete HEIC/HEIF photo ({why}); copy it from the phone again, or export it as JPEG, and add the new file"
        ))
    };
    let (mut at, mut has_meta) = (0usize, false);
    while at < bytes.len() {
        let Some(head) = bytes.get(at..at + 8) else { return Err(damaged("the file is cut short: its last box is incomplete")) };
        let kind = &head[4..8];
        let size = match u32::from_be_bytes([head[0], head[1], head[2], head[3]]) {
            0 => (bytes.len() - at) as u64,
            1 => match bytes.get(at + 8..at + 16) {
                Some(large) => u64::from_be_bytes(large.try_into().expect("8 bytes")),
                None => return Err(damaged("the file is cut short: its last box is incomplete")),
            },
            size => size as u64,
        };
        if size < 8 {
            return Err(damaged("a box has an impossible size"));
        }
        if size > (bytes.len() - at) as u64 {
            return Err(damaged("the file is cut short: its last box runs past the end"));
        }
        has_meta |= kind == b"meta";
        at += size as usize;
    }
    if !has_meta {
        return Err(damaged("it describes no picture (no meta box)"));
    }
    // `ispe`: a full box (version and flags), then width and height as 32-bit numbers.
    for at in bytes.windows(4).enumerate().filter(|(_, w)| *w == b"ispe").map(|(i, _)| i) {
        let Some(size) = bytes.get(at + 8..at + 16) else { continue };
        let width = u32::from_be_bytes([size[0], size[1], size[2], size[3]]) as u64;
        let height = u32::from_be_bytes([size[4], size[5], size[6], size[7]]) as u64;
        if width * height > MAX_IMAGE_PIXELS {
            return Err(Error::Refused(format!(
                "{name} is too large for a packet: it is {width} × {height} pixels ({} megapixels); the limit is {} megapixels: export it from the phone as JPEG at a smaller size",
                width * height / 1_000_000,
                MAX_IMAGE_PIXELS / 1_000_000
            )));
        }
    }
    Ok(())
}

/// How to convert HEIC photos: which program (if one was found) and how long one may take.
#[derive(Debug, Clone)]
pub struct HeifConvert {
    program: std::result::Result<PathBuf, String>,
    pub timeout: Duration,
}

impl HeifConvert {
    /// Finds `heif-convert` as described in the module documentation.
    pub fn find() -> HeifConvert {
        HeifConvert { program: sidecar::find(HEIF_CONVERT_ENV, "heif-convert", ""), timeout: Duration::from_secs(60) }
    }

    /// Uses this program (tests).
    pub fn with_program(path: impl Into<PathBuf>) -> HeifConvert {
        HeifConvert { program: Ok(path.into()), timeout: Duration::from_secs(60) }
    }

    /// The program, if one was found.
    pub fn program(&self) -> Option<&Path> {
        self.program.as_deref().ok()
    }

    /// The photo as a JPEG (quality [`JPEG_QUALITY`], turned as the HEIF says: see [`turned`]),
    /// made in a temporary folder that is removed afterwards. `name` names the photo in errors.
    pub fn to_jpeg(&self, heic: &[u8], name: &str) -> Result<Vec<u8>> {
        let missing = || {
            Error::Refused(format!(
                "{name} is a HEIC/HEIF photo, and converting it needs libheif's heif-convert, which is not installed: install it (Debian/Ubuntu: apt install libheif-examples; macOS: brew install libheif) or set {HEIF_CONVERT_ENV}; or export the photo from the phone as JPEG (iPhone: share it, or Settings > Camera > Formats > Most Compatible) and add that file"
            ))
        };
        let program = self.program.as_deref().map_err(|_| missing())?;
        let fail = |e: std::io::Error| Error::io(format!("cannot convert {name}: no room for a temporary file"), e);
        let dir = tempfile::Builder::new().prefix("clerkfolio-heif-").tempdir().map_err(fail)?;
        let (input, output) = (dir.path().join("photo.heic"), dir.path().join("photo.jpg"));
        std::fs::write(&input, heic).map_err(fail)?;
        let mut command = Command::new(program);
        command.arg("--quiet").arg("-q").arg(JPEG_QUALITY.to_string()).arg(&input).arg(&output);
        match sidecar::run(&mut command, program, self.timeout, "heif-convert") {
            Ok(_) => {}
            Err(Failure::Missing) => return Err(missing()),
            Err(Failure::TimedOut) => {
                return Err(Error::Refused(format!(
                    "{name}: converting the HEIC photo took longer than {} s and was stopped; export it from the phone as JPEG and add that file",
                    self.timeout.as_secs_f32()
                )));
            }
            Err(Failure::Failed(why)) => {
                return Err(Error::Refused(format!(
                    "{name} is a damaged or unreadable HEIC/HEIF photo ({why}); copy it from the phone again, or export it as JPEG, and add the new file"
                )));
            }
        }
        // Several pictures in one file are written as photo-1.jpg, photo-2.jpg…: which one is the
        // evidence is not for Clerkfolio to guess.
        let jpeg = match std::fs::metadata(&output) {
            Ok(meta) if meta.len() <= MAX_EVIDENCE_BYTES => std::fs::read(&output).map_err(fail)?,
            Ok(_) => return Err(Error::Refused(format!("{name} converts to a JPEG over {} MB", MAX_EVIDENCE_BYTES / (1024 * 1024)))),
            Err(_) => {
                return Err(Error::Refused(format!(
                    "{name} holds several pictures (a burst or a collection); export the one you mean from the phone as JPEG and add that file"
                )));
            }
        };
        Ok(turned(heic, jpeg))
    }
}

/// The rendition turned once, the way the photo says. A HEIF turns its picture with its own
/// `irot`/`imir` properties, which `heif-convert` applies while decoding; HEIF readers then
/// ignore any EXIF orientation tag inside (iPhones write both), but libheif 1.15 copies the EXIF,
/// tag included, into the JPEG, where a reader would turn the picture a second time: so with
/// `irot`/`imir` present the rendition's EXIF goes. A HEIF without them whose EXIF says "rotate"
/// (heif-enc 1.15 made from a tagged JPEG writes exactly that) keeps its EXIF, which the packet,
/// previews and OCR honour as for any JPEG. The original keeps its EXIF either way.
pub fn turned(heic: &[u8], jpeg: Vec<u8>) -> Vec<u8> {
    if has_transform(heic) { without_exif(&jpeg) } else { jpeg }
}

/// Whether the file's `meta` box holds an `irot` or `imir` property (a 9-byte box each).
fn has_transform(bytes: &[u8]) -> bool {
    let mut at = 0usize;
    while let Some(head) = bytes.get(at..at + 8) {
        let size = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let end = if size == 0 { bytes.len() } else { at.saturating_add(size).min(bytes.len()) };
        if &head[4..8] == b"meta" {
            let meta = &bytes[at..end];
            return meta.windows(8).any(|w| w[..4] == 9u32.to_be_bytes() && (&w[4..] == b"irot" || &w[4..] == b"imir"));
        }
        if size < 8 {
            return false;
        }
        at = end;
    }
    false
}

/// The JPEG without its EXIF segments. `heif-convert` 1.15 copies the HEIF's EXIF, orientation
/// tag included, into the JPEG after it has already turned the pixels by the HEIF's `irot` and
/// `imir` (HEIF readers ignore the EXIF orientation: the HEIF's own transforms are the word); a
/// reader honouring that tag would turn the picture a second time. The original keeps its EXIF.
pub fn without_exif(jpeg: &[u8]) -> Vec<u8> {
    if !jpeg.starts_with(&[0xFF, 0xD8]) {
        return jpeg.to_vec();
    }
    let mut out = jpeg[..2].to_vec();
    let mut at = 2;
    // Markers up to the first scan (SOS) carry lengths; the rest is copied as it is.
    while at + 4 <= jpeg.len() && jpeg[at] == 0xFF && jpeg[at + 1] != 0xDA {
        let len = u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]) as usize;
        let end = (at + 2 + len).min(jpeg.len());
        let segment = &jpeg[at..end];
        if !(jpeg[at + 1] == 0xE1 && segment.get(4..10) == Some(b"Exif\0\0")) {
            out.extend_from_slice(segment);
        }
        at = end;
    }
    out.extend_from_slice(&jpeg[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brands_decide_not_the_box_alone() {
        let ftyp = |major: &[u8; 4], compat: &[u8]| {
            let mut b = ((16 + compat.len()) as u32).to_be_bytes().to_vec();
            b.extend_from_slice(b"ftyp");
            b.extend_from_slice(major);
            b.extend_from_slice(&[0; 4]);
            b.extend_from_slice(compat);
            b.extend_from_slice(b"more bytes");
            b
        };
        assert!(is_heic(&ftyp(b"heic", b"mif1heic")));
        assert!(is_heic(&ftyp(b"mif1", b"")));
        assert!(!is_heic(&ftyp(b"isom", b"isomiso2mp41")), "an MP4 video");
        assert!(!is_heic(&ftyp(b"qt  ", b"qt  ")), "a MOV video");
    }

    #[test]
    fn exif_goes_only_when_the_heif_turns_the_picture_itself() {
        let meta = |property: &[u8]| {
            let mut b = ((8 + property.len()) as u32).to_be_bytes().to_vec();
            b.extend_from_slice(b"meta");
            b.extend_from_slice(property);
            [&b"\0\0\0\x10ftypheic\0\0\0\0"[..], &b].concat()
        };
        let jpeg = [&[0xFF, 0xD8, 0xFF, 0xE1, 0, 8][..], b"Exif\0\0", &[0xFF, 0xD9]].concat();
        let irot = meta(&[0, 0, 0, 9, b'i', b'r', b'o', b't', 1]);
        let imir = meta(&[0, 0, 0, 9, b'i', b'm', b'i', b'r', 0]);
        let neither = meta(&[0, 0, 0, 9, b'p', b'i', b'x', b'i', 0]);
        assert_eq!(turned(&irot, jpeg.clone()), [0xFF, 0xD8, 0xFF, 0xD9]);
        assert_eq!(turned(&imir, jpeg.clone()), [0xFF, 0xD8, 0xFF, 0xD9]);
        assert_eq!(turned(&neither, jpeg.clone()), jpeg, "no transform of its own: the EXIF orientation is the only word");
    }

    #[test]
    fn exif_segments_are_dropped_and_the_rest_kept() {
        let app0 = [0xFF, 0xE0, 0, 4, 1, 2];
        let exif = [&[0xFF, 0xE1, 0, 10][..], b"Exif\0\0", &[9, 9]].concat();
        let rest = [0xFF, 0xDA, 0, 2, 7, 7, 0xFF, 0xD9];
        let jpeg = [&[0xFF, 0xD8][..], &app0, &exif, &rest].concat();
        assert_eq!(without_exif(&jpeg), [&[0xFF, 0xD8][..], &app0, &rest].concat());
    }
}
