//! Any bytes through the profile photo pipeline: it may refuse them, never panic, hang or
//! allocate past its budget.

#![no_main]

use custodian_core::photos::{self, Crop, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A budget libFuzzer's default 2 GB RSS limit can hold with room to spare.
    let limits = Limits {
        max_decoder_bytes: 256 * 1024 * 1024,
        ..Limits::default()
    };
    // The last byte, when there is one, moves and zooms the crop too.
    let crop = data.last().map(|&byte| Crop {
        center_x: f32::from(byte & 0x0f) / 15.0,
        center_y: f32::from(byte >> 4) / 15.0,
        zoom: 1.0 + f32::from(byte % 7),
    });
    if let Ok(photo) = photos::prepare_within(data, crop, &limits) {
        assert_eq!((photo.width, photo.height), (512, 512));
        let thumbnail = photos::thumbnail(&photo, 64);
        assert!(thumbnail.is_ok(), "{thumbnail:?}");
    }
});
