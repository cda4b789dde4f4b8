//! Plugin `vitrine_guard`: the router's own defences in front of Hive's pipeline, for what
//! Hive Router 0.2.5's configuration does not cover (its `limits`, `introspection` and
//! timeouts are set in router.config.yaml; docs/security.md lists all).
//!
//! - request bodies and GET variables nesting deeper than `max_json_depth`, or holding lists
//!   longer than `max_json_items`, are refused before Hive parses them;
//! - rate limits per client address (before any parsing) and per signed-in caller, their
//!   refusals held until the client could have been served (`tarpit.rs`);
//! - a bearer token that does not verify is 401 `UNAUTHENTICATED`, not anonymous, for
//!   subscriptions too;
//! - a document with several operations and no `operationName` is refused;
//! - WebSocket connections and subscription streams (SSE, multipart) open at once, per client
//!   address and in all (`sockets.rs`), and subscriptions started on open WebSockets;
//! - clients that stop reading their subscriptions' results: a WebSocket with too many bytes
//!   waiting, a stream (SSE, multipart) whose waiting bytes have not gone down for a while
//!   (`unread.rs`);
//! - introspection nesting its list fields too deeply is refused;
//! - an operation whose estimated cost, over the whole operation, is over `max_cost`
//!   (`cost.rs`); every answer says its estimate (`X-Cost-Estimated`, `X-Cost-Max`);
//! - trusted documents (the storefront's manifest; production may accept nothing else) and
//!   Automatic Persisted Queries.

mod cost;
mod introspection;
mod json_shape;
mod persisted;
mod rate;
pub(crate) mod reply;
mod sockets;
mod tarpit;
mod unread;

pub use rate::QuotaConfig;

use async_trait::async_trait;
use cost::CostModel;
use hive_router::executor::hooks::on_execute::{OnExecuteStartHookPayload, OnExecuteStartHookResult};
use hive_router::executor::hooks::on_graphql_analysis::{
    OnGraphqlAnalysisHookPayload, OnGraphqlAnalysisHookResult,
};
use hive_router::executor::hooks::on_graphql_params::{
    GraphQLParams, OnGraphQLParamsStartHookPayload, OnGraphQLParamsStartHookResult,
};
use hive_router::executor::hooks::on_graphql_parse::{
    OnGraphQLParseHookResult, OnGraphQLParseStartHookPayload,
};
use hive_router::executor::hooks::on_http_request::{OnHttpRequestHookFuture, OnHttpRequestHookPayload};
use hive_router::executor::hooks::on_plugin_init::{OnPluginInitPayload, OnPluginInitResult};
use hive_router::executor::hooks::on_supergraph_load::{
    OnSupergraphLoadStartHookPayload, OnSupergraphLoadStartHookResult,
};
use hive_router::executor::plugin_context::PluginContext;
use hive_router::executor::plugin_trait::{EndHookPayload, RouterPlugin, StartHookPayload};
use hive_router::graphql_tools::parser::parse_query_with_token_limit;
use hive_router::graphql_tools::static_graphql::query::{Definition, Document, OperationDefinition};
use hive_router::ntex::http::header::{HeaderName, HeaderValue};
use hive_router::GraphQLError;
use http::StatusCode;
use persisted::PersistedQueries;
use rate::{Limiter, SharedBuckets};
use serde::Deserialize;
use sockets::{Full, OpenSockets, SocketLimits, SocketSeat};
use std::net::IpAddr;
use std::rc::Rc;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tarpit::Tarpit;

const COST_ESTIMATED_HEADER: &str = "x-cost-estimated";
const COST_MAX_HEADER: &str = "x-cost-max";

/// Introspection list fields nested this often are refused (graphql-js's limit).
const MAX_INTROSPECTION_LISTS: usize = 3;
/// `__type` fields one operation may hold (GraphiQL and code generators ask for `__schema`).
const MAX_TYPE_LOOKUPS: usize = 5;

/// The client's network address, as this router saw it; other plugins read it from the request
/// context (the identity plugin signs it into the identity subgraphs receive).
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress(pub IpAddr);

