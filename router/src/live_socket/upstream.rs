//! The router's own graphql-transport-ws client to subgraphs, for the runs that follow a state
//! field there themselves ([`super::handover`]): one connection per subgraph endpoint, shared by
//! every such run of the router, each a subscription id on it. What a subscription costs here
//! is an entry in its connection's table and a channel of the subgraph's results, against
//! Hive 0.2.5's pooled subscription: a channel of 32 results, a task and a copy of the plan's
//! parts per subscription.
//!
//! The connection's `connection_init` carries the router's signed identity header, which shows
//! the subgraph that the router opened it; each subscription carries its caller's verified
//! claims in its extensions, as Hive sends them (`kit::service` runs it as that caller).

use bytes::Bytes;
use futures::channel::mpsc::{unbounded, UnboundedReceiver, UnboundedSender};
use futures::{SinkExt, Stream, StreamExt};
use prometheus::{IntCounter, IntGauge};
use std::collections::HashMap;
use std::pin::Pin;
use std::sync::{Arc, Mutex, Weak};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;
use vitrine_kit::identity::{sign, Identity, IDENTITY_HEADER};

/// Connecting and the subgraph's `connection_ack`, each.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a connection stays open with no subscription on it.
const IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest message taken from a subgraph (a state result is a few KiB).
const MAX_MESSAGE: usize = 4 << 20;

/// What the subgraph sent for one subscription.
#[derive(Debug)]
pub enum Event {
    /// A `next` message's payload: a GraphQL response.
    Next(Bytes),
    /// An `error` message's payload: a list of GraphQL errors; nothing follows.
    Error(Bytes),
    /// The connection closed or failed before the subscription's `complete`; nothing follows.
    Lost,
}

/// The router's connections to subgraphs, by WebSocket endpoint.
pub struct Upstreams {
    links: Mutex<HashMap<Arc<str>, Link>>,
    /// Signs each connection's `connection_init` (the subgraphs' shared internal secret).
    secret: Vec<u8>,
    next_id: std::sync::atomic::AtomicU64,
    open: IntGauge,
    /// Runs that moved here from Hive's subscription (see [`super::handover`]).
    pub handed_over: IntCounter,
}

/// Where one connection takes commands; `connection` tells connections to the same endpoint
/// apart.
struct Link {
    commands: mpsc::UnboundedSender<Command>,
    connection: u64,
}

enum Command {
    Subscribe {
        id: u64,
        /// The `subscribe` message's payload, as JSON.
        payload: String,
        events: UnboundedSender<Event>,
    },
    Complete {
        id: u64,
    },
}

impl Upstreams {
    pub fn new(secret: Vec<u8>, open: IntGauge, handed_over: IntCounter) -> Upstreams {
        Upstreams {
            links: Mutex::default(),
            secret,
            next_id: 1.into(),
            open,
            handed_over,
        }
    }

    fn links(&self) -> std::sync::MutexGuard<'_, HashMap<Arc<str>, Link>> {
        // Plain data: a panic while holding it leaves nothing half-done.
        self.links.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    /// Subscribes at `endpoint` (`ws://…`) with `payload` (a graphql-transport-ws `subscribe`
    /// payload, as JSON), opening the connection to it if there is none. The subgraph's results
    /// come from the returned stream; dropping it completes the subscription there.
    pub fn subscribe(self: &Arc<Self>, endpoint: &str, payload: String) -> Subscription {
        let id = self.next_id();
        let (events, received) = unbounded();
        let endpoint = self.submit(endpoint, Command::Subscribe { id, payload, events });
        self.open.inc();
        Subscription {
            id,
            received,
            endpoint,
            upstreams: self.clone(),
        }
    }

    /// Hands `command` to `endpoint`'s connection, starting one if it has none (or its last
    /// one ended); returns the endpoint as the table keeps it.
    fn submit(self: &Arc<Self>, endpoint: &str, command: Command) -> Arc<str> {
        let mut links = self.links();
        let command = match links.get_key_value(endpoint) {
            Some((kept, link)) => match link.commands.send(command) {
                Ok(()) => return kept.clone(),
                Err(mpsc::error::SendError(command)) => command,
            },
            None => command,
        };
        let (commands, received) = mpsc::unbounded_channel();
        let _ = commands.send(command);
        let endpoint: Arc<str> = Arc::from(endpoint);
        let connection = self.next_id();
        links.insert(endpoint.clone(), Link { commands, connection });
        let init = connection_init(&self.secret);
        tokio::spawn(drive(
            endpoint.clone(),
            connection,
            init,
            received,
            Arc::downgrade(self),
        ));
        endpoint
    }

