//! Automatic Persisted Queries (Apollo's protocol): a client sends only the SHA-256 of its
//! query; the router answers `PersistedQueryNotFound` the first time, the client retries with
//! hash and query, and the router keeps the pair. Stored documents are bounded by total bytes,
//! so a client registering many queries evicts old ones instead of growing memory.

use hive_router::executor::hooks::on_graphql_params::GraphQLParams;
use sha2::{Digest, Sha256};
use sonic_rs::JsonValueTrait;
use std::sync::Arc;

/// What the client is told when the hash is unknown; Apollo clients retry on this message.
pub const NOT_FOUND_MESSAGE: &str = "PersistedQueryNotFound";
pub const NOT_FOUND_CODE: &str = "PERSISTED_QUERY_NOT_FOUND";
pub const HASH_MISMATCH_CODE: &str = "PERSISTED_QUERY_HASH_MISMATCH";

pub struct PersistedQueries {
    documents: moka::sync::Cache<String, Arc<str>>,
}

/// Why a persisted query could not be used: (code, message).
pub type Refusal = (&'static str, String);

impl PersistedQueries {
    pub fn new(max_bytes: u64) -> Self {
        let documents = moka::sync::Cache::builder()
            .max_capacity(max_bytes)
            .weigher(|hash: &String, query: &Arc<str>| {
                (hash.len() + query.len()).try_into().unwrap_or(u32::MAX)
            })
            .build();
        PersistedQueries { documents }
    }

    /// Fills `params.query` from the store, or stores it. `Ok(false)` when the request does not
    /// use the protocol at all.
    pub fn resolve(&self, params: &mut GraphQLParams) -> Result<bool, Refusal> {
        let Some(persisted) = params.extensions.as_ref().and_then(|e| e.get("persistedQuery")) else {
            return Ok(false);
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
        match &params.query {
            Some(query) => {
                if hex::encode(Sha256::digest(query.as_bytes())) != hash {
                    return Err((
                        HASH_MISMATCH_CODE,
                        "persistedQuery.sha256Hash is not the SHA-256 of the query".into(),
                    ));
                }
                self.documents.insert(hash, Arc::from(query.as_str()));
            }
            None => match self.documents.get(&hash) {
                Some(query) => params.query = Some(query.to_string()),
                None => return Err((NOT_FOUND_CODE, NOT_FOUND_MESSAGE.into())),
            },
        }
        Ok(true)
    }
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

    const QUERY: &str = "{ __typename }";

    fn hash_of(query: &str) -> String {
        hex::encode(Sha256::digest(query.as_bytes()))
    }

    #[test]
    fn hash_only_is_not_found_until_the_query_is_sent_with_it() {
        let store = PersistedQueries::new(1 << 20);
        let hash = hash_of(QUERY);
        assert_eq!(
            store.resolve(&mut params(None, &hash)).unwrap_err().0,
            NOT_FOUND_CODE
        );
        assert_eq!(store.resolve(&mut params(Some(QUERY), &hash)), Ok(true));
        let mut by_hash = params(None, &hash);
        assert_eq!(store.resolve(&mut by_hash), Ok(true));
        assert_eq!(by_hash.query.as_deref(), Some(QUERY));
    }

    #[test]
    fn a_wrong_hash_is_refused_and_stores_nothing() {
        let store = PersistedQueries::new(1 << 20);
        let wrong = hash_of("{ other }");
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
    fn requests_without_the_extension_pass_untouched() {
        let store = PersistedQueries::new(1 << 20);
        let mut plain: GraphQLParams = sonic_rs::from_str(r#"{"query":"{ a }"}"#).unwrap();
        assert_eq!(store.resolve(&mut plain), Ok(false));
    }

    #[test]
    fn the_store_is_bounded_by_bytes() {
        let store = PersistedQueries::new(10_000);
        for i in 0..1000 {
            let query = format!("{{ a{i}: __typename {} }}", " ".repeat(100));
            store
                .resolve(&mut params(Some(&query), &hash_of(&query)))
                .unwrap();
        }
        store.documents.run_pending_tasks();
        assert!(
            store.documents.weighted_size() <= 10_000,
            "{}",
            store.documents.weighted_size()
        );
    }
}
