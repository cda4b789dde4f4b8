//! A system's Prometheus registry. Each subgraph process (and the embedded process) serves it
//! at `/metrics`. Owned by [`crate::system::System`], so two systems in one process (tests) keep
//! their own counts.

use prometheus::{Encoder, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry, TextEncoder};

pub struct Metrics {
    registry: Registry,
    /// SQL statements sent through a [`crate::db::Db`], by subgraph.
    pub sql_queries: IntCounterVec,
    /// GraphQL requests a subgraph received over HTTP (WebSocket upgrades included).
    pub subgraph_http_requests: IntCounterVec,
    /// Subscription WebSockets open at a subgraph (a router keeps one per subgraph for all its
    /// clients).
    pub subscription_sockets: IntGaugeVec,
    /// Subgraph fetches the embedded router ran in process, without HTTP.
    pub in_process_fetches: IntCounterVec,
    /// In-process query fetches stopped because nobody waited for them any more.
    pub in_process_abandoned: IntCounterVec,
    /// In-process query fetches that joined an identical one in flight instead of running.
    pub in_process_shared: IntCounterVec,
    /// Requests the router refused for a rate limit, by `limit` (address, caller) and whether
    /// the refusal was `held` until the client could have been served.
    pub rate_limited: IntCounterVec,
    /// WebSockets the router closed because their client read nothing while results piled up.
    pub websockets_closed_unread: IntCounter,
    /// Subscription streams (SSE, multipart) the router closed because their client took none
    /// of their results for a while.
    pub streams_closed_stalled: IntCounter,
    /// Router fetches sent again to another instance of the subgraph (see the router's
    /// `registry_route`).
    pub subgraph_retries: IntCounterVec,
    /// Router query fetches to registry instances that joined an identical one in flight.
    pub registry_shared: IntCounterVec,
    /// Router fetches that found no live instance of their subgraph and waited for one to join.
    pub registry_waits: IntCounterVec,
    /// Queries the router answered with an identical one's response, in flight at the same
    /// time (its inbound deduplication, `vitrine_dedupe`).
    pub requests_shared: IntCounter,
    /// Orders delivered against the time checkout promised, by `outcome` (kept, late).
    pub delivery_promises: IntCounterVec,
    /// Subscription runs in a router that identical subscriptions may join (see the router's
    /// `live_socket`).
    pub shared_subscription_runs: IntGauge,
    /// Subscriptions a router added to an identical one's run instead of starting their own.
    pub subscriptions_joined: IntCounter,
    /// Subscription runs a router follows over its own connection to the subgraph, and how
    /// many runs moved there from Hive's (see the router's `live_socket::upstream`).
    pub upstream_subscriptions: IntGauge,
    pub subscriptions_handed_over: IntCounter,
}

