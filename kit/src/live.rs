//! Live subscriptions from the event bus: a subgraph says which events concern the subscriber
//! and how to read the current state, and gets a GraphQL stream. The state is read again after
//! each event (events say *that* something changed; the database says what it is now), so a
//! subscriber always sees committed state, enriched by the router like any query result.
//!
//! Drop policy: a subscriber that falls more than [`crate::events::LIVE_BUFFER`] events behind
//! (a stalled client) gets one `CONFLICT` error, "subscribe again", and its stream ends; no
//! other subscriber waits for it. Closing the connection drops the stream and its receiver.

use crate::error::{ApiError, GqlResultExt};
use crate::events::{Event, EventBus};
use futures::future::BoxFuture;
use futures::stream::{self, Stream};
use tokio::sync::broadcast::error::RecvError;

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

/// The stream of states for `watch`, fed by `bus`'s live events.
pub fn watch<T: Send + 'static>(
    bus: &EventBus,
    watch: Watch<T>,
) -> impl Stream<Item = async_graphql::Result<T>> {
    let Watch {
        first,
        concerns,
        load,
        is_last,
    } = watch;
    let (concerns, load) = (std::sync::Arc::new(concerns), std::sync::Arc::new(load));
    let start = (bus.live(), first, false);
    stream::unfold(start, move |(mut live, next, done)| {
        let (concerns, load) = (concerns.clone(), load.clone());
        async move {
            if done {
                return None;
            }
            if let Some(state) = next {
                let last = is_last(&state);
                return Some((Ok(state), (live, None, last)));
            }
            let event = loop {
                match live.recv().await {
                    Ok(event) if concerns(&event) => break event,
                    Ok(_) => continue,
                    Err(RecvError::Lagged(_)) => {
                        let behind = ApiError::Conflict("fell too far behind: subscribe again".into());
                        return Some((Err(behind).gql(), (live, None, true)));
                    }
                    Err(RecvError::Closed) => return None,
                }
            };
            match load(event).await {
                Ok(Some(state)) => {
                    let last = is_last(&state);
                    Some((Ok(state), (live, None, last)))
                }
                Ok(None) => None,
                Err(err) => Some((Err(ApiError::Internal(err)).gql(), (live, None, true))),
            }
        }
    })
}
