use serde_json::{json, Value};
use std::collections::HashMap;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

const BIN: &str = env!("CARGO_BIN_EXE_vitrine");
/// Asks the embedded router for a request's SQL statement counts, and carries them back.
const SQL_STATEMENTS: &str = vitrine_router::ops::SQL_STATEMENTS_HEADER;
/// In start order: a subgraph starts after the peers it calls, so it can be told their URLs.
pub const SUBGRAPHS: &[&str] = &[
    "accounts",
    "catalog",
    "shops",
    "inventory",
    "cart",
    "payments",
    "orders",
    "kitchen",
    "delivery",
    "notifications",
];

/// A running Vitrine: its processes die with this value.
pub struct TestSystem {
    pub router_url: String,
    /// Where `/metrics` with each subgraph's SQL counter is served.
    metrics_urls: Vec<String>,
    /// Each subgraph's own `/graphql` endpoint (split systems only).
    pub subgraph_urls: HashMap<String, String>,
    processes: Vec<Child>,
    http: reqwest::Client,
    database_url: Option<String>,
    data_dir: tempfile::TempDir,
    /// Split systems: each subgraph's port, index in `processes` and environment, to restart it.
    split: HashMap<String, SplitProcess>,
    /// Split systems: how the router was started, to restart it.
    router: Option<RouterProcess>,
    /// Split systems: their NATS namespace (events stream, registry bucket).
    pub namespace: Option<String>,
    /// Split systems: held while they run, so a test that wants the machine to itself waits.
    _split_running: Option<MachineShare>,
}

/// Split systems (a dozen processes each) run side by side, but not beside a test that loads
/// the machine on its own: next to a split system starting up, 200 concurrent checkouts on two
/// cores ran past the router's 30 s subgraph timeout.
static MACHINE: RwLock<()> = RwLock::const_new(());

/// How a split system holds the machine: beside other split systems, or alone.
#[allow(dead_code)] // held for its drop only
enum MachineShare {
    Shared(RwLockReadGuard<'static, ()>),
    Alone(RwLockWriteGuard<'static, ()>),
}

/// Waits until no split system runs and keeps new ones from starting while the guard lives.
pub async fn machine_to_itself() -> RwLockWriteGuard<'static, ()> {
    MACHINE.write().await
}

/// How a split system's subgraphs find each other.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Peering {
    /// `VITRINE_<NAME>_URL` for each peer started before them, and all of them for the router.
    Urls,
    /// The NATS registry only, for subgraphs and router.
    Registry,
    /// [`Peering::Registry`], with the machine to itself (no other split system beside it).
    RegistryAlone,
}

struct RouterProcess {
    port: u16,
    /// `None`: the router composes its own from the registry (`--registry`).
    supergraph: Option<std::path::PathBuf>,
    env: Vec<(String, String)>,
}

struct SplitProcess {
    port: u16,
    index: usize,
    env: Vec<(String, String)>,
}

/// The NATS server split systems use: `VITRINE_TEST_NATS_URL`, else the local one.
pub fn test_nats_url() -> String {
    std::env::var("VITRINE_TEST_NATS_URL")
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "nats://127.0.0.1:4222".to_string())
}

async fn start_embedded(
    http: &reqwest::Client,
    data_dir: &Path,
    database_url: Option<&str>,
    env: &[(&str, &str)],
) -> (Child, String) {
    let (router, port) = start_on_free_port(http, "/readiness", |port| {
        spawn(
            &["serve", "--port", &port.to_string()],
            data_dir,
            database_url,
            env,
        )
    })
    .await;
    (router, format!("http://127.0.0.1:{port}"))
}

impl TestSystem {
    /// One line of the router's own `/metrics` (in a split system, `metrics_urls` are the
    /// subgraphs'), as a number.
    pub async fn router_metric(&self, line_prefix: &str) -> Option<f64> {
        let metrics = reqwest::get(format!("{}/metrics", self.router_url))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        metrics
            .lines()
            .find_map(|line| line.strip_prefix(line_prefix))
            .map(|n| n.trim().parse().unwrap())
    }

