use crate::carts::{self, Owner};
use crate::domain::{self, CartStatus, Claim};
use crate::loaders::{LinesLoader, OfferLoader, OpenCartLoader, PromoLoader};
use crate::pricing::{self, AppliedPromo, Priced, PricedLine, Warning, WarningKind};
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Object, Result, SimpleObject, ID};
use tokio::sync::OnceCell;
use vitrine_kit::auth::{caller, require_self_or_admin};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::money::Money;

// Entity stubs: other subgraphs own these types. No `///`, so their descriptions stay theirs.

// A shop's offer; shops and inventory tell the rest.
#[derive(SimpleObject)]
#[graphql(unresolvable)]
pub struct Offer {
    pub id: ID,
}

// A catalog product; catalog tells the rest.
#[derive(SimpleObject)]
#[graphql(unresolvable)]
pub struct Product {
    pub id: ID,
}

// A catalog product variant; catalog and shops tell the rest.
#[derive(SimpleObject)]
#[graphql(unresolvable)]
pub struct ProductVariant {
    pub id: ID,
}

pub struct Cart {
    row: domain::Cart,
    priced: OnceCell<Priced>,
}

impl Cart {
    pub fn new(row: domain::Cart) -> Self {
        Cart {
            row,
            priced: OnceCell::new(),
        }
    }

    /// Computed once per cart object, however many of its fields are asked for.
    async fn priced(&self, ctx: &Context<'_>) -> Result<&Priced> {
        self.priced.get_or_try_init(|| price(ctx, &self.row)).await
    }
}

async fn price(ctx: &Context<'_>, row: &domain::Cart) -> Result<Priced> {
    let lines = ctx
        .data_unchecked::<DataLoader<LinesLoader>>()
        .load_one(row.id.clone());
    let promo = async {
        match &row.promo_code {
            Some(code) => {
                ctx.data_unchecked::<DataLoader<PromoLoader>>()
                    .load_one(code.clone())
                    .await
            }
            None => Ok(None),
        }
    };
    let (lines, promo) = futures::join!(lines, promo);
    let (lines, promo) = (lines.gql()?.unwrap_or_default(), promo.gql()?);
    let ids = lines.iter().map(|l| l.offer_id.clone());
    let facts = ctx
        .data_unchecked::<DataLoader<OfferLoader>>()
        .load_many(ids)
        .await
        .gql()?;
    if let (false, Some(snapshot)) = (row.status == CartStatus::Active, &row.claim_snapshot) {
        let claim: Claim = serde_json::from_str(snapshot)
            .map_err(|e| ApiError::Internal(e.into()))
            .gql()?;
        return Ok(pricing::from_claim(&claim, &facts));
    }
    let applied = row.promo_code.as_deref().map(|code| AppliedPromo {
        code,
        promo: promo.as_ref(),
        needs_use: true,
    });
    Ok(pricing::price(&lines, &facts, applied, vitrine_kit::time::now()))
}

/// What a customer (or a guest) is about to buy. Prices and stock are today's, read from shops
/// and inventory each time; a cart being checked out shows what its checkout charges.
#[Object(name = "Cart")]
impl Cart {
    async fn id(&self) -> ID {
        ID(self.row.id.clone())
    }
    async fn status(&self) -> CartStatus {
        self.row.status
    }
    /// Oldest first.
    #[graphql(directive = vitrine_kit::cost_hints::list_size::apply(crate::domain::MAX_LINES as i32))]
    async fn lines(&self, ctx: &Context<'_>) -> Result<Vec<CartLine>> {
        Ok(self.priced(ctx).await?.lines.iter().map(CartLine::from).collect())
    }
    /// Units over every line.
    async fn item_count(&self, ctx: &Context<'_>) -> Result<i64> {
        Ok(self.priced(ctx).await?.item_count())
    }
    /// Today's prices of the lines that can be bought as they are (see `warnings` for the
    /// others).
    async fn subtotal(&self, ctx: &Context<'_>) -> Result<Money> {
        let priced = self.priced(ctx).await?;
        Ok(Money::new(priced.subtotal, priced.currency))
    }
    /// What the promo code takes off the subtotal.
    async fn discount(&self, ctx: &Context<'_>) -> Result<Money> {
        let priced = self.priced(ctx).await?;
        Ok(Money::new(priced.discount, priced.currency))
    }
    /// Subtotal − discount.
    async fn total(&self, ctx: &Context<'_>) -> Result<Money> {
        let priced = self.priced(ctx).await?;
        Ok(Money::new(priced.total(), priced.currency))
    }
    async fn promo_code(&self) -> Option<&str> {
        self.row.promo_code.as_deref()
    }
    /// What changed since the customer last looked. Any warning but PROMO_NOT_APPLICABLE blocks
    /// checkout until fixed (`acceptCartChanges`, quantities, removing lines).
    async fn warnings(&self, ctx: &Context<'_>) -> Result<Vec<CartWarning>> {
        Ok(self
            .priced(ctx)
            .await?
            .warnings
            .iter()
            .map(CartWarning::from)
            .collect())
    }
}

