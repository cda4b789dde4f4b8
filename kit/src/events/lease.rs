//! One reader at a time for a durable consumer that several replicas share.
//!
//! A consumer hands out up to [`super::broker::IN_FLIGHT`] messages before the first is
//! acknowledged; two replicas pulling from it would each get some and apply them out of order.
//! So a replica reads only while it holds the consumer's lease: a key in the JetStream bucket
//! `<namespace>_leases` whose value names the holder. The holder rewrites it every
//! [`RENEW_EVERY`]; the bucket forgets a key [`LEASE_TTL`] after its last write, and only then
//! can another replica take it. The holder stops reading once its last successful renewal was
//! sent [`TRUST_FOR`] ago, which is early enough that everything it was handed is up for
//! redelivery (its last pull request ran out, and the consumer's ack wait passed) before
//! anyone else can pull: the next holder gets those events first, in order.

use super::broker::{ACK_WAIT, PULL_EXPIRES};
use async_nats::jetstream::{self, kv};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// How long the bucket keeps a lease nobody renews: how long a crashed holder's consumer waits
/// for another replica (or its own restart).
pub const LEASE_TTL: Duration = Duration::from_secs(12);
/// How often the holder renews.
pub const RENEW_EVERY: Duration = Duration::from_secs(1);
/// How long after sending its last successful renewal a holder still reads. Renewals may be
/// late by up to this much under load before a holder gives up.
pub const TRUST_FOR: Duration = Duration::from_secs(5);
/// How often a replica without the lease tries to take it.
const WAIT_BETWEEN_TRIES: Duration = Duration::from_millis(500);

// Before the key can go, a holder must have stopped, its last pull request run out, and what
// that request took be up for redelivery.
const _: () =
    assert!(LEASE_TTL.as_millis() > TRUST_FOR.as_millis() + PULL_EXPIRES.as_millis() + ACK_WAIT.as_millis());
const _: () = assert!(RENEW_EVERY.as_millis() * 3 <= TRUST_FOR.as_millis());

/// The bucket of `namespace`'s consumer leases.
pub fn bucket_name(namespace: &str) -> String {
    format!("{namespace}_leases")
}

pub(crate) async fn open_bucket(
    jetstream: &jetstream::Context,
    namespace: &str,
) -> anyhow::Result<kv::Store> {
    crate::kv::open(
        jetstream,
        crate::kv::BucketSpec {
            name: &bucket_name(namespace),
            description: "which replica reads each durable event consumer",
            storage: jetstream::stream::StorageType::File,
            keep_for: Some(LEASE_TTL),
        },
    )
    .await
}

/// Whether, and until when, this replica may read.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Standing {
    TrustedUntil(Instant),
    /// Someone else holds the key now, or it was released.
    Lost,
}

/// A held lease, renewed in the background until released or dropped.
pub struct Lease {
    store: kv::Store,
    key: String,
    revision: Arc<AtomicU64>,
    standing: tokio::sync::watch::Receiver<Standing>,
    renewing: tokio::task::JoinHandle<()>,
}

impl Drop for Lease {
    fn drop(&mut self) {
        self.renewing.abort();
    }
}

impl Lease {
    /// Waits until `holder` holds `key`, and says whether the lease is fresh: false when
    /// `holder` held it already (an earlier reading of this replica may have left events
    /// unacknowledged).
    pub async fn acquire(store: &kv::Store, key: &str, holder: &str) -> (Lease, bool) {
        loop {
            let sent = Instant::now();
            match take(store, key, holder).await {
                Ok(Some((revision, fresh))) => {
                    return (Lease::held(store.clone(), key, holder, revision, sent), fresh)
                }
                Ok(None) => {}
                Err(err) => tracing::warn!(key, error = %err, "taking an event consumer's lease; retrying"),
            }
            tokio::time::sleep(WAIT_BETWEEN_TRIES).await;
        }
    }

