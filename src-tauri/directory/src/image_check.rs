//! Whether uploaded bytes are an image usable as a profile picture. The format is sniffed
//! from the bytes (never trusted from Content-Type), and the pixel count is read from the
//! header before anything is decoded, so a small file claiming a huge image costs nothing.

use std::io::Cursor;

use custodian_core::photos;
use image::{ImageFormat, ImageReader, Limits};

// The console's pipeline refuses by the same figures, before it uploads.
pub use photos::limits::{MAX_BYTES, MAX_PIXELS, MIN_SIDE};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    TooLarge,
    /// Not JPEG, PNG, GIF or WebP.
    UnsupportedFormat,
    TooManyPixels,
    TooSmall,
    /// The header promised an image the data does not hold.
    Corrupt,
}

impl Refusal {
    /// The `reason` sent in `{key: "invalidImage", context: {reason}}`.
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::TooLarge => "tooLarge",
            Refusal::UnsupportedFormat => "unsupportedFormat",
            Refusal::TooManyPixels => "tooManyPixels",
            Refusal::TooSmall => "tooSmall",
            Refusal::Corrupt => "corrupt",
        }
    }
}

/// A checked image: its format's MIME type, for serving it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    pub content_type: &'static str,
}

pub fn check(bytes: &[u8]) -> Result<Checked, Refusal> {
    if bytes.len() > MAX_BYTES {
        return Err(Refusal::TooLarge);
    }
    let format = image::guess_format(bytes).map_err(|_| Refusal::UnsupportedFormat)?;
    let content_type = match format {
        ImageFormat::Jpeg => "image/jpeg",
        ImageFormat::Png => "image/png",
        ImageFormat::Gif => "image/gif",
        ImageFormat::WebP => "image/webp",
        _ => return Err(Refusal::UnsupportedFormat),
    };
    let reader = || ImageReader::with_format(Cursor::new(bytes), format);
    let (width, height) = reader().into_dimensions().map_err(|_| Refusal::Corrupt)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Refusal::TooManyPixels);
    }
    if width.min(height) < MIN_SIDE {
        return Err(Refusal::TooSmall);
    }
    // JPEG decoders fill a file cut short with grey rather than fail.
    if format == ImageFormat::Jpeg && !photos::jpeg_is_whole(bytes, width, height) {
        return Err(Refusal::Corrupt);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    limits.max_alloc = Some(MAX_PIXELS * 4);
    let mut decoder = reader();
    decoder.limits(limits);
    decoder.decode().map_err(|_| Refusal::Corrupt)?;
    Ok(Checked { content_type })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::new(width, height);
        let mut bytes = Cursor::new(Vec::new());
        let written = image.write_to(&mut bytes, ImageFormat::Png);
        assert!(written.is_ok());
        bytes.into_inner()
    }

    #[test]
    fn a_square_png_passes() {
        assert_eq!(
            check(&png(64, 80)),
            Ok(Checked {
                content_type: "image/png"
            })
        );
    }

    #[test]
    fn small_truncated_and_foreign_files_are_refused() {
        assert_eq!(check(&png(63, 200)), Err(Refusal::TooSmall));
        let truncated = png(200, 200);
        assert_eq!(
            check(&truncated[..truncated.len() / 2]),
            Err(Refusal::Corrupt)
        );
        assert_eq!(
            check(b"%PDF-1.7 not an image"),
            Err(Refusal::UnsupportedFormat)
        );
    }

    #[test]
    fn a_header_claiming_too_many_pixels_is_refused_before_decoding() {
        // A valid PNG signature and IHDR for 20,000 x 20,000, with no pixel data at all.
        let mut bytes = png(64, 64);
        bytes[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&20_000u32.to_be_bytes());
        let crc = crc32fast::hash(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(check(&bytes), Err(Refusal::TooManyPixels));
    }
}
