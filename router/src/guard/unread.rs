//! Clients that stop reading their subscriptions' results.
//!
//! - WebSockets: Hive 0.2.5 sends each result with ntex's `WsSink::send`, which appends to the
//!   connection's write buffer and never waits, so for a client that reads nothing (its TCP
//!   window shut, its kernel still acknowledging) the router kept every result, without end.
//!   Each WebSocket is closed once more than a limit of bytes waits for it ([`watch`]).
//! - Streams (SSE, multipart): there the write buffer stays small, since ntex takes the next
//!   result only when the buffer has room; the results wait instead in Hive's pipeline for the
//!   subscription (20 streams of 145 KB results held 162 MiB after two minutes, and growing),
//!   and the subscription runs on in its subgraph. A stream whose client has taken nothing
//!   for a while is closed ([`watch_stream`]), which drops Hive's stream and what it held.
//!
//! Sockets are looked at every [`CHECK_EVERY`]; the client, if it is still there, reconnects
//! and starts from the current state.

use hive_router::ntex::io::IoRef;
use hive_router::ntex::{rt, time};
use std::cell::{Cell, RefCell};
use std::rc::Weak;
use std::task::{Context, Waker};
use std::time::{Duration, Instant};

/// How often a WebSocket's unsent bytes are looked at.
pub const CHECK_EVERY: time::Millis = time::Millis(1_000);

/// Watches `socket` until it closes: closes it once more than `most_unsent` bytes wait to be
/// sent to it (0: never), and counts that in `closed`. Call it on the thread that serves it
/// (ntex's connections never leave the thread that accepted them).
pub fn watch(socket: &IoRef, most_unsent: usize, closed: &prometheus::IntCounter) {
    if most_unsent == 0 {
        return;
    }
    let (socket, closed) = (socket.clone(), closed.clone());
    rt::spawn(async move {
        while !socket.is_closed() {
            time::sleep(CHECK_EVERY).await;
            let waiting = unsent(&socket);
            if waiting > most_unsent {
                tracing::warn!(
                    waiting,
                    most_unsent,
                    "closing a WebSocket whose client reads nothing"
                );
                socket.terminate();
                closed.inc();
                return;
            }
        }
    });
}

/// What a streamed response's body tells its watcher ([`watch_stream`]): how many results ntex
/// has taken from it (it takes the next only once the connection's buffer has room, so each is
/// the client reading), and how to wake the connection's task. Dropped with the body.
#[derive(Default)]
pub struct StreamProgress {
    taken: Cell<u64>,
    waker: RefCell<Option<Waker>>,
}

impl StreamProgress {
    /// Called by the body each time ntex polls it, with what the poll gave.
    pub fn polled(&self, cx: &Context<'_>, gave_a_result: bool) {
        if gave_a_result {
            self.taken.set(self.taken.get() + 1);
        }
        let mut waker = self.waker.borrow_mut();
        if !waker.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
            *waker = Some(cx.waker().clone());
        }
    }
}

/// Watches `socket` while it carries a streamed response (until its body, which holds
/// `progress`, is dropped): closes it once bytes have waited for its client for
/// `stalled_after` with neither their number going down nor a result taken (`ZERO`: never),
/// and counts that in `closed`. Call it on the thread that serves it.
pub fn watch_stream(
    socket: &IoRef,
    progress: Weak<StreamProgress>,
    stalled_after: Duration,
    closed: &prometheus::IntCounter,
) {
    if stalled_after.is_zero() {
        return;
    }
    let (socket, closed) = (socket.clone(), closed.clone());
    rt::spawn(async move {
        let mut stall = Stall::default();
        loop {
            time::sleep(CHECK_EVERY).await;
            // Looked at after the sleep: the stream may have ended meanwhile, and the
            // connection gone on to another request.
            let Some(progress) = progress.upgrade() else {
                return;
            };
            if socket.is_closed() {
                return;
            }
            let waiting = unsent(&socket);
            let stalled_for = stall.observe(waiting, progress.taken.get(), Instant::now());
            if stalled_for >= stalled_after {
                tracing::warn!(
                    waiting,
                    ?stalled_for,
                    "closing a subscription stream whose client reads nothing"
                );
                socket.terminate();
                // ntex may be waiting for the body's next result rather than for the network,
                // and only looks at the connection again when woken.
                if let Some(waker) = progress.waker.take() {
                    waker.wake();
                }
                closed.inc();
                return;
            }
        }
    });
}

/// How long a client has taken nothing of what waits for it. A client that reads makes the
/// bytes waiting go down, or lets ntex take the next result into the room it made; one that
/// takes nothing leaves both as they are.
#[derive(Debug, Default)]
struct Stall {
    /// The bytes waiting and the results taken at the last look, and since when neither moved.
    waiting: Option<(usize, u64, Instant)>,
}

impl Stall {
    fn observe(&mut self, waiting: usize, taken: u64, now: Instant) -> Duration {
        self.waiting = match self.waiting {
            _ if waiting == 0 => None,
            Some((before, taken_before, since)) if waiting >= before && taken == taken_before => {
                Some((waiting, taken, since))
            }
            _ => Some((waiting, taken, now)),
        };
        self.waiting.map_or(Duration::ZERO, |(_, _, since)| now - since)
    }
}

/// Bytes written for `socket` and not yet taken by the network: the buffer results are
/// written to, or, behind TLS, the encrypted one if larger.
fn unsent(socket: &IoRef) -> usize {
    let written = socket.with_write_buf(|buffer| buffer.len()).unwrap_or(0);
    written.max(socket.with_write_dst_buf(|buffer| buffer.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_taking_nothing_stalls_and_one_taking_anything_does_not() {
        let start = Instant::now();
        let at = |secs| start + Duration::from_secs(secs);
        let mut stall = Stall::default();
        assert_eq!(stall.observe(0, 0, at(0)), Duration::ZERO);
        // Bytes waiting, then the same or more, no result taken: nothing taken since the
        // first look.
        assert_eq!(stall.observe(900, 0, at(1)), Duration::ZERO);
        assert_eq!(stall.observe(900, 0, at(2)), Duration::from_secs(1));
        assert_eq!(stall.observe(4_000, 0, at(5)), Duration::from_secs(4));
        // Fewer: the client took some, and the count starts again.
        assert_eq!(stall.observe(3_000, 0, at(6)), Duration::ZERO);
        assert_eq!(stall.observe(3_000, 0, at(8)), Duration::from_secs(2));
        // As many again, but ntex took a result into the room the client made: it reads.
        assert_eq!(stall.observe(3_000, 1, at(9)), Duration::ZERO);
        assert_eq!(stall.observe(3_100, 1, at(10)), Duration::from_secs(1));
        // Nothing waiting: all was taken.
        assert_eq!(stall.observe(0, 1, at(11)), Duration::ZERO);
        assert_eq!(stall.observe(10, 1, at(12)), Duration::ZERO);
        assert_eq!(stall.observe(10, 1, at(13)), Duration::from_secs(1));
    }
}
