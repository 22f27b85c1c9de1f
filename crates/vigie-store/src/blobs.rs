//! [`Blobs`] through the `object_store` crate: a folder on the local disk by default
//! (`<data>/blobs`), any S3-compatible store by configuration (`s3://bucket/prefix`,
//! with the usual `AWS_*` variables). One implementation for both, so S3 is a switch,
//! never a code fork.
//!
//! Objects are named `<first two digits>/<name>`: the random [`BlobName`] fanned out over
//! 256 folders, so that no folder holds millions of files. The name says nothing about
//! the content; the bytes are an `age` file sealed before they reach this module.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use bytes::Bytes;
use futures::{StreamExt, TryStreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::prefix::PrefixStore;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, WriteMultipart};
use vigie_core::{BlobError, BlobName, BlobResult, Blobs, ByteStream};

/// Size of one part of a multipart upload. S3 refuses parts under 5 MiB (but the last),
/// and a part is held in memory until it is sent: memory for one upload stays near
/// `PART_SIZE × (PARTS_IN_FLIGHT + 1)`, whatever the file's size.
const PART_SIZE: usize = 5 * 1024 * 1024;

/// Parts sent at once: enough to overlap sealing with sending, little enough to keep
/// memory bounded.
const PARTS_IN_FLIGHT: usize = 2;

/// Where the blobs are, as read from `--blobs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlobsLocation {
    /// A folder on the local disk (the default: `<data>/blobs`).
    Local(PathBuf),
    /// An S3-compatible bucket, and a prefix inside it (maybe empty). Credentials,
    /// region and endpoint come from the usual variables, read by `object_store`:
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_REGION`
    /// or `AWS_DEFAULT_REGION`, and for other S3-compatible stores (MinIO, Garage…)
    /// `AWS_ENDPOINT` (plus `AWS_ALLOW_HTTP=true` for a plain-HTTP endpoint).
    S3 { bucket: String, prefix: String },
}

impl BlobsLocation {
    /// Reads `--blobs`: absent means `<data>/blobs`; `s3://bucket/prefix` means S3;
    /// `file:///path` or a plain path means that folder. Anything else is refused.
    pub fn parse(spec: Option<&str>, data_dir: &Path) -> BlobResult<Self> {
        let Some(spec) = spec.map(str::trim).filter(|s| !s.is_empty()) else {
            return Ok(Self::Local(data_dir.join("blobs")));
        };
        match spec.split_once("://") {
            None => Ok(Self::Local(spec.into())),
            Some(("file", "")) => Err(config("file:// needs a folder path, as in file:///srv/vigie/blobs")),
            Some(("file", path)) => Ok(Self::Local(path.into())),
            Some(("s3", rest)) => {
                if rest.contains(['?', '#']) {
                    return Err(config("an s3:// URL takes no options: set them in the AWS_* variables"));
                }
                let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
                if !valid_bucket(bucket) {
                    return Err(config(
                        "the bucket name in s3://bucket/prefix must be 3 to 63 characters among a-z, 0-9, '.' and '-'",
                    ));
                }
                let prefix = prefix.trim_matches('/');
                ObjectPath::parse(prefix).map_err(|e| config(&format!("invalid prefix in the s3:// URL: {e}")))?;
                Ok(Self::S3 { bucket: bucket.to_owned(), prefix: prefix.to_owned() })
            }
            Some((scheme, _)) => Err(config(&format!(
                "unsupported blob store {scheme}://…: use s3://bucket/prefix, a folder path, \
                 or nothing for the data folder"
            ))),
        }
    }

    /// A description safe for logs (no credential is ever part of a location).
    pub fn describe(&self) -> String {
        match self {
            Self::Local(dir) => format!("folder {}", dir.display()),
            Self::S3 { bucket, prefix } if prefix.is_empty() => format!("S3 bucket {bucket}"),
            Self::S3 { bucket, prefix } => format!("S3 bucket {bucket}, prefix {prefix}"),
        }
    }
}

/// The rules S3 and its compatible stores share for bucket names.
fn valid_bucket(b: &str) -> bool {
    let edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    (3..=63).contains(&b.len())
        && b.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && edge(b.chars().next())
        && edge(b.chars().last())
}

