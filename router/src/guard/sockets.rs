//! Open long-lived connections, per client address and in all: WebSockets, and subscriptions
//! streamed over HTTP (SSE or multipart). Each holds memory for as long as the client keeps it
//! (tens of KiB in Hive's server with its tasks, and a subscription in a subgraph), and an
//! idle one never times out; the address rate limit only slows their opening. Each upgrade
//! takes a seat that its connection's plugin context keeps, so the seat comes back when Hive
//! drops the connection; each streamed response carries its seat in its body
//! ([`hold_while_streaming`]), so it comes back when the stream ends or the client leaves.

use super::unread::StreamProgress;
use hive_router::ntex::http::body::{Body, BodySize, MessageBody};
use hive_router::ntex::http::header::CONTENT_TYPE;
use hive_router::ntex::util::Bytes;
use hive_router::ntex::web::WebResponse;
use std::collections::HashMap;
use std::net::IpAddr;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

/// How many connections may be open; 0 turns a limit off.
#[derive(Debug, Clone, Copy)]
pub struct SocketLimits {
    pub per_address: usize,
    pub total: usize,
}

#[derive(Clone)]
pub struct OpenSockets(Arc<Inner>);

struct Inner {
    limits: SocketLimits,
    state: Mutex<Open>,
}

#[derive(Default)]
struct Open {
    total: usize,
    per_address: HashMap<IpAddr, usize>,
}

/// Why an upgrade was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Full {
    Address,
    Router,
}

impl OpenSockets {
    pub fn new(limits: SocketLimits) -> Self {
        OpenSockets(Arc::new(Inner {
            limits,
            state: Mutex::default(),
        }))
    }

    /// A seat for one more connection from `address`, held until dropped.
    pub fn take(&self, address: IpAddr) -> Result<SocketSeat, Full> {
        let address = block_of(address);
        let limits = self.0.limits;
        let mut open = self.0.state.lock().expect("sockets lock");
        if limits.total > 0 && open.total >= limits.total {
            return Err(Full::Router);
        }
        let from_address = open.per_address.get(&address).copied().unwrap_or(0);
        if limits.per_address > 0 && from_address >= limits.per_address {
            return Err(Full::Address);
        }
        open.total += 1;
        open.per_address.insert(address, from_address + 1);
        Ok(SocketSeat {
            sockets: self.0.clone(),
            address,
        })
    }

    #[cfg(test)]
    fn open(&self) -> usize {
        self.0.state.lock().expect("sockets lock").total
    }
}

/// The block an address is counted in, as the rate limit counts it (`rate::address_key`): an
/// IPv6 address by its /64, which one client holds whole and could walk through.
fn block_of(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(std::net::Ipv6Addr::from(v6.to_bits() & !u128::from(u64::MAX))),
        },
    }
}

/// One open connection's place.
pub struct SocketSeat {
    sockets: Arc<Inner>,
    address: IpAddr,
}

impl Drop for SocketSeat {
    fn drop(&mut self) {
        let mut open = self.sockets.state.lock().expect("sockets lock");
        open.total -= 1;
        if let Some(count) = open.per_address.get_mut(&self.address) {
            *count -= 1;
            if *count == 0 {
                open.per_address.remove(&self.address);
            }
        }
    }
}

/// Whether `response` is a stream of results (a subscription over SSE or multipart) rather
/// than one result.
pub fn is_streamed(response: &WebResponse) -> bool {
    response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/event-stream") || value.starts_with("multipart/mixed"))
}

/// `response` with `seat` kept until its body is dropped (sent to its end, or its client
/// gone), and each poll of the body told to `progress`.
pub fn hold_while_streaming(
    response: WebResponse,
    seat: SocketSeat,
    progress: Rc<StreamProgress>,
) -> WebResponse {
    response.map_body(|_head, body| {
        Body::from_message(SeatedBody {
            inner: body.into_body().into(),
            _seat: seat,
            progress,
        })
        .into()
    })
}

struct SeatedBody {
    inner: Body,
    _seat: SocketSeat,
    progress: Rc<StreamProgress>,
}

impl MessageBody for SeatedBody {
    fn size(&self) -> BodySize {
        self.inner.size()
    }

    fn poll_next_chunk(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Rc<dyn std::error::Error>>>> {
        let polled = self.inner.poll_next_chunk(cx);
        self.progress
            .polled(cx, matches!(polled, Poll::Ready(Some(Ok(_)))));
        polled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(last: u8) -> IpAddr {
        IpAddr::from([10, 0, 0, last])
    }

    #[test]
    fn an_address_and_the_router_each_hold_a_bounded_number_and_get_them_back() {
        let sockets = OpenSockets::new(SocketLimits {
            per_address: 2,
            total: 3,
        });
        let first = [
            sockets.take(address(1)).unwrap(),
            sockets.take(address(1)).unwrap(),
        ];
        assert_eq!(sockets.take(address(1)).err(), Some(Full::Address));
        let other = sockets.take(address(2)).unwrap();
        assert_eq!(sockets.take(address(3)).err(), Some(Full::Router));
        drop(first);
        assert_eq!(sockets.open(), 1);
        let again = sockets.take(address(1)).unwrap();
        drop((other, again));
        assert_eq!(sockets.open(), 0);
        assert!(sockets.0.state.lock().unwrap().per_address.is_empty());
    }

    #[test]
    fn an_ipv6_client_counts_as_its_64() {
        let sockets = OpenSockets::new(SocketLimits {
            per_address: 2,
            total: 0,
        });
        let v6 = |host: u16| IpAddr::from([0x2001, 0xdb8, 1, 2, 0, 0, 0, host]);
        let _seats = [sockets.take(v6(1)).unwrap(), sockets.take(v6(2)).unwrap()];
        assert_eq!(sockets.take(v6(3)).err(), Some(Full::Address));
        assert!(sockets
            .take(IpAddr::from([0x2001, 0xdb8, 1, 3, 0, 0, 0, 1]))
            .is_ok());
        // An IPv4 client seen through a mapped address is that IPv4 address.
        let mapped: IpAddr = "::ffff:10.0.0.1".parse().unwrap();
        let _v4 = [sockets.take(address(1)).unwrap(), sockets.take(mapped).unwrap()];
        assert_eq!(sockets.take(address(1)).err(), Some(Full::Address));
    }

    #[test]
    fn zero_turns_a_limit_off() {
        let sockets = OpenSockets::new(SocketLimits {
            per_address: 0,
            total: 0,
        });
        let seats: Vec<_> = (0..1000).map(|_| sockets.take(address(1)).unwrap()).collect();
        assert_eq!(sockets.open(), 1000);
        drop(seats);
        assert_eq!(sockets.open(), 0);
    }
}