    /// `vitrine serve`: everything in one process.
    pub async fn embedded() -> TestSystem {
        TestSystem::embedded_with(&[]).await
    }

    /// [`TestSystem::embedded`] with extra environment (e.g. a fault to inject).
    pub async fn embedded_with(env: &[(&str, &str)]) -> TestSystem {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let database_url = test_database_url();
        let http = http_client();
        let (router, router_url) = start_embedded(&http, data_dir.path(), database_url.as_deref(), env).await;
        TestSystem {
            metrics_urls: vec![format!("{router_url}/metrics")],
            subgraph_urls: HashMap::new(),
            router_url,
            processes: vec![router],
            http,
            database_url,
            data_dir,
            split: HashMap::new(),
            router: None,
            namespace: None,
            _split_running: None,
        }
    }

    /// Kills an embedded system without warning and starts it again on the same data.
    pub async fn restart_embedded(&mut self, env: &[(&str, &str)]) {
        for process in &mut self.processes {
            let _ = process.kill();
            let _ = process.wait();
        }
        let (router, router_url) = start_embedded(
            &self.http,
            self.data_dir.path(),
            self.database_url.as_deref(),
            env,
        )
        .await;
        self.metrics_urls = vec![format!("{router_url}/metrics")];
        self.router_url = router_url;
        self.processes = vec![router];
    }

    /// The system's data directory (SQLite files, development mail).
    pub fn data_path(&self) -> &Path {
        self.data_dir.path()
    }

    /// The operating system ids of the system's processes (the subscription benchmark reads
    /// their memory).
    #[allow(dead_code)]
    pub fn pids(&self) -> Vec<u32> {
        self.processes.iter().map(|p| p.id()).collect()
    }

    /// Whether every process of the system is still running.
    pub fn all_running(&mut self) -> bool {
        self.processes
            .iter_mut()
            .all(|p| matches!(p.try_wait(), Ok(None)))
    }

    /// Each subgraph as its own process, then `vitrine router` on the checked-in supergraph with
    /// the subgraph URLs given as `VITRINE_<NAME>_URL`: the distributed topology on one
    /// machine, events through NATS JetStream (a namespace of its own on the shared server).
    pub async fn split() -> TestSystem {
        TestSystem::split_with(&checked_in_supergraph(), &[]).await
    }

    /// [`TestSystem::split`] on a given supergraph file, with extra environment for every
    /// process (`VITRINE_NATS_URL` there replaces the test server).
    pub async fn split_with(supergraph: &Path, env: &[(&str, &str)]) -> TestSystem {
        TestSystem::split_on(supergraph, test_database_url(), env).await
    }

    /// [`TestSystem::split_with`] on a database of the caller's choosing (None: SQLite).
    pub async fn split_on(
        supergraph: &Path,
        database_url: Option<String>,
        env: &[(&str, &str)],
    ) -> TestSystem {
        TestSystem::split_system(supergraph, database_url, env, Peering::Urls).await
    }

    /// A split system where nobody is told a subgraph's URL: subgraphs and router find the
    /// subgraphs through the NATS registry.
    pub async fn split_through_registry(database_url: Option<String>) -> TestSystem {
        TestSystem::split_system(&checked_in_supergraph(), database_url, &[], Peering::Registry).await
    }

    /// [`TestSystem::split_through_registry`] with extra environment for every process, and
    /// no other split system running beside it.
    pub async fn split_through_registry_alone(
        database_url: Option<String>,
        env: &[(&str, &str)],
    ) -> TestSystem {
        TestSystem::split_system(
            &checked_in_supergraph(),
            database_url,
            env,
            Peering::RegistryAlone,
        )
        .await
    }

