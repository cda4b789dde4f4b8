//! SQL, and nothing else. A function that runs one statement takes any executor (`&Db`
//! outside a transaction, `&mut *tx` inside one); one that runs several takes the connection
//! (`&mut tx`) they all run on.

mod lines;
mod promos;

pub use lines::*;
pub use promos::*;

use crate::domain::{Cart, CartStatus};
use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::{AnyConnection, Db, Exec};
use vitrine_kit::ids::new_id;

fn now() -> String {
    vitrine_kit::time::to_db(vitrine_kit::time::now())
}

const COLUMNS: &str = "cart_id, customer_id, status, promo_code, claim_snapshot";

fn from_row(row: &AnyRow) -> anyhow::Result<Cart> {
    Ok(Cart {
        id: row.try_get("cart_id")?,
        customer_id: row.try_get("customer_id")?,
        status: CartStatus::parse(&row.try_get::<String, _>("status")?)?,
        promo_code: row.try_get("promo_code")?,
        claim_snapshot: row.try_get("claim_snapshot")?,
    })
}

/// The one cart matching `column = value`.
async fn cart_where<'e>(exec: impl Exec<'e>, column: &str, value: &str) -> anyhow::Result<Option<Cart>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM cart WHERE {column} = $1"))
        .bind(value)
        .fetch_optional(exec)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn cart_by_id<'e>(exec: impl Exec<'e>, id: &str) -> anyhow::Result<Option<Cart>> {
    cart_where(exec, "cart_id", id).await
}

/// The customer's ACTIVE or CHECKING_OUT cart.
pub async fn open_cart<'e>(exec: impl Exec<'e>, customer_id: &str) -> anyhow::Result<Option<Cart>> {
    cart_where(exec, "open_owner", customer_id).await
}

pub async fn open_carts(db: &Db, customer_ids: &[String]) -> anyhow::Result<Vec<Cart>> {
    db.fetch_in(
        &format!("SELECT {COLUMNS} FROM cart WHERE open_owner IN"),
        customer_ids,
        "",
    )
    .await?
    .iter()
    .map(from_row)
    .collect()
}

pub async fn guest_cart<'e>(exec: impl Exec<'e>, token_hash: &str) -> anyhow::Result<Option<Cart>> {
    cart_where(exec, "guest_token_hash", token_hash).await
}

pub async fn cart_by_order<'e>(exec: impl Exec<'e>, order_id: &str) -> anyhow::Result<Option<Cart>> {
    cart_where(exec, "order_id", order_id).await
}

/// Opens a cart for the customer unless one is open; concurrent callers end up with the same.
pub async fn ensure_open_cart(conn: &mut AnyConnection, customer_id: &str) -> anyhow::Result<Cart> {
    let now = now();
    // DO NOTHING rather than catching the unique violation: on PostgreSQL a failed statement
    // would abort the whole transaction.
    sqlx::query(
        "INSERT INTO cart (cart_id, customer_id, status, open_owner, created_at, updated_at) \
         VALUES ($1, $2, 'ACTIVE', $2, $3, $3) ON CONFLICT DO NOTHING",
    )
    .bind(new_id("crt"))
    .bind(customer_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    open_cart(&mut *conn, customer_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the open cart vanished"))
}

pub async fn insert_guest_cart(conn: &mut AnyConnection, token_hash: &str) -> anyhow::Result<Cart> {
    let id = new_id("crt");
    sqlx::query(
        "INSERT INTO cart (cart_id, guest_token_hash, status, created_at, updated_at) \
         VALUES ($1, $2, 'ACTIVE', $3, $3)",
    )
    .bind(&id)
    .bind(token_hash)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    cart_by_id(&mut *conn, &id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the new cart vanished"))
}

/// Deletes up to `limit` guest carts untouched since `before` (a database time), with their
/// lines, and says how many. They are locked first by an UPDATE that changes nothing, which
/// re-checks the time: a cart its guest changes at that moment is kept, lines and all.
pub async fn delete_stale_guest_carts(
    conn: &mut AnyConnection,
    before: &str,
    limit: i64,
) -> anyhow::Result<usize> {
    let stale: Vec<String> = sqlx::query_scalar(
        "UPDATE cart SET updated_at = updated_at \
         WHERE guest_token_hash IS NOT NULL AND updated_at < $1 AND cart_id IN \
         (SELECT cart_id FROM cart WHERE guest_token_hash IS NOT NULL AND updated_at < $1 \
          ORDER BY updated_at LIMIT $2) \
         RETURNING cart_id",
    )
    .bind(before)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    if stale.is_empty() {
        return Ok(0);
    }
    let list = Db::placeholders(1, stale.len());
    for table in ["cart_line", "cart"] {
        let sql = format!("DELETE FROM {table} WHERE cart_id IN ({list})");
        let mut delete = sqlx::query(&sql);
        for id in &stale {
            delete = delete.bind(id);
        }
        delete.execute(&mut *conn).await?;
    }
    Ok(stale.len())
}

/// Marks an ACTIVE cart as changed; false if it is not ACTIVE. As the transaction's first
/// write it also takes the row lock on PostgreSQL, so a concurrent claim waits for this change.
pub async fn touch_active<'e>(exec: impl Exec<'e>, cart_id: &str) -> anyhow::Result<bool> {
    let done = sqlx::query("UPDATE cart SET updated_at = $1 WHERE cart_id = $2 AND status = 'ACTIVE'")
        .bind(now())
        .bind(cart_id)
        .execute(exec)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_promo<'e>(exec: impl Exec<'e>, cart_id: &str, code: Option<&str>) -> anyhow::Result<()> {
    sqlx::query("UPDATE cart SET promo_code = $1, updated_at = $2 WHERE cart_id = $3")
        .bind(code)
        .bind(now())
        .bind(cart_id)
        .execute(exec)
        .await?;
    Ok(())
}

/// ACTIVE → CHECKING_OUT for `order_id`; false if the cart was no longer ACTIVE.
pub async fn mark_checking_out<'e>(
    exec: impl Exec<'e>,
    cart_id: &str,
    order_id: &str,
    snapshot: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE cart SET status = 'CHECKING_OUT', order_id = $1, claim_snapshot = $2, updated_at = $3 \
         WHERE cart_id = $4 AND status = 'ACTIVE'",
    )
    .bind(order_id)
    .bind(snapshot)
    .bind(now())
    .bind(cart_id)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// CHECKING_OUT for `order_id` → ACTIVE again; false if it was not.
pub async fn mark_released<'e>(exec: impl Exec<'e>, order_id: &str) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE cart SET status = 'ACTIVE', order_id = NULL, claim_snapshot = NULL, updated_at = $1 \
         WHERE order_id = $2 AND status = 'CHECKING_OUT'",
    )
    .bind(now())
    .bind(order_id)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// CHECKING_OUT for `order_id` → ORDERED; the customer's next cart is a new one.
pub async fn mark_ordered<'e>(exec: impl Exec<'e>, order_id: &str) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE cart SET status = 'ORDERED', open_owner = NULL, updated_at = $1 \
         WHERE order_id = $2 AND status = 'CHECKING_OUT'",
    )
    .bind(now())
    .bind(order_id)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes a cart and its lines; false if it was already gone.
pub async fn delete_cart(conn: &mut AnyConnection, cart_id: &str) -> anyhow::Result<bool> {
    sqlx::query("DELETE FROM cart_line WHERE cart_id = $1")
        .bind(cart_id)
        .execute(&mut *conn)
        .await?;
    let done = sqlx::query("DELETE FROM cart WHERE cart_id = $1")
        .bind(cart_id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
