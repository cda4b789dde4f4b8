//! Calls from one subgraph to another's public GraphQL API, never its tables. In embedded mode
//! the call runs the peer's schema in process; distributed, it goes over HTTP to the peer's URL:
//! a fixed one (`VITRINE_<NAME>_URL`), else a live instance from the registry, in turn (see
//! [`crate::registry`]). A refused connection is tried once more on another instance: the
//! request never arrived, so repeating it is safe whatever it does. So is a query that failed
//! in transit (e.g. on a kept-alive connection to an instance that just died): reading twice
//! changes nothing. A mutation that may have arrived is not repeated here (the saga's own
//! retries and idempotency keys cover unknown outcomes).
//! Either way the caller's identity travels in the same router-style signed header, so the peer
//! applies its usual authorization (service-only operations require [`Role::Service`]).
//!
//! [`PeerError`] separates a peer's answer ("out of stock": the step failed, compensate) from
//! not knowing the outcome (timeout, connection refused, the peer's INTERNAL: retry later).
//!
//! [`Role::Service`]: crate::identity::Role::Service

use crate::error::ApiError;
use crate::identity::{self, Identity, IDENTITY_HEADER};
use crate::registry::RegistryView;
use crate::service::SubgraphService;
use http::{HeaderMap, HeaderValue};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// How long one call may take before its outcome counts as unknown.
const CALL_TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Debug, thiserror::Error)]
pub enum PeerError {
    /// The peer answered with a client-facing error; nothing was done there.
    #[error("{0}")]
    Rejected(ApiError),
    /// No answer, or an internal error: the call may or may not have taken effect.
    #[error("{subgraph} is unavailable: {cause:#}")]
    Unavailable { subgraph: String, cause: anyhow::Error },
}

impl From<PeerError> for ApiError {
    fn from(err: PeerError) -> Self {
        match err {
            PeerError::Rejected(api) => api,
            unavailable => ApiError::Internal(anyhow::anyhow!("{unavailable}")),
        }
    }
}

/// A GraphQL operation one subgraph sends another's public API. Written once, as a constant
/// listed in the caller's `PEER_OPERATIONS`, so a test checks every one against the peer's
/// checked-in schema (`schema/<peer>.graphql`): a renamed peer field fails that test, not a
/// checkout at run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeerOperation {
    /// The subgraph it is sent to.
    pub peer: &'static str,
    pub document: &'static str,
}

/// Where the other subgraphs are and how to call them.
pub struct Peers {
    secret: Vec<u8>,
    in_process: RwLock<HashMap<String, SubgraphService>>,
    /// Set once every in-process peer is registered (embedded) or at once (distributed).
    ready: tokio::sync::watch::Sender<bool>,
    /// Fixed URLs; they win over the registry.
    urls: HashMap<String, String>,
    registry: Option<Arc<RegistryView>>,
    http: reqwest::Client,
}

impl Peers {
    /// Embedded mode: peers run in this process; call [`Peers::register`] for each, then
    /// [`Peers::mark_ready`]. Calls made before that wait.
    pub fn in_process(secret: &str) -> Arc<Self> {
        Self::build(secret, HashMap::new(), None, false)
    }

    /// Distributed mode: `urls` maps a subgraph name to its `/graphql` URL.
    pub fn over_http(secret: &str, urls: HashMap<String, String>) -> Arc<Self> {
        Self::build(secret, urls, None, true)
    }

    /// Distributed mode with a registry: each subgraph in `overrides` at its fixed URL, every
    /// other at the live instances `registry` sees.
    pub fn over_registry(
        secret: &str,
        overrides: HashMap<String, String>,
        registry: Arc<RegistryView>,
    ) -> Arc<Self> {
        Self::build(secret, overrides, Some(registry), true)
    }

    fn build(
        secret: &str,
        urls: HashMap<String, String>,
        registry: Option<Arc<RegistryView>>,
        ready: bool,
    ) -> Arc<Self> {
        Arc::new(Peers {
            secret: secret.as_bytes().to_vec(),
            in_process: RwLock::default(),
            ready: tokio::sync::watch::Sender::new(ready),
            urls,
            registry,
            http: reqwest::Client::builder()
                .timeout(CALL_TIMEOUT)
                .build()
                .expect("an HTTP client with default TLS builds"),
        })
    }

    pub fn register(&self, service: SubgraphService) {
        self.in_process
            .write()
            .expect("peers lock")
            .insert(service.name.to_string(), service);
    }

    pub fn mark_ready(&self) {
        self.ready.send_replace(true);
    }

    /// Runs `operation` on its subgraph as `caller` and decodes `data`.
    pub async fn call<T: DeserializeOwned>(
        &self,
        operation: &PeerOperation,
        caller: &Identity,
        variables: serde_json::Value,
    ) -> Result<T, PeerError> {
        self.call_unchecked(operation.peer, caller, operation.document, variables)
            .await
    }

