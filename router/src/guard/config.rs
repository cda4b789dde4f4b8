//! The guard's settings: `plugins.vitrine_guard.config` in router.config.yaml, then the
//! environment over it.

use super::rate::QuotaConfig;
use serde::Deserialize;

/// `plugins.vitrine_guard.config` in router.config.yaml. Every field has a default; the
/// environment overrides a few (see [`GuardConfig::with_env`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GuardConfig {
    /// Deepest nesting of arrays and objects a request body (or GET `variables`) may have.
    pub max_json_depth: usize,
    /// Most items one list (or members one object) of a request body may hold.
    pub max_json_items: usize,
    /// Requests to the GraphQL endpoint per client address.
    pub per_address: QuotaConfig,
    /// Operations per signed-in caller (by the token's `sub`), across addresses.
    pub per_caller: QuotaConfig,
    /// Redis shared by all routers of a deployment for the two limits above; `None` keeps
    /// them per process. `VITRINE_REDIS_URL` sets it.
    pub redis_url: Option<String>,
    /// Key prefix in Redis, so deployments can share a server.
    pub redis_namespace: String,
    /// Take the client address from the first `X-Forwarded-For` entry: only behind a proxy
    /// that sets it, or clients pick their own address.
    pub trust_forwarded_for: bool,
    /// WebSocket connections and subscription streams (SSE, multipart) one client address may
    /// hold open at once (0: no limit). `VITRINE_MAX_WEBSOCKETS_PER_ADDRESS` sets it.
    pub max_websockets_per_address: usize,
    /// WebSocket connections and subscription streams this router holds open at once, whoever
    /// opened them (0: no limit); past it, more replicas. `VITRINE_MAX_WEBSOCKETS` sets it.
    pub max_websockets: usize,
    /// Subscriptions one client address may have started on its open WebSocket connections
    /// (0: no limit). Hive 0.2.5 tells no plugin when a subscription ends, so each counts
    /// until its connection closes, ended ones included: an address at the limit must close a
    /// connection (clients reconnect) before it starts more.
    /// `VITRINE_MAX_WEBSOCKET_SUBSCRIPTIONS_PER_ADDRESS` sets it.
    pub max_websocket_subscriptions_per_address: usize,
    /// The same, counted over all of this router's WebSocket connections (0: no limit).
    /// `VITRINE_MAX_WEBSOCKET_SUBSCRIPTIONS` sets it.
    pub max_websocket_subscriptions: usize,
    /// Bytes of results a WebSocket may have waiting for its client to read them; past it, the
    /// connection is closed (0: never). `VITRINE_MAX_WEBSOCKET_UNSENT_BYTES` sets it.
    pub max_websocket_unsent_bytes: usize,
    /// How long a subscription stream (SSE, multipart) may have bytes waiting while its client
    /// takes nothing (no fewer waiting, no next result taken), in seconds; past it, the
    /// connection is closed (0: never).
    /// `VITRINE_STALLED_STREAM_SECS` sets it.
    pub stalled_stream_secs: u64,
    /// Bytes of Automatic Persisted Queries kept (least recently used go first); 0 turns APQ off.
    pub persisted_queries_bytes: u64,
    /// The trusted documents manifest (`{ "<sha256>": "<document>" }`); `None` → the built
    /// storefront's, `<VITRINE_WEB_DIR>/persisted-documents.json`. `VITRINE_TRUSTED_DOCUMENTS`
    /// sets it.
    pub trusted_documents: Option<String>,
    /// Refuse every operation that is not a trusted document, except from signed-in ADMINs
    /// (GraphiQL for staff). `VITRINE_TRUSTED_DOCUMENTS_ONLY=true` sets it.
    pub trusted_documents_only: bool,
    /// The most an operation may cost, estimated over the whole operation before it is
    /// planned (`cost.rs`); past it, `COST_ESTIMATED_TOO_EXPENSIVE`.
    pub max_cost: u64,
    /// How long a list is taken to be when nothing sizes it (no `first`).
    pub default_list_size: u64,
}

impl Default for GuardConfig {
    fn default() -> Self {
        GuardConfig {
            max_json_depth: 32,
            max_json_items: 1000,
            per_address: QuotaConfig {
                per_second: 20,
                burst: 100,
            },
            per_caller: QuotaConfig {
                per_second: 20,
                burst: 100,
            },
            redis_url: None,
            redis_namespace: "vitrine".into(),
            trust_forwarded_for: false,
            // A household or an office behind one address, each tab with its connection.
            max_websockets_per_address: 100,
            // About 40 KiB each in the router (Hive's server, its tasks and buffers).
            max_websockets: 20_000,
            // A storefront tab starts one per product page it shows while its connection lasts;
            // the subgraphs hold 25 000 anonymous subscriptions per process.
            max_websocket_subscriptions_per_address: 1_000,
            // Twice the connections; about 20 KiB each (benches/subscriptions.rs, 100 a connection).
            max_websocket_subscriptions: 40_000,
            // A storefront message is well under 1 KiB: a client this far behind reads nothing.
            max_websocket_unsent_bytes: 1 << 20,
            // Hive keeps up to 32 results of a stream for a client that takes none; a client
            // reading at all takes some within seconds.
            stalled_stream_secs: 15,
            persisted_queries_bytes: 16 << 20,
            trusted_documents: None,
            trusted_documents_only: false,
            // The storefront's dearest document, 100 orders to a page, costs 15 301
            // (`cost.rs`'s tests).
            max_cost: 25_000,
            // The lists that take no `first` and carry no `@listSize` are mostly a product's
            // variants and offers: a handful each.
            default_list_size: 10,
        }
    }
}

