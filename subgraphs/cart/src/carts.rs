//! Changing carts. Offer facts are fetched from the peers before the write transaction (a peer
//! call never runs under the write lock); each change is then one transaction that first
//! locks the cart while it is ACTIVE, so a change and a checkout never interleave.

use crate::domain::{Cart, Line, MAX_LINES};
use crate::guest;
use crate::offers;
use crate::pricing::{self, added_quantity, check_quantity, merged_quantity};
use crate::store;
use std::collections::HashSet;
use vitrine_kit::db::{Db, Tx};
use vitrine_kit::error::ApiError;
use vitrine_kit::peers::Peers;
use vitrine_kit::time::now;

/// Whose cart a request is about.
pub enum Owner {
    /// A signed-in customer's open cart, created on first use.
    Customer(String),
    /// A guest's cart, by the SHA-256 of its token.
    Guest(String),
}

impl Owner {
    pub fn guest(token: &str) -> Owner {
        Owner::Guest(guest::hash_token(token))
    }
}

fn no_guest_cart() -> ApiError {
    ApiError::not_found("no cart for this guest token")
}

fn in_checkout() -> ApiError {
    ApiError::Conflict("a checkout of this cart is in progress".into())
}

/// The owner's cart, for reading.
pub async fn find(db: &Db, owner: &Owner) -> Result<Cart, ApiError> {
    match owner {
        Owner::Customer(id) => {
            if let Some(cart) = store::open_cart(db, id).await? {
                return Ok(cart);
            }
            let mut tx = db.begin_write().await?;
            let cart = store::ensure_open_cart(&mut tx, id).await?;
            tx.commit().await?;
            Ok(cart)
        }
        Owner::Guest(hash) => store::guest_cart(db, hash).await?.ok_or_else(no_guest_cart),
    }
}

/// Starts a change: the owner's cart, locked and ACTIVE. Dropping the transaction undoes it.
async fn begin_change(db: &Db, owner: &Owner) -> Result<(Tx, Cart), ApiError> {
    let mut tx = db.begin_write().await?;
    let cart = match owner {
        Owner::Customer(id) => store::ensure_open_cart(&mut tx, id).await?,
        Owner::Guest(hash) => store::guest_cart(&mut *tx, hash)
            .await?
            .ok_or_else(no_guest_cart)?,
    };
    if !store::touch_active(&mut *tx, &cart.id).await? {
        return Err(in_checkout());
    }
    Ok((tx, cart))
}

pub async fn start_guest(db: &Db) -> Result<(String, Cart), ApiError> {
    let (token, hash) = guest::new_token();
    let mut tx = db.begin_write().await?;
    let cart = store::insert_guest_cart(&mut tx, &hash).await?;
    tx.commit().await?;
    Ok((token, cart))
}

/// How long a guest cart nobody changes is kept: anyone may start one, so without an end they
/// piled up (a probe made 3 000 in 5.6 s from one address). A guest whose cart is gone gets
/// `NOT_FOUND` and the storefront starts a new one.
pub const GUEST_CART_TTL: chrono::Duration = chrono::Duration::days(30);

/// Runs [`delete_abandoned_guest_carts`] every `every`.
pub fn spawn_guest_sweeper(db: Db, every: std::time::Duration) {
    vitrine_kit::background::every("deleting abandoned guest carts", every, move || {
        let db = db.clone();
        async move {
            let deleted = delete_abandoned_guest_carts(&db, now()).await?;
            if deleted > 0 {
                tracing::info!(deleted, "abandoned guest carts deleted");
            }
            Ok(())
        }
    });
}

/// Guest carts deleted a transaction at most, so that a backlog never holds the writer long.
const GUEST_SWEEP_BATCH: i64 = 500;

