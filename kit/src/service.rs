//! A subgraph's two faces: an HTTP app (`POST /graphql`, WebSocket subscriptions on
//! `GET /graphql`, `/health`, `/metrics`) for distributed mode and subscriptions, and an
//! in-process executor the embedded router calls without an HTTP hop. Both take the caller's
//! identity only from the router: a signed header, or for a subscription the claims the router
//! forwards in it over a connection whose signed `connection_init` shows the router opened it
//! (see [`crate::identity`]).

use crate::config::{LiveConfig, SecretsConfig};
use crate::error::ErrorCode;
use crate::events::EventBus;
use crate::identity::{self, ForwardedClaims, Identity, CLAIMS_EXTENSION, IDENTITY_HEADER};
use crate::parsed_documents::ParsedDocuments;
use crate::subscription_socket::{self, Accepted, Seat, Sharing};
use crate::system::System;
use async_graphql::{ErrorExtensions, ObjectType, SDLExportOptions, Schema, ServerError, SubscriptionType};
use async_graphql_axum::rejection::GraphQLRejection;
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::extract::{State, WebSocketUpgrade};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Extension;
use axum::Router;
use futures::future::BoxFuture;
use std::sync::{Arc, OnceLock};

type ExecuteFn =
    Arc<dyn Fn(async_graphql::Request) -> BoxFuture<'static, async_graphql::Response> + Send + Sync>;

#[derive(Clone)]
pub struct SubgraphService {
    pub name: &'static str,
    sdl: String,
    execute: ExecuteFn,
    trust: Arc<RouterTrust>,
    /// Which identical subscriptions of a connection share one run; set once, before serving.
    sharing: Arc<OnceLock<Sharing>>,
    routes: Router,
}

/// How a subgraph decides who is calling.
struct RouterTrust {
    verifier: identity::Verifier,
    require_signature: bool,
}

impl RouterTrust {
    /// A valid router signature → that identity; none → anonymous, unless direct calls are
    /// refused; a bad one → refused (someone is forging or the secrets differ).
    fn caller(&self, headers: &HeaderMap) -> Result<Identity, String> {
        let signed = headers
            .get(IDENTITY_HEADER)
            .map(|value| {
                value
                    .to_str()
                    .map_err(|_| "malformed identity header".to_string())
            })
            .transpose()?;
        self.verify(signed)
    }

    fn verify(&self, signed: Option<&str>) -> Result<Identity, String> {
        match signed {
            None if self.require_signature => Err("requests must come through the router".into()),
            None => Ok(Identity::anonymous()),
            Some(value) => self
                .verifier
                .verify(value, chrono::Utc::now().timestamp())
                .map_err(|e| e.to_string()),
        }
    }
}

/// `GET /graphql` upgraded to a WebSocket speaking graphql-transport-ws, the router's protocol
/// (see [`crate::subscription_socket`]). The router sends its signed identity header as a field
/// of `connection_init` (Hive passes header rules there), which proves the router opened the
/// connection; it then carries every client's subscriptions over it, each with its caller's
/// verified claims in its extensions, and each runs as that caller.
fn subscriptions<Q, M, S>(
    schema: Schema<Q, M, S>,
    documents: ParsedDocuments,
    trust: Arc<RouterTrust>,
    sharing: Arc<OnceLock<Sharing>>,
) -> impl Fn(WebSocketUpgrade, Option<Extension<OpenSockets>>) -> BoxFuture<'static, axum::response::Response>
       + Clone
       + Send
       + Sync
       + 'static
where
    Q: ObjectType + 'static,
    M: ObjectType + 'static,
    S: SubscriptionType + 'static,
{
    move |upgrade: WebSocketUpgrade, open: Option<Extension<OpenSockets>>| {
        let (schema, documents, trust) = (schema.clone(), documents.clone(), trust.clone());
        let sharing = sharing.get().cloned();
        Box::pin(async move {
            upgrade
                .protocols(["graphql-transport-ws"])
                .max_message_size(MAX_SOCKET_MESSAGE)
                .read_buffer_size(SOCKET_READ_BUFFER)
                .write_buffer_size(SOCKET_WRITE_BUFFER)
                .on_upgrade(move |socket| async move {
                    let _open = open.map(|Extension(open)| open.hold());
                    subscription_socket::serve(socket, schema, documents, sharing, move |payload| {
                        let signed = payload.get(IDENTITY_HEADER).and_then(|v| v.as_str());
                        trust.verify(signed)?;
                        let from_router = signed.is_some();
                        Ok(Accepted {
                            data: async_graphql::Data::default(),
                            subscriber: Box::new(move |request| {
                                run_as_forwarded_caller(request, from_router)
                            }),
                        })
                    })
                    .await
                })
                .into_response()
        })
    }
}