/// `plugins.vitrine_guard.config` in router.config.yaml. Every field has a default; the
/// environment overrides a few (see [`GuardConfig::with_env`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GuardConfig {
    /// Deepest nesting of arrays and objects a request body (or GET `variables`) may have.
    pub max_json_depth: usize,
    /// Most items one list (or members one object) of a request body may hold.
    pub max_json_items: usize,
    /// Requests to the GraphQL endpoint per client address.
    pub per_address: QuotaConfig,
    /// Operations per signed-in caller (by the token's `sub`), across addresses.
    pub per_caller: QuotaConfig,
    /// Redis shared by all routers of a deployment for the two limits above; `None` keeps
    /// them per process. `VITRINE_REDIS_URL` sets it.
    pub redis_url: Option<String>,
    /// Key prefix in Redis, so deployments can share a server.
    pub redis_namespace: String,
    /// Take the client address from the first `X-Forwarded-For` entry: only behind a proxy
    /// that sets it, or clients pick their own address.
    pub trust_forwarded_for: bool,
    /// WebSocket connections and subscription streams (SSE, multipart) one client address may
    /// hold open at once (0: no limit). `VITRINE_MAX_WEBSOCKETS_PER_ADDRESS` sets it.
    pub max_websockets_per_address: usize,
    /// WebSocket connections and subscription streams this router holds open at once, whoever
    /// opened them (0: no limit); past it, more replicas. `VITRINE_MAX_WEBSOCKETS` sets it.
    pub max_websockets: usize,
    /// Subscriptions one client address may have started on its open WebSocket connections
    /// (0: no limit). Hive 0.2.5 tells no plugin when a subscription ends, so each counts
    /// until its connection closes, ended ones included: an address at the limit must close a
    /// connection (clients reconnect) before it starts more.
    /// `VITRINE_MAX_WEBSOCKET_SUBSCRIPTIONS_PER_ADDRESS` sets it.
    pub max_websocket_subscriptions_per_address: usize,
    /// The same, counted over all of this router's WebSocket connections (0: no limit).
    /// `VITRINE_MAX_WEBSOCKET_SUBSCRIPTIONS` sets it.
    pub max_websocket_subscriptions: usize,
    /// Bytes of results a WebSocket may have waiting for its client to read them; past it, the
    /// connection is closed (0: never). `VITRINE_MAX_WEBSOCKET_UNSENT_BYTES` sets it.
    pub max_websocket_unsent_bytes: usize,
    /// How long a subscription stream (SSE, multipart) may have results waiting for its client
    /// with none of them taken, in seconds; past it, the connection is closed (0: never).
    /// `VITRINE_STALLED_STREAM_SECS` sets it.
    pub stalled_stream_secs: u64,
    /// Bytes of Automatic Persisted Queries kept (least recently used go first); 0 turns APQ off.
    pub persisted_queries_bytes: u64,
    /// The trusted documents manifest (`{ "<sha256>": "<document>" }`); `None` → the built
    /// storefront's, `<VITRINE_WEB_DIR>/persisted-documents.json`. `VITRINE_TRUSTED_DOCUMENTS`
    /// sets it.
    pub trusted_documents: Option<String>,
    /// Refuse every operation that is not a trusted document, except from signed-in ADMINs
    /// (GraphiQL for staff). `VITRINE_TRUSTED_DOCUMENTS_ONLY=true` sets it.
    pub trusted_documents_only: bool,
    /// The most an operation may cost, estimated over the whole operation before it is
    /// planned (`cost.rs`); past it, `COST_ESTIMATED_TOO_EXPENSIVE`.
    pub max_cost: u64,
    /// How long a list is taken to be when nothing sizes it (no `first`).
    pub default_list_size: u64,
}

impl Default for GuardConfig {
    fn default() -> Self {
        GuardConfig {
            max_json_depth: 32,
            max_json_items: 1000,
            per_address: QuotaConfig {
                per_second: 20,
                burst: 100,
            },
            per_caller: QuotaConfig {
                per_second: 20,
                burst: 100,
            },
            redis_url: None,
            redis_namespace: "vitrine".into(),
            trust_forwarded_for: false,
            // A household or an office behind one address, each tab with its connection.
            max_websockets_per_address: 100,
            // About 40 KiB each in the router (Hive's server, its tasks and buffers).
            max_websockets: 20_000,
            // A storefront tab starts one per product page it shows while its connection lasts;
            // the subgraphs hold 25 000 anonymous subscriptions per process.
            max_websocket_subscriptions_per_address: 1_000,
            // Twice the connections; about 20 KiB each (benches/subscriptions.rs, 100 a connection).
            max_websocket_subscriptions: 40_000,
            // A storefront message is well under 1 KiB: a client this far behind reads nothing.
            max_websocket_unsent_bytes: 1 << 20,
            // Hive keeps up to 32 results of a stream for a client that takes none; a client
            // reading at all takes some within seconds.
            stalled_stream_secs: 15,
            persisted_queries_bytes: 16 << 20,
            trusted_documents: None,
            trusted_documents_only: false,
            // The storefront's dearest document, 100 orders to a page, costs 15 301
            // (`cost.rs`'s tests).
            max_cost: 25_000,
            // The lists that take no `first` and carry no `@listSize` are mostly a product's
            // variants and offers: a handful each.
            default_list_size: 10,
        }
    }
}