#[derive(SimpleObject)]
pub struct CartLine {
    pub offer: Offer,
    pub product: Product,
    /// The variant the offer sells (a pizza's size); null when the product has none.
    pub variant: Option<ProductVariant>,
    pub shop_id: ID,
    pub quantity: i64,
    /// Today's price; the last one seen if the offer is gone.
    pub unit_price: Money,
    pub line_total: Money,
    /// Units that can still be bought; 0 when the offer does not sell.
    pub available: i64,
}

impl From<&PricedLine> for CartLine {
    fn from(line: &PricedLine) -> Self {
        CartLine {
            offer: Offer {
                id: ID(line.offer_id.clone()),
            },
            product: Product {
                id: ID(line.product_id.clone()),
            },
            variant: line.variant_id.clone().map(|id| ProductVariant { id: ID(id) }),
            shop_id: ID(line.shop_id.clone()),
            quantity: line.quantity,
            unit_price: line.unit_price,
            line_total: line.line_total(),
            available: line.available,
        }
    }
}

#[derive(SimpleObject)]
pub struct CartWarning {
    /// The line's offer; none for the promo code.
    pub offer_id: Option<ID>,
    pub kind: WarningKind,
    pub message: String,
    /// PRICE_CHANGED: the price the customer agreed to.
    pub previous_price: Option<Money>,
    /// PRICE_CHANGED: today's price.
    pub current_price: Option<Money>,
}

impl From<&Warning> for CartWarning {
    fn from(w: &Warning) -> Self {
        CartWarning {
            offer_id: w.offer_id.clone().map(ID),
            kind: w.kind,
            message: w.message.clone(),
            previous_price: w.previous_price,
            current_price: w.current_price,
        }
    }
}

pub struct Customer {
    id: String,
}

// Cart's view of an accounts customer (no `///`: the description is accounts').
#[Object(name = "Customer")]
impl Customer {
    async fn id(&self) -> ID {
        ID(self.id.clone())
    }
    /// The open cart (created on first look). The customer themselves or an ADMIN.
    async fn cart(&self, ctx: &Context<'_>) -> Result<Cart> {
        require_self_or_admin(ctx, &self.id).gql()?;
        let found = ctx
            .data_unchecked::<DataLoader<OpenCartLoader>>()
            .load_one(self.id.clone())
            .await
            .gql()?;
        let row = match found {
            Some(row) => row,
            None => carts::find(ctx.data_unchecked::<Db>(), &Owner::Customer(self.id.clone()))
                .await
                .gql()?,
        };
        Ok(Cart::new(row))
    }
}

#[derive(Default)]
pub struct CartQuery;

#[Object]
impl CartQuery {
    /// The signed-in customer's open cart (created on first look); for an anonymous caller,
    /// the guest cart of `guestToken`.
    async fn my_cart(&self, ctx: &Context<'_>, guest_token: Option<String>) -> Result<Cart> {
        let owner = match (&caller(ctx).sub, guest_token) {
            (Some(id), _) => Owner::Customer(id.clone()),
            (None, Some(token)) => Owner::guest(&token),
            (None, None) => {
                return Err(ApiError::Unauthenticated(
                    "sign in, or pass the guestToken of a guest cart".into(),
                ))
                .gql()
            }
        };
        let row = carts::find(ctx.data_unchecked::<Db>(), &owner).await.gql()?;
        Ok(Cart::new(row))
    }

    #[graphql(entity)]
    async fn find_customer_by_id(&self, id: ID) -> Customer {
        Customer { id: id.0 }
    }
}
