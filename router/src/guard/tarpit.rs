//! Rate-limit refusals held back: a client over its limit gets its 429 when it could next have
//! been served (at most [`MAX_HOLD`]), not at once. A flood is usually a client that sends its
//! next request as soon as the last one is answered; answered at once, it is refused as fast as
//! the router can refuse, and each refusal sent before the body is read also costs a new TCP
//! connection. Held, it runs at its allowed rate. A held refusal is a sleeping task, not a
//! worker; past [`MAX_HELD`] at once refusals go out immediately, so a client opening thousands
//! of connections cannot make the router keep one each.

use std::time::Duration;
use tokio::sync::Semaphore;

/// The longest a refusal is held.
pub const MAX_HOLD: Duration = Duration::from_secs(1);
/// Refusals held at once, per router: a held request keeps its connection and (for the
/// per-caller limit, checked after parsing) its parsed body, up to 256 KiB each.
pub const MAX_HELD: usize = 256;

pub struct Tarpit {
    held: Semaphore,
}

impl Tarpit {
    pub fn new(capacity: usize) -> Self {
        Tarpit {
            held: Semaphore::new(capacity),
        }
    }

    /// Waits `wait` (at most [`MAX_HOLD`]) when there is room; `false` when the refusal should
    /// go out at once.
    pub async fn hold(&self, wait: Duration) -> bool {
        let Ok(_room) = self.held.try_acquire() else {
            return false;
        };
        tokio::time::sleep(wait.min(MAX_HOLD)).await;
        true
    }
}

impl Default for Tarpit {
    fn default() -> Self {
        Tarpit::new(MAX_HELD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[tokio::test(start_paused = true)]
    async fn a_refusal_waits_until_the_client_could_retry_but_never_past_the_cap() {
        let tarpit = Tarpit::new(4);
        let started = tokio::time::Instant::now();
        assert!(tarpit.hold(Duration::from_millis(50)).await);
        assert_eq!(started.elapsed(), Duration::from_millis(50));
        assert!(tarpit.hold(Duration::from_secs(3600)).await);
        assert_eq!(started.elapsed(), Duration::from_millis(50) + MAX_HOLD);
    }

    #[tokio::test(start_paused = true)]
    async fn past_its_capacity_refusals_go_out_at_once() {
        let tarpit = Arc::new(Tarpit::new(2));
        let held: Vec<_> = (0..2)
            .map(|_| {
                let tarpit = tarpit.clone();
                tokio::spawn(async move { tarpit.hold(MAX_HOLD).await })
            })
            .collect();
        tokio::task::yield_now().await;
        let started = tokio::time::Instant::now();
        assert!(!tarpit.hold(MAX_HOLD).await, "no room: answered at once");
        assert_eq!(started.elapsed(), Duration::ZERO);
        for task in held {
            assert!(task.await.unwrap());
        }
        assert!(
            tarpit.hold(Duration::from_millis(1)).await,
            "room again once they left"
        );
    }
}
