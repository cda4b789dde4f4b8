//! Distributed mode with the NATS registry: each subgraph fetch goes to a live instance of the
//! subgraph, in turn, instead of the supergraph's one URL. A fetch whose instance refused the
//! connection (the request never arrived), or a query's fetch that failed in transit (safe to
//! repeat: Hive marks those `dedupe`), is sent once more to another instance; a mutation whose
//! request may have arrived is not. Subgraphs with a fixed URL (`VITRINE_<NAME>_URL`) keep
//! Hive's own executor, and so do subscriptions (they do not pass through this hook in Hive
//! 0.2.5).

use crate::context::RouterContext;
use crate::in_flight::{Fetch, FetchKey, InFlight};
use crate::self_compose::CompositionState;
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
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;
use tokio::runtime::Handle;
use vitrine_kit::identity::IDENTITY_HEADER;
use vitrine_kit::registry::{Instance, RegistryView, JOIN_WAIT};

/// The registry as the router uses it.
pub struct RegistryRoutes {
    view: Arc<RegistryView>,
    /// Identical query fetches in flight, shared.
    in_flight: Arc<InFlight>,
    /// A router composing its own supergraph: which SDL each subgraph has in the one in use.
    composition: Option<Arc<CompositionState>>,
    /// Subgraphs with a fixed URL: Hive's executor reaches them.
    fixed: HashSet<String>,
    /// The runtime the view follows the bucket on; the HTTP calls run there too.
    runtime: Handle,
    http: reqwest::Client,
}

impl RegistryRoutes {
    pub fn new(
        view: Arc<RegistryView>,
        fixed: HashSet<String>,
        runtime: Handle,
        composition: Option<Arc<CompositionState>>,
    ) -> RegistryRoutes {
        RegistryRoutes {
            view,
            in_flight: Arc::default(),
            composition,
            fixed,
            runtime,
            http: reqwest::Client::new(),
        }
    }
}

pub struct RegistryRoutePlugin {
    context: Arc<RouterContext>,
}

#[async_trait]
impl RouterPlugin for RegistryRoutePlugin {
    type Config = ();

    fn plugin_name() -> &'static str {
        "vitrine_registry"
    }

    fn on_plugin_init(payload: OnPluginInitPayload<Self>) -> OnPluginInitResult<Self> {
        let context = RouterContext::current()?;
        if context.registry.is_none() {
            // Embedded, or no NATS: the supergraph's URLs (or their overrides) it is.
            return payload.disable_plugin();
        }
        payload.initialize_plugin(RegistryRoutePlugin { context })
    }

    async fn on_subgraph_execute<'exec>(
        &'exec self,
        mut payload: OnSubgraphExecuteStartHookPayload<'exec>,
    ) -> OnSubgraphExecuteStartHookResult<'exec> {
        let Some(routes) = self.context.registry.as_ref() else {
            return payload.proceed();
        };
        if !routes.fixed.contains(payload.subgraph_name) {
            payload.executor = Arc::new(Box::new(RegistryExecutor {
                spread: Spread {
                    subgraph: payload.subgraph_name.to_string(),
                    view: routes.view.clone(),
                    in_flight: routes.in_flight.clone(),
                    composition: routes.composition.clone(),
                    shared: self
                        .context
                        .system
                        .metrics()
                        .registry_shared
                        .with_label_values(&[payload.subgraph_name]),
                    runtime: routes.runtime.clone(),
                    http: routes.http.clone(),
                    retries: self
                        .context
                        .system
                        .metrics()
                        .subgraph_retries
                        .with_label_values(&[payload.subgraph_name]),
                    waits: self
                        .context
                        .system
                        .metrics()
                        .registry_waits
                        .with_label_values(&[payload.subgraph_name]),
                },
                hive: payload.executor.clone(),
            }));
        }
        payload.proceed()
    }
}

struct RegistryExecutor {
    spread: Spread,
    /// Hive's own executor for this subgraph, kept for subscriptions.
    hive: SubgraphExecutorBoxedArc,
}

