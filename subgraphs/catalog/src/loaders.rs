//! One loader per key; each issues a single `IN (…)` query per batch. Registered on the schema
//! without a cache, so a batch never serves stale rows to a later request.

use crate::domain::{Category, Product, Variant};
use crate::store;
use async_graphql::dataloader::Loader;
use std::collections::HashMap;
use std::sync::Arc;
use vitrine_kit::db::Db;

pub struct ProductLoader(pub Db);

impl Loader<String> for ProductLoader {
    type Value = Product;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Product>, Self::Error> {
        let rows = store::products_by_ids(&self.0, ids).await.map_err(Arc::new)?;
        Ok(rows.into_iter().map(|p| (p.id.clone(), p)).collect())
    }
}

pub struct CategoryLoader(pub Db);

impl Loader<String> for CategoryLoader {
    /// Shared: each product of a batch gets its category without a copy.
    type Value = Arc<Category>;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Arc<Category>>, Self::Error> {
        let rows = store::categories_by_ids(&self.0, ids).await.map_err(Arc::new)?;
        Ok(rows.into_iter().map(|c| (c.id.clone(), Arc::new(c))).collect())
    }
}

/// Children of each parent category.
pub struct ChildCategoriesLoader(pub Db);

impl Loader<String> for ChildCategoriesLoader {
    type Value = Vec<Category>;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, parent_ids: &[String]) -> Result<HashMap<String, Vec<Category>>, Self::Error> {
        let rows = store::categories_by_parent_ids(&self.0, parent_ids)
            .await
            .map_err(Arc::new)?;
        let mut by_parent: HashMap<String, Vec<Category>> = HashMap::new();
        for category in rows {
            if let Some(parent) = category.parent_id.clone() {
                by_parent.entry(parent).or_default().push(category);
            }
        }
        Ok(by_parent)
    }
}

/// Each product's pictures, in order.
pub struct ImagesLoader(pub Db);

impl Loader<String> for ImagesLoader {
    type Value = Vec<store::ProductImage>;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Self::Value>, Self::Error> {
        let mut by_product: HashMap<String, Self::Value> = HashMap::new();
        for image in store::images_of(&self.0, ids).await.map_err(Arc::new)? {
            by_product
                .entry(image.product_id.clone())
                .or_default()
                .push(image);
        }
        Ok(by_product)
    }
}

/// Each product's variants, in order.
pub struct VariantsLoader(pub Db);

impl Loader<String> for VariantsLoader {
    type Value = Vec<Variant>;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Self::Value>, Self::Error> {
        let mut by_product: HashMap<String, Self::Value> = HashMap::new();
        for variant in store::variants_of(&self.0, ids).await.map_err(Arc::new)? {
            by_product
                .entry(variant.product_id.clone())
                .or_default()
                .push(variant);
        }
        Ok(by_product)
    }
}

/// Variants by id.
pub struct VariantLoader(pub Db);

impl Loader<String> for VariantLoader {
    type Value = Variant;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Variant>, Self::Error> {
        let rows = store::variants_by_ids(&self.0, ids).await.map_err(Arc::new)?;
        Ok(rows.into_iter().map(|v| (v.id.clone(), v)).collect())
    }
}
