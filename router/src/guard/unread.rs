//! WebSocket clients that stop reading. Hive 0.2.5 sends each subscription result to its
//! WebSocket with ntex's `WsSink::send`, which appends to the connection's write buffer and
//! never waits, so for a client that reads nothing (its TCP window shut, its kernel still
//! acknowledging) the router kept every result, without end. Each WebSocket is looked at
//! every [`CHECK_EVERY`] and closed with more than the limit waiting; the client, if it is
//! still there, reconnects and starts from the current state.

use hive_router::ntex::io::IoRef;
use hive_router::ntex::{rt, time};

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

/// Bytes written for `socket` and not yet taken by the network: the buffer results are
/// written to, or, behind TLS, the encrypted one if larger.
fn unsent(socket: &IoRef) -> usize {
    let written = socket.with_write_buf(|buffer| buffer.len()).unwrap_or(0);
    written.max(socket.with_write_dst_buf(|buffer| buffer.len()))
}