    fn held(store: kv::Store, key: &str, holder: &str, revision: u64, sent: Instant) -> Lease {
        let (standing_tx, standing) = tokio::sync::watch::channel(Standing::TrustedUntil(sent + TRUST_FOR));
        let revision = Arc::new(AtomicU64::new(revision));
        let renewing = tokio::spawn(renew(
            store.clone(),
            key.to_string(),
            holder.to_string(),
            revision.clone(),
            standing_tx,
        ));
        Lease {
            store,
            key: key.to_string(),
            revision,
            standing,
            renewing,
        }
    }

    /// Resolves once this replica may no longer read: its renewals failed for [`TRUST_FOR`], or
    /// another holder has the key.
    pub async fn lapsed(&mut self) {
        loop {
            let standing = *self.standing.borrow_and_update();
            let Standing::TrustedUntil(until) = standing else {
                return;
            };
            if until <= Instant::now() {
                return;
            }
            tokio::select! {
                () = tokio::time::sleep_until(until) => {}
                changed = self.standing.changed() => if changed.is_err() { return },
            }
        }
    }

    /// Gives the lease up at once, so another replica need not wait for it to expire. Call only
    /// once nothing this replica was handed is still unacknowledged and outside redelivery.
    pub async fn release(self) {
        self.renewing.abort();
        let revision = self.revision.load(Ordering::SeqCst);
        if let Err(err) = self.store.delete_expect_revision(&self.key, Some(revision)).await {
            tracing::warn!(key = self.key, error = %err, "releasing an event consumer's lease; it will expire");
        }
    }
}

/// Takes `key` if free, or if its value is `holder` (this replica held it before): the new
/// revision and whether it was free, or None when someone else holds it.
async fn take(store: &kv::Store, key: &str, holder: &str) -> anyhow::Result<Option<(u64, bool)>> {
    match store.create(key, holder.to_string().into()).await {
        Ok(revision) => return Ok(Some((revision, true))),
        Err(err) if err.kind() == kv::CreateErrorKind::AlreadyExists => {}
        Err(err) => return Err(anyhow::anyhow!("creating the lease {key}: {err}")),
    }
    let Some(entry) = store
        .entry(key)
        .await
        .map_err(|e| anyhow::anyhow!("reading the lease {key}: {e}"))?
    else {
        return Ok(None);
    };
    if entry.operation != kv::Operation::Put || entry.value != holder.as_bytes() {
        return Ok(None);
    }
    match store.update(key, holder.to_string().into(), entry.revision).await {
        Ok(revision) => Ok(Some((revision, false))),
        Err(_) => Ok(None),
    }
}