/// Runs `request` as the caller whose verified claims the router forwarded in it, anonymous
/// without claims; returns who that is. Claims count only on a connection the router opened:
/// anyone else could write them.
fn run_as_forwarded_caller(request: &mut async_graphql::Request, from_router: bool) -> Option<String> {
    let claims = request
        .extensions
        .0
        .get(CLAIMS_EXTENSION)
        .filter(|_| from_router)
        .and_then(|claims| async_graphql::from_value::<ForwardedClaims>(claims.clone()).ok());
    let identity = claims
        .as_ref()
        .map_or_else(Identity::anonymous, ForwardedClaims::identity);
    if let Some(session) = claims.as_ref().and_then(ForwardedClaims::session) {
        request.data.insert(session);
    }
    let caller = identity.sub.clone();
    request.data.insert(identity);
    caller
}

/// The subgraph's gauge of open subscription sockets, handed to its WebSocket route.
#[derive(Clone)]
struct OpenSockets(prometheus::IntGauge);

impl OpenSockets {
    /// Counts one socket open until the result is dropped.
    fn hold(self) -> OpenSocket {
        self.0.inc();
        OpenSocket(self.0)
    }
}

struct OpenSocket(prometheus::IntGauge);

impl Drop for OpenSocket {
    fn drop(&mut self) {
        self.0.dec();
    }
}

/// A subscribe message carries one operation: far below this.
const MAX_SOCKET_MESSAGE: usize = 1 << 20;
/// Read and write buffers per connection (128 KiB each by default): messages are small, and
/// the router may hold one connection per signed-in subscriber. tungstenite zero-fills the
/// read buffer to its full size before each read, so all of it is resident for every
/// connection: 16 KiB instead of 4 cost delivery 18 of its 51 KiB per followed order (issue
/// #17's bench). Incoming messages (connection_init, subscribe) are small; a larger one takes
/// more reads.
const SOCKET_READ_BUFFER: usize = 4 << 10;
/// Outgoing results are written out at each flush; this only bounds what one flush gathers.
const SOCKET_WRITE_BUFFER: usize = 16 << 10;

impl SubgraphService {
    pub fn new<Q, M, S>(name: &'static str, schema: Schema<Q, M, S>, secrets: &SecretsConfig) -> Self
    where
        Q: ObjectType + 'static,
        M: ObjectType + 'static,
        S: SubscriptionType + 'static,
    {
        let sdl = schema.sdl_with_options(SDLExportOptions::new().federation());
        let for_execute = schema.clone();
        let documents = ParsedDocuments::default();
        let for_subscriptions = documents.clone();
        let execute: ExecuteFn = Arc::new(move |mut request: async_graphql::Request| {
            documents.prepare(&mut request);
            let schema = for_execute.clone();
            // A refusal of the router's own entity fetch is a mismatch between router and
            // subgraph, not the client's input: it keeps no code.
            let entity_fetch = request.query.contains("_entities");
            Box::pin(crate::loader::drive(async move {
                let mut response = schema.execute(request).await;
                if !entity_fetch {
                    crate::error::code_input_refusals(&mut response);
                }
                response
            }))
        });
        let trust = Arc::new(RouterTrust {
            verifier: identity::Verifier::new(secrets.internal_secret.as_bytes()),
            require_signature: secrets.require_router_signature,
        });
        let sharing = Arc::new(OnceLock::new());
        let routes = Router::new().route(
            "/graphql",
            post(graphql_post)
                .get(subscriptions(
                    schema,
                    for_subscriptions,
                    trust.clone(),
                    sharing.clone(),
                ))
                .with_state((execute.clone(), trust.clone())),
        );
        SubgraphService {
            name,
            sdl,
            execute,
            trust,
            sharing,
            routes,
        }
    }

    /// Identical subscriptions of one of these fields on one connection run once for all of
    /// them (see [`Sharing`]). Each field's every result must be the whole current state; each
    /// subscription that joins a run still counts against `bus`'s live-subscription limits.
    /// A run with no news for `live.refresh_idle` sends its latest result again.
    pub fn sharing_states(self, bus: &EventBus, states: &'static [&'static str], live: &LiveConfig) -> Self {
        let seats = bus.seats().clone();
        let seat = Arc::new(move |caller: Option<&str>| {
            seats
                .take_joining(caller)
                .map(|seat| Box::new(seat) as Seat)
                .map_err(|refused| refused.extend().into_server_error(Default::default()))
        });
        let sharing = Sharing {
            states,
            seat,
            refresh_idle: live.refresh_idle,
        };
        if self.sharing.set(sharing).is_err() {
            tracing::warn!(
                subgraph = self.name,
                "subscription sharing was set twice; the first stands"
            );
        }
        self
    }

    /// The subgraph's Federation v2 SDL, as composition reads it.
    pub fn sdl(&self) -> &str {
        &self.sdl
    }

