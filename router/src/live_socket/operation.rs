//! One `subscribe` message through Hive's pipeline, as Hive's own WebSocket server runs it
//! (the same public steps, so every plugin hook runs as before: rate limits, seats, cost,
//! trusted documents, identity), except that an identical subscription of a state field joins
//! the run already following it instead of starting another. A joiner runs the steps up to
//! normalization (rate limit, seat, parse and validation checks) but is not executed: what
//! execution checks (its token, cost, trusted documents, authorization) depends only on what
//! makes it identical ([`RunKey`]), and a refusal of the run's leader reaches every member.

use super::handover;
use super::runs::{Found, Leading, Member, Membership, RunKey, Runs};
use super::state_fields::{is_state_operation, token_lets_join};
use super::upstream::Upstreams;
use bytes::Bytes;
use futures::StreamExt;
use hive_router::executor::execution::client_request_details::{
    JwtRequestDetails, MutableClientRequestDetails, OperationDetails, PathParams,
};
use hive_router::executor::execution::jwt_forward::JwtAuthForwardingPlan;
use hive_router::executor::execution::plan::QueryPlanExecutionResult;
use hive_router::executor::executors::graphql_transport_ws::{CloseCode, SubscribePayload};
use hive_router::executor::headers::response::ResponseHeaderSink;
use hive_router::executor::hooks::on_graphql_params::GraphQLParams;
use hive_router::executor::hooks::on_supergraph_load::SupergraphSnapshot;
use hive_router::executor::plugin_context::{PluginContext, PluginRequestState, RouterHttpRequest};
use hive_router::executor::request_context::SharedRequestContext;
use hive_router::executor::response::graphql_error::{GraphQLError, GraphQLErrorExtensions};
use hive_router::ntex::http::header::{HeaderName, HeaderValue};
use hive_router::ntex::http::{HeaderMap, Method, Response};
use hive_router::ntex::router::Path;
use hive_router::ntex::web::HttpRequest;
use hive_router::pipeline::coerce_variables::coerce_request_variables;
use hive_router::pipeline::error::{ClientPipelineError, PipelineError};
use hive_router::pipeline::execution_request::GetQueryStr;
use hive_router::pipeline::execution_request::{OperationPreparation, OperationPreparationResult};
use hive_router::pipeline::normalize::{normalize_request_with_cache, GraphQLNormalizationPayload};
use hive_router::pipeline::parser::{parse_operation_with_cache, ParseResult};
use hive_router::pipeline::query_plan::{plan_operation_with_cache, QueryPlanResult};
use hive_router::pipeline::validation::validate_operation_with_cache;
use hive_router::pipeline::{connection_fingerprint, execute_pipeline};
use hive_router::query_planner::state::supergraph_state::OperationKind;
use hive_router::query_planner::utils::cancellation::CancellationToken;
use hive_router::telemetry::traces::spans::graphql::GraphQLOperationSpan;
use hive_router::{RouterSharedState, SchemaState};
use sonic_rs::{JsonContainerTrait, JsonValueTrait};
use std::sync::Arc;

/// What every operation of one connection shares.
pub struct Connection {
    pub shared_state: Arc<RouterSharedState>,
    pub schema_state: Arc<SchemaState>,
    /// The supergraph a plugin chose for the upgrade request, if one did (else Hive's
    /// configured one is used, as for Hive's own WebSocket server).
    pub chosen_supergraph: Option<SupergraphSnapshot>,
    pub plugin_context: Option<Arc<PluginContext>>,
    pub request_context: SharedRequestContext,
    /// The path WebSocket operations are presented to plugins with, as a POST to it.
    pub uri: http::Uri,
    pub path: Path<http::Uri>,
    pub runs: Arc<Runs>,
    pub upstreams: Arc<Upstreams>,
    /// Root fields each of whose results is the whole current state.
    pub state_fields: &'static [&'static str],
}

/// How a `subscribe` went.
pub enum Started {
    /// Its results come through the member's outbound queue until `complete` or an error.
    Following(Membership),
    /// Everything for it is in the outbound queue already (a query's answer, a refusal, or
    /// a refused token's error and the connection's close).
    Done,
    /// Refused before it ran: this error, then nothing.
    Refused(Vec<GraphQLError>),
}

