//! Profile photos: any image an admin drops becomes a 512 × 512 avatar, safely.
//!
//! The steps, one file each: `sniff` the format from the bytes; check the `limits`
//! (file size, then the header's pixel count, before anything is allocated); `decode` it
//! upright within a memory budget (JPEG at a reduced scale when the avatar needs fewer
//! pixels); convert its `colour` to 8-bit sRGB; cut the `crop` square and `resize` it;
//! `encode` it from the pixels alone, so no metadata leaves the machine.
//!
//! Everything here is CPU work: call it off the UI thread (`spawn_blocking`).

mod colour;
mod crop;
mod decode;
mod encode;
mod error;
pub mod limits;
mod resize;
pub mod sniff;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crop::Crop;
pub use decode::jpeg_is_whole;
pub use encode::JPEG_QUALITY;
pub use error::PhotoError;
pub use limits::Limits;
pub use sniff::{SourceFormat, sniff};

/// The side of an avatar, in pixels.
pub const AVATAR_SIDE: u32 = 512;

/// What the admin's file held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceInfo {
    pub format: SourceFormat,
    /// The image as it is seen: after its EXIF orientation, so a portrait photo taken with
    /// the phone on its side is taller than wide here.
    pub width: u32,
    pub height: u32,
}

/// A photo ready to upload: a square JPEG (or PNG, when it has transparency).
#[derive(Clone, PartialEq, Eq)]
pub struct PreparedPhoto {
    pub bytes: Vec<u8>,
    /// `"image/jpeg"` or `"image/png"`.
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
    pub source: SourceInfo,
}

impl std::fmt::Debug for PreparedPhoto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedPhoto")
            .field("bytes", &self.bytes.len())
            .field("content_type", &self.content_type)
            .field("width", &self.width)
            .field("height", &self.height)
            .field("source", &self.source)
            .finish()
    }
}

impl PreparedPhoto {
    /// A photo `prepare` made, kept as its bytes and type (in the outbox) and taken up
    /// again; None when they are not one.
    pub fn kept(bytes: Vec<u8>, content_type: &str) -> Option<Self> {
        let (content_type, format) = match content_type {
            "image/jpeg" => ("image/jpeg", SourceFormat::Jpeg),
            "image/png" => ("image/png", SourceFormat::Png),
            _ => return None,
        };
        let reader = image::ImageReader::with_format(
            std::io::Cursor::new(bytes.as_slice()),
            format.image_format(),
        );
        let (width, height) = reader.into_dimensions().ok()?;
        Some(Self {
            bytes,
            content_type,
            width,
            height,
            source: SourceInfo {
                format,
                width,
                height,
            },
        })
    }
}

/// Makes the 512 × 512 avatar from an image file's bytes, cropped as `crop` says (by
/// default the largest centred square).
pub fn prepare(bytes: &[u8], crop: Option<Crop>) -> Result<PreparedPhoto, PhotoError> {
    prepare_within(bytes, crop, &Limits::default())
}

/// [`prepare`] within other limits.
pub fn prepare_within(
    bytes: &[u8],
    crop: Option<Crop>,
    limits: &Limits,
) -> Result<PreparedPhoto, PhotoError> {
    limits.check_file(bytes)?;
    let format = match sniff(bytes) {
        sniff::Sniffed::Image(format) => format,
        sniff::Sniffed::Other(found) => return Err(PhotoError::UnsupportedFormat { found }),
    };
    let crop = crop.unwrap_or_default();
    let zoom = |width: u32, height: u32| crop.zoom(width.min(height), limits.min_side);
    let decoded = decode::decode(bytes, format, limits, |width, height| {
        (f64::from(AVATAR_SIDE) * zoom(width, height)).ceil() as u32
    })?;
    let source = decoded.source;
    let image = decoded.image;
    let square = crop.square(
        image.width(),
        image.height(),
        zoom(source.width, source.height),
    );
    let avatar = resize::square(&image, square, AVATAR_SIDE)?;
    drop(image);
    let encoded = encode::encode(&avatar)?;
    Ok(PreparedPhoto {
        bytes: encoded.bytes,
        content_type: encoded.content_type,
        width: AVATAR_SIDE,
        height: AVATAR_SIDE,
        source,
    })
}

/// A smaller copy of a prepared photo, `side` × `side`, for the account list (64 px, say).
pub fn thumbnail(photo: &PreparedPhoto, side: u32) -> Result<PreparedPhoto, PhotoError> {
    let format = match photo.content_type {
        "image/png" => SourceFormat::Png,
        _ => SourceFormat::Jpeg,
    };
    let image = image::load_from_memory_with_format(&photo.bytes, format.image_format())
        .map_err(|error| PhotoError::corrupt(format, error))?;
    let image = colour::to_srgb8(image);
    let square = Crop::default().square(image.width(), image.height(), 1.0);
    let small = resize::square(&image, square, side.max(1))?;
    let encoded = encode::encode(&small)?;
    Ok(PreparedPhoto {
        bytes: encoded.bytes,
        content_type: encoded.content_type,
        width: side.max(1),
        height: side.max(1),
        source: photo.source,
    })
}
