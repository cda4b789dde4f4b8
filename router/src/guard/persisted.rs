//! Persisted documents, two kinds behind one protocol (Apollo's `extensions.persistedQuery`):
//! - **trusted documents**: the storefront's operations, extracted at build time into a manifest
//!   (`{ "<sha256>": "<document>" }`, web/dist/persisted-documents.json) that the router loads at
//!   start; production may accept nothing else;
//! - **Automatic Persisted Queries**: any client sends only the SHA-256 of its query; the router
//!   answers `PersistedQueryNotFound` the first time, the client retries with hash and query, and
//!   the router keeps the pair, in a store bounded by total bytes so that registering many
//!   queries evicts old ones instead of growing memory.
//!
//! Hive's own persisted documents are not used: their `apollo` selector reads the same extension
//! as APQ and refuses hashes its manifest lacks, so the two could not work side by side.

use hive_router::executor::hooks::on_graphql_params::GraphQLParams;
use sha2::{Digest, Sha256};
use sonic_rs::JsonValueTrait;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// What the client is told when the hash is unknown; Apollo clients retry on this message.
pub const NOT_FOUND_MESSAGE: &str = "PersistedQueryNotFound";
pub const NOT_FOUND_CODE: &str = "PERSISTED_QUERY_NOT_FOUND";
pub const HASH_MISMATCH_CODE: &str = "PERSISTED_QUERY_HASH_MISMATCH";

pub struct PersistedQueries {
    trusted: HashMap<String, Arc<str>>,
    /// `None` when APQ is off.
    automatic: Option<moka::sync::Cache<String, Arc<str>>>,
}

/// Why a persisted query could not be used: (code, message).
pub type Refusal = (&'static str, String);

impl PersistedQueries {
    /// `apq_bytes` of automatically persisted queries (0 = APQ off) and the trusted `manifest`.
    pub fn new(apq_bytes: u64, manifest: HashMap<String, String>) -> Self {
        let automatic = (apq_bytes > 0).then(|| {
            moka::sync::Cache::builder()
                .max_capacity(apq_bytes)
                .weigher(|hash: &String, query: &Arc<str>| {
                    (hash.len() + query.len()).try_into().unwrap_or(u32::MAX)
                })
                .build()
        });
        let trusted = manifest
            .into_iter()
            .map(|(hash, query)| (hash.to_ascii_lowercase(), Arc::from(query)))
            .collect();
        PersistedQueries { trusted, automatic }
    }

    /// Reads a manifest; a missing file is an empty manifest (no storefront built).
    pub fn read_manifest(path: &Path) -> Result<HashMap<String, String>, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashMap::new()),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        let manifest: HashMap<String, String> =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        // A manifest whose keys are not its documents' hashes would make the hash check of
        // every client retry fail; better to refuse it at start.
        if let Some((hash, _)) = manifest
            .iter()
            .find(|(hash, query)| sha256(query) != hash.to_ascii_lowercase())
        {
            return Err(format!(
                "{}: {hash} is not the SHA-256 of its document",
                path.display()
            ));
        }
        Ok(manifest)
    }

    /// Whether `query` is a trusted document, byte for byte (hashed only when there is a
    /// manifest to look in).
    pub fn is_trusted_text(&self, query: &str) -> bool {
        !self.trusted.is_empty() && self.trusted.contains_key(&sha256(query))
    }

    /// Fills `params.query` from a persisted document, or stores it (APQ). Whether the
    /// operation is a trusted document is [`Self::is_trusted_text`] of the query it leaves.
    pub fn resolve(&self, params: &mut GraphQLParams) -> Result<(), Refusal> {
        let Some(persisted) = params.extensions.as_ref().and_then(|e| e.get("persistedQuery")) else {
            return Ok(());
        };
        let version = persisted.get("version").and_then(|v| v.as_i64());
        if version != Some(1) {
            return Err((
                "PERSISTED_QUERY_VERSION_NOT_SUPPORTED",
                "persistedQuery.version must be 1".into(),
            ));
        }
        let Some(hash) = persisted
            .get("sha256Hash")
            .and_then(|v| v.as_str())
            .map(str::to_ascii_lowercase)
        else {
            return Err(("BAD_REQUEST", "persistedQuery.sha256Hash must be a string".into()));
        };
        let trusted = self.trusted.get(&hash);
        match (&params.query, trusted) {
            (Some(query), _) => {
                if sha256(query) != hash {
                    return Err((
                        HASH_MISMATCH_CODE,
                        "persistedQuery.sha256Hash is not the SHA-256 of the query".into(),
                    ));
                }
                if let (None, Some(automatic)) = (trusted, &self.automatic) {
                    automatic.insert(hash, Arc::from(query.as_str()));
                }
            }
            (None, Some(document)) => params.query = Some(document.to_string()),
            (None, None) => match self.automatic.as_ref().and_then(|a| a.get(&hash)) {
                Some(query) => params.query = Some(query.to_string()),
                None => return Err((NOT_FOUND_CODE, NOT_FOUND_MESSAGE.into())),
            },
        }
        Ok(())
    }
}

