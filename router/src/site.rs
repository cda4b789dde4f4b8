//! Plugin `vitrine_site`: what a browser gets from the router besides the API: GraphiQL (page
//! and assets from the binary) and the storefront at `/`. Hive's own laboratory is turned off
//! in the config; API requests pass through untouched.

use crate::graphiql;
use crate::storefront::{Served, Storefront, NOT_BUILT_PAGE};
use async_trait::async_trait;
use hive_router::executor::hooks::on_http_request::{OnHttpRequestHookFuture, OnHttpRequestHookPayload};
use hive_router::executor::hooks::on_plugin_init::{OnPluginInitPayload, OnPluginInitResult};
use hive_router::executor::plugin_trait::{RouterPlugin, StartHookPayload};
use hive_router::ntex::http::header::{HeaderValue, ACCEPT, CACHE_CONTROL, UPGRADE};
use hive_router::ntex::http::{Method, Response};

pub struct SitePlugin {
    storefront: Storefront,
    /// Paths the router itself answers: GraphQL (and its WebSocket), probes, metrics.
    api_paths: Vec<String>,
    graphql_path: String,
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
        payload.initialize_plugin(SitePlugin {
            storefront: Storefront::from_env(),
            api_paths,
            graphql_path,
        })
    }

    fn on_http_request<'req>(
        &'req self,
        payload: OnHttpRequestHookPayload<'req>,
    ) -> OnHttpRequestHookFuture<'req> {
        Box::pin(async move {
            let request = &payload.router_http_request;
            if request.method() != Method::GET && request.method() != Method::HEAD {
                return payload.proceed();
            }
            let path = request.path().to_string();
            let header = |name| {
                request
                    .headers()
                    .get(name)
                    .and_then(|value: &HeaderValue| value.to_str().ok())
                    .unwrap_or_default()
            };
            let websocket = header(UPGRADE).eq_ignore_ascii_case("websocket");
            if graphiql::is_page_request(&path, &self.graphql_path, header(ACCEPT), websocket) {
                let page = Response::Ok()
                    .content_type("text/html; charset=utf-8")
                    .header(CACHE_CONTROL, "no-cache")
                    .body(graphiql::PAGE);
                return payload.end_with_response(page);
            }
            if let Some((content_type, bytes)) = graphiql::asset(&path) {
                // Vendored files change only with the binary.
                let asset = Response::Ok()
                    .content_type(content_type)
                    .header(CACHE_CONTROL, "public, max-age=86400")
                    .body(bytes);
                return payload.end_with_response(asset);
            }
            if self.api_paths.contains(&path) {
                return payload.proceed();
            }
            match self.storefront.resolve(&path) {
                Served::File {
                    path,
                    content_type,
                    cache_control,
                } => match tokio::fs::read(&path).await {
                    Ok(bytes) => {
                        let file = Response::Ok()
                            .content_type(content_type)
                            .header(CACHE_CONTROL, cache_control)
                            .body(bytes);
                        payload.end_with_response(file)
                    }
                    // Removed between the lookup and the read (a rebuild).
                    Err(_) => payload.end_with_response(not_found()),
                },
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

fn not_found() -> Response {
    Response::NotFound()
        .content_type("text/plain; charset=utf-8")
        .header(CACHE_CONTROL, "no-cache")
        .body("Not found")
}
