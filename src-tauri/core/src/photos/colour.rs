//! Every input to 8-bit sRGB, RGB or RGBA: grey and palette images are expanded, 16-bit
//! samples reduced, CMYK converted.

use image::{DynamicImage, GrayImage, RgbImage};

/// The `image` crate's decoders: RGB stays RGB, anything with alpha becomes RGBA.
pub(crate) fn to_srgb8(image: DynamicImage) -> DynamicImage {
    match image {
        DynamicImage::ImageRgb8(_) | DynamicImage::ImageRgba8(_) => image,
        other if other.color().has_alpha() => DynamicImage::ImageRgba8(other.to_rgba8()),
        other => DynamicImage::ImageRgb8(other.to_rgb8()),
    }
}

/// `jpeg-decoder`'s output. `None` when there are fewer samples than the size says.
pub(crate) fn from_jpeg(
    pixels: Vec<u8>,
    format: jpeg_decoder::PixelFormat,
    width: u32,
    height: u32,
) -> Option<DynamicImage> {
    use jpeg_decoder::PixelFormat;
    let image = match format {
        PixelFormat::RGB24 => RgbImage::from_raw(width, height, pixels)?,
        PixelFormat::L8 => {
            DynamicImage::ImageLuma8(GrayImage::from_raw(width, height, pixels)?).to_rgb8()
        }
        // Lossless JPEG, samples in native byte order: the high byte is the 8-bit value.
        PixelFormat::L16 => {
            let grey: Vec<u8> = pixels
                .chunks_exact(2)
                .map(|sample| (u16::from_ne_bytes([sample[0], sample[1]]) >> 8) as u8)
                .collect();
            DynamicImage::ImageLuma8(GrayImage::from_raw(width, height, grey)?).to_rgb8()
        }
        PixelFormat::CMYK32 => RgbImage::from_raw(width, height, cmyk_to_rgb(&pixels))?,
    };
    Some(DynamicImage::ImageRgb8(image))
}

/// `jpeg-decoder` gives ink amounts (it undoes Adobe's inverted storage and the YCCK
/// transform). With no ICC profile to go by, the naive conversion: what the ink and the black
/// leave of white, as libjpeg-turbo and zune-jpeg do.
fn cmyk_to_rgb(cmyk: &[u8]) -> Vec<u8> {
    let mut rgb = Vec::with_capacity(cmyk.len() / 4 * 3);
    for ink in cmyk.chunks_exact(4) {
        let white = 255 - u32::from(ink[3]);
        for &colour in &ink[..3] {
            // Rounded (a * b / 255).
            let value = (255 - u32::from(colour)) * white + 128;
            rgb.push(((value + (value >> 8)) >> 8) as u8);
        }
    }
    rgb
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmyk_inks_leave_the_expected_colours() {
        let rgb = cmyk_to_rgb(&[0, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 255, 0, 255, 255, 0]);
        assert_eq!(rgb, [255, 255, 255, 0, 255, 255, 0, 0, 0, 255, 0, 0]);
        assert_eq!(cmyk_to_rgb(&[0, 0, 0, 128]), [127, 127, 127]);
    }
}
