//! A run of a state field (`deliveryUpdated`, `orderStatusChanged`, `stockChanged`) whose plan is
//! a single subscription to one subgraph moves, once started, from Hive's subgraph subscription
//! to the router's own ([`super::upstream`]), and each later result is projected here with
//! Hive's own projection, as Hive's per-event plan run does when there is nothing to fetch.
//!
//! Hive starts every run, so every check of the operation (token, guard, cost, trusted documents,
//! authorization) is Hive's; its first result reaches the members as before. The router then
//! subscribes itself, and switches once a result of its own equals one Hive gave (each is the whole
//! current state), or once Hive's ends or fails first (a caller at their seat limit has the
//! router's identical subscription replace it at the subgraph; Hive may lose its own connection):
//! from there on its results are what Hive's would have been, and Hive's subscription, with its
//! channel, task and copies of the request, is dropped. A run whose results never meet Hive's
//! within [`MEETING_WINDOW`] (its state changed faster than the two subscriptions could agree, or
//! the projection differs) stays on Hive's.
//!
//! Left to Hive entirely: plans with entity fetches after the subscription, and supergraphs or
//! configs whose per-event steps this path does not repeat (Hive's demand control, progressive
//! override, a subgraph URL from an expression, TLS, another transport).

use super::upstream::{Event, Subscription, Upstreams};
use futures::stream::BoxStream;
use futures::StreamExt;
use hive_router::config::override_subgraph_urls::UrlOrExpression;
use hive_router::config::subscriptions::SubscriptionProtocol;
use hive_router::executor::execution::error_masking::ErrorMaskingRuntime;
use hive_router::executor::execution::jwt_forward::JwtAuthForwardingPlan;
use hive_router::executor::execution::plan::ExecutionResultExtensions;
use hive_router::executor::executors::graphql_transport_ws::SubscribePayload;
use hive_router::executor::hooks::on_supergraph_load::SupergraphSnapshot;
use hive_router::executor::introspection::schema::SchemaMetadata;
use hive_router::executor::projection::plan::FieldProjectionPlan;
use hive_router::executor::projection::response::project_by_operation;
use hive_router::executor::response::graphql_error::GraphQLError;
use hive_router::executor::response::subgraph_response::SubgraphResponse;
use hive_router::executor::response::value::Value;
use hive_router::pipeline::normalize::GraphQLNormalizationPayload;
use hive_router::pipeline::progressive_override::RequestOverrideContext;
use hive_router::query_planner::planner::plan_nodes::{FetchNode, PlanNode, QueryPlan};
use prometheus::IntCounter;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// How long a run waits for its own results to meet Hive's before it stays on Hive's.
const MEETING_WINDOW: Duration = Duration::from_secs(10);

/// What a run needs to follow its subgraph itself.
pub struct Follow {
    upstreams: Arc<Upstreams>,
    endpoint: String,
    /// The `subscribe` payload, as Hive sends it for this run.
    payload: String,
    projection: Projection,
}

/// How a subgraph's result becomes the client's: Hive's projection of the operation.
struct Projection {
    /// Holds the fetch's custom-scalar paths (shared with Hive's plan cache, not copied).
    plan: Arc<QueryPlan>,
    projection_plan: Arc<Vec<FieldProjectionPlan>>,
    root_type_name: String,
    variables: Option<HashMap<String, sonic_rs::Value>>,
    metadata: Arc<SchemaMetadata>,
    /// Hive's, applied to every error as Hive's run does.
    error_masking: Arc<Option<ErrorMaskingRuntime>>,
}

/// Whether a run on `snapshot` may be followed by the router: no progressive override (so the
/// plan does not depend on the request), given a runtime without Hive's demand control (which
/// `operation.rs` checks: Hive's type for the runtime cannot be named here).
pub fn plans_alike(snapshot: &SupergraphSnapshot) -> bool {
    let overrides = &snapshot.planner.supergraph.progressive_overrides;
    overrides.flags.is_empty() && overrides.percentages.is_empty()
}

/// The override context that the plan of every request has when [`plans_alike`]: the key of
/// the plan Hive's run used, in Hive's plan cache.
pub fn no_overrides() -> RequestOverrideContext {
    RequestOverrideContext {
        active_flags: Default::default(),
        percentage_value: 0,
    }
}

