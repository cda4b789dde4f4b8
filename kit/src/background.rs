//! Work a subgraph repeats for as long as it runs: sweepers, senders, simulations.

use std::future::Future;
use std::time::Duration;
use tokio::time::MissedTickBehavior;

/// Runs `round` every `period` on the current runtime, the first at once. A failed round is
/// logged (as `what`) and retried at the next; a round that overruns delays the next one rather
/// than bunching them up.
pub fn every<F, Fut>(what: &'static str, period: Duration, mut round: F)
where
    F: FnMut() -> Fut + Send + 'static,
    Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
{
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(period);
        ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            if let Err(err) = round().await {
                tracing::warn!(error = format!("{err:#}"), "{what} failed; will retry");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[tokio::test(start_paused = true)]
    async fn a_failed_round_does_not_stop_the_next() {
        let rounds = Arc::new(AtomicUsize::new(0));
        let counted = rounds.clone();
        every("test work", Duration::from_secs(1), move || {
            let n = counted.fetch_add(1, Ordering::SeqCst);
            async move {
                anyhow::ensure!(n != 1, "the second round fails");
                Ok(())
            }
        });
        tokio::time::sleep(Duration::from_millis(3500)).await;
        assert_eq!(rounds.load(Ordering::SeqCst), 4, "rounds at 0, 1, 2 and 3 s");
    }
}
