//! Pixels out of the file, upright. Dimensions are checked from the header before the
//! decoder allocates anything, and the decoder works within the memory budget.
//!
//! JPEG goes through `jpeg-decoder`, which can decode at 1/2, 1/4 or 1/8 scale straight from
//! the DCT coefficients: a 24-megapixel photo shrunk to a 512-pixel avatar never exists at
//! full size. The other formats go through the `image` crate.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageReader};

use super::SourceInfo;
use super::colour;
use super::error::PhotoError;
use super::limits::Limits;
use super::sniff::SourceFormat;

/// An upright image in 8-bit sRGB (RGB or RGBA), and what the file held.
pub(crate) struct Decoded {
    pub image: DynamicImage,
    pub source: SourceInfo,
}

/// Decodes `bytes`; `short_side` is the shorter side the result needs at least (when the
/// format can decode smaller than full size).
pub(crate) fn decode(
    bytes: &[u8],
    format: SourceFormat,
    limits: &Limits,
    short_side: impl Fn(u32, u32) -> u32,
) -> Result<Decoded, PhotoError> {
    let (image, width, height, orientation) = match format {
        SourceFormat::Jpeg => jpeg(bytes, limits, short_side)?,
        _ => other(bytes, format, limits)?,
    };
    let mut image = image;
    image.apply_orientation(orientation);
    let (width, height) = if swaps_sides(orientation) {
        (height, width)
    } else {
        (width, height)
    };
    Ok(Decoded {
        image,
        source: SourceInfo {
            format,
            width,
            height,
        },
    })
}