    async fn split_system(
        supergraph: &Path,
        database_url: Option<String>,
        env: &[(&str, &str)],
        peering: Peering,
    ) -> TestSystem {
        let split_running = match peering {
            // A rolling restart under checkouts needs the cores: beside other split systems,
            // checkouts passed the router's 10 s deadline.
            Peering::RegistryAlone => MachineShare::Alone(MACHINE.write().await),
            _ => MachineShare::Shared(MACHINE.read().await),
        };
        let peering = match peering {
            Peering::RegistryAlone => Peering::Registry,
            other => other,
        };
        let data_dir = tempfile::tempdir().expect("temp dir");
        let namespace = format!("t{}", uuid::Uuid::new_v4().simple());
        let nats_url = test_nats_url();
        let mut common: Vec<(String, String)> = vec![
            ("VITRINE_NATS_URL".into(), nats_url),
            ("VITRINE_EVENTS_NAMESPACE".into(), namespace.clone()),
        ];
        common.extend(env.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let mut processes = Vec::new();
        let mut metrics_urls = Vec::new();
        let http = http_client();
        let mut subgraph_urls = HashMap::new();
        let mut split = HashMap::new();
        for name in SUBGRAPHS {
            let mut process_env = common.clone();
            if peering == Peering::Urls {
                process_env.extend(subgraph_urls.iter().map(|(peer, url): (&String, &String)| {
                    (format!("VITRINE_{}_URL", peer.to_uppercase()), url.clone())
                }));
            }
            let (process, port) = start_on_free_port(&http, "/readiness", |port| {
                spawn_subgraph(name, port, data_dir.path(), database_url.as_deref(), &process_env)
            })
            .await;
            split.insert(
                name.to_string(),
                SplitProcess {
                    port,
                    index: processes.len(),
                    env: process_env,
                },
            );
            processes.push(process);
            metrics_urls.push(format!("http://127.0.0.1:{port}/metrics"));
            subgraph_urls.insert(name.to_string(), format!("http://127.0.0.1:{port}/graphql"));
        }
        let mut router_env: Vec<(String, String)> = common.clone();
        if peering == Peering::Urls {
            router_env.extend(
                subgraph_urls
                    .iter()
                    .map(|(name, url)| (format!("VITRINE_{}_URL", name.to_uppercase()), url.clone())),
            );
        }
        // Through the registry, the router composes its own supergraph from the registered SDLs.
        let supergraph = (peering == Peering::Urls).then(|| supergraph.to_path_buf());
        let (router, port) = start_on_free_port(&http, "/readiness", |port| {
            spawn_router(supergraph.as_deref(), port, data_dir.path(), &router_env)
        })
        .await;
        processes.push(router);
        let router = Some(RouterProcess {
            port,
            supergraph,
            env: router_env,
        });
        TestSystem {
            router_url: format!("http://127.0.0.1:{port}"),
            metrics_urls,
            subgraph_urls,
            processes,
            http,
            database_url,
            data_dir,
            split,
            router,
            namespace: Some(namespace),
            _split_running: Some(split_running),
        }
    }

    /// Kills the router of a split system without warning and starts it again on the same port.
    pub async fn restart_router(&mut self) {
        let router = self.router.as_ref().expect("a split system");
        let index = self.processes.len() - 1;
        let _ = self.processes[index].kill();
        let _ = self.processes[index].wait();
        self.processes[index] = spawn_router(
            router.supergraph.as_deref(),
            router.port,
            self.data_dir.path(),
            &router.env,
        );
        let port = router.port;
        self.wait_until_ready(port, "the router").await;
    }

    /// Split systems: another router on the same subgraphs (a replica, as behind a load
    /// balancer); its URL. It dies with the system.
    pub async fn start_router_replica(&mut self) -> String {
        self.start_router_replica_with(&[]).await
    }

    /// [`TestSystem::start_router_replica`] with `extra` environment on top of the router's
    /// (another router config, say).
    pub async fn start_router_replica_with(&mut self, extra: &[(&str, &str)]) -> String {
        let router = self.router.as_ref().expect("a split system");
        let work_dir = self
            .data_dir
            .path()
            .join(format!("router-{}", self.processes.len()));
        std::fs::create_dir_all(&work_dir).unwrap();
        let supergraph = router.supergraph.clone();
        let mut env = router.env.clone();
        env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let (replica, port) = start_on_free_port(&self.http, "/readiness", |port| {
            spawn_router(supergraph.as_deref(), port, &work_dir, &env)
        })
        .await;
        // Before the main router, which stays last (restart_router finds it there); the
        // subgraphs' indices are all lower.
        let last = self.processes.len() - 1;
        self.processes.insert(last, replica);
        format!("http://127.0.0.1:{port}")
    }

    /// Split systems: another instance of subgraph `name` on the same data and namespace, which
    /// joins through the registry; its process id. It dies with the system.
    pub async fn start_subgraph_replica(&mut self, name: &str) -> u32 {
        let (replica, _) = self.replica_process(name).await;
        let pid = replica.id();
        // Before the main router, which stays last; the subgraphs' indices are all lower.
        let last = self.processes.len() - 1;
        self.processes.insert(last, replica);
        pid
    }

    /// [`TestSystem::start_subgraph_replica`] for a caller that owns the process while the
    /// system serves others (it is killed when dropped).
    pub async fn spawn_subgraph_replica(&self, name: &str) -> OwnedProcess {
        let (child, port) = self.replica_process(name).await;
        OwnedProcess { child, port }
    }

    async fn replica_process(&self, name: &str) -> (Child, u16) {
        let process = self.split.get(name).expect("a subgraph of a split system");
        let env = process.env.clone();
        let (replica, port) = start_on_free_port(&self.http, "/readiness", |port| {
            spawn_subgraph(
                name,
                port,
                self.data_dir.path(),
                self.database_url.as_deref(),
                &env,
            )
        })
        .await;
        (replica, port)
    }

    /// Split systems: the process id of the first instance of subgraph `name`.
    pub fn subgraph_pid(&self, name: &str) -> u32 {
        let process = self.split.get(name).expect("a subgraph of a split system");
        self.processes[process.index].id()
    }

    /// Kills the main router of a split system without warning (a replica crashing).
    pub fn kill_router(&mut self) {
        assert!(self.router.is_some(), "a split system");
        let router = self.processes.last_mut().unwrap();
        let _ = router.kill();
        let _ = router.wait();
    }

    /// Kills one subgraph process of a split system without warning and starts it again on
    /// the same port and data, with `extra` environment on top of what it had.
    pub async fn restart_subgraph(&mut self, name: &str, extra: &[(&str, &str)]) {
        let process = self.split.get(name).expect("a subgraph of a split system");
        let child = &mut self.processes[process.index];
        let _ = child.kill();
        let _ = child.wait();
        let mut env: Vec<(String, String)> = process
            .env
            .iter()
            .filter(|(k, _)| !extra.iter().any(|(e, _)| e == k))
            .cloned()
            .collect();
        env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let child = spawn_subgraph(
            name,
            process.port,
            self.data_dir.path(),
            self.database_url.as_deref(),
            &env,
        );
        self.processes[process.index] = child;
        let port = process.port;
        self.wait_until_ready(port, name).await;
    }

    /// Waits up to a minute for `/readiness` on `port` to answer 200 after a restart.
    async fn wait_until_ready(&self, port: u16, what: &str) {
        let url = format!("http://127.0.0.1:{port}/readiness");
        let deadline = Instant::now() + Duration::from_secs(60);
        while !self
            .http
            .get(&url)
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            assert!(Instant::now() < deadline, "{what} did not come back");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// POSTs a GraphQL operation to the router; returns the whole JSON response.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        let (status, body) = self
            .post_raw(json!({ "query": query, "variables": variables }).to_string())
            .await;
        assert_eq!(status, 200, "unexpected status, body: {body}");
        body
    }

    /// Like [`TestSystem::graphql`], with `Authorization: Bearer <token>`.
    pub async fn graphql_as(&self, token: &str, query: &str, variables: Value) -> Value {
        let response = self
            .http
            .post(format!("{}/graphql", self.router_url))
            .bearer_auth(token)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("router reachable");
        let text = response.text().await.unwrap();
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
    }

    /// Registers a fresh customer; returns (customer id, access token, refresh token).
    pub async fn register(&self, name: &str) -> (String, String, String) {
        let email = format!("{name}-{}@example.kz", uuid::Uuid::new_v4().simple());
        let response = self
            .graphql(
                "mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken customer { id } } }",
                json!({ "input": { "email": email, "password": "correct horse 42", "name": name } }),
            )
            .await;
        let payload = &response["data"]["register"];
        assert!(payload.is_object(), "register failed: {response}");
        (
            payload["customer"]["id"].as_str().unwrap().to_string(),
            payload["accessToken"].as_str().unwrap().to_string(),
            payload["refreshToken"].as_str().unwrap().to_string(),
        )
    }

    /// Signs in; returns the access token.
    pub async fn login(&self, email: &str, password: &str) -> String {
        let response = self
            .graphql(
                "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
                json!({ "e": email, "p": password }),
            )
            .await;
        response["data"]["login"]["accessToken"]
            .as_str()
            .unwrap_or_else(|| panic!("login failed: {response}"))
            .to_string()
    }

    /// After hostile requests: `/health` answers 200 and an ordinary query still works.
    pub async fn assert_still_serving(&self) {
        let health = self
            .request(reqwest::Method::GET, "/health")
            .send()
            .await
            .unwrap();
        assert_eq!(health.status(), 200);
        let response = self
            .graphql(
                "{ products(first: 3) { name offers { shop { name } } } }",
                json!({}),
            )
            .await;
        assert!(response["data"]["products"][2]["name"].is_string(), "{response}");
    }

    /// POSTs `{ query }` and hands back the whole answer, for tests that read its status or headers.
    pub async fn post_query(&self, query: &str) -> reqwest::Response {
        self.request(reqwest::Method::POST, "/graphql")
            .json(&json!({ "query": query }))
            .send()
            .await
            .expect("router reachable")
    }

    /// A plain request to the router, for endpoints other than GraphQL POSTs.
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http.request(method, format!("{}{path}", self.router_url))
    }

