//! The finance team's reads: every customer's payments, filtered, and totals per day and
//! method. Read-only; nothing here changes a payment.

use super::payment::{from_row, PaymentRow, COLUMNS};
use crate::domain::{PaymentMethod, PaymentStatus};
use chrono::{DateTime, Utc};
use sqlx::Row;
use vitrine_kit::db::Db;
use vitrine_kit::time::to_db;

/// What the payments list narrows to; every field optional.
#[derive(Debug, Default, Clone)]
pub struct PaymentFilter {
    pub method: Option<PaymentMethod>,
    pub status: Option<PaymentStatus>,
    pub customer_id: Option<String>,
    /// Created at or after.
    pub created_from: Option<DateTime<Utc>>,
    /// Created before.
    pub created_to: Option<DateTime<Utc>>,
}

/// Payments matching `filter`, newest first, after the `created_at|payment_id` cursor.
pub async fn payments_all(
    db: &Db,
    filter: &PaymentFilter,
    limit: i64,
    before: Option<(&str, &str)>,
) -> anyhow::Result<Vec<PaymentRow>> {
    let (at, id) = before.unwrap_or(("9999", ""));
    let mut sql = format!(
        "SELECT {COLUMNS} FROM payment \
         WHERE (created_at < $1 OR (created_at = $1 AND payment_id < $2))"
    );
    let mut binds: Vec<String> = Vec::new();
    let mut and = |sql: &mut String, column: &str, op: &str, value: String| {
        binds.push(value);
        sql.push_str(&format!(" AND {column} {op} ${}", binds.len() + 3));
    };
    if let Some(method) = filter.method {
        and(&mut sql, "method", "=", method.as_str().to_string());
    }
    if let Some(status) = filter.status {
        and(&mut sql, "status", "=", status.as_str().to_string());
    }
    if let Some(customer) = &filter.customer_id {
        and(&mut sql, "customer_id", "=", customer.clone());
    }
    if let Some(from) = filter.created_from {
        and(&mut sql, "created_at", ">=", to_db(from));
    }
    if let Some(to) = filter.created_to {
        and(&mut sql, "created_at", "<", to_db(to));
    }
    sql.push_str(" ORDER BY created_at DESC, payment_id DESC LIMIT $3");
    let mut query = sqlx::query(&sql).bind(at).bind(id).bind(limit);
    for value in binds {
        query = query.bind(value);
    }
    query.fetch_all(db).await?.iter().map(from_row).collect()
}

/// One day's payments of one method and currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayTotal {
    /// `YYYY-MM-DD`, UTC.
    pub day: String,
    pub method: PaymentMethod,
    pub currency: String,
    pub count: i64,
    /// Set aside (authorized, then maybe captured or refunded): declined and voided left out.
    pub authorized: i64,
    /// Taken: captured, including what was later refunded.
    pub captured: i64,
    pub refunded: i64,
}

/// Totals per UTC day, method and currency of the payments created in `[from, to)`, oldest
/// day first.
pub async fn totals_by_day(db: &Db, from: DateTime<Utc>, to: DateTime<Utc>) -> anyhow::Result<Vec<DayTotal>> {
    // Stored times are RFC 3339 text in UTC, so the first ten characters are the day. SUM of
    // BIGINT is NUMERIC on PostgreSQL: cast back.
    let rows = sqlx::query(
        "SELECT SUBSTR(created_at, 1, 10) AS day, method, currency, COUNT(*) AS payments, \
         CAST(COALESCE(SUM(CASE WHEN status IN ('DECLINED', 'VOIDED') THEN 0 ELSE amount END), 0) AS BIGINT) AS authorized, \
         CAST(COALESCE(SUM(CASE WHEN status IN ('CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED') THEN amount ELSE 0 END), 0) AS BIGINT) AS captured, \
         CAST(COALESCE(SUM(refunded_amount), 0) AS BIGINT) AS refunded \
         FROM payment WHERE created_at >= $1 AND created_at < $2 \
         GROUP BY SUBSTR(created_at, 1, 10), method, currency \
         ORDER BY day, method, currency",
    )
    .bind(to_db(from))
    .bind(to_db(to))
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(DayTotal {
                day: row.try_get("day")?,
                method: PaymentMethod::parse(&row.try_get::<String, _>("method")?)?,
                currency: row.try_get("currency")?,
                count: row.try_get("payments")?,
                authorized: row.try_get("authorized")?,
                captured: row.try_get("captured")?,
                refunded: row.try_get("refunded")?,
            })
        })
        .collect()
}
