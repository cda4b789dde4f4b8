//! `deliveryQuote`: what checkout would charge for delivery and when it would arrive, shown
//! before the customer pays. Checkout quotes again on the cart it claims and keeps that.

use crate::calls;
use crate::saga::Saga;
use async_graphql::{Context, Object, Result, SimpleObject, ID};
use chrono::{DateTime, Utc};
use vitrine_kit::auth::require_customer;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::input::check_line;
use vitrine_kit::money::{Currency, Money};

/// Delivery of the customer's cart to one of their addresses, as checkout would price it now.
#[derive(SimpleObject)]
pub struct DeliveryQuote {
    /// The goods after the discount.
    pub items_total: Money,
    pub delivery_fee: Money,
    /// What checkout would charge.
    pub total: Money,
    /// Along the route: every shop, then the door.
    pub distance_meters: i64,
    /// When the order would be at the door: the kitchen's queue, the soonest courier and the
    /// route, with some slack.
    pub promised_at: DateTime<Utc>,
}

#[derive(Default)]
pub struct QuoteQuery;

#[Object]
impl QuoteQuery {
    /// The delivery fee and promised time for your cart to one of your addresses.
    /// `BAD_USER_INPUT`: the cart is empty, or the address is outside the delivery area.
    /// `NOT_FOUND`: no such address in your book.
    async fn delivery_quote(&self, ctx: &Context<'_>, address_id: ID) -> Result<DeliveryQuote> {
        let customer_id = require_customer(ctx).gql()?;
        check_line("addressId", &address_id, 1..=100).gql()?;
        let peers = &ctx.data_unchecked::<Saga>().peers;
        let (address, cart) = tokio::join!(
            calls::delivery_address(peers, customer_id, &address_id),
            calls::my_cart(peers, customer_id)
        );
        let address = address
            .map_err(ApiError::from)
            .gql()?
            .ok_or_else(|| ApiError::not_found("no such address in your address book"))
            .gql()?;
        let cart = cart.map_err(ApiError::from).gql()?;
        if cart.lines.is_empty() {
            return Err(ApiError::bad_input("your cart is empty")).gql();
        }
        let door = (address.latitude, address.longitude);
        let quote = calls::quote_delivery(peers, &cart.lines, door, cart.total, &cart.currency)
            .await
            .map_err(ApiError::from)
            .gql()?;
        let currency = Currency::parse(&cart.currency).unwrap_or(Currency::Kzt);
        Ok(DeliveryQuote {
            items_total: Money::new(cart.total, currency),
            delivery_fee: Money::new(quote.fee, currency),
            total: Money::new(cart.total + quote.fee, currency),
            distance_meters: quote.distance_m,
            promised_at: quote.promised_at,
        })
    }
}
