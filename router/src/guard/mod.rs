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
//!   waiting, a stream (SSE, multipart) whose client has taken nothing for a while
//!   (`unread.rs`);
//! - introspection nesting its list fields too deeply is refused;
//! - an operation whose estimated cost, over the whole operation, is over `max_cost`
//!   (`cost.rs`); every answer says its estimate (`X-Cost-Estimated`, `X-Cost-Max`);
//! - trusted documents (the storefront's manifest; production may accept nothing else) and
//!   Automatic Persisted Queries.

mod config;
mod cost;
mod introspection;
mod json_shape;
mod operation;
mod persisted;
mod rate;
pub(crate) mod reply;
mod request;
mod sockets;
mod tarpit;
mod unread;

pub use config::GuardConfig;
pub use rate::QuotaConfig;
pub(crate) use request::{bearer_token, declared_length, is_websocket_upgrade, unverified_claims};

use operation::{document_refusal, runs_a_subscription};
use request::{
    accepts_single_answers, accepts_streams, bearer_and_verdict, declared_too_large, get_parameters,
    persisted_query_request, routes_to_graphql, verified_claims,
};

use async_trait::async_trait;
use cost::{CostModel, IntegerVariables};
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
use hive_router::graphql_tools::static_graphql::query::Document;
use hive_router::ntex::http::header::{HeaderName, HeaderValue};
use hive_router::GraphQLError;
use http::StatusCode;
use persisted::PersistedQueries;
use rate::{Limiter, SharedBuckets};
use sockets::{Full, OpenSockets, SocketLimits, SocketSeat};
use std::net::IpAddr;
use std::rc::Rc;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tarpit::Tarpit;

const COST_ESTIMATED_HEADER: &str = "x-cost-estimated";
const COST_MAX_HEADER: &str = "x-cost-max";

/// The client's network address, as this router saw it; other plugins read it from the request
/// context (the identity plugin signs it into the identity subgraphs receive).
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress(pub IpAddr);

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
                        let progress = Rc::new(unread::StreamProgress::default());
                        let request = end.response.request();
                        // Over HTTP/2 the socket carries the client's other requests too, and
                        // a stream's own flow control holds its results back, not the socket.
                        let socket = request
                            .io()
                            .filter(|_| request.version() != http::Version::HTTP_2);
                        if let Some(socket) = socket {
                            unread::watch_stream(
                                socket,
                                Rc::downgrade(&progress),
                                Duration::from_secs(self.config.stalled_stream_secs),
                                &self.closed_stalled,
                            );
                        }
                        end.map_response(|response| sockets::hold_while_streaming(response, seat, progress))
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
            Ok(()) => {
                if let Some(refusal) = self.check_socket_operation(payload.context, &params) {
                    return payload.end_with_response(refusal);
                }
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
        // A WebSocket's operations share its context and may run at once, so one operation's
        // variables could be read for another's estimate: there, the estimate takes every
        // `first` sent as a variable to be the largest page.
        if !payload.context.contains::<WebSocketConnection>() {
            payload
                .context
                .insert(IntegerVariables::of(&payload.graphql_params.variables));
        }
        // Introspection fields appear in the text by name; most documents need no walk.
        let query = payload.graphql_params.query.as_deref().unwrap_or_default();
        let may_introspect = query.contains("__schema") || query.contains("__type");
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
            // From the operation's own text (a persisted one's was filled in from its hash), not
            // from the context, which a WebSocket's operations share and may set at once.
            && !self
                .persisted
                .is_trusted_text(payload.graphql_params.query.as_deref().unwrap_or_default())
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
            let cost = {
                let variables = payload.context.get_ref::<IntegerVariables>();
                model.estimate(
                    payload.filtered_operation_for_plan,
                    variables.as_deref().unwrap_or(&IntegerVariables::unknown()),
                    self.config.default_list_size,
                )
            };
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
