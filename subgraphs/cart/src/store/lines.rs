use super::now;
use crate::domain::Line;
use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::{Db, Exec};
use vitrine_kit::money::Currency;

const COLUMNS: &str =
    "cart_id, offer_id, product_id, variant_id, shop_id, quantity, seen_unit_price, currency";
/// Oldest first: the first line sets the cart's currency and the order lines are shown in.
const ORDER: &str = "ORDER BY added_at, offer_id";

fn from_row(row: &AnyRow) -> anyhow::Result<Line> {
    let currency: String = row.try_get("currency")?;
    Ok(Line {
        cart_id: row.try_get("cart_id")?,
        offer_id: row.try_get("offer_id")?,
        product_id: row.try_get("product_id")?,
        variant_id: row.try_get("variant_id")?,
        shop_id: row.try_get("shop_id")?,
        quantity: row.try_get("quantity")?,
        seen_unit_price: row.try_get("seen_unit_price")?,
        currency: Currency::parse(&currency).ok_or_else(|| anyhow::anyhow!("unknown currency {currency}"))?,
    })
}

pub async fn lines_of<'e>(exec: impl Exec<'e>, cart_id: &str) -> anyhow::Result<Vec<Line>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM cart_line WHERE cart_id = $1 {ORDER}"
    ))
    .bind(cart_id)
    .fetch_all(exec)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

pub async fn lines_by_carts(db: &Db, cart_ids: &[String]) -> anyhow::Result<Vec<Line>> {
    db.fetch_in(
        &format!("SELECT {COLUMNS} FROM cart_line WHERE cart_id IN"),
        cart_ids,
        ORDER,
    )
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// Adds the line, or replaces its quantity and agreed price if the offer is already there.
pub async fn upsert_line<'e>(exec: impl Exec<'e>, line: &Line) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO cart_line (cart_id, offer_id, product_id, shop_id, quantity, seen_unit_price, currency, added_at, \
         variant_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (cart_id, offer_id) DO UPDATE SET \
         quantity = $5, seen_unit_price = $6, currency = $7",
    )
    .bind(&line.cart_id)
    .bind(&line.offer_id)
    .bind(&line.product_id)
    .bind(&line.shop_id)
    .bind(line.quantity)
    .bind(line.seen_unit_price)
    .bind(line.currency.code())
    .bind(now())
    .bind(&line.variant_id)
    .execute(exec)
    .await?;
    Ok(())
}

pub async fn set_quantity<'e>(
    exec: impl Exec<'e>,
    cart_id: &str,
    offer_id: &str,
    quantity: i64,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE cart_line SET quantity = $1 WHERE cart_id = $2 AND offer_id = $3")
        .bind(quantity)
        .bind(cart_id)
        .bind(offer_id)
        .execute(exec)
        .await?;
    Ok(())
}

pub async fn delete_line<'e>(exec: impl Exec<'e>, cart_id: &str, offer_id: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM cart_line WHERE cart_id = $1 AND offer_id = $2")
        .bind(cart_id)
        .bind(offer_id)
        .execute(exec)
        .await?;
    Ok(())
}