impl GuardConfig {
    /// `VITRINE_REDIS_URL`, `VITRINE_REDIS_NAMESPACE`, `VITRINE_RATE_LIMIT_PER_ADDRESS`,
    /// `VITRINE_RATE_LIMIT_PER_CALLER` (`RATE:BURST`, or `0` for off), `VITRINE_MAX_WEBSOCKETS`,
    /// `VITRINE_MAX_WEBSOCKETS_PER_ADDRESS`, `VITRINE_MAX_WEBSOCKET_SUBSCRIPTIONS`,
    /// `VITRINE_MAX_WEBSOCKET_SUBSCRIPTIONS_PER_ADDRESS`, `VITRINE_MAX_WEBSOCKET_UNSENT_BYTES`,
    /// `VITRINE_STALLED_STREAM_SECS`,
    /// `VITRINE_TRUST_FORWARDED_FOR`,
    /// `VITRINE_TRUSTED_DOCUMENTS` and `VITRINE_TRUSTED_DOCUMENTS_ONLY` over the file's values.
    pub fn with_env(mut self) -> Result<Self, String> {
        if let Ok(url) = std::env::var("VITRINE_REDIS_URL") {
            self.redis_url = Some(url).filter(|u| !u.is_empty());
        }
        if let Ok(namespace) = std::env::var("VITRINE_REDIS_NAMESPACE") {
            self.redis_namespace = namespace;
        }
        if let Ok(quota) = std::env::var("VITRINE_RATE_LIMIT_PER_ADDRESS") {
            self.per_address =
                QuotaConfig::parse(&quota).map_err(|e| format!("VITRINE_RATE_LIMIT_PER_ADDRESS: {e}"))?;
        }
        if let Ok(path) = std::env::var("VITRINE_TRUSTED_DOCUMENTS") {
            self.trusted_documents = Some(path).filter(|p| !p.is_empty());
        }
        if let Ok(trust) = std::env::var("VITRINE_TRUST_FORWARDED_FOR") {
            self.trust_forwarded_for = trust == "true" || trust == "1";
        }
        if let Ok(only) = std::env::var("VITRINE_TRUSTED_DOCUMENTS_ONLY") {
            self.trusted_documents_only = match only.as_str() {
                "true" | "1" => true,
                "false" | "0" | "" => false,
                other => {
                    return Err(format!(
                        "VITRINE_TRUSTED_DOCUMENTS_ONLY: true or false, not {other:?}"
                    ))
                }
            };
        }
        let count = |name: &str| -> Result<Option<usize>, String> {
            match std::env::var(name) {
                Ok(text) => text
                    .trim()
                    .parse()
                    .map(Some)
                    .map_err(|e| format!("{name}: {text:?}: {e}")),
                Err(_) => Ok(None),
            }
        };
        if let Some(limit) = count("VITRINE_MAX_WEBSOCKETS_PER_ADDRESS")? {
            self.max_websockets_per_address = limit;
        }
        if let Some(limit) = count("VITRINE_MAX_WEBSOCKETS")? {
            self.max_websockets = limit;
        }
        if let Some(limit) = count("VITRINE_MAX_WEBSOCKET_SUBSCRIPTIONS_PER_ADDRESS")? {
            self.max_websocket_subscriptions_per_address = limit;
        }
        if let Some(limit) = count("VITRINE_MAX_WEBSOCKET_SUBSCRIPTIONS")? {
            self.max_websocket_subscriptions = limit;
        }
        if let Some(limit) = count("VITRINE_MAX_WEBSOCKET_UNSENT_BYTES")? {
            self.max_websocket_unsent_bytes = limit;
        }
        if let Some(secs) = count("VITRINE_STALLED_STREAM_SECS")? {
            self.stalled_stream_secs = secs as u64;
        }
        if let Ok(quota) = std::env::var("VITRINE_RATE_LIMIT_PER_CALLER") {
            self.per_caller =
                QuotaConfig::parse(&quota).map_err(|e| format!("VITRINE_RATE_LIMIT_PER_CALLER: {e}"))?;
        }
        Ok(self)
    }
}

pub struct GuardPlugin {
    config: GuardConfig,
    graphql_path: String,
    /// Hive's `limits.max_request_body_size`, in bytes.
    max_body: usize,
    per_address: Limiter,
    per_caller: Limiter,
    persisted: PersistedQueries,
    sockets: OpenSockets,
    /// Subscriptions started over WebSockets, seated as connections are, per address and in
    /// all; each connection keeps its subscriptions' seats ([`WebSocketConnection`]).
    socket_subscriptions: OpenSockets,
    /// Hive's `limits.max_tokens`: a WebSocket operation is parsed here too, no further.
    max_tokens: usize,
    tarpit: Tarpit,
    /// `vitrine_rate_limited_total`.
    rate_limited: prometheus::IntCounterVec,
    /// `vitrine_websockets_closed_unread_total`.
    closed_unread: prometheus::IntCounter,
    /// `vitrine_streams_closed_stalled_total`.
    closed_stalled: prometheus::IntCounter,
    /// The supergraph in use's fields, for cost estimates; replaced when it is.
    cost_model: RwLock<Arc<CostModel>>,
}

/// Marks an HTTP request from a client that accepts a stream of results: if it runs a
/// subscription, the seat it holds among the address's long-lived connections.
struct StreamClient {
    address: IpAddr,
    seat: Option<SocketSeat>,
    /// It accepts nothing but streams: Hive 0.2.5 runs a query or mutation for it and only then
    /// finds it cannot answer (`UNSUPPORTED_CONTENT_TYPE`, side effects done).
    streams_only: bool,
    /// Why the analysis hook refused its operation: Hive cannot put that single answer into a
    /// stream either, so the response hook sends it as JSON instead.
    refused: Option<Refusal>,
}

/// A refusal's status, code and message.
#[derive(Clone, Copy)]
struct Refusal(StatusCode, &'static str, &'static str);

/// Whether this request's operation is a trusted document (set once known).
struct Trusted(bool);

/// The operation's estimated cost (`cost.rs`), for the answer's headers.
struct EstimatedCost(u64);