/// Deletes the guest carts nobody changed in the [`GUEST_CART_TTL`] before `now`, with their
/// lines, and says how many.
pub async fn delete_abandoned_guest_carts(
    db: &Db,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<usize> {
    let before = vitrine_kit::time::to_db(now - GUEST_CART_TTL);
    let mut total = 0;
    loop {
        let mut tx = db.begin_write().await?;
        let deleted = store::delete_stale_guest_carts(&mut tx, &before, GUEST_SWEEP_BATCH).await?;
        tx.commit().await?;
        total += deleted;
        if (deleted as i64) < GUEST_SWEEP_BATCH {
            return Ok(total);
        }
    }
}

/// Adds units of an offer at today's price, which becomes the price the customer agreed to.
pub async fn add(
    db: &Db,
    peers: &Peers,
    owner: &Owner,
    offer_id: &str,
    quantity: i64,
) -> Result<Cart, ApiError> {
    check_quantity(quantity)?;
    let facts = offers::fetch(peers, &[offer_id.to_string()])
        .await?
        .remove(offer_id)
        .ok_or_else(|| ApiError::not_found("no such offer"))?;
    if !facts.active {
        return Err(ApiError::bad_input("this offer is not for sale right now"));
    }
    let (mut tx, cart) = begin_change(db, owner).await?;
    let lines = store::lines_of(&mut *tx, &cart.id).await?;
    let existing = lines.iter().find(|l| l.offer_id == offer_id);
    let quantity = added_quantity(existing.map_or(0, |l| l.quantity), quantity, lines.len())?;
    if let Some(other) = lines
        .iter()
        .find(|l| l.offer_id != offer_id && l.currency != facts.price.currency)
    {
        return Err(ApiError::bad_input(format!(
            "this offer is priced in {}, the cart in {}",
            facts.price.currency.code(),
            other.currency.code()
        )));
    }
    if facts.available < quantity {
        return Err(ApiError::OutOfStock(format!(
            "{quantity} requested, {} available",
            facts.available.max(0)
        )));
    }
    let line = Line {
        cart_id: cart.id.clone(),
        offer_id: offer_id.to_string(),
        product_id: facts.product_id,
        variant_id: facts.variant_id,
        shop_id: facts.shop_id,
        quantity,
        seen_unit_price: facts.price.amount,
        currency: facts.price.currency,
    };
    store::upsert_line(&mut *tx, &line).await?;
    tx.commit().await?;
    Ok(cart)
}

/// Sets a line's quantity; 0 removes it. Only more units than the line holds need stock.
pub async fn set_quantity(
    db: &Db,
    peers: &Peers,
    owner: &Owner,
    offer_id: &str,
    quantity: i64,
) -> Result<Cart, ApiError> {
    if quantity == 0 {
        return remove(db, owner, offer_id).await;
    }
    check_quantity(quantity)?;
    let facts = offers::fetch(peers, &[offer_id.to_string()])
        .await?
        .remove(offer_id);
    let (mut tx, cart) = begin_change(db, owner).await?;
    let existing = store::lines_of(&mut *tx, &cart.id)
        .await?
        .into_iter()
        .find(|l| l.offer_id == offer_id)
        .ok_or_else(|| ApiError::not_found("this offer is not in the cart"))?;
    if quantity > existing.quantity {
        let facts = facts
            .filter(|f| f.active)
            .ok_or_else(|| ApiError::bad_input("this offer is not for sale right now"))?;
        if facts.available < quantity {
            return Err(ApiError::OutOfStock(format!(
                "{quantity} requested, {} available",
                facts.available.max(0)
            )));
        }
    }
    store::set_quantity(&mut *tx, &cart.id, offer_id, quantity).await?;
    tx.commit().await?;
    Ok(cart)
}

/// Removes the offer's line; removing what is not there changes nothing.
pub async fn remove(db: &Db, owner: &Owner, offer_id: &str) -> Result<Cart, ApiError> {
    let (mut tx, cart) = begin_change(db, owner).await?;
    store::delete_line(&mut *tx, &cart.id, offer_id).await?;
    tx.commit().await?;
    Ok(cart)
}

/// Puts a promo code on the cart if it gives something to the cart as it is now.
pub async fn apply_promo(db: &Db, peers: &Peers, owner: &Owner, code: &str) -> Result<Cart, ApiError> {
    let not_found = || ApiError::not_found("no such promo code");
    let code = crate::promo::normalize_code(code).ok_or_else(not_found)?;
    let promo = store::promo(db, &code).await?.ok_or_else(not_found)?;
    let cart = find(db, owner).await?;
    let lines = store::lines_of(db, &cart.id).await?;
    let ids: Vec<String> = lines.iter().map(|l| l.offer_id.clone()).collect();
    let facts = offers::fetch(peers, &ids).await?;
    let priced = pricing::price(&lines, &facts, None, now());
    if let Some(why) = pricing::promo_refusal(&promo, priced.subtotal, priced.currency, now(), true) {
        return Err(ApiError::bad_input(why));
    }
    let (mut tx, mut cart) = begin_change(db, owner).await?;
    store::set_promo(&mut *tx, &cart.id, Some(&code)).await?;
    tx.commit().await?;
    cart.promo_code = Some(code);
    Ok(cart)
}

pub async fn remove_promo(db: &Db, owner: &Owner) -> Result<Cart, ApiError> {
    let (mut tx, mut cart) = begin_change(db, owner).await?;
    store::set_promo(&mut *tx, &cart.id, None).await?;
    tx.commit().await?;
    cart.promo_code = None;
    Ok(cart)
}

/// The customer agrees to today's prices; lines of offers that are gone are dropped.
/// Quantities stay: too many units is for the customer to fix.
pub async fn accept_changes(db: &Db, peers: &Peers, owner: &Owner) -> Result<Cart, ApiError> {
    let cart = find(db, owner).await?;
    let ids: Vec<String> = store::lines_of(db, &cart.id)
        .await?
        .into_iter()
        .map(|l| l.offer_id)
        .collect();
    let facts = offers::fetch(peers, &ids).await?;
    let fetched: HashSet<&String> = ids.iter().collect();
    let (mut tx, cart) = begin_change(db, owner).await?;
    for line in store::lines_of(&mut *tx, &cart.id).await? {
        // A line added meanwhile was priced when it was added.
        if !fetched.contains(&line.offer_id) {
            continue;
        }
        match facts.get(&line.offer_id) {
            None => store::delete_line(&mut *tx, &cart.id, &line.offer_id).await?,
            Some(f) => {
                let agreed = Line {
                    seen_unit_price: f.price.amount,
                    currency: f.price.currency,
                    ..line
                };
                store::upsert_line(&mut *tx, &agreed).await?;
            }
        }
    }
    tx.commit().await?;
    Ok(cart)
}

/// Moves a guest's lines into the customer's cart (quantities add up, capped) and deletes the
/// guest cart. The customer's promo code wins; without one, the guest's comes along.
pub async fn merge(db: &Db, customer_id: &str, token_hash: &str) -> Result<Cart, ApiError> {
    let mut tx = db.begin_write().await?;
    let guest = store::guest_cart(&mut *tx, token_hash)
        .await?
        .ok_or_else(no_guest_cart)?;
    let guest_lines = store::lines_of(&mut *tx, &guest.id).await?;
    // Deleting first: a concurrent merge of the same token waits on these rows, then finds
    // nothing to delete and stops, so lines are never moved twice.
    if !store::delete_cart(&mut tx, &guest.id).await? {
        return Err(no_guest_cart());
    }
    let mut cart = store::ensure_open_cart(&mut tx, customer_id).await?;
    if !store::touch_active(&mut *tx, &cart.id).await? {
        return Err(in_checkout());
    }
    let mut lines = store::lines_of(&mut *tx, &cart.id).await?;
    for theirs in guest_lines {
        if let Some(ours) = lines.iter().find(|l| l.offer_id == theirs.offer_id) {
            let quantity = merged_quantity(ours.quantity, theirs.quantity);
            store::set_quantity(&mut *tx, &cart.id, &ours.offer_id, quantity).await?;
            continue;
        }
        if lines.len() >= MAX_LINES {
            return Err(ApiError::bad_input(format!(
                "together the carts hold more than {MAX_LINES} different offers"
            )));
        }
        if lines.first().is_some_and(|l| l.currency != theirs.currency) {
            return Err(ApiError::bad_input("the guest cart is in another currency"));
        }
        let moved = Line {
            cart_id: cart.id.clone(),
            ..theirs
        };
        store::upsert_line(&mut *tx, &moved).await?;
        lines.push(moved);
    }
    if cart.promo_code.is_none() && guest.promo_code.is_some() {
        store::set_promo(&mut *tx, &cart.id, guest.promo_code.as_deref()).await?;
        cart.promo_code = guest.promo_code;
    }
    tx.commit().await?;
    Ok(cart)
}
