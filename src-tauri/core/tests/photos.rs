//! The profile photo pipeline against the bad and hard inputs an admin can drop: every
//! refusal names its reason, every accepted image comes out a clean 512 × 512 avatar. The
//! fixtures are made here, at run time; the hostile ones by hand.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test that cannot proceed should panic

use std::io::Cursor;
use std::time::{Duration, Instant};

use custodian_core::ErrorCode;
use custodian_core::photos::{
    self, Crop, Limits, PhotoError, PreparedPhoto, SourceFormat, SourceInfo,
};
use image::codecs::gif::GifEncoder;
use image::{DynamicImage, Frame, ImageBuffer, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};

// ---------------------------------------------------------------------------------------
// Fixtures

fn encode(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Cursor::new(Vec::new());
    image.write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}

fn jpeg(image: &RgbImage) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 92)
        .encode_image(image)
        .unwrap();
    bytes
}

fn png(image: &RgbImage) -> Vec<u8> {
    encode(&DynamicImage::ImageRgb8(image.clone()), ImageFormat::Png)
}

/// A photo-like picture: smooth colour, so JPEG keeps it close.
fn gradient(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 128])
    })
}

const RED: [u8; 3] = [230, 30, 30];
const GREEN: [u8; 3] = [30, 200, 30];
const BLUE: [u8; 3] = [30, 30, 230];
const WHITE: [u8; 3] = [250, 250, 250];

/// Four flat quadrants: top-left red, top-right green, bottom-left blue, bottom-right white.
fn quadrants(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        Rgb(match (x < width / 2, y < height / 2) {
            (true, true) => RED,
            (false, true) => GREEN,
            (true, false) => BLUE,
            (false, false) => WHITE,
        })
    })
}

/// The PNG with its IHDR claiming `width` × `height` (the CRC made right), pixels unchanged.
fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = png(&gradient(64, 64));
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32fast::hash(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

/// The JPEG with its frame header claiming `width` × `height`.
fn jpeg_declaring(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = jpeg(&gradient(64, 64));
    let sof = bytes
        .windows(2)
        .position(|pair| pair == [0xff, 0xc0])
        .unwrap();
    bytes[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    bytes
}

/// An APP1 EXIF segment (big-endian TIFF) with the orientation, a GPS position the
/// pipeline must not pass on, and a camera note.
fn exif_segment(orientation: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0\x2a\0\0\0\x08");
    tiff.extend_from_slice(&2u16.to_be_bytes()); // two entries
    // Orientation, SHORT, 1 value, in place.
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    // GPSInfo IFD pointer, LONG, 1 value: the GPS IFD right after this one.
    tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1]);
    let gps_ifd = 8 + 2 + 2 * 12 + 4;
    tiff.extend_from_slice(&(gps_ifd as u32).to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0]); // no next IFD
    // GPS IFD: GPSLatitudeRef "N", then the secret in an ASCII tag (GPSMapDatum).
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend_from_slice(&[0x00, 0x01, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    let datum = b"GPS 48.8584N 2.2945E\0";
    let datum_at = gps_ifd + 2 + 2 * 12 + 4;
    tiff.extend_from_slice(&[0x00, 0x12, 0, 2]);
    tiff.extend_from_slice(&(datum.len() as u32).to_be_bytes());
    tiff.extend_from_slice(&(datum_at as u32).to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    tiff.extend_from_slice(datum);

    let mut segment = vec![0xff, 0xe1];
    segment.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
    segment.extend_from_slice(b"Exif\0\0");
    segment.extend_from_slice(&tiff);
    segment
}

/// `jpeg` with an EXIF segment and a comment inserted after its start-of-image marker.
fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let comment = b"Taken at home, 12 Rue Example";
    let mut bytes = jpeg[..2].to_vec();
    bytes.extend_from_slice(&exif_segment(orientation));
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(&((comment.len() + 2) as u16).to_be_bytes());
    bytes.extend_from_slice(comment);
    bytes.extend_from_slice(&jpeg[2..]);
    bytes
}

fn cmyk_jpeg(width: u16, height: u16, ink: [u8; 4]) -> Vec<u8> {
    let pixels: Vec<u8> = ink
        .iter()
        .copied()
        .cycle()
        .take(usize::from(width) * usize::from(height) * 4)
        .collect();
    let mut bytes = Vec::new();
    jpeg_encoder::Encoder::new(&mut bytes, 95)
        .encode(&pixels, width, height, jpeg_encoder::ColorType::Cmyk)
        .unwrap();
    bytes
}

// ---------------------------------------------------------------------------------------
// Checks

fn decoded(photo: &PreparedPhoto) -> RgbaImage {
    let format = match photo.content_type {
        "image/jpeg" => ImageFormat::Jpeg,
        "image/png" => ImageFormat::Png,
        other => panic!("unexpected content type {other}"),
    };
    let image = image::load_from_memory_with_format(&photo.bytes, format).unwrap();
    assert_eq!((image.width(), image.height()), (photo.width, photo.height));
    image.to_rgba8()
}

fn assert_close(actual: [u8; 3], expected: [u8; 3], what: &str) {
    let far = actual.iter().zip(expected).any(|(a, e)| a.abs_diff(e) > 12);
    assert!(!far, "{what}: {actual:?}, expected about {expected:?}");
}

fn rgb_at(image: &RgbaImage, x: u32, y: u32) -> [u8; 3] {
    let pixel = image.get_pixel(x, y);
    [pixel[0], pixel[1], pixel[2]]
}

/// The JPEG's marker segments before its first scan.
fn jpeg_markers(bytes: &[u8]) -> Vec<u8> {
    let mut markers = Vec::new();
    let mut at = 2;
    while at + 4 <= bytes.len() && bytes[at] == 0xff {
        let marker = bytes[at + 1];
        markers.push(marker);
        if marker == 0xda {
            break;
        }
        let length = u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]) as usize;
        at += 2 + length;
    }
    markers
}