/// Marks a WebSocket connection's context. Hive runs the hooks from `on_graphql_params` on for
/// each operation message of the connection with the context of its upgrade request, which is
/// the only HTTP request the address limit would otherwise see: without this, one upgrade
/// could start subscriptions without end (Hive 0.2.5 bounds them per connection nowhere, and
/// runs no execute hook for subscriptions, so the per-caller limit does not see them either).
/// It keeps the connection's seat among the open ones, and a seat for each subscription it
/// started, until Hive drops the connection: Hive 0.2.5 calls no plugin when a subscription
/// ends, so the subscriptions it runs are bounded by the ones started.
struct WebSocketConnection {
    address: IpAddr,
    _seat: SocketSeat,
    subscriptions: Vec<SocketSeat>,
}

#[async_trait]
impl RouterPlugin for GuardPlugin {
    type Config = GuardConfig;

    fn plugin_name() -> &'static str {
        "vitrine_guard"
    }

    fn on_plugin_init(payload: OnPluginInitPayload<Self>) -> OnPluginInitResult<Self> {
        let config = payload.config()?.with_env()?;
        let context = crate::context::RouterContext::current()?;
        let shared = match &config.redis_url {
            Some(url) => Some(Arc::new(SharedBuckets::new(url, &config.redis_namespace)?)),
            None => None,
        };
        let graphql_path = payload.router_config().http.graphql_endpoint.clone();
        let manifest_path = match &config.trusted_documents {
            Some(path) => std::path::PathBuf::from(path),
            None => crate::storefront::Storefront::from_env()
                .dir()
                .join("persisted-documents.json"),
        };
        let manifest = PersistedQueries::read_manifest(&manifest_path)?;
        if config.trusted_documents_only && manifest.is_empty() {
            return Err(format!(
                "trusted documents only, but {} holds none (build the storefront, or set VITRINE_TRUSTED_DOCUMENTS)",
                manifest_path.display()
            )
            .into());
        }
        tracing::info!(documents = manifest.len(), path = %manifest_path.display(), only = config.trusted_documents_only, "trusted documents");
        let plugin = GuardPlugin {
            per_address: Limiter::new("address", config.per_address, shared.clone()),
            per_caller: Limiter::new("caller", config.per_caller, shared),
            persisted: PersistedQueries::new(config.persisted_queries_bytes, manifest),
            sockets: OpenSockets::new(SocketLimits {
                per_address: config.max_websockets_per_address,
                total: config.max_websockets,
            }),
            socket_subscriptions: OpenSockets::new(SocketLimits {
                per_address: config.max_websocket_subscriptions_per_address,
                total: config.max_websocket_subscriptions,
            }),
            max_tokens: payload
                .router_config()
                .limits
                .max_tokens
                .as_ref()
                .map_or(usize::MAX, |limit| limit.n),
            tarpit: Tarpit::default(),
            rate_limited: context.system.metrics().rate_limited.clone(),
            closed_unread: context.system.metrics().websockets_closed_unread.clone(),
            closed_stalled: context.system.metrics().streams_closed_stalled.clone(),
            cost_model: RwLock::default(),
            max_body: payload.router_config().limits.max_request_body_size.to_bytes() as usize,
            graphql_path,
            config,
        };
        payload.initialize_plugin(plugin)
    }

    fn on_http_request<'req>(
        &'req self,
        mut payload: OnHttpRequestHookPayload<'req>,
    ) -> OnHttpRequestHookFuture<'req> {
        Box::pin(async move {
            // Only a POST to the GraphQL path has a body anyone reads. Any other request that
            // declared one and withheld it kept its connection open after its answer, ntex
            // waiting for the rest of a body nobody took; dropped now, the connection closes
            // after the answer instead.
            let request = &payload.router_http_request;
            if request.path() != self.graphql_path || request.method() != http::Method::POST {
                drop(payload.router_http_request.take_payload());
            }
            let request = &payload.router_http_request;
            let path = request.path();
            if path != self.graphql_path && routes_to_graphql(path, &self.graphql_path) {
                // Hive serves GraphQL under its path's scope too (`/graphql/x`, `/%67raphql`),
                // which every path check here and in the other plugins would miss.
                let message = format!("GraphQL is served at {} only", self.graphql_path);
                return payload.end_with_response(reply::error(StatusCode::NOT_FOUND, "NOT_FOUND", &message));
            }
            let Some(address) = self.client_address(request.headers(), request.peer_addr().map(|a| a.ip()))
            else {
                return payload.proceed();
            };
            payload.context.insert(ClientAddress(address));
            if path != self.graphql_path {
                return payload.proceed();
            }
            if let Some(refusal) = self.over_address_rate(address).await {
                return refuse_unread(payload, refusal);
            }
            if let Some(refusal) = declared_too_large(request.headers(), self.max_body) {
                return refuse_unread(payload, refusal);
            }
            if is_websocket_upgrade(request) {
                match self.sockets.take(address) {
                    Ok(seat) => {
                        if let Some(socket) = request.io() {
                            unread::watch(
                                socket,
                                self.config.max_websocket_unsent_bytes,
                                &self.closed_unread,
                            );
                        }
                        payload.context.insert(WebSocketConnection {
                            address,
                            _seat: seat,
                            subscriptions: Vec::new(),
                        });
                    }
                    Err(full) => return payload.end_with_response(reply::sockets_full(full)),
                }
                return payload.proceed();
            }
            if accepts_streams(request.headers()) {
                // A subscription takes its seat once parsed (`on_graphql_parse`), before it
                // starts; its stream carries it from here.
                payload.context.insert(StreamClient {
                    address,
                    seat: None,
                    streams_only: !accepts_single_answers(request.headers()),
                    refused: None,
                });
            }
            payload.on_end(move |end| {
                let cost = end.context.get_ref::<EstimatedCost>().map(|cost| cost.0);
                let end = match cost {
                    Some(cost) => end.map_response(|mut response| {
                        self.tell_cost(response.response_mut().headers_mut(), cost);
                        response
                    }),
                    None => end,
                };
                let refused = end.context.get_ref::<StreamClient>().and_then(|c| c.refused);
                if let Some(Refusal(status, code, message)) = refused {
                    let mut response = reply::error(status, code, message);
                    if let Some(cost) = cost {
                        self.tell_cost(response.headers_mut(), cost);
                    }
                    return end.end_with_response(response);
                }
                if !sockets::is_streamed(&end.response) {
                    return end.proceed();
                }
                let taken = end
                    .context
                    .get_mut::<StreamClient>()
                    .and_then(|mut client| client.seat.take());
                // Whatever streams holds a seat, however the request was classified above.
                match taken.map_or_else(|| self.sockets.take(address), Ok) {
                    Ok(seat) => {
                        let streaming = Rc::new(());
                        if let Some(socket) = end.response.request().io() {
                            unread::watch_stream(
                                socket,
                                Rc::downgrade(&streaming),
                                Duration::from_secs(self.config.stalled_stream_secs),
                                &self.closed_stalled,
                            );
                        }
                        end.map_response(|response| sockets::hold_while_streaming(response, seat, streaming))
                            .proceed()
                    }
                    Err(full) => end.end_with_response(reply::sockets_full(full)),
                }
            })
        })
    }

    async fn on_graphql_params<'exec>(
        &'exec self,
        mut payload: OnGraphQLParamsStartHookPayload<'exec>,
    ) -> OnGraphQLParamsStartHookResult<'exec> {
        // Each operation over a WebSocket costs its address what the same request over HTTP
        // would; a refusal is a `next` with the error, then `complete`.
        let socket_address = payload
            .context
            .get_ref::<WebSocketConnection>()
            .map(|c| c.address);
        if let Some(address) = socket_address {
            if let Some(refusal) = self.over_address_rate(address).await {
                return payload.end_with_response(refusal);
            }
        }
        let limits = json_shape::Limits {
            depth: self.config.max_json_depth,
            items: self.config.max_json_items,
        };
        // HTTP bodies and GET parameters are checked raw; WebSocket messages arrive parsed.
        let too_large = match &payload.graphql_params {
            None if payload.body.is_empty() => get_parameters(payload.router_http_request.query_string)
                .filter(|(name, _)| name == "variables" || name == "extensions")
                // Each inside the request, as a body's `variables` is inside its object.
                .find_map(|(_, value)| json_shape::check(value.as_bytes(), 1, limits).err()),
            None => json_shape::check(&payload.body, 0, limits).err(),
            Some(params) => params
                .variables
                .values()
                .chain(params.extensions.iter().flat_map(|e| e.values()))
                // Inside the request object and the variables map.
                .find_map(|value| json_shape::check_value(value, 2, limits).err()),
        };
        if let Some(too_large) = too_large {
            return payload.end_with_response(reply::error(
                StatusCode::BAD_REQUEST,
                "BAD_USER_INPUT",
                &too_large.message(limits),
            ));
        }
        let persisted = &self.persisted;
        let mut params = match payload.graphql_params.take() {
            Some(params) => params,
            None => match persisted_query_request(&payload.body, payload.router_http_request.query_string) {
                Some(Ok(params)) => params,
                Some(Err(message)) => {
                    return payload.end_with_response(reply::error(
                        StatusCode::BAD_REQUEST,
                        "BAD_REQUEST",
                        &message,
                    ))
                }
                // Not APQ: Hive decodes the request itself, with its own error answers.
                None => return payload.proceed(),
            },
        };
        match persisted.resolve(&mut params) {
            Ok(trusted) => {
                if let Some(refusal) = self.check_socket_operation(payload.context, &params) {
                    return payload.end_with_response(refusal);
                }
                payload.context.insert(Trusted(trusted));
                payload.graphql_params = Some(params);
                payload.proceed()
            }
            // Apollo clients look for this error in a 200 answer before retrying with the query.
            Err((code, message)) if code == persisted::NOT_FOUND_CODE => {
                payload.end_with_response(reply::error(StatusCode::OK, code, &message))
            }
            Err((code, message)) => {
                payload.end_with_response(reply::error(StatusCode::BAD_REQUEST, code, &message))
            }
        }
    }

    async fn on_graphql_parse<'exec>(
        &'exec self,
        payload: OnGraphQLParseStartHookPayload<'exec>,
    ) -> OnGraphQLParseHookResult<'exec> {
        let named = payload.graphql_params.operation_name.is_some();
        // Introspection fields appear in the text by name; most documents need no walk.
        let query = payload.graphql_params.query.as_deref().unwrap_or_default();
        let may_introspect = query.contains("__schema") || query.contains("__type");
        // Plain requests (no `persistedQuery`) are trusted when their text is in the manifest.
        if self.config.trusted_documents_only && !payload.context.contains::<Trusted>() {
            payload
                .context
                .insert(Trusted(self.persisted.is_trusted_text(query)));
        }
        let context = payload.context;
        // Only a client that takes streams may run a subscription over HTTP.
        let stream_operation = context
            .contains::<StreamClient>()
            .then(|| payload.graphql_params.operation_name.clone());
        let streams_only = context.get_ref::<StreamClient>().is_some_and(|c| c.streams_only);
        payload.on_end(move |end| {
            if let Some(message) = document_refusal(&end.document, named, may_introspect) {
                return end.end_with_graphql_error(
                    GraphQLError::from_message_and_code(message, "BAD_USER_INPUT"),
                    StatusCode::BAD_REQUEST,
                );
            }
            let Some(name) = stream_operation else {
                return end.proceed();
            };
            if !runs_a_subscription(&end.document, name.as_deref()) {
                if streams_only {
                    // Refused before it runs: Hive would run it, then fail to answer.
                    return end.end_with_graphql_error(
                        GraphQLError::from_message_and_code(
                            "a query or mutation is answered as JSON: accept application/graphql-response+json or application/json",
                            "BAD_REQUEST",
                        ),
                        StatusCode::NOT_ACCEPTABLE,
                    );
                }
                return end.proceed();
            }
            let Some(mut client) = context.get_mut::<StreamClient>() else {
                return end.proceed();
            };
            match self.sockets.take(client.address) {
                Ok(seat) => {
                    client.seat = Some(seat);
                    end.proceed()
                }
                Err(full) => {
                    let (status, message) = reply::sockets_full_message(full);
                    end.end_with_graphql_error(
                        GraphQLError::from_message_and_code(message, "RATE_LIMITED"),
                        status,
                    )
                }
            }
        })
    }

    /// Who may run the operation, checked here rather than in `on_execute` because Hive 0.2.5
    /// runs no execute hook for subscriptions (over WebSockets, SSE or multipart), and before
    /// the operation is planned.
    async fn on_graphql_analysis<'exec>(
        &'exec self,
        payload: &mut OnGraphqlAnalysisHookPayload<'exec>,
    ) -> OnGraphqlAnalysisHookResult {
        let (bearer, verified) =
            bearer_and_verdict(payload.router_http_request.headers, &payload.request_context);
        // A token was sent and Hive could not verify it: anonymous access would hide the
        // client's mistake (an expired session) behind missing data.
        let refusal = if bearer.is_some() && verified == Some(false) {
            Refusal(
                StatusCode::UNAUTHORIZED,
                "UNAUTHENTICATED",
                "the access token is malformed, expired or wrongly signed",
            )
        } else if self.config.trusted_documents_only
            && !payload.context.get_ref::<Trusted>().is_some_and(|t| t.0)
            && !verified_claims(bearer, verified).is_some_and(|claims| claims.is_admin())
        {
            Refusal(
                StatusCode::FORBIDDEN,
                "TRUSTED_DOCUMENT_REQUIRED",
                "this router runs only the storefront's own operations (trusted documents)",
            )
        } else {
            let model = self
                .cost_model
                .read()
                .map(|model| model.clone())
                .unwrap_or_default();
            let cost = model.estimate(
                payload.filtered_operation_for_plan,
                &payload.graphql_params.variables,
                self.config.default_list_size,
            );
            payload.context.insert(EstimatedCost(cost));
            if cost <= self.config.max_cost {
                return OnGraphqlAnalysisHookResult::Proceed;
            }
            Refusal(
                StatusCode::BAD_REQUEST,
                "COST_ESTIMATED_TOO_EXPENSIVE",
                "the operation's estimated cost (X-Cost-Estimated) is over the limit (X-Cost-Max): ask for fewer items (first), aliases or levels",
            )
        };
        if let Some(mut client) = payload.context.get_mut::<StreamClient>() {
            client.refused = Some(refusal);
        }
        let Refusal(status, code, message) = refusal;
        OnGraphqlAnalysisHookResult::EndWithResponse(reply::output(status, code, message))
    }

    /// The cost estimate reads the supergraph in use.
    fn on_supergraph_reload<'exec>(
        &'exec self,
        payload: OnSupergraphLoadStartHookPayload,
    ) -> OnSupergraphLoadStartHookResult<'exec> {
        payload.on_end(move |end| {
            let model = Arc::new(CostModel::from_supergraph(&end.new_supergraph.supergraph_schema));
            if let Ok(mut in_use) = self.cost_model.write() {
                *in_use = model;
            }
            end.proceed()
        })
    }

    async fn on_execute<'exec>(
        &'exec self,
        payload: OnExecuteStartHookPayload<'exec>,
    ) -> OnExecuteStartHookResult<'exec> {
        let (bearer, verified) =
            bearer_and_verdict(payload.router_http_request.headers, &payload.request_context);
        // Each root field of a mutation is a write: 30 aliased top-ups count as 30 requests,
        // against the caller and (beyond the request itself, counted on arrival) the address.
        let writes = cost::root_mutation_fields(payload.operation_for_plan);
        let address = payload
            .context
            .get_ref::<ClientAddress>()
            .map(|address| address.0)
            .filter(|_| writes > 1);
        let over = match address {
            Some(address) => self
                .per_address
                .check_n(&rate::address_key(address), writes - 1)
                .await
                .err()
                .map(|wait| ("address", wait, "too many writes from this address; retry later")),
            None => None,
        };
        let over = match (over, verified_claims(bearer, verified)) {
            (None, Some(claims)) => self
                .per_caller
                .check_n(&claims.sub, writes.max(1))
                .await
                .err()
                .map(|wait| ("caller", wait, "too many requests for this account; retry later")),
            (over, _) => over,
        };
        let Some((limit, wait, message)) = over else {
            return payload.proceed();
        };
        self.refusing(limit, wait).await;
        payload.end_with_response(reply::early(
            StatusCode::TOO_MANY_REQUESTS,
            "RATE_LIMITED",
            message,
            Some(wait),
        ))
    }
}