    /// POSTs any body as JSON to the router's `/graphql`.
    pub async fn post_raw(&self, body: String) -> (u16, Value) {
        let response = self
            .http
            .post(format!("{}/graphql", self.router_url))
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .body(body)
            .send()
            .await
            .expect("router reachable");
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"));
        (status, body)
    }

    /// SQL statements each subgraph has sent so far, from `vitrine_sql_queries_total`
    /// (background work included).
    pub async fn sql_queries(&self) -> HashMap<String, u64> {
        self.counters("vitrine_sql_queries_total").await
    }

    /// Runs `query` (with `token`, or anonymously) and the SQL statements each subgraph ran for
    /// this request alone, as the embedded router reports them in development
    /// (`x-vitrine-sql-statements`; see router/src/ops.rs). Exact: background work beside it
    /// (outbox relays, event consumers, other tests' requests) is not counted.
    pub async fn sql_statements(
        &self,
        token: Option<&str>,
        query: &str,
        variables: Value,
    ) -> (Value, HashMap<String, u64>) {
        let mut request = self
            .request(reqwest::Method::POST, "/graphql")
            .header(SQL_STATEMENTS, "1")
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("router reachable");
        let counts = response
            .headers()
            .get(SQL_STATEMENTS)
            .expect("the router reports SQL statements in development")
            .to_str()
            .unwrap()
            .split(", ")
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (subgraph, n) = pair.split_once('=').expect("subgraph=count");
                (subgraph.to_string(), n.parse().expect("a count"))
            })
            .collect();
        let body = response.json().await.expect("JSON");
        (body, counts)
    }

    /// A counter labelled by subgraph, summed over subgraphs and processes.
    pub async fn counter_total(&self, metric: &str) -> u64 {
        self.counters(metric).await.values().sum()
    }

    /// A counter's series that carry `label="value"`, summed over every process of the system.
    pub async fn counter_where(&self, metric: &str, label: &str, value: &str) -> u64 {
        let wanted = format!("{label}=\"{value}\"");
        self.series(metric)
            .await
            .iter()
            .filter(|line| line.contains(&wanted))
            .map(|line| series_value(line))
            .sum()
    }

    /// A counter labelled by subgraph, summed over every process of the system.
    pub async fn counters(&self, metric: &str) -> HashMap<String, u64> {
        let mut counts = HashMap::new();
        for line in self.series(metric).await {
            let subgraph = line.split('"').nth(1).unwrap().to_string();
            counts.insert(subgraph, series_value(&line));
        }
        counts
    }

    /// An unlabelled gauge (e.g. `vitrine_live_subscriptions`), summed over every process of
    /// the system that has it.
    pub async fn gauge_total(&self, metric: &str) -> i64 {
        let prefix = format!("{metric} ");
        let mut total = 0;
        for url in &self.metrics_urls {
            let text = self.http.get(url).send().await.unwrap().text().await.unwrap();
            total += text
                .lines()
                .filter_map(|line| line.strip_prefix(&prefix))
                .map(|value| value.trim().parse::<i64>().unwrap())
                .sum::<i64>();
        }
        total
    }

    /// The labelled series of `metric`, as `/metrics` lines, from every process of the system.
    async fn series(&self, metric: &str) -> Vec<String> {
        self.metric_lines(&format!("{metric}{{")).await
    }

    /// A counter without labels, summed over every process of the system.
    pub async fn counter(&self, metric: &str) -> u64 {
        let lines = self.metric_lines(&format!("{metric} ")).await;
        lines.iter().map(|line| series_value(line)).sum()
    }

    async fn metric_lines(&self, prefix: &str) -> Vec<String> {
        let mut lines = Vec::new();
        for url in &self.metrics_urls {
            let text = self.http.get(url).send().await.unwrap().text().await.unwrap();
            lines.extend(text.lines().filter(|l| l.starts_with(prefix)).map(str::to_string));
        }
        lines
    }
}

