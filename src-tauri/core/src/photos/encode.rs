//! The photo as a file: JPEG, or PNG when it has any transparency. Written from pixels
//! alone, so nothing of the original's metadata (EXIF, GPS position, camera, comments, ICC)
//! survives.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{DynamicImage, ImageEncoder};

use super::error::PhotoError;

/// High enough that faces keep their detail, small enough (~40 KB at 512 px) to sync.
pub const JPEG_QUALITY: u8 = 88;

pub(crate) struct Encoded {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
}

pub(crate) fn encode(image: &DynamicImage) -> Result<Encoded, PhotoError> {
    let internal = |error: image::ImageError| PhotoError::Internal {
        detail: error.to_string(),
    };
    let mut bytes = Vec::new();
    if has_transparency(image) {
        let rgba = image.to_rgba8();
        PngEncoder::new_with_quality(&mut bytes, CompressionType::Best, FilterType::Adaptive)
            .write_image(
                &rgba,
                rgba.width(),
                rgba.height(),
                image::ExtendedColorType::Rgba8,
            )
            .map_err(internal)?;
        return Ok(Encoded {
            bytes,
            content_type: "image/png",
        });
    }
    let rgb = image.to_rgb8();
    JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY)
        .write_image(
            &rgb,
            rgb.width(),
            rgb.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(internal)?;
    Ok(Encoded {
        bytes,
        content_type: "image/jpeg",
    })
}

fn has_transparency(image: &DynamicImage) -> bool {
    match image {
        DynamicImage::ImageRgba8(rgba) => rgba.pixels().any(|pixel| pixel[3] < 255),
        _ => false,
    }
}