impl GuardConfig {
    /// `VITRINE_REDIS_URL`, `VITRINE_REDIS_NAMESPACE`, `VITRINE_RATE_LIMIT_PER_ADDRESS`,
    /// `VITRINE_RATE_LIMIT_PER_CALLER` (`RATE:BURST`, or `0` for off), `VITRINE_MAX_WEBSOCKETS`,
    /// `VITRINE_MAX_WEBSOCKETS_PER_ADDRESS`, `VITRINE_MAX_WEBSOCKET_SUBSCRIPTIONS`,
    /// `VITRINE_MAX_WEBSOCKET_SUBSCRIPTIONS_PER_ADDRESS`, `VITRINE_MAX_WEBSOCKET_UNSENT_BYTES`,
    /// `VITRINE_STALLED_STREAM_SECS`,
    /// `VITRINE_TRUST_FORWARDED_FOR`,
    /// `VITRINE_TRUSTED_DOCUMENTS` and `VITRINE_TRUSTED_DOCUMENTS_ONLY` over the file's values.
    pub fn with_env(mut self) -> Result<Self, String> {
        if let Ok(url) = std::env::var("VITRINE_REDIS_URL") {
            self.redis_url = Some(url).filter(|u| !u.is_empty());
        }
        if let Ok(namespace) = std::env::var("VITRINE_REDIS_NAMESPACE") {
            self.redis_namespace = namespace;
        }
        if let Ok(quota) = std::env::var("VITRINE_RATE_LIMIT_PER_ADDRESS") {
            self.per_address =
                QuotaConfig::parse(&quota).map_err(|e| format!("VITRINE_RATE_LIMIT_PER_ADDRESS: {e}"))?;
        }
        if let Ok(path) = std::env::var("VITRINE_TRUSTED_DOCUMENTS") {
            self.trusted_documents = Some(path).filter(|p| !p.is_empty());
        }
        if let Ok(trust) = std::env::var("VITRINE_TRUST_FORWARDED_FOR") {
            self.trust_forwarded_for = trust == "true" || trust == "1";
        }
        if let Ok(only) = std::env::var("VITRINE_TRUSTED_DOCUMENTS_ONLY") {
            self.trusted_documents_only = match only.as_str() {
                "true" | "1" => true,
                "false" | "0" | "" => false,
                other => {
                    return Err(format!(
                        "VITRINE_TRUSTED_DOCUMENTS_ONLY: true or false, not {other:?}"
                    ))
                }
            };
        }
        let count = |name: &str| -> Result<Option<usize>, String> {
            match std::env::var(name) {
                Ok(text) => text
                    .trim()
                    .parse()
                    .map(Some)
                    .map_err(|e| format!("{name}: {text:?}: {e}")),
                Err(_) => Ok(None),
            }
        };
        if let Some(limit) = count("VITRINE_MAX_WEBSOCKETS_PER_ADDRESS")? {
            self.max_websockets_per_address = limit;
        }
        if let Some(limit) = count("VITRINE_MAX_WEBSOCKETS")? {
            self.max_websockets = limit;
        }
        if let Some(limit) = count("VITRINE_MAX_WEBSOCKET_SUBSCRIPTIONS_PER_ADDRESS")? {
            self.max_websocket_subscriptions_per_address = limit;
        }
        if let Some(limit) = count("VITRINE_MAX_WEBSOCKET_SUBSCRIPTIONS")? {
            self.max_websocket_subscriptions = limit;
        }
        if let Some(limit) = count("VITRINE_MAX_WEBSOCKET_UNSENT_BYTES")? {
            self.max_websocket_unsent_bytes = limit;
        }
        if let Some(secs) = count("VITRINE_STALLED_STREAM_SECS")? {
            self.stalled_stream_secs = secs as u64;
        }
        if let Ok(quota) = std::env::var("VITRINE_RATE_LIMIT_PER_CALLER") {
            self.per_caller =
                QuotaConfig::parse(&quota).map_err(|e| format!("VITRINE_RATE_LIMIT_PER_CALLER: {e}"))?;
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_config_reads_from_yaml_and_the_environment_form() {
        let config: GuardConfig = serde_json::from_value(serde_json::json!({"max_json_depth": 8})).unwrap();
        assert_eq!(config.max_json_depth, 8);
        assert_eq!(config.per_address, GuardConfig::default().per_address);
        assert!(serde_json::from_value::<GuardConfig>(serde_json::json!({"max_json_dept": 8})).is_err());
    }
}
