//! `GET /metrics` on the router: Vitrine's own Prometheus registry (in embedded mode that
//! includes every subgraph's SQL statement counter). Hive's own telemetry is configured apart.

use async_trait::async_trait;
use hive_router::executor::hooks::on_http_request::{OnHttpRequestHookFuture, OnHttpRequestHookPayload};
use hive_router::executor::hooks::on_plugin_init::{OnPluginInitPayload, OnPluginInitResult};
use hive_router::executor::plugin_trait::{RouterPlugin, StartHookPayload};
use hive_router::ntex::http::Response;

#[derive(Default)]
pub struct OpsPlugin;

#[async_trait]
impl RouterPlugin for OpsPlugin {
    type Config = ();

    fn plugin_name() -> &'static str {
        "vitrine_ops"
    }

    fn on_plugin_init(payload: OnPluginInitPayload<Self>) -> OnPluginInitResult<Self> {
        payload.initialize_plugin_with_defaults()
    }

    fn on_http_request<'req>(
        &'req self,
        payload: OnHttpRequestHookPayload<'req>,
    ) -> OnHttpRequestHookFuture<'req> {
        Box::pin(async move {
            if payload.router_http_request.path() == "/metrics" {
                let response = Response::Ok()
                    .content_type("text/plain; version=0.0.4")
                    .body(vitrine_kit::metrics::render());
                return payload.end_with_response(response);
            }
            payload.proceed()
        })
    }
}