fn refusal(bytes: &[u8]) -> PhotoError {
    let error = photos::prepare(bytes, None).expect_err("refused");
    assert_eq!(error.code(), ErrorCode::InvalidImage, "{error}");
    error
}

fn accepted(bytes: &[u8]) -> PreparedPhoto {
    let photo = photos::prepare(bytes, None).unwrap();
    assert_eq!((photo.width, photo.height), (512, 512));
    photo
}

// ---------------------------------------------------------------------------------------
// Refused, with a reason

#[test]
fn zero_bytes_are_refused_as_empty() {
    let error = refusal(b"");
    assert!(matches!(error, PhotoError::Empty), "{error:?}");
    assert_eq!(error.reason(), "unsupportedFormat");
    assert_eq!(error.to_string(), "The file is empty.");
}

#[test]
fn a_truncated_jpeg_is_refused_as_corrupt() {
    let whole = jpeg(&gradient(400, 300));
    for cut in [whole.len() / 2, whole.len() - 2, 700] {
        let error = refusal(&whole[..cut]);
        assert!(
            matches!(
                error,
                PhotoError::Corrupt {
                    format: SourceFormat::Jpeg,
                    ..
                }
            ),
            "cut at {cut}: {error:?}"
        );
        assert_eq!(error.reason(), "corrupt");
        assert_eq!(error.to_string(), "The JPEG file is damaged or incomplete.");
    }
}

#[test]
fn a_truncated_png_is_refused_as_corrupt() {
    let whole = png(&gradient(400, 300));
    for cut in [whole.len() / 2, whole.len() - 12, 40] {
        let error = refusal(&whole[..cut]);
        assert!(
            matches!(
                error,
                PhotoError::Corrupt {
                    format: SourceFormat::Png,
                    ..
                }
            ),
            "cut at {cut}: {error:?}"
        );
        assert_eq!(error.reason(), "corrupt");
    }
}

