//! Live subscriptions from the event bus: a subgraph describes a live field once (which keys
//! an event concerns, how to read many keys' states at once) and each subscriber follows one
//! key. The state is read again after events (events say *that* something changed; the
//! database says what it is now), so a subscriber always sees committed state, enriched by the
//! router like any query result. The reading is shared: one hub per field decodes each event
//! once, routes it to that key's subscribers only, and reads every key a batch of events
//! changed in one query (see `hub.rs`).
//!
//! Limits and policies, the same for every subscription:
//! - Slow subscribers: a newer state replaces a queued one it supersedes (a position), so a
//!   slow client gets the latest state; one with more than [`QUEUE_BOUND`] states waiting that
//!   none supersedes, or whose hub lost events, gets one `CONFLICT` error ("subscribe again")
//!   and its stream ends. Nobody else waits for it.
//! - At most [`PER_CALLER`] live subscriptions per signed-in caller, [`ANONYMOUS`] anonymous
//!   ones and [`PER_PROCESS`] in all (`RATE_LIMITED` beyond). A caller at their limit who
//!   subscribes again ends their oldest duplicate instead, if they hold one (see `seats.rs`).
//! - A subscription ends with `UNAUTHENTICATED` when the caller's access token expires.
//! - A closed connection drops its streams and everything they hold; the
//!   `vitrine_live_subscriptions` gauge counts those still open.

use crate::error::{ApiError, GqlResultExt};
use crate::events::{Event, EventBus};
use crate::identity::SessionExpiry;
use async_graphql::{Context, OutputType, Response};
use futures::future::BoxFuture;
use futures::stream::{self, Stream, StreamExt};
use handoff::{Follower, ResolveAs, Shape};
use hub::{Hub, Next, Registration};
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

mod handoff;
mod hub;
mod seats;
#[cfg(test)]
mod tests;

pub use handoff::{Handoff, HandoffSlot, ShapeCell};
pub use hub::QUEUE_BOUND;
#[cfg(test)]
use seats::Limits;
pub(crate) use seats::{Seat, Seats};
pub use seats::{ANONYMOUS, PER_CALLER, PER_PROCESS};

/// Reads the states of many ids at once: `(id, state)` pairs.
pub type LoadMany<T> =
    Box<dyn Fn(Vec<String>) -> BoxFuture<'static, anyhow::Result<Vec<(String, T)>>> + Send + Sync>;

/// A live field, described once per field and event bus.
pub struct LiveField<T> {
    /// Names the field's hub (unique across the subgraphs sharing a bus): `"orders.orderStatusChanged"`.
    pub name: &'static str,
    /// The topics `routes` reads. The subgraph declares them to its bus at start
    /// ([`EventBus::read_live`]): with NATS, a process's live feed reads nothing else.
    pub topics: &'static [&'static str],
    /// What an event concerns: (subscriber key, id of the state to read) pairs, e.g. an order's
    /// status change → (order id, order id); a new notification → (customer id, notification id).
    pub routes: fn(&Event) -> Vec<(String, String)>,
    /// The states of many ids in one read; an id left out is skipped.
    pub load: LoadMany<T>,
    /// Whether the first state may replace the second while it waits for a slow client
    /// (a courier moved again: yes; the status changed: no).
    pub supersedes: fn(&T, &T) -> bool,
    /// After sending a state for which this is true, the subscription completes.
    pub is_last: fn(&T) -> bool,
}

/// The hubs of one event bus, by field name, and their reads.
pub(crate) struct Hubs {
    hubs: Mutex<HashMap<&'static str, Arc<dyn Any + Send + Sync>>>,
    reads: prometheus::IntCounterVec,
}

impl Default for Hubs {
    fn default() -> Self {
        let opts = prometheus::Opts::new(
            "vitrine_live_reads_total",
            "Reads of changed state for live subscribers, by field (one per batch of events)",
        );
        Hubs {
            hubs: Mutex::default(),
            reads: prometheus::IntCounterVec::new(opts, &["field"]).expect("valid metric definition"),
        }
    }
}

impl Hubs {
    pub(crate) fn reads(&self) -> &prometheus::IntCounterVec {
        &self.reads
    }

    fn get_or_start<T: Clone + Send + Sync + 'static>(
        &self,
        bus: &EventBus,
        name: &'static str,
        field: impl FnOnce() -> LiveField<T>,
    ) -> Arc<Hub<T>> {
        let mut hubs = self.hubs.lock().expect("live hubs lock");
        if let Some(hub) = hubs
            .get(name)
            .and_then(|hub| hub.clone().downcast::<Hub<T>>().ok())
        {
            return hub;
        }
        let field = field();
        // A field whose topics were not declared gets no events with NATS: loud in the log,
        // fatal in tests.
        for topic in field.topics.iter().filter(|topic| !bus.reads_live(topic)) {
            tracing::error!(
                field = name,
                topic,
                "live topic not declared with EventBus::read_live"
            );
            if cfg!(debug_assertions) {
                panic!("live field {name} follows {topic}, which its subgraph did not declare");
            }
        }
        let hub = Hub::start(field, bus.live(), self.reads.with_label_values(&[name]));
        hubs.insert(name, hub.clone());
        hub
    }
}

