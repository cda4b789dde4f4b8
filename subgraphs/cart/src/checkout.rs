//! The cart's part in the orders saga: claim (freeze the cart and take a promo use), release
//! (give both back), complete (the cart became an order). Each is one transaction and
//! idempotent by order id, so the saga may retry any of them after a crash or a timeout.

use crate::domain::{CartStatus, Claim, ClaimedLine};
use crate::offers;
use crate::pricing::{self, AppliedPromo};
use crate::store;
use async_graphql::ID;
use std::collections::HashSet;
use vitrine_kit::db::Db;
use vitrine_kit::error::{is_unique_violation, ApiError};
use vitrine_kit::money::Money;
use vitrine_kit::peers::Peers;
use vitrine_kit::time::now;

fn empty() -> ApiError {
    ApiError::bad_input("your cart is empty")
}

/// The claim already made for `order_id`, if any.
async fn replay(db: &Db, customer_id: &str, order_id: &str) -> Result<Option<Claim>, ApiError> {
    let Some(cart) = store::cart_by_order(db, order_id).await? else {
        return Ok(None);
    };
    if cart.customer_id.as_deref() != Some(customer_id) {
        return Err(ApiError::Conflict(
            "this order id already claimed another customer's cart".into(),
        ));
    }
    let snapshot = cart
        .claim_snapshot
        .ok_or_else(|| anyhow::anyhow!("claimed cart {} without a snapshot", cart.id))?;
    Ok(Some(
        serde_json::from_str(&snapshot).map_err(anyhow::Error::from)?,
    ))
}

/// Freezes the customer's cart for `order_id` and returns what it holds at the prices the
/// customer agreed to. Refused while anything about the cart needs the customer's review.
pub async fn claim(db: &Db, peers: &Peers, customer_id: &str, order_id: &str) -> Result<Claim, ApiError> {
    // A second pass runs when the cart changed between reading it and locking it.
    for _ in 0..3 {
        if let Some(claim) = replay(db, customer_id, order_id).await? {
            return Ok(claim);
        }
        let cart = store::open_cart(db, customer_id).await?.ok_or_else(empty)?;
        if cart.status != CartStatus::Active {
            return Err(ApiError::Conflict("a checkout is already in progress".into()));
        }
        let ids: Vec<String> = store::lines_of(db, &cart.id)
            .await?
            .into_iter()
            .map(|l| l.offer_id)
            .collect();
        if ids.is_empty() {
            return Err(empty());
        }
        let facts = offers::fetch(peers, &ids).await?;

        let mut tx = db.begin_write().await?;
        if !store::touch_active(&mut *tx, &cart.id).await? {
            continue;
        }
        let cart = store::cart_by_id(&mut *tx, &cart.id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("the cart vanished"))?;
        let lines = store::lines_of(&mut *tx, &cart.id).await?;
        let fetched: HashSet<&String> = ids.iter().collect();
        if lines.iter().any(|l| !fetched.contains(&l.offer_id)) {
            continue;
        }
        if lines.is_empty() {
            return Err(empty());
        }
        let promo = match &cart.promo_code {
            Some(code) => Some(store::promo(&mut *tx, code).await?),
            None => None,
        };
        let applied = cart.promo_code.as_deref().map(|code| AppliedPromo {
            code,
            promo: promo.as_ref().and_then(Option::as_ref),
            // The conditional UPDATE below decides that, race-free.
            needs_use: false,
        });
        let priced = pricing::price(&lines, &facts, applied, now());
        if let Some(refusal) = pricing::claim_refusal(&priced) {
            return Err(refusal);
        }
        if let Some(code) = &cart.promo_code {
            if !store::redeem(&mut tx, code, order_id).await? {
                return Err(ApiError::Conflict(format!(
                    "promo code {code} is used up; remove it to check out"
                )));
            }
        }
        let money = |amount| Money::new(amount, priced.currency);
        let claim = Claim {
            order_id: ID(order_id.to_string()),
            lines: priced
                .lines
                .iter()
                .map(|l| ClaimedLine {
                    offer_id: ID(l.offer_id.clone()),
                    product_id: ID(l.product_id.clone()),
                    variant_id: l.variant_id.clone().map(ID),
                    shop_id: ID(l.shop_id.clone()),
                    quantity: l.quantity,
                    unit_price: l.unit_price,
                })
                .collect(),
            subtotal: money(priced.subtotal),
            discount: money(priced.discount),
            total: money(priced.total()),
            promo_code: cart.promo_code.clone(),
        };
        let snapshot = serde_json::to_string(&claim).map_err(anyhow::Error::from)?;
        match store::mark_checking_out(&mut *tx, &cart.id, order_id, &snapshot).await {
            Ok(true) => {}
            Ok(false) => continue,
            Err(err) if is_unique_violation(&err) => {
                return Err(ApiError::Conflict(
                    "this order id already claimed another cart".into(),
                ))
            }
            Err(err) => return Err(err.into()),
        }
        tx.commit().await?;
        return Ok(claim);
    }
    Err(ApiError::Conflict(
        "the cart kept changing during checkout; try again".into(),
    ))
}

/// The order will not happen: the cart is ACTIVE again and its promo use returns. An order
/// that claimed nothing, or a replay, changes nothing. A cart already ORDERED stays so.
pub async fn release(db: &Db, order_id: &str) -> Result<bool, ApiError> {
    let mut tx = db.begin_write().await?;
    if store::mark_released(&mut *tx, order_id).await? {
        store::return_redemption(&mut tx, order_id).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The order went through: the cart is ORDERED and the customer's next cart is a new one.
pub async fn complete(db: &Db, order_id: &str) -> Result<bool, ApiError> {
    let mut tx = db.begin_write().await?;
    if store::mark_ordered(&mut *tx, order_id).await? {
        tx.commit().await?;
        return Ok(true);
    }
    match store::cart_by_order(&mut *tx, order_id).await? {
        Some(cart) if cart.status == CartStatus::Ordered => Ok(true),
        Some(_) => Err(ApiError::Conflict("the cart is not being checked out".into())),
        None => Err(ApiError::not_found("no cart was claimed for this order")),
    }
}