/// Runs `payload` for `member` with the connection's `headers` (its `connection_init`'s).
/// One function, since Hive's type for the chosen supergraph cannot be named outside it.
pub async fn subscribe(
    connection: &Connection,
    headers: HeaderMap,
    payload: SubscribePayload,
    member: Member,
) -> Started {
    let shared_state = &connection.shared_state;
    // Hive reads the request for the plugin-chosen supergraph, and to log persisted-document
    // misses; a WebSocket operation has no request of its own, so it gets the POST plugins
    // are shown.
    let request = synthetic_request(&connection.uri, connection.chosen_supergraph.as_ref());
    let supergraph = match connection.schema_state.select_supergraph(&request).await {
        Ok(Some(supergraph)) => supergraph,
        Ok(None) => return refused("SERVICE_UNAVAILABLE", "No supergraph available yet"),
        Err(_) => return refused("INTERNAL", "Supergraph runtime error"),
    };
    let mut headers = headers;
    if shared_state
        .router_config
        .websocket
        .headers
        .accepts_operation_headers()
    {
        for (name, value) in headers_from_extensions(payload.extensions.as_ref()).iter() {
            headers.insert(name.clone(), value.clone());
        }
    }
    let params = GraphQLParams {
        query: (!payload.query.is_empty()).then_some(payload.query),
        operation_name: payload.operation_name,
        variables: payload.variables.unwrap_or_default(),
        extensions: payload.extensions,
    };
    let plugin_req_state = match (&shared_state.plugins, &connection.plugin_context) {
        (Some(plugins), Some(context)) => Some(PluginRequestState {
            plugins: plugins.clone(),
            router_http_request: RouterHttpRequest {
                uri: &connection.uri,
                method: &Method::POST,
                version: http::Version::HTTP_11,
                headers: &headers,
                path: connection.uri.path(),
                query_string: connection.uri.query().unwrap_or(""),
                match_info: &connection.path,
            },
            context: context.clone(),
            request_context: connection.request_context.clone(),
        }),
        _ => None,
    };

    let mut params = match OperationPreparation::prepare_websocket(
        &request,
        shared_state,
        &supergraph,
        &plugin_req_state,
        params,
        None,
        None,
    )
    .await
    {
        Ok(OperationPreparationResult::Operation(operation)) => operation.graphql_params,
        Ok(OperationPreparationResult::EarlyResponse(response)) => {
            return answered_early(response, member).await;
        }
        Err(err) => return pipeline_refusal(&err),
    };
    let parsed = match parse_operation_with_cache(shared_state, &params, &plugin_req_state).await {
        Ok(ParseResult::Payload(parsed)) => parsed,
        Ok(ParseResult::EarlyResponse(response)) => return answered_early(response, member).await,
        Err(err) => return pipeline_refusal(&err),
    };
    match validate_operation_with_cache(
        &supergraph,
        &connection.schema_state,
        shared_state,
        &parsed,
        &plugin_req_state,
    )
    .await
    {
        Ok(None) => {}
        Ok(Some(response)) => return answered_early(response, member).await,
        Err(err) => return pipeline_refusal(&err),
    }
    let normalized = match normalize_request_with_cache(
        &supergraph.snapshot,
        &supergraph.runtime,
        &connection.schema_state,
        &params,
        &parsed,
    )
    .await
    {
        Ok(normalized) => normalized,
        Err(err) => return pipeline_refusal(&err),
    };
    let kind = normalized.operation_for_plan.operation_kind.clone();
    let is_subscription = matches!(kind, Some(OperationKind::Subscription));
    if is_subscription && !shared_state.router_config.subscriptions.enabled {
        return pipeline_refusal(&PipelineError::from(
            ClientPipelineError::SubscriptionsNotSupported,
        ));
    }

    let key = (is_subscription
        && is_state_operation(&normalized.operation_for_plan, connection.state_fields))
    .then(|| shareable_key(&supergraph.snapshot, &normalized, &params, &headers))
    .flatten();
    let membership = match connection.runs.join_or_lead(key, member) {
        Found::Joined(membership) => return Started::Following(membership),
        Found::Leads(membership) => membership,
    };
    let leading = Leading::new(membership.run().clone());

    // From here on as Hive's `execute_planned_request`, whose result type cannot be named
    // outside Hive; its per-subscription broadcast channel and task are left out, since the
    // run hands results to its members itself.
    let fingerprint = supergraph
        .snapshot
        .options
        .traffic_shaping
        .any_websocket_connection_reuse_enabled()
        .then(|| {
            connection_fingerprint(
                &Method::POST,
                connection.uri.path(),
                &headers,
                &shared_state.in_flight_requests_header_policy,
                supergraph.snapshot.cache_id,
            )
        });
    // For a run the router may follow itself (see `handover`): its variables and the claims
    // forwarded with it.
    let mut followable = None;
    let shared = key.is_some();
    let executed = async {
        let jwt = match &shared_state.jwt_auth_runtime {
            Some(runtime) => match runtime
                .validate_headers(&headers, &shared_state.jwt_claims_cache)
                .await?
            {
                Some(verified) => JwtRequestDetails::Authenticated {
                    scopes: verified.extract_scopes(),
                    claims: verified.get_claims_value()?,
                    token: verified.token_raw,
                    prefix: verified.token_prefix,
                },
                None => JwtRequestDetails::Unauthenticated,
            },
            None => JwtRequestDetails::Unauthenticated,
        };
        jwt.update_request_context(&connection.request_context)?;
        let variables = coerce_request_variables(&supergraph.snapshot, &mut params.variables, &normalized)?;
        if shared {
            followable = Some((
                variables.variables_map.clone(),
                forwarded_claims(shared_state, &jwt),
            ));
        }
        let details = MutableClientRequestDetails {
            method: &Method::POST,
            url: &connection.uri,
            headers: headers.clone(),
            operation: OperationDetails {
                name: normalized.operation_for_plan.name.as_deref(),
                kind: match kind {
                    None | Some(OperationKind::Query) => "query",
                    Some(OperationKind::Mutation) => "mutation",
                    Some(OperationKind::Subscription) => "subscription",
                },
                query: params.get_query()?,
            },
            jwt: jwt.into(),
            path_params: PathParams::default(),
        };
        execute_pipeline(
            details,
            &params,
            &normalized,
            variables,
            &supergraph,
            shared_state,
            &connection.schema_state,
            GraphQLOperationSpan::new(),
            plugin_req_state,
            &connection.request_context,
            ResponseHeaderSink::default(),
            fingerprint,
        )
        .await
    }
    .await;
    let run = leading.run();
    match executed {
        Ok(QueryPlanExecutionResult::Single(output)) => {
            run.answer(Bytes::from(output.body));
            Started::Done
        }
        Ok(QueryPlanExecutionResult::Stream(output)) => {
            let snapshot = supergraph.snapshot.clone();
            let replaced = async move { snapshot.retired().await };
            // Planned and checked by Hive by now: the plan comes from Hive's cache (planned
            // again, under Hive's deadline, only if evicted meanwhile).
            let runtime = &supergraph.runtime;
            let followable = followable.filter(|_| {
                runtime.demand_control_runtime.is_none() && handover::plans_alike(&supergraph.snapshot)
            });
            let follow = match followable {
                Some((variables, claims)) => match plan_operation_with_cache(
                    &supergraph,
                    &connection.schema_state,
                    &normalized,
                    &handover::no_overrides(),
                    &CancellationToken::with_timeout(shared_state.router_config.query_planner.timeout),
                    &None,
                )
                .await
                {
                    Ok(QueryPlanResult::QueryPlan(plan)) => handover::prepare(
                        &connection.upstreams,
                        &supergraph.snapshot,
                        runtime.error_masking.clone(),
                        plan,
                        &normalized,
                        variables,
                        claims,
                    ),
                    _ => None,
                },
                None => None,
            };
            let results = match follow {
                Some(follow) => handover::after_meeting(output.body, follow),
                None => output.body,
            };
            hive_router::ntex::rt::spawn(run.pump(results, replaced));
            Started::Following(membership)
        }
        Err(PipelineError::Client(ClientPipelineError::JwtError(err))) => {
            let code = err.error_code();
            // Hive closes a connection whose token it refused, to be safe with credentials:
            // the leader's, and every joiner's, which carries the same token.
            run.refuse_and_close(
                vec![GraphQLError::from_message_and_code(err.to_string(), code)],
                || CloseCode::Forbidden(code.to_string()),
            );
            Started::Done
        }
        Err(err) => {
            run.refuse(vec![pipeline_error(&err)]);
            Started::Done
        }
    }
}

