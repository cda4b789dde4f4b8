//! Plugin `vitrine_uploads`: the GraphQL multipart request spec (a mutation with files) at the
//! router's edge. Hive 0.2.5 reads JSON bodies only, so a `multipart/form-data` POST to the
//! GraphQL path is read here, each file checked (a PNG, JPEG or WebP by its bytes, at most
//! [`MAX_FILE`]) and stored in the media store by content, and the request goes on as plain
//! JSON, each file's variable now holding its media key, through Hive's whole pipeline (JWT,
//! guard, limits, planning). Catalog's `Upload` scalar takes that key. A file stored but never
//! attached is only ever reachable by its content's hash.

use crate::context::RouterContext;
use async_trait::async_trait;
use hive_router::executor::hooks::on_http_request::{OnHttpRequestHookFuture, OnHttpRequestHookPayload};
use hive_router::executor::hooks::on_plugin_init::{OnPluginInitPayload, OnPluginInitResult};
use hive_router::executor::plugin_trait::{RouterPlugin, StartHookPayload};
use hive_router::ntex::http::header::{
    HeaderValue, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, TRANSFER_ENCODING,
};
use hive_router::ntex::http::{Method, Payload, Response, StatusCode};
use hive_router::ntex::util::Bytes;
use hive_router::ntex::web::{DefaultError, WebRequest};
use serde_json::Value;
use std::collections::HashMap;
use vitrine_kit::identity::Role;
use vitrine_kit::jwt_keys::JwtKeys;
use vitrine_kit::media::{raster_type, MediaStore};

/// Largest file accepted (catalog checks the same).
pub const MAX_FILE: usize = 5 * 1024 * 1024;
/// Files one request may carry.
const MAX_FILES: usize = 4;
/// The whole multipart body: one file at its largest, or several smaller, plus the operation.
const MAX_BODY: usize = MAX_FILE + 256 * 1024;
/// The `operations` and `map` parts, which are small JSON.
const MAX_JSON_PART: usize = 64 * 1024;
/// Longest wait for the next bytes of an upload.
const BODY_IDLE: std::time::Duration = std::time::Duration::from_secs(10);
/// Longest an upload may take in all: 5 MiB at about 1 Mbit/s.
const BODY_WITHIN: std::time::Duration = std::time::Duration::from_secs(60);

pub struct UploadsPlugin {
    graphql_path: String,
    media: MediaStore,
    keys: JwtKeys,
}

#[async_trait]
impl RouterPlugin for UploadsPlugin {
    type Config = ();

    fn plugin_name() -> &'static str {
        "vitrine_uploads"
    }

    fn on_plugin_init(payload: OnPluginInitPayload<Self>) -> OnPluginInitResult<Self> {
        let graphql_path = payload.router_config().graphql_path().to_string();
        let context = RouterContext::current()?;
        let media = context.media.clone();
        let keys = JwtKeys::from_config(&context.secrets).map_err(|e| e.to_string())?;
        payload.initialize_plugin(UploadsPlugin {
            graphql_path,
            media,
            keys,
        })
    }

    fn on_http_request<'req>(
        &'req self,
        mut payload: OnHttpRequestHookPayload<'req>,
    ) -> OnHttpRequestHookFuture<'req> {
        Box::pin(async move {
            let request = &payload.router_http_request;
            if request.method() != Method::POST
                || request.path() != self.graphql_path
                || !is_multipart(request.headers())
            {
                return payload.proceed();
            }
            let content_type = request
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string();
            // A cross-site form can post multipart without a preflight; it cannot set this.
            let preflighted = ["apollo-require-preflight", "x-apollo-operation-name"]
                .iter()
                .any(|name| request.headers().contains_key(*name));
            // Taken now, and dropped with a refusal before it is read: ntex then closes the
            // connection after the answer rather than wait for the rest of the body.
            let body = payload.router_http_request.take_payload();
            let request = &payload.router_http_request;
            if !preflighted {
                let message = "uploads need the header `apollo-require-preflight: true`";
                return payload.end_with_response(refusal(StatusCode::BAD_REQUEST, "BAD_REQUEST", message));
            }
            // Only those who may add pictures get anything stored: nobody else can fill the
            // store (the mutation checks the product's owner again).
            if let Err(response) = self.may_upload(request) {
                return payload.end_with_response(response);
            }
            // Declared too large: refused before any of it is read, not after a wait for bytes
            // that may never come.
            if crate::guard::declared_length(request.headers()).is_some_and(|length| length > MAX_BODY as u64)
            {
                return payload.end_with_response(too_large());
            }
            let body = match read_body(body).await {
                Ok(body) => body,
                Err(response) => return payload.end_with_response(response),
            };
            match self.rewrite(&content_type, body).await {
                Ok(json) => {
                    let request = &mut payload.router_http_request;
                    let headers = request.headers_mut();
                    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    headers.remove(TRANSFER_ENCODING);
                    if let Ok(length) = HeaderValue::from_str(&json.len().to_string()) {
                        headers.insert(CONTENT_LENGTH, length);
                    }
                    let chunk = Bytes::from(json);
                    request.set_payload(Payload::from_stream(futures::stream::once(
                        async move { Ok(chunk) },
                    )));
                    payload.proceed()
                }
                Err(response) => payload.end_with_response(response),
            }
        })
    }
}

