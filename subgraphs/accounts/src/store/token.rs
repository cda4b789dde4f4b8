use super::now_text;
use chrono::{Duration, Utc};
use sqlx::Row;
use vitrine_kit::db::Exec;

pub async fn insert_refresh_token<'e>(
    exec: impl Exec<'e>,
    token_hash: &str,
    family_id: &str,
    customer_id: &str,
    ttl_days: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO refresh_token (token_hash, family_id, customer_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(family_id)
    .bind(customer_id)
    .bind(now_text())
    .bind(vitrine_kit::time::to_db(Utc::now() + Duration::days(ttl_days)))
    .execute(exec)
    .await?;
    Ok(())
}

pub enum RefreshState {
    Unknown,
    /// Usable: returns its family and owner.
    Active {
        family_id: String,
        customer_id: String,
    },
    /// Already exchanged once: someone is replaying it.
    Rotated {
        family_id: String,
    },
    Revoked,
    Expired,
}

pub async fn refresh_token_state<'e>(exec: impl Exec<'e>, token_hash: &str) -> anyhow::Result<RefreshState> {
    let row = sqlx::query(
        "SELECT family_id, customer_id, expires_at, rotated_at, revoked_at FROM refresh_token WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(exec)
    .await?;
    let Some(row) = row else {
        return Ok(RefreshState::Unknown);
    };
    let family_id: String = row.try_get("family_id")?;
    if row.try_get::<Option<String>, _>("revoked_at")?.is_some() {
        return Ok(RefreshState::Revoked);
    }
    if row.try_get::<Option<String>, _>("rotated_at")?.is_some() {
        return Ok(RefreshState::Rotated { family_id });
    }
    if vitrine_kit::time::from_db(&row.try_get::<String, _>("expires_at")?)? < Utc::now() {
        return Ok(RefreshState::Expired);
    }
    Ok(RefreshState::Active {
        family_id,
        customer_id: row.try_get("customer_id")?,
    })
}

/// Marks the token used; false if a concurrent exchange got there first.
pub async fn mark_rotated<'e>(exec: impl Exec<'e>, token_hash: &str) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE refresh_token SET rotated_at = $1 WHERE token_hash = $2 AND rotated_at IS NULL AND revoked_at IS NULL",
    )
    .bind(now_text())
    .bind(token_hash)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn revoke_family<'e>(exec: impl Exec<'e>, family_id: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE refresh_token SET revoked_at = $1 WHERE family_id = $2 AND revoked_at IS NULL")
        .bind(now_text())
        .bind(family_id)
        .execute(exec)
        .await?;
    Ok(())
}