impl GuardPlugin {
    /// `X-Cost-Estimated` and `X-Cost-Max`, so client developers see what their operations cost.
    fn tell_cost(&self, headers: &mut hive_router::ntex::http::HeaderMap, cost: u64) {
        headers.insert(
            HeaderName::from_static(COST_ESTIMATED_HEADER),
            HeaderValue::from(cost),
        );
        headers.insert(
            HeaderName::from_static(COST_MAX_HEADER),
            HeaderValue::from(self.config.max_cost),
        );
    }

    /// An operation message on a WebSocket connection: refused here what the parse hook
    /// refuses over HTTP (from that hook Hive 0.2.5 answers a WebSocket client only
    /// `INTERNAL_SERVER_ERROR`), and a subscription seated among its address's. A document
    /// that does not parse, or has too many tokens, goes on for Hive to refuse.
    fn check_socket_operation(
        &self,
        context: &PluginContext,
        params: &GraphQLParams,
    ) -> Option<hive_router::ntex::http::Response> {
        if !context.contains::<WebSocketConnection>() {
            return None;
        }
        let query = params.query.as_deref()?;
        let document: Document = parse_query_with_token_limit::<String>(query, self.max_tokens)
            .ok()?
            .into_static();
        let may_introspect = query.contains("__schema") || query.contains("__type");
        let named = params.operation_name.is_some();
        if let Some(message) = document_refusal(&document, named, may_introspect) {
            return Some(reply::error(StatusCode::BAD_REQUEST, "BAD_USER_INPUT", &message));
        }
        if !runs_a_subscription(&document, params.operation_name.as_deref()) {
            return None;
        }
        let mut connection = context.get_mut::<WebSocketConnection>()?;
        match self.socket_subscriptions.take(connection.address) {
            Ok(seat) => {
                connection.subscriptions.push(seat);
                None
            }
            Err(full) => {
                let (status, message) = reply::socket_subscriptions_full_message(full);
                Some(reply::error(status, "RATE_LIMITED", message))
            }
        }
    }

