//! The envelope a Vigie probe puts around each measurement before it queues and uploads
//! it: who measured (`probe_id`), a random `result_id` the server uses to refuse replays,
//! when, the exact OONI JSON text, and an Ed25519 signature by the probe's enrolled key.
//!
//! The signature covers a domain-separated byte string ([`signing_message`]) rather than
//! the JSON of the envelope, so that re-serialising the envelope (field order, spacing)
//! never breaks it and a signature made for another Vigie purpose can never pass as a
//! probe result:
//!
//! ```text
//! vigie-probe-result-v1\n<probe_id>\n<result_id>\n<created_at as RFC 3339>\n<hex sha256 of measurement>
//! ```

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use vigie_crypto::signing::{self, InstanceKey};

use crate::time::Timestamp;

/// The first line of every signed message; bump the version if the layout changes.
pub const SIGNING_DOMAIN: &str = "vigie-probe-result-v1";

/// The largest measurement accepted, in bytes of JSON text (bodies are truncated by the
/// probe well below this).
pub const MAX_MEASUREMENT_BYTES: usize = 1024 * 1024;

/// One signed probe result, as queued on disk and POSTed to the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedResult {
    pub probe_id: String,
    /// 32 lowercase hex digits (128 random bits), unique per result.
    pub result_id: String,
    pub created_at: Timestamp,
    /// The OONI measurement, as the exact JSON text that was hashed and signed.
    pub measurement: String,
    /// Ed25519 signature of [`signing_message`], base64.
    pub signature: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EnvelopeError {
    #[error("the measurement is {0} bytes, above the limit of {MAX_MEASUREMENT_BYTES}")]
    TooLarge(usize),
    #[error("the result id must be 32 lowercase hex digits")]
    InvalidResultId,
    #[error("the probe id must be non-empty, printable and without newlines")]
    InvalidProbeId,
    #[error("the signature is not base64")]
    MalformedSignature,
    #[error("the signature does not match the probe's key")]
    BadSignature,
}

/// The bytes the probe signs for one result (see the module documentation).
pub fn signing_message(probe_id: &str, result_id: &str, created_at: Timestamp, measurement: &str) -> Vec<u8> {
    let digest = Sha256::digest(measurement.as_bytes());
    let hex = crate::evidence::hex(&digest);
    format!("{SIGNING_DOMAIN}\n{probe_id}\n{result_id}\n{}\n{hex}", created_at.rfc3339()).into_bytes()
}

fn check_fields(probe_id: &str, result_id: &str, measurement: &str) -> Result<(), EnvelopeError> {
    if measurement.len() > MAX_MEASUREMENT_BYTES {
        return Err(EnvelopeError::TooLarge(measurement.len()));
    }
    if result_id.len() != 32 || !result_id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return Err(EnvelopeError::InvalidResultId);
    }
    if probe_id.is_empty() || probe_id.len() > 200 || probe_id.chars().any(char::is_control) {
        return Err(EnvelopeError::InvalidProbeId);
    }
    Ok(())
}

impl SignedResult {
    /// Signs `measurement` with the probe's key. The caller draws `result_id` (randomness
    /// stays outside the domain crate).
    pub fn sign(
        key: &InstanceKey,
        probe_id: &str,
        result_id: &str,
        created_at: Timestamp,
        measurement: String,
    ) -> Result<Self, EnvelopeError> {
        check_fields(probe_id, result_id, &measurement)?;
        let signature = STANDARD.encode(key.sign(&signing_message(probe_id, result_id, created_at, &measurement)));
        Ok(Self { probe_id: probe_id.to_owned(), result_id: result_id.to_owned(), created_at, measurement, signature })
    }
}

/// Checks the envelope's limits and its signature by the probe's base64 public key (the
/// one recorded at enrolment for `result.probe_id`).
pub fn verify(result: &SignedResult, public_key_base64: &str) -> Result<(), EnvelopeError> {
    check_fields(&result.probe_id, &result.result_id, &result.measurement)?;
    let signature = STANDARD.decode(&result.signature).map_err(|_| EnvelopeError::MalformedSignature)?;
    let message = signing_message(&result.probe_id, &result.result_id, result.created_at, &result.measurement);
    signing::verify(public_key_base64, &message, &signature).then_some(()).ok_or(EnvelopeError::BadSignature)
}

/// The first line of the message a probe signs to fetch its target list.
pub const TARGETS_DOMAIN: &str = "vigie-probe-targets-v1";
/// How far a targets request's time may be from the server's clock.
pub const TARGETS_SKEW_SECS: i64 = 600;

