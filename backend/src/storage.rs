//! Files kept outside the database (documents' files), through the `object_store` abstraction:
//! a directory of the local filesystem by default, any S3-compatible store by configuration.
//!
//! An upload is streamed: each chunk of the request body is hashed (SHA-256), checked as text
//! (valid UTF-8 without NUL) and written on to the store as a multipart upload, so a 20 MB file
//! never sits in memory; the first 64 KiB are kept for the caller to judge the content by its
//! magic numbers. Nothing is visible in the store until the caller `keep`s the upload; past the
//! size limit, on a broken body, or when the caller refuses the content, the parts written are
//! discarded.

use std::sync::Arc;

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, WriteMultipart};
use sha2::{Digest, Sha256};

use crate::config::{FileBackend, FileStoreSettings};

/// How much of the beginning of a file is kept to judge its content.
pub const HEAD_BYTES: usize = 64 * 1024;

#[derive(Clone)]
pub struct FileStore {
    inner: Arc<dyn ObjectStore>,
    /// Parts are written this large (S3 wants at least 5 MiB for every part but the last).
    part_size: usize,
    pub max_bytes: u64,
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FileStore({}, max {} bytes)", self.inner, self.max_bytes)
    }
}

/// Why an upload was not received.
#[derive(Debug)]
pub enum ReceiveError {
    /// More than `max_bytes`.
    TooLarge,
    /// The request body broke off.
    Body(String),
    /// The store failed.
    Store(object_store::Error),
}

impl From<object_store::Error> for ReceiveError {
    fn from(e: object_store::Error) -> Self {
        ReceiveError::Store(e)
    }
}

/// A file received and written to the store, not yet kept.
pub struct Upload {
    writer: WriteMultipart,
    pub size: u64,
    /// Lowercase hex.
    pub sha256: String,
    /// The first `HEAD_BYTES` bytes.
    pub head: Vec<u8>,
    /// Valid UTF-8 throughout, without control characters but tab and line breaks, not empty.
    pub text: bool,
}

impl Upload {
    /// Makes the file visible at its key.
    pub async fn keep(self) -> Result<(), object_store::Error> {
        self.writer.finish().await.map(|_| ())
    }

    /// Throws the parts written away.
    pub async fn discard(self) {
        if let Err(e) = self.writer.abort().await {
            log::warn!("storage: could not discard an upload's parts: {e}");
        }
    }
}

/// Whether a stream of chunks is UTF-8 text without control characters (a character may
/// straddle chunks).
#[derive(Default)]
struct TextCheck {
    broken: bool,
    carry: Vec<u8>,
}

impl TextCheck {
    fn feed(&mut self, chunk: &[u8]) {
        if self.broken {
            return;
        }
        // Control characters other than tab, line feed, form feed and carriage return (NUL,
        // DEL…) are not in text: an executable's header can be valid UTF-8.
        if chunk.iter().any(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0c | b'\r')) || b == 0x7f) {
            self.broken = true;
            return;
        }
        let mut data = std::mem::take(&mut self.carry);
        data.extend_from_slice(chunk);
        match std::str::from_utf8(&data) {
            Ok(_) => {}
            // A character cut at the end of the chunk: finished by the next one.
            Err(e) if e.error_len().is_none() => self.carry = data[e.valid_up_to()..].to_vec(),
            Err(_) => self.broken = true,
        }
    }

    fn is_text(&self) -> bool {
        !self.broken && self.carry.is_empty()
    }
}

impl FileStore {
    pub fn new(settings: &FileStoreSettings) -> Result<FileStore, String> {
        let (inner, part_size): (Arc<dyn ObjectStore>, usize) = match &settings.backend {
            FileBackend::Local(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| format!("DOCUMENTS_DIR {dir:?} cannot be created: {e}"))?;
                let store = object_store::local::LocalFileSystem::new_with_prefix(dir)
                    .map_err(|e| format!("DOCUMENTS_DIR {dir:?}: {e}"))?
                    .with_automatic_cleanup(true);
                (Arc::new(store), 1024 * 1024)
            }
            FileBackend::S3 { bucket } => {
                let store = object_store::aws::AmazonS3Builder::from_env()
                    .with_bucket_name(bucket)
                    .build()
                    .map_err(|e| format!("the S3 store (DOCUMENTS_S3_BUCKET, AWS_*): {e}"))?;
                (Arc::new(store), 5 * 1024 * 1024)
            }
        };
        Ok(FileStore { inner, part_size, max_bytes: settings.max_bytes })
    }

    /// Streams `body` to `key`: hashed, checked as text, its head kept, refused past
    /// `max_bytes` (nothing kept). The caller `keep`s or `discard`s the upload.
    pub async fn receive<S, E>(&self, key: &str, mut body: S) -> Result<Upload, ReceiveError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        let upload = self.inner.put_multipart(&Path::from(key)).await?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, self.part_size);
        let mut hasher = Sha256::new();
        let mut text = TextCheck::default();
        let mut head = Vec::new();
        let mut size = 0u64;
        while let Some(chunk) = body.next().await {
            let chunk = match chunk {
                Ok(chunk) => chunk,
                Err(e) => {
                    let _ = writer.abort().await;
                    return Err(ReceiveError::Body(e.to_string()));
                }
            };
            size += chunk.len() as u64;
            if size > self.max_bytes {
                let _ = writer.abort().await;
                return Err(ReceiveError::TooLarge);
            }
            hasher.update(&chunk);
            text.feed(&chunk);
            if head.len() < HEAD_BYTES {
                head.extend_from_slice(&chunk[..chunk.len().min(HEAD_BYTES - head.len())]);
            }
            // One part in flight at most: memory stays near one part whatever the file's size.
            if let Err(e) = writer.wait_for_capacity(1).await {
                let _ = writer.abort().await;
                return Err(e.into());
            }
            writer.write(&chunk);
        }
        Ok(Upload { writer, size, sha256: format!("{:x}", hasher.finalize()), head, text: size > 0 && text.is_text() })
    }

    /// The file at `key`, as a stream of chunks.
    pub async fn open(
        &self,
        key: &str,
    ) -> Result<futures_util::stream::BoxStream<'static, Result<Bytes, object_store::Error>>, object_store::Error> {
        Ok(self.inner.get(&Path::from(key)).await?.into_stream())
    }
}

#[cfg(test)]
mod tests {
    use super::TextCheck;

    fn check(chunks: &[&[u8]]) -> bool {
        let mut t = TextCheck::default();
        chunks.iter().for_each(|c| t.feed(c));
        t.is_text()
    }

    #[test]
    fn text_is_judged_across_chunks() {
        let e = "é".as_bytes();
        assert!(check(&[b"caf", &e[..1], &e[1..], b"\n"]), "a character cut between chunks");
        assert!(!check(&[b"caf", &e[..1]]), "cut at the very end");
        assert!(!check(&[b"a\0b"]), "NUL");
        assert!(!check(&[b"\x7fELF\x02\x01\x01"]), "an executable's header, valid UTF-8 as it is");
        assert!(check(&[b"a\tb\r\n"]), "tabs and line breaks");
        assert!(!check(&[&[0xff, 0xfe, 0x41]]), "not UTF-8");
    }
}
