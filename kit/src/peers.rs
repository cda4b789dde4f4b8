//! Calls from one subgraph to another's public GraphQL API, never its tables. In embedded mode
//! the call runs the peer's schema in process; distributed, it goes over HTTP to the peer's URL.
//! Either way the caller's identity travels in the same router-style signed header, so the peer
//! applies its usual authorization (service-only operations require [`Role::Service`]).
//!
//! [`PeerError`] separates a peer's answer ("out of stock": the step failed, compensate) from
//! not knowing the outcome (timeout, connection refused, the peer's INTERNAL: retry later).
//!
//! [`Role::Service`]: crate::identity::Role::Service

use crate::error::ApiError;
use crate::identity::{self, Identity, IDENTITY_HEADER};
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
    urls: HashMap<String, String>,
    http: reqwest::Client,
}

impl Peers {
    /// Embedded mode: peers run in this process; call [`Peers::register`] for each, then
    /// [`Peers::mark_ready`]. Calls made before that wait.
    pub fn in_process(secret: &str) -> Arc<Self> {
        Self::build(secret, HashMap::new(), false)
    }

    /// Distributed mode: `urls` maps a subgraph name to its `/graphql` URL.
    pub fn over_http(secret: &str, urls: HashMap<String, String>) -> Arc<Self> {
        Self::build(secret, urls, true)
    }

    fn build(secret: &str, urls: HashMap<String, String>, ready: bool) -> Arc<Self> {
        Arc::new(Peers {
            secret: secret.as_bytes().to_vec(),
            in_process: RwLock::default(),
            ready: tokio::sync::watch::Sender::new(ready),
            urls,
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
                let url = self
                    .urls
                    .get(subgraph)
                    .ok_or_else(|| unavailable(anyhow::anyhow!("no URL configured")))?;
                let response = self
                    .http
                    .post(url)
                    .header(IDENTITY_HEADER, header)
                    .json(&serde_json::json!({ "query": query, "variables": variables }))
                    .send()
                    .await
                    .map_err(|e| unavailable(e.into()))?;
                response
                    .json::<serde_json::Value>()
                    .await
                    .map_err(|e| unavailable(e.into()))?
            }
        };
        decode(body).map_err(|outcome| match outcome {
            Outcome::Rejected(api) => PeerError::Rejected(api),
            Outcome::Unknown(cause) => unavailable(cause),
        })
    }
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
}
