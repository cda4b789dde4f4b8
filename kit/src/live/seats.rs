//! The live-subscription limits of one event bus: seats per signed-in caller, for anonymous
//! callers and in all, and which of a caller's subscriptions a newer one may replace.

use crate::error::ApiError;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

/// Live subscriptions one signed-in caller may hold at once in a process.
pub const PER_CALLER: usize = 100;
/// Live subscriptions a process holds at most (anonymous ones included).
pub const PER_PROCESS: usize = 50_000;
/// Anonymous live subscriptions a process holds at most: the router pools every client's
/// subscriptions, so the subgraph cannot tell anonymous clients apart, and without a share of
/// their own a flood of them (from many addresses) would take every seat from the signed-in
/// customers following their orders. Room for 10 000 watchers of one product and more.
pub const ANONYMOUS: usize = PER_PROCESS / 2;

/// The live subscriptions of one event bus: the open count (a gauge in the system's metrics)
/// and how many each signed-in caller holds. Per caller rather than per connection: Hive 0.2.5
/// carries many clients' subscriptions over one pooled WebSocket to a subgraph, and offers no
/// per-connection limit of its own.
///
/// A caller at their limit who subscribes again does not always meet a refusal: their oldest
/// subscription that a newer identical one duplicates (same field, same key) is ended instead,
/// with `CONFLICT`, and the new one takes its seat. Hive 0.2.5 closes a subscription at the
/// subgraph only when a result finds its client gone, so one whose client left (a reloaded
/// page's notification bell) holds its seat until its next event or its token's expiry; a
/// customer who reloaded the storefront 100 times could otherwise follow no order for up to a
/// token's lifetime. A duplicate's client, if still there, loses nothing the newer one does not
/// receive.
#[derive(Clone)]
pub(crate) struct Seats(Arc<SeatsInner>);

struct SeatsInner {
    limits: Limits,
    open: prometheus::IntGauge,
    anonymous: AtomicUsize,
    /// Seats taken by subscriptions that joined an identical one's run.
    joined: prometheus::IntCounter,
    /// Subscriptions ended for a newer identical one of the same caller at their limit.
    replaced: prometheus::IntCounter,
    per_caller: Mutex<HashMap<String, CallerSeats>>,
    serial: AtomicU64,
}

/// How many seats there are (tests use fewer).
#[derive(Clone, Copy)]
pub(crate) struct Limits {
    pub per_process: usize,
    pub anonymous: usize,
    pub per_caller: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            per_process: PER_PROCESS,
            anonymous: ANONYMOUS,
            per_caller: PER_CALLER,
        }
    }
}

/// One signed-in caller's seats.
#[derive(Default)]
struct CallerSeats {
    held: usize,
    /// The subscriptions among them that a newer identical one may replace, oldest first.
    replaceable: VecDeque<Replaceable>,
}

struct Replaceable {
    seat: u64,
    /// What it follows: its field's and key's names.
    follows: Arc<str>,
    ending: Arc<Ending>,
}

/// Tells a subscription that a newer identical one took its seat.
#[derive(Default)]
pub(crate) struct Ending {
    replaced: AtomicBool,
    notify: Notify,
}

impl CallerSeats {
    /// Which replaceable subscription gives its seat to a new one following `follows`: the
    /// oldest identical one, else the oldest one a newer one duplicates.
    fn duplicate_to_end(&self, follows: Option<&str>) -> Option<usize> {
        let same = |index: usize, what: &str| self.replaceable[index].follows.as_ref() == what;
        if let Some(follows) = follows {
            if let Some(index) = (0..self.replaceable.len()).find(|&index| same(index, follows)) {
                return Some(index);
            }
        }
        let mut newer: HashMap<&str, usize> = HashMap::new();
        for seat in &self.replaceable {
            *newer.entry(seat.follows.as_ref()).or_default() += 1;
        }
        (0..self.replaceable.len()).find(|&index| newer[self.replaceable[index].follows.as_ref()] > 1)
    }
}

impl Default for Seats {
    fn default() -> Self {
        Seats::with_limits(Limits::default())
    }
}

impl Seats {
    pub(crate) fn with_limits(limits: Limits) -> Self {
        let open = prometheus::IntGauge::new("vitrine_live_subscriptions", "Open live subscriptions")
            .expect("valid metric definition");
        let joined = prometheus::IntCounter::new(
            "vitrine_live_joined_total",
            "Live subscriptions that joined an identical one's run on the same connection",
        )
        .expect("valid metric definition");
        let replaced = prometheus::IntCounter::new(
            "vitrine_live_replaced_total",
            "Live subscriptions ended for a newer identical one of a caller at their limit",
        )
        .expect("valid metric definition");
        Seats(Arc::new(SeatsInner {
            limits,
            open,
            anonymous: Default::default(),
            joined,
            replaced,
            per_caller: Mutex::default(),
            serial: Default::default(),
        }))
    }