/// The bytes a probe signs to ask for its targets: the domain, its id and the time, one
/// per line. The time bounds how long a captured request can be replayed.
pub fn targets_message(probe_id: &str, time: Timestamp) -> Vec<u8> {
    format!("{TARGETS_DOMAIN}\n{probe_id}\n{}", time.0).into_bytes()
}

/// Checks a signed targets request against the probe's key and the server's clock.
pub fn verify_targets_request(
    probe_id: &str,
    time: Timestamp,
    signature_base64: &str,
    public_key_base64: &str,
    now: Timestamp,
) -> Result<(), EnvelopeError> {
    if (now.0 - time.0).abs() > TARGETS_SKEW_SECS {
        return Err(EnvelopeError::BadSignature);
    }
    let signature = STANDARD.decode(signature_base64.trim()).map_err(|_| EnvelopeError::MalformedSignature)?;
    if signing::verify(public_key_base64, &targets_message(probe_id, time), &signature) {
        Ok(())
    } else {
        Err(EnvelopeError::BadSignature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESULT_ID: &str = "0123456789abcdef0123456789abcdef";

    fn signed(key: &InstanceKey) -> SignedResult {
        SignedResult::sign(key, "probe-7", RESULT_ID, Timestamp(1_763_916_001), r#"{"test_name":"x"}"#.into()).unwrap()
    }

    #[test]
    fn a_signed_result_verifies_with_the_probe_key_only() {
        let key = InstanceKey::generate();
        let result = signed(&key);
        assert_eq!(verify(&result, &key.public_base64()), Ok(()));
        let other = InstanceKey::generate();
        assert_eq!(verify(&result, &other.public_base64()), Err(EnvelopeError::BadSignature));
    }

    #[test]
    fn the_signing_message_is_the_documented_layout() {
        let m = signing_message("p", "r", Timestamp(0), "");
        let text = String::from_utf8(m).unwrap();
        assert_eq!(
            text,
            "vigie-probe-result-v1\np\nr\n1970-01-01T00:00:00Z\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn any_changed_field_fails_verification() {
        let key = InstanceKey::generate();
        let public = key.public_base64();
        let good = signed(&key);
        let changes: [fn(&mut SignedResult); 4] = [
            |r| r.probe_id.push('x'),
            |r| r.result_id = "f123456789abcdef0123456789abcdef".into(),
            |r| r.created_at = r.created_at.plus_secs(1),
            |r| r.measurement.push(' '),
        ];
        for change in changes {
            let mut r = good.clone();
            change(&mut r);
            assert_eq!(verify(&r, &public), Err(EnvelopeError::BadSignature), "{r:?}");
        }
    }

    #[test]
    fn every_flipped_signature_bit_fails_verification() {
        let key = InstanceKey::generate();
        let public = key.public_base64();
        let good = signed(&key);
        let bytes = STANDARD.decode(&good.signature).unwrap();
        for bit in 0..bytes.len() * 8 {
            let mut flipped = bytes.clone();
            flipped[bit / 8] ^= 1 << (bit % 8);
            let r = SignedResult { signature: STANDARD.encode(&flipped), ..good.clone() };
            assert!(verify(&r, &public).is_err(), "bit {bit}");
        }
        let r = SignedResult { signature: "not base64!".into(), ..good };
        assert_eq!(verify(&r, &public), Err(EnvelopeError::MalformedSignature));
    }

    #[test]
    fn oversized_measurements_and_bad_ids_are_refused() {
        let key = InstanceKey::generate();
        let big = "x".repeat(MAX_MEASUREMENT_BYTES + 1);
        assert_eq!(
            SignedResult::sign(&key, "p", RESULT_ID, Timestamp(0), big),
            Err(EnvelopeError::TooLarge(MAX_MEASUREMENT_BYTES + 1))
        );
        for bad in ["", "0123", "0123456789ABCDEF0123456789ABCDEF", "0123456789abcdef0123456789abcdeg"] {
            assert_eq!(
                SignedResult::sign(&key, "p", bad, Timestamp(0), "{}".into()),
                Err(EnvelopeError::InvalidResultId)
            );
        }
        assert_eq!(
            SignedResult::sign(&key, "a\nb", RESULT_ID, Timestamp(0), "{}".into()),
            Err(EnvelopeError::InvalidProbeId)
        );
    }

    #[test]
    fn the_envelope_round_trips_through_json() {
        let key = InstanceKey::generate();
        let r = signed(&key);
        let again: SignedResult = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(again, r);
        assert_eq!(verify(&again, &key.public_base64()), Ok(()));
    }
}
