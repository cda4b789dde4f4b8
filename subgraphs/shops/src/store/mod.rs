//! Shops SQL. Reads take the counted `&Db`; writes take any executor (`&mut *tx` inside a
//! transaction).

use crate::domain::{Offer, Shop};
use anyhow::Context;
use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::{Db, Exec};
use vitrine_kit::money::{Currency, Money};

const SHOP_COLUMNS: &str =
    "shop_id, slug, name, description, address, latitude, longitude, owner_id, opening_hours";
const OFFER_COLUMNS: &str = "offer_id, shop_id, product_id, variant_id, price_amount, price_currency, active";

fn shop_from_row(row: &AnyRow) -> anyhow::Result<Shop> {
    Ok(Shop {
        id: row.try_get("shop_id")?,
        slug: row.try_get("slug")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        address: row.try_get("address")?,
        latitude: row.try_get("latitude")?,
        longitude: row.try_get("longitude")?,
        owner_id: row.try_get("owner_id")?,
        opening_hours: row.try_get("opening_hours")?,
    })
}

fn offer_from_row(row: &AnyRow) -> anyhow::Result<Offer> {
    let currency: String = row.try_get("price_currency")?;
    Ok(Offer {
        id: row.try_get("offer_id")?,
        shop_id: row.try_get("shop_id")?,
        product_id: row.try_get("product_id")?,
        variant_id: row.try_get("variant_id")?,
        price: Money::new(
            row.try_get("price_amount")?,
            Currency::parse(&currency).with_context(|| format!("unknown currency {currency}"))?,
        ),
        active: row.try_get::<i64, _>("active")? != 0,
    })
}

pub async fn shops_by_ids(db: &Db, ids: &[String]) -> anyhow::Result<Vec<Shop>> {
    let head = format!("SELECT {SHOP_COLUMNS} FROM shop WHERE shop_id IN");
    db.fetch_in(&head, ids, "")
        .await?
        .iter()
        .map(shop_from_row)
        .collect()
}

pub async fn list_shops(db: &Db, owner_id: Option<&str>, limit: i64) -> anyhow::Result<Vec<Shop>> {
    let rows = match owner_id {
        Some(owner) => {
            sqlx::query(&format!(
                "SELECT {SHOP_COLUMNS} FROM shop WHERE owner_id = $1 ORDER BY name LIMIT $2"
            ))
            .bind(owner)
            .bind(limit)
            .fetch_all(db)
            .await?
        }
        None => {
            sqlx::query(&format!("SELECT {SHOP_COLUMNS} FROM shop ORDER BY name LIMIT $1"))
                .bind(limit)
                .fetch_all(db)
                .await?
        }
    };
    rows.iter().map(shop_from_row).collect()
}

pub async fn insert_shop<'e>(exec: impl Exec<'e>, shop: &Shop) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO shop ({SHOP_COLUMNS}, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    ))
    .bind(&shop.id)
    .bind(&shop.slug)
    .bind(&shop.name)
    .bind(&shop.description)
    .bind(&shop.address)
    .bind(shop.latitude)
    .bind(shop.longitude)
    .bind(&shop.owner_id)
    .bind(&shop.opening_hours)
    .bind(vitrine_kit::time::to_db(vitrine_kit::time::now()))
    .execute(exec)
    .await?;
    Ok(())
}

/// Live (not removed) offers by id.
pub async fn offers_by_ids(db: &Db, ids: &[String]) -> anyhow::Result<Vec<Offer>> {
    let head = format!("SELECT {OFFER_COLUMNS} FROM offer WHERE removed = 0 AND offer_id IN");
    db.fetch_in(&head, ids, "")
        .await?
        .iter()
        .map(offer_from_row)
        .collect()
}

/// Live offers of many products (or shops), cheapest first.
pub async fn offers_by(db: &Db, column: OfferKey, ids: &[String]) -> anyhow::Result<Vec<Offer>> {
    let column = match column {
        OfferKey::Product => "product_id",
        OfferKey::Shop => "shop_id",
        OfferKey::Variant => "variant_id",
    };
    let head = format!("SELECT {OFFER_COLUMNS} FROM offer WHERE removed = 0 AND {column} IN");
    db.fetch_in(&head, ids, "ORDER BY price_amount, offer_id")
        .await?
        .iter()
        .map(offer_from_row)
        .collect()
}

