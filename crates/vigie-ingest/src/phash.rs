//! A 64-bit perceptual hash (pHash, DCT-based) of images attached to posts.
//!
//! The same picture reposted by a campaign comes back resized, recompressed or
//! re-encoded; its bytes differ but its pHash stays within a few bits. The method is the
//! usual one (pHash.org): grayscale, shrink to 32×32, 2-D DCT, keep the 8×8 lowest
//! frequencies after the DC term (rows and columns 1 to 8), one bit per coefficient
//! set when it is above their median.

use std::fmt;
use std::io::Cursor;

use image::imageops::FilterType;
use image::{ImageReader, Limits};

const SIDE: usize = 32;
const KEPT: usize = 8;
/// Below this, in the DCT's units (orthonormal, 0–255 pixels), no low frequency carries
/// more than about one grey level of detail: the image is flat and its bits would be
/// noise, matching other flat images by chance.
const FLAT_MAX_COEFFICIENT: f64 = 16.0;
const MAX_SIDE_PIXELS: u32 = 16_384;
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// A 64-bit perceptual hash; displayed as 16 lower-case hex digits, the form
/// `media_phash` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PerceptualHash(u64);

impl PerceptualHash {
    pub fn bits(self) -> u64 {
        self.0
    }

    /// How many of the 64 bits differ: 0–10 is the same picture, above ~20 another.
    pub fn distance(self, other: Self) -> u32 {
        (self.0 ^ other.0).count_ones()
    }
}

impl fmt::Display for PerceptualHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageHashError {
    #[error("not an image Vigie can read (PNG, JPEG, GIF, WebP or BMP): {0}")]
    Unreadable(String),
    #[error("the image is nearly uniform, too flat to hash usefully")]
    LowQuality,
}

/// The pHash of an encoded image (PNG, JPEG, GIF, WebP or BMP; the first frame of an
/// animation). Pure: bytes in, hash out.
pub fn phash64(image_bytes: &[u8]) -> Result<PerceptualHash, ImageHashError> {
    let unreadable = |e: image::ImageError| ImageHashError::Unreadable(e.to_string());
    let mut reader = ImageReader::new(Cursor::new(image_bytes))
        .with_guessed_format()
        .map_err(|e| ImageHashError::Unreadable(e.to_string()))?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE_PIXELS);
    limits.max_image_height = Some(MAX_SIDE_PIXELS);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let gray = reader.decode().map_err(unreadable)?.to_luma8();
    let small = image::imageops::resize(&gray, SIDE as u32, SIDE as u32, FilterType::Triangle);
    let pixels: Vec<f64> = small.pixels().map(|p| f64::from(p.0[0])).collect();
    hash_of_pixels(&pixels)
}

/// Hamming distance between two hashes in hex (16 or 64 digits, any case); `None` when
/// they are not hex or not of the same length, since such hashes cannot be compared.
pub fn hamming(a: &str, b: &str) -> Option<u32> {
    if a.len() != b.len() {
        return None;
    }
    a.chars().zip(b.chars()).try_fold(0, |acc, (x, y)| Some(acc + (x.to_digit(16)? ^ y.to_digit(16)?).count_ones()))
}

/// The hash of a 32×32 grayscale image given row by row.
fn hash_of_pixels(pixels: &[f64]) -> Result<PerceptualHash, ImageHashError> {
    let coefficients = low_frequencies(pixels);
    if coefficients.iter().all(|c| c.abs() < FLAT_MAX_COEFFICIENT) {
        return Err(ImageHashError::LowQuality);
    }
    let mut sorted = coefficients;
    sorted.sort_by(f64::total_cmp);
    let median = (sorted[31] + sorted[32]) / 2.0;
    let bits = coefficients.iter().fold(0u64, |acc, &c| (acc << 1) | u64::from(c > median));
    Ok(PerceptualHash(bits))
}

/// DCT-II coefficients (u, v) for u, v in 1..=8, row-major, orthonormal scaling. Only
/// these 64 of the 1 024 are needed, so the transform is computed for them alone, rows
/// then columns.
fn low_frequencies(pixels: &[f64]) -> [f64; KEPT * KEPT] {
    debug_assert_eq!(pixels.len(), SIDE * SIDE);
    let n = SIDE as f64;
    let basis = |k: usize, x: usize| -> f64 {
        let scale = if k == 0 { (1.0 / n).sqrt() } else { (2.0 / n).sqrt() };
        scale * (std::f64::consts::PI * (2.0 * x as f64 + 1.0) * k as f64 / (2.0 * n)).cos()
    };
    let mut cos = [[0.0; SIDE]; KEPT + 1];
    for (k, row) in cos.iter_mut().enumerate() {
        for (x, c) in row.iter_mut().enumerate() {
            *c = basis(k, x);
        }
    }
    // Along each pixel row: rows[y][v] = Σx p(y, x)·cos_v(x).
    let mut rows = [[0.0; KEPT + 1]; SIDE];
    for (y, out) in rows.iter_mut().enumerate() {
        let line = &pixels[y * SIDE..(y + 1) * SIDE];
        for (v, o) in out.iter_mut().enumerate() {
            *o = line.iter().zip(cos[v]).map(|(p, c)| p * c).sum();
        }
    }
    let mut kept = [0.0; KEPT * KEPT];
    for u in 1..=KEPT {
        for v in 1..=KEPT {
            kept[(u - 1) * KEPT + (v - 1)] = (0..SIDE).map(|y| rows[y][v] * cos[u][y]).sum();
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flat_image_is_low_quality() {
        assert_eq!(hash_of_pixels(&[128.0; SIDE * SIDE]), Err(ImageHashError::LowQuality));
        let mut nearly = [128.0; SIDE * SIDE];
        nearly[5] = 129.0;
        assert_eq!(hash_of_pixels(&nearly), Err(ImageHashError::LowQuality));
    }

    #[test]
    fn a_single_cosine_sets_its_own_coefficient() {
        let pixels: Vec<f64> = (0..SIDE * SIDE)
            .map(|i| {
                let (y, x) = (i / SIDE, i % SIDE);
                128.0
                    + 100.0 * (std::f64::consts::PI * (2.0 * x as f64 + 1.0) * 3.0 / 64.0).cos() * {
                        (std::f64::consts::PI * (2.0 * y as f64 + 1.0) * 2.0 / 64.0).cos()
                    }
            })
            .collect();
        let c = low_frequencies(&pixels);
        let (at, max) = c.iter().enumerate().fold((0, 0.0), |m, (i, v)| if v.abs() > m.1 { (i, v.abs()) } else { m });
        assert_eq!(at, KEPT + 2, "(u, v) = (2, 3)");
        assert!((max - 100.0 * 16.0).abs() < 1e-6, "amplitude × N/2, got {max}");
    }

    #[test]
    fn hamming_counts_differing_bits_of_hex() {
        assert_eq!(hamming("0000000000000000", "000000000000000F"), Some(4));
        assert_eq!(hamming("ffffffffffffffff", "FFFFFFFFFFFFFFFF"), Some(0));
        assert_eq!(hamming("00", "0000"), None);
        assert_eq!(hamming("zz", "00"), None);
        assert_eq!(PerceptualHash(0xff).to_string(), "00000000000000ff");
        assert_eq!(PerceptualHash(0b1011).distance(PerceptualHash(0)), 3);
    }
}
