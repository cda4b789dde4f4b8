//! A subgraph's graphql-transport-ws connection: each subscription runs in a task of its own,
//! which writes its results as JSON, and the connection's task sends them. async-graphql's own
//! handler polls every subscription of a connection for each message it sends, and the router
//! carries all its clients' subscriptions to a subgraph over one pooled connection, so a change
//! that reaches all of them cost N² polls (10 000 watchers of one product: seconds); one task
//! for all of them would also keep them to one core. Each subscription runs as its own caller
//! ([`Subscriber`]); identical subscriptions of a state field run once per connection
//! ([`Sharing`]). Messages and close codes follow the protocol (github.com/enisdenjo/graphql-ws,
//! PROTOCOL.md); async-graphql still parses the messages and runs the subscriptions.

use crate::live::{Handoff, ShapeCell};
use crate::parsed_documents::ParsedDocuments;
use async_graphql::http::ClientMessage;
use async_graphql::parser::types::{
    Directive, DocumentOperations, ExecutableDocument, Field, OperationType, Selection, SelectionSet,
};
use async_graphql::{Data, Executor, Name, Positioned, Request, Response, ServerError, Value as ConstValue};
use async_graphql_value::Value as DocumentValue;
use axum::extract::ws::{CloseFrame, Message, WebSocket};
use futures::stream::BoxStream;
use futures::{FutureExt, SinkExt, StreamExt};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Weak};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// A client that has not sent `connection_init` by then is closed (4408).
const INIT_WITHIN: Duration = Duration::from_secs(10);
/// Messages written before one flush when many subscriptions are ready at once.
const FLUSH_EVERY: usize = 256;
/// Results written by runs and not yet sent; a run whose next one does not fit waits, and its
/// live field keeps only the latest state meanwhile.
const OUTGOING_CAPACITY: usize = 1024;

/// (which run, its next result written as JSON, or `None` at its end).
type Outgoing = (u64, Option<String>);

/// A request's SHA-256, standing for its whole text (document, variables, the router's
/// forwarded claims: hundreds of bytes), which every run would otherwise keep twice.
type RequestDigest = [u8; 32];

/// Shapes a connection keeps before it forgets those no subscription holds any more.
const SHAPES_BEFORE_PRUNING: usize = 64;
/// Nesting beyond which a selection is taken to use variables (unvalidated input: a walk
/// must end).
const DEEPEST_WALK: usize = 64;

/// Whatever holds a subscription's place under the live-subscription limits until dropped.
pub type Seat = Box<dyn Send>;

/// Takes a seat for a caller (`None`: anonymous), or says why not.
pub type TakeSeat = Arc<dyn Fn(Option<&str>) -> Result<Seat, ServerError> + Send + Sync>;

/// Who one subscription runs as: puts that in its request's data, and names the caller for the
/// limits a subscription that joins a shared run is held to (`None`: anonymous). It must take
/// the caller only from the request's extensions (or the connection), which the share key
/// covers, so that identical requests are always the same caller's.
pub type Subscriber = Box<dyn Fn(&mut Request) -> Option<String> + Send>;

/// What `connection_init` established.
pub struct Accepted {
    /// What every subscription of the connection runs with.
    pub data: Data,
    /// Who each subscription runs as.
    pub subscriber: Subscriber,
}

/// Identical subscriptions of one connection that run once for all of them. The router
/// carries every client over one connection, so 10 000 anonymous watchers of one product are
/// 10 000 identical subscriptions here: shared, the subgraph resolves and writes each change
/// once instead of 10 000 times.
///
/// Only fields each of whose results is the whole current state may share: one who joins a
/// run late starts from its latest result, which is what a run of its own would have read.
/// A field whose results are events (a new notification) never shares. Identical requests
/// carry identical extensions, where the router puts each caller's verified claims, so a run
/// never crosses callers.
#[derive(Clone)]
pub struct Sharing {
    /// The subscription fields whose results are states.
    pub states: &'static [&'static str],
    /// A seat for a subscription that joins a run (the first one's resolver takes its own), so
    /// the limits count it as if it ran; the error is sent to the client instead.
    pub seat: TakeSeat,
    /// A run of a state field that sent nothing for this long sends its latest result again
    /// (`None`: never). Hive 0.2.5 closes a subscription at the subgraph only when a result
    /// finds its client gone, so without news one whose client left would hold its seat here,
    /// and its task in the router, until the state next changed.
    pub refresh_idle: Option<Duration>,
}

