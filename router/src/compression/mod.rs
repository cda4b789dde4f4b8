//! gzip and brotli for what the router sends, when the client accepts them: the storefront's
//! and GraphiQL's files (compressed once at a high level and kept, see [`FileCache`]) and
//! GraphQL responses of more than [`MIN_SIZE`] (compressed per response at a fast level).
//! Small bodies, and types that are compressed already (images, fonts), go as they are.

use hive_router::ntex::util::Bytes;
use std::collections::HashMap;
use std::io::Write;
use std::sync::Mutex;

/// Plugin `vitrine_compression`: GraphQL responses.
pub mod plugin;

/// Below this, compression saves less than a packet and costs a context.
pub const MIN_SIZE: usize = 1024;
/// Compressed files kept, in bytes: the storefront's whole build is ~1.5 MB before.
const CACHE_BYTES: usize = 32 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    Brotli,
    Gzip,
}

impl Encoding {
    /// The `Content-Encoding` value.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
        }
    }
}

/// How hard to try: files are compressed once, responses on every request.
#[derive(Debug, Clone, Copy)]
pub enum Effort {
    Once,
    PerResponse,
}

/// The best encoding `accept_encoding` allows (brotli before gzip), if any.
pub fn negotiate(accept_encoding: &str) -> Option<Encoding> {
    let mut best: Option<(Encoding, f32)> = None;
    for item in accept_encoding.split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let quality = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        let encoding = match coding.as_str() {
            "br" => Encoding::Brotli,
            "gzip" => Encoding::Gzip,
            _ => continue,
        };
        if quality <= 0.0 {
            continue;
        }
        let better = match best {
            None => true,
            Some((current, q)) => quality > q || (quality == q && current == Encoding::Gzip),
        };
        if better {
            best = Some((encoding, quality));
        }
    }
    best.map(|(encoding, _)| encoding)
}

/// Whether a body of this `Content-Type` gains from compression.
pub fn compressible(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    essence.starts_with("text/")
        || matches!(
            essence,
            "application/javascript"
                | "application/json"
                | "application/graphql-response+json"
                | "application/manifest+json"
                | "image/svg+xml"
        )
}

pub fn compress(encoding: Encoding, effort: Effort, body: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(body.len() / 3);
    match encoding {
        Encoding::Brotli => {
            let quality = match effort {
                Effort::Once => 9,
                Effort::PerResponse => 4,
            };
            let mut writer = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
            writer.write_all(body).expect("writing to memory");
            drop(writer);
        }
        Encoding::Gzip => {
            let level = match effort {
                Effort::Once => flate2::Compression::best(),
                Effort::PerResponse => flate2::Compression::fast(),
            };
            let mut writer = flate2::write::GzEncoder::new(&mut out, level);
            writer.write_all(body).expect("writing to memory");
            writer.finish().expect("writing to memory");
        }
    }
    out.into()
}

/// Compressed files by (name, version, encoding), where the version tells a rebuilt file (its
/// modification time and length; a constant for files built into the binary). Bounded: past
/// [`CACHE_BYTES`] it starts over.
#[derive(Default)]
pub struct FileCache {
    entries: Mutex<HashMap<(String, String, Encoding), Bytes>>,
}

impl FileCache {
    /// The file as compressed earlier, if it was.
    pub fn get(&self, name: &str, version: &str, encoding: Encoding) -> Option<Bytes> {
        let key = (name.to_string(), version.to_string(), encoding);
        self.lock().get(&key).cloned()
    }

    pub fn get_or_compress(&self, name: &str, version: &str, encoding: Encoding, body: &[u8]) -> Bytes {
        if let Some(hit) = self.get(name, version, encoding) {
            return hit;
        }
        let key = (name.to_string(), version.to_string(), encoding);
        // Outside the lock: a large file takes a while at this level.
        let compressed = compress(encoding, Effort::Once, body);
        let mut entries = self.lock();
        let held: usize = entries.values().map(Bytes::len).sum();
        if held + compressed.len() > CACHE_BYTES {
            entries.clear();
        }
        // An older version of the same file is no use any more.
        entries.retain(|(n, v, e), _| !(n == name && *e == encoding && v != version));
        entries.insert(key, compressed.clone());
        compressed
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(String, String, Encoding), Bytes>> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn brotli_first_unless_refused_or_rated_lower() {
        assert_eq!(negotiate("gzip, deflate, br, zstd"), Some(Encoding::Brotli));
        assert_eq!(negotiate("gzip"), Some(Encoding::Gzip));
        assert_eq!(negotiate("br;q=0, gzip"), Some(Encoding::Gzip));
        assert_eq!(negotiate("br;q=0.5, gzip;q=0.8"), Some(Encoding::Gzip));
        assert_eq!(negotiate("identity"), None);
        assert_eq!(negotiate(""), None);
    }

    #[test]
    fn what_is_compressed_comes_back_whole() {
        let body =
            "{\"data\":{\"products\":[".to_string() + &"{\"name\":\"Margherita\"},".repeat(200) + "]}}";
        let gzip = compress(Encoding::Gzip, Effort::PerResponse, body.as_bytes());
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&gzip[..])
            .read_to_string(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, body);
        let br = compress(Encoding::Brotli, Effort::Once, body.as_bytes());
        let mut unbrotli = String::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_string(&mut unbrotli)
            .unwrap();
        assert_eq!(unbrotli, body);
        assert!(br.len() * 10 < body.len(), "{} of {}", br.len(), body.len());
    }

    #[test]
    fn types_and_the_cache() {
        assert!(compressible("application/javascript; charset=utf-8"));
        assert!(compressible("application/graphql-response+json"));
        assert!(!compressible("image/webp"));
        let cache = FileCache::default();
        let body = b"body { color: red } ".repeat(100);
        let first = cache.get_or_compress("/assets/a.css", "v1", Encoding::Gzip, &body);
        let again = cache.get_or_compress("/assets/a.css", "v1", Encoding::Gzip, b"ignored: cached");
        assert_eq!(first, again);
        let rebuilt = cache.get_or_compress("/assets/a.css", "v2", Encoding::Gzip, b"new");
        assert_ne!(first, rebuilt);
        assert_eq!(cache.lock().len(), 1, "the old version is dropped");
    }
}
