use super::now;
use crate::domain::{Promo, PromoKind};
use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::{AnyConnection, Db, Exec};
use vitrine_kit::money::Currency;
use vitrine_kit::time::{from_db, to_db};

const COLUMNS: &str = "code, kind, value, currency, min_total, expires_at, usage_limit, used_count";

fn from_row(row: &AnyRow) -> anyhow::Result<Promo> {
    let currency: String = row.try_get("currency")?;
    Ok(Promo {
        code: row.try_get("code")?,
        kind: PromoKind::parse(&row.try_get::<String, _>("kind")?)?,
        value: row.try_get("value")?,
        currency: Currency::parse(&currency).ok_or_else(|| anyhow::anyhow!("unknown currency {currency}"))?,
        min_total: row.try_get("min_total")?,
        expires_at: row
            .try_get::<Option<String>, _>("expires_at")?
            .as_deref()
            .map(from_db)
            .transpose()?,
        usage_limit: row.try_get("usage_limit")?,
        used_count: row.try_get("used_count")?,
    })
}

pub async fn promo<'e>(exec: impl Exec<'e>, code: &str) -> anyhow::Result<Option<Promo>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM promo_code WHERE code = $1"))
        .bind(code)
        .fetch_optional(exec)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn promos(db: &Db, codes: &[String]) -> anyhow::Result<Vec<Promo>> {
    db.fetch_in(
        &format!("SELECT {COLUMNS} FROM promo_code WHERE code IN"),
        codes,
        "",
    )
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// Creates the code; `ON CONFLICT DO NOTHING` when `if_missing` (seeding), else a duplicate is
/// a unique violation.
pub async fn insert_promo<'e>(
    exec: impl Exec<'e>,
    promo: &Promo,
    if_missing: bool,
) -> Result<(), sqlx::Error> {
    let tail = if if_missing { "ON CONFLICT DO NOTHING" } else { "" };
    sqlx::query(&format!(
        "INSERT INTO promo_code ({COLUMNS}, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) {tail}"
    ))
    .bind(&promo.code)
    .bind(promo.kind.as_str())
    .bind(promo.value)
    .bind(promo.currency.code())
    .bind(promo.min_total)
    .bind(promo.expires_at.map(to_db))
    .bind(promo.usage_limit)
    .bind(promo.used_count)
    .bind(now())
    .execute(exec)
    .await?;
    Ok(())
}

/// Takes one use for `order_id`; false when none is left.
pub async fn redeem(conn: &mut AnyConnection, code: &str, order_id: &str) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE promo_code SET used_count = used_count + 1 \
         WHERE code = $1 AND (usage_limit IS NULL OR used_count < usage_limit)",
    )
    .bind(code)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("INSERT INTO promo_redemption (order_id, code, created_at) VALUES ($1, $2, $3)")
        .bind(order_id)
        .bind(code)
        .bind(now())
        .execute(&mut *conn)
        .await?;
    Ok(true)
}

/// Gives back the use `order_id` held, if it held one (deleting the row first makes a replay
/// return nothing).
pub async fn return_redemption(conn: &mut AnyConnection, order_id: &str) -> anyhow::Result<()> {
    let code: Option<String> =
        sqlx::query_scalar("DELETE FROM promo_redemption WHERE order_id = $1 RETURNING code")
            .bind(order_id)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some(code) = code {
        sqlx::query("UPDATE promo_code SET used_count = used_count - 1 WHERE code = $1 AND used_count > 0")
            .bind(code)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
