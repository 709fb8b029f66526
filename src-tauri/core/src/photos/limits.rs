//! How much a photo may cost before it is refused: checked from the file's size and its
//! header, before any pixel buffer is allocated, so a small file claiming a huge image
//! (a decompression bomb) costs nothing. The directory refuses by the same figures.

use super::error::PhotoError;

/// The largest file accepted, as the directory counts it.
pub const MAX_BYTES: usize = 25 * 1024 * 1024;
/// The most pixels an image may declare.
pub const MAX_PIXELS: u64 = 100_000_000;
/// The shortest side a profile photo can be made from.
pub const MIN_SIDE: u32 = 64;
/// What a decoder may allocate: a 100-megapixel RGBA image fits, a 16-bit one does not.
pub const MAX_DECODER_BYTES: u64 = 512 * 1024 * 1024;

/// The budget one image is decoded within. [`Limits::default`] is what Custodian uses;
/// tests lower it to prove a refusal comes before the allocation it prevents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_pixels: u64,
    pub min_side: u32,
    pub max_decoder_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: MAX_BYTES,
            max_pixels: MAX_PIXELS,
            min_side: MIN_SIDE,
            max_decoder_bytes: MAX_DECODER_BYTES,
        }
    }
}

impl Limits {
    pub(crate) fn check_file(&self, bytes: &[u8]) -> Result<(), PhotoError> {
        if bytes.is_empty() {
            return Err(PhotoError::Empty);
        }
        if bytes.len() > self.max_bytes {
            return Err(PhotoError::TooLarge { bytes: bytes.len() });
        }
        Ok(())
    }

    /// The dimensions a header declares, before decoding.
    pub(crate) fn check_dimensions(&self, width: u32, height: u32) -> Result<(), PhotoError> {
        if u64::from(width) * u64::from(height) > self.max_pixels {
            return Err(PhotoError::TooManyPixels { width, height });
        }
        if width.min(height) < self.min_side {
            return Err(PhotoError::TooSmall { width, height });
        }
        Ok(())
    }

    /// What a decoder is about to allocate for the pixels.
    pub(crate) fn check_buffer(
        &self,
        bytes: u64,
        width: u32,
        height: u32,
    ) -> Result<(), PhotoError> {
        if bytes > self.max_decoder_bytes {
            return Err(PhotoError::TooDemanding { width, height });
        }
        Ok(())
    }

    pub(crate) fn for_image_crate(&self) -> image::Limits {
        let mut limits = image::Limits::default();
        limits.max_alloc = Some(self.max_decoder_bytes);
        limits
    }
}
