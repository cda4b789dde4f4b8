use super::{now_text, time};
use crate::domain::Customer;
use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::{AnyConnection, Db};
use vitrine_kit::identity::Role;

const COLUMNS: &str = "customer_id, email, name, phone, roles, created_at";

fn from_row(row: &AnyRow) -> anyhow::Result<Customer> {
    Ok(Customer {
        id: row.try_get("customer_id")?,
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        phone: row.try_get("phone")?,
        roles: serde_json::from_str(&row.try_get::<String, _>("roles")?)?,
        created_at: time(row, "created_at")?,
    })
}

pub struct NewCustomer<'a> {
    pub id: &'a str,
    pub email: &'a str,
    pub name: &'a str,
    pub phone: Option<&'a str>,
    pub password_hash: &'a str,
    pub roles: &'a [Role],
}

/// Inserts the customer and an empty wallet. A taken e-mail surfaces as a unique violation.
pub async fn insert_customer(conn: &mut AnyConnection, c: &NewCustomer<'_>) -> Result<(), sqlx::Error> {
    let now = now_text();
    sqlx::query(
        "INSERT INTO customer (customer_id, email, name, phone, password_hash, roles, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
    .bind(c.id)
    .bind(c.email)
    .bind(c.name)
    .bind(c.phone)
    .bind(c.password_hash)
    .bind(serde_json::to_string(c.roles).expect("roles serialize"))
    .bind(&now)
    .execute(&mut *conn)
    .await?;
    sqlx::query("INSERT INTO wallet (customer_id, currency, balance, held) VALUES ($1, 'KZT', 0, 0)")
        .bind(c.id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The customer and their password hash, for sign-in.
pub async fn credentials_by_email(db: &Db, email: &str) -> anyhow::Result<Option<(Customer, String)>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, password_hash FROM customer WHERE email = $1"
    ))
    .bind(email)
    .fetch_optional(db)
    .await?;
    row.map(|row| Ok((from_row(&row)?, row.try_get("password_hash")?)))
        .transpose()
}

pub async fn customers_by_ids(db: &Db, ids: &[String]) -> anyhow::Result<Vec<Customer>> {
    db.fetch_in(
        &format!("SELECT {COLUMNS} FROM customer WHERE customer_id IN"),
        ids,
        "",
    )
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// Changes what is given: the name, and the phone (`Some(None)` clears it).
pub async fn update_profile(
    conn: &mut AnyConnection,
    customer_id: &str,
    name: Option<&str>,
    phone: Option<Option<&str>>,
) -> anyhow::Result<()> {
    if let Some(name) = name {
        sqlx::query("UPDATE customer SET name = $1, updated_at = $2 WHERE customer_id = $3")
            .bind(name)
            .bind(now_text())
            .bind(customer_id)
            .execute(&mut *conn)
            .await?;
    }
    if let Some(phone) = phone {
        sqlx::query("UPDATE customer SET phone = $1, updated_at = $2 WHERE customer_id = $3")
            .bind(phone)
            .bind(now_text())
            .bind(customer_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