impl Metrics {
    pub fn new() -> Metrics {
        let registry = Registry::new();
        let counter = |name: &str, help: &str| {
            registered(
                &registry,
                IntCounterVec::new(Opts::new(name, help), &["subgraph"]),
            )
        };
        Metrics {
            sql_queries: counter("vitrine_sql_queries_total", "SQL statements sent to the database"),
            subgraph_http_requests: counter(
                "vitrine_subgraph_http_requests_total",
                "GraphQL requests received over HTTP",
            ),
            subscription_sockets: registered(
                &registry,
                IntGaugeVec::new(
                    Opts::new(
                        "vitrine_subscription_sockets",
                        "Subscription WebSockets open at the subgraph",
                    ),
                    &["subgraph"],
                ),
            ),
            in_process_fetches: counter(
                "vitrine_in_process_fetches_total",
                "Subgraph fetches executed in process",
            ),
            in_process_abandoned: counter(
                "vitrine_in_process_abandoned_total",
                "In-process query fetches stopped: the client left or the deadline passed",
            ),
            in_process_shared: counter(
                "vitrine_in_process_shared_total",
                "In-process query fetches answered by an identical one in flight",
            ),
            subgraph_retries: counter(
                "vitrine_subgraph_retries_total",
                "Router fetches retried on another instance of the subgraph",
            ),
            registry_shared: counter(
                "vitrine_registry_shared_total",
                "Router query fetches to registry instances answered by an identical one in flight",
            ),
            registry_waits: counter(
                "vitrine_registry_waits_total",
                "Router fetches that found no live instance and waited for one to join",
            ),
            requests_shared: registered(
                &registry,
                IntCounter::new(
                    "vitrine_requests_shared_total",
                    "Queries answered with the response of an identical one in flight",
                ),
            ),
            delivery_promises: registered(
                &registry,
                IntCounterVec::new(
                    Opts::new(
                        "vitrine_delivery_promises_total",
                        "Orders delivered by (kept) or after (late) the time promised at checkout",
                    ),
                    &["outcome"],
                ),
            ),
            rate_limited: registered(
                &registry,
                IntCounterVec::new(
                    Opts::new("vitrine_rate_limited_total", "Requests refused for a rate limit"),
                    &["limit", "held"],
                ),
            ),
            websockets_closed_unread: registered(
                &registry,
                IntCounter::new(
                    "vitrine_websockets_closed_unread_total",
                    "WebSockets closed because their client read nothing while results piled up",
                ),
            ),
            streams_closed_stalled: registered(
                &registry,
                IntCounter::new(
                    "vitrine_streams_closed_stalled_total",
                    "Subscription streams closed because their client took none of their results for a while",
                ),
            ),
            shared_subscription_runs: registered(
                &registry,
                IntGauge::new(
                    "vitrine_router_shared_subscription_runs",
                    "Subscription runs in the router that identical subscriptions may join",
                ),
            ),
            subscriptions_joined: registered(
                &registry,
                IntCounter::new(
                    "vitrine_router_subscriptions_joined_total",
                    "Subscriptions that joined an identical one's run in the router",
                ),
            ),
            upstream_subscriptions: registered(
                &registry,
                IntGauge::new(
                    "vitrine_router_upstream_subscriptions",
                    "Subscription runs the router follows over its own connection to the subgraph",
                ),
            ),
            subscriptions_handed_over: registered(
                &registry,
                IntCounter::new(
                    "vitrine_router_subscriptions_handed_over_total",
                    "Subscription runs moved from Hive's subgraph subscription to the router's own",
                ),
            ),
            registry,
        }
    }

    /// Counts an order delivered by (`kept`) or after the time checkout promised.
    pub fn delivery_promise(&self, kept: bool) {
        let outcome = if kept { "kept" } else { "late" };
        self.delivery_promises.with_label_values(&[outcome]).inc();
    }

    /// Adds a gauge kept elsewhere (e.g. the event bus's open live subscriptions).
    pub fn register_gauge(&self, gauge: &IntGauge) {
        self.register_collector(Box::new(gauge.clone()));
    }

    /// Adds a counter kept elsewhere (e.g. the event bus's live reads).
    pub fn register_counters(&self, counters: &IntCounterVec) {
        self.register_collector(Box::new(counters.clone()));
    }

    /// Adds any other collector kept elsewhere (e.g. the live settings' gauge).
    pub fn register_collector(&self, collector: Box<dyn prometheus::core::Collector>) {
        self.registry.register(collector).expect("metric registered once");
    }

    /// The registry in Prometheus' text format.
    pub fn render(&self) -> String {
        let mut buf = Vec::new();
        let _ = TextEncoder::new().encode(&self.registry.gather(), &mut buf);
        String::from_utf8(buf).unwrap_or_default()
    }
}

/// `metric`, registered in `registry`: a bad definition or a second registration is a bug.
fn registered<M>(registry: &Registry, metric: prometheus::Result<M>) -> M
where
    M: prometheus::core::Collector + Clone + 'static,
{
    let metric = metric.expect("valid metric definition");
    registry
        .register(Box::new(metric.clone()))
        .expect("metric registered once");
    metric
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}