/// What Hive forwards of the caller's verified claims to subgraphs (`jwt` in the request's
/// extensions, by the router's config), for a run the router follows itself.
fn forwarded_claims(
    shared_state: &RouterSharedState,
    jwt: &JwtRequestDetails,
) -> Option<JwtAuthForwardingPlan> {
    let config = &shared_state.router_config.jwt;
    if !config.is_jwt_extensions_forwarding_enabled() {
        return None;
    }
    let forwarding = &config.forward_claims_to_upstream_extensions;
    jwt.build_forwarding_plan(&forwarding.field_name, forwarding.include_claims.as_deref())
        .ok()
        .flatten()
}

/// The key under which identical subscriptions share a run; `None` when this one must run
/// alone: its token has expired (Hive then runs it as anonymous, and a run that the token's
/// owner started before must not take it in), or cannot be read.
fn shareable_key(
    supergraph: &SupergraphSnapshot,
    operation: &GraphQLNormalizationPayload,
    params: &GraphQLParams,
    headers: &HeaderMap,
) -> Option<RunKey> {
    if !token_lets_join(headers, chrono::Utc::now().timestamp()) {
        return None;
    }
    let mut pairs: Vec<(&str, &[u8])> = headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_bytes()))
        .collect();
    pairs.sort();
    Some(RunKey::new(
        supergraph.cache_id,
        &operation.operation_identity.client_document_hash,
        operation.normalized_operation_hash,
        &canonical(Some(&params.variables)),
        &canonical(params.extensions.as_ref()),
        &pairs,
    ))
}