/// What following `operation` (planned as `plan`) takes, when the router can follow it
/// itself; `None` leaves the run to Hive. `variables` are the operation's coerced variables,
/// `claims` what Hive forwards of the caller's token.
pub fn prepare(
    upstreams: &Arc<Upstreams>,
    snapshot: &SupergraphSnapshot,
    error_masking: Arc<Option<ErrorMaskingRuntime>>,
    plan: Arc<QueryPlan>,
    operation: &GraphQLNormalizationPayload,
    variables: Option<HashMap<String, sonic_rs::Value>>,
    claims: Option<JwtAuthForwardingPlan>,
) -> Option<Follow> {
    let fetch = subscription_fetch(&plan)?;
    let endpoint = websocket_endpoint(snapshot, &fetch.service_name)?;
    let payload = SubscribePayload {
        query: fetch.operation.document_str.clone(),
        operation_name: None,
        variables: fetch_variables(variables.as_ref(), fetch),
        extensions: claims
            .map(|claims| HashMap::from([(claims.extension_field_name, claims.extension_field_value)])),
    };
    let payload = sonic_rs::to_string(&payload).ok()?;
    Some(Follow {
        upstreams: upstreams.clone(),
        endpoint,
        payload,
        projection: Projection {
            plan,
            projection_plan: operation.projection_plan.clone(),
            root_type_name: operation.root_type_name.clone(),
            variables,
            metadata: snapshot.metadata.clone(),
            error_masking,
        },
    })
}

/// The subscription's fetch, when it is the whole plan.
fn subscription_fetch(plan: &QueryPlan) -> Option<&FetchNode> {
    match &plan.node {
        Some(PlanNode::Subscription(subscription)) => Some(&subscription.primary),
        _ => None,
    }
}

/// The variables of the operation that `fetch` uses, as Hive selects them.
fn fetch_variables(
    variables: Option<&HashMap<String, sonic_rs::Value>>,
    fetch: &FetchNode,
) -> Option<HashMap<String, sonic_rs::Value>> {
    let (variables, used) = (variables?, fetch.variable_usages.as_ref()?);
    let selected: HashMap<_, _> = used
        .iter()
        .filter_map(|name| Some((name.clone(), variables.get(name)?.clone())))
        .collect();
    (!selected.is_empty()).then_some(selected)
}

/// Where Hive subscribes to `subgraph` over WebSocket, when that is a fixed `ws://` URL.
fn websocket_endpoint(snapshot: &SupergraphSnapshot, subgraph: &str) -> Option<String> {
    let options = &snapshot.options;
    let protocol = options.subscriptions.get_protocol_for_subgraph(subgraph);
    if !matches!(protocol, SubscriptionProtocol::WebSocket) {
        return None;
    }
    if options.override_subgraph_urls.get_all_url().is_some() {
        return None;
    }
    let url = match options.override_subgraph_urls.get_subgraph_url(subgraph) {
        Some(UrlOrExpression::Url(url)) => url.clone(),
        Some(UrlOrExpression::Expression { .. }) => return None,
        None => snapshot
            .planner
            .supergraph
            .subgraph_endpoint_map
            .get(subgraph)?
            .clone(),
    };
    let uri: http::Uri = url.parse().ok()?;
    if uri.scheme_str() != Some("http") {
        return None;
    }
    let path = options
        .subscriptions
        .get_websocket_path(subgraph)
        .or_else(|| uri.path_and_query().map(|path| path.as_str()))?;
    Some(format!("ws://{}{path}", uri.authority()?))
}

impl Projection {
    fn result(&self, event: Event) -> Vec<u8> {
        match event {
            Event::Next(bytes) => {
                let custom_scalar_paths =
                    subscription_fetch(&self.plan).and_then(|fetch| fetch.custom_scalar_paths.as_ref());
                match SubgraphResponse::deserialize_from_bytes(bytes, custom_scalar_paths) {
                    Ok(mut response) => {
                        let errors = response.errors.take().unwrap_or_default();
                        self.project(&response.data, errors)
                    }
                    Err(_) => self.failure("the subgraph sent a result that could not be read"),
                }
            }
            Event::Error(bytes) => match sonic_rs::from_slice::<Vec<GraphQLError>>(&bytes) {
                Ok(errors) => self.project(&Value::Null, errors),
                Err(_) => self.failure("the subgraph refused the subscription"),
            },
            Event::Lost => self.failure("the connection to the subgraph was lost; subscribe again"),
        }
    }

