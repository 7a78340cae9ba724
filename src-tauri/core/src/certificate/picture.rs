//! Pictures (JPEG, PNG) made ready for OCR: decoded within limits, turned upright per their EXIF
//! orientation (phones store the sensor's pixels and a "rotate me" tag; Tesseract ignores the tag
//! and reads sideways text poorly), grayscale, and scaled to at most [`super::ocr::MAX_SIDE`].

use image::{DynamicImage, ImageDecoder, ImageReader, imageops::FilterType};

use super::ocr::MAX_SIDE;

/// Decodes a JPEG or PNG and returns it upright, grayscale, at most `MAX_SIDE` pixels on its
/// longest side. Allocation is bounded (a 100 MP picture is refused rather than decoded).
pub fn upright_gray(bytes: &[u8]) -> Result<image::GrayImage, String> {
    let mut reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("the picture cannot be read: {e}"))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| format!("the picture cannot be read: {e}"))?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| format!("the picture is damaged: {e}"))?;
    img.apply_orientation(orientation);
    let (w, h) = (img.width(), img.height());
    let longest = w.max(h);
    let img = if longest > MAX_SIDE {
        let k = MAX_SIDE as f32 / longest as f32;
        img.resize((w as f32 * k) as u32, (h as f32 * k) as u32, FilterType::Triangle)
    } else {
        img
    };
    Ok(img.to_luma8())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG with an EXIF APP1 segment saying "rotate 90° clockwise" (orientation 6).
    fn jpeg_with_orientation(img: &image::RgbImage, orientation: u16) -> Vec<u8> {
        let mut plain = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90).encode_image(img).unwrap();
        // TIFF header (big-endian), one IFD entry: tag 0x0112 SHORT count 1 value.
        let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01".to_vec();
        tiff.extend_from_slice(&orientation.to_be_bytes());
        tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&tiff);
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&app1);
        out.extend_from_slice(&plain[2..]);
        out
    }

    #[test]
    fn exif_orientation_is_applied() {
        // 40 wide, 20 high, dark on the left half.
        let img = image::RgbImage::from_fn(40, 20, |x, _| if x < 20 { image::Rgb([0, 0, 0]) } else { image::Rgb([255, 255, 255]) });
        let upright = upright_gray(&jpeg_with_orientation(&img, 6)).unwrap();
        assert_eq!((upright.width(), upright.height()), (20, 40));
        // Rotated 90° clockwise, the dark left half is now the top half.
        assert!(upright.get_pixel(10, 5).0[0] < 60 && upright.get_pixel(10, 35).0[0] > 200);
    }

    #[test]
    fn garbage_is_refused_softly() {
        assert!(upright_gray(b"\xFF\xD8\xFF\xE0 not really").is_err());
    }
}
