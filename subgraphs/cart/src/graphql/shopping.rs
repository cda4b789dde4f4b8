use super::cart::Cart;
use crate::carts::{self, Owner};
use crate::guest;
use async_graphql::{Context, Object, Result, SimpleObject, ID};
use std::sync::Arc;
use vitrine_kit::auth::require_customer;
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::peers::Peers;

/// A new guest cart and the token that opens it. The token is shown once; keep it.
#[derive(SimpleObject)]
pub struct GuestCart {
    pub token: String,
    pub cart: Cart,
}

/// The guest cart of `guest_token`, else the signed-in customer's.
fn owner(ctx: &Context<'_>, guest_token: Option<String>) -> Result<Owner> {
    match guest_token {
        Some(token) => Ok(Owner::guest(&token)),
        None => Ok(Owner::Customer(require_customer(ctx).gql()?.to_string())),
    }
}

/// Offer ids come from clients: anything longer than an id is no offer at all.
fn offer_id(id: &ID) -> Result<&str> {
    if id.is_empty() || id.len() > 100 {
        return Err(ApiError::not_found("no such offer")).gql();
    }
    Ok(id.as_str())
}

fn deps<'a>(ctx: &'a Context<'_>) -> (&'a Db, &'a Peers) {
    (ctx.data_unchecked::<Db>(), ctx.data_unchecked::<Arc<Peers>>())
}

#[derive(Default)]
pub struct ShoppingMutation;

/// Every cart mutation takes an optional `guestToken`: with it, it changes that guest cart;
/// without it, the signed-in customer's. A cart being checked out cannot change (`CONFLICT`).
#[Object]
impl ShoppingMutation {
    /// Anyone: a new, empty guest cart.
    async fn start_guest_cart(&self, ctx: &Context<'_>) -> Result<GuestCart> {
        let (token, row) = carts::start_guest(ctx.data_unchecked::<Db>()).await.gql()?;
        Ok(GuestCart {
            token,
            cart: Cart::new(row),
        })
    }

    /// Adds units of an offer (to those already there) at today's price: `NOT_FOUND` for no
    /// such offer, `OUT_OF_STOCK` when fewer are available, `BAD_USER_INPUT` past 99 units a
    /// line or 50 lines, for an offer not on sale, or in another currency.
    async fn add_to_cart(
        &self,
        ctx: &Context<'_>,
        offer_id: ID,
        #[graphql(default = 1)] quantity: i64,
        guest_token: Option<String>,
    ) -> Result<Cart> {
        let owner = owner(ctx, guest_token)?;
        let (db, peers) = deps(ctx);
        let row = carts::add(db, peers, &owner, self::offer_id(&offer_id)?, quantity)
            .await
            .gql()?;
        Ok(Cart::new(row))
    }

    /// Sets how many units a line holds (0 removes it); more units need stock.
    async fn set_cart_line_quantity(
        &self,
        ctx: &Context<'_>,
        offer_id: ID,
        quantity: i64,
        guest_token: Option<String>,
    ) -> Result<Cart> {
        let owner = owner(ctx, guest_token)?;
        let (db, peers) = deps(ctx);
        let row = carts::set_quantity(db, peers, &owner, self::offer_id(&offer_id)?, quantity)
            .await
            .gql()?;
        Ok(Cart::new(row))
    }

    async fn remove_from_cart(
        &self,
        ctx: &Context<'_>,
        offer_id: ID,
        guest_token: Option<String>,
    ) -> Result<Cart> {
        let owner = owner(ctx, guest_token)?;
        let row = carts::remove(ctx.data_unchecked::<Db>(), &owner, self::offer_id(&offer_id)?)
            .await
            .gql()?;
        Ok(Cart::new(row))
    }

    /// `NOT_FOUND` for an unknown code; `BAD_USER_INPUT` saying why when it gives nothing to
    /// this cart (expired, used up, subtotal too low).
    async fn apply_promo_code(
        &self,
        ctx: &Context<'_>,
        code: String,
        guest_token: Option<String>,
    ) -> Result<Cart> {
        let owner = owner(ctx, guest_token)?;
        let (db, peers) = deps(ctx);
        let row = carts::apply_promo(db, peers, &owner, &code).await.gql()?;
        Ok(Cart::new(row))
    }

    async fn remove_promo_code(&self, ctx: &Context<'_>, guest_token: Option<String>) -> Result<Cart> {
        let owner = owner(ctx, guest_token)?;
        let row = carts::remove_promo(ctx.data_unchecked::<Db>(), &owner)
            .await
            .gql()?;
        Ok(Cart::new(row))
    }

    /// Agrees to today's prices and drops lines whose offer is gone; then the cart can be
    /// checked out (if stock allows).
    async fn accept_cart_changes(&self, ctx: &Context<'_>, guest_token: Option<String>) -> Result<Cart> {
        let owner = owner(ctx, guest_token)?;
        let (db, peers) = deps(ctx);
        let row = carts::accept_changes(db, peers, &owner).await.gql()?;
        Ok(Cart::new(row))
    }

    /// Signed in: moves a guest cart's lines into your cart (quantities add up to at most 99)
    /// and deletes the guest cart, so its token stops working (`NOT_FOUND` afterwards).
    async fn merge_guest_cart(&self, ctx: &Context<'_>, guest_token: String) -> Result<Cart> {
        let customer_id = require_customer(ctx).gql()?;
        let row = carts::merge(
            ctx.data_unchecked::<Db>(),
            customer_id,
            &guest::hash_token(&guest_token),
        )
        .await
        .gql()?;
        Ok(Cart::new(row))
    }
}