fn swaps_sides(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

type Raw = (DynamicImage, u32, u32, Orientation);

fn jpeg(
    bytes: &[u8],
    limits: &Limits,
    short_side: impl Fn(u32, u32) -> u32,
) -> Result<Raw, PhotoError> {
    let corrupt = |error: jpeg_decoder::Error| PhotoError::corrupt(SourceFormat::Jpeg, error);
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.read_info().map_err(corrupt)?;
    let info = decoder
        .info()
        .ok_or_else(|| PhotoError::corrupt(SourceFormat::Jpeg, "no frame header"))?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    limits.check_dimensions(width, height)?;
    if !jpeg_is_whole(bytes, width, height) {
        return Err(PhotoError::corrupt(
            SourceFormat::Jpeg,
            "cut short, or too short for its declared size",
        ));
    }
    let orientation = decoder
        .exif_data()
        .and_then(Orientation::from_exif_chunk)
        .unwrap_or(Orientation::NoTransforms);

    let denominator = scale_denominator(width.min(height), short_side(width, height));
    let (scaled_width, scaled_height) = decoder
        .scale(
            scaled(info.width, denominator),
            scaled(info.height, denominator),
        )
        .map_err(corrupt)?;
    let (scaled_width, scaled_height) = (u32::from(scaled_width), u32::from(scaled_height));
    let pixel_bytes = info.pixel_format.pixel_bytes() as u64;
    limits.check_buffer(
        u64::from(scaled_width) * u64::from(scaled_height) * pixel_bytes,
        width,
        height,
    )?;
    decoder.set_max_decoding_buffer_size(
        usize::try_from(limits.max_decoder_bytes).unwrap_or(usize::MAX),
    );
    let pixels = decoder.decode().map_err(|error| match error {
        jpeg_decoder::Error::Format(ref text) if text.contains("buffer size") => {
            PhotoError::TooDemanding { width, height }
        }
        other => corrupt(other),
    })?;
    let image = colour::from_jpeg(pixels, info.pixel_format, scaled_width, scaled_height)
        .ok_or_else(|| {
            PhotoError::corrupt(SourceFormat::Jpeg, "fewer pixels than the header declares")
        })?;
    Ok((image, width, height, orientation))
}

/// The largest of 8, 4 and 2 that still leaves `needed` pixels on the shorter side, else 1.
fn scale_denominator(short_side: u32, needed: u32) -> u16 {
    [8u16, 4, 2]
        .into_iter()
        .find(|&d| short_side.div_ceil(u32::from(d)) >= needed)
        .unwrap_or(1)
}

fn scaled(side: u16, denominator: u16) -> u16 {
    side.div_ceil(denominator)
}

/// Whether a JPEG declaring `width` × `height` can hold them. Decoders fill what is
/// missing with grey rather than fail, so two things are checked here:
///
/// - its end-of-image marker comes after its last start-of-scan (a file cut short loses it;
///   an embedded EXIF thumbnail has markers of its own, but always before the image's scans);
/// - it has at least one bit per 8 × 8 block at full resolution (every block codes its DC
///   value in at least one bit), so a small file claiming a big image is refused before
///   the decoder allocates for it.
pub fn jpeg_is_whole(bytes: &[u8], width: u32, height: u32) -> bool {
    let blocks = u64::from(width.div_ceil(8)) * u64::from(height.div_ceil(8));
    if (bytes.len() as u64) * 8 < blocks {
        return false;
    }
    // Backwards, the end marker must come before any start-of-scan.
    bytes
        .windows(2)
        .rev()
        .find_map(|pair| match pair {
            [0xff, 0xd9] => Some(true),
            [0xff, 0xda] => Some(false),
            _ => None,
        })
        .unwrap_or(false)
}

fn other(bytes: &[u8], format: SourceFormat, limits: &Limits) -> Result<Raw, PhotoError> {
    let corrupt = |error: ImageError| PhotoError::corrupt(format, error);
    // The PNG decoder weighs the declared size against its budget as it opens: the
    // refusal must say what the header declared.
    let declared = declared_size(bytes, format);
    if let Some((width, height)) = declared {
        limits.check_dimensions(width, height)?;
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.image_format());
    reader.limits(limits.for_image_crate());
    let mut decoder = reader
        .into_decoder()
        .map_err(|error| match (error, declared) {
            (ImageError::Limits(_), Some((width, height))) => {
                PhotoError::TooDemanding { width, height }
            }
            (other, _) => corrupt(other),
        })?;
    let (width, height) = decoder.dimensions();
    limits.check_dimensions(width, height)?;
    limits.check_buffer(decoder.total_bytes(), width, height)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(|error| match error {
        ImageError::Limits(_) => PhotoError::TooDemanding { width, height },
        other => corrupt(other),
    })?;
    Ok((colour::to_srgb8(image), width, height, orientation))
}

/// The size a PNG's IHDR or a GIF's logical screen declares, read from fixed offsets.
fn declared_size(bytes: &[u8], format: SourceFormat) -> Option<(u32, u32)> {
    let be = |at: usize| Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    let le = |at: usize| {
        Some(u32::from(u16::from_le_bytes(
            bytes.get(at..at + 2)?.try_into().ok()?,
        )))
    };
    match format {
        SourceFormat::Png if bytes.get(12..16) == Some(b"IHDR") => Some((be(16)?, be(20)?)),
        SourceFormat::Gif => Some((le(6)?, le(8)?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_decodes_at_the_smallest_scale_that_keeps_enough_pixels() {
        assert_eq!(scale_denominator(4000, 512), 4);
        assert_eq!(scale_denominator(4096, 512), 8);
        assert_eq!(scale_denominator(4000, 1024), 2);
        assert_eq!(scale_denominator(600, 512), 1);
        assert_eq!(scale_denominator(100, 512), 1);
    }

    #[test]
    fn a_jpeg_cut_short_or_too_short_for_its_size_is_not_whole() {
        let whole = |bytes: &[u8]| jpeg_is_whole(bytes, 8, 8);
        assert!(whole(b"\xff\xd8\xff\xda\x00\x08data\xff\xd9"));
        assert!(!whole(b"\xff\xd8\xff\xda\x00\x08da"));
        // The end marker of an embedded thumbnail does not count.
        assert!(!whole(b"\xff\xd8\xff\xda\xff\xd9\xff\xda\x00\x08da"));
        assert!(!whole(b"\xff\xd8\xff\xe0"));
        // 12 bytes are 96 bits: enough for 96 blocks, not 97.
        let twelve = b"\xff\xd8\xff\xda\x00\x08da\xff\xd9\x00\x00";
        assert!(jpeg_is_whole(twelve, 8 * 96, 8));
        assert!(!jpeg_is_whole(twelve, 8 * 97, 8));
    }
}
