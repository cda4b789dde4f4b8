//! How long the kitchen would take with one more order, for the delivery promise checkout
//! shows before the customer pays.

use crate::tickets::{estimate_new_order, Kitchen, LineItem};
use async_graphql::{Context, InputObject, Object, Result, SimpleObject, ID};
use chrono::{DateTime, Utc};
use vitrine_kit::auth::require_any_role;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::identity::Role;
use vitrine_kit::input::check_line;

/// Lines one estimate may name: more than any cart holds.
const MAX_LINES: usize = 200;

#[derive(InputObject)]
pub struct PrepLineInput {
    pub product_id: ID,
    /// The variant ordered, whose own recipe (if any) is used.
    pub variant_id: Option<ID>,
}

/// When the kitchen would have an order ready if it were placed now.
#[derive(SimpleObject)]
pub struct PrepEstimate {
    /// Real seconds from now; 0 when nothing in the order needs the kitchen.
    pub ready_in_seconds: i64,
    pub ready_at: DateTime<Utc>,
}

#[derive(Default)]
pub struct EstimateQuery;

#[Object]
impl EstimateQuery {
    /// The kitchen's estimate for an order of these lines (one per cart line), behind the work
    /// already queued at each station. SERVICE (checkout's quote) or ADMIN.
    async fn prep_estimate(&self, ctx: &Context<'_>, lines: Vec<PrepLineInput>) -> Result<PrepEstimate> {
        require_any_role(ctx, &[Role::Service]).gql()?;
        if lines.len() > MAX_LINES {
            return Err(ApiError::bad_input(format!("at most {MAX_LINES} lines"))).gql();
        }
        let mut items = Vec::with_capacity(lines.len());
        for line in lines {
            check_line("productId", &line.product_id, 1..=100).gql()?;
            if let Some(variant) = &line.variant_id {
                check_line("variantId", variant, 1..=100).gql()?;
            }
            items.push(LineItem {
                product_id: line.product_id.0,
                variant_id: line.variant_id.map(|v| v.0),
            });
        }
        let kitchen = ctx.data_unchecked::<Kitchen>();
        let now = vitrine_kit::time::now();
        let ready_at = estimate_new_order(&kitchen.db, &kitchen.sim, &items, now)
            .await
            .gql()?;
        Ok(PrepEstimate {
            ready_in_seconds: (ready_at - now).num_seconds().max(0),
            ready_at,
        })
    }
}
