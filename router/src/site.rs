//! Plugin `vitrine_site`: what a browser gets from the router besides the API: GraphiQL (page
//! and assets from the binary), product pictures at `/media/<key>` (from the media store
//! catalog writes) and the storefront at `/`. Hive's own laboratory is turned off
//! in the config; API requests pass through untouched.

use crate::compression::{compressible, negotiate, Encoding, FileCache, MIN_SIZE};
use crate::context::RouterContext;
use crate::graphiql;
use crate::storefront::{Served, Storefront, NOT_BUILT_PAGE};
use async_trait::async_trait;
use hive_router::executor::hooks::on_http_request::{OnHttpRequestHookFuture, OnHttpRequestHookPayload};
use hive_router::executor::hooks::on_plugin_init::{OnPluginInitPayload, OnPluginInitResult};
use hive_router::executor::plugin_trait::{RouterPlugin, StartHookPayload};
use hive_router::ntex::http::header::{
    HeaderValue, ACCEPT, ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_SECURITY_POLICY, VARY,
    X_CONTENT_TYPE_OPTIONS,
};
use hive_router::ntex::http::{Method, Response, ResponseBuilder};
use hive_router::ntex::util::Bytes;
use vitrine_kit::media::{MediaStore, MEDIA_PATH};

pub struct SitePlugin {
    storefront: Storefront,
    /// Paths the router itself answers: GraphQL (and its WebSocket), probes, metrics.
    api_paths: Vec<String>,
    graphql_path: String,
    /// The files, compressed once per version.
    compressed: FileCache,
    /// Product pictures (`/media/<key>`).
    media: MediaStore,
}

#[async_trait]
impl RouterPlugin for SitePlugin {
    type Config = ();

    fn plugin_name() -> &'static str {
        "vitrine_site"
    }

    fn on_plugin_init(payload: OnPluginInitPayload<Self>) -> OnPluginInitResult<Self> {
        let config = payload.router_config();
        let graphql_path = config.graphql_path().to_string();
        let mut api_paths = vec![
            graphql_path.clone(),
            "/health".into(),
            "/readiness".into(),
            "/metrics".into(),
            crate::self_compose::plugin::SUPERGRAPH_PATH.into(),
        ];
        api_paths.extend(config.websocket_path().map(str::to_string));
        let media = RouterContext::current()?.media.clone();
        payload.initialize_plugin(SitePlugin {
            storefront: Storefront::from_env(),
            api_paths,
            graphql_path,
            compressed: FileCache::default(),
            media,
        })
    }

    fn on_http_request<'req>(
        &'req self,
        payload: OnHttpRequestHookPayload<'req>,
    ) -> OnHttpRequestHookFuture<'req> {
        Box::pin(async move {
            let request = &payload.router_http_request;
            let path = request.path().to_string();
            if request.method() != Method::GET && request.method() != Method::HEAD {
                if self.api_paths.contains(&path) {
                    return payload.proceed();
                }
                // Hive answered any other path with its HTML welcome page and a 200, so a client
                // posting to a mistyped URL (`/GRAPHQL`, `//graphql`) was told it succeeded.
                let message = format!(
                    "nothing is served here; GraphQL is served at {}",
                    self.graphql_path
                );
                let refusal = crate::guard::reply::error(http::StatusCode::NOT_FOUND, "NOT_FOUND", &message);
                return payload.end_with_response(refusal);
            }
            let header = |name| {
                request
                    .headers()
                    .get(name)
                    .and_then(|value: &HeaderValue| value.to_str().ok())
                    .unwrap_or_default()
            };
            let websocket = crate::guard::is_websocket_upgrade(request);
            let encoding = negotiate(header(ACCEPT_ENCODING));
            if graphiql::is_page_request(&path, &self.graphql_path, header(ACCEPT), websocket) {
                let page = Response::Ok()
                    .content_type("text/html; charset=utf-8")
                    .header(CACHE_CONTROL, "no-cache")
                    .body(graphiql::PAGE);
                return payload.end_with_response(page);
            }
            if let Some((content_type, bytes)) = graphiql::asset(&path) {
                // Vendored files change only with the binary.
                let file = File {
                    name: &path,
                    version: env!("CARGO_PKG_VERSION"),
                    content_type,
                    cache_control: "public, max-age=86400",
                };
                return payload.end_with_response(self.file(file, Bytes::from_static(bytes), encoding));
            }
            if self.api_paths.contains(&path) {
                return payload.proceed();
            }
            if let Some(key) = path.strip_prefix(MEDIA_PATH) {
                return payload.end_with_response(self.picture(key, encoding).await);
            }
            match self.storefront.resolve(&path) {
                Served::File {
                    path,
                    content_type,
                    cache_control,
                } => {
                    let Ok(version) = version_of(&path).await else {
                        // Removed between the lookup and now (a rebuild).
                        return payload.end_with_response(not_found());
                    };
                    let file = File {
                        name: &path.to_string_lossy(),
                        version: &version,
                        content_type,
                        cache_control,
                    };
                    // Compressed already: no need to read the file again.
                    if let Some(response) = self.cached(&file, encoding) {
                        return payload.end_with_response(response);
                    }
                    match tokio::fs::read(&path).await {
                        Ok(bytes) => payload.end_with_response(self.file(file, bytes.into(), encoding)),
                        Err(_) => payload.end_with_response(not_found()),
                    }
                }
                Served::NotBuilt => {
                    let page = Response::Ok()
                        .content_type("text/html; charset=utf-8")
                        .header(CACHE_CONTROL, "no-cache")
                        .body(NOT_BUILT_PAGE);
                    payload.end_with_response(page)
                }
                // Hive's own fallback is a 200 welcome page; a missing file must be a 404.
                Served::NotFound => payload.end_with_response(not_found()),
            }
        })
    }
}

