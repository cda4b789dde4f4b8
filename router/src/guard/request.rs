//! What a request says of itself before Hive reads it: its declared body, its token, what it
//! accepts back, whether it upgrades, where it goes, and whether it is an APQ request.

use super::reply;
use hive_router::executor::hooks::on_graphql_params::GraphQLParams;
use serde::Deserialize;

/// A request whose declared body is larger than `max_body`, refused before any of it is read.
/// Hive refuses it too, but first waits for some of the body: a client that declared 300 KB and
/// sent a few bytes held its connection for the whole request timeout, then got a 504. Multipart
/// bodies (uploads) have their own, larger limit, checked by the uploads plugin.
pub(super) fn declared_too_large(
    headers: &hive_router::ntex::http::HeaderMap,
    max_body: usize,
) -> Option<hive_router::ntex::http::Response> {
    let declared = declared_length(headers)?;
    let multipart = crate::uploads::is_multipart(headers);
    (declared > max_body as u64 && !multipart).then(|| reply::body_too_large(max_body))
}

/// The body's length as its `Content-Length` declares it.
pub(crate) fn declared_length(headers: &hive_router::ntex::http::HeaderMap) -> Option<u64> {
    headers.get("content-length")?.to_str().ok()?.trim().parse().ok()
}

/// The bearer token the client sent, if any, and Hive's verdict on it (`jwt_status`: `None`
/// before Hive looked).
pub(super) fn bearer_and_verdict<'h, H: hive_router::executor::hooks::HookMarker>(
    headers: &'h hive_router::ntex::http::HeaderMap,
    request_context: &hive_router::executor::request_context::RequestContextPluginApi<H>,
) -> (Option<&'h str>, Option<bool>) {
    let verified = request_context
        .read()
        .ok()
        .and_then(|context| context.authentication().jwt_status().copied());
    (bearer_token(headers), verified)
}

/// The bearer token, if the client sent one (the default config's JWT lookup location).
pub(crate) fn bearer_token(headers: &hive_router::ntex::http::HeaderMap) -> Option<&str> {
    let value = headers.get("authorization")?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token.trim())
}

/// The claims of a token Hive has already verified (so reading them unverified here is safe).
#[derive(Deserialize)]
pub(super) struct VerifiedClaims {
    pub(super) sub: String,
    #[serde(default)]
    roles: Vec<String>,
}

/// The claims of `bearer` when Hive `verified` it (`jwt_status`).
pub(super) fn verified_claims(bearer: Option<&str>, verified: Option<bool>) -> Option<VerifiedClaims> {
    unverified_claims(bearer.filter(|_| verified == Some(true))?)
}

/// The claims of `token` read without checking its signature: only for a token Hive verifies
/// (or has verified) on the same request.
pub(crate) fn unverified_claims<T: serde::de::DeserializeOwned>(token: &str) -> Option<T> {
    use base64::Engine;
    let payload = token.split('.').nth(1)?;
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    serde_json::from_slice(&json).ok()
}

impl VerifiedClaims {
    pub(super) fn is_admin(&self) -> bool {
        self.roles.iter().any(|r| r == "ADMIN")
    }
}

/// Whether the client may take results as a stream (SSE or multipart), which only
/// subscriptions are sent as: it says so (urql and Apollo Client do on every request, in any
/// case), or says nothing, or accepts a wildcard (Hive answers those with a stream as well).
pub(super) fn accepts_streams(headers: &hive_router::ntex::http::HeaderMap) -> bool {
    accepts_any(headers, &["text/event-stream", "multipart/mixed"])
}

/// Whether the client takes a single JSON answer: no `Accept`, or one naming JSON or a
/// wildcard. Kept broad (`q=0` is not read), so that a client is never taken for streams-only
/// when Hive would answer it.
pub(super) fn accepts_single_answers(headers: &hive_router::ntex::http::HeaderMap) -> bool {
    accepts_any(
        headers,
        &["application/json", "application/graphql-response+json"],
    )
}

/// Whether `Accept` names one of `media_types` (lowercase): no header, an empty one or a
/// wildcard accepts them all.
pub(super) fn accepts_any(headers: &hive_router::ntex::http::HeaderMap, media_types: &[&str]) -> bool {
    let mut accepts = headers
        .get_all(http::header::ACCEPT)
        .map(|value| value.to_str().unwrap_or("*").to_ascii_lowercase())
        .peekable();
    if accepts.peek().is_none() {
        return true;
    }
    accepts.any(|value| {
        value.trim().is_empty()
            || value.contains('*')
            || media_types.iter().any(|media_type| value.contains(media_type))
    })
}

/// A WebSocket upgrade as Hive routes one (GET, `Upgrade: websocket`); any other request with
/// an `Upgrade` header is served as plain HTTP, and is held to what those are.
pub(crate) fn is_websocket_upgrade(
    request: &hive_router::ntex::web::WebRequest<hive_router::ntex::web::DefaultError>,
) -> bool {
    request.method() == http::Method::GET
        && request
            .headers()
            .get(http::header::UPGRADE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.trim().eq_ignore_ascii_case("websocket"))
}

/// Whether Hive would serve `path` (raw, as sent) as GraphQL: its own path, or anything in
/// that path's scope, once percent-decoded as the HTTP router decodes it.
pub(super) fn routes_to_graphql(path: &str, graphql_path: &str) -> bool {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    decoded == graphql_path
        || decoded
            .strip_prefix(graphql_path)
            .is_some_and(|rest| rest.starts_with('/'))
}