    /// The refusal for `address` when it is over its rate, held first (see `refusing`).
    async fn over_address_rate(&self, address: IpAddr) -> Option<hive_router::ntex::http::Response> {
        let wait = self.per_address.check(&rate::address_key(address)).await.err()?;
        self.refusing("address", wait).await;
        Some(reply::rate_limited(wait, "this address"))
    }

    /// Holds a rate-limit refusal (see `tarpit.rs`) and counts it.
    async fn refusing(&self, limit: &str, wait: Duration) {
        let held = self.tarpit.hold(wait).await;
        self.rate_limited
            .with_label_values(&[limit, if held { "true" } else { "false" }])
            .inc();
    }

    fn client_address(
        &self,
        headers: &hive_router::ntex::http::HeaderMap,
        peer: Option<IpAddr>,
    ) -> Option<IpAddr> {
        if self.config.trust_forwarded_for {
            let forwarded = headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .and_then(|v| v.trim().parse().ok());
            if forwarded.is_some() {
                return forwarded;
            }
        }
        peer
    }
}

/// Answers `refusal` without reading the request's body, and drops the body's stream so that
/// the connection closes after the answer. ntex otherwise goes on to read the rest of the body
/// for the next request, without a deadline: a client that declared a body and sent none kept
/// its connection open after the refusal (still open after 30 s when measured).
fn refuse_unread<'req>(
    mut payload: OnHttpRequestHookPayload<'req>,
    refusal: hive_router::ntex::http::Response,
) -> hive_router::executor::hooks::on_http_request::OnHttpRequestHookResult<'req> {
    drop(payload.router_http_request.take_payload());
    payload.end_with_response(refusal)
}