async fn renew(
    store: kv::Store,
    key: String,
    holder: String,
    revision: Arc<AtomicU64>,
    standing: tokio::sync::watch::Sender<Standing>,
) {
    let mut every = tokio::time::interval(RENEW_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    every.tick().await;
    loop {
        every.tick().await;
        let sent = Instant::now();
        let update = store.update(&key, holder.clone().into(), revision.load(Ordering::SeqCst));
        match tokio::time::timeout(TRUST_FOR, update).await {
            Ok(Ok(next)) => {
                revision.store(next, Ordering::SeqCst);
                standing.send_replace(Standing::TrustedUntil(sent + TRUST_FOR));
            }
            Ok(Err(err)) if err.kind() == kv::UpdateErrorKind::WrongLastRevision => {
                tracing::warn!(key, "an event consumer's lease was taken over");
                standing.send_replace(Standing::Lost);
                return;
            }
            Ok(Err(err)) => tracing::warn!(key, error = %err, "renewing an event consumer's lease; retrying"),
            Err(_) => tracing::warn!(key, "renewing an event consumer's lease timed out; retrying"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn scratch_bucket() -> (jetstream::Context, String, kv::Store) {
        let url = std::env::var("VITRINE_TEST_NATS_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| "nats://127.0.0.1:4222".into());
        let jetstream = crate::kv::connect(&url)
            .await
            .expect("a NATS server with JetStream");
        let namespace = format!("t{}", uuid::Uuid::new_v4().simple());
        let store = open_bucket(&jetstream, &namespace).await.unwrap();
        (jetstream, namespace, store)
    }

    async fn forget(jetstream: &jetstream::Context, namespace: &str) {
        let deleted = super::super::broker::forget_namespace(jetstream, namespace)
            .await
            .unwrap();
        assert_eq!(deleted, 1, "the lease bucket");
    }

    /// One holder at a time; the holder may take its own lease again; a released lease goes to
    /// the next replica at once; a holder that stops renewing is told so once the key is gone
    /// and someone else took it.
    #[tokio::test]
    async fn one_holder_at_a_time_and_a_released_lease_passes_on_at_once() {
        let (jetstream, namespace, store) = scratch_bucket().await;
        let (first, fresh) = Lease::acquire(&store, "delivery-orders", "a").await;
        assert!(fresh);
        assert_eq!(
            take(&store, "delivery-orders", "b").await.unwrap(),
            None,
            "held by a"
        );
        assert!(
            matches!(
                take(&store, "delivery-orders", "a").await.unwrap(),
                Some((_, false))
            ),
            "a again, not fresh"
        );
        assert!(
            matches!(
                take(&store, "delivery-payments", "b").await.unwrap(),
                Some((_, true))
            ),
            "another consumer's lease is another key"
        );
        drop(first);
        let (mut again, fresh) = Lease::acquire(&store, "delivery-orders", "a").await;
        assert!(!fresh, "a's own, unreleased");
        let waiting = tokio::spawn({
            let store = store.clone();
            async move { Lease::acquire(&store, "delivery-orders", "b").await }
        });
        tokio::time::sleep(RENEW_EVERY * 2).await;
        assert!(!waiting.is_finished(), "b waits while a renews");
        let still = tokio::time::timeout(Duration::from_millis(50), again.lapsed()).await;
        assert!(still.is_err(), "a is still trusted");
        again.release().await;
        let started = Instant::now();
        let (b, fresh) = tokio::time::timeout(Duration::from_secs(3), waiting)
            .await
            .expect("b takes the released lease at once")
            .unwrap();
        assert!(fresh);
        assert!(started.elapsed() < Duration::from_secs(2));
        drop(b);
        forget(&jetstream, &namespace).await;
    }

    /// A holder that cannot renew (here the bucket is gone) stops reading once its last
    /// renewal is [`TRUST_FOR`] old, not before.
    #[tokio::test]
    async fn a_holder_that_cannot_renew_stops_reading_after_trust_for() {
        let (jetstream, namespace, store) = scratch_bucket().await;
        let (mut lease, _) = Lease::acquire(&store, "orders-payments", "a").await;
        forget(&jetstream, &namespace).await;
        let cut_off = Instant::now();
        let early = tokio::time::timeout(TRUST_FOR - RENEW_EVERY * 2, lease.lapsed()).await;
        assert!(early.is_err(), "still trusted just after the last renewal");
        tokio::time::timeout(TRUST_FOR, lease.lapsed())
            .await
            .expect("stops reading once its renewals have failed for TRUST_FOR");
        assert!(
            cut_off.elapsed() <= TRUST_FOR + RENEW_EVERY * 2,
            "{:?}",
            cut_off.elapsed()
        );
    }

    /// A holder whose key someone else now holds learns it at its next renewal.
    #[tokio::test]
    async fn a_holder_whose_key_was_taken_over_is_told_at_its_next_renewal() {
        let (jetstream, namespace, store) = scratch_bucket().await;
        let (mut lease, _) = Lease::acquire(&store, "kitchen-orders", "a").await;
        // As if a's lease had expired and b had taken it.
        store.delete("kitchen-orders").await.unwrap();
        assert!(take(&store, "kitchen-orders", "b").await.unwrap().is_some());
        tokio::time::timeout(RENEW_EVERY * 3, lease.lapsed())
            .await
            .expect("a stops reading");
        forget(&jetstream, &namespace).await;
    }
}
