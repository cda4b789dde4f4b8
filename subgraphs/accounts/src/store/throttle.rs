//! Attempt throttles for sign-in and sign-up: attempts per key in fixed windows. An attempt is
//! reserved BEFORE the work it limits (the password check, the new account) by one atomic
//! UPSERT … RETURNING on both databases, so concurrent requests and aliased fields in one
//! request cannot get past a limit between reading and writing the count.

use chrono::{DateTime, Duration, Utc};
use sqlx::Row;
use vitrine_kit::db::Db;

/// At most `max` attempts per `window_seconds`, for keys of one `scope`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub scope: &'static str,
    pub max: i64,
    pub window_seconds: i64,
}

/// Failed sign-ins per client address and e-mail: someone guessing one account's password.
/// Keyed by address too, so a guesser elsewhere cannot lock the customer out. Without a client
/// address (an internal call), the key is the e-mail alone.
pub const LOGIN_PER_ADDRESS_AND_EMAIL: Limit = Limit {
    scope: "login:address+email",
    max: 5,
    window_seconds: 15 * 60,
};

/// Failed sign-ins per client address, whatever the e-mail: credential stuffing (one password
/// each for many e-mails) from one place. Loose enough for an office behind one NAT address.
pub const LOGIN_PER_ADDRESS: Limit = Limit {
    scope: "login:address",
    max: 50,
    window_seconds: 15 * 60,
};

/// Failed sign-ins per e-mail, from any address: a guess spread over many addresses. Much
/// looser than the per-address limit, since reaching it locks the customer out everywhere
/// until the window ends (it takes 20 addresses' worth of failures).
pub const LOGIN_PER_EMAIL: Limit = Limit {
    scope: "login:email",
    max: 100,
    window_seconds: 15 * 60,
};

/// Sign-ups per client address; `max` comes from `VITRINE_SIGNUP_LIMIT_PER_HOUR`.
pub fn signup_per_address(max: u32) -> Limit {
    Limit {
        scope: "signup:address",
        max: max.into(),
        window_seconds: 60 * 60,
    }
}

/// Counts one attempt under `limit` for `key`: `Ok(())` while within the limit, or
/// `Err(seconds)` until the window ends. A refused attempt is counted too (harmlessly: the
/// window does not move).
pub async fn reserve_attempt(db: &Db, limit: &Limit, key: &str) -> anyhow::Result<Result<(), i64>> {
    let now = Utc::now();
    let window = Duration::seconds(limit.window_seconds);
    // Inside the window the count goes up; after it a new window starts at 1. Every SET
    // expression reads the row as it was, on SQLite and PostgreSQL alike.
    let row = sqlx::query(
        "INSERT INTO attempt_throttle (throttle_key, attempts, window_start) VALUES ($1, 1, $2) \
         ON CONFLICT (throttle_key) DO UPDATE SET \
           attempts = CASE WHEN attempt_throttle.window_start > $3 \
             THEN attempt_throttle.attempts + 1 ELSE 1 END, \
           window_start = CASE WHEN attempt_throttle.window_start > $3 \
             THEN attempt_throttle.window_start ELSE $2 END \
         RETURNING attempts, window_start",
    )
    .bind(throttle_key(limit, key))
    .bind(vitrine_kit::time::to_db(now))
    .bind(vitrine_kit::time::to_db(now - window))
    .fetch_one(db)
    .await?;
    let attempts: i64 = row.try_get("attempts")?;
    let window_start: DateTime<Utc> = vitrine_kit::time::from_db(&row.try_get::<String, _>("window_start")?)?;
    if attempts <= limit.max {
        return Ok(Ok(()));
    }
    // Clamped: a concurrent request may have opened the window a moment after our `now`.
    let left = (window_start + window - now).num_milliseconds();
    Ok(Err((left + 999).div_euclid(1000).clamp(1, limit.window_seconds)))
}

/// Gives back an attempt that succeeded, so only failures use up `limit`.
pub async fn give_back_attempt(db: &Db, limit: &Limit, key: &str) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE attempt_throttle SET attempts = attempts - 1 WHERE throttle_key = $1 AND attempts > 0",
    )
    .bind(throttle_key(limit, key))
    .execute(db)
    .await?;
    Ok(())
}

/// Forgets every attempt under `limit` for `key` (a successful sign-in clears its failures).
pub async fn clear_attempts(db: &Db, limit: &Limit, key: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM attempt_throttle WHERE throttle_key = $1")
        .bind(throttle_key(limit, key))
        .execute(db)
        .await?;
    Ok(())
}

fn throttle_key(limit: &Limit, key: &str) -> String {
    format!("{}:{key}", limit.scope)
}