    pub(crate) fn gauge(&self) -> &prometheus::IntGauge {
        &self.0.open
    }

    pub(crate) fn joined(&self) -> &prometheus::IntCounter {
        &self.0.joined
    }

    pub(crate) fn replaced(&self) -> &prometheus::IntCounter {
        &self.0.replaced
    }

    /// How many signed-in callers hold seats.
    #[cfg(test)]
    pub(crate) fn callers(&self) -> usize {
        self.0.per_caller.lock().expect("live lock").len()
    }

    /// A seat for a subscription joining an identical one's run (counted apart).
    pub(crate) fn take_joining(&self, caller: Option<&str>) -> Result<Seat, ApiError> {
        let seat = self.take(caller, None)?;
        self.0.joined.inc();
        Ok(seat)
    }

    /// A seat for `caller` (`None`: anonymous). With `follows` (what the subscription follows),
    /// a newer identical subscription of the same caller may take it over, and
    /// [`Seat::ending`] says when.
    pub(crate) fn take(&self, caller: Option<&str>, follows: Option<&str>) -> Result<Seat, ApiError> {
        let limits = self.0.limits;
        if self.0.open.get() >= limits.per_process as i64 {
            return Err(ApiError::RateLimited(
                "too many live subscriptions; try again later".into(),
            ));
        }
        let serial = self.0.serial.fetch_add(1, Relaxed);
        let mut ending = None;
        match caller {
            Some(caller) => {
                let mut open = self.0.per_caller.lock().expect("live lock");
                let seats = open.entry(caller.to_string()).or_default();
                if seats.held >= limits.per_caller {
                    let Some(index) = seats.duplicate_to_end(follows) else {
                        return Err(ApiError::RateLimited(format!(
                            "at most {} live subscriptions at once",
                            limits.per_caller
                        )));
                    };
                    // Its seat is the new one's now: it gives none back when it ends.
                    let ended = seats.replaceable.remove(index).expect("found above");
                    ended.ending.replaced.store(true, Relaxed);
                    ended.ending.notify.notify_one();
                    self.0.replaced.inc();
                } else {
                    seats.held += 1;
                }
                if let Some(follows) = follows {
                    let new = Arc::new(Ending::default());
                    seats.replaceable.push_back(Replaceable {
                        seat: serial,
                        follows: follows.into(),
                        ending: new.clone(),
                    });
                    ending = Some(new);
                }
            }
            None => {
                let taken = self
                    .0
                    .anonymous
                    .fetch_update(Relaxed, Relaxed, |n| (n < limits.anonymous).then_some(n + 1));
                if taken.is_err() {
                    return Err(ApiError::RateLimited(
                        "too many anonymous live subscriptions; sign in or try again later".into(),
                    ));
                }
            }
        }
        self.0.open.inc();
        Ok(Seat {
            seats: self.0.clone(),
            caller: caller.map(str::to_string),
            serial,
            ending,
        })
    }
}

/// Holds one subscription's place (per caller and in the gauge) until dropped.
pub(crate) struct Seat {
    seats: Arc<SeatsInner>,
    caller: Option<String>,
    serial: u64,
    ending: Option<Arc<Ending>>,
}

impl Seat {
    /// Resolves once a newer identical subscription took this seat over (at once if one already
    /// did); never, for a seat taken without `follows`.
    pub(crate) async fn replaced(&self) {
        match &self.ending {
            Some(ending) => ending.notify.notified().await,
            None => std::future::pending().await,
        }
    }
}

impl Drop for Seat {
    fn drop(&mut self) {
        self.seats.open.dec();
        let Some(caller) = &self.caller else {
            self.seats.anonymous.fetch_sub(1, Relaxed);
            return;
        };
        let mut open = self.seats.per_caller.lock().expect("live lock");
        let replaced = self
            .ending
            .as_ref()
            .is_some_and(|ending| ending.replaced.load(Relaxed));
        if replaced {
            return;
        }
        if let Some(seats) = open.get_mut(caller) {
            seats.held -= 1;
            seats.replaceable.retain(|seat| seat.seat != self.serial);
            if seats.held == 0 {
                open.remove(caller);
            }
        }
    }
}