fn config(message: &str) -> BlobError {
    BlobError::Config(message.to_owned())
}

fn backend(e: object_store::Error) -> BlobError {
    match e {
        object_store::Error::NotFound { .. } => BlobError::NotFound,
        other => BlobError::Backend(other.to_string()),
    }
}

/// Opens the blob store `--blobs` names (creating the local folder if needed).
/// Opening contacts nothing: a wrong S3 setting shows at the first operation.
pub fn open_blobs(spec: Option<&str>, data_dir: &Path) -> BlobResult<Arc<dyn Blobs>> {
    Ok(Arc::new(ObjectBlobs::open(&BlobsLocation::parse(spec, data_dir)?)?))
}

/// [`Blobs`] over any `object_store` backend.
pub struct ObjectBlobs {
    store: Arc<dyn ObjectStore>,
    description: String,
    /// The folder of a local store: object_store writes its files with the umask's mode,
    /// so `put` makes them (and their fan-out folders) owner-only itself.
    local_root: Option<PathBuf>,
}

impl ObjectBlobs {
    pub fn open(location: &BlobsLocation) -> BlobResult<Self> {
        let (store, local_root): (Arc<dyn ObjectStore>, _) = match location {
            BlobsLocation::Local(dir) => {
                crate::private_fs::ensure_dir(dir)
                    .map_err(|e| config(&format!("cannot create the blob folder {}: {e}", dir.display())))?;
                // fsync: a piece of evidence acknowledged is on the disk, as a report is.
                let store = LocalFileSystem::new_with_prefix(dir).map_err(backend)?.with_fsync(true);
                (Arc::new(store), Some(dir.clone()))
            }
            BlobsLocation::S3 { bucket, prefix } => {
                let s3 = AmazonS3Builder::from_env()
                    .with_bucket_name(bucket)
                    .build()
                    .map_err(|e| config(&format!("S3 settings: {e}")))?;
                if prefix.is_empty() {
                    (Arc::new(s3), None)
                } else {
                    let prefix = ObjectPath::parse(prefix).map_err(|e| config(&e.to_string()))?;
                    (Arc::new(PrefixStore::new(s3, prefix)), None)
                }
            }
        };
        Ok(Self { store, description: location.describe(), local_root })
    }

    /// Over a store built elsewhere (another backend, or `InMemory` in tests).
    pub fn with_store(store: Arc<dyn ObjectStore>, description: impl Into<String>) -> Self {
        Self { store, description: description.into(), local_root: None }
    }

    /// Before a local write: the fan-out folder, created 0700 (object_store would create
    /// it with the umask's mode), so that the file is never reachable by others while it
    /// is written.
    fn prepare_local(&self, name: &BlobName) -> BlobResult<()> {
        let Some(root) = &self.local_root else { return Ok(()) };
        let dir = root.join(&name.as_str()[..2]);
        crate::private_fs::ensure_dir(&dir)
            .map_err(|e| BlobError::Backend(format!("cannot create the blob folder {}: {e}", dir.display())))
    }

    /// After a local write: the file 0600.
    fn finish_local(&self, name: &BlobName) -> BlobResult<()> {
        let Some(root) = &self.local_root else { return Ok(()) };
        let name = name.as_str();
        let file = root.join(&name[..2]).join(name);
        crate::private_fs::restrict_file(&file)
            .map_err(|e| BlobError::Backend(format!("cannot restrict the blob file {}: {e}", file.display())))
    }

