//! The demo kitchen: its stations, and a recipe for every demo product that needs preparing.
//! Runs on every start; rows that exist are left alone, so changes made through the API
//! (a paused station, an edited recipe) survive restarts.

use crate::domain::{default_recipe, STATIONS};
use crate::store::{self, RecipeRow};
use anyhow::Context;
use vitrine_kit::db::Db;
use vitrine_kit::demo::{variants_of, PRODUCTS};

pub async fn seed(db: &Db) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    for (name, capacity) in STATIONS {
        store::insert_station_if_missing(&mut *tx, name, *capacity)
            .await
            .with_context(|| format!("seeding station {name}"))?;
    }
    for product in PRODUCTS.iter().filter(|p| p.requires_preparation) {
        let Some((station, prep_seconds)) = default_recipe(product.category) else {
            tracing::warn!(
                product = product.slug,
                "no station for its category; not prepared"
            );
            continue;
        };
        let recipe = RecipeRow {
            product_id: product.id(),
            variant_id: None,
            station: station.to_string(),
            prep_seconds,
        };
        store::insert_recipe_if_missing(&mut *tx, &recipe)
            .await
            .with_context(|| format!("seeding the recipe of {}", product.slug))?;
        // Sizes that take longer or shorter than the product's own time get a recipe of their own.
        for variant in variants_of(product.slug).filter(|v| v.prep_percent != 100) {
            let recipe = RecipeRow {
                variant_id: Some(variant.id()),
                prep_seconds: prep_seconds * variant.prep_percent / 100,
                ..recipe.clone()
            };
            store::insert_recipe_if_missing(&mut *tx, &recipe)
                .await
                .with_context(|| format!("seeding the recipe of {} {}", product.slug, variant.slug))?;
        }
    }
    tx.commit().await?;
    Ok(())
}
