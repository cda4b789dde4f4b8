//! Product variants: the options a product comes in (size, storage, colour) and each
//! combination sold, with its own list price. Shops offer variants one by one.

use super::manage::changeable;
use super::product::{load_product, Product};
use crate::domain::{self, variant_name, MAX_OPTIONS};
use crate::loaders::{VariantLoader, VariantsLoader};
use crate::products;
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, ErrorExtensions, InputObject, Object, Result, SimpleObject, ID};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::events::OutboxWaker;
use vitrine_kit::ids::new_id;
use vitrine_kit::input::{check_line, check_price};
use vitrine_kit::money::Money;

/// One option of a variant: `Size` = `35 cm`.
#[derive(SimpleObject, InputObject, Clone)]
#[graphql(input_name = "SelectedOptionInput")]
pub struct SelectedOption {
    /// "Size", "Storage", "Colour".
    pub name: String,
    /// "35 cm", "256 GB", "Black".
    pub value: String,
}

/// An option a product comes in, with every value its variants use, in order.
#[derive(SimpleObject)]
pub struct ProductOption {
    pub name: String,
    pub values: Vec<String>,
}

/// One way a product comes, sold by shops' offers of it (each with its own price and stock).
pub struct ProductVariant(pub domain::Variant);

#[Object(name = "ProductVariant")]
impl ProductVariant {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    /// The option values joined, for display: "35 cm", "256 GB · Black".
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Its value of each of the product's options, in the product's order.
    #[graphql(directive = vitrine_kit::cost_hints::list_size::apply(crate::domain::MAX_OPTIONS as i32))]
    async fn options(&self) -> Vec<SelectedOption> {
        self.0
            .options
            .iter()
            .map(|(name, value)| SelectedOption {
                name: name.clone(),
                value: value.clone(),
            })
            .collect()
    }
    /// The catalog's list price of this variant; offers may differ.
    async fn price(&self) -> Money {
        self.0.price
    }
    async fn product(&self, ctx: &Context<'_>) -> Result<Product> {
        load_product(ctx, self.0.product_id.clone())
            .await?
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("variant without product")).extend())
    }
}

/// A product's options, from its variants: names in the variants' order, values in order of
/// first use.
pub fn options_of(variants: &[domain::Variant]) -> Vec<ProductOption> {
    let mut options: Vec<ProductOption> = Vec::new();
    for variant in variants {
        for (name, value) in &variant.options {
            match options.iter_mut().find(|o| &o.name == name) {
                Some(option) if !option.values.contains(value) => option.values.push(value.clone()),
                Some(_) => {}
                None => options.push(ProductOption {
                    name: name.clone(),
                    values: vec![value.clone()],
                }),
            }
        }
    }
    options
}

pub async fn variants_of(ctx: &Context<'_>, product_id: &str) -> Result<Vec<domain::Variant>> {
    Ok(ctx
        .data_unchecked::<DataLoader<VariantsLoader>>()
        .load_one(product_id.to_string())
        .await
        .gql()?
        .unwrap_or_default())
}

#[derive(Default)]
pub struct VariantQuery;

#[Object]
impl VariantQuery {
    /// One variant by id; null when unknown.
    async fn product_variant(&self, ctx: &Context<'_>, id: ID) -> Result<Option<ProductVariant>> {
        load_variant(ctx, id.0).await
    }

    #[graphql(entity)]
    async fn find_product_variant_by_id(&self, ctx: &Context<'_>, id: ID) -> Result<Option<ProductVariant>> {
        load_variant(ctx, id.0).await
    }
}

async fn load_variant(ctx: &Context<'_>, id: String) -> Result<Option<ProductVariant>> {
    Ok(ctx
        .data_unchecked::<DataLoader<VariantLoader>>()
        .load_one(id)
        .await
        .gql()?
        .map(ProductVariant))
}

