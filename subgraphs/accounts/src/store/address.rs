use super::now_text;
use crate::domain::Address;
use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::{AnyConnection, Db};

const COLUMNS: &str =
    "address_id, customer_id, label, line1, line2, city, postal_code, latitude, longitude, is_default";

fn from_row(row: &AnyRow) -> anyhow::Result<Address> {
    Ok(Address {
        id: row.try_get("address_id")?,
        customer_id: row.try_get("customer_id")?,
        label: row.try_get("label")?,
        line1: row.try_get("line1")?,
        line2: row.try_get("line2")?,
        city: row.try_get("city")?,
        postal_code: row.try_get("postal_code")?,
        latitude: row.try_get("latitude")?,
        longitude: row.try_get("longitude")?,
        is_default: row.try_get::<i64, _>("is_default")? != 0,
    })
}

/// Live addresses of many customers, default first.
pub async fn addresses_by_customer_ids(db: &Db, ids: &[String]) -> anyhow::Result<Vec<Address>> {
    db.fetch_in(
        &format!("SELECT {COLUMNS} FROM address WHERE removed = 0 AND customer_id IN"),
        ids,
        "ORDER BY is_default DESC, created_at, address_id",
    )
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// One live address, whoever owns it (callers check ownership).
pub async fn address_by_id(db: &Db, id: &str) -> anyhow::Result<Option<Address>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM address WHERE removed = 0 AND address_id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Writes every field of `a`; when it is the default, the customer's other addresses stop being.
pub async fn upsert_address(conn: &mut AnyConnection, a: &Address) -> anyhow::Result<()> {
    if a.is_default {
        sqlx::query("UPDATE address SET is_default = 0 WHERE customer_id = $1 AND address_id <> $2")
            .bind(&a.customer_id)
            .bind(&a.id)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query(
        "INSERT INTO address (address_id, customer_id, label, line1, line2, city, postal_code, latitude, \
         longitude, is_default, removed, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11) \
         ON CONFLICT (address_id) DO UPDATE SET label = $3, line1 = $4, line2 = $5, city = $6, \
         postal_code = $7, latitude = $8, longitude = $9, is_default = $10",
    )
    .bind(&a.id)
    .bind(&a.customer_id)
    .bind(&a.label)
    .bind(&a.line1)
    .bind(&a.line2)
    .bind(&a.city)
    .bind(&a.postal_code)
    .bind(a.latitude)
    .bind(a.longitude)
    .bind(i64::from(a.is_default))
    .bind(now_text())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn remove_address(conn: &mut AnyConnection, id: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE address SET removed = 1, is_default = 0 WHERE address_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Makes the customer's oldest live address the default (none if they have none left).
pub async fn promote_oldest_address(conn: &mut AnyConnection, customer_id: &str) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE address SET is_default = 1 WHERE address_id = (SELECT address_id FROM address \
         WHERE customer_id = $1 AND removed = 0 ORDER BY created_at, address_id LIMIT 1)",
    )
    .bind(customer_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