#[derive(Clone, Copy)]
pub enum OfferKey {
    Product,
    Shop,
    Variant,
}

pub async fn insert_offer<'e>(exec: impl Exec<'e>, offer: &Offer) -> Result<(), sqlx::Error> {
    let now = vitrine_kit::time::to_db(vitrine_kit::time::now());
    sqlx::query(&format!(
        "INSERT INTO offer ({OFFER_COLUMNS}, removed, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $8)"
    ))
    .bind(&offer.id)
    .bind(&offer.shop_id)
    .bind(&offer.product_id)
    .bind(&offer.variant_id)
    .bind(offer.price.amount)
    .bind(offer.price.currency.code())
    .bind(i64::from(offer.active))
    .bind(now)
    .execute(exec)
    .await?;
    Ok(())
}

pub async fn update_offer<'e>(exec: impl Exec<'e>, offer: &Offer, removed: bool) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE offer SET price_amount = $1, price_currency = $2, active = $3, removed = $4, updated_at = $5 \
         WHERE offer_id = $6",
    )
    .bind(offer.price.amount)
    .bind(offer.price.currency.code())
    .bind(i64::from(offer.active))
    .bind(i64::from(removed))
    .bind(vitrine_kit::time::to_db(vitrine_kit::time::now()))
    .bind(&offer.id)
    .execute(exec)
    .await?;
    Ok(())
}

/// `None`: catalog never announced the product; `Some(archived)` otherwise.
pub async fn product_archived(db: &Db, product_id: &str) -> anyhow::Result<Option<bool>> {
    let row = sqlx::query("SELECT archived FROM product_ref WHERE product_id = $1")
        .bind(product_id)
        .fetch_optional(db)
        .await?;
    Ok(row
        .map(|r| r.try_get::<i64, _>("archived"))
        .transpose()?
        .map(|a| a != 0))
}

pub async fn upsert_product_ref<'e>(
    exec: impl Exec<'e>,
    product_id: &str,
    archived: bool,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO product_ref (product_id, archived) VALUES ($1, $2) \
         ON CONFLICT (product_id) DO UPDATE SET archived = $2",
    )
    .bind(product_id)
    .bind(i64::from(archived))
    .execute(exec)
    .await?;
    Ok(())
}

/// The variants catalog announced for `product_id` (empty: the product is sold as one thing).
pub async fn variants_of_product(db: &Db, product_id: &str) -> anyhow::Result<Vec<String>> {
    let rows = sqlx::query("SELECT variant_id FROM variant_ref WHERE product_id = $1")
        .bind(product_id)
        .fetch_all(db)
        .await?;
    rows.iter().map(|r| Ok(r.try_get("variant_id")?)).collect()
}

/// Offers made before the product had variants sell its first variant from now on, so every
/// live offer of a product with variants names one. Returns how many were attached.
pub async fn attach_plain_offers<'e>(
    exec: impl Exec<'e>,
    product_id: &str,
    first_variant_id: &str,
) -> anyhow::Result<u64> {
    let done = sqlx::query(
        "UPDATE offer SET variant_id = $1, updated_at = $2 WHERE product_id = $3 AND variant_id IS NULL",
    )
    .bind(first_variant_id)
    .bind(vitrine_kit::time::to_db(vitrine_kit::time::now()))
    .bind(product_id)
    .execute(exec)
    .await?;
    Ok(done.rows_affected())
}

/// Records the variants a product has now (variants are never taken away from a product).
pub async fn add_variant_refs(
    conn: &mut sqlx::AnyConnection,
    product_id: &str,
    variant_ids: &[String],
) -> anyhow::Result<()> {
    for variant_id in variant_ids {
        sqlx::query(
            "INSERT INTO variant_ref (variant_id, product_id) VALUES ($1, $2) ON CONFLICT (variant_id) DO NOTHING",
        )
        .bind(variant_id)
        .bind(product_id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