impl UploadsPlugin {
    /// A valid access token of a SELLER or an ADMIN.
    fn may_upload(&self, request: &WebRequest<DefaultError>) -> Result<(), Response> {
        let token = request
            .headers()
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "));
        let Some(token) = token else {
            return Err(refusal(
                StatusCode::UNAUTHORIZED,
                "UNAUTHENTICATED",
                "sign in first",
            ));
        };
        match self.keys.verified_roles(token) {
            Err(_) => Err(refusal(
                StatusCode::UNAUTHORIZED,
                "UNAUTHENTICATED",
                "the access token is not valid",
            )),
            Ok(roles) if roles.contains(&Role::Seller) || roles.contains(&Role::Admin) => Ok(()),
            Ok(_) => Err(refusal(
                StatusCode::FORBIDDEN,
                "FORBIDDEN",
                "only sellers and admins add pictures",
            )),
        }
    }

    /// The multipart body as the JSON request it carries, each file replaced by its media key.
    async fn rewrite(&self, content_type: &str, body: Vec<u8>) -> Result<Vec<u8>, Response> {
        let bad = |message: &str| refusal(StatusCode::BAD_REQUEST, "BAD_USER_INPUT", message);
        let boundary = multer::parse_boundary(content_type).map_err(|_| bad("no multipart boundary"))?;
        let body = bytes::Bytes::from(body);
        let stream = futures::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
        let mut parts = multer::Multipart::new(stream, boundary);
        let mut operations: Option<Value> = None;
        let mut map: Option<HashMap<String, Vec<String>>> = None;
        let mut files: HashMap<String, bytes::Bytes> = HashMap::new();
        while let Some(part) = parts
            .next_field()
            .await
            .map_err(|_| bad("a malformed multipart body"))?
        {
            let name = part.name().unwrap_or_default().to_string();
            let bytes = part
                .bytes()
                .await
                .map_err(|_| bad("a malformed multipart body"))?;
            match name.as_str() {
                "operations" | "map" if bytes.len() > MAX_JSON_PART => {
                    return Err(bad(&format!("the `{name}` part is too large")))
                }
                "operations" => {
                    operations =
                        Some(serde_json::from_slice(&bytes).map_err(|_| bad("`operations` is not JSON"))?)
                }
                "map" => {
                    map = Some(
                        serde_json::from_slice(&bytes)
                            .map_err(|_| bad("`map` is not a JSON object of paths"))?,
                    )
                }
                _ if operations.is_none() || map.is_none() => {
                    return Err(bad("`operations` and `map` come before the files"))
                }
                _ if files.len() >= MAX_FILES => return Err(bad(&format!("at most {MAX_FILES} files"))),
                _ if bytes.len() > MAX_FILE => {
                    return Err(refusal(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "BAD_USER_INPUT",
                        "the picture is larger than 5 MiB",
                    ))
                }
                _ => {
                    files.insert(name, bytes);
                }
            }
        }
        let mut operations = operations.ok_or_else(|| bad("no `operations` part"))?;
        if !operations.is_object() {
            return Err(bad("one operation per upload"));
        }
        for (file, paths) in map.ok_or_else(|| bad("no `map` part"))? {
            let bytes = files
                .remove(&file)
                .ok_or_else(|| bad(&format!("file `{file}` is missing")))?;
            let extension =
                raster_type(&bytes).ok_or_else(|| bad("only PNG, JPEG and WebP pictures are accepted"))?;
            let key = self.media.put(bytes, extension).await.map_err(|err| {
                tracing::error!(error = format!("{err:#}"), "storing an upload failed");
                refusal(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "INTERNAL",
                    "the picture cannot be stored right now",
                )
            })?;
            for path in paths {
                put_at(&mut operations, &path, Value::String(key.clone()))
                    .ok_or_else(|| bad(&format!("`{path}` is not a variable of the operation")))?;
            }
        }
        if !files.is_empty() {
            return Err(bad("a file that `map` does not name"));
        }
        Ok(serde_json::to_vec(&operations).expect("a JSON value serializes"))
    }
}

