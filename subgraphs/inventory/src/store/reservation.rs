use super::now;
use crate::domain::ReservationStatus;
use sqlx::Row;
use vitrine_kit::db::{AnyConnection, Db, Exec};

#[derive(Debug, Clone)]
pub struct Reservation {
    pub order_id: String,
    pub status: ReservationStatus,
    pub expires_at: String,
    pub lines_hash: String,
    pub lines: Vec<(String, i64)>,
}

/// A reservation without its lines: `with_lines` completes it (two statements, so that a read
/// outside any transaction can run both on the counted `&Db`).
#[derive(Debug, Clone)]
pub struct ReservationRow {
    pub order_id: String,
    pub status: ReservationStatus,
    pub expires_at: String,
    pub lines_hash: String,
}

impl ReservationRow {
    pub fn with_lines(self, lines: Vec<(String, i64)>) -> Reservation {
        Reservation {
            order_id: self.order_id,
            status: self.status,
            expires_at: self.expires_at,
            lines_hash: self.lines_hash,
            lines,
        }
    }
}

pub async fn reservation<'e>(exec: impl Exec<'e>, order_id: &str) -> anyhow::Result<Option<ReservationRow>> {
    let Some(row) =
        sqlx::query("SELECT order_id, status, expires_at, lines_hash FROM reservation WHERE order_id = $1")
            .bind(order_id)
            .fetch_optional(exec)
            .await?
    else {
        return Ok(None);
    };
    Ok(Some(ReservationRow {
        order_id: row.try_get("order_id")?,
        status: ReservationStatus::parse(&row.try_get::<String, _>("status")?)?,
        expires_at: row.try_get("expires_at")?,
        lines_hash: row.try_get("lines_hash")?,
    }))
}

/// The reservation's lines, by offer id.
pub async fn reservation_lines<'e>(
    exec: impl Exec<'e>,
    order_id: &str,
) -> anyhow::Result<Vec<(String, i64)>> {
    sqlx::query("SELECT offer_id, quantity FROM reservation_line WHERE order_id = $1 ORDER BY offer_id")
        .bind(order_id)
        .fetch_all(exec)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("offer_id")?, r.try_get("quantity")?)))
        .collect()
}

pub async fn insert_reservation(conn: &mut AnyConnection, r: &Reservation) -> Result<(), sqlx::Error> {
    let now = now();
    sqlx::query(
        "INSERT INTO reservation (order_id, status, expires_at, lines_hash, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5)",
    )
    .bind(&r.order_id)
    .bind(r.status.as_str())
    .bind(&r.expires_at)
    .bind(&r.lines_hash)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    for (offer_id, quantity) in &r.lines {
        sqlx::query("INSERT INTO reservation_line (order_id, offer_id, quantity) VALUES ($1, $2, $3)")
            .bind(&r.order_id)
            .bind(offer_id)
            .bind(quantity)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Moves a HELD reservation on; false if it was no longer HELD (someone else got there).
pub async fn finish_reservation<'e>(
    exec: impl Exec<'e>,
    order_id: &str,
    to: ReservationStatus,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE reservation SET status = $1, updated_at = $2 WHERE order_id = $3 AND status = 'HELD'",
    )
    .bind(to.as_str())
    .bind(now())
    .bind(order_id)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn expired_reservations(db: &Db, limit: i64) -> anyhow::Result<Vec<String>> {
    sqlx::query("SELECT order_id FROM reservation WHERE status = 'HELD' AND expires_at < $1 ORDER BY expires_at LIMIT $2")
        .bind(now())
        .bind(limit)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|r| Ok(r.try_get("order_id")?))
        .collect()
}