    /// Runs one GraphQL request in process; `headers` are those the router would have sent.
    pub fn execute(
        &self,
        request: async_graphql::Request,
        headers: &HeaderMap,
    ) -> BoxFuture<'static, async_graphql::Response> {
        match self.trust.caller(headers) {
            Ok(identity) => (self.execute)(request.data(identity)),
            Err(reason) => Box::pin(std::future::ready(unauthenticated(reason))),
        }
    }

    /// Adds subgraph-specific routes beside `/graphql` (e.g. accounts' JWKS).
    pub fn with_routes(mut self, extra: Router) -> Self {
        self.routes = self.routes.merge(extra);
        self
    }

    /// `/graphql` and any extra routes, each request counted in `system`'s metrics; mount
    /// several under prefixes in embedded mode.
    pub fn routes(&self, system: &System) -> Router {
        let http_requests = system
            .metrics()
            .subgraph_http_requests
            .with_label_values(&[self.name]);
        let sockets = system
            .metrics()
            .subscription_sockets
            .with_label_values(&[self.name]);
        self.routes
            .clone()
            .layer(Extension(OpenSockets(sockets)))
            .layer(axum::middleware::from_fn(
                move |request, next: axum::middleware::Next| {
                    http_requests.inc();
                    next.run(request)
                },
            ))
    }

    /// The whole app of a standalone subgraph process.
    pub fn http_app(&self, system: &System) -> Router {
        self.routes(system).merge(ops_routes(system))
    }
}

fn unauthenticated(reason: String) -> async_graphql::Response {
    let mut error = ServerError::new(reason, None);
    let mut extensions = async_graphql::ErrorExtensionValues::default();
    extensions.set("code", ErrorCode::Unauthenticated.as_str());
    error.extensions = Some(extensions);
    async_graphql::Response::from_errors(vec![error])
}

/// `/health` (the process answers), `/readiness` (the system's databases and its NATS
/// connection answer too) and `/metrics`, shared by every process.
pub fn ops_routes(system: &System) -> Router {
    Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/readiness", get(readiness))
        .route("/metrics", get(metrics))
        .with_state(system.clone())
}

async fn readiness(State(system): State<System>) -> (StatusCode, String) {
    match system.check_ready(std::time::Duration::from_secs(2)).await {
        Ok(()) => (StatusCode::OK, "ready".into()),
        Err(err) => (StatusCode::SERVICE_UNAVAILABLE, format!("{err:#}")),
    }
}

async fn graphql_post(
    State((execute, trust)): State<(ExecuteFn, Arc<RouterTrust>)>,
    headers: HeaderMap,
    request: Result<GraphQLRequest, GraphQLRejection>,
) -> axum::response::Response {
    let request = match request {
        Ok(request) => request,
        Err(rejection) => return refused_body(rejection),
    };
    match trust.caller(&headers) {
        Ok(identity) => {
            GraphQLResponse::from(execute(request.into_inner().data(identity)).await).into_response()
        }
        Err(reason) => GraphQLResponse::from(unauthenticated(reason)).into_response(),
    }
}

/// A body that is no GraphQL request (not JSON, nested past serde_json's 128 levels, a
/// multipart body that breaks its own rules): async-graphql-axum answered it in plain text, with
/// its error's debug form; here it is a GraphQL error with a code, like every other refusal.
fn refused_body(rejection: GraphQLRejection) -> axum::response::Response {
    let status = match rejection.0 {
        async_graphql::ParseRequestError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::BAD_REQUEST,
    };
    let message = format!("the request body is no GraphQL request: {}", rejection.0);
    let error = crate::error::ApiError::bad_input(message)
        .extend()
        .into_server_error(Default::default());
    let body =
        serde_json::to_vec(&async_graphql::Response::from_errors(vec![error])).expect("responses serialise");
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn metrics(State(system): State<System>) -> impl IntoResponse {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        system.metrics().render(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::{EmptyMutation, EmptySubscription, Object, SimpleObject};

    #[derive(SimpleObject)]
    struct Thing {
        id: async_graphql::ID,
    }

    struct Query;

    #[Object]
    impl Query {
        async fn echo(&self, text: String) -> String {
            text
        }

        #[graphql(entity)]
        async fn find_thing_by_id(&self, id: async_graphql::ID) -> Thing {
            Thing { id }
        }
    }

    fn codes(response: &async_graphql::Response) -> Vec<Option<String>> {
        let code = |e: &ServerError| {
            let code = e.extensions.as_ref()?.get("code")?.clone();
            Some(code.to_string().trim_matches('"').to_string())
        };
        response.errors.iter().map(code).collect()
    }

    #[tokio::test]
    async fn a_clients_refused_input_is_bad_user_input_and_a_refused_entity_fetch_keeps_no_code() {
        let schema = Schema::build(Query, EmptyMutation, EmptySubscription)
            .enable_federation()
            .finish();
        let service = SubgraphService::new("things", schema, &SecretsConfig::default());
        let headers = HeaderMap::new();
        let input = async_graphql::Request::new("{ echo(text: {a: {b: 1}}) }");
        let refused = service.execute(input, &headers).await;
        assert_eq!(codes(&refused), vec![Some("BAD_USER_INPUT".to_string())]);
        // A representation of a type the subgraph does not know: the router's mistake.
        let fetch = async_graphql::Request::new(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Thing { id } } }",
        )
        .variables(async_graphql::Variables::from_json(
            serde_json::json!({ "r": [{ "__typename": "Nothing", "id": "1" }] }),
        ));
        let refused = service.execute(fetch, &headers).await;
        assert!(!refused.errors.is_empty(), "{:?}", refused.errors);
        assert_eq!(codes(&refused), vec![None]);
    }
}
