use super::{before, time};
use crate::domain::{AttemptOutcome, DeliveryStatus};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::{AnyConnection, Db, Exec};
use vitrine_kit::time::to_db;

#[derive(Debug, Clone, PartialEq)]
pub struct WebhookRow {
    pub id: String,
    pub owner_id: String,
    /// Registered by an ADMIN: every customer's events.
    pub all_customers: bool,
    pub url: String,
    pub secret: String,
    /// `None`: every topic.
    pub topics: Option<Vec<String>>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

impl WebhookRow {
    pub fn wants(&self, topic: &str) -> bool {
        self.topics
            .as_ref()
            .is_none_or(|topics| topics.iter().any(|t| t == topic))
    }
}

const WEBHOOK_COLUMNS: &str = "webhook_id, owner_id, all_customers, url, secret, topics, active, created_at";

fn webhook_from_row(row: &AnyRow) -> anyhow::Result<WebhookRow> {
    let topics: Option<String> = row.try_get("topics")?;
    Ok(WebhookRow {
        id: row.try_get("webhook_id")?,
        owner_id: row.try_get("owner_id")?,
        all_customers: row.try_get::<i64, _>("all_customers")? == 1,
        url: row.try_get("url")?,
        secret: row.try_get("secret")?,
        topics: topics.map(|t| serde_json::from_str(&t)).transpose()?,
        active: row.try_get::<i64, _>("active")? == 1,
        created_at: time(row, "created_at")?,
    })
}

pub async fn count_active_webhooks<'e>(exec: impl Exec<'e>, owner_id: &str) -> anyhow::Result<i64> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM webhook WHERE owner_id = $1 AND active = 1")
        .bind(owner_id)
        .fetch_one(exec)
        .await?;
    Ok(row.try_get("n")?)
}

