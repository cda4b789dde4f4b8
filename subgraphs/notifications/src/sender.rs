//! The webhook sender: POSTs due deliveries, logs every attempt, retries with backoff and gives
//! up after the configured number of attempts. Several replicas may run it: each delivery is
//! claimed with a conditional UPDATE that pushes its due time past the HTTP timeout (a lease),
//! so only one sends it; one that dies mid-send leaves it to be sent again when the lease ends.
//! Receivers may therefore, rarely, see an event twice, always with the same id and body.

use crate::domain::{backoff, AttemptOutcome, DeliveryStatus, PING_TOPIC};
use crate::store::{self, AttemptRow, DeliveryRow, DueDelivery, WebhookRow};
use crate::webhook::{self, Sent};
use futures::StreamExt;
use std::time::Duration;
use vitrine_kit::config::NotificationsConfig;
use vitrine_kit::db::Db;
use vitrine_kit::ids::new_id;

/// Longer than one POST may take, so a lease never ends while its sender still waits.
const LEASE: Duration = Duration::from_secs(60);
/// Deliveries looked at per pass, and sent at once.
const BATCH: i64 = 50;
const PARALLEL: usize = 8;

#[derive(Clone)]
pub struct Sender {
    db: Db,
    client: webhook::Client,
    /// Changes at run time through the config server.
    backoff: vitrine_kit::tunable::Tunable<Duration>,
    max_attempts: u32,
}

impl Sender {
    pub fn new(db: Db, cfg: &NotificationsConfig) -> Self {
        Sender {
            db,
            client: webhook::client(cfg.webhooks_allow_private),
            backoff: cfg.webhook_backoff.clone(),
            max_attempts: cfg.webhook_max_attempts.max(1),
        }
    }

    /// Whether webhooks may go to non-public addresses (`VITRINE_WEBHOOKS_ALLOW_PRIVATE`).
    pub fn allow_private(&self) -> bool {
        self.client.allow_private()
    }

    /// Polls forever on the current runtime.
    pub fn spawn(self, every: Duration) {
        vitrine_kit::background::every("webhook sender", every, move || {
            let this = self.clone();
            async move { this.run_once().await.map(drop) }
        });
    }

    /// Sends every delivery due now; returns how many it attempted.
    pub async fn run_once(&self) -> anyhow::Result<usize> {
        let now = store::now();
        let due = store::due_deliveries(&self.db, now, BATCH).await?;
        let lease_until = now + chrono::Duration::from_std(LEASE)?;
        let results: Vec<anyhow::Result<bool>> = futures::stream::iter(due)
            .map(|due| async move {
                if !store::claim_delivery(&self.db, &due.delivery.id, now, lease_until).await? {
                    return Ok(false);
                }
                self.attempt(due).await?;
                Ok(true)
            })
            .buffer_unordered(PARALLEL)
            .collect()
            .await;
        let mut attempted = 0;
        for result in results {
            attempted += usize::from(result?);
        }
        Ok(attempted)
    }

    async fn attempt(&self, due: DueDelivery) -> anyhow::Result<()> {
        let delivery = &due.delivery;
        let sent = webhook::post(
            &self.client,
            &due.url,
            &due.secret,
            &delivery.event_id,
            &delivery.body,
        )
        .await;
        let attempt_no = delivery.attempts + 1;
        let at = store::now();
        let (status, next) = if sent.outcome == AttemptOutcome::Delivered {
            (DeliveryStatus::Delivered, at)
        } else if attempt_no >= i64::from(self.max_attempts) {
            (DeliveryStatus::Failed, at)
        } else {
            let delay = backoff(self.backoff.get(), u32::try_from(attempt_no).unwrap_or(u32::MAX));
            (DeliveryStatus::Pending, at + chrono::Duration::from_std(delay)?)
        };
        let attempt = attempt_row(&delivery.id, attempt_no, at, sent);
        let mut tx = self.db.begin_write().await?;
        store::record_attempt(&mut tx, &attempt, status, next).await?;
        tx.commit().await?;
        if status == DeliveryStatus::Failed {
            tracing::warn!(delivery_id = %delivery.id, webhook_id = %delivery.webhook_id, attempts = attempt_no,
                "webhook delivery given up");
        }
        Ok(())
    }

    /// Sends a signed `webhook.ping` now, once, and logs it as a delivery of its own.
    pub async fn ping(&self, hook: &WebhookRow) -> anyhow::Result<AttemptRow> {
        let event_id = new_id("evt");
        let created = store::now();
        let body = webhook::ping_body(
            &event_id,
            &hook.id,
            &hook.owner_id,
            &vitrine_kit::time::to_db(created),
        );
        let sent = webhook::post(&self.client, &hook.url, &hook.secret, &event_id, &body).await;
        let at = store::now();
        let status = if sent.outcome == AttemptOutcome::Delivered {
            DeliveryStatus::Delivered
        } else {
            // A ping is a test the caller watches; retrying it later would help no one.
            DeliveryStatus::Failed
        };
        let delivery = DeliveryRow {
            id: new_id("whd"),
            webhook_id: hook.id.clone(),
            event_id,
            topic: PING_TOPIC.to_string(),
            body,
            status,
            attempts: 0,
            next_attempt_at: at,
            last_outcome: None,
            last_status_code: None,
            last_error: None,
            created_at: created,
            updated_at: created,
        };
        let attempt = attempt_row(&delivery.id, 1, at, sent);
        let mut tx = self.db.begin_write().await?;
        store::insert_delivery(&mut *tx, &delivery).await?;
        store::record_attempt(&mut tx, &attempt, status, at).await?;
        tx.commit().await?;
        Ok(attempt)
    }
}

fn attempt_row(
    delivery_id: &str,
    attempt_no: i64,
    at: chrono::DateTime<chrono::Utc>,
    sent: Sent,
) -> AttemptRow {
    AttemptRow {
        id: new_id("wha"),
        delivery_id: delivery_id.to_string(),
        attempt_no,
        at,
        outcome: sent.outcome,
        status_code: sent.status_code,
        error: sent.error,
    }
}