/// Serves one connection until either side closes it. `on_init` turns the `connection_init`
/// payload into what the connection's subscriptions run as, or a refusal (closed with 4403).
/// Each subscription's document comes from `documents` when it was parsed before: a clone of
/// the kept tree shares its names and holds about half the memory of a fresh parse, for as long
/// as the subscription lives (4 KiB of the 17 a storefront order page's takes in delivery).
pub async fn serve<E: Executor>(
    socket: WebSocket,
    executor: E,
    documents: ParsedDocuments,
    sharing: Option<Sharing>,
    on_init: impl FnOnce(serde_json::Value) -> Result<Accepted, String>,
) {
    let (mut sink, mut source) = socket.split();
    let (results, mut ready_results) = mpsc::channel(OUTGOING_CAPACITY);
    let mut connection = Connection {
        executor,
        documents,
        sharing,
        on_init: Some(on_init),
        data: None,
        subscriber: None,
        results,
        runs: HashMap::new(),
        run_of: HashMap::new(),
        shared: HashMap::new(),
        shapes: HashMap::new(),
        shapes_kept: 0,
        serial: 0,
    };
    let init_deadline = tokio::time::sleep(INIT_WITHIN);
    tokio::pin!(init_deadline);
    let refresh_idle = connection.sharing.as_ref().and_then(|s| s.refresh_idle);
    // Every half period: an idle run is refreshed after one to one and a half periods.
    let mut refresh = tokio::time::interval(refresh_idle.map_or(Duration::from_secs(86_400), |idle| {
        (idle / 2).max(Duration::from_millis(10))
    }));
    refresh.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let reply = tokio::select! {
            incoming = source.next() => match incoming {
                Some(Ok(Message::Text(text))) => connection.receive(text.as_bytes()),
                Some(Ok(Message::Binary(bytes))) => connection.receive(&bytes),
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => Reply::Nothing,
                Some(Ok(Message::Close(_)) | Err(_)) | None => return,
            },
            Some(first) = ready_results.recv() => {
                // Everything already waiting goes out under one flush.
                let mut ready = vec![first];
                while ready.len() < FLUSH_EVERY {
                    match ready_results.try_recv() {
                        Ok(next) => ready.push(next),
                        Err(_) => break,
                    }
                }
                Reply::Send(ready.into_iter().flat_map(|out| connection.outgoing(out)).collect())
            },
            _ = &mut init_deadline, if connection.data.is_none() => {
                Reply::Close(4408, "Connection initialisation timeout")
            }
            _ = refresh.tick(), if refresh_idle.is_some() => {
                Reply::Send(connection.refresh_idle(refresh_idle))
            }
        };
        let sent = match reply {
            Reply::Nothing => Ok(()),
            Reply::Send(messages) => {
                let mut sent = Ok(());
                for message in messages {
                    sent = sink.feed(Message::Text(message.into())).await;
                    if sent.is_err() {
                        break;
                    }
                }
                match sent {
                    Ok(()) => sink.flush().await,
                    failed => failed,
                }
            }
            Reply::Close(code, reason) => {
                let frame = CloseFrame {
                    code,
                    reason: reason.into(),
                };
                let _ = sink.send(Message::Close(Some(frame))).await;
                return;
            }
        };
        if sent.is_err() {
            return;
        }
    }
}

