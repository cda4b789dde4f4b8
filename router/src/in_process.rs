//! Embedded mode: Hive plans the operation as usual, and this plugin swaps each subgraph fetch
//! of a query or mutation for a call into the subgraph's async-graphql schema in this process.
//! The subgraphs keep their own tokio runtime; the router's ntex workers hand requests to it.
//! Subscriptions do not pass through this hook in Hive 0.2.5: they keep using the subgraph's
//! loopback WebSocket, which embedded mode also serves.

use crate::context::RouterContext;
use crate::in_flight::{Fetch, FetchKey, InFlight};
use async_trait::async_trait;
use bytes::Bytes;
use futures::stream::BoxStream;
use hive_router::executor::executors::common::{
    SubgraphExecutionRequest, SubgraphExecutor, SubgraphExecutorBoxedArc,
};
use hive_router::executor::executors::error::SubgraphExecutorError;
use hive_router::executor::executors::http::build_request_body;
use hive_router::executor::hooks::on_plugin_init::{OnPluginInitPayload, OnPluginInitResult};
use hive_router::executor::hooks::on_subgraph_execute::{
    OnSubgraphExecuteStartHookPayload, OnSubgraphExecuteStartHookResult,
};
use hive_router::executor::plugin_context::PluginRequestState;
use hive_router::executor::plugin_trait::{RouterPlugin, StartHookPayload};
use hive_router::executor::response::subgraph_response::SubgraphResponse;
use http::{HeaderMap, Uri};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::runtime::Handle;
use vitrine_kit::identity::IDENTITY_HEADER;
use vitrine_kit::service::SubgraphService;
use vitrine_kit::sql_tally::SqlTally;

/// The subgraphs of an embedded process, and the runtime their resolvers run on.
pub struct Embedded {
    services: HashMap<String, SubgraphService>,
    runtime: Handle,
    in_flight: Arc<InFlight<Answer>>,
}

/// A subgraph's answer, shared by the identical fetches that wait for it.
type Answer = Arc<async_graphql::Response>;

impl Embedded {
    /// Makes `services` callable in process; `runtime` is where their resolvers run.
    pub fn new(services: Vec<SubgraphService>, runtime: Handle) -> Embedded {
        let services = services.into_iter().map(|s| (s.name.to_string(), s)).collect();
        Embedded {
            services,
            runtime,
            in_flight: Arc::default(),
        }
    }
}

pub struct InProcessPlugin {
    /// Each embedded subgraph with its counters, made once: a fetch's executor only takes
    /// references to them (cloning a subgraph service copies its SDL, 10 KB a fetch).
    subgraphs: HashMap<String, Arc<InProcessSubgraph>>,
    runtime: Handle,
    in_flight: Arc<InFlight<Answer>>,
}

/// An embedded subgraph and the counters of its in-process fetches.
struct InProcessSubgraph {
    service: SubgraphService,
    fetches: prometheus::IntCounter,
    abandoned: prometheus::IntCounter,
    shared: prometheus::IntCounter,
}

#[async_trait]
impl RouterPlugin for InProcessPlugin {
    type Config = ();

    fn plugin_name() -> &'static str {
        "vitrine_in_process"
    }

    fn on_plugin_init(payload: OnPluginInitPayload<Self>) -> OnPluginInitResult<Self> {
        let context = RouterContext::current()?;
        let Some(embedded) = context.embedded.as_ref() else {
            // Distributed: every subgraph is reached over HTTP.
            return payload.disable_plugin();
        };
        let metrics = context.system.metrics();
        let subgraphs = embedded
            .services
            .iter()
            .map(|(name, service)| {
                let labels = &[service.name];
                let subgraph = InProcessSubgraph {
                    service: service.clone(),
                    fetches: metrics.in_process_fetches.with_label_values(labels),
                    abandoned: metrics.in_process_abandoned.with_label_values(labels),
                    shared: metrics.in_process_shared.with_label_values(labels),
                };
                (name.clone(), Arc::new(subgraph))
            })
            .collect();
        payload.initialize_plugin(InProcessPlugin {
            subgraphs,
            runtime: embedded.runtime.clone(),
            in_flight: embedded.in_flight.clone(),
        })
    }

    async fn on_subgraph_execute<'exec>(
        &'exec self,
        mut payload: OnSubgraphExecuteStartHookPayload<'exec>,
    ) -> OnSubgraphExecuteStartHookResult<'exec> {
        if let Some(subgraph) = self.subgraphs.get(payload.subgraph_name) {
            let over_http = payload.executor.clone();
            payload.executor = Arc::new(Box::new(InProcessExecutor {
                subgraph: subgraph.clone(),
                runtime: self.runtime.clone(),
                in_flight: self.in_flight.clone(),
                over_http,
            }));
        }
        payload.proceed()
    }
}

struct InProcessExecutor {
    subgraph: Arc<InProcessSubgraph>,
    in_flight: Arc<InFlight<Answer>>,
    runtime: Handle,
    /// Hive's own executor for this subgraph, kept for subscriptions.
    over_http: SubgraphExecutorBoxedArc,
}

impl InProcessExecutor {
    fn failure(&self, message: impl ToString) -> SubgraphExecutorError {
        SubgraphExecutorError::ResponseBodyReadFailure(
            self.subgraph.service.name.to_string(),
            message.to_string(),
            Arc::new(HeaderMap::new()),
        )
    }
}

#[async_trait]
impl SubgraphExecutor for InProcessExecutor {
    fn executor_name(&self) -> &str {
        "vitrine_in_process"
    }

    fn endpoint(&self) -> &Uri {
        self.over_http.endpoint()
    }

