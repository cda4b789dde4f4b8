//! One hub per live field and event bus: it reads the bus once for all of the field's
//! subscribers, decodes each event once, routes it by key to the subscribers of that key only,
//! and reads what changed once per batch of events for all of them (one query for every key
//! that changed in the batch). A subscriber holds a short queue in which a newer state replaces
//! an older one it supersedes (a courier's position), so a slow client gets the latest state,
//! never a backlog; states that do not supersede (a status change) are kept, up to
//! [`QUEUE_BOUND`].

use super::LiveField;
use crate::events::Event;
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast::error::{RecvError, TryRecvError};
use tokio::sync::Notify;

/// States a subscriber may have waiting that none supersedes: past it, the subscriber is too
/// slow to follow and its subscription ends ("subscribe again").
pub const QUEUE_BOUND: usize = 64;
/// Events taken from the bus into one batch (one read) at most.
const BATCH: usize = 1024;

/// What a subscriber is waiting for.
pub(crate) enum Next<T> {
    State(T),
    /// Too far behind (its queue, or the hub itself, lost events): end with `CONFLICT`.
    Behind,
}

/// One subscriber's queue.
pub(crate) struct Slot<T> {
    queue: Mutex<SlotQueue<T>>,
    pub(crate) ready: Notify,
}

struct SlotQueue<T> {
    states: VecDeque<T>,
    behind: bool,
}

impl<T: Clone> Slot<T> {
    fn new() -> Self {
        Slot {
            queue: Mutex::new(SlotQueue {
                states: VecDeque::new(),
                behind: false,
            }),
            ready: Notify::new(),
        }
    }

    fn push(&self, state: &T, supersedes: fn(&T, &T) -> bool) {
        let mut queue = self.queue.lock().expect("live slot lock");
        let queued = queue.states.len();
        match queue.states.back_mut() {
            Some(last) if supersedes(state, last) => *last = state.clone(),
            _ if queued >= QUEUE_BOUND => queue.behind = true,
            _ => queue.states.push_back(state.clone()),
        }
        drop(queue);
        self.ready.notify_one();
    }

    fn fall_behind(&self) {
        self.queue.lock().expect("live slot lock").behind = true;
        self.ready.notify_one();
    }

    /// The next thing to send, if any is waiting.
    pub(crate) fn take(&self) -> Option<Next<T>> {
        let mut queue = self.queue.lock().expect("live slot lock");
        let next = match queue.states.pop_front() {
            Some(state) => Some(Next::State(state)),
            None if queue.behind => Some(Next::Behind),
            None => None,
        };
        // A VecDeque keeps its first buffer (room for four states) once emptied; a subscriber
        // mostly waits with nothing queued, so an empty queue gives it back (a few hundred
        // bytes for each of 10 000 followers, against one allocation per event).
        if queue.states.is_empty() && queue.states.capacity() > 0 {
            queue.states = VecDeque::new();
        }
        next
    }
}

type Subscribers<T> = HashMap<String, HashMap<u64, Arc<Slot<T>>>>;

pub(crate) struct Hub<T> {
    field: LiveField<T>,
    subscribers: Mutex<Subscribers<T>>,
    next_id: AtomicU64,
    /// Reads of changed states (a batch of events costs one): `vitrine_live_reads_total`.
    reads: prometheus::IntCounter,
}

/// A subscriber's place in its hub; leaving drops it from the routing table.
pub(crate) struct Registration<T> {
    hub: Arc<Hub<T>>,
    key: String,
    id: u64,
    pub(crate) slot: Arc<Slot<T>>,
}

impl<T: Clone + Send + Sync + 'static> Registration<T> {
    pub(crate) fn is_last(&self, state: &T) -> bool {
        self.hub.is_last(state)
    }
}

impl<T> Drop for Registration<T> {
    fn drop(&mut self) {
        let mut subscribers = self.hub.subscribers.lock().expect("live hub lock");
        if let Some(of_key) = subscribers.get_mut(&self.key) {
            of_key.remove(&self.id);
            if of_key.is_empty() {
                subscribers.remove(&self.key);
            }
        }
    }
}