    /// Completes subscription `id` on `endpoint`'s connection, if it has one.
    fn complete(&self, endpoint: &str, id: u64) {
        if let Some(link) = self.links().get(endpoint) {
            let _ = link.commands.send(Command::Complete { id });
        }
    }

    /// Takes connection `connection` out of the table, if it is still there.
    fn forget(&self, endpoint: &str, connection: u64) {
        let mut links = self.links();
        if links
            .get(endpoint)
            .is_some_and(|link| link.connection == connection)
        {
            links.remove(endpoint);
        }
    }
}

/// `connection_init` with the router's identity, signed now (the subgraph checks it once).
fn connection_init(secret: &[u8]) -> String {
    let signed = sign(&Identity::anonymous(), secret, chrono::Utc::now().timestamp());
    serde_json::json!({ "type": "connection_init", "payload": { IDENTITY_HEADER: signed } }).to_string()
}

/// One subscription at a subgraph; its results as they come, ending after the subgraph's
/// `error` or `complete`, or a lost connection.
pub struct Subscription {
    id: u64,
    received: UnboundedReceiver<Event>,
    endpoint: Arc<str>,
    upstreams: Arc<Upstreams>,
}

impl Stream for Subscription {
    type Item = Event;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Event>> {
        self.received.poll_next_unpin(cx)
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.upstreams.open.dec();
        // Closed first: a `subscribe` not sent yet (one moving to a new connection) is then
        // dropped rather than sent.
        self.received.close();
        self.upstreams.complete(&self.endpoint, self.id);
    }
}

/// Why a connection ended.
enum Ended {
    /// Nobody subscribed for a while: commands that raced the close go to a new connection.
    Idle,
    Failed,
}

