use crate::calls;
use crate::domain::{OrderStatus, PaymentMethod, SagaStep};
use crate::graphql::order::Order;
use crate::saga::{lease_from_now, Saga};
use crate::store::{self, NewOrder};
use async_graphql::{Context, ErrorExtensions, InputObject, Object, Result, ID};
use sha2::{Digest, Sha256};
use std::time::Duration;
use tokio::time::Instant;
use vitrine_kit::auth::require_customer;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::ids::new_id;
use vitrine_kit::input::{check_line, check_text, Lines};
use vitrine_kit::peers::PeerError;

/// How long checkout (or a replay of its key) takes at most: then it answers with the order
/// as it is, PENDING if its saga is still going (a peer that does not answer: one call may
/// take 15 s), and the saga goes on without the customer. Below the router's 10 s request
/// timeout (`traffic_shaping.router.request_timeout`) with room for the 2 s the router may
/// wait for an orders instance to join (`kit::registry::JOIN_WAIT`), so the client gets the
/// order rather than a timeout.
const ANSWER_WITHIN: Duration = Duration::from_secs(7);

#[derive(InputObject)]
pub struct CheckoutInput {
    /// One of your addresses (accounts' `addAddress`).
    pub delivery_address_id: ID,
    pub payment_method: PaymentMethod,
    /// For CARD: a card saved with payments' `addCard`.
    pub card_id: Option<ID>,
    /// 1 to 100 characters; replaying it returns the first attempt's result.
    pub idempotency_key: String,
    /// For the kitchen and the courier; up to 500 characters.
    pub note: Option<String>,
}

impl CheckoutInput {
    fn check(&self) -> Result<(), ApiError> {
        check_line("idempotencyKey", &self.idempotency_key, 1..=100)?;
        if let Some(note) = &self.note {
            // Several lines are fine for a note (entrance, floor, door code).
            check_text("note", note, 0..=500, Lines::Many)?;
        }
        match (self.payment_method, &self.card_id) {
            (PaymentMethod::Card, None) => Err(ApiError::bad_input("paying by CARD needs a cardId")),
            (PaymentMethod::Wallet, Some(_)) => Err(ApiError::bad_input("cardId is only for CARD payments")),
            _ => Ok(()),
        }
    }

    /// What "the same request" means for the idempotency key.
    fn fingerprint(&self) -> String {
        let text = format!(
            "{}|{}|{}|{}",
            self.delivery_address_id.as_str(),
            self.payment_method.as_str(),
            self.card_id.as_ref().map_or("", |c| c.as_str()),
            self.note.as_deref().unwrap_or("")
        );
        Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// A finished checkout as the client sees it: the order, or the error that failed it.
fn outcome(order: store::Order) -> Result<Order> {
    match (&order.failure_code, order.status) {
        (Some(code), OrderStatus::Failed) => {
            let (code, order_id) = (code.clone(), order.order_id.clone());
            let message = order.failure_message.clone().unwrap_or_default();
            Err(async_graphql::Error::new(message).extend_with(|_, e| {
                e.set("code", code);
                e.set("orderId", order_id);
            }))
        }
        _ => Ok(Order(order)),
    }
}

/// Same key, same input: wait for the first request's saga and answer as it did.
async fn replay(saga: &Saga, existing: store::Order, fingerprint: &str, deadline: Instant) -> Result<Order> {
    if existing.request_hash != fingerprint {
        return Err(ApiError::Conflict(
            "this idempotency key was used with a different checkout".into(),
        ))
        .gql();
    }
    wait_for_end(saga, existing, deadline).await
}

/// The order as it is now.
async fn current(saga: &Saga, order_id: &str) -> Result<store::Order> {
    store::order(&saga.db, order_id)
        .await
        .gql()?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("order vanished")))
        .gql()
}

/// The order once its saga is done (or as it is at `deadline`: still PENDING, and its driver
/// or recovery will finish it).
async fn wait_for_end(saga: &Saga, order: store::Order, deadline: Instant) -> Result<Order> {
    let mut order = order;
    while order.saga_step != SagaStep::Done && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
        order = current(saga, &order.order_id).await?;
    }
    outcome(order)
}

#[derive(Default)]
pub struct CheckoutMutation;

