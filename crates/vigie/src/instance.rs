//! Opening an instance: the data folder (created on first use, owner-only), the keys
//! kept in it, and the database. Every failure is a clear message; nothing existing is
//! ever overwritten, so a damaged key file stops the start instead of being replaced.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use secrecy::ExposeSecret;
use vigie_core::services::{Services, ServicesConfig};
use vigie_core::{Clock, Store, Timestamp};
use vigie_crypto::InstanceKey;
use vigie_store::{Backend, private_fs};
use vigie_web::ServerSecret;

use crate::config::InstanceConfig;

pub const INSTANCE_KEY_FILE: &str = "instance-ed25519.key";
pub const SERVER_SECRET_FILE: &str = "server-secret.key";
pub const BLOBS_DIR: &str = "blobs";

/// The system clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        Timestamp(i64::try_from(secs).unwrap_or(i64::MAX))
    }
}

pub struct Instance {
    pub data: PathBuf,
    /// Every port: commands reach the data through [`Instance::services`] (`serve` also
    /// hands it to the job queue).
    pub store: Arc<dyn Store>,
    pub blobs: Arc<dyn vigie_core::blobs::Blobs>,
    pub backend: Backend,
    pub instance_key: std::sync::Arc<InstanceKey>,
    pub server_secret: ServerSecret,
}

impl Instance {
    pub async fn open(config: &InstanceConfig) -> anyhow::Result<Self> {
        let data = config.data.clone();
        prepare_data_dir(&data)?;
        let instance_key = load_or_create(&data.join(INSTANCE_KEY_FILE), "instance signing key", || {
            let k = InstanceKey::generate();
            (k.to_file_contents().to_string(), ())
        })
        .and_then(|(text, _)| {
            InstanceKey::from_file_contents(&text).with_context(|| {
                format!(
                    "the instance key file {} is damaged; restore it from a backup",
                    data.join(INSTANCE_KEY_FILE).display()
                )
            })
        })?;
        let secret_path = data.join(SERVER_SECRET_FILE);
        let (secret_text, _) = load_or_create(&secret_path, "server secret", || {
            (format!("{}\n", STANDARD.encode(vigie_crypto::token::random_bytes::<32>())), ())
        })?;
        let secret: [u8; 32] =
            STANDARD.decode(secret_text.trim()).ok().and_then(|b| b.try_into().ok()).with_context(|| {
                format!("the server secret file {} is damaged; restore it from a backup", secret_path.display())
            })?;
        let url = config.database.as_ref().map(|s| s.expose_secret().to_owned());
        let backend = Backend::from_url(url.as_deref(), &data)?;
        let store = vigie_store::open(&backend)
            .await
            .with_context(|| format!("cannot open the database ({})", backend.describe()))?;
        let blobs = vigie_store::open_blobs(config.blobs.as_deref(), &data).context("cannot open the blob store")?;
        Ok(Self {
            data,
            store,
            blobs,
            backend,
            instance_key: std::sync::Arc::new(instance_key),
            server_secret: ServerSecret(secret),
        })
    }

    /// The default settings of the services, with this instance's receipt key; a command
    /// changes the ones it takes from its flags.
    pub fn services_config(&self) -> ServicesConfig {
        ServicesConfig::new(self.server_secret.receipt_key())
    }

    /// The services over this instance's database and blobs, on the system clock, with
    /// the default settings: what every command but `vigie serve` uses.
    pub fn services(&self) -> Services {
        self.services_with(self.services_config())
    }

    /// [`Instance::services`] with other settings (`vigie serve`, `vigie campaigns detect`).
    pub fn services_with(&self, config: ServicesConfig) -> Services {
        Services::build(self.store.clone(), self.blobs.clone(), Arc::new(SystemClock), config)
    }
}

fn prepare_data_dir(data: &Path) -> anyhow::Result<()> {
    if data.exists() && !data.is_dir() {
        bail!("{} exists but is not a folder", data.display());
    }
    // 0700 and 0600 whatever the umask: see vigie_store::private_fs.
    private_fs::ensure_dir(data).with_context(|| format!("cannot create the data folder {}", data.display()))?;
    // Prove now that the folder is writable, rather than failing at the first report.
    let probe = data.join(".write-test");
    private_fs::ensure_file(&probe)
        .and_then(|_| fs::remove_file(&probe))
        .with_context(|| format!("the data folder {} is not writable", data.display()))?;
    let blobs = data.join(BLOBS_DIR);
    private_fs::ensure_dir(&blobs).with_context(|| format!("cannot create the blob folder {}", blobs.display()))?;
    Ok(())
}

/// Reads a key file, or creates it (mode 0600, never replacing an existing file).
fn load_or_create<T>(
    path: &Path,
    what: &str,
    make: impl FnOnce() -> (String, T),
) -> anyhow::Result<(String, Option<T>)> {
    if path.exists() {
        let mode = fs::metadata(path)?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            tracing::warn!(
                path = %path.display(),
                mode = format!("{mode:o}"),
                "{what} file is readable by others; run chmod 600 on it"
            );
        }
        let text =
            fs::read_to_string(path).with_context(|| format!("cannot read the {what} file {}", path.display()))?;
        return Ok((text, None));
    }
    let (text, extra) = make();
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot create the {what} file {}", path.display()))?;
    file.write_all(text.as_bytes())
        .and_then(|_| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    tracing::info!(path = %path.display(), "created {what}");
    Ok((text, Some(extra)))
}