#[test]
fn a_text_file_named_jpg_is_refused_by_what_it_is() {
    // Only the bytes count: a name like "photo.jpg" never reaches the pipeline.
    let error = refusal(b"Dear admin,\nthis is not a photo.\n");
    assert!(
        matches!(
            error,
            PhotoError::UnsupportedFormat {
                found: "a text file"
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.reason(), "unsupportedFormat");
    assert_eq!(
        error.to_string(),
        "This is a text file, not a photo: choose a JPEG, PNG, GIF or WebP image."
    );
}

#[test]
fn other_formats_are_named() {
    // A BMP file header and the start of its info header.
    let bmp = b"BM\x36\x75\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0\x64\0\0\0";
    let cases: [(&[u8], &str); 4] = [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
        (bmp, "a BMP image"),
        (b"\0\0\0\x1cftypheic\0\0\0\0mif1heic", "a HEIC image"),
        (
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "an SVG drawing",
        ),
    ];
    for (bytes, name) in cases {
        let error = refusal(bytes);
        assert!(
            error.to_string().starts_with(&format!("This is {name},")),
            "{error}"
        );
        assert_eq!(error.reason(), "unsupportedFormat");
    }
}

#[test]
fn a_png_declaring_50000_by_50000_pixels_is_refused_before_allocating() {
    let bomb = png_declaring(50_000, 50_000);
    assert!(bomb.len() < 1000, "a small file");
    let started = Instant::now();
    let error = refusal(&bomb);
    assert!(
        started.elapsed() < Duration::from_millis(100),
        "{:?}",
        started.elapsed()
    );
    assert!(
        matches!(
            error,
            PhotoError::TooManyPixels {
                width: 50_000,
                height: 50_000
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.reason(), "tooManyPixels");

    // With a decoder budget of 64 KiB, far below the 7.5 GB the pixels would take, the
    // refusal is still the pixel count: nothing was allocated for them.
    let tiny = Limits {
        max_decoder_bytes: 64 * 1024,
        ..Limits::default()
    };
    let error = photos::prepare_within(&bomb, None, &tiny).unwrap_err();
    assert!(
        matches!(error, PhotoError::TooManyPixels { .. }),
        "{error:?}"
    );
}

#[test]
fn a_jpeg_declaring_too_many_pixels_is_refused_from_its_header() {
    let started = Instant::now();
    let error = refusal(&jpeg_declaring(60_000, 60_000));
    assert!(started.elapsed() < Duration::from_millis(100));
    assert!(
        matches!(
            error,
            PhotoError::TooManyPixels {
                width: 60_000,
                height: 60_000
            }
        ),
        "{error:?}"
    );
}

#[test]
fn the_decoder_memory_budget_is_enforced_before_decoding() {
    // 9,000 × 9,000 is within the pixel count but, as RGB, 243 MB (3.8 MB for the JPEG,
    // decoded at 1/8 scale): over a 1 MiB budget, it is refused from the header, before any
    // pixel data is read.
    let limits = Limits {
        max_decoder_bytes: 1024 * 1024,
        ..Limits::default()
    };
    let mut big_jpeg = jpeg_declaring(9_000, 9_000);
    big_jpeg.resize(big_jpeg.len() + 200_000, 0); // long enough to be believed
    for bytes in [png_declaring(9_000, 9_000), big_jpeg] {
        let started = Instant::now();
        let error = photos::prepare_within(&bytes, None, &limits).unwrap_err();
        assert!(started.elapsed() < Duration::from_millis(100));
        assert!(
            matches!(
                error,
                PhotoError::TooDemanding {
                    width: 9_000,
                    height: 9_000
                }
            ),
            "{error:?}"
        );
        assert_eq!(error.reason(), "tooManyPixels");
    }
}

#[test]
fn a_small_jpeg_claiming_a_big_image_is_refused_as_corrupt() {
    // 1 KB cannot hold 9,000 × 9,000 pixels: decoders would fill them with grey.
    let started = Instant::now();
    let error = refusal(&jpeg_declaring(9_000, 9_000));
    assert!(started.elapsed() < Duration::from_millis(100));
    assert!(matches!(error, PhotoError::Corrupt { .. }), "{error:?}");
}

#[test]
fn a_file_over_25_megabytes_is_refused_unread() {
    let mut bytes = jpeg(&gradient(100, 100));
    bytes.resize(25 * 1024 * 1024 + 1, 0);
    let error = refusal(&bytes);
    assert!(matches!(error, PhotoError::TooLarge { .. }), "{error:?}");
    assert_eq!(error.reason(), "tooLarge");
    assert_eq!(
        error.to_string(),
        "The file is 25.1 MB; a profile photo can be made from a file of at most 25 MB."
    );
}

#[test]
fn an_image_with_a_side_under_64_pixels_is_refused() {
    for (width, height) in [(63, 300), (300, 63), (10, 10)] {
        let error = refusal(&png(&gradient(width, height)));
        assert!(
            matches!(error, PhotoError::TooSmall { .. }),
            "{width}x{height}: {error:?}"
        );
        assert_eq!(error.reason(), "tooSmall");
    }
    accepted(&png(&gradient(64, 300)));
}

// ---------------------------------------------------------------------------------------
// Accepted and converted

#[test]
fn a_cmyk_jpeg_comes_out_in_rgb() {
    let cases = [
        ([255, 0, 0, 0], [0, 255, 255], "cyan ink"),
        ([0, 255, 255, 0], [255, 0, 0], "magenta and yellow"),
        ([0, 0, 0, 0], [255, 255, 255], "no ink"),
        ([0, 0, 0, 255], [0, 0, 0], "black"),
    ];
    for (ink, expected, what) in cases {
        let bytes = cmyk_jpeg(200, 160, ink);
        let photo = accepted(&bytes);
        assert_eq!(photo.content_type, "image/jpeg");
        assert_eq!(
            photo.source,
            SourceInfo {
                format: SourceFormat::Jpeg,
                width: 200,
                height: 160
            }
        );
        let image = decoded(&photo);
        assert_close(rgb_at(&image, 256, 256), expected, what);
        // The same colours as the image crate's own JPEG decoder (zune-jpeg).
        let reference = image::load_from_memory(&bytes).unwrap().to_rgb8();
        assert_close(rgb_at(&image, 10, 10), reference.get_pixel(100, 80).0, what);
    }
}

#[test]
fn a_16_bit_png_with_alpha_keeps_its_transparency() {
    // Opaque orange in the middle, fully transparent around it.
    let image: ImageBuffer<Rgba<u16>, Vec<u16>> = ImageBuffer::from_fn(300, 300, |x, y| {
        let inside = (75..225).contains(&x) && (75..225).contains(&y);
        if inside {
            Rgba([65535, 32896, 0, 65535])
        } else {
            Rgba([0, 0, 65535, 0])
        }
    });
    let bytes = encode(&DynamicImage::ImageRgba16(image), ImageFormat::Png);
    let photo = accepted(&bytes);
    assert_eq!(photo.content_type, "image/png");
    let result = decoded(&photo);
    assert_eq!(result.get_pixel(256, 256).0, [255, 128, 0, 255]);
    assert_eq!(result.get_pixel(5, 5)[3], 0);
}

#[test]
fn an_opaque_image_with_an_alpha_channel_becomes_a_jpeg() {
    let image = RgbaImage::from_fn(200, 200, |x, _| Rgba([x as u8, 90, 200, 255]));
    let photo = accepted(&encode(&DynamicImage::ImageRgba8(image), ImageFormat::Png));
    assert_eq!(photo.content_type, "image/jpeg");
}

#[test]
fn grayscale_pngs_8_and_16_bit_come_out_grey() {
    let grey8 = image::GrayImage::from_pixel(100, 100, image::Luma([100]));
    let grey16: ImageBuffer<image::Luma<u16>, Vec<u16>> =
        ImageBuffer::from_pixel(100, 100, image::Luma([100 * 257]));
    for bytes in [
        encode(&DynamicImage::ImageLuma8(grey8), ImageFormat::Png),
        encode(&DynamicImage::ImageLuma16(grey16), ImageFormat::Png),
    ] {
        let photo = accepted(&bytes);
        assert_eq!(photo.content_type, "image/jpeg");
        assert_close(rgb_at(&decoded(&photo), 256, 256), [100, 100, 100], "grey");
    }
}

#[test]
fn a_palette_png_comes_out_in_its_colours() {
    let (width, height) = (120u32, 100u32);
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_palette(vec![230, 30, 30, 30, 30, 230]);
        let mut writer = encoder.write_header().unwrap();
        // Left half index 0 (red), right half index 1 (blue).
        let indices: Vec<u8> = (0..width * height)
            .map(|i| u8::from(i % width >= width / 2))
            .collect();
        writer.write_image_data(&indices).unwrap();
    }
    let photo = accepted(&bytes);
    let image = decoded(&photo);
    assert_close(rgb_at(&image, 100, 256), RED, "left");
    assert_close(rgb_at(&image, 412, 256), BLUE, "right");
}

#[test]
fn an_animated_gif_gives_its_first_frame() {
    let frame = |colour: [u8; 3]| {
        Frame::new(RgbaImage::from_pixel(
            100,
            100,
            Rgba([colour[0], colour[1], colour[2], 255]),
        ))
    };
    let mut bytes = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut bytes);
        encoder
            .encode_frames(vec![frame(RED), frame(BLUE), frame(GREEN)])
            .unwrap();
    }
    let photo = accepted(&bytes);
    assert_eq!(photo.source.format, SourceFormat::Gif);
    assert_close(rgb_at(&decoded(&photo), 256, 256), RED, "first frame");
}

#[test]
fn a_webp_is_accepted() {
    let bytes = encode(
        &DynamicImage::ImageRgb8(quadrants(300, 200)),
        ImageFormat::WebP,
    );
    let photo = accepted(&bytes);
    assert_eq!(photo.source.format, SourceFormat::WebP);
    assert_close(rgb_at(&decoded(&photo), 128, 128), RED, "top left");
}

/// For each EXIF orientation, the colours of the upright image's quadrants (top-left,
/// top-right, bottom-left, bottom-right) when the stored one is `quadrants`.
const UPRIGHT: [(u16, [[u8; 3]; 4]); 8] = [
    (1, [RED, GREEN, BLUE, WHITE]),
    (2, [GREEN, RED, WHITE, BLUE]),
    (3, [WHITE, BLUE, GREEN, RED]),
    (4, [BLUE, WHITE, RED, GREEN]),
    (5, [RED, BLUE, GREEN, WHITE]),
    (6, [BLUE, RED, WHITE, GREEN]),
    (7, [WHITE, GREEN, BLUE, RED]),
    (8, [GREEN, WHITE, RED, BLUE]),
];

#[test]
fn every_exif_orientation_comes_out_upright() {
    let stored = jpeg(&quadrants(600, 400));
    for (orientation, [top_left, top_right, bottom_left, bottom_right]) in UPRIGHT {
        let photo = accepted(&with_exif(&stored, orientation));
        let (width, height) = if orientation >= 5 {
            (400, 600)
        } else {
            (600, 400)
        };
        assert_eq!(
            (photo.source.width, photo.source.height),
            (width, height),
            "orientation {orientation}"
        );
        let image = decoded(&photo);
        let what = |corner: &str| format!("orientation {orientation}, {corner}");
        assert_close(rgb_at(&image, 128, 128), top_left, &what("top left"));
        assert_close(rgb_at(&image, 384, 128), top_right, &what("top right"));
        assert_close(rgb_at(&image, 128, 384), bottom_left, &what("bottom left"));
        assert_close(
            rgb_at(&image, 384, 384),
            bottom_right,
            &what("bottom right"),
        );
    }
}

#[test]
fn a_rotated_jpeg_decoded_at_reduced_scale_also_comes_out_upright() {
    // 2400 × 1600 decodes at 1/2 scale (800 px on the shorter side is enough for 512).
    let photo = accepted(&with_exif(&jpeg(&quadrants(2400, 1600)), 6));
    assert_eq!((photo.source.width, photo.source.height), (1600, 2400));
    let image = decoded(&photo);
    assert_close(rgb_at(&image, 128, 128), BLUE, "top left");
    assert_close(rgb_at(&image, 384, 384), GREEN, "bottom right");
}

#[test]
fn no_metadata_leaves_the_machine() {
    let original = with_exif(&jpeg(&quadrants(600, 400)), 6);
    assert!(
        original.windows(3).any(|w| w == b"GPS"),
        "the fixture has GPS data"
    );
    let photo = accepted(&original);
    // Only what a bare JPEG needs: JFIF, tables, frame, scan. No APP1 (EXIF, XMP), no ICC
    // (APP2), no comment.
    let markers = jpeg_markers(&photo.bytes);
    assert!(
        markers
            .iter()
            .all(|m| matches!(m, 0xe0 | 0xdb | 0xc0 | 0xc4 | 0xda)),
        "{markers:x?}"
    );
    for secret in [&b"Exif"[..], b"GPS", b"2.2945", b"Rue Example"] {
        assert!(!photo.bytes.windows(secret.len()).any(|w| w == secret));
    }
    // The same for a PNG with transparency and text chunks.
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, 100, 100);
        encoder.set_color(png::ColorType::Rgba);
        encoder
            .add_text_chunk("Location".into(), "GPS 48.8584N 2.2945E".into())
            .unwrap();
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&[0x80; 100 * 100 * 4]).unwrap();
    }
    let photo = accepted(&bytes);
    assert_eq!(photo.content_type, "image/png");
    assert!(!photo.bytes.windows(3).any(|w| w == b"GPS"));
    assert!(!photo.bytes.windows(4).any(|w| w == b"tEXt"));
}

