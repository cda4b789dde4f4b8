//! A subgraph's two faces: an HTTP app (`POST /graphql`, WebSocket subscriptions on
//! `GET /graphql`, `/health`, `/metrics`) for distributed mode and subscriptions, and an
//! in-process executor the embedded router calls without an HTTP hop.

use async_graphql::{ObjectType, SDLExportOptions, Schema, SubscriptionType};
use async_graphql_axum::{GraphQLRequest, GraphQLResponse, GraphQLSubscription};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use futures::future::BoxFuture;
use std::sync::Arc;

pub type ExecuteFn =
    Arc<dyn Fn(async_graphql::Request) -> BoxFuture<'static, async_graphql::Response> + Send + Sync>;

#[derive(Clone)]
pub struct SubgraphService {
    pub name: &'static str,
    sdl: String,
    execute: ExecuteFn,
    graphql_routes: Router,
}

impl SubgraphService {
    pub fn new<Q, M, S>(name: &'static str, schema: Schema<Q, M, S>) -> Self
    where
        Q: ObjectType + 'static,
        M: ObjectType + 'static,
        S: SubscriptionType + 'static,
    {
        let sdl = schema.sdl_with_options(SDLExportOptions::new().federation());
        let for_execute = schema.clone();
        let execute: ExecuteFn = Arc::new(move |request| {
            let schema = for_execute.clone();
            Box::pin(async move { schema.execute(request).await })
        });
        let graphql_routes = Router::new().route(
            "/graphql",
            post(graphql_post)
                .get_service(GraphQLSubscription::new(schema))
                .with_state(execute.clone()),
        );
        SubgraphService {
            name,
            sdl,
            execute,
            graphql_routes,
        }
    }

    /// The subgraph's Federation v2 SDL, as composition reads it.
    pub fn sdl(&self) -> &str {
        &self.sdl
    }

    /// Runs one GraphQL request in process.
    pub fn execute(&self, request: async_graphql::Request) -> BoxFuture<'static, async_graphql::Response> {
        (self.execute)(request)
    }

    /// `/graphql` only; mount several under prefixes in embedded mode.
    pub fn graphql_routes(&self) -> Router {
        self.graphql_routes.clone()
    }

    /// The whole app of a standalone subgraph process.
    pub fn http_app(&self) -> Router {
        self.graphql_routes().merge(ops_routes())
    }
}

/// `/health` and `/metrics`, shared by every process.
pub fn ops_routes() -> Router {
    Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/metrics", get(metrics))
}

async fn graphql_post(State(execute): State<ExecuteFn>, request: GraphQLRequest) -> GraphQLResponse {
    execute(request.into_inner()).await.into()
}

async fn metrics() -> impl IntoResponse {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        crate::metrics::render(),
    )
}
