//! The guard's refusals: GraphQL error bodies with an `extensions.code`, and `Retry-After`
//! on rate limits.

use hive_router::executor::plugin_trait::EarlyHTTPResponse;
use hive_router::ntex::http::Response;
use hive_router::PlanExecutionOutput;
use http::{HeaderMap, HeaderValue, StatusCode};
use std::time::Duration;

fn body(code: &str, message: &str, retry_after: Option<u64>) -> Vec<u8> {
    let mut extensions = serde_json::json!({ "code": code });
    if let Some(seconds) = retry_after {
        extensions["retryAfter"] = seconds.into();
    }
    serde_json::to_vec(&serde_json::json!({
        "errors": [{ "message": message, "extensions": extensions }]
    }))
    .expect("a JSON value serializes")
}

/// Whole seconds, rounded up: `Retry-After: 0` would invite an immediate retry.
fn seconds(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

pub fn error(status: StatusCode, code: &str, message: &str) -> Response {
    Response::build(status)
        .content_type("application/json")
        .body(body(code, message, None))
}

/// A refusal sent before the request's body is read. The connection is closed after it: ntex
/// would otherwise keep it for the next request with the unread body still in the way, and a
/// body that had fully arrived left the connection hanging (seen with 200 KB bodies).
pub fn rate_limited(wait: Duration, whom: &str) -> Response {
    let retry_after = seconds(wait);
    Response::build(StatusCode::TOO_MANY_REQUESTS)
        .force_close()
        .content_type("application/json")
        .header("retry-after", retry_after.to_string())
        .body(body(
            "RATE_LIMITED",
            &format!("too many requests from {whom}; retry in {retry_after} s"),
            Some(retry_after),
        ))
}

/// A body declared larger than `limit` bytes, refused unread (the connection closes after it).
/// The code is Hive's for the same refusal.
pub fn body_too_large(limit: usize) -> Response {
    Response::build(StatusCode::PAYLOAD_TOO_LARGE)
        .force_close()
        .content_type("application/json")
        .body(body(
            "PAYLOAD_TOO_LARGE_CONTENT_LENGTH",
            &format!("the request body is larger than {limit} bytes"),
            None,
        ))
}

/// A WebSocket upgrade refused because too many connections are open (its address's, or the
/// router's): no wait is known, since a connection lasts as long as its client keeps it.
pub fn sockets_full(full: super::Full) -> Response {
    let (status, message) = sockets_full_message(full);
    error(status, "RATE_LIMITED", message)
}

/// The status and message for a WebSocket or subscription stream refused a seat.
pub fn sockets_full_message(full: super::Full) -> (StatusCode, &'static str) {
    match full {
        super::Full::Address => (
            StatusCode::TOO_MANY_REQUESTS,
            "too many WebSocket connections and subscription streams from this address; close one first",
        ),
        super::Full::Router => (
            StatusCode::SERVICE_UNAVAILABLE,
            "this router holds as many WebSocket connections and subscription streams as it may; try again later",
        ),
    }
}

/// The status and message for a subscription over a WebSocket refused a seat.
pub fn socket_subscriptions_full_message(full: super::Full) -> (StatusCode, &'static str) {
    match full {
        super::Full::Address => (
            StatusCode::TOO_MANY_REQUESTS,
            "this address has started too many subscriptions on its open WebSocket connections \
             (ended ones count until their connection closes); close a connection first",
        ),
        super::Full::Router => (
            StatusCode::SERVICE_UNAVAILABLE,
            "this router holds as many subscriptions over WebSockets as it may; try again later",
        ),
    }
}

/// A refusal answered from the analysis hook, which can set no headers.
pub fn output(status: StatusCode, code: &str, message: &str) -> PlanExecutionOutput {
    PlanExecutionOutput {
        body: body(code, message, None),
        error_count: 1,
        status_code: status,
    }
}

/// A refusal answered from the execute hook, `Retry-After` set when `wait` is known.
pub fn early(status: StatusCode, code: &str, message: &str, wait: Option<Duration>) -> EarlyHTTPResponse {
    let mut headers = HeaderMap::new();
    headers.insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    let retry_after = wait.map(seconds);
    if let Some(seconds) = retry_after {
        headers.insert(http::header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    EarlyHTTPResponse {
        body: body(code, message, retry_after),
        headers,
        status_code: status,
    }
}