/// A request whose declared body is larger than `max_body`, refused before any of it is read.
/// Hive refuses it too, but first waits for some of the body: a client that declared 300 KB and
/// sent a few bytes held its connection for the whole request timeout, then got a 504. Multipart
/// bodies (uploads) have their own, larger limit, checked by the uploads plugin.
fn declared_too_large(
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
fn bearer_and_verdict<'h, H: hive_router::executor::hooks::HookMarker>(
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
fn bearer_token(headers: &hive_router::ntex::http::HeaderMap) -> Option<&str> {
    let value = headers.get("authorization")?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token.trim())
}

/// The claims of a token Hive has already verified (so reading them unverified here is safe).
#[derive(Deserialize)]
struct VerifiedClaims {
    sub: String,
    #[serde(default)]
    roles: Vec<String>,
}

/// The claims of `bearer` when Hive `verified` it (`jwt_status`).
fn verified_claims(bearer: Option<&str>, verified: Option<bool>) -> Option<VerifiedClaims> {
    use base64::Engine;
    let token = bearer.filter(|_| verified == Some(true))?;
    let payload = token.split('.').nth(1)?;
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    serde_json::from_slice(&json).ok()
}

impl VerifiedClaims {
    fn is_admin(&self) -> bool {
        self.roles.iter().any(|r| r == "ADMIN")
    }
}