/// Sets `value` at a `map` path such as `variables.file` or `variables.files.0`; only inside
/// `variables`, and only where the operation left a place (null) for it.
fn put_at(operations: &mut Value, path: &str, value: Value) -> Option<()> {
    let mut steps = path.split('.');
    if steps.next() != Some("variables") {
        return None;
    }
    let mut here = operations.get_mut("variables")?;
    for step in steps {
        here = match here {
            Value::Object(fields) => fields.get_mut(step)?,
            Value::Array(items) => items.get_mut(step.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    here.is_null().then(|| *here = value)
}

/// The request body, at most [`MAX_BODY`] bytes, each part of it within [`BODY_IDLE`] of the
/// last and all of it within [`BODY_WITHIN`]: nothing else bounds this read (Hive's request
/// timeout starts after this hook), and a client that stalled held up to 5 MiB here for as
/// long as it kept its connection.
async fn read_body(mut payload: Payload) -> Result<Vec<u8>, Response> {
    let stalled = || {
        refusal(
            StatusCode::REQUEST_TIMEOUT,
            "BAD_REQUEST",
            "the upload was not sent in time",
        )
    };
    let deadline = tokio::time::Instant::now() + BODY_WITHIN;
    let mut body = Vec::new();
    loop {
        let next = tokio::time::timeout(BODY_IDLE, payload.recv());
        let Ok(Ok(next)) = tokio::time::timeout_at(deadline, next).await else {
            return Err(stalled());
        };
        let Some(chunk) = next else {
            break;
        };
        let chunk = chunk.map_err(|_| {
            refusal(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                "the body could not be read",
            )
        })?;
        if body.len() + chunk.len() > MAX_BODY {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn too_large() -> Response {
    refusal(
        StatusCode::PAYLOAD_TOO_LARGE,
        "BAD_USER_INPUT",
        "the upload is larger than 5 MiB",
    )
}

/// Whether the body is a multipart form (the spec's uploads), by its `Content-Type`.
pub(crate) fn is_multipart(headers: &hive_router::ntex::http::HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"))
}

/// A GraphQL error answer; the connection closes after it, since the body may be unread.
fn refusal(status: StatusCode, code: &str, message: &str) -> Response {
    let body = serde_json::json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    Response::build(status)
        .force_close()
        .content_type("application/json")
        .body(serde_json::to_vec(&body).expect("a JSON value serializes"))
}

#[cfg(test)]
mod tests {
    use super::put_at;
    use serde_json::json;

    #[test]
    fn files_go_only_where_the_operation_left_a_place_in_its_variables() {
        let mut operations =
            json!({ "query": "…", "variables": { "file": null, "files": [null, null], "alt": "x" } });
        assert!(put_at(&mut operations, "variables.file", json!("k1")).is_some());
        assert!(put_at(&mut operations, "variables.files.1", json!("k2")).is_some());
        assert_eq!(
            operations["variables"],
            json!({ "file": "k1", "files": [null, "k2"], "alt": "x" })
        );
        for refused in [
            "variables.alt",
            "variables.file",
            "query",
            "variables.files.7",
            "variables.none",
            "extensions.x",
        ] {
            assert!(
                put_at(&mut operations, refused, json!("k3")).is_none(),
                "{refused}"
            );
        }
    }
}
