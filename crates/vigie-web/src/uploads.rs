//! Forms with files (`multipart/form-data`): the CSRF token must come first, then the
//! text fields and files in any order. Each file is recognised by its first bytes,
//! streamed into the sealed blob store as it arrives, and refused past the per-file or
//! per-form limit; nothing of a refused form's files is kept, but its text fields are:
//! past a limit the rest of the body is still read (and dropped, never held in memory)
//! up to [`UploadLimits::body_cap`], so that the form comes back with everything the
//! person typed, even the fields that came after the files.

use axum::extract::multipart::Field;
use axum::extract::{FromRequest, Multipart, Request};
use bytes::Bytes;
use futures::{StreamExt, TryStreamExt, stream};
use vigie_core::cases::AttachedFile;
use vigie_core::media::MediaType;
use vigie_core::{DomainError, OrgId};

use crate::context::Ctx;
use crate::error::WebError;
use crate::state::AppState;

/// Limits on what one form may carry.
#[derive(Debug, Clone, Copy)]
pub struct UploadLimits {
    pub per_file: u64,
    pub per_form: u64,
    pub files: usize,
}

impl Default for UploadLimits {
    fn default() -> Self {
        Self { per_file: 25 * 1024 * 1024, per_form: 100 * 1024 * 1024, files: 10 }
    }
}

/// Bound on one text field of a form with files (a description is far shorter).
pub const MAX_TEXT_FIELD_BYTES: usize = 1024 * 1024;

impl UploadLimits {
    /// How much of a form's body the server reads at most: four times the files' total
    /// (and a megabyte for the text). A form over the total is read to its end, so that
    /// the browser gets the answer (a server that stops reading makes many browsers show
    /// a reset connection instead) and no field after the files is lost; only past this
    /// is the reading cut.
    pub fn body_cap(&self) -> usize {
        usize::try_from(self.per_form.saturating_mul(4)).unwrap_or(usize::MAX).saturating_add(1024 * 1024)
    }

    fn megabytes(bytes: u64) -> String {
        (bytes / (1024 * 1024)).to_string()
    }
}

/// Why a file was refused, for the form to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRefusal {
    Kind,
    TooLarge,
    TooMany,
    /// The body ended inside a part (the connection was cut).
    Interrupted,
}