impl<T: Clone + Send + Sync + 'static> Hub<T> {
    /// A hub fed by `live` (the bus's feed), dispatching on its own task.
    pub(crate) fn start(
        field: LiveField<T>,
        live: tokio::sync::broadcast::Receiver<Event>,
        reads: prometheus::IntCounter,
    ) -> Arc<Self> {
        let hub = Arc::new(Hub {
            field,
            subscribers: Mutex::default(),
            next_id: AtomicU64::new(0),
            reads,
        });
        tokio::spawn(dispatch(Arc::downgrade(&hub), live));
        hub
    }

    pub(crate) fn join(self: &Arc<Self>, key: String) -> Registration<T> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let slot = Arc::new(Slot::new());
        self.subscribers
            .lock()
            .expect("live hub lock")
            .entry(key.clone())
            .or_default()
            .insert(id, slot.clone());
        Registration {
            hub: self.clone(),
            key,
            id,
            slot,
        }
    }

    #[cfg(test)]
    pub(crate) fn subscriber_count(&self) -> usize {
        let subscribers = self.subscribers.lock().expect("live hub lock");
        subscribers.values().map(HashMap::len).sum()
    }

    pub(crate) fn is_last(&self, state: &T) -> bool {
        (self.field.is_last)(state)
    }

    /// Routes a batch of events: (key, id to read) pairs whose key someone follows.
    fn routes(&self, events: &[Event]) -> Vec<(String, String)> {
        let subscribers = self.subscribers.lock().expect("live hub lock");
        if subscribers.is_empty() {
            return Vec::new();
        }
        let mut routes = BTreeSet::new();
        for event in events {
            for (key, id) in (self.field.routes)(event) {
                if subscribers.contains_key(&key) {
                    routes.insert((key, id));
                }
            }
        }
        routes.into_iter().collect()
    }

    /// One read for every id in `routes`, each state handed to its key's subscribers.
    async fn deliver(&self, routes: Vec<(String, String)>) {
        let ids: Vec<String> = routes
            .iter()
            .map(|(_, id)| id.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        self.reads.inc();
        let states = match (self.field.load)(ids).await {
            Ok(states) => states,
            Err(err) => {
                // These subscribers cannot be told what changed: they must read again.
                tracing::error!(field = self.field.name, error = %err, "live read failed");
                let subscribers = self.subscribers.lock().expect("live hub lock");
                for (key, _) in &routes {
                    for slot in subscribers.get(key).into_iter().flat_map(HashMap::values) {
                        slot.fall_behind();
                    }
                }
                return;
            }
        };
        let states: HashMap<String, T> = states.into_iter().collect();
        let subscribers = self.subscribers.lock().expect("live hub lock");
        for (key, id) in routes {
            let (Some(state), Some(of_key)) = (states.get(&id), subscribers.get(&key)) else {
                continue;
            };
            for slot in of_key.values() {
                slot.push(state, self.field.supersedes);
            }
        }
    }

    fn everyone_behind(&self) {
        let subscribers = self.subscribers.lock().expect("live hub lock");
        for slot in subscribers.values().flat_map(HashMap::values) {
            slot.fall_behind();
        }
    }
}

/// Reads the bus for as long as the hub is in use and the bus lives.
async fn dispatch<T: Clone + Send + Sync + 'static>(
    hub: std::sync::Weak<Hub<T>>,
    mut live: tokio::sync::broadcast::Receiver<Event>,
) {
    loop {
        let first = match live.recv().await {
            Ok(event) => event,
            Err(RecvError::Lagged(_)) => {
                // Events were missed: nobody can know their state is current.
                let Some(hub) = hub.upgrade() else { return };
                hub.everyone_behind();
                continue;
            }
            Err(RecvError::Closed) => return,
        };
        let mut events = vec![first];
        let mut lagged = false;
        while events.len() < BATCH {
            match live.try_recv() {
                Ok(event) => events.push(event),
                Err(TryRecvError::Lagged(_)) => lagged = true,
                Err(TryRecvError::Empty | TryRecvError::Closed) => break,
            }
        }
        let Some(hub) = hub.upgrade() else { return };
        if lagged {
            hub.everyone_behind();
        }
        let routes = hub.routes(&events);
        if !routes.is_empty() {
            hub.deliver(routes).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queue_gives_its_buffer_back_once_emptied() {
        let slot = Slot::new();
        let never = |_: &u32, _: &u32| false;
        slot.push(&1, never);
        slot.push(&2, never);
        assert!(matches!(slot.take(), Some(Next::State(1))));
        assert!(slot.queue.lock().unwrap().states.capacity() > 0);
        assert!(matches!(slot.take(), Some(Next::State(2))));
        assert_eq!(slot.queue.lock().unwrap().states.capacity(), 0);
        assert!(slot.take().is_none());
    }
}