/// `values` as JSON with their names in order (empty for none).
fn canonical(values: Option<&std::collections::HashMap<String, sonic_rs::Value>>) -> String {
    let sorted: std::collections::BTreeMap<_, _> = values.into_iter().flatten().collect();
    sonic_rs::to_string(&sorted).unwrap_or_default()
}

/// A plugin answered the operation itself (a refusal, as a GraphQL response): that answer,
/// then `complete`.
async fn answered_early(mut response: Response, member: Member) -> Started {
    let mut body = response.take_body();
    let mut text = Vec::new();
    while let Some(chunk) = body.next().await {
        match chunk {
            Ok(chunk) => text.extend_from_slice(&chunk),
            Err(_) => return refused("INTERNAL", "the operation's answer could not be read"),
        }
    }
    let _ = member.outbound.unbounded_send(super::runs::Outbound::Next {
        id: member.id.clone(),
        result: Bytes::from(text),
    });
    let _ = member
        .outbound
        .unbounded_send(super::runs::Outbound::Complete { id: member.id });
    Started::Done
}

fn pipeline_error(err: &PipelineError) -> GraphQLError {
    GraphQLError::from_message_and_extensions(
        err.graphql_error_message(),
        GraphQLErrorExtensions::new_from_code(err.graphql_error_code()),
    )
}

fn pipeline_refusal(err: &PipelineError) -> Started {
    Started::Refused(vec![pipeline_error(err)])
}

fn refused(code: &str, message: &str) -> Started {
    Started::Refused(vec![GraphQLError::from_message_and_extensions(
        message.to_string(),
        GraphQLErrorExtensions::new_from_code(code),
    )])
}

fn synthetic_request(uri: &http::Uri, chosen_supergraph: Option<&SupergraphSnapshot>) -> HttpRequest {
    let request = hive_router::ntex::web::test::TestRequest::with_uri(&uri.to_string())
        .method(Method::POST)
        .to_http_request();
    if let Some(chosen) = chosen_supergraph {
        request.extensions_mut().insert(chosen.clone());
    }
    request
}

/// Headers a client sends with one operation (`extensions.headers`), where the router's
/// config accepts them.
fn headers_from_extensions(
    extensions: Option<&std::collections::HashMap<String, sonic_rs::Value>>,
) -> HeaderMap {
    extensions
        .and_then(|extensions| extensions.get("headers"))
        .and_then(|headers| headers.as_object())
        .map(|headers| header_map(headers.iter()))
        .unwrap_or_default()
}

/// The headers among JSON `fields`: each whose value is a string, number or boolean.
pub fn header_map<'a>(fields: impl IntoIterator<Item = (&'a str, &'a sonic_rs::Value)>) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for (name, value) in fields {
        let Ok(name) = HeaderName::try_from(name) else {
            continue;
        };
        let text = if let Some(text) = value.as_str() {
            text.to_string()
        } else if let Some(flag) = value.as_bool() {
            flag.to_string()
        } else if let Some(number) = value.as_number() {
            number.to_string()
        } else {
            continue;
        };
        if let Ok(value) = HeaderValue::try_from(text) {
            headers.insert(name, value);
        }
    }
    headers
}
