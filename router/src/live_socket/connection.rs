//! One client's graphql-transport-ws connection: the protocol's messages in, each operation's
//! results out through one queue that a writer task empties into the socket, in order for each
//! subscription (the protocol's own replies, `connection_ack`, `pong` and closes, go straight
//! out). Heartbeat, handshake deadline and frame checks are Hive's own.
//!
//! A subscription id is taken from its `subscribe` until its last message (`complete` or
//! `error`) is written, or the client completes it; a message for an id that has since been
//! completed, or taken by a newer subscription, is not sent.

use super::operation::{header_map, subscribe, Connection, Started};
use super::runs::{Member, Membership, Outbound};
use futures::channel::mpsc::{unbounded, UnboundedReceiver, UnboundedSender};
use futures::StreamExt;
use hive_router::executor::executors::graphql_transport_ws::{ClientMessage, CloseCode, ServerMessage};
use hive_router::executor::executors::websocket_common::{
    handshake_timeout, heartbeat, parse_frame_to_text, FrameNotParsedToText, WsState,
};
use hive_router::ntex::channel::oneshot;
use hive_router::ntex::http::HeaderMap;
use hive_router::ntex::service::{fn_service, fn_shutdown, Service};
use hive_router::ntex::util::ByteString;
use hive_router::ntex::web::ws;
use hive_router::ntex::{chain, rt};
use std::cell::RefCell;
use std::io;
use std::rc::{Rc, Weak};
use std::sync::Arc;

/// A subscription id in use on the connection, with its ticket: the member id allocated for
/// its `subscribe` message, which every message for it carries, so that one for an earlier
/// subscription under the same id is told apart.
struct Slot {
    ticket: Arc<str>,
    /// `None` while its operation is still going through the pipeline. Held, not read:
    /// dropping it leaves the run.
    _membership: Option<Membership>,
}

impl Slot {
    fn holds(&self, ticket: &Arc<str>) -> bool {
        Arc::ptr_eq(&self.ticket, ticket)
    }
}

type State = Rc<RefCell<WsState<Slot>>>;

/// The longest subscription id taken: each is kept while its subscription runs and written
/// into every message for it, so a 64 KB one (the largest frame ntex reads) made 1 000
/// subscriptions from one address hold 140 MB. Clients number theirs or use UUIDs.
const MAX_ID_BYTES: usize = 128;

/// The service for one upgraded connection; `accepted`: the client offered
/// graphql-transport-ws (otherwise it is told 4406 and closed, as Hive does).
pub async fn serve(
    accepted: bool,
    sink: ws::WsSink,
    connection: Rc<Connection>,
) -> Result<
    impl Service<ws::Frame, Response = Option<ws::Message>, Error = io::Error>,
    hive_router::ntex::web::Error,
> {
    if !accepted {
        let _ = sink.send(CloseCode::SubprotocolNotAcceptable.into()).await;
    }
    let (heartbeat_stop, heartbeat_stopped) = oneshot::channel();
    let (acknowledged, acknowledged_rx) = oneshot::channel();
    let state: State = Rc::new(RefCell::new(WsState::new(acknowledged)));
    rt::spawn(heartbeat(state.clone(), sink.clone(), heartbeat_stopped));
    rt::spawn(handshake_timeout(
        state.clone(),
        sink.clone(),
        acknowledged_rx,
        CloseCode::ConnectionInitTimeout,
    ));
    // futures' channel rather than tokio's, whose first block of 32 messages (about 2 KiB) is
    // allocated when it is made: one per connection, and most carry a single subscription.
    let (outbound, queued) = unbounded();
    rt::spawn(write(queued, sink, Rc::downgrade(&state)));
    let init_headers: Rc<RefCell<HeaderMap>> = Rc::default();

    let frames_state = state.clone();
    let service = fn_service(move |frame| {
        let state = frames_state.clone();
        let connection = connection.clone();
        let outbound = outbound.clone();
        let init_headers = init_headers.clone();
        async move {
            Ok(match parse_frame_to_text(frame, &state) {
                Ok(text) => handle(&text, &state, &connection, &outbound, &init_headers).await,
                Err(FrameNotParsedToText::Message(message)) => Some(message),
                Err(FrameNotParsedToText::Closed | FrameNotParsedToText::None) => None,
            })
        }
    });
    let on_shutdown = fn_shutdown(async move || {
        let _ = heartbeat_stop.send(());
        if let Some(acknowledged) = state.borrow_mut().acknowledged_tx.take() {
            let _ = acknowledged.send(());
        }
        // Leaves every run: a run nobody follows any more stops.
        state.borrow_mut().subscriptions.clear();
    });
    Ok(chain(service).and_then(on_shutdown))
}

