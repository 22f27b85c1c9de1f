//! Sealing to an organization: anyone holding its public key (an `age` X25519
//! recipient) can seal; only its secret key (an `age` identity) opens. The sealed bytes
//! are the standard binary `age` format, so `age -d` opens them with the same key.

use std::fmt;
use std::str::FromStr;

use age::secrecy::ExposeSecret;
use zeroize::Zeroizing;

use crate::CryptoError;

/// An organization's public key, printed as `age1…`.
#[derive(Clone)]
pub struct OrgPublicKey(age::x25519::Recipient);

/// An organization's secret key. Held in memory only while a member's session is open.
pub struct OrgSecretKey(age::x25519::Identity);

impl OrgSecretKey {
    pub fn generate() -> Self {
        Self(age::x25519::Identity::generate())
    }

    pub fn public(&self) -> OrgPublicKey {
        OrgPublicKey(self.0.to_public())
    }

    /// The `AGE-SECRET-KEY-1…` encoding, to be wrapped before it is stored.
    pub fn to_secret_bytes(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(self.0.to_string().expose_secret().as_bytes().to_vec())
    }

    pub fn from_secret_bytes(bytes: &[u8]) -> Result<Self, CryptoError> {
        let text = std::str::from_utf8(bytes).map_err(|_| CryptoError::MalformedKey("secret key is not text"))?;
        age::x25519::Identity::from_str(text)
            .map(Self)
            .map_err(|_| CryptoError::MalformedKey("not an age X25519 identity"))
    }
}

impl Clone for OrgSecretKey {
    fn clone(&self) -> Self {
        Self::from_secret_bytes(&self.to_secret_bytes()).expect("a valid identity re-parses")
    }
}

impl fmt::Debug for OrgSecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OrgSecretKey(…)")
    }
}

impl fmt::Display for OrgPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Debug for OrgPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OrgPublicKey({})", self.0)
    }
}

impl FromStr for OrgPublicKey {
    type Err = CryptoError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        age::x25519::Recipient::from_str(s)
            .map(Self)
            .map_err(|_| CryptoError::MalformedKey("not an age X25519 recipient"))
    }
}

/// Seals `plaintext` to `to`.
pub fn seal(to: &OrgPublicKey, plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
    age::encrypt(&to.0, plaintext).map_err(|_| CryptoError::Seal)
}

/// Opens what [`seal`] sealed to the public half of `with`.
pub fn open(with: &OrgSecretKey, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    age::decrypt(&with.0, sealed).map(Zeroizing::new).map_err(|_| CryptoError::Open)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn only_the_right_key_opens() {
        let (a, b) = (OrgSecretKey::generate(), OrgSecretKey::generate());
        let sealed = seal(&a.public(), b"name: Aminata").unwrap();
        assert!(sealed.starts_with(b"age-encryption.org/v1"));
        assert_eq!(&*open(&a, &sealed).unwrap(), b"name: Aminata");
        assert!(matches!(open(&b, &sealed), Err(CryptoError::Open)));
    }

    #[test]
    fn keys_round_trip_through_their_encodings() {
        let k = OrgSecretKey::generate();
        let again = OrgSecretKey::from_secret_bytes(&k.to_secret_bytes()).unwrap();
        assert_eq!(k.public().to_string(), again.public().to_string());
        let public: OrgPublicKey = k.public().to_string().parse().unwrap();
        assert_eq!(public.to_string(), k.public().to_string());
        assert!(format!("{k:?}").contains('…'));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(16))]
        #[test]
        fn seal_then_open_is_identity(data in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let k = OrgSecretKey::generate();
            prop_assert_eq!(&*open(&k, &seal(&k.public(), &data).unwrap()).unwrap(), &data[..]);
        }
    }
}