/// Why `document` is refused before planning, if it is: several operations and no name
/// (`named`) to choose one, or introspection (`may_introspect`: its fields appear in the text)
/// nested too deeply.
fn document_refusal(document: &Document, named: bool, may_introspect: bool) -> Option<String> {
    let operations = document
        .definitions
        .iter()
        .filter(|d| matches!(d, Definition::Operation(_)))
        .count();
    if operations > 1 && !named {
        Some(format!(
            "the document has {operations} operations: say which to run in operationName"
        ))
    } else if !may_introspect {
        None
    } else {
        let introspection = introspection::measure(document, MAX_INTROSPECTION_LISTS);
        if introspection.deepest_lists >= MAX_INTROSPECTION_LISTS {
            Some(format!(
                "introspection nests fields, inputFields, interfaces or possibleTypes {MAX_INTROSPECTION_LISTS} or more times"
            ))
        } else if introspection.schemas > 1 || introspection.types > MAX_TYPE_LOOKUPS {
            Some(format!(
                "introspection asks for __schema once and __type at most {MAX_TYPE_LOOKUPS} times per operation"
            ))
        } else {
            None
        }
    }
}

/// Whether the operation `document` runs (the one named, or its only one) is a subscription.
fn runs_a_subscription(document: &Document, name: Option<&str>) -> bool {
    document
        .definitions
        .iter()
        .filter_map(|definition| match definition {
            Definition::Operation(operation) => Some(operation),
            _ => None,
        })
        .find(|operation| {
            let named = match operation {
                OperationDefinition::Query(query) => query.name.as_deref(),
                OperationDefinition::Mutation(mutation) => mutation.name.as_deref(),
                OperationDefinition::Subscription(subscription) => subscription.name.as_deref(),
                OperationDefinition::SelectionSet(_) => None,
            };
            name.is_none() || named == name
        })
        .is_some_and(|operation| matches!(operation, OperationDefinition::Subscription(_)))
}

/// Whether the client may take results as a stream (SSE or multipart), which only
/// subscriptions are sent as: it says so (urql and Apollo Client do on every request, in any
/// case), or says nothing, or accepts a wildcard (Hive answers those with a stream as well).
fn accepts_streams(headers: &hive_router::ntex::http::HeaderMap) -> bool {
    accepts_any(headers, &["text/event-stream", "multipart/mixed"])
}

/// Whether the client takes a single JSON answer: no `Accept`, or one naming JSON or a
/// wildcard. Kept broad (`q=0` is not read), so that a client is never taken for streams-only
/// when Hive would answer it.
fn accepts_single_answers(headers: &hive_router::ntex::http::HeaderMap) -> bool {
    accepts_any(
        headers,
        &["application/json", "application/graphql-response+json"],
    )
}

/// Whether `Accept` names one of `media_types` (lowercase): no header, an empty one or a
/// wildcard accepts them all.
fn accepts_any(headers: &hive_router::ntex::http::HeaderMap, media_types: &[&str]) -> bool {
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
fn routes_to_graphql(path: &str, graphql_path: &str) -> bool {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    decoded == graphql_path
        || decoded
            .strip_prefix(graphql_path)
            .is_some_and(|rest| rest.starts_with('/'))
}

fn get_parameters(
    query_string: &str,
) -> impl Iterator<Item = (std::borrow::Cow<'_, str>, std::borrow::Cow<'_, str>)> {
    form_urlencoded::parse(query_string.as_bytes())
}

/// The GraphQL parameters of a request that uses APQ (`persistedQuery` in its extensions);
/// `None` for every other request, which Hive decodes as usual.
fn persisted_query_request(body: &[u8], query_string: &str) -> Option<Result<GraphQLParams, String>> {
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

    #[test]
    fn the_operation_that_runs_decides_whether_it_is_a_subscription() {
        let runs = |text: &str, name: Option<&str>| {
            let document = hive_router::graphql_tools::parser::parse_query::<String>(text)
                .unwrap()
                .into_static();
            runs_a_subscription(&document, name)
        };
        assert!(runs("subscription { a }", None));
        assert!(!runs("{ subscription }", None));
        assert!(!runs("query subscription { a }", None));
        let both = "query Q { a } subscription S { a }";
        assert!(runs(both, Some("S")));
        assert!(!runs(both, Some("Q")));
        assert!(!runs(both, Some("missing")));
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

    #[test]
    fn the_default_config_reads_from_yaml_and_the_environment_form() {
        let config: GuardConfig = serde_json::from_value(serde_json::json!({"max_json_depth": 8})).unwrap();
        assert_eq!(config.max_json_depth, 8);
        assert_eq!(config.per_address, GuardConfig::default().per_address);
        assert!(serde_json::from_value::<GuardConfig>(serde_json::json!({"max_json_dept": 8})).is_err());
    }
}
