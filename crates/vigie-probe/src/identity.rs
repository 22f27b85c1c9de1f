//! Who the probe is: an Ed25519 key kept in a file only its owner can read, and the
//! `probe_id` the server gives at enrolment. Also the two other client calls to the
//! server: enrolment and the target list.

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};
use vigie_core::time::Timestamp;
use vigie_core::watch::probe_envelope::SignedResult;
use vigie_crypto::signing::InstanceKey;

use crate::measure::Measurement;
use crate::targets::{Target, TargetList};
use crate::{ProbeError, endpoint};

pub const ENROL_PATH: &str = "/api/v1/probe/enrol";
pub const TARGETS_PATH: &str = "/api/v1/probe/targets";

/// The body of `POST /api/v1/probe/enrol`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enrolment {
    /// The one-time enrolment token an organiser gave the member.
    pub token: String,
    /// The probe's Ed25519 public key, base64.
    pub public_key: String,
    /// A name for the probe, shown to organisers.
    pub name: String,
}

/// The answer to an enrolment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolled {
    pub probe_id: String,
}

/// The answer of `GET /api/v1/probe/targets`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetsAnswer {
    pub targets: Vec<String>,
}

/// Loads the key in `path`, or creates it (mode 0600 on Unix) when the file does not exist.
pub fn load_or_create_key(path: &Path) -> Result<InstanceKey, ProbeError> {
    let err = |reason: String| ProbeError::Key { path: path.to_owned(), reason };
    match fs::read_to_string(path) {
        Ok(text) => InstanceKey::from_file_contents(&text).map_err(|e| err(e.to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = InstanceKey::generate();
            write_secret(path, key.to_file_contents().as_bytes()).map_err(|e| err(e.to_string()))?;
            Ok(key)
        }
        Err(e) => Err(err(e.to_string())),
    }
}

fn write_secret(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// A random 128-bit result id, 32 lowercase hex digits.
pub fn new_result_id() -> String {
    let bytes: [u8; 16] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Signs a finished measurement as `probe_id`, with a fresh result id, dated now.
pub fn sign_measurement(
    key: &InstanceKey,
    probe_id: &str,
    measurement: &Measurement,
) -> Result<SignedResult, ProbeError> {
    let now = std::time::SystemTime::now().duration_since(std::time::SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let created_at = Timestamp(i64::try_from(now).unwrap_or(i64::MAX));
    Ok(SignedResult::sign(key, probe_id, &new_result_id(), created_at, measurement.to_json())?)
}

/// Enrols the probe's key with a token; returns the `probe_id` the server assigned.
pub async fn enrol(
    client: &reqwest::Client,
    server_url: &str,
    token: &str,
    name: &str,
    key: &InstanceKey,
) -> Result<String, ProbeError> {
    let url = endpoint(server_url, ENROL_PATH);
    let body = Enrolment { token: token.to_owned(), public_key: key.public_base64(), name: name.to_owned() };
    let response = client
        .post(&url)
        .json(&body)
        .send()
        .await
        .map_err(|source| ProbeError::Unreachable { url: url.clone(), source })?;
    let enrolled: Enrolled = json_answer(response, &url).await?;
    Ok(enrolled.probe_id)
}

/// The targets the server wants this probe to measure. The request is signed with the
/// probe's key (`vigie-probe-targets-v1`, its id and the time), so only enrolled probes
/// read the list and a captured request is useless ten minutes later.
pub async fn fetch_targets(
    client: &reqwest::Client,
    server_url: &str,
    probe_id: &str,
    key: &InstanceKey,
) -> Result<TargetList, ProbeError> {
    use base64::Engine as _;
    let url = endpoint(server_url, TARGETS_PATH);
    let now = std::time::SystemTime::now().duration_since(std::time::SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let time = Timestamp(i64::try_from(now).unwrap_or(i64::MAX));
    let signature = base64::engine::general_purpose::STANDARD
        .encode(key.sign(&vigie_core::watch::probe_envelope::targets_message(probe_id, time)));
    let time = time.0.to_string();
    let response = client
        .get(&url)
        .query(&[("probe_id", probe_id), ("time", time.as_str()), ("signature", signature.as_str())])
        .send()
        .await
        .map_err(|source| ProbeError::Unreachable { url: url.clone(), source })?;
    let answer: TargetsAnswer = json_answer(response, &url).await?;
    let mut targets = Vec::new();
    for raw in &answer.targets {
        targets.push(Target::parse(raw).map_err(|e| ProbeError::Targets(format!("{raw}: {e}")))?);
    }
    Ok(TargetList::from_targets(targets))
}

async fn json_answer<T: serde::de::DeserializeOwned>(response: reqwest::Response, url: &str) -> Result<T, ProbeError> {
    let status = response.status();
    let text = response.text().await.map_err(|source| ProbeError::Unreachable { url: url.to_owned(), source })?;
    if !status.is_success() {
        let body: String = text.chars().take(200).collect();
        return Err(ProbeError::Server { url: url.to_owned(), status: status.as_u16(), body });
    }
    serde_json::from_str(&text).map_err(|e| ProbeError::BadAnswer { url: url.to_owned(), reason: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_file_is_created_once_then_reloaded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/probe.key");
        let first = load_or_create_key(&path).unwrap();
        let again = load_or_create_key(&path).unwrap();
        assert_eq!(first.public_base64(), again.public_base64());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        fs::write(dir.path().join("bad.key"), "nope").unwrap();
        assert!(matches!(load_or_create_key(&dir.path().join("bad.key")), Err(ProbeError::Key { .. })));
    }

    #[test]
    fn result_ids_are_128_bit_hex_and_differ() {
        let (a, b) = (new_result_id(), new_result_id());
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_ne!(a, b);
    }
}
