use crate::domain;
use crate::loaders::{CategoryLoader, ImagesLoader, ProductLoader};
use crate::store;
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, ErrorExtensions, Object, Result, ID};
use chrono::{DateTime, Utc};
use vitrine_kit::auth::{caller, require_any_role};
use vitrine_kit::cost_hints::{cost, list_size, text_weight};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::identity::Role;
use vitrine_kit::money::Money;
use vitrine_kit::paging;

use super::category::{descendant_ids, Category};

/// A picture of a product.
pub struct ProductImage(pub store::ProductImage);

/// Which size of a picture to fetch (its longest side).
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
pub enum ImageSize {
    /// 160 px, for lists and the cart.
    Thumb,
    /// 480 px, for product cards.
    Card,
    /// 1 200 px, for the product page.
    Full,
    /// The picture as it was uploaded.
    Original,
}

#[Object(name = "ProductImage")]
impl ProductImage {
    /// Where the router serves it (`/media/<sha256>.<type>`), cacheable for good. Uploaded
    /// pictures come in sizes (WebP); a bundled drawing is one file at any size.
    async fn url(&self, #[graphql(default_with = "ImageSize::Full")] size: ImageSize) -> String {
        let key = match (&self.0.variants, size) {
            (Some(v), ImageSize::Thumb) => &v.thumb,
            (Some(v), ImageSize::Card) => &v.card,
            (Some(v), ImageSize::Full) => &v.full,
            _ => &self.0.media_key,
        };
        vitrine_kit::media::url_of(key)
    }
    /// What it shows, for people who cannot see it.
    async fn alt(&self) -> &str {
        &self.0.alt
    }
}

/// Something the shop sells: a device, or a dish from the automated kitchen.
pub struct Product(pub domain::Product);

#[Object(name = "Product")]
impl Product {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    /// URL-friendly unique name.
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    #[graphql(directive = cost::apply(text_weight(domain::MAX_DESCRIPTION_CHARS)))]
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// The catalog's list price; marketplace offers may differ.
    async fn price(&self) -> Money {
        self.0.price
    }
    async fn category(&self, ctx: &Context<'_>) -> Result<Category> {
        ctx.data_unchecked::<DataLoader<CategoryLoader>>()
            .load_one(self.0.category_id.clone())
            .await
            .gql()?
            .map(Category)
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("product without category")).extend())
    }
    async fn tags(&self) -> &[String] {
        &self.0.tags
    }
    /// A picture's address given by the seller (see `images` for the pictures stored here).
    #[graphql(directive = cost::apply(text_weight(domain::MAX_IMAGE_URL_CHARS)))]
    async fn image_url(&self) -> Option<&str> {
        self.0.image_url.as_deref()
    }
    /// The product's pictures, in the order to show them (the first is its main picture).
    /// Each URL is served by the router and never changes content.
    #[graphql(directive = list_size::apply(crate::uploads::MAX_IMAGES as i32))]
    async fn images(&self, ctx: &Context<'_>) -> Result<Vec<ProductImage>> {
        Ok(ctx
            .data_unchecked::<DataLoader<ImagesLoader>>()
            .load_one(self.0.id.clone())
            .await
            .gql()?
            .unwrap_or_default()
            .into_iter()
            .map(ProductImage)
            .collect())
    }
    /// The options the product comes in (size, storage…) with every value its variants use;
    /// empty for a product sold as one thing.
    #[graphql(directive = list_size::apply(domain::MAX_OPTIONS as i32))]
    async fn options(&self, ctx: &Context<'_>) -> Result<Vec<super::variant::ProductOption>> {
        Ok(super::variant::options_of(
            &super::variant::variants_of(ctx, &self.0.id).await?,
        ))
    }
    /// Each way the product comes, in the seller's order; shops offer them one by one. Empty
    /// for a product sold as one thing.
    async fn variants(&self, ctx: &Context<'_>) -> Result<Vec<super::variant::ProductVariant>> {
        Ok(super::variant::variants_of(ctx, &self.0.id)
            .await?
            .into_iter()
            .map(super::variant::ProductVariant)
            .collect())
    }
    /// True for kitchen-made items, which the kitchen prepares after checkout.
    async fn requires_preparation(&self) -> bool {
        self.0.requires_preparation
    }
    /// Archived products no longer appear in listings but stay resolvable for old orders.
    async fn archived(&self) -> bool {
        self.0.archived
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

#[derive(Default)]
pub struct ProductQuery;

#[Object]
impl ProductQuery {
    /// One product by id, archived or not; null when unknown.
    async fn product(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Product>> {
        load_product(ctx, id.0).await
    }

    /// Live products ordered by name; `categoryId` includes its subcategories.
    async fn products(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, desc = "Page size, 1 to 100.")] first: i32,
        #[graphql(default = 0)] offset: i32,
        category_id: Option<ID>,
    ) -> Result<Vec<Product>> {
        let first = paging::check_first(first).gql()?;
        if offset < 0 {
            return Err(ApiError::bad_input("offset must not be negative").extend());
        }
        let db = ctx.data_unchecked::<Db>();
        let category_ids = match category_id {
            Some(id) => {
                let all = store::all_categories(db).await.gql()?;
                if !all.iter().any(|c| c.id == id.0) {
                    return Err(ApiError::not_found(format!("no category {}", id.0)).extend());
                }
                Some(descendant_ids(&all, &id.0))
            }
            None => None,
        };
        let rows = store::list_products(db, category_ids.as_deref(), first, offset.into())
            .await
            .gql()?;
        Ok(rows.into_iter().map(Product).collect())
    }

    /// SELLER: the products you created; ADMIN: every product. Newest first; archived ones
    /// only when `includeArchived`.
    async fn my_products(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, desc = "Page size, 1 to 100.")] first: i32,
        #[graphql(default = 0)] offset: i32,
        #[graphql(default = false)] include_archived: bool,
    ) -> Result<Vec<Product>> {
        require_any_role(ctx, &[Role::Seller]).gql()?;
        let first = paging::check_first(first).gql()?;
        if offset < 0 {
            return Err(ApiError::bad_input("offset must not be negative").extend());
        }
        let identity = caller(ctx);
        let creator = (!identity.has_role(Role::Admin)).then(|| identity.sub.as_deref().unwrap_or_default());
        let rows = store::products_made_by(
            ctx.data_unchecked::<Db>(),
            creator,
            include_archived,
            first,
            offset.into(),
        )
        .await
        .gql()?;
        Ok(rows.into_iter().map(Product).collect())
    }

    #[graphql(entity)]
    async fn find_product_by_id(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Product>> {
        load_product(ctx, id.0).await
    }
}

pub(super) async fn load_product(ctx: &Context<'_>, id: String) -> Result<Option<Product>> {
    Ok(ctx
        .data_unchecked::<DataLoader<ProductLoader>>()
        .load_one(id)
        .await
        .gql()?
        .map(Product))
}
