//! Where documents' files are kept (`DOCUMENTS_*`): the local filesystem by default, any
//! S3-compatible store by configuration (its address and keys from the standard `AWS_*`
//! variables: `AWS_ENDPOINT`, `AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
//! `AWS_ALLOW_HTTP`).

/// The default limit of an uploaded file: 20 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileBackend {
    /// A directory of the server's filesystem.
    Local(String),
    /// A bucket of an S3-compatible store.
    S3 { bucket: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStoreSettings {
    pub backend: FileBackend,
    /// Past this size an upload is refused with 413 (and nothing is kept).
    pub max_bytes: u64,
}

pub(super) fn parse(get: &impl Fn(&str) -> Option<String>) -> Result<FileStoreSettings, String> {
    let backend = match get("DOCUMENTS_STORE").as_deref().unwrap_or("local") {
        "local" => FileBackend::Local(get("DOCUMENTS_DIR").unwrap_or_else(|| {
            format!("{}/documents", get("DATA_DIR").unwrap_or_else(|| super::DEFAULT_DATA_DIR.into()))
        })),
        "s3" => FileBackend::S3 {
            bucket: get("DOCUMENTS_S3_BUCKET")
                .filter(|b| !b.trim().is_empty())
                .ok_or("DOCUMENTS_S3_BUCKET must name the bucket when DOCUMENTS_STORE=s3")?,
        },
        other => return Err(format!("DOCUMENTS_STORE must be `local` or `s3`, not {other:?}")),
    };
    Ok(FileStoreSettings { backend, max_bytes: super::parse_num(get, "DOCUMENTS_MAX_BYTES", DEFAULT_MAX_BYTES)? })
}
