//! The square cut out and scaled in one pass of a SIMD convolution resizer (Lanczos3: sharp
//! without ringing worth seeing at avatar sizes).

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, RgbImage, RgbaImage};

use super::crop::Square;
use super::error::PhotoError;

/// `image` (8-bit RGB or RGBA) cut to `square` and scaled to `side` × `side`.
pub(crate) fn square(
    image: &DynamicImage,
    square: Square,
    side: u32,
) -> Result<DynamicImage, PhotoError> {
    let mut resized = if image.color().has_alpha() {
        DynamicImage::ImageRgba8(RgbaImage::new(side, side))
    } else {
        DynamicImage::ImageRgb8(RgbImage::new(side, side))
    };
    let options = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
        .crop(square.left, square.top, square.side, square.side);
    Resizer::new()
        .resize(image, &mut resized, &options)
        .map_err(|error| PhotoError::Internal {
            detail: error.to_string(),
        })?;
    Ok(resized)
}
