//! Plugin `vitrine_dedupe`: identical queries in flight at the same time run once, and every
//! caller gets that response. This is Hive's inbound deduplication for queries only: Hive
//! 0.2.5's own (`traffic_shaping.router.dedupe`) also takes in subscriptions, which it cannot
//! share safely (see router.config.yaml), so it stays off.
//!
//! Two requests are identical when every input that can change a query's answer is equal,
//! compared whole ([`waiting::RequestKey`]):
//! - who asks: `Authorization`, `Cookie`;
//! - how the answer is written: `Accept`;
//! - the request itself: method, URI, body.
//!
//! Nothing else reaches a subgraph's queries. The identity plugin signs the verified claims and
//! the client's address, and only mutations read the address (the sign-up and login limits).
//! Mutations, subscriptions and requests counting their SQL statements never share.
//!
//! The first request (the leader) runs as usual. The others wait and then send its status,
//! body and execution headers (`Cache-Control`, `X-Cost-*`); each still passed the guard (rate
//! limits, refused tokens) first. When the leader ends without a response (its client left, its
//! deadline passed), the waiting requests run on their own. Nothing is cached: a request that
//! arrives after the leader answered runs afresh.

mod waiting;

use crate::context::RouterContext;
use crate::ops::SQL_STATEMENTS_HEADER;
use async_trait::async_trait;
use hive_router::executor::hooks::on_execute::{
    OnExecuteResponse, OnExecuteStartHookPayload, OnExecuteStartHookResult,
};
use hive_router::executor::hooks::on_graphql_params::{
    OnGraphQLParamsStartHookPayload, OnGraphQLParamsStartHookResult,
};
use hive_router::executor::hooks::on_http_request::{OnHttpRequestHookFuture, OnHttpRequestHookPayload};
use hive_router::executor::hooks::on_plugin_init::{OnPluginInitPayload, OnPluginInitResult};
use hive_router::executor::plugin_trait::{
    EarlyHTTPResponse, EndHookPayload, RouterPlugin, StartHookPayload,
};
use hive_router::ntex::http::body::{Body, ResponseBody};
use hive_router::ntex::web::WebResponse;
use hive_router::query_planner::state::supergraph_state::OperationKind;
use prometheus::IntCounter;
use std::sync::Arc;
use waiting::{Answer, Claim, Leader, RequestKey, Waiting};

/// The request headers a query's answer can depend on.
const KEY_HEADERS: [&str; 3] = ["authorization", "cookie", "accept"];

pub struct DedupePlugin {
    graphql_path: String,
    waiting: Arc<Waiting>,
    shared: IntCounter,
}

/// This request's inputs, until it is known to be a query.
struct Inputs(Option<RequestKey>);

/// A WebSocket connection: Hive gives every operation on it the upgrade request's context and
/// an empty body, so neither identifies one operation. Its queries never share.
struct WebSocket;

/// The leader of identical requests, until its response is ready.
struct Leading(Option<Leader>);

#[async_trait]
impl RouterPlugin for DedupePlugin {
    type Config = ();

    fn plugin_name() -> &'static str {
        "vitrine_dedupe"
    }

    fn on_plugin_init(payload: OnPluginInitPayload<Self>) -> OnPluginInitResult<Self> {
        let context = RouterContext::current()?;
        let graphql_path = payload.router_config().graphql_path().to_string();
        payload.initialize_plugin(DedupePlugin {
            graphql_path,
            waiting: Arc::new(Waiting::default()),
            shared: context.system.metrics().requests_shared.clone(),
        })
    }

    /// Where a leader's response is taken, before any plugin changes it (compression's hook is
    /// registered earlier, so its end runs later).
    fn on_http_request<'req>(
        &'req self,
        payload: OnHttpRequestHookPayload<'req>,
    ) -> OnHttpRequestHookFuture<'req> {
        Box::pin(async move {
            let request = &payload.router_http_request;
            if request.path() != self.graphql_path {
                return payload.proceed();
            }
            if request.headers().contains_key(http::header::UPGRADE) {
                payload.context.insert(WebSocket);
                return payload.proceed();
            }
            payload.on_end(|end| {
                let leader = end
                    .context
                    .get_mut::<Leading>()
                    .and_then(|mut leading| leading.0.take());
                if let Some(leader) = leader {
                    if let Some(answer) = answer_of(&end.response) {
                        leader.answer(answer);
                    }
                }
                end.proceed()
            })
        })
    }

    async fn on_graphql_params<'exec>(
        &'exec self,
        payload: OnGraphQLParamsStartHookPayload<'exec>,
    ) -> OnGraphQLParamsStartHookResult<'exec> {
        let request = payload.router_http_request;
        if request.path != self.graphql_path
            || request.headers.contains_key(SQL_STATEMENTS_HEADER)
            || payload.context.contains::<WebSocket>()
        {
            return payload.proceed();
        }
        let headers = KEY_HEADERS.into_iter().flat_map(|name| {
            request
                .headers
                .get_all(name)
                .map(move |value| (name, value.as_bytes()))
        });
        let uri = request.uri.path_and_query().map_or("", |p| p.as_str());
        let key = RequestKey::new(request.method.as_str(), uri, headers, payload.body.clone());
        payload.context.insert(Inputs(Some(key)));
        payload.proceed()
    }

    async fn on_execute<'exec>(
        &'exec self,
        payload: OnExecuteStartHookPayload<'exec>,
    ) -> OnExecuteStartHookResult<'exec> {
        let is_query = matches!(
            payload.operation_for_plan.operation_kind,
            None | Some(OperationKind::Query)
        );
        if !is_query {
            return payload.proceed();
        }
        let Some(key) = payload
            .context
            .get_mut::<Inputs>()
            .and_then(|mut inputs| inputs.0.take())
        else {
            return payload.proceed();
        };
        match self.waiting.claim(key) {
            Claim::Lead(leader) => {
                payload.context.insert(Leading(Some(leader)));
                payload.proceed()
            }
            Claim::Wait(pending) => match pending.await {
                Some(answer) => {
                    self.shared.inc();
                    let mut headers = http::HeaderMap::new();
                    for (name, value) in &answer.headers {
                        headers.append(name.clone(), value.clone());
                    }
                    payload.end_with_response(OnExecuteResponse::EarlyResponse(EarlyHTTPResponse {
                        body: answer.body.to_vec(),
                        headers,
                        status_code: answer.status,
                    }))
                }
                None => payload.proceed(),
            },
        }
    }
}

/// A leader's response as the others will send it: a whole 200 body and the headers execution
/// set. Anything else (a stream, an error status) is not shared; they run on their own.
fn answer_of(response: &WebResponse) -> Option<Answer> {
    if response.status() != http::StatusCode::OK {
        return None;
    }
    let body = match response.response().body() {
        ResponseBody::Body(Body::Bytes(bytes)) | ResponseBody::Other(Body::Bytes(bytes)) => bytes,
        _ => return None,
    };
    let headers = response
        .headers()
        .iter()
        .filter(|(name, _)| name.as_str() == "cache-control" || name.as_str().starts_with("x-cost-"))
        .filter_map(|(name, value)| {
            let value = http::HeaderValue::from_bytes(value.as_bytes()).ok()?;
            Some((name.clone(), value))
        })
        .collect();
    Some(Answer {
        status: http::StatusCode::OK,
        headers,
        body: body.clone(),
    })
}
