//! Live subscriptions from the event bus: a subgraph says which events concern the subscriber
//! and how to read the current state, and gets a GraphQL stream. The state is read again after
//! each event (events say *that* something changed; the database says what it is now), so a
//! subscriber always sees committed state, enriched by the router like any query result.
//!
//! Limits and policies, the same for every subscription:
//! - Slow subscribers: each reads its own view of the process's live feed; one that falls more
//!   than [`crate::events::LIVE_BUFFER`] events behind gets one `CONFLICT` error ("subscribe
//!   again") and its stream ends. Nobody else waits for it.
//! - At most [`PER_CALLER`] live subscriptions per signed-in caller and [`PER_PROCESS`] in all
//!   (`RATE_LIMITED` beyond).
//! - A subscription ends with `UNAUTHENTICATED` when the caller's access token expires.
//! - A closed connection drops its streams and everything they hold; the
//!   `vitrine_live_subscriptions` gauge counts those still open.

use crate::error::{ApiError, GqlResultExt};
use crate::events::{Event, EventBus};
use crate::identity::SessionExpiry;
use async_graphql::Context;
use futures::future::BoxFuture;
use futures::stream::{self, Stream};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast::error::RecvError;

/// Live subscriptions one signed-in caller may hold at once in a process.
pub const PER_CALLER: usize = 100;
/// Live subscriptions a process holds at most (anonymous ones included).
pub const PER_PROCESS: usize = 50_000;

/// The live subscriptions of one event bus: the open count (a gauge in the system's metrics)
/// and how many each signed-in caller holds. Per caller rather than per connection: Hive 0.2.5
/// carries many clients' subscriptions over one pooled WebSocket to a subgraph, and offers no
/// per-connection limit of its own.
pub(crate) struct Seats(Arc<SeatsInner>);

struct SeatsInner {
    open: prometheus::IntGauge,
    per_caller: Mutex<HashMap<String, usize>>,
}

impl Default for Seats {
    fn default() -> Self {
        let open = prometheus::IntGauge::new("vitrine_live_subscriptions", "Open live subscriptions")
            .expect("valid metric definition");
        Seats(Arc::new(SeatsInner {
            open,
            per_caller: Mutex::default(),
        }))
    }
}

impl Seats {
    pub(crate) fn gauge(&self) -> &prometheus::IntGauge {
        &self.0.open
    }

    fn take(&self, caller: Option<&str>) -> Result<Seat, ApiError> {
        if self.0.open.get() >= PER_PROCESS as i64 {
            return Err(ApiError::RateLimited(
                "too many live subscriptions; try again later".into(),
            ));
        }
        if let Some(caller) = caller {
            let mut open = self.0.per_caller.lock().expect("live lock");
            let count = open.entry(caller.to_string()).or_default();
            if *count >= PER_CALLER {
                return Err(ApiError::RateLimited(format!(
                    "at most {PER_CALLER} live subscriptions at once"
                )));
            }
            *count += 1;
        }
        self.0.open.inc();
        Ok(Seat {
            seats: self.0.clone(),
            caller: caller.map(str::to_string),
        })
    }
}

/// Holds one subscription's place (per caller and in the gauge) until dropped.
struct Seat {
    seats: Arc<SeatsInner>,
    caller: Option<String>,
}

impl Drop for Seat {
    fn drop(&mut self) {
        self.seats.open.dec();
        if let Some(caller) = &self.caller {
            let mut open = self.seats.per_caller.lock().expect("live lock");
            if let Some(count) = open.get_mut(caller) {
                *count -= 1;
                if *count == 0 {
                    open.remove(caller);
                }
            }
        }
    }
}

/// What a live subscription needs from its subgraph.
pub struct Watch<T> {
    /// Sent first: the state when the subscription starts (None: wait for the first event).
    pub first: Option<T>,
    /// Whether an event may have changed what this subscriber watches.
    pub concerns: Box<dyn Fn(&Event) -> bool + Send + Sync>,
    /// The current state after `event`; None ends the subscription (it is gone).
    pub load: Box<dyn Fn(Event) -> BoxFuture<'static, anyhow::Result<Option<T>>> + Send + Sync>,
    /// After sending a state for which this is true, the subscription completes.
    pub is_last: fn(&T) -> bool,
}

struct State<T> {
    live: tokio::sync::broadcast::Receiver<Event>,
    next: Option<T>,
    done: bool,
    expires: std::pin::Pin<Box<tokio::time::Sleep>>,
    _seat: Seat,
}

/// The stream of states for `watch`, fed by the bus in `ctx`'s data.
pub fn watch<T: Send + 'static>(
    ctx: &Context<'_>,
    watch: Watch<T>,
) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<T>>> {
    let bus = ctx.data_unchecked::<Arc<EventBus>>();
    let seat = bus.seats().take(crate::auth::caller(ctx).sub.as_deref()).gql()?;
    let expires = match ctx.data_opt::<SessionExpiry>() {
        Some(SessionExpiry(at)) => {
            let left = (*at - chrono::Utc::now().timestamp()).max(0) as u64;
            tokio::time::sleep(std::time::Duration::from_secs(left))
        }
        // No expiry known (a service, or a signer that did not say): far away.
        None => tokio::time::sleep(std::time::Duration::from_secs(365 * 24 * 3600)),
    };
    let Watch {
        first,
        concerns,
        load,
        is_last,
    } = watch;
    let (concerns, load) = (Arc::new(concerns), Arc::new(load));
    let start = State {
        live: bus.live(),
        next: first,
        done: false,
        expires: Box::pin(expires),
        _seat: seat,
    };
    Ok(stream::unfold(start, move |mut state| {
        let (concerns, load) = (concerns.clone(), load.clone());
        async move {
            if state.done {
                return None;
            }
            if let Some(value) = state.next.take() {
                state.done = is_last(&value);
                return Some((Ok(value), state));
            }
            let event = loop {
                tokio::select! {
                    received = state.live.recv() => match received {
                        Ok(event) if concerns(&event) => break event,
                        Ok(_) => continue,
                        Err(RecvError::Lagged(_)) => {
                            state.done = true;
                            let behind = ApiError::Conflict("fell too far behind: subscribe again".into());
                            return Some((Err(behind).gql(), state));
                        }
                        Err(RecvError::Closed) => return None,
                    },
                    _ = &mut state.expires => {
                        state.done = true;
                        let expired = ApiError::Unauthenticated("your sign-in expired: sign in again and resubscribe".into());
                        return Some((Err(expired).gql(), state));
                    }
                }
            };
            match load(event).await {
                Ok(Some(value)) => {
                    state.done = is_last(&value);
                    Some((Ok(value), state))
                }
                Ok(None) => None,
                Err(err) => {
                    state.done = true;
                    Some((Err(ApiError::Internal(err)).gql(), state))
                }
            }
        }
    }))
}
