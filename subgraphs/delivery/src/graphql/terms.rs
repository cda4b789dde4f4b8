//! `deliveryTerms`: the fee and promised time checkout shows before the customer pays, and
//! keeps with the order.

use crate::dispatch::Dispatcher;
use crate::quoting::Ask;
use crate::route::Point;
use async_graphql::{Context, InputObject, Object, Result, SimpleObject, ID};
use chrono::{DateTime, Utc};
use vitrine_kit::auth::require_any_role;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::identity::Role;
use vitrine_kit::input::{check_coordinates, check_line};
use vitrine_kit::money::{Currency, Money};

/// Shops one order may come from: more than any cart holds.
const MAX_SHOPS: usize = 50;

#[derive(InputObject)]
pub struct DeliveryTermsInput {
    /// Every shop the goods come from (1 to 50).
    pub shop_ids: Vec<ID>,
    pub latitude: f64,
    pub longitude: f64,
    /// What the goods are worth (after discounts); the fee depends on it.
    pub goods_total: i64,
    pub currency: Currency,
    /// When the kitchen will have the order ready (kitchen's `prepEstimate`); now when absent.
    pub ready_at: Option<DateTime<Utc>>,
}

impl DeliveryTermsInput {
    fn check(&self) -> Result<(), ApiError> {
        if self.shop_ids.is_empty() || self.shop_ids.len() > MAX_SHOPS {
            return Err(ApiError::bad_input(format!("name 1 to {MAX_SHOPS} shops")));
        }
        for id in &self.shop_ids {
            check_line("shopIds", id, 1..=100)?;
        }
        check_coordinates(self.latitude, self.longitude)?;
        if self.goods_total < 0 {
            return Err(ApiError::bad_input("goodsTotal must be 0 or more"));
        }
        if self.currency != Currency::Kzt {
            return Err(ApiError::bad_input("delivery is priced in tenge (KZT)"));
        }
        Ok(())
    }
}

/// What delivering an order would cost and when it would arrive.
#[derive(SimpleObject)]
pub struct DeliveryTerms {
    pub fee: Money,
    /// Along the route: every shop, then the door.
    pub distance_meters: i64,
    /// When the soonest courier could be at the first shop.
    pub courier_at_shop_at: DateTime<Utc>,
    /// When the order should be at the door, slack included.
    pub promised_at: DateTime<Utc>,
}

#[derive(Default)]
pub struct TermsQuery;

#[Object]
impl TermsQuery {
    /// The fee and promised time for goods from these shops to this point, with the kitchen
    /// ready at `readyAt` and couriers as they are now. `BAD_USER_INPUT` when the point is
    /// outside the delivery area. SERVICE (checkout) or ADMIN.
    async fn delivery_terms(&self, ctx: &Context<'_>, input: DeliveryTermsInput) -> Result<DeliveryTerms> {
        require_any_role(ctx, &[Role::Service]).gql()?;
        input.check().gql()?;
        let mut shop_ids: Vec<String> = input.shop_ids.into_iter().map(|id| id.0).collect();
        shop_ids.sort();
        shop_ids.dedup();
        let now = vitrine_kit::time::now();
        let ask = Ask {
            shop_ids: &shop_ids,
            door: Point {
                latitude: input.latitude,
                longitude: input.longitude,
            },
            goods_total: input.goods_total,
            ready_at: input.ready_at.unwrap_or(now),
        };
        let terms = ctx.data_unchecked::<Dispatcher>().quote(&ask, now).await.gql()?;
        Ok(DeliveryTerms {
            fee: Money::new(terms.fee, input.currency),
            distance_meters: terms.route_m.round() as i64,
            courier_at_shop_at: terms.courier_at_shop,
            promised_at: terms.promised_at,
        })
    }
}
