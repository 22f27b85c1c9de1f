//! pHash on generated pictures: robust to resizing and recompression, apart for
//! different pictures, refusing flat ones.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use vigie_ingest::{ImageHashError, hamming, phash64};

/// A picture with a gradient background and a few shapes, laid out by `kind`.
fn picture(kind: u32, width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let inside_circle = |cx: f32, cy: f32, r: f32| (fx - cx).powi(2) + (fy - cy).powi(2) < r * r;
        let v = match kind {
            // Left-to-right gradient, a dark disc upper left, a light bar at the bottom.
            0 if inside_circle(0.3, 0.3, 0.2) => 20.0,
            0 if fy > 0.75 && fx > 0.2 => 235.0,
            0 => 60.0 + 140.0 * fx,
            // Top-to-bottom gradient, a light square on the right.
            1 if (0.55..0.9).contains(&fx) && (0.2..0.55).contains(&fy) => 240.0,
            1 => 220.0 - 180.0 * fy,
            // An uneven 3×3 checkerboard. (An even one is symmetric: half its DCT
            // coefficients are then exactly zero, at the median, where JPEG noise flips
            // bits; real photographs are not that regular.)
            2 => {
                let col = u32::from(fx > 0.2) + u32::from(fx > 0.55);
                let row = u32::from(fy > 0.35) + u32::from(fy > 0.7);
                if (col + row).is_multiple_of(2) { 40.0 + 60.0 * fy } else { 210.0 }
            }
            // Diagonal gradient, two discs.
            _ if inside_circle(0.7, 0.3, 0.15) || inside_circle(0.25, 0.7, 0.2) => 250.0,
            _ => 30.0 + 100.0 * (fx + fy),
        };
        let v = v.clamp(0.0, 255.0) as u8;
        Rgb([v, v.saturating_add(20), 255 - v / 2])
    })
}

fn png(img: &RgbImage) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(img.clone()).write_to(&mut out, ImageFormat::Png).unwrap();
    out.into_inner()
}

fn jpeg(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality).encode_image(img).unwrap();
    out
}

fn hash(bytes: &[u8]) -> String {
    phash64(bytes).unwrap().to_string()
}

#[test]
fn resized_and_recompressed_copies_stay_close() {
    for kind in 0..4 {
        let original = picture(kind, 640, 480);
        let reference = hash(&png(&original));
        assert_eq!(reference.len(), 16);
        assert!(reference.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        let small = image::imageops::resize(&original, 200, 150, FilterType::Lanczos3);
        let stretched = image::imageops::resize(&original, 500, 420, FilterType::CatmullRom);
        for (name, copy) in [
            ("small JPEG q50", jpeg(&small, 50)),
            ("stretched JPEG q85", jpeg(&stretched, 85)),
            ("JPEG q30", jpeg(&original, 30)),
            ("small PNG", png(&small)),
        ] {
            let d = hamming(&reference, &hash(&copy)).unwrap();
            assert!(d <= 10, "picture {kind}, {name}: distance {d}");
        }
    }
}

#[test]
fn different_pictures_are_far_apart() {
    let hashes: Vec<String> = (0..4).map(|kind| hash(&png(&picture(kind, 320, 240)))).collect();
    for i in 0..hashes.len() {
        for j in i + 1..hashes.len() {
            let d = hamming(&hashes[i], &hashes[j]).unwrap();
            assert!(d >= 20, "pictures {i} and {j}: distance {d}");
        }
    }
}

#[test]
fn flat_pictures_and_non_images_are_refused() {
    let grey = RgbImage::from_pixel(300, 200, Rgb([128, 128, 128]));
    assert_eq!(phash64(&png(&grey)), Err(ImageHashError::LowQuality));
    assert_eq!(phash64(&jpeg(&grey, 40)), Err(ImageHashError::LowQuality));
    assert!(matches!(phash64(b"not an image at all"), Err(ImageHashError::Unreadable(_))));
    let mut cut = png(&picture(0, 64, 64));
    cut.truncate(cut.len() / 2);
    assert!(matches!(phash64(&cut), Err(ImageHashError::Unreadable(_))));
}