pub async fn insert_webhook<'e>(exec: impl Exec<'e>, w: &WebhookRow) -> anyhow::Result<()> {
    sqlx::query(&format!(
        "INSERT INTO webhook ({WEBHOOK_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    ))
    .bind(&w.id)
    .bind(&w.owner_id)
    .bind(i64::from(w.all_customers))
    .bind(&w.url)
    .bind(&w.secret)
    .bind(w.topics.as_ref().map(serde_json::to_string).transpose()?)
    .bind(i64::from(w.active))
    .bind(to_db(w.created_at))
    .execute(exec)
    .await?;
    Ok(())
}

/// The owner's active webhooks, newest first.
pub async fn webhooks_of_owner(db: &Db, owner_id: &str) -> anyhow::Result<Vec<WebhookRow>> {
    sqlx::query(&format!(
        "SELECT {WEBHOOK_COLUMNS} FROM webhook WHERE owner_id = $1 AND active = 1 \
         ORDER BY created_at DESC, webhook_id DESC"
    ))
    .bind(owner_id)
    .fetch_all(db)
    .await?
    .iter()
    .map(webhook_from_row)
    .collect()
}

/// A webhook, removed or not.
pub async fn webhook_by_id<'e>(exec: impl Exec<'e>, id: &str) -> anyhow::Result<Option<WebhookRow>> {
    sqlx::query(&format!(
        "SELECT {WEBHOOK_COLUMNS} FROM webhook WHERE webhook_id = $1"
    ))
    .bind(id)
    .fetch_optional(exec)
    .await?
    .as_ref()
    .map(webhook_from_row)
    .transpose()
}

/// Stops the webhook and gives up its pending deliveries (no one would receive them). False
/// when it was not active.
pub async fn deactivate_webhook(
    conn: &mut AnyConnection,
    id: &str,
    at: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let at = to_db(at);
    let done =
        sqlx::query("UPDATE webhook SET active = 0, removed_at = $2 WHERE webhook_id = $1 AND active = 1")
            .bind(id)
            .bind(&at)
            .execute(&mut *conn)
            .await?;
    sqlx::query(
        "UPDATE webhook_delivery SET status = 'FAILED', last_error = 'webhook removed', updated_at = $2 \
         WHERE webhook_id = $1 AND status = 'PENDING'",
    )
    .bind(id)
    .bind(&at)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Active webhooks that may receive `customer_id`'s events: theirs and the admins'.
pub async fn webhooks_for_customer<'e>(
    exec: impl Exec<'e>,
    customer_id: &str,
) -> anyhow::Result<Vec<WebhookRow>> {
    sqlx::query(&format!(
        "SELECT {WEBHOOK_COLUMNS} FROM webhook WHERE active = 1 AND (owner_id = $1 OR all_customers = 1) \
         ORDER BY webhook_id"
    ))
    .bind(customer_id)
    .fetch_all(exec)
    .await?
    .iter()
    .map(webhook_from_row)
    .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryRow {
    pub id: String,
    pub webhook_id: String,
    pub event_id: String,
    pub topic: String,
    /// The exact bytes every attempt sends.
    pub body: String,
    pub status: DeliveryStatus,
    pub attempts: i64,
    pub next_attempt_at: DateTime<Utc>,
    pub last_outcome: Option<AttemptOutcome>,
    pub last_status_code: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const DELIVERY_COLUMNS: &str = "delivery_id, webhook_id, event_id, topic, body, status, attempts, \
     next_attempt_at, last_outcome, last_status_code, last_error, created_at, updated_at";

fn delivery_from_row(row: &AnyRow) -> anyhow::Result<DeliveryRow> {
    Ok(DeliveryRow {
        id: row.try_get("delivery_id")?,
        webhook_id: row.try_get("webhook_id")?,
        event_id: row.try_get("event_id")?,
        topic: row.try_get("topic")?,
        body: row.try_get("body")?,
        status: DeliveryStatus::parse(&row.try_get::<String, _>("status")?)?,
        attempts: row.try_get("attempts")?,
        next_attempt_at: time(row, "next_attempt_at")?,
        last_outcome: row
            .try_get::<Option<String>, _>("last_outcome")?
            .map(|o| AttemptOutcome::parse(&o))
            .transpose()?,
        last_status_code: row.try_get("last_status_code")?,
        last_error: row.try_get("last_error")?,
        created_at: time(row, "created_at")?,
        updated_at: time(row, "updated_at")?,
    })
}

/// False when this webhook already has this event.
pub async fn insert_delivery<'e>(exec: impl Exec<'e>, d: &DeliveryRow) -> anyhow::Result<bool> {
    let done = sqlx::query(&format!(
        "INSERT INTO webhook_delivery ({DELIVERY_COLUMNS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         ON CONFLICT (webhook_id, event_id) DO NOTHING"
    ))
    .bind(&d.id)
    .bind(&d.webhook_id)
    .bind(&d.event_id)
    .bind(&d.topic)
    .bind(&d.body)
    .bind(d.status.as_str())
    .bind(d.attempts)
    .bind(to_db(d.next_attempt_at))
    .bind(d.last_outcome.map(AttemptOutcome::as_str))
    .bind(d.last_status_code)
    .bind(&d.last_error)
    .bind(to_db(d.created_at))
    .bind(to_db(d.updated_at))
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A pending delivery with where it goes and how to sign it.
pub struct DueDelivery {
    pub delivery: DeliveryRow,
    pub url: String,
    pub secret: String,
}

/// Pending deliveries due at `now`, the longest waiting first.
pub async fn due_deliveries(db: &Db, now: DateTime<Utc>, limit: i64) -> anyhow::Result<Vec<DueDelivery>> {
    let columns = DELIVERY_COLUMNS
        .split(", ")
        .map(|c| format!("d.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    sqlx::query(&format!(
        "SELECT {columns}, w.url, w.secret FROM webhook_delivery d \
         JOIN webhook w ON w.webhook_id = d.webhook_id \
         WHERE d.status = 'PENDING' AND d.next_attempt_at <= $1 \
         ORDER BY d.next_attempt_at, d.delivery_id LIMIT $2"
    ))
    .bind(to_db(now))
    .bind(limit)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|row| {
        Ok(DueDelivery {
            delivery: delivery_from_row(row)?,
            url: row.try_get("url")?,
            secret: row.try_get("secret")?,
        })
    })
    .collect()
}

/// Takes the delivery until `lease_until` if it is still pending and due; false when another
/// sender got it first.
pub async fn claim_delivery(
    db: &Db,
    id: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> anyhow::Result<bool> {
    super::claim_due(db, "webhook_delivery", "delivery_id", id, now, lease_until).await
}

#[derive(Debug, Clone, PartialEq)]
pub struct AttemptRow {
    pub id: String,
    pub delivery_id: String,
    pub attempt_no: i64,
    pub at: DateTime<Utc>,
    pub outcome: AttemptOutcome,
    pub status_code: Option<i64>,
    pub error: Option<String>,
}

/// Logs `attempt` and moves its delivery to `status` (next try at `next_attempt_at` when
/// still pending).
pub async fn record_attempt(
    conn: &mut AnyConnection,
    attempt: &AttemptRow,
    status: DeliveryStatus,
    next_attempt_at: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO webhook_attempt (attempt_id, delivery_id, attempt_no, at, outcome, status_code, error) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&attempt.id)
    .bind(&attempt.delivery_id)
    .bind(attempt.attempt_no)
    .bind(to_db(attempt.at))
    .bind(attempt.outcome.as_str())
    .bind(attempt.status_code)
    .bind(&attempt.error)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE webhook_delivery SET status = $2, attempts = $3, next_attempt_at = $4, last_outcome = $5, \
         last_status_code = $6, last_error = $7, updated_at = $8 WHERE delivery_id = $1",
    )
    .bind(&attempt.delivery_id)
    .bind(status.as_str())
    .bind(attempt.attempt_no)
    .bind(to_db(next_attempt_at))
    .bind(attempt.outcome.as_str())
    .bind(attempt.status_code)
    .bind(&attempt.error)
    .bind(to_db(attempt.at))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A webhook's deliveries, newest first, after the `(created_at, id)` cursor.
pub async fn deliveries_page(
    db: &Db,
    webhook_id: &str,
    limit: i64,
    after: Option<(&str, &str)>,
) -> anyhow::Result<Vec<DeliveryRow>> {
    let (at, id) = before(after);
    sqlx::query(&format!(
        "SELECT {DELIVERY_COLUMNS} FROM webhook_delivery WHERE webhook_id = $1 \
         AND (created_at < $2 OR (created_at = $2 AND delivery_id < $3)) \
         ORDER BY created_at DESC, delivery_id DESC LIMIT $4"
    ))
    .bind(webhook_id)
    .bind(at)
    .bind(id)
    .bind(limit)
    .fetch_all(db)
    .await?
    .iter()
    .map(delivery_from_row)
    .collect()
}

/// The attempts of many deliveries in one query, oldest first.
pub async fn attempts_of_deliveries(db: &Db, delivery_ids: &[String]) -> anyhow::Result<Vec<AttemptRow>> {
    db.fetch_in(
        "SELECT attempt_id, delivery_id, attempt_no, at, outcome, status_code, error \
         FROM webhook_attempt WHERE delivery_id IN",
        delivery_ids,
        "ORDER BY delivery_id, attempt_no",
    )
    .await?
    .iter()
    .map(|row| {
        Ok(AttemptRow {
            id: row.try_get("attempt_id")?,
            delivery_id: row.try_get("delivery_id")?,
            attempt_no: row.try_get("attempt_no")?,
            at: time(row, "at")?,
            outcome: AttemptOutcome::parse(&row.try_get::<String, _>("outcome")?)?,
            status_code: row.try_get("status_code")?,
            error: row.try_get("error")?,
        })
    })
    .collect()
}
