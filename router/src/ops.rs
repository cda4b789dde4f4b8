//! Operations endpoints and diagnostics on the router:
//! - `GET /metrics`: Vitrine's own Prometheus registry (in embedded mode that includes every
//!   subgraph's SQL statement counter). Hive's own telemetry is configured apart.
//! - In development, a request with the `x-vitrine-sql-statements` header gets back, in the
//!   same header, the SQL statements each subgraph ran for it (`catalog=3, inventory=1`):
//!   embedded mode only, where subgraph fetches run in this process. It is how the N+1 tests
//!   count exactly, whatever else the machine or the process is doing.

use crate::context::RouterContext;
use async_trait::async_trait;
use hive_router::executor::hooks::on_http_request::{OnHttpRequestHookFuture, OnHttpRequestHookPayload};
use hive_router::executor::hooks::on_plugin_init::{OnPluginInitPayload, OnPluginInitResult};
use hive_router::executor::plugin_trait::{EndHookPayload, RouterPlugin, StartHookPayload};
use hive_router::ntex::http::header::{HeaderName, HeaderValue};
use hive_router::ntex::http::Response;
use std::sync::Arc;
use vitrine_kit::sql_tally::SqlTally;

/// Asks for (request) and carries (response) the per-request SQL statement counts.
pub const SQL_STATEMENTS_HEADER: &str = "x-vitrine-sql-statements";

pub struct OpsPlugin {
    context: Arc<RouterContext>,
}

#[async_trait]
impl RouterPlugin for OpsPlugin {
    type Config = ();

    fn plugin_name() -> &'static str {
        "vitrine_ops"
    }

    fn on_plugin_init(payload: OnPluginInitPayload<Self>) -> OnPluginInitResult<Self> {
        let context = RouterContext::current()?;
        payload.initialize_plugin(OpsPlugin { context })
    }

    fn on_http_request<'req>(
        &'req self,
        payload: OnHttpRequestHookPayload<'req>,
    ) -> OnHttpRequestHookFuture<'req> {
        Box::pin(async move {
            if payload.router_http_request.path() == "/metrics" {
                let response = Response::Ok()
                    .content_type("text/plain; version=0.0.4")
                    .body(self.context.system.metrics().render());
                return payload.end_with_response(response);
            }
            let asks_for_statements = self.context.diagnostics
                && payload
                    .router_http_request
                    .headers()
                    .contains_key(SQL_STATEMENTS_HEADER);
            if !asks_for_statements {
                return payload.proceed();
            }
            let tally = SqlTally::default();
            payload.context.insert(tally.clone());
            payload.on_end(move |end| {
                end.map_response(|mut response| {
                    if let Ok(value) = HeaderValue::from_str(&tally.header_value()) {
                        response
                            .response_mut()
                            .headers_mut()
                            .insert(HeaderName::from_static(SQL_STATEMENTS_HEADER), value);
                    }
                    response
                })
                .proceed()
            })
        })
    }
}