    /// Runs any `query` on `subgraph`: for tests and tools. Subgraphs use [`Peers::call`], whose
    /// operations a test checks against the peers' schemas.
    pub async fn call_unchecked<T: DeserializeOwned>(
        &self,
        subgraph: &str,
        caller: &Identity,
        query: &str,
        variables: serde_json::Value,
    ) -> Result<T, PeerError> {
        let unavailable = |cause: anyhow::Error| PeerError::Unavailable {
            subgraph: subgraph.to_string(),
            cause,
        };
        let mut ready = self.ready.subscribe();
        tokio::time::timeout(CALL_TIMEOUT, ready.wait_for(|r| *r))
            .await
            .map_err(|_| unavailable(anyhow::anyhow!("peers not registered yet")))?
            .map_err(|e| unavailable(e.into()))?;
        let header = identity::sign(caller, &self.secret, chrono::Utc::now().timestamp());
        let service = self.in_process.read().expect("peers lock").get(subgraph).cloned();
        let body = match service {
            Some(service) => {
                let mut headers = HeaderMap::new();
                headers.insert(
                    IDENTITY_HEADER,
                    HeaderValue::from_str(&header).map_err(|e| unavailable(e.into()))?,
                );
                let request = async_graphql::Request::new(query)
                    .variables(async_graphql::Variables::from_json(variables));
                let response = tokio::time::timeout(CALL_TIMEOUT, service.execute(request, &headers))
                    .await
                    .map_err(|_| unavailable(anyhow::anyhow!("timed out")))?;
                serde_json::to_value(&response).map_err(|e| unavailable(e.into()))?
            }
            None => {
                let body = serde_json::json!({ "query": query, "variables": variables });
                self.send(subgraph, &header, &body).await.map_err(unavailable)?
            }
        };
        decode(body).map_err(|outcome| match outcome {
            Outcome::Rejected(api) => PeerError::Rejected(api),
            Outcome::Unknown(cause) => unavailable(cause),
        })
    }
}

impl Peers {
    /// POSTs `body` to `subgraph`'s fixed URL, else to the next live instance, and once more to
    /// another if that one refused the connection.
    async fn send(
        &self,
        subgraph: &str,
        header: &str,
        body: &serde_json::Value,
    ) -> anyhow::Result<serde_json::Value> {
        if let Some(url) = self.urls.get(subgraph) {
            return Ok(self.post(url, header, body).await?);
        }
        let registry = self
            .registry
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("no URL configured"))?;
        let first = registry
            .pick_within(subgraph, None, None, crate::registry::JOIN_WAIT)
            .await
            .ok_or_else(|| anyhow::anyhow!("no live instance registered"))?;
        match self.post(&first.url, header, body).await {
            Err(failed) if failed.is_connect() || (is_query(body) && in_transit(&failed)) => {
                if failed.is_connect() {
                    registry.mark_down(&first.instance_id);
                }
                let Some(other) = registry.pick(subgraph, Some(&first.instance_id)) else {
                    return Err(failed.into());
                };
                tracing::warn!(
                    subgraph,
                    url = first.url,
                    error = %failed,
                    "peer instance failed before answering; trying another"
                );
                Ok(self.post(&other.url, header, body).await?)
            }
            answer => Ok(answer?),
        }
    }

    async fn post(
        &self,
        url: &str,
        header: &str,
        body: &serde_json::Value,
    ) -> Result<serde_json::Value, reqwest::Error> {
        self.http
            .post(url)
            .header(IDENTITY_HEADER, header)
            .json(body)
            .send()
            .await?
            .json()
            .await
    }
}

/// Whether a request body's operation is a query (safe to send twice).
fn is_query(body: &serde_json::Value) -> bool {
    let document = body["query"].as_str().unwrap_or_default().trim_start();
    document.starts_with('{') || document.starts_with("query")
}

/// Lost on the way (not a timeout, nor an answer that did not decode): the peer never replied.
fn in_transit(error: &reqwest::Error) -> bool {
    !error.is_timeout() && !error.is_decode() && !error.is_status()
}

enum Outcome {
    Rejected(ApiError),
    Unknown(anyhow::Error),
}