#[Object]
impl CheckoutMutation {
    /// Turns your cart into an order: claims the cart, reserves stock, authorizes the payment,
    /// confirms. On a refusal everything is undone and the error says why (`BAD_USER_INPUT`
    /// empty cart, `CONFLICT` cart changed, `OUT_OF_STOCK`, `PAYMENT_DECLINED`, with
    /// `extensions.orderId` of the FAILED order). Replaying `idempotencyKey` returns the
    /// first attempt's result.
    async fn checkout(&self, ctx: &Context<'_>, input: CheckoutInput) -> Result<Order> {
        let deadline = Instant::now() + ANSWER_WITHIN;
        let customer_id = require_customer(ctx).gql()?.to_string();
        input.check().gql()?;
        let saga = ctx.data_unchecked::<Saga>();
        let fingerprint = input.fingerprint();
        if let Some(existing) = store::order_by_key(&saga.db, &customer_id, &input.idempotency_key)
            .await
            .gql()?
        {
            return replay(saga, existing, &fingerprint, deadline).await;
        }
        let address = calls::delivery_address(&saga.peers, &customer_id, &input.delivery_address_id);
        let address = tokio::time::timeout_at(deadline, address)
            .await
            .unwrap_or_else(|_| {
                Err(PeerError::Unavailable {
                    subgraph: "accounts".into(),
                    cause: anyhow::anyhow!("no answer within {ANSWER_WITHIN:?}"),
                })
            })
            .map_err(ApiError::from)
            .gql()?
            .ok_or_else(|| ApiError::not_found("unknown delivery address"))
            .gql()?;
        let order_id = new_id("ord");
        let lease = lease_from_now();
        let new_order = NewOrder {
            order_id: &order_id,
            customer_id: &customer_id,
            idempotency_key: &input.idempotency_key,
            request_hash: &fingerprint,
            payment_method: input.payment_method,
            card_id: input.card_id.as_ref().map(|c| c.as_str()),
            note: input.note.as_deref().map(str::trim).filter(|n| !n.is_empty()),
            address: &address,
            lease_until: lease,
        };
        if !saga.create_order(&new_order).await.gql()? {
            let existing = store::order_by_key(&saga.db, &customer_id, &input.idempotency_key)
                .await
                .gql()?
                .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("key taken but no order")))
                .gql()?;
            return replay(saga, existing, &fingerprint, deadline).await;
        }
        // Its own task, so that a customer who stops waiting (the deadline, or a client gone)
        // does not stop it in the middle of a step.
        let driving = tokio::spawn({
            let (saga, order_id) = (saga.clone(), order_id.clone());
            async move {
                if let Err(err) = saga.drive_while_waited(&order_id, lease).await {
                    // The order stays PENDING; recovery finishes or compensates it.
                    tracing::warn!(order_id, error = %err, "checkout paused; recovery will resume it");
                }
            }
        });
        let wait_until = match tokio::time::timeout_at(deadline, driving).await {
            Ok(Ok(())) => deadline,
            Ok(Err(failed)) => {
                // Recovery resumes the saga once its lease runs out: answer with the order now.
                tracing::error!(order_id, error = %failed, "checkout's saga task failed");
                Instant::now()
            }
            Err(_) => {
                tracing::warn!(
                    order_id,
                    "checkout answers before its saga is done; the saga goes on"
                );
                deadline
            }
        };
        let order = current(saga, &order_id).await?;
        // Another driver may have taken over a slow step: answer with its result.
        wait_for_end(saga, order, wait_until).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(method: PaymentMethod, card: Option<&str>) -> CheckoutInput {
        CheckoutInput {
            delivery_address_id: ID("adr_1".into()),
            payment_method: method,
            card_id: card.map(|c| ID(c.into())),
            idempotency_key: "k".into(),
            note: None,
        }
    }

    #[test]
    fn card_payments_need_a_card_and_wallet_payments_none() {
        assert!(input(PaymentMethod::Card, None).check().is_err());
        assert!(input(PaymentMethod::Wallet, Some("card_1")).check().is_err());
        assert!(input(PaymentMethod::Card, Some("card_1")).check().is_ok());
        assert!(input(PaymentMethod::Wallet, None).check().is_ok());
    }

    #[test]
    fn the_fingerprint_changes_with_the_input() {
        let wallet = input(PaymentMethod::Wallet, None).fingerprint();
        assert_eq!(wallet, input(PaymentMethod::Wallet, None).fingerprint());
        assert_ne!(wallet, input(PaymentMethod::Card, Some("card_1")).fingerprint());
    }
}