/// Option names and values as a seller typed them, trimmed, or which rule they break.
fn checked_options(options: &[SelectedOption]) -> Result<Vec<(String, String)>, ApiError> {
    if options.is_empty() || options.len() > MAX_OPTIONS {
        return Err(ApiError::bad_input(format!(
            "a variant names 1 to {MAX_OPTIONS} options"
        )));
    }
    let mut checked: Vec<(String, String)> = Vec::with_capacity(options.len());
    for option in options {
        let (name, value) = (option.name.trim(), option.value.trim());
        check_line("options.name", name, 1..=40)?;
        check_line("options.value", value, 1..=60)?;
        if value.contains('·') {
            return Err(ApiError::bad_input("an option value may not contain ·"));
        }
        if checked.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
            return Err(ApiError::bad_input(format!("option {name} is named twice")));
        }
        checked.push((name.to_string(), value.to_string()));
    }
    Ok(checked)
}

#[derive(Default)]
pub struct VariantMutation;

#[Object]
impl VariantMutation {
    /// ADMIN, or the SELLER who created the product: adds a variant, named by its option
    /// values (`[{name: "Size", value: "35 cm"}]`). Every variant of a product names the same
    /// options in the same order. `price` is its list price in tiyn (the product's when
    /// omitted). Shops then offer it with `addOfferToShop(…, variantId)`. The same values
    /// twice are a `CONFLICT`.
    async fn add_product_variant(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
        options: Vec<SelectedOption>,
        price: Option<i64>,
    ) -> Result<ProductVariant> {
        let product = changeable(ctx, &product_id).await.gql()?;
        if product.archived {
            return Err(ApiError::bad_input("the product is archived")).gql();
        }
        let options = checked_options(&options).gql()?;
        let price = match price {
            None => product.price,
            Some(amount) => Money::new(check_price(amount).gql()?.amount, product.price.currency),
        };
        let variant = domain::Variant {
            id: new_id("var"),
            product_id: product.id.clone(),
            position: 0,
            name: variant_name(&options),
            options,
            price,
        };
        let variant = products::add_variant(ctx.data_unchecked::<Db>(), &product, variant)
            .await
            .gql()?;
        ctx.data_unchecked::<OutboxWaker>().wake();
        Ok(ProductVariant(variant))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variant(options: &[(&str, &str)]) -> domain::Variant {
        let options: Vec<(String, String)> = options
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        domain::Variant {
            id: String::new(),
            product_id: String::new(),
            position: 0,
            name: variant_name(&options),
            options,
            price: Money::kzt(0),
        }
    }

    #[test]
    fn options_list_each_value_once_in_order_of_first_use() {
        let variants = [
            variant(&[("Storage", "128 GB"), ("Colour", "Black")]),
            variant(&[("Storage", "128 GB"), ("Colour", "Blue")]),
            variant(&[("Storage", "256 GB"), ("Colour", "Black")]),
        ];
        let options = options_of(&variants);
        assert_eq!(options.len(), 2);
        assert_eq!(
            (options[0].name.as_str(), options[0].values.clone()),
            ("Storage", vec!["128 GB".to_string(), "256 GB".to_string()])
        );
        assert_eq!(options[1].values, ["Black", "Blue"]);
        assert_eq!(variants[2].name, "256 GB · Black");
    }

    #[test]
    fn option_input_is_checked() {
        let option = |name: &str, value: &str| SelectedOption {
            name: name.into(),
            value: value.into(),
        };
        assert!(checked_options(&[]).is_err());
        assert!(checked_options(&[option("Size", "")]).is_err());
        assert!(checked_options(&[option("Size", "a · b")]).is_err());
        assert!(checked_options(&[option("Size", "S"), option("size", "M")]).is_err());
        assert!(checked_options(&[
            option("a", "1"),
            option("b", "1"),
            option("c", "1"),
            option("d", "1")
        ])
        .is_err());
        assert_eq!(
            checked_options(&[option(" Size ", " 35 cm ")]).unwrap(),
            [("Size".to_string(), "35 cm".to_string())]
        );
    }
}