    async fn put_object(&self, name: &BlobName, mut body: ByteStream<'_>) -> BlobResult<()> {
        let path = Self::path(name);
        // Most evidence (screenshots, documents) fits in one part: one request.
        let mut first = Vec::new();
        let mut gathered = 0;
        while gathered < PART_SIZE {
            let Some(chunk) = body.next().await else {
                self.store.put(&path, PutPayload::from_iter(first)).await.map_err(backend)?;
                return Ok(());
            };
            let chunk: Bytes = chunk?;
            gathered += chunk.len();
            first.push(chunk);
        }
        // Larger: a multipart upload, invisible under `path` until it completes.
        let mut upload =
            WriteMultipart::new_with_chunk_size(self.store.put_multipart(&path).await.map_err(backend)?, PART_SIZE);
        first.into_iter().for_each(|chunk| upload.put(chunk));
        let copied: BlobResult<()> = async {
            while let Some(chunk) = body.next().await {
                let chunk = chunk?;
                upload.wait_for_capacity(PARTS_IN_FLIGHT).await.map_err(backend)?;
                upload.put(chunk);
            }
            Ok(())
        }
        .await;
        match copied {
            Ok(()) => upload.finish().await.map(drop).map_err(backend),
            Err(e) => {
                if let Err(abort) = upload.abort().await {
                    tracing::warn!(blob = %name, error = %abort, "could not abandon a failed upload");
                }
                Err(e)
            }
        }
    }

    fn path(name: &BlobName) -> ObjectPath {
        let name = name.as_str();
        ObjectPath::from_iter([&name[..2], name])
    }
}

#[async_trait]
impl Blobs for ObjectBlobs {
    async fn put(&self, name: &BlobName, body: ByteStream<'_>) -> BlobResult<()> {
        self.prepare_local(name)?;
        self.put_object(name, body).await?;
        self.finish_local(name)
    }

    async fn get(&self, name: &BlobName) -> BlobResult<ByteStream<'static>> {
        let found = self.store.get(&Self::path(name)).await.map_err(backend)?;
        Ok(found.into_stream().map_err(backend).boxed())
    }

    async fn exists(&self, name: &BlobName) -> BlobResult<bool> {
        match self.store.head(&Self::path(name)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(backend(e)),
        }
    }

    async fn delete(&self, name: &BlobName) -> BlobResult<()> {
        match self.store.delete(&Self::path(name)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(backend(e)),
        }
    }

    fn describe(&self) -> String {
        self.description.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blob_settings_pick_the_location() {
        let d = Path::new("/data");
        assert_eq!(BlobsLocation::parse(None, d).unwrap(), BlobsLocation::Local("/data/blobs".into()));
        assert_eq!(BlobsLocation::parse(Some("  "), d).unwrap(), BlobsLocation::Local("/data/blobs".into()));
        assert_eq!(BlobsLocation::parse(Some("/srv/ev"), d).unwrap(), BlobsLocation::Local("/srv/ev".into()));
        assert_eq!(BlobsLocation::parse(Some("file:///srv/ev"), d).unwrap(), BlobsLocation::Local("/srv/ev".into()));
        assert_eq!(
            BlobsLocation::parse(Some("s3://evidence/vigie/prod/"), d).unwrap(),
            BlobsLocation::S3 { bucket: "evidence".into(), prefix: "vigie/prod".into() }
        );
        assert_eq!(
            BlobsLocation::parse(Some("s3://evidence"), d).unwrap(),
            BlobsLocation::S3 { bucket: "evidence".into(), prefix: String::new() }
        );
    }

    #[test]
    fn bad_blob_settings_are_refused_with_a_reason() {
        let d = Path::new("/data");
        for bad in
            ["gs://bucket/x", "file://", "s3://", "s3:///x", "s3://Bucket/x", "s3://ab", "s3://-bucket", "s3://b_ucket"]
        {
            let e = BlobsLocation::parse(Some(bad), d).unwrap_err();
            assert!(matches!(e, BlobError::Config(_)), "{bad}: {e}");
        }
        let e = BlobsLocation::parse(Some("azure://c/x"), d).unwrap_err().to_string();
        assert!(e.contains("unsupported") && e.contains("s3://bucket/prefix"), "{e}");
        let e = BlobsLocation::parse(Some("s3://evidence/x?region=eu"), d).unwrap_err().to_string();
        assert!(e.contains("AWS_"), "{e}");
        assert!(matches!(BlobsLocation::parse(Some("s3://evidence/a/../b"), d), Err(BlobError::Config(_))));
    }

    #[test]
    fn objects_are_fanned_out_by_their_first_two_digits() {
        let name = BlobName::from_random([0x3c; 16]);
        assert_eq!(ObjectBlobs::path(&name).as_ref(), format!("3c/{name}"));
    }
}