pub(super) fn get_parameters(
    query_string: &str,
) -> impl Iterator<Item = (std::borrow::Cow<'_, str>, std::borrow::Cow<'_, str>)> {
    form_urlencoded::parse(query_string.as_bytes())
}

/// The GraphQL parameters of a request that uses APQ (`persistedQuery` in its extensions);
/// `None` for every other request, which Hive decodes as usual.
pub(super) fn persisted_query_request(
    body: &[u8],
    query_string: &str,
) -> Option<Result<GraphQLParams, String>> {
    const MARKER: &[u8] = b"persistedQuery";
    if !body.is_empty() {
        if !body.windows(MARKER.len()).any(|w| w == MARKER) {
            return None;
        }
        return Some(
            sonic_rs::from_slice::<GraphQLParams>(body)
                .map_err(|e| format!("the body is not valid JSON: {e}")),
        );
    }
    let mut params = GraphQLParams::default();
    let mut uses_apq = false;
    for (name, value) in get_parameters(query_string) {
        match name.as_ref() {
            "query" => params.query = Some(value.into_owned()),
            "operationName" => params.operation_name = Some(value.into_owned()),
            "variables" => match sonic_rs::from_str(&value) {
                Ok(variables) => params.variables = variables,
                Err(e) => return Some(Err(format!("variables is not a JSON object: {e}"))),
            },
            "extensions" => {
                uses_apq = value.contains("persistedQuery");
                match sonic_rs::from_str(&value) {
                    Ok(extensions) => params.extensions = Some(extensions),
                    Err(e) => return Some(Err(format!("extensions is not a JSON object: {e}"))),
                }
            }
            _ => {}
        }
    }
    uses_apq.then_some(Ok(params))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_verified_tokens_subject_is_read() {
        // {"sub":"cus_1"} as a JWT payload between a header and a signature.
        let token = Some("h.eyJzdWIiOiJjdXNfMSJ9.s");
        let claims = verified_claims(token, Some(true)).map(|c| (c.sub.clone(), c.is_admin()));
        assert_eq!(claims, Some(("cus_1".to_string(), false)));
        assert!(verified_claims(Some("garbage"), Some(true)).is_none());
        assert!(verified_claims(token, Some(false)).is_none());
        assert!(verified_claims(token, None).is_none());
    }

    #[test]
    fn only_apq_requests_are_decoded_here() {
        assert!(persisted_query_request(br#"{"query":"{ a }"}"#, "").is_none());
        let apq = br#"{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"ab"}}}"#;
        let params = persisted_query_request(apq, "").unwrap().unwrap();
        assert!(params.query.is_none() && params.extensions.is_some());
        let get =
            "extensions=%7B%22persistedQuery%22%3A%7B%22version%22%3A1%7D%7D&variables=%7B%22a%22%3A1%7D";
        let params = persisted_query_request(b"", get).unwrap().unwrap();
        assert!(params.variables.contains_key("a"));
        assert!(persisted_query_request(b"", "query=%7Ba%7D").is_none());
    }

    /// Headers with `Accept: value`, or none.
    fn accept(value: Option<&'static str>) -> hive_router::ntex::http::HeaderMap {
        use hive_router::ntex::http::header::{HeaderValue, ACCEPT};
        let mut headers = hive_router::ntex::http::HeaderMap::new();
        if let Some(value) = value {
            headers.insert(ACCEPT, HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn only_clients_that_name_json_alone_cannot_take_a_stream() {
        let accepting = |value| accepts_streams(&accept(value));
        assert!(accepting(None));
        assert!(accepting(Some("")));
        assert!(accepting(Some("*/*")));
        assert!(accepting(Some("text/*;q=0.5")));
        assert!(accepting(Some("application/json, text/event-stream")));
        assert!(accepting(Some(
            "multipart/mixed;subscriptionSpec=\"1.0\", application/json"
        )));
        assert!(accepting(Some("TEXT/EVENT-STREAM")));
        assert!(accepting(Some("Multipart/Mixed")));
        assert!(!accepting(Some("application/json")));
        assert!(!accepting(Some(
            "application/graphql-response+json, application/json;q=0.9"
        )));
    }

    #[test]
    fn only_clients_that_name_streams_alone_cannot_take_one_answer() {
        let single = |value| accepts_single_answers(&accept(value));
        assert!(single(None));
        assert!(single(Some("")));
        assert!(single(Some("*/*")));
        assert!(single(Some("application/*")));
        assert!(single(Some(
            "application/graphql-response+json, text/event-stream"
        )));
        assert!(single(Some("text/event-stream, Application/JSON;q=0.1")));
        assert!(!single(Some("text/event-stream")));
        assert!(!single(Some("multipart/mixed;subscriptionSpec=\"1.0\"")));
        assert!(!single(Some("text/event-stream, multipart/mixed")));
    }

    #[test]
    fn paths_in_the_graphql_scope_are_told_apart_from_others() {
        for path in [
            "/graphql",
            "/graphql/",
            "/graphql/x",
            "/%67raphql",
            "/graphql%2Fx",
            "/%67raphql/",
        ] {
            assert!(routes_to_graphql(path, "/graphql"), "{path}");
        }
        for path in ["/graphiql", "/graphqlx", "/", "/media/x", "/GRAPHQL", "//graphql"] {
            assert!(!routes_to_graphql(path, "/graphql"), "{path}");
        }
    }
}