async fn handle(
    text: &str,
    state: &State,
    connection: &Connection,
    outbound: &UnboundedSender<Outbound>,
    init_headers: &RefCell<HeaderMap>,
) -> Option<ws::Message> {
    let Ok(message) = sonic_rs::from_str::<ClientMessage>(text) else {
        return Some(CloseCode::BadRequest("Invalid message received from client").into());
    };
    match message {
        ClientMessage::ConnectionInit { payload } => {
            if state.borrow().handshake_received {
                return Some(CloseCode::TooManyInitialisationRequests.into());
            }
            let accepts = connection
                .shared_state
                .router_config
                .websocket
                .headers
                .accepts_connection_headers();
            if let Some(payload) = payload.as_ref().filter(|_| accepts) {
                *init_headers.borrow_mut() = connection_headers(&payload.fields);
            }
            // The payload itself is not kept: its headers are all that is read of it.
            let mut state = state.borrow_mut();
            state.handshake_received = true;
            state.complete_handshake();
            Some(ServerMessage::ack())
        }
        ClientMessage::Subscribe { id, payload } => {
            if let Some(refusal) = state.borrow().check_acknowledged() {
                return Some(refusal);
            }
            if id.len() > MAX_ID_BYTES {
                return Some(CloseCode::BadRequest("Subscription id too long").into());
            }
            if state.borrow().subscriptions.contains_key(&id) {
                return Some(CloseCode::SubscriberAlreadyExists(id).into());
            }
            let member = Member {
                id: Arc::from(id.as_str()),
                outbound: outbound.clone(),
            };
            let ticket = member.id.clone();
            let slot = Slot {
                ticket: ticket.clone(),
                _membership: None,
            };
            state.borrow_mut().subscriptions.insert(id.clone(), slot);
            let headers = init_headers.borrow().clone();
            let started = subscribe(connection, headers, payload, member).await;
            match started {
                // Kept until its last message is written; dropped at once if the client
                // completed it meanwhile.
                Started::Following(membership) => {
                    let mut state = state.borrow_mut();
                    if let Some(slot) = state
                        .subscriptions
                        .get_mut(&id)
                        .filter(|slot| slot.holds(&ticket))
                    {
                        slot._membership = Some(membership);
                    }
                }
                // Its last message is queued; writing it frees the id.
                Started::Done => {}
                Started::Refused(errors) => {
                    let _ = outbound.unbounded_send(Outbound::Error { id: ticket, errors });
                }
            }
            None
        }
        ClientMessage::Complete { id } => {
            if let Some(refusal) = state.borrow().check_acknowledged() {
                return Some(refusal);
            }
            state.borrow_mut().subscriptions.remove(&id);
            None
        }
        ClientMessage::Ping {} => Some(ServerMessage::pong()),
        ClientMessage::Pong {} => None,
    }
}

/// The headers a `connection_init` payload carries: its `headers` object if it has one, else
/// its top-level fields (as Hive reads them).
fn connection_headers(fields: &std::collections::HashMap<String, sonic_rs::Value>) -> HeaderMap {
    use sonic_rs::JsonContainerTrait;
    if let Some(headers) = fields.get("headers").and_then(|headers| headers.as_object()) {
        return header_map(headers.iter());
    }
    header_map(fields.iter().map(|(name, value)| (name.as_str(), value)))
}

/// Sends what the connection's operations queue, in order, until the connection closes (every
/// sender gone) or a close is queued: each subscription's messages while it holds its id, the
/// id freed with its last one.
async fn write(
    mut queued: UnboundedReceiver<Outbound>,
    sink: ws::WsSink,
    state: Weak<RefCell<WsState<Slot>>>,
) {
    while let Some(outbound) = queued.next().await {
        let message = match outbound {
            Outbound::Close(code) => {
                let _ = sink.send(code.into()).await;
                return;
            }
            Outbound::Next { id, result } => current(&state, &id, false).then(|| next(&id, &result)),
            Outbound::Error { id, errors } => {
                current(&state, &id, true).then(|| ServerMessage::error(&id, &errors))
            }
            Outbound::Complete { id } => current(&state, &id, true).then(|| ServerMessage::complete(&id)),
        };
        if let Some(message) = message {
            if sink.send(message).await.is_err() {
                return;
            }
        }
    }
}

/// Whether `ticket` still holds its id on the connection (freeing the id when `last`).
fn current(state: &Weak<RefCell<WsState<Slot>>>, ticket: &Arc<str>, last: bool) -> bool {
    let Some(state) = state.upgrade() else {
        return false;
    };
    let mut state = state.borrow_mut();
    let id: &str = ticket;
    if !state.subscriptions.get(id).is_some_and(|slot| slot.holds(ticket)) {
        return false;
    }
    if last {
        // Dropped after the borrow: leaving a run takes only the run's lock.
        let freed = state.subscriptions.remove(id);
        drop(state);
        drop(freed);
    }
    true
}

/// `{"id":…,"type":"next","payload":<result>}`, the result spliced in as it is (Hive's own
/// `ServerMessage::next` parses it into a tree first and writes that out again).
fn next(id: &str, result: &[u8]) -> ws::Message {
    let Ok(result) = std::str::from_utf8(result) else {
        return CloseCode::InternalServerError(None).into();
    };
    let id = serde_json::to_string(id).unwrap_or_else(|_| "\"\"".into());
    let mut text = String::with_capacity(id.len() + result.len() + 32);
    text.push_str("{\"id\":");
    text.push_str(&id);
    text.push_str(",\"type\":\"next\",\"payload\":");
    text.push_str(result);
    text.push('}');
    ws::Message::Text(ByteString::from(text))
}