enum Reply {
    Nothing,
    Send(Vec<String>),
    Close(u16, &'static str),
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ServerMessage<'a> {
    ConnectionAck,
    Complete { id: &'a str },
    Pong,
}

impl ServerMessage<'_> {
    fn text(&self) -> String {
        serde_json::to_string(self).expect("server messages serialise")
    }
}

/// A `next` message around a result already written as JSON: a shared run writes each result
/// once, whatever the number of subscribers.
fn next_message(id: &str, payload: &str) -> String {
    let id = serde_json::to_string(id).expect("strings serialise");
    format!(r#"{{"type":"next","id":{id},"payload":{payload}}}"#)
}

/// Appends `"name":value,` with `value` written by [`write_sorted`].
fn write_field(out: &mut String, name: &str, value: &ConstValue) {
    out.push_str(&serde_json::to_string(name).expect("strings serialise"));
    out.push(':');
    write_sorted(out, value);
    out.push(',');
}

/// Appends `value` as JSON with every object's keys sorted: equal values, equal text.
fn write_sorted(out: &mut String, value: &ConstValue) {
    match value {
        ConstValue::Object(fields) => {
            out.push('{');
            for (name, inner) in fields.iter().collect::<BTreeMap<_, _>>() {
                write_field(out, name, inner);
            }
            out.push('}');
        }
        ConstValue::List(items) => {
            out.push('[');
            for item in items {
                write_sorted(out, item);
                out.push(',');
            }
            out.push(']');
        }
        other => out.push_str(&serde_json::to_string(other).expect("values serialise")),
    }
}

/// One execution of a subscription and the ids it answers (one, unless shared).
struct Run {
    /// Each subscriber's id, with the seat a joiner holds (the first's is its resolver's).
    ids: HashMap<String, Option<Seat>>,
    /// Set when others may join: the request they must match.
    shared_as: Option<RequestDigest>,
    /// The latest result as JSON (shared runs only), for whoever joins next.
    latest: Option<String>,
    /// When its subscribers were last sent a result.
    sent_at: Instant,
    /// The task that runs it and writes each result (tasks spread the connection's runs over
    /// the runtime's threads: a router sends all its clients' subscriptions over one).
    task: JoinHandle<()>,
}

struct Connection<E, I> {
    executor: E,
    documents: ParsedDocuments,
    sharing: Option<Sharing>,
    on_init: Option<I>,
    data: Option<Arc<Data>>,
    subscriber: Option<Subscriber>,
    /// Where each run's task sends its results.
    results: mpsc::Sender<Outgoing>,
    runs: HashMap<u64, Run>,
    /// The run of each open subscription id.
    run_of: HashMap<String, u64>,
    /// Shared runs by the request they answer.
    shared: HashMap<RequestDigest, u64>,
    /// Live subscriptions' shapes by the document they resolve (`kit::live`'s hand-off): one
    /// for all the router's clients of one page.
    shapes: HashMap<RequestDigest, Weak<ShapeCell>>,
    /// How many shapes were kept after the last pruning.
    shapes_kept: usize,
    serial: u64,
}

impl<E, I> Connection<E, I>
where
    E: Executor,
    I: FnOnce(serde_json::Value) -> Result<Accepted, String>,
{
    fn receive(&mut self, bytes: &[u8]) -> Reply {
        let Ok(message) = ClientMessage::from_bytes(bytes) else {
            return Reply::Close(4400, "Invalid message");
        };
        match message {
            ClientMessage::ConnectionInit { payload } => {
                let Some(on_init) = self.on_init.take() else {
                    return Reply::Close(4429, "Too many initialisation requests");
                };
                match on_init(payload.unwrap_or_default()) {
                    Ok(accepted) => {
                        self.data = Some(Arc::new(accepted.data));
                        self.subscriber = Some(accepted.subscriber);
                        Reply::Send(vec![ServerMessage::ConnectionAck.text()])
                    }
                    Err(_) => Reply::Close(4403, "Forbidden"),
                }
            }
            ClientMessage::Start { id, mut payload } => {
                let (Some(data), Some(subscriber)) = (self.data.clone(), &self.subscriber) else {
                    return Reply::Close(4401, "Unauthorized");
                };
                if self.run_of.contains_key(&id) {
                    return Reply::Close(4409, "Subscriber for this id already exists");
                }
                self.documents.prepare(&mut payload);
                let caller = subscriber(&mut payload);
                let shared_as = self.share_key(&mut payload);
                if let Some(&serial) = shared_as.as_ref().and_then(|key| self.shared.get(key)) {
                    return self.join(id, serial, caller.as_deref());
                }
                self.serial += 1;
                let serial = self.serial;
                let handoff = self.shape_of(&mut payload).map(|shape| {
                    let handoff = Handoff::new(shape);
                    payload.data.insert(handoff.slot());
                    handoff
                });
                let results = self.executor.execute_stream(payload, Some(data));
                // async-graphql's stream (and all it holds) is dropped once it ends.
                let mut results = match handoff {
                    Some(handoff) => results.chain(handoff.rest()).boxed(),
                    None => results,
                };
                // Polled once here, before the next message is read, so that what a
                // subscription does at once (following a signal, say) happens in order.
                let first = results.next().now_or_never().map(|ready| ready.map(written));
                let task = tokio::spawn(run(serial, first, results, self.results.clone()));
                if let Some(key) = shared_as {
                    self.shared.insert(key, serial);
                }
                self.run_of.insert(id.clone(), serial);
                let run = Run {
                    ids: HashMap::from([(id, None)]),
                    shared_as,
                    latest: None,
                    sent_at: Instant::now(),
                    task,
                };
                self.runs.insert(serial, run);
                Reply::Nothing
            }
            ClientMessage::Stop { id } => match self.run_of.remove(&id) {
                Some(serial) => {
                    self.leave(serial, &id);
                    Reply::Send(vec![ServerMessage::Complete { id: &id }.text()])
                }
                None => Reply::Nothing,
            },
            ClientMessage::ConnectionTerminate => Reply::Close(1000, "Normal closure"),
            ClientMessage::Ping { .. } => Reply::Send(vec![ServerMessage::Pong.text()]),
            ClientMessage::Pong { .. } => Reply::Nothing,
        }
    }

    /// What `request` must equal for its subscription to join a run: `None` unless its one
    /// root field is a state field. Parsing here is not extra work: the request keeps the tree
    /// for its execution.
    fn share_key(&self, request: &mut Request) -> Option<RequestDigest> {
        let states = self.sharing.as_ref()?.states;
        let operation_name = request.operation_name.clone();
        let document = request.parsed_query().ok()?;
        let root = subscribed_field(document, operation_name.as_deref())?;
        if !states.contains(&root.node.name.node.as_str()) {
            return None;
        }
        Some(request_digest(request, true, true))
    }

    /// The shape that resolves `request`'s states once `kit::live` hands its subscription
    /// over: `None` unless it subscribes to one root field. Requests share a shape when their
    /// documents and operations are the same, and their variables too if the root field's
    /// selection uses any (its own arguments, the key a subscriber follows, may differ).
    fn shape_of(&mut self, request: &mut Request) -> Option<Arc<ShapeCell>> {
        let operation_name = request.operation_name.clone();
        let document = request.parsed_query().ok()?;
        let root = subscribed_field(document, operation_name.as_deref())?;
        let selection_uses_variables =
            uses_variables(&root.node.selection_set.node, document, &mut HashSet::new(), 0);
        let key = request_digest(request, selection_uses_variables, false);
        if let Some(shape) = self.shapes.get(&key).and_then(Weak::upgrade) {
            return Some(shape);
        }
        if self.shapes.len() >= (2 * self.shapes_kept).max(SHAPES_BEFORE_PRUNING) {
            self.shapes.retain(|_, shape| shape.strong_count() > 0);
            self.shapes_kept = self.shapes.len();
        }
        let shape = Arc::new(ShapeCell::new());
        self.shapes.insert(key, Arc::downgrade(&shape));
        Some(shape)
    }

    /// `id`, `caller`'s, joins the shared run `serial`: the latest result now, if there is one
    /// yet, and every later one.
    fn join(&mut self, id: String, serial: u64, caller: Option<&str>) -> Reply {
        let sharing = self.sharing.as_ref().expect("only shared runs are joined");
        let seat = match (sharing.seat)(caller) {
            Ok(seat) => seat,
            Err(refused) => {
                let payload = serde_json::to_string(&Response::from_errors(vec![refused]))
                    .expect("responses serialise");
                return Reply::Send(vec![
                    next_message(&id, &payload),
                    ServerMessage::Complete { id: &id }.text(),
                ]);
            }
        };
        let run = self.runs.get_mut(&serial).expect("a shared run is running");
        let first = run.latest.as_deref().map(|latest| next_message(&id, latest));
        run.ids.insert(id.clone(), Some(seat));
        self.run_of.insert(id, serial);
        match first {
            Some(message) => Reply::Send(vec![message]),
            None => Reply::Nothing,
        }
    }

    /// `id` leaves run `serial`; the last one out stops it.
    fn leave(&mut self, serial: u64, id: &str) {
        let Some(run) = self.runs.get_mut(&serial) else {
            return;
        };
        run.ids.remove(id);
        if run.ids.is_empty() {
            run.task.abort();
            self.end(serial);
        }
    }

    /// Forgets run `serial`: nobody may join it any more. Its subscribers' ids, with their seats.
    fn end(&mut self, serial: u64) -> HashMap<String, Option<Seat>> {
        let Some(run) = self.runs.remove(&serial) else {
            return HashMap::new();
        };
        if let Some(key) = &run.shared_as {
            if self.shared.get(key) == Some(&serial) {
                self.shared.remove(key);
            }
        }
        run.ids
    }

    /// The latest result again for each subscriber of a state field's run that sent nothing
    /// for `idle` (`None`: nothing): the same state, which tells the router whether its
    /// client is still there.
    fn refresh_idle(&mut self, idle: Option<Duration>) -> Vec<String> {
        let mut messages = Vec::new();
        let Some(idle) = idle else { return messages };
        for run in self.runs.values_mut() {
            let Some(latest) = &run.latest else { continue };
            if run.sent_at.elapsed() < idle {
                continue;
            }
            messages.extend(run.ids.keys().map(|id| next_message(id, latest)));
            run.sent_at = Instant::now();
        }
        messages
    }

    /// The messages for a run's next result, one per subscriber, or for its end; nothing for
    /// a run every subscriber already left.
    fn outgoing(&mut self, (serial, result): Outgoing) -> Vec<String> {
        match result {
            Some(payload) => {
                let Some(run) = self.runs.get_mut(&serial) else {
                    return Vec::new();
                };
                let messages = run.ids.keys().map(|id| next_message(id, &payload)).collect();
                run.sent_at = Instant::now();
                if run.shared_as.is_some() {
                    run.latest = Some(payload);
                }
                messages
            }
            None => {
                let ids = self.end(serial);
                ids.into_keys()
                    .map(|id| {
                        self.run_of.remove(&id);
                        ServerMessage::Complete { id: &id }.text()
                    })
                    .collect()
            }
        }
    }
}

/// Runs one subscription from its `first` poll on (its result already written): writes each
/// result as JSON and sends it to the connection, then says it ended. Waits while the
/// connection's queue is full. No `Response` is held across an await, nor passed in: each one
/// held there is kept in the task for as long as the subscription lives (a few hundred bytes
/// apiece, for each of 10 000 followers).
async fn run(
    serial: u64,
    first: Option<Option<String>>,
    mut results: BoxStream<'static, Response>,
    to: mpsc::Sender<Outgoing>,
) {
    let mut next = match first {
        Some(ready) => ready,
        None => results.next().await.map(written),
    };
    while let Some(payload) = next {
        if to.send((serial, Some(payload))).await.is_err() {
            return;
        }
        next = results.next().await.map(written);
    }
    let _ = to.send((serial, None)).await;
}

/// The SHA-256 of `request`'s document and operation name, and of its variables and its
/// extensions when asked for, each object's keys in order.
fn request_digest(request: &Request, variables: bool, extensions: bool) -> RequestDigest {
    let operation_name = request.operation_name.as_deref().unwrap_or_default();
    let mut key = format!("{}\u{0}{operation_name}\u{0}", request.query);
    if variables {
        for (name, value) in request.variables.iter() {
            write_field(&mut key, name, value);
        }
    }
    key.push('\u{0}');
    if extensions {
        // The router's forwarded claims arrive with their keys in any order (a hash map there).
        let extensions: BTreeMap<_, _> = request.extensions.0.iter().collect();
        for (name, value) in extensions {
            write_field(&mut key, name, value);
        }
    }
    Sha256::digest(key.as_bytes()).into()
}

/// The one field a subscription operation of `document` selects (by `operation_name`), if it
/// is one and a field.
fn subscribed_field<'a>(
    document: &'a ExecutableDocument,
    operation_name: Option<&str>,
) -> Option<&'a Positioned<Field>> {
    let operation = match (&document.operations, operation_name) {
        (DocumentOperations::Single(operation), _) => operation,
        (DocumentOperations::Multiple(operations), Some(name)) => operations.get(name)?,
        (DocumentOperations::Multiple(_), None) => return None,
    };
    if operation.node.ty != OperationType::Subscription {
        return None;
    }
    match operation.node.selection_set.node.items.as_slice() {
        [root] => match &root.node {
            Selection::Field(field) => Some(field),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `set` uses a variable anywhere: in an argument or a directive, its own or its
/// fragments'. Unvalidated input: each fragment is walked once, and a walk too deep says yes.
fn uses_variables(
    set: &SelectionSet,
    document: &ExecutableDocument,
    walked: &mut HashSet<Name>,
    depth: usize,
) -> bool {
    if depth > DEEPEST_WALK {
        return true;
    }
    let directives_use = |directives: &[Positioned<Directive>]| {
        directives.iter().any(|directive| {
            directive
                .node
                .arguments
                .iter()
                .any(|(_, value)| has_variable(&value.node))
        })
    };
    set.items.iter().any(|selection| match &selection.node {
        Selection::Field(field) => {
            directives_use(&field.node.directives)
                || field
                    .node
                    .arguments
                    .iter()
                    .any(|(_, value)| has_variable(&value.node))
                || uses_variables(&field.node.selection_set.node, document, walked, depth + 1)
        }
        Selection::InlineFragment(fragment) => {
            directives_use(&fragment.node.directives)
                || uses_variables(&fragment.node.selection_set.node, document, walked, depth + 1)
        }
        Selection::FragmentSpread(spread) => {
            let name = &spread.node.fragment_name.node;
            directives_use(&spread.node.directives)
                || (walked.insert(name.clone())
                    && document.fragments.get(name).is_some_and(|fragment| {
                        directives_use(&fragment.node.directives)
                            || uses_variables(&fragment.node.selection_set.node, document, walked, depth + 1)
                    }))
        }
    })
}

/// Whether a value of the document names a variable.
fn has_variable(value: &DocumentValue) -> bool {
    match value {
        DocumentValue::Variable(_) => true,
        DocumentValue::List(items) => items.iter().any(has_variable),
        DocumentValue::Object(fields) => fields.values().any(has_variable),
        _ => false,
    }
}

/// A result as the JSON its `next` message carries.
fn written(mut result: Response) -> String {
    crate::error::code_input_refusals(&mut result);
    serde_json::to_string(&result).expect("responses serialise")
}

impl<E, I> Drop for Connection<E, I> {
    /// A connection that ends stops its runs (and so frees their seats).
    fn drop(&mut self) {
        for run in self.runs.values() {
            run.task.abort();
        }
    }
}

#[cfg(test)]
#[path = "subscription_socket_tests.rs"]
mod tests;
