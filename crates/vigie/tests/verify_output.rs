//! What `vigie verify` prints about a damaged or hostile archive: names and messages
//! escaped, so that escape bytes in a bundle cannot drive the terminal.

use std::process::Output;

mod support;
use support::{run, vigie};

const ESC: u8 = 0x1b;

/// One ustar header block for `name` (raw bytes) with `size` written in the size field
/// as given (normally octal digits), its checksum right.
fn header(name: &[u8], size: &[u8]) -> [u8; 512] {
    let mut h = [0u8; 512];
    h[..name.len()].copy_from_slice(name);
    h[100..107].copy_from_slice(b"0000644");
    h[108..115].copy_from_slice(b"0000000");
    h[116..123].copy_from_slice(b"0000000");
    h[124..124 + size.len()].copy_from_slice(size);
    h[136..147].copy_from_slice(b"00000000000");
    h[156] = b'0';
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[148..156].copy_from_slice(b"        ");
    let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
    h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
    h
}

fn verify_archive(blocks: &[&[u8]]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bundle.tar");
    let mut bytes: Vec<u8> = blocks.concat();
    bytes.extend([0u8; 1024]);
    std::fs::write(&path, bytes).unwrap();
    run(vigie(&dir.path().join("data"), None), &["verify", path.to_str().unwrap()])
}

fn assert_no_raw_escape(out: &Output) {
    assert!(!out.status.success());
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(!bytes.contains(&ESC), "raw ESC on {stream}: {:?}", String::from_utf8_lossy(bytes));
    }
}

#[test]
fn a_damaged_header_is_reported_with_its_bytes_escaped() {
    // The tar reader's message quotes the size field and the entry's name.
    let name = b"files/1/\x1b]0;owned\x07\x1b[2J.png";
    let out = verify_archive(&[&header(name, b"\x1b[31m12\0")]);
    assert_no_raw_escape(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a readable tar archive"), "{err}");
    assert!(err.contains("\\u{1b}"), "the escape bytes are shown escaped: {err}");
}

#[test]
fn an_entry_name_with_escape_bytes_is_refused_and_shown_escaped() {
    let name = b"files/1/\x1b[2Jcapture.png";
    let out = verify_archive(&[&header(name, b"00000000000"), &[]]);
    assert_no_raw_escape(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a safe relative path") && err.contains("capture.png"), "{err}");
}