fn sha256(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(query: Option<&str>, hash: &str) -> GraphQLParams {
        let body = serde_json::json!({
            "query": query,
            "extensions": {"persistedQuery": {"version": 1, "sha256Hash": hash}},
        });
        sonic_rs::from_str(&body.to_string()).unwrap()
    }

    /// [`PersistedQueries::resolve`], then whether the query it leaves is a trusted document.
    fn trusted_after(store: &PersistedQueries, params: &mut GraphQLParams) -> Result<bool, Refusal> {
        store.resolve(params)?;
        Ok(params.query.as_deref().is_some_and(|q| store.is_trusted_text(q)))
    }

    fn plain(query: &str) -> GraphQLParams {
        sonic_rs::from_str(&serde_json::json!({ "query": query }).to_string()).unwrap()
    }

    const QUERY: &str = "{ __typename }";
    const STOREFRONT: &str = "query Shelf { products(first: 3) { name } }";

    fn apq_only() -> PersistedQueries {
        PersistedQueries::new(1 << 20, HashMap::new())
    }

    fn with_manifest() -> PersistedQueries {
        PersistedQueries::new(
            1 << 20,
            HashMap::from([(sha256(STOREFRONT), STOREFRONT.to_string())]),
        )
    }

    #[test]
    fn hash_only_is_not_found_until_the_query_is_sent_with_it() {
        let store = apq_only();
        let hash = sha256(QUERY);
        assert_eq!(
            store.resolve(&mut params(None, &hash)).unwrap_err().0,
            NOT_FOUND_CODE
        );
        assert_eq!(trusted_after(&store, &mut params(Some(QUERY), &hash)), Ok(false));
        let mut by_hash = params(None, &hash);
        assert_eq!(trusted_after(&store, &mut by_hash), Ok(false));
        assert_eq!(by_hash.query.as_deref(), Some(QUERY));
    }

    #[test]
    fn a_wrong_hash_is_refused_and_stores_nothing() {
        let store = apq_only();
        let wrong = sha256("{ other }");
        assert_eq!(
            store.resolve(&mut params(Some(QUERY), &wrong)).unwrap_err().0,
            HASH_MISMATCH_CODE
        );
        assert_eq!(
            store.resolve(&mut params(None, &wrong)).unwrap_err().0,
            NOT_FOUND_CODE
        );
    }

    #[test]
    fn trusted_documents_resolve_by_hash_and_are_known_by_their_text() {
        let store = with_manifest();
        let mut by_hash = params(None, &sha256(STOREFRONT));
        assert_eq!(trusted_after(&store, &mut by_hash), Ok(true));
        assert_eq!(by_hash.query.as_deref(), Some(STOREFRONT));
        assert_eq!(trusted_after(&store, &mut plain(STOREFRONT)), Ok(true));
        assert_eq!(trusted_after(&store, &mut plain(QUERY)), Ok(false));
        // An APQ registration is not a trusted document.
        assert_eq!(
            trusted_after(&store, &mut params(Some(QUERY), &sha256(QUERY))),
            Ok(false)
        );
    }

    #[test]
    fn without_apq_only_trusted_hashes_resolve() {
        let store = PersistedQueries::new(0, HashMap::from([(sha256(STOREFRONT), STOREFRONT.to_string())]));
        assert_eq!(
            trusted_after(&store, &mut params(Some(QUERY), &sha256(QUERY))),
            Ok(false)
        );
        assert_eq!(
            store.resolve(&mut params(None, &sha256(QUERY))).unwrap_err().0,
            NOT_FOUND_CODE
        );
        assert_eq!(
            trusted_after(&store, &mut params(None, &sha256(STOREFRONT))),
            Ok(true)
        );
    }

    #[test]
    fn a_manifest_with_a_wrong_key_is_refused_and_a_missing_one_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("persisted-documents.json");
        assert_eq!(PersistedQueries::read_manifest(&path), Ok(HashMap::new()));
        std::fs::write(
            &path,
            serde_json::json!({ sha256(STOREFRONT): STOREFRONT }).to_string(),
        )
        .unwrap();
        assert_eq!(PersistedQueries::read_manifest(&path).unwrap().len(), 1);
        std::fs::write(&path, serde_json::json!({ "00": STOREFRONT }).to_string()).unwrap();
        assert!(PersistedQueries::read_manifest(&path)
            .unwrap_err()
            .contains("not the SHA-256"));
    }

    #[test]
    fn the_store_is_bounded_by_bytes() {
        let store = PersistedQueries::new(10_000, HashMap::new());
        for i in 0..1000 {
            let query = format!("{{ a{i}: __typename {} }}", " ".repeat(100));
            store.resolve(&mut params(Some(&query), &sha256(&query))).unwrap();
        }
        let automatic = store.automatic.as_ref().unwrap();
        automatic.run_pending_tasks();
        assert!(
            automatic.weighted_size() <= 10_000,
            "{}",
            automatic.weighted_size()
        );
    }
}
