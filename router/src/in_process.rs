//! Embedded mode: Hive plans the operation as usual, and this plugin swaps each subgraph fetch
//! of a query or mutation for a call into the subgraph's async-graphql schema in this process.
//! The subgraphs keep their own tokio runtime; the router's ntex workers hand requests to it.
//! Subscriptions do not pass through this hook in Hive 0.2.5: they keep using the subgraph's
//! loopback WebSocket, which embedded mode also serves.

use crate::context::RouterContext;
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
use vitrine_kit::service::SubgraphService;
use vitrine_kit::sql_tally::SqlTally;

/// The subgraphs of an embedded process, and the runtime their resolvers run on.
pub struct Embedded {
    services: HashMap<String, SubgraphService>,
    runtime: Handle,
}

impl Embedded {
    /// Makes `services` callable in process; `runtime` is where their resolvers run.
    pub fn new(services: Vec<SubgraphService>, runtime: Handle) -> Embedded {
        let services = services.into_iter().map(|s| (s.name.to_string(), s)).collect();
        Embedded { services, runtime }
    }
}

pub struct InProcessPlugin {
    context: Arc<RouterContext>,
}

impl InProcessPlugin {
    fn embedded(&self) -> &Embedded {
        self.context
            .embedded
            .as_ref()
            .expect("enabled only with embedded subgraphs")
    }
}

#[async_trait]
impl RouterPlugin for InProcessPlugin {
    type Config = ();

    fn plugin_name() -> &'static str {
        "vitrine_in_process"
    }

    fn on_plugin_init(payload: OnPluginInitPayload<Self>) -> OnPluginInitResult<Self> {
        let context = RouterContext::current()?;
        if context.embedded.is_none() {
            // Distributed: every subgraph is reached over HTTP.
            return payload.disable_plugin();
        }
        payload.initialize_plugin(InProcessPlugin { context })
    }

    async fn on_subgraph_execute<'exec>(
        &'exec self,
        mut payload: OnSubgraphExecuteStartHookPayload<'exec>,
    ) -> OnSubgraphExecuteStartHookResult<'exec> {
        let embedded = self.embedded();
        if let Some(service) = embedded.services.get(payload.subgraph_name) {
            let over_http = payload.executor.clone();
            payload.executor = Arc::new(Box::new(InProcessExecutor {
                fetches: self
                    .context
                    .system
                    .metrics()
                    .in_process_fetches
                    .with_label_values(&[service.name]),
                service: service.clone(),
                runtime: embedded.runtime.clone(),
                over_http,
            }));
        }
        payload.proceed()
    }
}

struct InProcessExecutor {
    service: SubgraphService,
    fetches: prometheus::IntCounter,
    runtime: Handle,
    /// Hive's own executor for this subgraph, kept for subscriptions.
    over_http: SubgraphExecutorBoxedArc,
}

impl InProcessExecutor {
    fn failure(&self, message: impl ToString) -> SubgraphExecutorError {
        SubgraphExecutorError::ResponseBodyReadFailure(
            self.service.name.to_string(),
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
        self.fetches.inc();
        let body = build_request_body(&execution_request)?;
        let request: async_graphql::Request =
            serde_json::from_slice(&body).map_err(|e| self.failure(format!("bad request body: {e}")))?;
        let work = self.service.execute(request, &execution_request.headers);
        // A client request that keeps a SQL tally (see ops.rs) counts this fetch's statements.
        let tally = plugin_req_state.and_then(|state| state.context.get_ref::<SqlTally>().map(|t| t.clone()));
        let run = match tally {
            Some(tally) => self.runtime.spawn(tally.scope(work)),
            None => self.runtime.spawn(work),
        };
        let response = match timeout {
            Some(limit) => tokio::time::timeout(limit, run).await?,
            None => run.await,
        }
        .map_err(|e| self.failure(format!("subgraph task failed: {e}")))?;
        let bytes = serde_json::to_vec(&response).map_err(|e| self.failure(e))?;
        SubgraphResponse::deserialize_from_bytes(Bytes::from(bytes), execution_request.custom_scalar_paths)
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