#[test]
fn a_300_by_4000_strip_is_cropped_to_a_centred_square_not_stretched() {
    // The blue channel rises down the strip; its middle 300 rows are 1850..2150.
    let strip = RgbImage::from_fn(300, 4000, |_, y| Rgb([40, 40, (y * 255 / 3999) as u8]));
    let photo = accepted(&png(&strip));
    assert_eq!(
        photo.source,
        SourceInfo {
            format: SourceFormat::Png,
            width: 300,
            height: 4000
        }
    );
    let image = decoded(&photo);
    let blue = |y| i32::from(image.get_pixel(256, y)[2]);
    // Stretched, the top row would be about 0 and the bottom about 255.
    assert!((blue(0) - 118).abs() <= 3, "top {}", blue(0));
    assert!((blue(511) - 137).abs() <= 3, "bottom {}", blue(511));
}

#[test]
fn the_crop_can_be_moved_and_zoomed() {
    let bytes = jpeg(&quadrants(1200, 800));
    // Zoomed ×2 onto the top-right corner: only green.
    let crop = Crop {
        center_x: 1.0,
        center_y: 0.0,
        zoom: 2.0,
    };
    let photo = photos::prepare(&bytes, Some(crop)).unwrap();
    let image = decoded(&photo);
    for (x, y) in [(20, 20), (256, 256), (490, 490)] {
        assert_close(rgb_at(&image, x, y), GREEN, "zoomed corner");
    }
    // The default is the largest centred square: all four quadrants, evenly.
    let image = decoded(&accepted(&bytes));
    assert_close(rgb_at(&image, 128, 128), RED, "top left");
    assert_close(rgb_at(&image, 384, 384), WHITE, "bottom right");
}

