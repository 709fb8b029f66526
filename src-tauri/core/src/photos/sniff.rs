//! What a file is, read from its first bytes: never from its name or a declared type.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The formats a profile photo can be made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SourceFormat {
    Jpeg,
    Png,
    /// The first frame of an animated GIF.
    Gif,
    WebP,
}

impl SourceFormat {
    /// The name an admin knows the format by.
    pub fn name(self) -> &'static str {
        match self {
            Self::Jpeg => "JPEG",
            Self::Png => "PNG",
            Self::Gif => "GIF",
            Self::WebP => "WebP",
        }
    }

    pub(crate) fn image_format(self) -> image::ImageFormat {
        match self {
            Self::Jpeg => image::ImageFormat::Jpeg,
            Self::Png => image::ImageFormat::Png,
            Self::Gif => image::ImageFormat::Gif,
            Self::WebP => image::ImageFormat::WebP,
        }
    }
}

impl std::fmt::Display for SourceFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What the first bytes say the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Image(SourceFormat),
    /// Something else, described for a sentence like "This is a PDF document".
    Other(&'static str),
}

/// Magic numbers of the files most often dropped by mistake, with how to name them.
const OTHERS: &[(&[u8], &str)] = &[
    (b"%PDF-", "a PDF document"),
    (b"II*\0", "a TIFF image"),
    (b"MM\0*", "a TIFF image"),
    (b"8BPS", "a Photoshop document"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\x1f\x8b", "a compressed (gzip) file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\0\0\x01\0", "an icon (ICO) file"),
    (b"\xff\x0a", "a JPEG XL image"),
    (b"\0\0\0\x0cJXL ", "a JPEG XL image"),
    (b"\x7fELF", "a program"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"ID3", "an audio file"),
    (b"OggS", "an audio or video file"),
    (b"fLaC", "an audio file"),
];

pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"\xff\xd8\xff") {
        return Sniffed::Image(SourceFormat::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Sniffed::Image(SourceFormat::Png);
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Sniffed::Image(SourceFormat::Gif);
    }
    if let Some(kind) = riff(bytes) {
        return kind;
    }
    if let Some(kind) = iso_media(bytes) {
        return Sniffed::Other(kind);
    }
    if bytes.len() >= 10 && bytes.starts_with(b"BM") && bytes[6..10] == [0, 0, 0, 0] {
        return Sniffed::Other("a BMP image");
    }
    if let Some(&(_, kind)) = OTHERS.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Sniffed::Other(kind);
    }
    if let Some(kind) = text(bytes) {
        return Sniffed::Other(kind);
    }
    Sniffed::Other("a file of a type Custodian does not know")
}

fn riff(bytes: &[u8]) -> Option<Sniffed> {
    if bytes.len() < 12 || !bytes.starts_with(b"RIFF") {
        return None;
    }
    Some(match &bytes[8..12] {
        b"WEBP" => Sniffed::Image(SourceFormat::WebP),
        b"WAVE" => Sniffed::Other("an audio (WAV) file"),
        b"AVI " => Sniffed::Other("a video (AVI) file"),
        _ => Sniffed::Other("a RIFF media file"),
    })
}

/// HEIC and AVIF photos (what phones save) and MP4/MOV videos share the ISO box layout.
fn iso_media(bytes: &[u8]) -> Option<&'static str> {
    if bytes.len() < 12 || &bytes[4..8] != b"ftyp" {
        return None;
    }
    Some(match &bytes[8..12] {
        b"heic" | b"heix" | b"heim" | b"heis" | b"mif1" | b"msf1" | b"hevc" => "a HEIC image",
        b"avif" | b"avis" => "an AVIF image",
        b"qt  " => "a QuickTime video",
        _ => "a video (MP4) file",
    })
}

fn text(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    // A multi-byte character may be cut at the end of the window.
    let valid = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(error) if head.len() - error.valid_up_to() < 4 && error.error_len().is_none() => {
            std::str::from_utf8(&head[..error.valid_up_to()]).ok()?
        }
        Err(_) => return None,
    };
    if valid.is_empty() || valid.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return None;
    }
    let start = valid.trim_start().to_ascii_lowercase();
    Some(
        if start.starts_with("<svg") || (start.starts_with("<?xml") && start.contains("<svg")) {
            "an SVG drawing"
        } else if start.starts_with("<!doctype html") || start.starts_with("<html") {
            "a web page"
        } else {
            "a text file"
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_and_other_files_are_told_apart_by_their_bytes() {
        let cases: &[(&[u8], Sniffed)] = &[
            (
                b"\xff\xd8\xff\xe0\0\x10JFIF",
                Sniffed::Image(SourceFormat::Jpeg),
            ),
            (
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
                Sniffed::Image(SourceFormat::Png),
            ),
            (b"GIF89a\x01\0\x01\0", Sniffed::Image(SourceFormat::Gif)),
            (b"RIFF\0\0\0\0WEBPVP8 ", Sniffed::Image(SourceFormat::WebP)),
            (b"%PDF-1.7\n", Sniffed::Other("a PDF document")),
            (b"BM\x36\0\0\0\0\0\0\0\x36\0", Sniffed::Other("a BMP image")),
            (b"\0\0\0\x18ftypheic\0\0", Sniffed::Other("a HEIC image")),
            (b"II*\0\x08\0\0\0", Sniffed::Other("a TIFF image")),
            (
                b"Hello, this is not a photo.\n",
                Sniffed::Other("a text file"),
            ),
            ("Grüße, café ☕".as_bytes(), Sniffed::Other("a text file")),
            (
                b"<?xml version=\"1.0\"?><svg>",
                Sniffed::Other("an SVG drawing"),
            ),
            (
                b"\0\x01\x02\x03",
                Sniffed::Other("a file of a type Custodian does not know"),
            ),
        ];
        for (bytes, expected) in cases {
            assert_eq!(sniff(bytes), *expected, "{bytes:?}");
        }
    }
}