/// The first error decides: a verdict on the request (bad input, not found, conflict, out of
/// stock, declined) is final; anything else leaves the outcome unknown. UNAUTHENTICATED,
/// FORBIDDEN and RATE_LIMITED are unknown too: between subgraphs they mean a misconfigured
/// secret, clock skew or load, which a retry may cure, not an answer about the order.
fn decode<T: DeserializeOwned>(mut body: serde_json::Value) -> Result<T, Outcome> {
    if let Some(error) = body
        .get("errors")
        .and_then(|e| e.as_array())
        .and_then(|e| e.first())
    {
        let message = error["message"].as_str().unwrap_or("error").to_string();
        let code = error["extensions"]["code"].as_str().unwrap_or("");
        return Err(match code {
            "BAD_USER_INPUT" => Outcome::Rejected(ApiError::BadUserInput(message)),
            "NOT_FOUND" => Outcome::Rejected(ApiError::NotFound(message)),
            "CONFLICT" => Outcome::Rejected(ApiError::Conflict(message)),
            "PAYMENT_DECLINED" => Outcome::Rejected(ApiError::PaymentDeclined(message)),
            "OUT_OF_STOCK" => Outcome::Rejected(ApiError::OutOfStock(message)),
            _ => Outcome::Unknown(anyhow::anyhow!("{message} ({code})")),
        });
    }
    let data = body
        .get_mut("data")
        .map(serde_json::Value::take)
        .unwrap_or_default();
    serde_json::from_value(data).map_err(|e| Outcome::Unknown(anyhow::anyhow!("unexpected answer: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn client_errors_are_verdicts_and_internal_ones_are_unknown() {
        let body = json!({"errors": [{"message": "3 requested, 1 available", "extensions": {"code": "OUT_OF_STOCK"}}]});
        assert!(matches!(
            decode::<serde_json::Value>(body),
            Err(Outcome::Rejected(ApiError::OutOfStock(m))) if m == "3 requested, 1 available"
        ));
        let body =
            json!({"errors": [{"message": "Internal server error", "extensions": {"code": "INTERNAL"}}]});
        assert!(matches!(
            decode::<serde_json::Value>(body),
            Err(Outcome::Unknown(_))
        ));
        let body = json!({"data": {"x": 1}});
        assert_eq!(decode::<serde_json::Value>(body).ok(), Some(json!({"x": 1})));
    }

    #[test]
    fn only_queries_count_as_safe_to_send_twice() {
        assert!(is_query(
            &json!({"query": "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }"})
        ));
        assert!(is_query(&json!({"query": "  { me { id } }"})));
        assert!(!is_query(&json!({"query": "mutation { reserve { id } }"})));
        assert!(!is_query(&json!({})));
    }

    /// A stand-in subgraph answering every request with `{"data": {"who": who}}`; its URL.
    async fn answering(who: &'static str) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/graphql", listener.local_addr().unwrap());
        let app = axum::Router::new().route(
            "/graphql",
            axum::routing::post(move || async move { axum::Json(json!({"data": {"who": who}})) }),
        );
        tokio::spawn(async move { axum::serve(listener, app).await });
        url
    }

    /// A URL where nothing listens: connections are refused.
    async fn refusing() -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        format!("http://{}/graphql", listener.local_addr().unwrap())
    }

    #[tokio::test]
    async fn registered_peers_are_called_a_refusing_one_is_passed_over_and_a_fixed_url_wins() {
        let nats = std::env::var("VITRINE_TEST_NATS_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| "nats://127.0.0.1:4222".into());
        let namespace = format!("t{}", uuid::Uuid::new_v4().simple());
        let (jetstream, bucket) = crate::registry::connect(&nats, &namespace).await.unwrap();
        let register = |name: &str, url: String| {
            let (bucket, record) = (
                bucket.clone(),
                crate::registry::InstanceRecord::new(name, &url, String::new(), "test"),
            );
            async move { crate::registry::Registration::start(bucket, &record).await }
        };
        let _live = register("catalog", answering("live").await).await.unwrap();
        let _dead = register("catalog", refusing().await).await.unwrap();
        let _orders = register("orders", answering("registered").await).await.unwrap();
        let view = Arc::new(RegistryView::follow(bucket.clone()));
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while view.instances("catalog").len() < 2 || view.instances("orders").is_empty() {
            assert!(std::time::Instant::now() < deadline, "every instance seen");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let fixed = answering("fixed").await;
        let peers = Peers::over_registry("secret", HashMap::from([("orders".to_string(), fixed)]), view);
        let caller = Identity::service("cart");
        for _ in 0..4 {
            let answer: serde_json::Value = peers
                .call_unchecked("catalog", &caller, "{ who }", json!({}))
                .await
                .expect("the refused call went to the live instance");
            assert_eq!(answer, json!({"who": "live"}));
        }
        let answer: serde_json::Value = peers
            .call_unchecked("orders", &caller, "{ who }", json!({}))
            .await
            .unwrap();
        assert_eq!(
            answer,
            json!({"who": "fixed"}),
            "the fixed URL, with no instance registered"
        );
        let missing = peers
            .call_unchecked::<serde_json::Value>("payments", &caller, "{ who }", json!({}))
            .await;
        assert!(
            matches!(&missing, Err(PeerError::Unavailable { cause, .. }) if cause.to_string().contains("no live instance")),
            "{missing:?}"
        );
        jetstream
            .delete_key_value(crate::registry::bucket_name(&namespace))
            .await
            .unwrap();
    }
}
