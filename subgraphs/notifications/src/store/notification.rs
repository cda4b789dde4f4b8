use super::{before, opt_time, time};
use crate::domain::NotificationKind;
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::{Db, Exec};
use vitrine_kit::time::to_db;

#[derive(Debug, Clone, PartialEq)]
pub struct NotificationRow {
    pub id: String,
    pub customer_id: String,
    pub event_id: String,
    pub topic: String,
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    pub order_id: Option<String>,
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str =
    "notification_id, customer_id, event_id, topic, kind, title, body, order_id, read_at, created_at";

fn from_row(row: &AnyRow) -> anyhow::Result<NotificationRow> {
    Ok(NotificationRow {
        id: row.try_get("notification_id")?,
        customer_id: row.try_get("customer_id")?,
        event_id: row.try_get("event_id")?,
        topic: row.try_get("topic")?,
        kind: NotificationKind::parse(&row.try_get::<String, _>("kind")?)?,
        title: row.try_get("title")?,
        body: row.try_get("body")?,
        order_id: row.try_get("order_id")?,
        read_at: opt_time(row, "read_at")?,
        created_at: time(row, "created_at")?,
    })
}

pub async fn notifications_by_ids(db: &Db, ids: &[String]) -> anyhow::Result<Vec<NotificationRow>> {
    let head = format!("SELECT {COLUMNS} FROM notification WHERE notification_id IN");
    let rows = db.fetch_in(&head, ids, "").await?;
    rows.iter().map(from_row).collect()
}

/// False when the event already has its notification.
pub async fn insert_notification<'e>(exec: impl Exec<'e>, n: &NotificationRow) -> anyhow::Result<bool> {
    let done = sqlx::query(&format!(
        "INSERT INTO notification ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (event_id) DO NOTHING"
    ))
    .bind(&n.id)
    .bind(&n.customer_id)
    .bind(&n.event_id)
    .bind(&n.topic)
    .bind(n.kind.as_str())
    .bind(&n.title)
    .bind(&n.body)
    .bind(&n.order_id)
    .bind(n.read_at.map(to_db))
    .bind(to_db(n.created_at))
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A customer's notifications, newest first, after the `(created_at, id)` cursor.
pub async fn notifications_page(
    db: &Db,
    customer_id: &str,
    unread_only: bool,
    limit: i64,
    after: Option<(&str, &str)>,
) -> anyhow::Result<Vec<NotificationRow>> {
    let (at, id) = before(after);
    let unread = if unread_only { "AND read_at IS NULL" } else { "" };
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM notification WHERE customer_id = $1 \
         AND (created_at < $2 OR (created_at = $2 AND notification_id < $3)) {unread} \
         ORDER BY created_at DESC, notification_id DESC LIMIT $4"
    ))
    .bind(customer_id)
    .bind(at)
    .bind(id)
    .bind(limit)
    .fetch_all(db)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

pub async fn unread_count(db: &Db, customer_id: &str) -> anyhow::Result<i64> {
    let row =
        sqlx::query("SELECT COUNT(*) AS n FROM notification WHERE customer_id = $1 AND read_at IS NULL")
            .bind(customer_id)
            .fetch_one(db)
            .await?;
    Ok(row.try_get("n")?)
}

/// Which of `ids` are the customer's own.
pub async fn owned_ids<'e>(
    exec: impl Exec<'e>,
    customer_id: &str,
    ids: &[String],
) -> anyhow::Result<Vec<String>> {
    let sql = format!(
        "SELECT notification_id FROM notification WHERE customer_id = $1 AND notification_id IN ({})",
        Db::placeholders(2, ids.len())
    );
    let mut query = sqlx::query(&sql).bind(customer_id);
    for id in ids {
        query = query.bind(id);
    }
    query
        .fetch_all(exec)
        .await?
        .iter()
        .map(|r| Ok(r.try_get("notification_id")?))
        .collect()
}

/// Marks the unread ones among `ids` read; returns how many changed.
pub async fn mark_read<'e>(
    exec: impl Exec<'e>,
    customer_id: &str,
    ids: &[String],
    at: DateTime<Utc>,
) -> anyhow::Result<u64> {
    let sql = format!(
        "UPDATE notification SET read_at = $2 WHERE customer_id = $1 AND read_at IS NULL \
         AND notification_id IN ({})",
        Db::placeholders(3, ids.len())
    );
    let mut query = sqlx::query(&sql).bind(customer_id).bind(to_db(at));
    for id in ids {
        query = query.bind(id);
    }
    Ok(query.execute(exec).await?.rows_affected())
}

pub async fn mark_all_read(db: &Db, customer_id: &str, at: DateTime<Utc>) -> anyhow::Result<u64> {
    let done = sqlx::query("UPDATE notification SET read_at = $2 WHERE customer_id = $1 AND read_at IS NULL")
        .bind(customer_id)
        .bind(to_db(at))
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}
