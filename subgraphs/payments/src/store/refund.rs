//! Refunds by idempotency key. A refund is PENDING from the moment its amount is set aside
//! until accounts or the gateway confirmed it, so a retry with the key can finish it.

use super::now_text;
use sqlx::Row;
use vitrine_kit::db::Exec;

#[derive(Debug, Clone)]
pub struct RefundRow {
    pub id: String,
    pub payment_id: String,
    pub amount: i64,
    pub reason: String,
    pub idempotency_key: String,
    pub request_hash: String,
    pub succeeded: bool,
}

pub async fn refund_by_key<'e>(
    exec: impl Exec<'e>,
    payment_id: &str,
    key: &str,
) -> anyhow::Result<Option<RefundRow>> {
    let row = sqlx::query(
        "SELECT refund_id, payment_id, amount, reason, idempotency_key, request_hash, status \
         FROM refund WHERE payment_id = $1 AND idempotency_key = $2",
    )
    .bind(payment_id)
    .bind(key)
    .fetch_optional(exec)
    .await?;
    row.map(|row| {
        Ok(RefundRow {
            id: row.try_get("refund_id")?,
            payment_id: row.try_get("payment_id")?,
            amount: row.try_get("amount")?,
            reason: row.try_get("reason")?,
            idempotency_key: row.try_get("idempotency_key")?,
            request_hash: row.try_get("request_hash")?,
            succeeded: row.try_get::<String, _>("status")? == "SUCCEEDED",
        })
    })
    .transpose()
}

/// A PENDING refund. A unique violation: a concurrent request with the same key went first.
pub async fn insert_refund<'e>(exec: impl Exec<'e>, r: &RefundRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO refund (refund_id, payment_id, amount, reason, idempotency_key, request_hash, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'PENDING', $7)",
    )
    .bind(&r.id)
    .bind(&r.payment_id)
    .bind(r.amount)
    .bind(&r.reason)
    .bind(&r.idempotency_key)
    .bind(&r.request_hash)
    .bind(now_text())
    .execute(exec)
    .await?;
    Ok(())
}

/// PENDING → SUCCEEDED; false when someone else finished it first.
pub async fn mark_refund_succeeded<'e>(exec: impl Exec<'e>, refund_id: &str) -> anyhow::Result<bool> {
    let done =
        sqlx::query("UPDATE refund SET status = 'SUCCEEDED' WHERE refund_id = $1 AND status = 'PENDING'")
            .bind(refund_id)
            .execute(exec)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Forgets a PENDING refund that accounts or the gateway refused; false when it is not
/// pending any more.
pub async fn delete_pending_refund<'e>(exec: impl Exec<'e>, refund_id: &str) -> anyhow::Result<bool> {
    let done = sqlx::query("DELETE FROM refund WHERE refund_id = $1 AND status = 'PENDING'")
        .bind(refund_id)
        .execute(exec)
        .await?;
    Ok(done.rows_affected() == 1)
}