/// How one subgraph's fetches go out: to a live instance in turn, once more elsewhere when
/// that is safe; an identical query fetch in flight is joined instead.
#[derive(Clone)]
struct Spread {
    subgraph: String,
    view: Arc<RegistryView>,
    in_flight: Arc<InFlight>,
    /// Instances serving the supergraph's schema of this subgraph go first (rolling upgrades).
    composition: Option<Arc<CompositionState>>,
    /// Fetches that joined an identical one in flight.
    shared: prometheus::IntCounter,
    runtime: Handle,
    http: reqwest::Client,
    retries: prometheus::IntCounter,
    /// Fetches that waited for an instance to join.
    waits: prometheus::IntCounter,
}

/// How one attempt failed.
enum Failure {
    /// The connection was refused: the request never arrived.
    Refused(String),
    /// Anything else in transit: it may have arrived.
    Transit(String),
}

impl Spread {
    /// Sends `body` (see [`Spread::send`]), or joins the identical query fetch in flight.
    async fn fetch(
        &self,
        headers: &HeaderMap,
        body: Bytes,
        safe_to_repeat: bool,
    ) -> Result<Bytes, SubgraphExecutorError> {
        if !safe_to_repeat {
            return self.send(headers, body, false).await;
        }
        let identity = headers
            .get(IDENTITY_HEADER)
            .map_or(&b""[..], |value| value.as_bytes());
        let key = FetchKey::new(self.subgraph.clone(), identity, body.clone());
        let start = || -> Fetch {
            let (spread, headers) = (self.clone(), headers.clone());
            Box::pin(async move { spread.send(&headers, body, true).await.map_err(|e| e.to_string()) })
        };
        let (shared, joined) = self.in_flight.join_or_start(key, start);
        if joined {
            self.shared.inc();
        }
        shared.await.map_err(|e| self.failure(e))
    }

    fn failure(&self, message: impl ToString) -> SubgraphExecutorError {
        SubgraphExecutorError::ResponseBodyReadFailure(
            self.subgraph.clone(),
            message.to_string(),
            Arc::new(HeaderMap::new()),
        )
    }

    /// One POST to `instance`, on the registry's runtime (the router's workers run ntex).
    async fn attempt(
        &self,
        instance: &Instance,
        headers: &HeaderMap,
        body: &Bytes,
    ) -> Result<Bytes, Failure> {
        let request = self
            .http
            .post(&instance.url)
            .headers(headers.clone())
            .header(http::header::CONTENT_TYPE, "application/json")
            .header(http::header::ACCEPT, "application/json")
            .body(body.clone());
        let answer = self
            .runtime
            .spawn(async move {
                let response = request.send().await?;
                response.error_for_status()?.bytes().await
            })
            .await
            .map_err(|e| Failure::Transit(format!("request task failed: {e}")))?;
        answer.map_err(|e| {
            if e.is_connect() {
                Failure::Refused(e.to_string())
            } else {
                Failure::Transit(e.to_string())
            }
        })
    }

    async fn send(
        &self,
        headers: &HeaderMap,
        body: Bytes,
        safe_to_repeat: bool,
    ) -> Result<Bytes, SubgraphExecutorError> {
        // Planned on the supergraph in use: its instances of this subgraph's schema first.
        let schema = self
            .composition
            .as_ref()
            .and_then(|composition| composition.sdl_hash_in_use(&self.subgraph));
        let first = match self.view.pick_serving(&self.subgraph, None, schema.as_deref()) {
            Some(instance) => instance,
            None => {
                self.waits.inc();
                self.view
                    .pick_within(&self.subgraph, None, schema.as_deref(), JOIN_WAIT)
                    .await
                    .ok_or_else(|| self.failure("no live instance registered"))?
            }
        };
        let cause = match self.attempt(&first, headers, &body).await {
            Ok(bytes) => return Ok(bytes),
            Err(Failure::Refused(cause)) => {
                self.view.mark_down(&first.instance_id);
                cause
            }
            Err(Failure::Transit(cause)) if safe_to_repeat => cause,
            Err(Failure::Transit(cause)) => return Err(self.failure(cause)),
        };
        let Some(other) = self
            .view
            .pick_serving(&self.subgraph, Some(&first.instance_id), schema.as_deref())
        else {
            return Err(self.failure(cause));
        };
        tracing::warn!(
            subgraph = self.subgraph,
            url = first.url,
            error = cause,
            "retrying on another instance"
        );
        self.retries.inc();
        self.attempt(&other, headers, &body).await.map_err(|failure| {
            let cause = match failure {
                Failure::Refused(cause) => {
                    self.view.mark_down(&other.instance_id);
                    cause
                }
                Failure::Transit(cause) => cause,
            };
            self.failure(cause)
        })
    }
}

