//! Plugin `vitrine_live_socket`: the router's graphql-transport-ws server, in place of Hive
//! 0.2.5's. Each operation goes through Hive's pipeline as before (`operation.rs`); what
//! changes is that identical subscriptions of a state field (`stockChanged`,
//! `orderStatusChanged`, `deliveryUpdated`: each result the whole current state) share one run
//! across every client of the router (`runs.rs`), the latest result handed to whoever joins.
//! Ten thousand anonymous watchers of one product cost Hive one subscription, one plan run
//! and one result per change, instead of ten thousand of each. Once started, a run whose plan
//! is a single subgraph subscription moves to the router's own connection to that subgraph
//! (`handover.rs`, `upstream.rs`), leaving Hive's per-subscription machinery behind.
//!
//! Identical means the same supergraph, document, operation, variables, extensions and every
//! header the connection and operation carry (the caller's token among them): callers never
//! share each other's results, and signed-in callers share only among their own tabs. A token
//! past its expiry never joins (Hive runs it as anonymous, and the guard refuses it). Hive's
//! own deduplication stays off (router.config.yaml says why); this one ends a run when its
//! last member leaves, and gives joiners the state.
//!
//! The upgrade is taken over in `on_http_request`, so this plugin must come after every plugin
//! whose `on_http_request` must see the upgrade (the guard seats the connection there).

mod connection;
mod handover;
mod operation;
mod runs;
mod state_fields;
mod upstream;

use crate::context::RouterContext;
use crate::guard::is_websocket_upgrade;
use async_trait::async_trait;
use hive_router::executor::executors::graphql_transport_ws::WS_SUBPROTOCOL;
use hive_router::executor::hooks::on_http_request::{OnHttpRequestHookFuture, OnHttpRequestHookPayload};
use hive_router::executor::hooks::on_plugin_init::{OnPluginInitPayload, OnPluginInitResult};
use hive_router::executor::hooks::on_supergraph_load::SupergraphSnapshot;
use hive_router::executor::plugin_context::PluginContext;
use hive_router::executor::plugin_trait::{RouterPlugin, StartHookPayload};
use hive_router::executor::request_context::RequestContextExt;
use hive_router::ntex::router::Path;
use hive_router::ntex::service::fn_factory_with_config;
use hive_router::ntex::web::{ws, WebRequest};
use hive_router::{RouterSharedState, SchemaState};
use operation::Connection;
use runs::Runs;
use std::rc::Rc;
use std::sync::Arc;
use upstream::Upstreams;

pub struct LiveSocketPlugin {
    /// Where WebSockets are served (Hive's `websocket.path`, else the GraphQL path); `None`
    /// when WebSockets are off.
    path: Option<String>,
    runs: Arc<Runs>,
    upstreams: Arc<Upstreams>,
}

#[async_trait]
impl RouterPlugin for LiveSocketPlugin {
    type Config = ();

    fn plugin_name() -> &'static str {
        "vitrine_live_socket"
    }

    fn on_plugin_init(payload: OnPluginInitPayload<Self>) -> OnPluginInitResult<Self> {
        let context = RouterContext::current()?;
        let config = payload.router_config();
        let path = config
            .websocket
            .enabled
            .then(|| config.websocket_path().map(str::to_string))
            .flatten();
        let metrics = context.system.metrics();
        let runs = Runs::new(
            metrics.shared_subscription_runs.clone(),
            metrics.subscriptions_joined.clone(),
        );
        let upstreams = Upstreams::new(
            context.secrets.internal_secret.clone().into_bytes(),
            metrics.upstream_subscriptions.clone(),
            metrics.subscriptions_handed_over.clone(),
        );
        payload.initialize_plugin(LiveSocketPlugin {
            path,
            runs: Arc::new(runs),
            upstreams: Arc::new(upstreams),
        })
    }

    fn on_http_request<'req>(
        &'req self,
        payload: OnHttpRequestHookPayload<'req>,
    ) -> OnHttpRequestHookFuture<'req> {
        Box::pin(async move {
            let request = &payload.router_http_request;
            let ours = self.path.as_deref() == Some(request.path()) && is_websocket_upgrade(request);
            if !ours {
                return payload.proceed();
            }
            self.upgrade(payload).await
        })
    }
}

impl LiveSocketPlugin {
    /// Starts the graphql-transport-ws server on the upgraded connection.
    async fn upgrade<'req>(
        &'req self,
        payload: OnHttpRequestHookPayload<'req>,
    ) -> hive_router::executor::hooks::on_http_request::OnHttpRequestHookResult<'req> {
        let OnHttpRequestHookPayload {
            router_http_request,
            context,
            request_context,
        } = payload;
        let (request, body) = router_http_request.into_parts();
        let started = self.start(&request).await;
        // ntex rebuilds the request only if nothing else holds it: `start` keeps no clone.
        let router_http_request = WebRequest::from_parts(request, body)
            .unwrap_or_else(|_| hive_router::ntex::web::test::TestRequest::default().to_srv_request());
        let payload = OnHttpRequestHookPayload {
            router_http_request,
            context,
            request_context,
        };
        match started {
            Some(response) => payload.end_with_response(response),
            // No supergraph yet (the router is starting): Hive's server answers.
            None => payload.proceed(),
        }
    }

    async fn start(
        &self,
        request: &hive_router::ntex::web::HttpRequest,
    ) -> Option<hive_router::ntex::http::Response> {
        let shared_state = request.app_state::<Arc<RouterSharedState>>()?.clone();
        let schema_state = request.app_state::<Arc<SchemaState>>()?.clone();
        // Each operation selects it again (Hive's type for it cannot be kept here); this one
        // only tells whether there is one yet.
        schema_state.select_supergraph(request).await.ok()??;
        let chosen_supergraph = request.extensions().get::<SupergraphSnapshot>().cloned();
        let request_context = request.read_request_context().ok()?;
        let plugin_context = request.extensions().get::<Arc<PluginContext>>().cloned();
        let uri: http::Uri = self.path.as_deref()?.parse().ok()?;
        let connection = Rc::new(Connection {
            shared_state,
            schema_state,
            chosen_supergraph,
            plugin_context,
            request_context,
            path: Path::new(uri.clone()),
            uri,
            runs: self.runs.clone(),
            upstreams: self.upstreams.clone(),
            state_fields: vitrine_kit::contracts::STATE_SUBSCRIPTIONS,
        });
        let accepted = ws::subprotocols(request).any(|offered| offered == WS_SUBPROTOCOL);
        let protocol = accepted.then_some(WS_SUBPROTOCOL);
        let served = ws::start::<_, _, _, hive_router::ntex::web::Error>(
            request.clone(),
            protocol,
            fn_factory_with_config(move |sink: ws::WsSink| {
                let connection = connection.clone();
                async move { connection::serve(accepted, sink, connection).await }
            }),
        )
        .await;
        Some(match served {
            Ok(response) => response,
            Err(_) => crate::guard::reply::error(
                http::StatusCode::BAD_REQUEST,
                "BAD_USER_INPUT",
                "not a WebSocket upgrade this router can take",
            ),
        })
    }
}