    fn failure(&self, message: &str) -> Vec<u8> {
        let error = GraphQLError::from_message_and_code(message, "SERVICE_UNAVAILABLE");
        self.project(&Value::Null, vec![error])
    }

    fn project(&self, data: &Value, mut errors: Vec<GraphQLError>) -> Vec<u8> {
        if let Some(masking) = self.error_masking.as_ref() {
            errors.iter_mut().for_each(|error| masking.apply(error));
        }
        project_by_operation(
            data,
            errors,
            &ExecutionResultExtensions::default(),
            &self.root_type_name,
            &self.projection_plan,
            &self.variables,
            0,
            &self.metadata,
        )
        .unwrap_or_else(|_| br#"{"data":null,"errors":[{"message":"the result could not be projected","extensions":{"code":"INTERNAL"}}]}"#.to_vec())
    }
}

/// `hive`'s results, until the router's own subscription (`follow`) gives a result equal to
/// one of Hive's; from then on the router's, Hive's subscription dropped.
pub fn after_meeting(hive: BoxStream<'static, Vec<u8>>, follow: Follow) -> BoxStream<'static, Vec<u8>> {
    let Follow {
        upstreams,
        endpoint,
        payload,
        projection,
    } = follow;
    let handed_over = upstreams.handed_over.clone();
    let own = move || {
        let subscription: Subscription = upstreams.subscribe(&endpoint, payload);
        subscription.map(move |event| projection.result(event))
    };
    meet(hive, own, MEETING_WINDOW, handed_over)
}

/// `hive`'s results; after the first, `own()` is subscribed, and once one of its results
/// equals Hive's latest (or Hive's next equals its latest), or Hive's ends or is refused first,
/// the rest are its own, `hive` dropped and `handed_over` counted. If they do not meet within
/// `window`, or `own` ends first, `own` is dropped and `hive` followed to its end.
fn meet<Own>(
    mut hive: BoxStream<'static, Vec<u8>>,
    own: impl FnOnce() -> Own + Send + 'static,
    window: Duration,
    handed_over: IntCounter,
) -> BoxStream<'static, Vec<u8>>
where
    Own: futures::Stream<Item = Vec<u8>> + Send + Unpin + 'static,
{
    Box::pin(async_stream::stream! {
        let Some(first) = hive.next().await else { return };
        yield first.clone();
        let mut own = own();
        let mut hive_latest = first;
        let mut own_latest: Option<Vec<u8>> = None;
        let mut window = Box::pin(tokio::time::sleep(window));
        let met = loop {
            let step = tokio::select! {
                result = hive.next() => Step::Hive(result),
                result = own.next() => Step::Own(result),
                _ = &mut window => Step::Own(None),
            };
            match step {
                Step::Hive(Some(result)) if !is_refusal(&result) => {
                    let met = own_latest.as_ref() == Some(&result);
                    if !met {
                        hive_latest.clone_from(&result);
                    }
                    yield result;
                    if met {
                        break true;
                    }
                }
                // The subgraph ended Hive's subscription: a caller at their limit has the
                // router's identical one replace it there (`CONFLICT`), and otherwise the
                // router's ends the same way (the same subscription), so its own word follows,
                // starting from its latest state if the client has yet to see that.
                Step::Hive(_) => {
                    if let Some(latest) = own_latest.take().filter(|latest| *latest != hive_latest) {
                        yield latest;
                    }
                    break true;
                }
                // Already sent, as Hive's.
                Step::Own(Some(result)) if result == hive_latest => break true,
                Step::Own(Some(result)) => own_latest = Some(result),
                Step::Own(None) => break false,
            }
        };
        // Kept for the run's whole life otherwise: the two latest states and the timer.
        drop((hive_latest, own_latest, window));
        if met {
            drop(hive);
            handed_over.inc();
            while let Some(result) = own.next().await {
                yield result;
            }
        } else {
            drop(own);
            while let Some(result) = hive.next().await {
                yield result;
            }
        }
    })
}

/// A result that is only errors: a subgraph's `error` message as Hive projects it
/// (`{"data":null,"errors":…}`), or Hive's own failure, such as its connection to the subgraph
/// lost (`{"errors":…}`).
fn is_refusal(result: &[u8]) -> bool {
    result.starts_with(br#"{"data":null,"errors""#) || result.starts_with(br#"{"errors""#)
}

enum Step {
    Hive(Option<Vec<u8>>),
    Own(Option<Vec<u8>>),
}

#[cfg(test)]
#[path = "handover_tests.rs"]
mod tests;