#[async_trait]
impl SubgraphExecutor for RegistryExecutor {
    fn executor_name(&self) -> &str {
        "vitrine_registry"
    }

    fn endpoint(&self) -> &Uri {
        self.hive.endpoint()
    }

    async fn execute<'a>(
        &self,
        execution_request: SubgraphExecutionRequest<'a>,
        timeout: Option<Duration>,
        _plugin_req_state: Option<&'a PluginRequestState<'a>>,
    ) -> Result<SubgraphResponse<'static>, SubgraphExecutorError> {
        let body = Bytes::from(build_request_body(&execution_request)?);
        let sent = self
            .spread
            .fetch(&execution_request.headers, body, execution_request.dedupe);
        let bytes = match timeout {
            Some(limit) => tokio::time::timeout(limit, sent).await?,
            None => sent.await,
        }?;
        SubgraphResponse::deserialize_from_bytes(bytes, execution_request.custom_scalar_paths)
    }

    async fn subscribe<'a>(
        &self,
        execution_request: SubgraphExecutionRequest<'a>,
        timeout: Option<Duration>,
    ) -> Result<
        BoxStream<'static, Result<SubgraphResponse<'static>, SubgraphExecutorError>>,
        SubgraphExecutorError,
    > {
        self.hive.subscribe(execution_request, timeout).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;
    use vitrine_kit::registry::InstanceRecord;

    /// How a test instance treats a request.
    #[derive(Clone, Copy)]
    enum Behaviour {
        /// Reads it and answers.
        Answers,
        /// Reads it and answers 200 ms later.
        AnswersSlowly,
        /// Reads it, then hangs up without a word: it may have run.
        HangsUp,
    }

    /// An instance on a free port; counts the requests it read.
    async fn instance(behaviour: Behaviour) -> (String, Arc<AtomicUsize>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/graphql", listener.local_addr().unwrap());
        let read = Arc::new(AtomicUsize::new(0));
        let counted = read.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let counted = counted.clone();
                tokio::spawn(async move {
                    let mut buffer = vec![0u8; 8192];
                    let mut received = Vec::new();
                    // The request is small: its head and body come in one or two reads.
                    while !received.ends_with(b"}") {
                        match socket.read(&mut buffer).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => received.extend_from_slice(&buffer[..n]),
                        }
                    }
                    counted.fetch_add(1, Ordering::SeqCst);
                    if let Behaviour::AnswersSlowly = behaviour {
                        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                    }
                    if let Behaviour::Answers | Behaviour::AnswersSlowly = behaviour {
                        let body = r#"{"data":{"ok":true}}"#;
                        let reply = format!(
                            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                            body.len()
                        );
                        let _ = socket.write_all(reply.as_bytes()).await;
                    }
                });
            }
        });
        (url, read)
    }

    /// A URL nobody listens on: connections are refused.
    async fn refusing() -> String {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/graphql", listener.local_addr().unwrap());
        drop(listener);
        url
    }

    /// Two catalog instances, `a` first in turn.
    fn spread(a: &str, b: &str) -> Spread {
        let record = |id: &str, url: &str| InstanceRecord {
            instance_id: id.to_string(),
            ..InstanceRecord::new("catalog", url, String::new(), "test")
        };
        Spread {
            subgraph: "catalog".into(),
            view: Arc::new(RegistryView::of(vec![record("a", a), record("b", b)])),
            in_flight: Arc::default(),
            composition: None,
            shared: prometheus::IntCounter::new("shared", "shared").unwrap(),
            runtime: Handle::current(),
            http: reqwest::Client::new(),
            retries: prometheus::IntCounter::new("retries", "retries").unwrap(),
            waits: prometheus::IntCounter::new("waits", "waits").unwrap(),
        }
    }

    const BODY: &str = r#"{"query":"mutation { addToCart }"}"#;

    async fn send(spread: &Spread, safe_to_repeat: bool) -> Result<Bytes, SubgraphExecutorError> {
        spread
            .send(
                &HeaderMap::new(),
                Bytes::from_static(BODY.as_bytes()),
                safe_to_repeat,
            )
            .await
    }

    #[tokio::test]
    async fn a_mutation_that_may_have_run_is_not_sent_again() {
        let (hangs_up, first) = instance(Behaviour::HangsUp).await;
        let (answers, second) = instance(Behaviour::Answers).await;
        let spread = spread(&hangs_up, &answers);
        assert!(send(&spread, false).await.is_err());
        assert_eq!(first.load(Ordering::SeqCst), 1);
        assert_eq!(second.load(Ordering::SeqCst), 0, "it ran once at most");
        assert_eq!(spread.retries.get(), 0);
    }

    #[tokio::test]
    async fn a_query_that_failed_in_transit_is_sent_once_more_elsewhere() {
        let (hangs_up, first) = instance(Behaviour::HangsUp).await;
        let (answers, second) = instance(Behaviour::Answers).await;
        let spread = spread(&hangs_up, &answers);
        let answer = send(&spread, true).await.expect("answered by the other");
        assert_eq!(&answer[..], br#"{"data":{"ok":true}}"#);
        assert_eq!(
            (first.load(Ordering::SeqCst), second.load(Ordering::SeqCst)),
            (1, 1)
        );
        assert_eq!(spread.retries.get(), 1);
    }

    #[tokio::test]
    async fn a_refused_connection_is_safe_to_retry_even_for_a_mutation_and_is_passed_over() {
        let (answers, reached) = instance(Behaviour::Answers).await;
        let spread = spread(&refusing().await, &answers);
        send(&spread, false).await.expect("answered by the other");
        assert_eq!(reached.load(Ordering::SeqCst), 1);
        assert_eq!(spread.retries.get(), 1);
        // Marked down: the next fetches go straight to the live one, no retry needed.
        for _ in 0..3 {
            send(&spread, false).await.unwrap();
        }
        assert_eq!(reached.load(Ordering::SeqCst), 4);
        assert_eq!(spread.retries.get(), 1);
    }

    #[tokio::test]
    async fn identical_queries_in_flight_share_one_fetch_but_callers_and_mutations_do_not() {
        let (slow, reached) = instance(Behaviour::AnswersSlowly).await;
        let spread = spread(&slow, &slow);
        let as_caller = |identity: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(IDENTITY_HEADER, identity.parse().unwrap());
            headers
        };
        let (alice, bob) = (as_caller("alice"), as_caller("bob"));
        let body = || Bytes::from_static(b"{\"query\":\"{ products { id } }\"}");
        let (a, b, c) = tokio::join!(
            spread.fetch(&alice, body(), true),
            spread.fetch(&alice, body(), true),
            spread.fetch(&bob, body(), true),
        );
        assert_eq!(a.unwrap(), b.unwrap());
        c.unwrap();
        assert_eq!(
            reached.load(Ordering::SeqCst),
            2,
            "alice's two share, bob's is his own"
        );
        assert_eq!(spread.shared.get(), 1);
        let (d, e) = tokio::join!(
            spread.fetch(&alice, body(), false),
            spread.fetch(&alice, body(), false),
        );
        d.unwrap();
        e.unwrap();
        assert_eq!(reached.load(Ordering::SeqCst), 4, "mutations each run");
    }
}