    async fn execute<'a>(
        &self,
        execution_request: SubgraphExecutionRequest<'a>,
        timeout: Option<Duration>,
        plugin_req_state: Option<&'a PluginRequestState<'a>>,
    ) -> Result<SubgraphResponse<'static>, SubgraphExecutorError> {
        // The same JSON body Hive would POST, so in-process and HTTP runs see identical requests.
        self.subgraph.fetches.inc();
        let body = build_request_body(&execution_request)?;
        let request: async_graphql::Request =
            serde_json::from_slice(&body).map_err(|e| self.failure(format!("bad request body: {e}")))?;
        // A client request that keeps a SQL tally (see ops.rs) counts this fetch's statements.
        let tally = plugin_req_state.and_then(|state| state.context.get_ref::<SqlTally>().map(|t| t.clone()));
        // A request counting its statements runs its own fetches: a shared one would be
        // counted only by whoever started it.
        let counting = tally.is_some();
        let fetch = || -> Fetch<Answer> {
            let work = self.subgraph.service.execute(request, &execution_request.headers);
            let work: futures::future::BoxFuture<'static, async_graphql::Response> = match tally {
                Some(tally) => Box::pin(tally.scope(work)),
                None => work,
            };
            // Hive marks the fetches of queries as safe to share (`dedupe`): only those are
            // abandoned when nobody waits for them any more.
            let abandon_when_dropped = execution_request.dedupe.then(|| self.subgraph.abandoned.clone());
            let run = run_on(self.runtime.clone(), work, abandon_when_dropped);
            Box::pin(async move {
                let response = run.await.map_err(|e| format!("subgraph task failed: {e}"))?;
                Ok(Arc::new(response))
            })
        };
        let answer = if execution_request.dedupe && !counting {
            let identity = execution_request
                .headers
                .get(IDENTITY_HEADER)
                .map_or(&b""[..], |value| value.as_bytes());
            let key = FetchKey::new(self.subgraph.service.name, identity, body);
            let (shared, joined) = self.in_flight.join_or_start(key, fetch);
            if joined {
                self.subgraph.shared.inc();
            }
            Box::pin(shared)
        } else {
            fetch()
        };
        let response = match timeout {
            Some(limit) => tokio::time::timeout(limit, answer).await?,
            None => answer.await,
        }
        .map_err(|e| self.failure(e))?;
        let custom_scalars = execution_request.custom_scalar_paths;
        if let Some(direct) = crate::hive_value::subgraph_response(&response, custom_scalars) {
            return Ok(direct);
        }
        let bytes = serde_json::to_vec(&*response)
            .map(Bytes::from)
            .map_err(|e| self.failure(e))?;
        SubgraphResponse::deserialize_from_bytes(bytes, custom_scalars)
    }

    async fn subscribe<'a>(
        &self,
        execution_request: SubgraphExecutionRequest<'a>,
        timeout: Option<Duration>,
    ) -> Result<
        BoxStream<'static, Result<SubgraphResponse<'static>, SubgraphExecutorError>>,
        SubgraphExecutorError,
    > {
        self.over_http.subscribe(execution_request, timeout).await
    }
}

/// Runs `work` on `runtime` (the subgraphs' own). With `abandon_when_dropped` (a counter of
/// abandoned fetches), dropping the
/// returned future (the client hung up, the deadline passed) stops the work as well, so a
/// query nobody reads holds no worker and no connection. A mutation's work runs to its end
/// whatever the client does: its outcome should not depend on the client's patience.
async fn run_on<T: Send + 'static>(
    runtime: Handle,
    work: impl std::future::Future<Output = T> + Send + 'static,
    abandon_when_dropped: Option<prometheus::IntCounter>,
) -> Result<T, tokio::task::JoinError> {
    let task = runtime.spawn(work);
    let _abandon = abandon_when_dropped.map(|counted| AbortOnDrop(task.abort_handle(), counted));
    task.await
}

/// Stops the task when dropped before it finished, and counts it.
struct AbortOnDrop(tokio::task::AbortHandle, prometheus::IntCounter);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if !self.0.is_finished() {
            self.0.abort();
            self.1.inc();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::run_on;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    /// Work that would finish 100 ms from now, and whether it did.
    fn slow_work() -> (
        Arc<AtomicBool>,
        impl std::future::Future<Output = ()> + Send + 'static,
    ) {
        let finished = Arc::new(AtomicBool::new(false));
        let flag = finished.clone();
        (finished, async move {
            tokio::time::sleep(Duration::from_millis(100)).await;
            flag.store(true, Ordering::SeqCst);
        })
    }

    // Paused time: the 300 ms below pass at once and exactly, so "not finished" is no race.
    #[tokio::test(start_paused = true)]
    async fn a_query_nobody_waits_for_stops_and_a_mutation_goes_on() {
        let runtime = tokio::runtime::Handle::current();
        let (query_finished, query) = slow_work();
        let (mutation_finished, mutation) = slow_work();
        // The caller gives up after 10 ms (a client that hung up, a deadline).
        let gave_up = Duration::from_millis(10);
        let abandoned = prometheus::IntCounter::new("abandoned", "test").unwrap();
        let query = run_on(runtime.clone(), query, Some(abandoned.clone()));
        assert!(tokio::time::timeout(gave_up, query).await.is_err());
        let mutation = run_on(runtime.clone(), mutation, None);
        assert!(tokio::time::timeout(gave_up, mutation).await.is_err());
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(
            !query_finished.load(Ordering::SeqCst),
            "the abandoned query was stopped"
        );
        assert!(
            mutation_finished.load(Ordering::SeqCst),
            "the mutation ran to its end"
        );
        assert_eq!(abandoned.get(), 1, "counted");
    }
}
