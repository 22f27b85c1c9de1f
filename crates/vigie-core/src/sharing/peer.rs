//! Peer bundles: what one Vigie instance shares with another, signed with its instance
//! key (Ed25519), pulled over HTTPS or carried as a file (a USB stick during a shutdown).
//!
//! A bundle is a small JSON envelope around the signed bytes:
//!
//! ```json
//! {"vigie_peer_bundle":1,"key":"<base64 public key>","payload":"<base64>","signature":"<base64>"}
//! ```
//!
//! The signature covers [`DOMAIN`] followed by the payload's bytes exactly as carried, so
//! nothing has to be re-serialised to be checked. The payload names its issuer, a sequence
//! number that grows with every bundle the issuer makes (its creation time in
//! milliseconds), and the shared objects, each a STIX 2.1 bundle as `stix::campaign_bundle`
//! and `stix::disruption_bundle` make them, at TLP:CLEAR or TLP:GREEN only.
//!
//! Reading is in two steps so that nothing of an unverified payload is believed:
//! [`Envelope::parse`] only reads the envelope (which key claims to have signed it);
//! the caller looks the key up among the pinned peers, and [`Envelope::open`] checks the
//! signature with the pinned key before the payload is parsed. Replays (a sequence not
//! newer than the last one accepted from that peer) are the caller's check, since only
//! it knows the last sequence.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use super::{Imported, SharingError, Tlp, stix};

/// The envelope's format version.
pub const VERSION: u64 = 1;
/// What a signature is over, before the payload: a signature made for something else
/// (a tree head, another protocol) never verifies as a bundle.
pub const DOMAIN: &[u8] = b"vigie-peer-bundle-v1\n";
/// The largest bundle read (a file or a pull): far above any real network's share.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

/// What is wrong with a peer bundle, named so that an admin knows whether the file was
/// damaged, changed, replayed or comes from someone not pinned.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PeerBundleError {
    #[error("the bundle is larger than {MAX_BYTES} bytes")]
    TooLarge,
    #[error("not a Vigie peer bundle: {0}")]
    NotABundle(String),
    #[error("this Vigie peer bundle is version {0}; this Vigie reads version {VERSION}")]
    UnsupportedVersion(u64),
    #[error("the bundle's `{0}` is not valid base64: the file was damaged or changed")]
    BadBase64(&'static str),
    #[error("the bundle's key is not an Ed25519 public key: the file was damaged or changed")]
    BadKey,
    #[error("the bundle is signed by key {0}, which is not a pinned peer: an admin pins a peer's key first")]
    UnknownPeer(String),
    #[error("the signature does not match the bundle: it was changed after it was signed, or damaged")]
    BadSignature,
    #[error("the signed payload is not readable: {0}")]
    BadPayload(String),
    #[error("the payload names key {payload}, not the key that signed it ({envelope})")]
    KeyMismatch { envelope: String, payload: String },
    #[error(
        "bundle {sequence} from this peer is not newer than bundle {last}, already imported: a replay or an old copy"
    )]
    Replay { sequence: i64, last: i64 },
    #[error("shared object {index} is {tlp}: a peer bundle carries only TLP:CLEAR and TLP:GREEN")]
    NotShareable { index: usize, tlp: String },
    #[error("shared object {index}: {error}")]
    Object { index: usize, error: SharingError },
}

/// What kind of record a shared object is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    Campaign,
    Disruption,
}

impl ObjectKind {
    pub fn code(self) -> &'static str {
        match self {
            ObjectKind::Campaign => "campaign",
            ObjectKind::Disruption => "disruption",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "campaign" => Some(ObjectKind::Campaign),
            "disruption" => Some(ObjectKind::Disruption),
            _ => None,
        }
    }
}

/// One shared object as carried: its kind and its STIX 2.1 bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedObject {
    pub kind: ObjectKind,
    pub stix: Value,
}

/// The signed part of a bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Payload {
    /// The issuing instance's name, as its admin set it (for people; the key decides).
    pub issuer: String,
    /// The issuer's public key, base64; must be the key that signed.
    pub key: String,
    /// Grows with every bundle of this issuer.
    pub sequence: i64,
    /// RFC 3339.
    pub created: String,
    pub objects: Vec<SharedObject>,
}

#[derive(Serialize, Deserialize)]
struct Wire {
    vigie_peer_bundle: u64,
    key: String,
    payload: String,
    signature: String,
}

/// Makes the bundle's bytes: `sign` is the instance key's signing function.
pub fn seal(payload: &Payload, sign: impl FnOnce(&[u8]) -> [u8; 64]) -> Vec<u8> {
    let body = serde_json::to_vec(payload).expect("a payload always serialises");
    let mut message = Vec::with_capacity(DOMAIN.len() + body.len());
    message.extend_from_slice(DOMAIN);
    message.extend_from_slice(&body);
    let signature = sign(&message);
    let wire = Wire {
        vigie_peer_bundle: VERSION,
        key: payload.key.clone(),
        payload: STANDARD.encode(&body),
        signature: STANDARD.encode(signature),
    };
    serde_json::to_vec(&wire).expect("an envelope always serialises")
}

