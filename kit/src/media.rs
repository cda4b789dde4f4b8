//! Pictures, stored by content: a picture's key is the SHA-256 of its bytes plus its type's
//! extension (`<64 hex>.svg`), so storing it twice is harmless, a key never changes meaning,
//! and the router may tell browsers to keep it forever. Catalog writes; the router reads and
//! serves `/media/<key>`. Both open the same store. Environment:
//! - `VITRINE_MEDIA_DIR` (default `<data dir>/media`): a local directory, shared by the router
//!   and catalog when they run on one host;
//! - `VITRINE_MEDIA_S3_BUCKET` (unset): an S3-compatible bucket instead, with the `AWS_*`
//!   settings `object_store` reads (`AWS_ENDPOINT`, `AWS_REGION`, `AWS_ACCESS_KEY_ID`,
//!   `AWS_SECRET_ACCESS_KEY`, `AWS_ALLOW_HTTP` for a local MinIO…).

use crate::config::StorageConfig;
use anyhow::Context;
use bytes::Bytes;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutMode, PutPayload};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// Where pictures are served from, in front of their key.
pub const MEDIA_PATH: &str = "/media/";

/// The picture types stored, by extension.
const TYPES: &[(&str, &str)] = &[
    ("svg", "image/svg+xml"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("webp", "image/webp"),
];

#[derive(Clone)]
pub struct MediaStore {
    store: Arc<dyn ObjectStore>,
}

impl std::fmt::Debug for MediaStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MediaStore({})", self.store)
    }
}

impl MediaStore {
    /// The store the environment names (see the module's documentation).
    pub fn from_env(storage: &StorageConfig) -> anyhow::Result<MediaStore> {
        if let Some(bucket) = std::env::var("VITRINE_MEDIA_S3_BUCKET")
            .ok()
            .filter(|b| !b.is_empty())
        {
            let s3 = object_store::aws::AmazonS3Builder::from_env()
                .with_bucket_name(bucket)
                .build()
                .context("VITRINE_MEDIA_S3_BUCKET: the S3 settings")?;
            return Ok(MediaStore { store: Arc::new(s3) });
        }
        let dir = std::env::var_os("VITRINE_MEDIA_DIR")
            .filter(|d| !d.is_empty())
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| storage.data_dir.join("media"));
        MediaStore::in_dir(&dir)
    }

    /// A local directory (created when missing).
    pub fn in_dir(dir: &std::path::Path) -> anyhow::Result<MediaStore> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let local = object_store::local::LocalFileSystem::new_with_prefix(dir)
            .with_context(|| format!("opening {}", dir.display()))?;
        Ok(MediaStore {
            store: Arc::new(local),
        })
    }

    /// Stores `bytes` of type `extension` (one of svg, png, jpg, webp) and returns its key.
    pub async fn put(&self, bytes: Bytes, extension: &str) -> anyhow::Result<String> {
        anyhow::ensure!(
            content_type(extension).is_some(),
            "not a picture type: {extension}"
        );
        let hash: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let key = format!("{hash}.{extension}");
        match self
            .store
            .put_opts(
                &Path::from(key.as_str()),
                PutPayload::from(bytes),
                PutMode::Create.into(),
            )
            .await
        {
            // Same key, same bytes: already stored.
            Ok(_) | Err(object_store::Error::AlreadyExists { .. }) => Ok(key),
            Err(err) => Err(err).context("storing a picture"),
        }
    }

    /// The picture `key` and its content type; `None` for a key that is not one of ours or
    /// that nothing was stored under.
    pub async fn get(&self, key: &str) -> anyhow::Result<Option<(Bytes, &'static str)>> {
        let Some(content_type) = parse_key(key) else {
            return Ok(None);
        };
        match self.store.get(&Path::from(key)).await {
            Ok(found) => Ok(Some((found.bytes().await?, content_type))),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(err) => Err(err).context("reading a picture"),
        }
    }
}

/// What a raster picture is by its first bytes (never by what a client claims): `png`, `jpg`
/// or `webp`; anything else (SVG included: it may carry script) is `None`.
pub fn raster_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("webp")
    } else {
        None
    }
}

/// The URL path a picture is served at.
pub fn url_of(key: &str) -> String {
    format!("{MEDIA_PATH}{key}")
}

fn content_type(extension: &str) -> Option<&'static str> {
    TYPES.iter().find(|(ext, _)| *ext == extension).map(|(_, t)| *t)
}

/// The content type of a well-formed key (64 lower-case hex digits, a dot, a known extension):
/// anything else, `..` and slashes included, is refused before the store is asked.
pub fn parse_key(key: &str) -> Option<&'static str> {
    let (hash, extension) = key.split_once('.')?;
    let hex = hash.len() == 64
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    hex.then(|| content_type(extension)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_picture_is_stored_once_under_its_hash_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = MediaStore::in_dir(&dir.path().join("media")).unwrap();
        let svg = Bytes::from_static(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        let key = store.put(svg.clone(), "svg").await.unwrap();
        assert_eq!(
            store.put(svg.clone(), "svg").await.unwrap(),
            key,
            "same bytes, same key"
        );
        assert!(key.ends_with(".svg") && key.len() == 64 + 4, "{key}");
        assert_eq!(store.get(&key).await.unwrap(), Some((svg, "image/svg+xml")));
        assert_eq!(url_of(&key), format!("/media/{key}"));
        let absent = format!("{}.png", "0".repeat(64));
        assert_eq!(store.get(&absent).await.unwrap(), None);
        assert!(store.put(Bytes::from_static(b"x"), "exe").await.is_err());
    }

    #[test]
    fn pictures_are_told_by_their_bytes() {
        assert_eq!(raster_type(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some("png"));
        assert_eq!(raster_type(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("jpg"));
        assert_eq!(raster_type(b"RIFF\x10\0\0\0WEBPVP8 "), Some("webp"));
        assert_eq!(raster_type(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), None);
        assert_eq!(raster_type(b"GIF89a"), None);
        assert_eq!(raster_type(b""), None);
    }

    #[test]
    fn only_well_formed_keys_are_looked_up() {
        let hash = "ab".repeat(32);
        assert_eq!(parse_key(&format!("{hash}.webp")), Some("image/webp"));
        for bad in [
            format!("{hash}.html"),
            format!("{}.svg", "AB".repeat(32)),
            format!("../{hash}.svg"),
            format!("{hash}.svg/x"),
            "x.svg".to_string(),
            String::new(),
        ] {
            assert_eq!(parse_key(&bad), None, "{bad}");
        }
    }
}
