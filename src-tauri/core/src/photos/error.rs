//! Why a file cannot become a profile photo, in words the admin can act on.

use super::limits::{MAX_BYTES, MAX_PIXELS, MIN_SIDE};
use super::sniff::SourceFormat;
use crate::{ErrorCode, WireError};

#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    #[error("The file is empty.")]
    Empty,
    #[error(
        "The file is {} MB; a profile photo can be made from a file of at most {} MB.",
        megabytes(*.bytes), megabytes(MAX_BYTES)
    )]
    TooLarge { bytes: usize },
    #[error("This is {found}, not a photo: choose a JPEG, PNG, GIF or WebP image.")]
    UnsupportedFormat { found: &'static str },
    #[error(
        "The image is {width} × {height} pixels; at most {} megapixels can be used.",
        MAX_PIXELS / 1_000_000
    )]
    TooManyPixels { width: u32, height: u32 },
    /// Within the pixel count, but decoding it would take more memory than allowed (a
    /// 16-bit image, say).
    #[error(
        "The image is {width} × {height} pixels and needs too much memory to open; save a \
         smaller copy and try again."
    )]
    TooDemanding { width: u32, height: u32 },
    #[error(
        "The image is {width} × {height} pixels; a profile photo needs at least {MIN_SIDE} \
         pixels on each side."
    )]
    TooSmall { width: u32, height: u32 },
    #[error("The {format} file is damaged or incomplete.")]
    Corrupt {
        format: SourceFormat,
        /// The decoder's words, for the log.
        detail: String,
    },
    /// A fault in Custodian, not in the image; the detail is for the log.
    #[error("The photo could not be made ({detail}).")]
    Internal { detail: String },
}

impl PhotoError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Internal { .. } => ErrorCode::Internal,
            _ => ErrorCode::InvalidImage,
        }
    }

    pub fn to_wire(&self) -> WireError {
        WireError::new(self.code(), self.to_string())
    }

    /// The `reason` the directory sends with `invalidImage` for the same refusal.
    pub fn reason(&self) -> &'static str {
        match self {
            // Nothing in it can be recognised as an image: the directory says the same.
            Self::Empty | Self::UnsupportedFormat { .. } => "unsupportedFormat",
            Self::TooLarge { .. } => "tooLarge",
            Self::TooManyPixels { .. } | Self::TooDemanding { .. } => "tooManyPixels",
            Self::TooSmall { .. } => "tooSmall",
            Self::Corrupt { .. } => "corrupt",
            // Never the image's fault, so nothing the directory would say.
            Self::Internal { .. } => "internal",
        }
    }

    pub(crate) fn corrupt(format: SourceFormat, detail: impl std::fmt::Display) -> Self {
        Self::Corrupt {
            format,
            detail: detail.to_string(),
        }
    }
}

fn megabytes(bytes: usize) -> String {
    let tenths = (bytes as u64 * 10).div_ceil(1024 * 1024);
    if tenths.is_multiple_of(10) {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}