/// Serves connection `connection` to `endpoint` until it fails or idles; then every
/// subscription still on it is told it was lost.
async fn drive(
    endpoint: Arc<str>,
    connection: u64,
    init: String,
    mut commands: mpsc::UnboundedReceiver<Command>,
    upstreams: Weak<Upstreams>,
) {
    let mut subscriptions: HashMap<u64, UnboundedSender<Event>> = HashMap::new();
    let ended = match serve(&endpoint, &init, &mut commands, &mut subscriptions).await {
        Ok(()) => Ended::Idle,
        Err(error) => {
            tracing::warn!(%endpoint, %error, "the router's subscription connection to a subgraph failed");
            Ended::Failed
        }
    };
    // Out of the table first, so that no command reaches this connection after the close.
    let upstreams = upstreams.upgrade();
    if let Some(upstreams) = &upstreams {
        upstreams.forget(&endpoint, connection);
    }
    commands.close();
    let mut raced = Vec::new();
    while let Ok(command) = commands.try_recv() {
        if let Command::Subscribe { .. } = command {
            raced.push(command);
        }
    }
    match (ended, upstreams) {
        (Ended::Idle, Some(upstreams)) => {
            for command in raced {
                upstreams.submit(&endpoint, command);
            }
        }
        (Ended::Idle, None) => {}
        (Ended::Failed, _) => {
            let raced = raced.into_iter().filter_map(|command| match command {
                Command::Subscribe { events, .. } => Some(events),
                Command::Complete { .. } => None,
            });
            for events in subscriptions.into_values().chain(raced) {
                let _ = events.unbounded_send(Event::Lost);
            }
        }
    }
}

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Connects, hands the subgraph `init` and serves commands and messages until the connection
/// has had no subscription for [`IDLE_TIMEOUT`] (`Ok`) or fails.
async fn serve(
    endpoint: &str,
    init: &str,
    commands: &mut mpsc::UnboundedReceiver<Command>,
    subscriptions: &mut HashMap<u64, UnboundedSender<Event>>,
) -> anyhow::Result<()> {
    let mut socket = tokio::time::timeout(HANDSHAKE_TIMEOUT, open(endpoint, init))
        .await
        .map_err(|_| anyhow::anyhow!("no connection_ack within {HANDSHAKE_TIMEOUT:?}"))??;
    let idle = tokio::time::sleep(IDLE_TIMEOUT);
    tokio::pin!(idle);
    // Whether `idle` counts from the moment the last subscription ended.
    let mut idling = true;
    loop {
        tokio::select! {
            command = commands.recv() => match command {
                Some(Command::Subscribe { id, payload, events }) => {
                    if events.is_closed() {
                        continue;
                    }
                    subscriptions.insert(id, events);
                    let message = format!(r#"{{"id":"{id}","type":"subscribe","payload":{payload}}}"#);
                    socket.send(Message::text(message)).await?;
                }
                Some(Command::Complete { id }) => {
                    if subscriptions.remove(&id).is_some() {
                        socket.send(complete(id)).await?;
                    }
                }
                // The table always keeps a sender while the connection is in it.
                None => return Ok(()),
            },
            message = socket.next() => match message {
                Some(Ok(Message::Text(text))) => {
                    if let Some(reply) = dispatch(text.as_str(), subscriptions) {
                        socket.send(reply).await?;
                    }
                }
                Some(Ok(Message::Close(frame))) => anyhow::bail!("the subgraph closed it ({frame:?})"),
                // Pings are answered by the WebSocket library as it reads.
                Some(Ok(_)) => {}
                Some(Err(error)) => return Err(error.into()),
                None => anyhow::bail!("the subgraph closed it"),
            },
            _ = &mut idle, if subscriptions.is_empty() => return Ok(()),
        }
        match (subscriptions.is_empty(), idling) {
            (true, false) => {
                idle.as_mut().reset(tokio::time::Instant::now() + IDLE_TIMEOUT);
                idling = true;
            }
            (false, true) => idling = false,
            _ => {}
        }
    }
}

/// A WebSocket to `endpoint` past graphql-transport-ws's handshake.
async fn open(endpoint: &str, init: &str) -> anyhow::Result<Socket> {
    let mut request = endpoint.into_client_request()?;
    request.headers_mut().insert(
        http::header::SEC_WEBSOCKET_PROTOCOL,
        http::HeaderValue::from_static("graphql-transport-ws"),
    );
    let config = WebSocketConfig::default()
        .max_message_size(Some(MAX_MESSAGE))
        .max_frame_size(Some(MAX_MESSAGE));
    let (mut socket, _) = tokio_tungstenite::connect_async_with_config(request, Some(config), true).await?;
    socket.send(Message::text(init)).await?;
    while let Some(message) = socket.next().await {
        if let Message::Text(text) = message? {
            let reply: Incoming = sonic_rs::from_str(text.as_str())?;
            match reply.kind {
                "connection_ack" => return Ok(socket),
                "ping" => socket.send(Message::text(r#"{"type":"pong"}"#)).await?,
                _ => {}
            }
        }
    }
    anyhow::bail!("the subgraph closed the connection before its connection_ack")
}

/// A graphql-transport-ws message from a subgraph, its payload left as JSON text.
#[derive(serde::Deserialize)]
struct Incoming<'a> {
    #[serde(rename = "type", borrow)]
    kind: &'a str,
    #[serde(default, borrow)]
    id: Option<&'a str>,
    #[serde(default, borrow)]
    payload: Option<sonic_rs::LazyValue<'a>>,
}

/// Hands a subgraph's message to its subscription; returns the reply it needs, if any.
fn dispatch(text: &str, subscriptions: &mut HashMap<u64, UnboundedSender<Event>>) -> Option<Message> {
    let Ok(message) = sonic_rs::from_str::<Incoming>(text) else {
        tracing::warn!("a subgraph sent a message that is not graphql-transport-ws; ignored");
        return None;
    };
    let id = message.id.and_then(|id| id.parse::<u64>().ok());
    let payload = || {
        Bytes::copy_from_slice(
            message
                .payload
                .as_ref()
                .map_or("null", |p| p.as_raw_str())
                .as_bytes(),
        )
    };
    match (message.kind, id) {
        ("next", Some(id)) => {
            let delivered = subscriptions
                .get(&id)
                .map(|events| events.unbounded_send(Event::Next(payload())).is_ok());
            // Its run ended meanwhile: complete it now rather than when its drop is read.
            if delivered == Some(false) {
                subscriptions.remove(&id);
                return Some(complete(id));
            }
            None
        }
        ("error", Some(id)) => {
            if let Some(events) = subscriptions.remove(&id) {
                let _ = events.unbounded_send(Event::Error(payload()));
            }
            None
        }
        ("complete", Some(id)) => {
            subscriptions.remove(&id);
            None
        }
        ("ping", _) => Some(Message::text(r#"{"type":"pong"}"#)),
        _ => None,
    }
}

fn complete(id: u64) -> Message {
    Message::text(format!(r#"{{"id":"{id}","type":"complete"}}"#))
}

#[cfg(test)]
#[path = "upstream_tests.rs"]
mod tests;
