//! Failed sign-ins per e-mail in a sliding window, so guessing passwords is slow.

use super::{now_text, Tx};
use chrono::{Duration, Utc};
use sqlx::Row;

pub const MAX_FAILURES: i64 = 5;
pub const WINDOW_MINUTES: i64 = 15;

/// When the e-mail may try again, if it is locked out now.
pub async fn locked_until(tx: &mut Tx, email: &str) -> anyhow::Result<Option<chrono::DateTime<Utc>>> {
    let row = sqlx::query("SELECT failures, window_start FROM login_throttle WHERE email = $1")
        .bind(email)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let failures: i64 = row.try_get("failures")?;
    let until = vitrine_kit::time::from_db(&row.try_get::<String, _>("window_start")?)?
        + Duration::minutes(WINDOW_MINUTES);
    Ok((failures >= MAX_FAILURES && until > Utc::now()).then_some(until))
}

pub async fn record_failure(tx: &mut Tx, email: &str) -> anyhow::Result<()> {
    let window_opened_after = vitrine_kit::time::to_db(Utc::now() - Duration::minutes(WINDOW_MINUTES));
    // A failure inside the window adds to it; one after it starts a new window.
    sqlx::query(
        "INSERT INTO login_throttle (email, failures, window_start) VALUES ($1, 1, $2) \
         ON CONFLICT (email) DO UPDATE SET \
           failures = CASE WHEN login_throttle.window_start > $3 THEN login_throttle.failures + 1 ELSE 1 END, \
           window_start = CASE WHEN login_throttle.window_start > $3 THEN login_throttle.window_start ELSE $2 END",
    )
    .bind(email)
    .bind(now_text())
    .bind(window_opened_after)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn clear_failures(tx: &mut Tx, email: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM login_throttle WHERE email = $1")
        .bind(email)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