/// The number at the end of a `/metrics` line.
fn series_value(line: &str) -> u64 {
    line.rsplit(' ').next().unwrap().parse().unwrap()
}

/// The client tests talk to a system with. It drops idle connections after 2 s, before the
/// router's keep-alive (5 s) closes them: otherwise a request sent on a connection the router
/// is closing at that moment is reset, as any HTTP/1 client whose idle timeout outlasts the
/// server's may see (browsers resend; a test would fail).
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_idle_timeout(std::time::Duration::from_secs(2))
        .build()
        .expect("an HTTP client")
}

/// A process a test owns, and the port it listens on; killed when dropped.
pub struct OwnedProcess {
    pub child: Child,
    pub port: u16,
}

impl Drop for OwnedProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for TestSystem {
    fn drop(&mut self) {
        for process in &mut self.processes {
            let _ = process.kill();
            let _ = process.wait();
        }
        if let Some(namespace) = self.namespace.take() {
            forget_namespace(namespace);
        }
    }
}

/// Deletes a split system's stream and buckets from the shared NATS server, which would
/// otherwise keep every run's on disk. On a thread of its own: this runs in drop, often inside
/// a test's runtime.
fn forget_namespace(namespace: String) {
    let url = test_nats_url();
    let forgotten = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        runtime.block_on(async {
            let jetstream = vitrine_kit::kv::connect(&url).await?;
            vitrine_kit::events::broker::forget_namespace(&jetstream, &namespace).await
        })
    })
    .join();
    if let Ok(Err(err)) = forgotten {
        eprintln!("leaving a test's NATS namespace behind: {err:#}");
    }
}

