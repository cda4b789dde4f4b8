use super::product::Product;
use crate::domain;
use crate::loaders::ProductLoader;
use crate::products;
use crate::store;
use crate::uploads;
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, InputObject, Object, Result, ID};
use vitrine_kit::auth::{caller, require_any_role};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::events::OutboxWaker;
use vitrine_kit::identity::Role;
use vitrine_kit::ids::new_id;
use vitrine_kit::input::{check_line, check_text, Lines};
use vitrine_kit::media::MediaStore;
use vitrine_kit::money::Money;

#[derive(InputObject)]
pub struct ProductInput {
    pub name: String,
    /// URL-friendly unique name: a-z, 0-9 and -.
    pub slug: String,
    pub description: String,
    /// List price in tiyn.
    pub price: i64,
    pub category_id: ID,
    #[graphql(default)]
    pub tags: Vec<String>,
    pub image_url: Option<String>,
    #[graphql(default)]
    pub requires_preparation: bool,
}

async fn validated(ctx: &Context<'_>, id: String, input: ProductInput) -> Result<domain::Product, ApiError> {
    let name = input.name.trim();
    check_line("name", name, 1..=200)?;
    let slug_ok = !input.slug.is_empty()
        && input.slug.len() <= 100
        && input
            .slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !slug_ok {
        return Err(ApiError::bad_input("slug must be 1 to 100 of a-z, 0-9 and -"));
    }
    if input.price < 0 {
        return Err(ApiError::bad_input("price must not be negative"));
    }
    check_text(
        "description",
        &input.description,
        0..=domain::MAX_DESCRIPTION_CHARS,
        Lines::Many,
    )?;
    domain::check_tags("tags", &input.tags)?;
    if let Some(url) = &input.image_url {
        check_line("imageUrl", url, 0..=domain::MAX_IMAGE_URL_CHARS)?;
    }
    let categories = store::categories_by_ids(
        ctx.data_unchecked::<Db>(),
        std::slice::from_ref(&input.category_id.0),
    )
    .await?;
    if categories.is_empty() {
        return Err(ApiError::not_found(format!(
            "no category {}",
            input.category_id.0
        )));
    }
    Ok(domain::Product {
        id,
        slug: input.slug,
        name: name.to_string(),
        description: input.description,
        price: Money::kzt(input.price),
        category_id: input.category_id.0,
        tags: input.tags.iter().map(|t| t.trim().to_lowercase()).collect(),
        image_url: input.image_url,
        requires_preparation: input.requires_preparation,
        archived: false,
        created_at: vitrine_kit::time::now(),
    })
}

/// Saves the product and announces it (see `products::save`), then wakes the outbox relay.
async fn save(ctx: &Context<'_>, product: &domain::Product) -> Result<(), ApiError> {
    let actor = caller(ctx).sub.clone().unwrap_or_default();
    products::save(ctx.data_unchecked::<Db>(), product, &actor).await?;
    ctx.data_unchecked::<OutboxWaker>().wake();
    Ok(())
}

/// The product, if the caller may change it: ADMIN, or the SELLER who created it.
pub(super) async fn changeable(ctx: &Context<'_>, id: &str) -> Result<domain::Product, ApiError> {
    require_any_role(ctx, &[Role::Seller])?;
    let product = ctx
        .data_unchecked::<DataLoader<ProductLoader>>()
        .load_one(id.to_string())
        .await?
        .ok_or_else(|| ApiError::not_found("no such product"))?;
    let identity = caller(ctx);
    if !identity.has_role(Role::Admin) {
        let creator = store::product_creator(ctx.data_unchecked::<Db>(), id).await?;
        if creator.as_deref() != identity.sub.as_deref() {
            return Err(ApiError::Forbidden(
                "sellers change only products they created".into(),
            ));
        }
    }
    Ok(product)
}

#[derive(Default)]
pub struct ProductMutation;

#[Object]
impl ProductMutation {
    /// SELLER or ADMIN: adds a product to the catalog.
    async fn create_product(&self, ctx: &Context<'_>, input: ProductInput) -> Result<Product> {
        require_any_role(ctx, &[Role::Seller]).gql()?;
        let product = validated(ctx, new_id("prd"), input).await.gql()?;
        save(ctx, &product).await.gql()?;
        Ok(Product(product))
    }

    /// ADMIN, or the SELLER who created it: replaces the product's details.
    async fn update_product(&self, ctx: &Context<'_>, id: ID, input: ProductInput) -> Result<Product> {
        let current = changeable(ctx, &id).await.gql()?;
        let mut product = validated(ctx, current.id, input).await.gql()?;
        product.created_at = current.created_at;
        product.archived = current.archived;
        save(ctx, &product).await.gql()?;
        Ok(Product(product))
    }

    /// ADMIN, or the SELLER who created it: adds a picture, sent as `file` with the GraphQL
    /// multipart request spec (the router takes the file; `apollo-require-preflight: true`
    /// must be sent). PNG, JPEG or WebP by its bytes, at most 5 MiB and 8 000 px a side, at
    /// most 10 pictures a product; `alt` says what it shows (1 to 200 characters). Refusals
    /// are `BAD_USER_INPUT`; another seller's product is `FORBIDDEN`.
    async fn add_product_image(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
        file: StagedUpload,
        alt: String,
    ) -> Result<Product> {
        let product = changeable(ctx, &product_id).await.gql()?;
        check_line("alt", alt.trim(), 1..=200).gql()?;
        let media = ctx.data_unchecked::<MediaStore>();
        uploads::add_picture(
            ctx.data_unchecked::<Db>(),
            media,
            ctx.data_unchecked::<uploads::Decoding>(),
            &product.id,
            &file.0,
            alt.trim(),
        )
        .await
        .gql()?;
        Ok(Product(product))
    }

    /// ADMIN, or the SELLER who created it: takes the product out of listings and searches;
    /// shops can no longer offer it. Orders keep pointing at it.
    async fn archive_product(&self, ctx: &Context<'_>, id: ID) -> Result<Product> {
        let mut product = changeable(ctx, &id).await.gql()?;
        product.archived = true;
        save(ctx, &product).await.gql()?;
        Ok(Product(product))
    }
}

/// A file sent with the GraphQL multipart request spec. The router stores the file's bytes and
/// passes their media key here; a request that sends a string of its own can only name
/// pictures already stored.
pub struct StagedUpload(pub String);

#[async_graphql::Scalar(name = "Upload")]
impl async_graphql::ScalarType for StagedUpload {
    fn parse(value: async_graphql::Value) -> async_graphql::InputValueResult<Self> {
        match value {
            async_graphql::Value::String(key) if vitrine_kit::media::parse_key(&key).is_some() => {
                Ok(StagedUpload(key))
            }
            _ => Err(async_graphql::InputValueError::custom(
                "send the file with the GraphQL multipart request spec",
            )),
        }
    }

    fn to_value(&self) -> async_graphql::Value {
        async_graphql::Value::String(self.0.clone())
    }
}
