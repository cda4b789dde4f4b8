//! A subgraph's graphql-transport-ws connection: one task per WebSocket that polls only the
//! subscriptions with something to send. async-graphql's own handler polls every subscription
//! of a connection for each message it sends, and the router carries thousands of clients'
//! subscriptions over one pooled connection per caller fingerprint, so a change that reaches
//! all of them cost N² polls (10 000 watchers of one product: seconds). Messages and close
//! codes follow the protocol (github.com/enisdenjo/graphql-ws, PROTOCOL.md); async-graphql
//! still parses the messages and runs the subscriptions.

use async_graphql::http::ClientMessage;
use async_graphql::{Data, Executor, Response};
use axum::extract::ws::{CloseFrame, Message, WebSocket};
use futures::future::{AbortHandle, Abortable};
use futures::stream::{self, BoxStream, SelectAll};
use futures::{FutureExt, SinkExt, StreamExt};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// A client that has not sent `connection_init` by then is closed (4408).
const INIT_WITHIN: Duration = Duration::from_secs(10);
/// Messages written before one flush when many subscriptions are ready at once.
const FLUSH_EVERY: usize = 256;

/// (subscription id, which subscribe of that id, the next result or `None` at its end).
type Outgoing = (String, u64, Option<Response>);

/// Serves one connection until either side closes it. `on_init` turns the `connection_init`
/// payload into the connection's data (the caller's identity) or a refusal (closed with 4403).
pub async fn serve<E: Executor>(
    socket: WebSocket,
    executor: E,
    on_init: impl FnOnce(serde_json::Value) -> Result<Data, String>,
) {
    let (mut sink, mut source) = socket.split();
    let mut connection = Connection {
        executor,
        on_init: Some(on_init),
        data: None,
        running: SelectAll::new(),
        stops: HashMap::new(),
        serial: 0,
    };
    let init_deadline = tokio::time::sleep(INIT_WITHIN);
    tokio::pin!(init_deadline);
    loop {
        let reply = tokio::select! {
            incoming = source.next() => match incoming {
                Some(Ok(Message::Text(text))) => connection.receive(text.as_bytes()),
                Some(Ok(Message::Binary(bytes))) => connection.receive(&bytes),
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => Reply::Nothing,
                Some(Ok(Message::Close(_)) | Err(_)) | None => return,
            },
            Some(first) = connection.running.next(), if !connection.running.is_empty() => {
                // Everything already waiting goes out under one flush.
                let mut ready = vec![first];
                while ready.len() < FLUSH_EVERY {
                    match connection.running.next().now_or_never() {
                        Some(Some(next)) => ready.push(next),
                        _ => break,
                    }
                }
                Reply::Send(ready.into_iter().filter_map(|out| connection.outgoing(out)).collect())
            },
            _ = &mut init_deadline, if connection.data.is_none() => {
                Reply::Close(4408, "Connection initialisation timeout")
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
    Next { id: &'a str, payload: &'a Response },
    Complete { id: &'a str },
    Pong,
}

impl ServerMessage<'_> {
    fn text(&self) -> String {
        serde_json::to_string(self).expect("server messages serialise")
    }
}

struct Connection<E, I> {
    executor: E,
    on_init: Option<I>,
    data: Option<Arc<Data>>,
    running: SelectAll<BoxStream<'static, Outgoing>>,
    /// The running subscriptions by id: which subscribe it was, and how to stop it.
    stops: HashMap<String, (u64, AbortHandle)>,
    serial: u64,
}

impl<E, I> Connection<E, I>
where
    E: Executor,
    I: FnOnce(serde_json::Value) -> Result<Data, String>,
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
                    Ok(data) => {
                        self.data = Some(Arc::new(data));
                        Reply::Send(vec![ServerMessage::ConnectionAck.text()])
                    }
                    Err(_) => Reply::Close(4403, "Forbidden"),
                }
            }
            ClientMessage::Start { id, payload } => {
                let Some(data) = self.data.clone() else {
                    return Reply::Close(4401, "Unauthorized");
                };
                if self.stops.contains_key(&id) {
                    return Reply::Close(4409, "Subscriber for this id already exists");
                }
                self.serial += 1;
                let serial = self.serial;
                let (stop, registration) = AbortHandle::new_pair();
                let results = Abortable::new(self.executor.execute_stream(payload, Some(data)), registration);
                let (for_next, for_end) = (id.clone(), id.clone());
                let stream = results
                    .map(move |result| (for_next.clone(), serial, Some(result)))
                    .chain(stream::once(async move { (for_end, serial, None) }));
                self.running.push(stream.boxed());
                self.stops.insert(id, (serial, stop));
                Reply::Nothing
            }
            ClientMessage::Stop { id } => match self.stops.remove(&id) {
                Some((_, stop)) => {
                    stop.abort();
                    Reply::Send(vec![ServerMessage::Complete { id: &id }.text()])
                }
                None => Reply::Nothing,
            },
            ClientMessage::ConnectionTerminate => Reply::Close(1000, "Normal closure"),
            ClientMessage::Ping { .. } => Reply::Send(vec![ServerMessage::Pong.text()]),
            ClientMessage::Pong { .. } => Reply::Nothing,
        }
    }

    /// The message for a subscription's next result or its end; nothing for the end of one the
    /// client already stopped (its id may be in use again).
    fn outgoing(&mut self, (id, serial, result): Outgoing) -> Option<String> {
        match result {
            Some(response) => Some(
                ServerMessage::Next {
                    id: &id,
                    payload: &response,
                }
                .text(),
            ),
            None => match self.stops.get(&id) {
                Some((current, _)) if *current == serial => {
                    self.stops.remove(&id);
                    Some(ServerMessage::Complete { id: &id }.text())
                }
                _ => None,
            },
        }
    }
}

#[cfg(test)]
#[path = "subscription_socket_tests.rs"]
mod tests;