/// A file to send, and what tells its versions apart.
struct File<'a> {
    name: &'a str,
    version: &'a str,
    content_type: &'a str,
    cache_control: &'a str,
}

impl SitePlugin {
    /// `bytes` as `file`, compressed with `encoding` when that is worth it.
    fn file(&self, file: File<'_>, bytes: Bytes, encoding: Option<Encoding>) -> Response {
        if !compressible(file.content_type) || bytes.len() < MIN_SIZE {
            return file_response(&file).body(bytes);
        }
        match encoding {
            Some(encoding) => {
                let compressed = self
                    .compressed
                    .get_or_compress(file.name, file.version, encoding, &bytes);
                compressed_response(&file, encoding, compressed)
            }
            // The answer depends on Accept-Encoding, whether compressed or not.
            None => file_response(&file).header(VARY, "accept-encoding").body(bytes),
        }
    }

    /// The picture stored under `key`: immutable (a key names its bytes for good), never
    /// sniffed, and an SVG's scripts and outside references inert even when opened directly.
    async fn picture(&self, key: &str, encoding: Option<Encoding>) -> Response {
        let (bytes, content_type) = match self.media.get(key).await {
            Ok(Some(found)) => found,
            Ok(None) => return not_found(),
            Err(err) => {
                tracing::error!(key, error = format!("{err:#}"), "reading a picture failed");
                return Response::ServiceUnavailable()
                    .header(CACHE_CONTROL, "no-cache")
                    .body("the picture cannot be read right now");
            }
        };
        let file = File {
            name: key,
            version: key,
            content_type,
            cache_control: "public, max-age=31536000, immutable",
        };
        let mut response = self.file(file, Bytes::copy_from_slice(&bytes), encoding);
        let headers = response.headers_mut();
        headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        headers.insert(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
        );
        response
    }

    /// `file` as compressed earlier with `encoding`, if it was.
    fn cached(&self, file: &File<'_>, encoding: Option<Encoding>) -> Option<Response> {
        let encoding = encoding?;
        let compressed = self.compressed.get(file.name, file.version, encoding)?;
        Some(compressed_response(file, encoding, compressed))
    }
}

fn file_response(file: &File<'_>) -> ResponseBuilder {
    let mut response = Response::Ok();
    response
        .content_type(file.content_type)
        .header(CACHE_CONTROL, file.cache_control);
    response
}

fn compressed_response(file: &File<'_>, encoding: Encoding, compressed: Bytes) -> Response {
    file_response(file)
        .header(VARY, "accept-encoding")
        .header(CONTENT_ENCODING, encoding.name())
        .body(compressed)
}

/// What changes when a file is rebuilt: its modification time and length.
async fn version_of(path: &std::path::Path) -> std::io::Result<String> {
    let metadata = tokio::fs::metadata(path).await?;
    let modified = metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Ok(format!("{modified}-{}", metadata.len()))
}

fn not_found() -> Response {
    Response::NotFound()
        .content_type("text/plain; charset=utf-8")
        .header(CACHE_CONTROL, "no-cache")
        .body("Not found")
}