#[test]
fn a_large_jpeg_is_resized_well() {
    let photo = accepted(&jpeg(&gradient(3000, 2000)));
    let image = decoded(&photo);
    // The centred 2000 × 2000 of a horizontal gradient: x = 500..2500 of 3000.
    let red = |x| i32::from(image.get_pixel(x, 256)[0]);
    assert!((red(0) - 42).abs() <= 4, "{}", red(0));
    assert!((red(511) - 212).abs() <= 4, "{}", red(511));
    assert!(photo.bytes.len() < 100_000, "{} bytes", photo.bytes.len());
}

#[test]
fn a_thumbnail_is_a_smaller_copy() {
    let photo = accepted(&jpeg(&quadrants(600, 600)));
    let thumbnail = photos::thumbnail(&photo, 64).unwrap();
    assert_eq!((thumbnail.width, thumbnail.height), (64, 64));
    assert_eq!(thumbnail.content_type, "image/jpeg");
    assert_eq!(thumbnail.source, photo.source);
    let image = decoded(&thumbnail);
    assert_close(rgb_at(&image, 12, 12), RED, "top left");
    assert_close(rgb_at(&image, 52, 52), WHITE, "bottom right");
}

#[test]
fn the_directory_refuses_what_the_pipeline_refuses_for_the_same_reason() {
    let whole_jpeg = jpeg(&gradient(400, 300));
    let whole_png = png(&gradient(400, 300));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        (
            "truncated jpeg",
            whole_jpeg[..whole_jpeg.len() / 2].to_vec(),
        ),
        ("truncated png", whole_png[..whole_png.len() / 2].to_vec()),
        ("text", b"not a photo\n".to_vec()),
        ("pdf", b"%PDF-1.7\n".to_vec()),
        ("png bomb", png_declaring(50_000, 50_000)),
        ("jpeg bomb", jpeg_declaring(60_000, 60_000)),
        ("jpeg too short for its size", jpeg_declaring(9_000, 9_000)),
        ("too small", png(&gradient(63, 300))),
    ];
    for (what, bytes) in cases {
        let ours = photos::prepare(&bytes, None).unwrap_err().reason();
        let theirs = custodian_directory::image_check::check(&bytes).map(|_| ());
        assert_eq!(
            theirs.map_err(|refusal| refusal.reason()),
            Err(ours),
            "{what}"
        );
    }
    // What the pipeline makes, the directory takes.
    let photo = accepted(&whole_jpeg);
    assert!(custodian_directory::image_check::check(&photo.bytes).is_ok());
}

#[test]
fn errors_reach_the_ui_as_invalid_image() {
    let wire = refusal(b"%PDF-1.4").to_wire();
    assert_eq!(wire.code, ErrorCode::InvalidImage);
    assert_eq!(
        wire.message,
        "This is a PDF document, not a photo: choose a JPEG, PNG, GIF or WebP image."
    );
}
