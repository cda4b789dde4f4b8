use super::{announce, key, reload, External, Processor};
use crate::accounts;
use crate::domain::{self, HistoryKind, PaymentMethod, MAX_ID_LEN};
use crate::gateway::retrying;
use crate::store::{self, PaymentRow, RefundRow};
use sha2::{Digest, Sha256};
use vitrine_kit::error::{is_unique_violation, ApiError};
use vitrine_kit::ids::new_id;
use vitrine_kit::input::check_line;

/// What "the same request" means for a refund's idempotency key: the amount asked for (or
/// "the rest") and the reason.
fn fingerprint(requested: Option<i64>, reason: &str) -> String {
    let amount = requested.map_or_else(|| "rest".to_string(), |a| a.to_string());
    Sha256::digest(format!("{amount}|{reason}").as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn check(reason: &str, idempotency_key: &str) -> Result<(), ApiError> {
    check_line("idempotencyKey", idempotency_key, 1..=MAX_ID_LEN)?;
    check_line("reason", reason, 1..=200)
}

impl Processor {
    /// Gives `requested` (default: all that is left) of a captured payment back. Stripe-style
    /// idempotency by `idempotency_key`: the same request answers the payment as it is, a
    /// different one `CONFLICT`. A refund whose outcome was unknown stays pending and the
    /// same key finishes it.
    pub async fn refund(
        &self,
        order_id: &str,
        requested: Option<i64>,
        reason: &str,
        idempotency_key: &str,
    ) -> Result<PaymentRow, ApiError> {
        let reason = reason.trim();
        check(reason, idempotency_key)?;
        let request_hash = fingerprint(requested, reason);
        for _ in 0..2 {
            let mut tx = self.begin(order_id).await?;
            let payment = store::payment_by_order(&mut *tx, order_id)
                .await?
                .ok_or_else(|| ApiError::not_found("no payment for this order"))?;
            let refund = match store::refund_by_key(&mut *tx, &payment.id, idempotency_key).await? {
                Some(earlier) if earlier.request_hash != request_hash => {
                    return Err(ApiError::Conflict(
                        "this idempotency key was used with a different request".into(),
                    ))
                }
                Some(earlier) if earlier.succeeded => return Ok(payment),
                Some(in_flight) => in_flight,
                None => {
                    let amount = domain::refund_amount(
                        payment.status,
                        payment.amount,
                        payment.refunded_amount,
                        payment.pending_refund,
                        requested,
                    )?;
                    let refund = RefundRow {
                        id: new_id("rfd"),
                        payment_id: payment.id.clone(),
                        amount,
                        reason: reason.to_string(),
                        idempotency_key: idempotency_key.to_string(),
                        request_hash: request_hash.clone(),
                        succeeded: false,
                    };
                    match store::insert_refund(&mut *tx, &refund).await {
                        Ok(()) => {}
                        // A concurrent request with this key went first: answer like it.
                        Err(err) if is_unique_violation(&err) => continue,
                        Err(err) => return Err(err.into()),
                    }
                    if !store::reserve_refund(&mut *tx, &payment.id, amount).await? {
                        return Err(ApiError::Conflict(
                            "a concurrent refund changed what is left; retry".into(),
                        ));
                    }
                    refund
                }
            };
            tx.commit().await?;
            return self.send_refund(&payment, refund).await;
        }
        Err(ApiError::Conflict(
            "a concurrent request used this idempotency key; retry".into(),
        ))
    }

    /// Sends a PENDING refund's money back, then records the answer.
    async fn send_refund(&self, payment: &PaymentRow, refund: RefundRow) -> Result<PaymentRow, ApiError> {
        let order_id = payment.order_id.as_str();
        let outcome = self.refund_externally(payment, &refund).await;
        let mut tx = self.begin(order_id).await?;
        match outcome {
            Ok(()) => {
                if !store::mark_refund_succeeded(&mut *tx, &refund.id).await? {
                    // A concurrent retry with the key recorded it already.
                    return reload(&mut tx, order_id).await;
                }
                store::settle_refund(&mut *tx, &payment.id, refund.amount, true).await?;
                let after = reload(&mut tx, order_id).await?;
                let status = domain::status_after_refund(after.amount, after.refunded_amount);
                store::set_status(&mut *tx, &payment.id, status).await?;
                let after = reload(&mut tx, order_id).await?;
                announce(
                    &mut tx,
                    &after,
                    HistoryKind::Refunded,
                    refund.amount,
                    Some(&refund.reason),
                )
                .await?;
                self.commit(tx).await?;
                Ok(after)
            }
            Err(External::Refused(err)) => {
                // Nothing went back: the amount is free to refund again.
                if store::delete_pending_refund(&mut *tx, &refund.id).await? {
                    store::settle_refund(&mut *tx, &payment.id, refund.amount, false).await?;
                }
                tx.commit().await?;
                Err(err)
            }
            Err(External::Unknown(cause)) => Err(ApiError::Internal(cause)),
        }
    }

    async fn refund_externally(&self, payment: &PaymentRow, refund: &RefundRow) -> Result<(), External> {
        let refund_key = key(&payment.order_id, &format!("refund:{}", refund.idempotency_key));
        match payment.method {
            PaymentMethod::Wallet => {
                let reference = vitrine_kit::contracts::wallet_refund_reference(&payment.order_id);
                accounts::credit(
                    &self.peers,
                    &payment.customer_id,
                    refund.amount,
                    &reference,
                    &refund_key,
                )
                .await?;
            }
            PaymentMethod::Card => {
                let auth_id = payment.gateway_auth_id.as_deref().ok_or_else(|| {
                    External::Unknown(anyhow::anyhow!("payment {} has no authorization", payment.id))
                })?;
                retrying(super::GATEWAY_BACKOFF, || {
                    self.gateway.refund(auth_id, refund.amount, &refund_key)
                })
                .await?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_refund_request_has_the_same_fingerprint() {
        assert_eq!(fingerprint(Some(5), "damaged"), fingerprint(Some(5), "damaged"));
        assert_ne!(fingerprint(Some(5), "damaged"), fingerprint(Some(6), "damaged"));
        assert_ne!(fingerprint(None, "damaged"), fingerprint(Some(5), "damaged"));
        assert_ne!(fingerprint(Some(5), "damaged"), fingerprint(Some(5), "late"));
    }

    #[test]
    fn keys_and_reasons_are_bounded() {
        assert!(check("damaged", "r1").is_ok());
        assert!(check("", "r1").is_err());
        assert!(check("damaged", "").is_err());
        assert!(check("damaged", &"k".repeat(40)).is_ok());
        assert!(check("damaged", &"k".repeat(41)).is_err());
        assert!(check(&"x".repeat(201), "r1").is_err());
    }
}