impl FileRefusal {
    pub fn message_key(self) -> &'static str {
        match self {
            FileRefusal::Kind => "files-refused-kind",
            FileRefusal::TooLarge => "files-refused-size",
            FileRefusal::TooMany => "files-refused-count",
            FileRefusal::Interrupted => "files-refused-interrupted",
        }
    }

    /// The answer's status: the client's fault in each case, and a cut body is not even
    /// a whole request.
    pub fn status(self) -> axum::http::StatusCode {
        match self {
            FileRefusal::Interrupted => axum::http::StatusCode::BAD_REQUEST,
            _ => axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    /// What the form says, naming the limits in force.
    pub fn message(self, tr: crate::i18n::Tr, limits: UploadLimits) -> String {
        Self::with_limits(tr, self.message_key(), limits)
    }

    /// The file picker's hint, naming the limits in force.
    pub fn hint(tr: crate::i18n::Tr, limits: UploadLimits) -> String {
        Self::with_limits(tr, "files-hint", limits)
    }

    fn with_limits(tr: crate::i18n::Tr, key: &str, limits: UploadLimits) -> String {
        let per_file = UploadLimits::megabytes(limits.per_file);
        let per_form = UploadLimits::megabytes(limits.per_form);
        let files = limits.files.to_string();
        tr.t_with(key, &[("per_file", &per_file), ("per_form", &per_form), ("files", &files)])
    }
}

enum TextError {
    /// Over [`MAX_TEXT_FIELD_BYTES`], or not UTF-8.
    TooLong,
    /// The body ended inside the field.
    Cut,
}

impl From<TextError> for WebError {
    fn from(_: TextError) -> Self {
        WebError::BadRequest
    }
}

/// Reads a text field whole, refusing one over [`MAX_TEXT_FIELD_BYTES`].
async fn field_text(mut field: Field<'_>) -> Result<String, TextError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|_| TextError::Cut)? {
        if bytes.len() + chunk.len() > MAX_TEXT_FIELD_BYTES {
            return Err(TextError::TooLong);
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes).map_err(|_| TextError::TooLong)
}

/// Whether reading stopped at the body cap (the request is too large to read further).
fn over_cap(e: &axum::extract::multipart::MultipartError) -> bool {
    e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE
}

/// A form with files, CSRF-checked.
pub struct UploadForm {
    /// The text fields, in order.
    pub fields: Vec<(String, String)>,
    /// The raw multipart stream, positioned after the CSRF token.
    multipart: Multipart,
}

impl FromRequest<AppState> for UploadForm {
    type Rejection = WebError;

    async fn from_request(req: Request, app: &AppState) -> Result<Self, WebError> {
        let ctx = req.extensions().get::<Ctx>().cloned().ok_or_else(|| WebError::Internal("context missing".into()))?;
        let mut multipart = Multipart::from_request(req, app).await.map_err(|_| WebError::Csrf)?;
        // The token comes first, so that no byte of a forged post reaches the store.
        let first = multipart.next_field().await.map_err(|_| WebError::BadRequest)?;
        let token = match first {
            Some(f) if f.name() == Some("csrf") => field_text(f).await.unwrap_or_default(),
            _ => String::new(),
        };
        if !vigie_crypto::token::constant_time_eq(token.as_bytes(), ctx.csrf.as_bytes()) {
            app.metrics.csrf_rejected();
            return Err(WebError::Csrf);
        }
        Ok(Self { fields: Vec::new(), multipart })
    }
}

impl UploadForm {
    /// A multipart body sent with an API token. No CSRF token: the caller must have been
    /// authenticated by its bearer token (never by a cookie, which a cross-site form
    /// could carry), which the API handler's `ApiCaller` extractor guarantees.
    pub async fn from_api_request(req: Request, app: &AppState) -> Result<Self, WebError> {
        let multipart = Multipart::from_request(req, app).await.map_err(|_| WebError::BadRequest)?;
        Ok(Self { fields: Vec::new(), multipart })
    }

    /// Reads the next field, which must be the text field `name` (for what must be known
    /// before any file is stored, like the receipt code).
    pub async fn take_text(mut self, name: &str) -> Result<(String, Self), WebError> {
        match self.multipart.next_field().await.map_err(|_| WebError::BadRequest)? {
            Some(f) if f.name() == Some(name) && f.file_name().is_none() => Ok((field_text(f).await?, self)),
            _ => Err(WebError::BadRequest),
        }
    }

    /// Reads the rest of the form into memory: its text fields, and the file field
    /// `name` (at most `max` bytes, `TooLarge` beyond; `None` when no file was chosen).
    /// For documents that are read, not kept as evidence (an import).
    pub async fn read_document(
        mut self,
        name: &str,
        max: usize,
    ) -> Result<(Vec<(String, String)>, Option<Vec<u8>>), WebError> {
        let mut document = None;
        while let Some(mut field) = self
            .multipart
            .next_field()
            .await
            .map_err(|e| if over_cap(&e) { WebError::TooLarge } else { WebError::BadRequest })?
        {
            let field_name = field.name().unwrap_or_default().to_owned();
            if field.file_name().is_none() {
                let value = field_text(field).await?;
                self.fields.push((field_name, value));
                continue;
            }
            if field_name != name {
                continue;
            }
            let mut bytes = Vec::new();
            while let Some(chunk) =
                field.chunk().await.map_err(|e| if over_cap(&e) { WebError::TooLarge } else { WebError::BadRequest })?
            {
                if bytes.len() + chunk.len() > max {
                    return Err(WebError::TooLarge);
                }
                bytes.extend_from_slice(&chunk);
            }
            if !bytes.is_empty() {
                document = Some(bytes);
            }
        }
        Ok((self.fields, document))
    }

    /// Reads the rest of the form: text fields are kept, files named `files` are sealed
    /// to `org` and stored. On a refused file, what was stored is removed and the
    /// refusal returned with the text fields (read to the end of the form, or to the
    /// body cap when a form is far over the limit).
    pub async fn read(
        mut self,
        app: &AppState,
        org: OrgId,
        limits: UploadLimits,
    ) -> Result<(Vec<(String, String)>, Vec<AttachedFile>, Option<FileRefusal>), WebError> {
        let mut files: Vec<AttachedFile> = Vec::new();
        let mut total = 0u64;
        let mut refusal = None;
        loop {
            let field = match self.multipart.next_field().await {
                Ok(Some(field)) => field,
                Ok(None) => break,
                Err(e) if over_cap(&e) => {
                    refusal = Some(FileRefusal::TooLarge);
                    break;
                }
                Err(_) => {
                    // A body cut short (or malformed): what was read of the form comes back.
                    refusal = Some(FileRefusal::Interrupted);
                    break;
                }
            };
            let name = field.name().unwrap_or_default().to_owned();
            if field.file_name().is_none() {
                match field_text(field).await {
                    Ok(value) => self.fields.push((name, value)),
                    Err(TextError::TooLong) => {
                        app.cases.discard_uploads(&files).await;
                        return Err(WebError::BadRequest);
                    }
                    Err(TextError::Cut) => {
                        refusal = Some(FileRefusal::Interrupted);
                        break;
                    }
                }
                continue;
            }
            if name != "files" || refusal.is_some() {
                continue;
            }
            let file_name = field.file_name().unwrap_or_default().to_owned();
            match store_one(app, org, field, &file_name, limits, &mut total, files.len()).await {
                Ok(Some(f)) => files.push(f),
                Ok(None) => {} // an empty file input
                Err(Stored::Refused(r)) => refusal = Some(r),
                Err(Stored::Failed(e)) => {
                    app.cases.discard_uploads(&files).await;
                    return Err(e.into());
                }
            }
        }
        if refusal.is_some() {
            app.cases.discard_uploads(&files).await;
            files.clear();
        }
        Ok((self.fields, files, refusal))
    }
}

enum Stored {
    Refused(FileRefusal),
    Failed(DomainError),
}

async fn store_one(
    app: &AppState,
    org: OrgId,
    field: Field<'_>,
    file_name: &str,
    limits: UploadLimits,
    total: &mut u64,
    count: usize,
) -> Result<Option<AttachedFile>, Stored> {
    let capped = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let broken = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (cap_flag, broken_flag) = (capped.clone(), broken.clone());
    let mut chunks = field
        .map_err(move |e| {
            let flag = if over_cap(&e) { &cap_flag } else { &broken_flag };
            flag.store(true, std::sync::atomic::Ordering::Relaxed);
            std::io::Error::other(e)
        })
        .boxed();
    // Enough bytes to recognise the kind.
    let mut head = Vec::new();
    while head.len() < 512 {
        match chunks.next().await {
            Some(Ok(c)) => head.extend_from_slice(&c),
            Some(Err(_)) if capped.load(std::sync::atomic::Ordering::Relaxed) => {
                return Err(Stored::Refused(FileRefusal::TooLarge));
            }
            Some(Err(_)) => return Err(Stored::Refused(FileRefusal::Interrupted)),
            None => break,
        }
    }
    if head.is_empty() && file_name.is_empty() {
        return Ok(None);
    }
    if count >= limits.files {
        return Err(Stored::Refused(FileRefusal::TooMany));
    }
    let media = MediaType::sniff(&head).ok_or(Stored::Refused(FileRefusal::Kind))?;
    let budget = limits.per_file.min(limits.per_form.saturating_sub(*total));
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counter = seen.clone();
    let limited = stream::iter(std::iter::once(Ok(Bytes::from(head))))
        .chain(chunks)
        .map(move |chunk| {
            let chunk = chunk?;
            let n = counter.fetch_add(chunk.len() as u64, std::sync::atomic::Ordering::Relaxed) + chunk.len() as u64;
            if n > budget { Err(std::io::Error::other("file over the limit")) } else { Ok(chunk) }
        })
        .boxed();
    let reader = limited.into_async_read();
    match app.cases.store_upload(org, file_name, media, reader).await {
        Ok(f) => {
            *total += f.blob.size;
            Ok(Some(f))
        }
        Err(_)
            if seen.load(std::sync::atomic::Ordering::Relaxed) > budget
                || capped.load(std::sync::atomic::Ordering::Relaxed) =>
        {
            Err(Stored::Refused(FileRefusal::TooLarge))
        }
        Err(_) if broken.load(std::sync::atomic::Ordering::Relaxed) => Err(Stored::Refused(FileRefusal::Interrupted)),
        Err(e) => Err(Stored::Failed(e)),
    }
}
