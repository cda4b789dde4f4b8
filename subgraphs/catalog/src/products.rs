//! Changing products: each save and its announcement to the other subgraphs are one
//! transaction, so shops never hears of a product that was not stored (or misses one that was).

use crate::domain::{Product, Variant, MAX_VARIANTS};
use crate::store;
use vitrine_kit::contracts::{ProductChanged, PRODUCT_CHANGED};
use vitrine_kit::db::{Db, Tx};
use vitrine_kit::error::{is_unique_violation, ApiError};
use vitrine_kit::events::enqueue;

/// Saves the product and announces it, in one transaction. A taken slug is a `CONFLICT`.
pub async fn save(db: &Db, product: &Product, actor: &str) -> Result<(), ApiError> {
    let mut tx = db.begin_write().await?;
    match store::save_product(&mut *tx, product, actor).await {
        Err(err) if is_unique_violation(&err) => {
            return Err(ApiError::Conflict("a product with this slug exists".into()))
        }
        other => other?,
    }
    announce(&mut tx, product).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds `variant` after the product's others and announces the product with it, in one
/// transaction that holds the product's lock, so two sellers adding at once neither take one
/// position nor name different options. Other option names than the product's variants have
/// are `BAD_USER_INPUT`; the same values twice (in any case), or the `MAX_VARIANTS`-and-first
/// variant, a `CONFLICT`.
pub async fn add_variant(db: &Db, product: &Product, mut variant: Variant) -> Result<Variant, ApiError> {
    let mut tx = db.begin_write_locked(&format!("variants:{}", product.id)).await?;
    let existing = store::variant_options_of(&mut *tx, &product.id).await?;
    if let Some(first) = existing.first() {
        let names = first.iter().map(|(name, _)| name.as_str());
        if variant
            .options
            .iter()
            .map(|(name, _)| name.as_str())
            .ne(names.clone())
        {
            return Err(ApiError::bad_input(format!(
                "this product's variants name the options {}",
                names.collect::<Vec<_>>().join(", ")
            )));
        }
    }
    // "Red" and "red" would be two variants no shopper could tell apart.
    let same_values = |other: &Vec<(String, String)>| {
        other
            .iter()
            .zip(&variant.options)
            .all(|((_, a), (_, b))| a.to_lowercase() == b.to_lowercase())
    };
    if existing.iter().any(same_values) {
        return Err(ApiError::Conflict(format!(
            "the product has a variant {} already",
            variant.name
        )));
    }
    if existing.len() as i64 >= MAX_VARIANTS {
        return Err(ApiError::Conflict(format!(
            "a product has at most {MAX_VARIANTS} variants"
        )));
    }
    variant.position = existing.len() as i64;
    let at = vitrine_kit::time::to_db(vitrine_kit::time::now());
    match store::insert_variant(&mut *tx, &variant, &at).await {
        Err(err) if is_unique_violation(&err) => {
            return Err(ApiError::Conflict(format!(
                "the product has a variant {} already",
                variant.name
            )))
        }
        other => other.map_err(anyhow::Error::from)?,
    }
    announce(&mut tx, product).await?;
    tx.commit().await?;
    Ok(variant)
}

/// Tells the other subgraphs what the product is now, variants included.
async fn announce(tx: &mut Tx, product: &Product) -> anyhow::Result<()> {
    let change = ProductChanged {
        product_id: product.id.clone(),
        archived: product.archived,
        variant_ids: store::variant_ids_of(&mut **tx, &product.id).await?,
    };
    enqueue(tx, PRODUCT_CHANGED, &change).await?;
    Ok(())
}