struct State<T> {
    registration: Registration<T>,
    /// Boxed: the state lives as long as the subscription, and an empty `Option<T>` inline
    /// would keep a whole `T`'s room (a delivery: a few hundred bytes) in each.
    next: Option<Box<T>>,
    done: bool,
    expires: std::pin::Pin<Box<tokio::time::Sleep>>,
    seat: Seat,
}

/// The stream of `key`'s states as `view` shows them: `first` (if any), then each change
/// `field`'s hub routes to `key`. `field` is called only when the bus has no hub for `name`
/// yet. When the request's data holds a [`HandoffSlot`], the stream ends after `first` and the
/// rest is left in the slot's [`Handoff`] (see `handoff.rs`).
pub fn follow<T, V>(
    ctx: &Context<'_>,
    name: &'static str,
    field: impl FnOnce() -> LiveField<T>,
    key: String,
    first: Option<T>,
    view: fn(T) -> V,
) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<V>>>
where
    T: Clone + Send + Sync + 'static,
    V: OutputType + 'static,
{
    let bus = ctx.data_unchecked::<Arc<EventBus>>();
    let follows = format!("{name}({key})");
    let seat = bus
        .seats()
        .take(crate::auth::caller(ctx).sub.as_deref(), Some(&follows))
        .gql()?;
    let expires = match ctx.data_opt::<SessionExpiry>() {
        Some(SessionExpiry(at)) => {
            let left = (*at - chrono::Utc::now().timestamp()).max(0) as u64;
            tokio::time::sleep(std::time::Duration::from_secs(left))
        }
        // No expiry known (a service, or a signer that did not say): far away.
        None => tokio::time::sleep(std::time::Duration::from_secs(365 * 24 * 3600)),
    };
    let hub = bus.hubs().get_or_start(bus, name, field);
    let mut state = State {
        registration: hub.join(key),
        next: None,
        done: false,
        expires: Box::pin(expires),
        seat,
    };
    let handoff = ctx.data_opt::<HandoffSlot>().and_then(HandoffSlot::handoff);
    let first_is_last = first
        .as_ref()
        .is_some_and(|first| state.registration.is_last(first));
    if let Some(handoff) = handoff.filter(|_| !first_is_last) {
        let follower = Following {
            state,
            view,
            resolve_as: ResolveAs::of(ctx),
        };
        handoff.put(ctx, Box::new(follower));
        return Ok(stream::iter(first.map(|first| Ok(view(first)))).left_stream());
    }
    state.next = first.map(Box::new);
    let states = stream::unfold(state, move |mut state| async move {
        let next = state.next().await?;
        Some((next.map(view), state))
    });
    Ok(states.right_stream())
}

impl<T: Clone + Send + Sync + 'static> State<T> {
    /// The next state, an error that ends the subscription, or `None` after its end.
    async fn next(&mut self) -> Option<async_graphql::Result<T>> {
        if self.done {
            return None;
        }
        let next = match self.next.take() {
            Some(value) => Next::State(*value),
            None => loop {
                let slot = self.registration.slot.clone();
                if let Some(next) = slot.take() {
                    break next;
                }
                tokio::select! {
                    _ = slot.ready.notified() => {}
                    _ = &mut self.expires => {
                        self.done = true;
                        let expired = ApiError::Unauthenticated("your sign-in expired: sign in again and resubscribe".into());
                        return Some(Err(expired).gql());
                    }
                    _ = self.seat.replaced() => {
                        self.done = true;
                        let duplicate = ApiError::Conflict(
                            "ended for a newer identical subscription of yours: you hold the most live subscriptions allowed".into(),
                        );
                        return Some(Err(duplicate).gql());
                    }
                }
            },
        };
        match next {
            Next::State(value) => {
                self.done = self.registration.is_last(&value);
                Some(Ok(value))
            }
            Next::Behind => {
                self.done = true;
                let behind = ApiError::Conflict("fell too far behind: subscribe again".into());
                Some(Err(behind).gql())
            }
        }
    }
}

/// A subscription's states after the first, once handed over.
struct Following<T, V> {
    state: State<T>,
    view: fn(T) -> V,
    resolve_as: ResolveAs,
}

impl<T, V> Follower for Following<T, V>
where
    T: Clone + Send + Sync + 'static,
    V: OutputType + 'static,
{
    fn next<'a>(&'a mut self, shape: &'a Shape) -> BoxFuture<'a, Option<Response>> {
        Box::pin(async move {
            let item = self.state.next().await?.map(self.view);
            Some(self.resolve_as.resolve(shape, &item).await)
        })
    }
}
