//! A 24-megapixel JPEG to a 512 × 512 avatar, side by side with libvips' `vipsthumbnail`
//! on the same file in the same run, and the pipeline's peak memory.
//!
//! `cargo bench -p custodian-core --bench avatar` prints `name: value unit` lines. The photo
//! is generated once into target/bench-data and reused by later runs. `vipsthumbnail` comes
//! from Debian's libvips-tools; without it, its line says so.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)] // a benchmark reports on stdout

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use custodian_core::photos;
use image::RgbImage;
use image::codecs::jpeg::JpegEncoder;

const RUNS: usize = 9;
const CHILD: &str = "AVATAR_BENCH_PEAK_OF";

fn main() {
    if let Ok(file) = std::env::var(CHILD) {
        peak_of_one_run(Path::new(&file));
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let (photo, progressive) = photos_24mp(&dir);
    let bytes = std::fs::read(&photo).unwrap();

    let ours = median(|| {
        let started = Instant::now();
        let avatar = photos::prepare(&bytes, None).unwrap();
        assert_eq!((avatar.width, avatar.height), (512, 512));
        started.elapsed()
    });
    let vips = vipsthumbnail(&photo, &dir);

    println!("avatar_24mp: {:.1} ms", ms(ours));
    match vips {
        Some(vips) => {
            println!("vipsthumbnail_24mp: {:.1} ms", ms(vips));
            println!("avatar_vs_vipsthumbnail: {:.2} x", ms(ours) / ms(vips));
        }
        None => println!("vipsthumbnail_24mp: not run (install libvips-tools)"),
    }
    println!("avatar_24mp_peak_mb: {:.1} MB", peak_mb(&photo));

    // The same photo saved progressive (as many web tools do): no streaming, every
    // coefficient is kept until the last scan.
    let bytes = std::fs::read(&progressive).unwrap();
    let ours = median(|| {
        let started = Instant::now();
        photos::prepare(&bytes, None).unwrap();
        started.elapsed()
    });
    println!("avatar_24mp_progressive: {:.1} ms", ms(ours));
    println!(
        "avatar_24mp_progressive_peak_mb: {:.1} MB",
        peak_mb(&progressive)
    );
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// One run to warm up, then the median of `RUNS`.
fn median(mut run: impl FnMut() -> Duration) -> Duration {
    run();
    let mut times: Vec<Duration> = (0..RUNS).map(|_| run()).collect();
    times.sort();
    times[RUNS / 2]
}

/// The same work by libvips: shrink-on-load, then a centred 512 × 512 crop, JPEG at the
/// same quality. Timed as the admin's machine would run it, process start included.
fn vipsthumbnail(photo: &Path, dir: &Path) -> Option<Duration> {
    let output = dir.join("avatar-vips.jpg");
    let target = format!("{}[Q={}]", output.display(), photos::JPEG_QUALITY);
    let run = || {
        let started = Instant::now();
        let status = Command::new("vipsthumbnail")
            .arg(photo)
            .args(["-s", "512x512", "--smartcrop", "centre", "-o", &target])
            .status()
            .ok()?;
        status.success().then(|| started.elapsed())
    };
    run()?;
    let mut times: Vec<Duration> = (0..RUNS).filter_map(|_| run()).collect();
    if times.len() < RUNS {
        return None;
    }
    times.sort();
    Some(times[RUNS / 2])
}

/// The peak resident memory of a process that reads the file and makes the avatar once.
fn peak_mb(photo: &Path) -> f64 {
    let output = Command::new(std::env::current_exe().unwrap())
        .env(CHILD, photo)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let kilobytes: f64 = String::from_utf8(output.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    kilobytes / 1024.0
}

fn peak_of_one_run(photo: &Path) {
    let bytes = std::fs::read(photo).unwrap();
    let avatar = photos::prepare(&bytes, None).unwrap();
    assert_eq!(avatar.width, 512);
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    println!(
        "{}",
        line.trim_start_matches("VmHWM:")
            .trim_end_matches("kB")
            .trim()
    );
}

/// A 6000 × 4000 "photo": soft light across the frame, a few large shapes with soft edges,
/// and sensor-like noise, at quality 90 (about what a phone or camera writes); baseline and
/// progressive.
fn photos_24mp(dir: &Path) -> (PathBuf, PathBuf) {
    let path = dir.join("avatar-24mp.jpg");
    let progressive = dir.join("avatar-24mp-progressive.jpg");
    if path.exists() && progressive.exists() {
        return (path, progressive);
    }
    let (width, height) = (6000u32, 4000u32);
    let mut noise = fastrand::Rng::with_seed(24);
    let discs = [
        (2100.0, 1900.0, 1300.0, [205.0, 150.0, 120.0]),
        (4300.0, 1200.0, 700.0, [60.0, 110.0, 170.0]),
        (900.0, 3300.0, 900.0, [90.0, 140.0, 70.0]),
    ];
    let image = RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let mut colour = [
            90.0 + 120.0 * fx,
            110.0 + 60.0 * (1.0 - fy),
            150.0 - 80.0 * fy + 30.0 * (fx * 12.0).sin(),
        ];
        for (cx, cy, radius, disc) in discs {
            let distance = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt();
            let weight = ((radius - distance) / 60.0).clamp(0.0, 1.0);
            for (c, d) in colour.iter_mut().zip(disc) {
                *c = *c * (1.0 - weight) + d * weight;
            }
        }
        let grain = noise.i32(-16..=16) as f32;
        image::Rgb(colour.map(|c| (c + grain).clamp(0.0, 255.0) as u8))
    });
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, 90)
        .encode_image(&image)
        .unwrap();
    std::fs::write(&path, bytes).unwrap();
    let mut bytes = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut bytes, 90);
    encoder.set_progressive(true);
    encoder
        .encode(
            &image,
            width as u16,
            height as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .unwrap();
    std::fs::write(&progressive, bytes).unwrap();
    (path, progressive)
}