/// A bundle's envelope, read but not yet verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// The key that claims to have signed, base64 (canonical: as decoded and re-encoded).
    pub key: String,
    payload: Vec<u8>,
    signature: [u8; 64],
}

/// A verified bundle: who sent it, and what it shares, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub issuer: String,
    pub sequence: i64,
    pub created: String,
    pub objects: Vec<(ObjectKind, Imported)>,
}

impl Envelope {
    /// Reads the envelope; nothing in it is trusted yet.
    pub fn parse(bytes: &[u8]) -> Result<Self, PeerBundleError> {
        if bytes.len() > MAX_BYTES {
            return Err(PeerBundleError::TooLarge);
        }
        let value: Value = serde_json::from_slice(bytes).map_err(|e| PeerBundleError::NotABundle(e.to_string()))?;
        let Value::Object(map) = &value else { return Err(PeerBundleError::NotABundle("not a JSON object".into())) };
        match map.get("vigie_peer_bundle") {
            Some(Value::Number(n)) if n.as_u64() == Some(VERSION) => {}
            Some(Value::Number(n)) => {
                return Err(n
                    .as_u64()
                    .map(PeerBundleError::UnsupportedVersion)
                    .unwrap_or_else(|| PeerBundleError::NotABundle("`vigie_peer_bundle` is not a version".into())));
            }
            Some(_) => return Err(PeerBundleError::NotABundle("`vigie_peer_bundle` is not a number".into())),
            None => return Err(PeerBundleError::NotABundle("`vigie_peer_bundle` is missing".into())),
        }
        let wire: Wire = serde_json::from_value(value).map_err(|e| PeerBundleError::NotABundle(e.to_string()))?;
        let key = STANDARD.decode(&wire.key).map_err(|_| PeerBundleError::BadBase64("key"))?;
        let key: [u8; 32] = key.try_into().map_err(|_| PeerBundleError::BadKey)?;
        let key = STANDARD.encode(key);
        if !vigie_crypto::signing::is_public_key(&key) || key != wire.key {
            return Err(PeerBundleError::BadKey);
        }
        let payload = STANDARD.decode(&wire.payload).map_err(|_| PeerBundleError::BadBase64("payload"))?;
        let signature = STANDARD.decode(&wire.signature).map_err(|_| PeerBundleError::BadBase64("signature"))?;
        let signature: [u8; 64] = signature.try_into().map_err(|_| PeerBundleError::BadSignature)?;
        Ok(Self { key, payload, signature })
    }

    /// Checks the signature with `pinned` (the key an admin pinned for this peer, base64),
    /// then reads the payload and every object in it.
    pub fn open(&self, pinned: &str) -> Result<Opened, PeerBundleError> {
        if pinned.trim() != self.key {
            return Err(PeerBundleError::UnknownPeer(self.key.clone()));
        }
        let mut message = Vec::with_capacity(DOMAIN.len() + self.payload.len());
        message.extend_from_slice(DOMAIN);
        message.extend_from_slice(&self.payload);
        if !vigie_crypto::signing::verify(&self.key, &message, &self.signature) {
            return Err(PeerBundleError::BadSignature);
        }
        let payload: Payload =
            serde_json::from_slice(&self.payload).map_err(|e| PeerBundleError::BadPayload(e.to_string()))?;
        if payload.key != self.key {
            return Err(PeerBundleError::KeyMismatch { envelope: self.key.clone(), payload: payload.key });
        }
        let mut objects = Vec::with_capacity(payload.objects.len());
        for (index, object) in payload.objects.iter().enumerate() {
            let bytes = serde_json::to_vec(&object.stix).expect("a JSON value always serialises");
            let imported = stix::read_bundle(&bytes).map_err(|error| PeerBundleError::Object { index, error })?;
            match imported.tlp {
                Some(Tlp::Clear | Tlp::Green) => {}
                Some(other) => return Err(PeerBundleError::NotShareable { index, tlp: other.label().into() }),
                None => return Err(PeerBundleError::NotShareable { index, tlp: "unmarked".into() }),
            }
            objects.push((object.kind, imported));
        }
        Ok(Opened { issuer: payload.issuer, sequence: payload.sequence, created: payload.created, objects })
    }
}

/// A short, readable fingerprint of a public key for pages and messages: the first 16
/// hex digits of its SHA-256, in groups of four.
pub fn fingerprint(key: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(key.trim().as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    hex.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap_or("")).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