/// A router config file of a test's own (for `VITRINE_ROUTER_CONFIG`) in a fresh directory,
/// with the development key set it names (`jwks.json`) beside it, as `vitrine` writes it beside
/// its own copy. Keep the directory alive as long as the system runs.
pub fn router_config(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("router.config.yaml");
    std::fs::write(&path, text).unwrap();
    let keys = vitrine_kit::jwt_keys::JwtKeys::from_config(&vitrine_kit::config::SecretsConfig::default())
        .expect("development keys");
    std::fs::write(dir.path().join("jwks.json"), keys.jwks_json()).unwrap();
    (dir, path)
}

/// The shipped router configuration with the `vitrine_dedupe` plugin turned off (benchmarks
/// measure what it buys).
#[allow(dead_code)]
pub fn shipped_config_without_dedupe() -> String {
    let on = "vitrine_dedupe:\n    enabled: true";
    let config = vitrine_router::serve::DEFAULT_CONFIG;
    assert!(config.contains(on), "the shipped config turns vitrine_dedupe on");
    config.replace(on, "vitrine_dedupe:\n    enabled: false")
}

pub fn checked_in_supergraph() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/supergraph.graphql")
}

/// Sends `signal` (`TERM`, `KILL`, …) to process `pid`, as an orchestrator would.
pub fn send_signal(pid: u32, signal: &str) {
    let status = Command::new("kill")
        .args(["-s", signal, &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -s {signal} {pid}");
}

/// The `vitrine` binary with a clean environment: only what the test sets reaches it.
pub fn vitrine_command(args: &[&str], data_dir: &Path) -> Command {
    // VITRINE_TEST_BINARY: another program to start instead (scripts/bench-live-heap's
    // heap-profiling wrapper); it is removed from what the child sees, as every VITRINE_ one is.
    let binary = std::env::var_os("VITRINE_TEST_BINARY").unwrap_or_else(|| BIN.into());
    let mut command = Command::new(binary);
    command
        .args(args)
        .env("VITRINE_DATA_DIR", data_dir)
        .stdin(Stdio::null());
    for (name, _) in std::env::vars() {
        if (name.starts_with("VITRINE_") && name != "VITRINE_DATA_DIR")
            || name == "DATABASE_URL"
            || name == "PORT"
        {
            command.env_remove(name);
        }
    }
    command
}

/// `supergraph`: a file, or `None` to compose from the registry (`--registry`).
fn spawn_router(supergraph: Option<&Path>, port: u16, data_dir: &Path, env: &[(String, String)]) -> Child {
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let port = port.to_string();
    let mut args = vec!["router", "--port", &port];
    match supergraph {
        Some(file) => args.extend(["--supergraph", file.to_str().unwrap()]),
        None => args.push("--registry"),
    }
    spawn(&args, data_dir, None, &env)
}

fn spawn_subgraph(
    name: &str,
    port: u16,
    data_dir: &Path,
    database_url: Option<&str>,
    env: &[(String, String)],
) -> Child {
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    spawn(
        &["subgraph", name, "--port", &port.to_string()],
        data_dir,
        database_url,
        &env,
    )
}

fn spawn(args: &[&str], data_dir: &Path, database_url: Option<&str>, env: &[(&str, &str)]) -> Child {
    let mut command = vitrine_command(args, data_dir);
    // Kitchen and couriers a thousand times faster than life; the demo fleet stays parked
    // unless a test lets it drive, so orders wait READY_FOR_DELIVERY for staff or a courier.
    command
        .env("VITRINE_TIME_SCALE", "1000")
        .env("VITRINE_SIM_TICK_MS", "50")
        .env("VITRINE_SIMULATE_COURIERS", "false")
        // Delivery is free unless a test sets the fee rules (tests/e2e/delivery_quote.rs):
        // most tests count money to the tiyn and are about something else.
        .env("VITRINE_DELIVERY_BASE_FEE", "0")
        .env("VITRINE_DELIVERY_FEE_PER_KM", "0")
        // Every test client is 127.0.0.1 at machine speed; tests/e2e/edge.rs sets its own.
        .env("VITRINE_RATE_LIMIT_PER_ADDRESS", "0")
        .env("VITRINE_RATE_LIMIT_PER_CALLER", "0")
        .env("VITRINE_MAX_WEBSOCKETS_PER_ADDRESS", "0")
        .env("VITRINE_MAX_WEBSOCKETS", "0")
        .env("VITRINE_MAX_WEBSOCKET_SUBSCRIPTIONS_PER_ADDRESS", "0")
        .env("VITRINE_MAX_WEBSOCKET_SUBSCRIPTIONS", "0")
        // Tests count the messages they get; tests/e2e/live.rs turns refreshes on where it
        // checks them.
        .env("VITRINE_LIVE_REFRESH_SECS", "0");
    command.envs(env.iter().copied());
    if let Some(url) = database_url {
        command.env("DATABASE_URL", url);
    }
    if std::env::var_os("TEST_LOG").is_none() {
        command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .env("LOG_LEVEL", "error");
    }
    command.spawn().expect("vitrine binary starts")
}

/// A fresh PostgreSQL database per system when `VITRINE_TEST_DATABASE_URL` is set.
pub fn test_database_url() -> Option<String> {
    let base = std::env::var("VITRINE_TEST_DATABASE_URL")
        .ok()
        .filter(|s| !s.is_empty())?;
    Some(format!(
        "{}/vitrine_test_{}",
        base.trim_end_matches('/'),
        uuid::Uuid::new_v4().simple()
    ))
}

/// Starts a process on a port picked free, and waits until `ready_path` answers 200. Should the
/// port still be taken (by a program outside the tests), the process exits before it is ready
/// and is started again on another.
async fn start_on_free_port(
    http: &reqwest::Client,
    ready_path: &str,
    start: impl Fn(u16) -> Child,
) -> (Child, u16) {
    for _ in 0..3 {
        let port = free_port();
        let mut child = start(port);
        let url = format!("http://127.0.0.1:{port}{ready_path}");
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = child.try_wait() {
                eprintln!("process on port {port} exited before it was ready ({status}); retrying");
                break;
            }
            if http.get(&url).send().await.is_ok_and(|r| r.status().is_success()) {
                return (child, port);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    panic!("could not start a process that answers {ready_path}");
}

/// A port no other listener holds now and none asking for port 0 can take before our process
/// binds it: handed out by a counter below the kernel's ephemeral range, which is where port-0
/// listeners (an embedded system's subgraph server) and outgoing connections get theirs. Picking
/// with `bind(":0")` raced them: another test's subgraph server once answered this test's
/// `/readiness` on the port chosen for its router.
pub fn free_port() -> u16 {
    static NEXT: AtomicU16 = AtomicU16::new(0);
    let (low, high) = below_ephemeral_range();
    // A fresh start for each test binary, so consecutive runs don't reuse lingering ports.
    let _ = NEXT.compare_exchange(
        0,
        low + (std::process::id() % u32::from(high - low)) as u16,
        Ordering::SeqCst,
        Ordering::SeqCst,
    );
    for _ in 0..(high - low) {
        let candidate = NEXT
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |port| {
                Some(if port + 1 >= high { low } else { port + 1 })
            })
            .unwrap();
        let free = TcpListener::bind(("0.0.0.0", candidate)).is_ok()
            && TcpListener::bind(("127.0.0.1", candidate)).is_ok();
        if free {
            return candidate;
        }
    }
    panic!("no free port in {low}..{high}");
}

/// Ports for tests: the 10,000 below `ip_local_port_range` (32768..60999 by default).
fn below_ephemeral_range() -> (u16, u16) {
    let ephemeral_start = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|range| range.split_whitespace().next()?.parse::<u16>().ok())
        .unwrap_or(32768);
    (ephemeral_start.saturating_sub(10_000).max(1024), ephemeral_start)
}

/// The `extensions.code` of each error in a response.
pub fn error_codes(response: &Value) -> Vec<String> {
    response["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| e["extensions"]["code"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// An access token for `subject` with one role, valid for `seconds`, signed with the
/// development key as accounts signs its own: for callers a test needs many of, or briefly.
pub fn mint_token(subject: &str, role: &str, seconds: i64) -> String {
    use jsonwebtoken::{encode, EncodingKey, Header};
    let now = chrono::Utc::now().timestamp();
    let claims = json!({ "sub": subject, "roles": [role], "iss": "vitrine", "aud": "vitrine",
        "iat": now, "exp": now + seconds });
    let mut header = Header::new(jsonwebtoken::Algorithm::HS256);
    header.kid = Some(
        vitrine_kit::jwt_keys::JwtKeys::from_config(&Default::default())
            .unwrap()
            .kid,
    );
    let key = EncodingKey::from_secret(vitrine_kit::config::DEV_JWT_SECRET.as_bytes());
    encode(&header, &claims, &key).unwrap()
}
