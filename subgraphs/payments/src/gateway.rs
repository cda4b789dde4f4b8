//! A SIMULATED card gateway. Nothing here reaches a bank or a card network: it stands in for
//! a Stripe-like processor so that card checkout can be built and tested end to end. It keeps
//! its own state in `sim_gateway_*` tables (a real gateway keeps it on its side; payments'
//! own code never reads them) and behaves like the real thing where it matters to payments:
//! tokens instead of numbers, authorizations idempotent by the merchant's key, declines,
//! transient failures, capture/void/refund rules.
//!
//! Its "vault" stores, per token, only the outcome class the test number stands for:
//! - `4242424242424242` (Visa), `5555555555554444` (Mastercard), any other valid number:
//!   approved;
//! - `4000000000000002`: declined, "card declined";
//! - `4000000000009995`: declined, "insufficient funds";
//! - `4000000000000119`: the first two authorization attempts of each payment (idempotency
//!   key) fail transiently, the third is approved. Payments retries transient failures
//!   ([`retrying`]), so checkout with it succeeds.

use crate::cards::CardNumber;
use sqlx::Row;
use std::future::Future;
use std::time::Duration;
use vitrine_kit::db::Db;
use vitrine_kit::ids::new_id;

/// How many times payments tries a call that failed transiently, same idempotency key each time.
pub const ATTEMPTS: u32 = 3;

#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    /// The card said no; nothing was authorized.
    #[error("{0}")]
    Declined(String),
    /// Try again (same key): the gateway did nothing this time.
    #[error("the card gateway is temporarily unavailable")]
    Transient,
    /// The request does not fit the authorization's state (e.g. capturing a voided one).
    #[error("{0}")]
    Refused(String),
    /// The gateway broke; whether it did anything is unknown.
    #[error("card gateway failure: {0:#}")]
    Failed(#[from] anyhow::Error),
}

impl From<sqlx::Error> for GatewayError {
    fn from(err: sqlx::Error) -> Self {
        GatewayError::Failed(err.into())
    }
}

/// The outcome class a test number stands for: all the vault remembers of a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Approve,
    DeclineCard,
    DeclineFunds,
    FailTwice,
}

impl Outcome {
    fn of(number: &CardNumber) -> Outcome {
        match number.digits() {
            "4000000000000002" => Outcome::DeclineCard,
            "4000000000009995" => Outcome::DeclineFunds,
            "4000000000000119" => Outcome::FailTwice,
            _ => Outcome::Approve,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Outcome::Approve => "APPROVE",
            Outcome::DeclineCard => "DECLINE_CARD",
            Outcome::DeclineFunds => "DECLINE_FUNDS",
            Outcome::FailTwice => "FAIL_TWICE",
        }
    }

    fn parse(s: &str) -> anyhow::Result<Outcome> {
        Ok(match s {
            "APPROVE" => Outcome::Approve,
            "DECLINE_CARD" => Outcome::DeclineCard,
            "DECLINE_FUNDS" => Outcome::DeclineFunds,
            "FAIL_TWICE" => Outcome::FailTwice,
            other => anyhow::bail!("unknown simulated outcome {other}"),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    Approve,
    Decline(&'static str),
    Fail,
}

/// What the card's `attempt`-th authorization try (1-based, per idempotency key) gets.
fn decide(outcome: Outcome, attempt: i64) -> Decision {
    match outcome {
        Outcome::Approve => Decision::Approve,
        Outcome::DeclineCard => Decision::Decline("card declined"),
        Outcome::DeclineFunds => Decision::Decline("insufficient funds"),
        Outcome::FailTwice if attempt <= 2 => Decision::Fail,
        Outcome::FailTwice => Decision::Approve,
    }
}

fn now() -> String {
    vitrine_kit::time::to_db(vitrine_kit::time::now())
}

#[derive(Clone)]
pub struct Gateway {
    db: Db,
}

impl Gateway {
    pub fn new(db: Db) -> Self {
        Gateway { db }
    }

    /// Vaults the card and returns its token. The CVC and expiry were checked for shape by
    /// payments; the simulation accepts any.
    pub async fn tokenize(&self, number: &CardNumber) -> Result<String, GatewayError> {
        let token = new_id("tok");
        sqlx::query("INSERT INTO sim_gateway_card (token, outcome, created_at) VALUES ($1, $2, $3)")
            .bind(&token)
            .bind(Outcome::of(number).as_str())
            .bind(now())
            .execute(self.db.pool())
            .await?;
        Ok(token)
    }

    /// Sets `amount` aside on the card; returns the authorization id. The same key returns
    /// the same answer (the same id, or the same decline) without authorizing twice.
    pub async fn authorize(&self, token: &str, amount: i64, key: &str) -> Result<String, GatewayError> {
        let mut tx = self.db.begin_write().await?;
        let card = sqlx::query("SELECT outcome FROM sim_gateway_card WHERE token = $1")
            .bind(token)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(card) = card else {
            return Err(GatewayError::Declined("card not recognised".into()));
        };
        let outcome = Outcome::parse(&card.try_get::<String, _>("outcome")?)?;
        let earlier = sqlx::query(
            "SELECT auth_id, token, amount, state, decline_reason, attempts \
             FROM sim_gateway_authorization WHERE idempotency_key = $1",
        )
        .bind(key)
        .fetch_optional(&mut *tx)
        .await?;
        let mut attempts = 0;
        if let Some(row) = earlier {
            if row.try_get::<String, _>("token")? != token || row.try_get::<i64, _>("amount")? != amount {
                return Err(GatewayError::Refused(
                    "this idempotency key was used for another charge".into(),
                ));
            }
            match row.try_get::<String, _>("state")?.as_str() {
                "FAILED" => attempts = row.try_get("attempts")?,
                "DECLINED" => {
                    let reason: Option<String> = row.try_get("decline_reason")?;
                    return Err(GatewayError::Declined(reason.unwrap_or_default()));
                }
                _ => {
                    let auth_id: Option<String> = row.try_get("auth_id")?;
                    return auth_id.ok_or_else(|| anyhow::anyhow!("authorization without an id").into());
                }
            }
        }
        attempts += 1;
        let decision = decide(outcome, attempts);
        let (state, auth_id, reason) = match decision {
            Decision::Approve => ("AUTHORIZED", Some(new_id("auth")), None),
            Decision::Decline(reason) => ("DECLINED", None, Some(reason)),
            Decision::Fail => ("FAILED", None, None),
        };
        sqlx::query(
            "INSERT INTO sim_gateway_authorization \
             (idempotency_key, auth_id, token, amount, state, decline_reason, attempts, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (idempotency_key) DO UPDATE SET \
             auth_id = $2, state = $5, decline_reason = $6, attempts = $7, updated_at = $8",
        )
        .bind(key)
        .bind(&auth_id)
        .bind(token)
        .bind(amount)
        .bind(state)
        .bind(reason)
        .bind(attempts)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        // The failed attempt is committed too: the next try with the key is attempt + 1.
        tx.commit().await?;
        match decision {
            Decision::Approve => auth_id.ok_or_else(|| anyhow::anyhow!("approved without an id").into()),
            Decision::Decline(reason) => Err(GatewayError::Declined(reason.into())),
            Decision::Fail => Err(GatewayError::Transient),
        }
    }

    /// Takes the authorized money. Capturing twice is harmless.
    pub async fn capture(&self, auth_id: &str) -> Result<(), GatewayError> {
        self.settle(auth_id, "CAPTURED").await
    }

    /// Gives the authorized money back. Voiding twice is harmless.
    pub async fn void(&self, auth_id: &str) -> Result<(), GatewayError> {
        self.settle(auth_id, "VOIDED").await
    }

    async fn settle(&self, auth_id: &str, to: &str) -> Result<(), GatewayError> {
        let done = sqlx::query(
            "UPDATE sim_gateway_authorization SET state = $1, updated_at = $2 \
             WHERE auth_id = $3 AND state = 'AUTHORIZED'",
        )
        .bind(to)
        .bind(now())
        .bind(auth_id)
        .execute(self.db.pool())
        .await?;
        if done.rows_affected() == 1 {
            return Ok(());
        }
        match self.state(auth_id).await?.as_deref() {
            Some(state) if state == to => Ok(()),
            Some(state) => Err(GatewayError::Refused(format!(
                "the authorization is {}",
                state.to_lowercase()
            ))),
            None => Err(GatewayError::Refused("no such authorization".into())),
        }
    }

    async fn state(&self, auth_id: &str) -> Result<Option<String>, GatewayError> {
        let row = sqlx::query("SELECT state FROM sim_gateway_authorization WHERE auth_id = $1")
            .bind(auth_id)
            .fetch_optional(self.db.pool())
            .await?;
        Ok(row.map(|r| r.try_get("state")).transpose()?)
    }

    /// Gives `amount` of a captured authorization back; returns the refund id. The same key
    /// returns the same refund.
    pub async fn refund(&self, auth_id: &str, amount: i64, key: &str) -> Result<String, GatewayError> {
        let mut tx = self.db.begin_write().await?;
        let earlier = sqlx::query(
            "SELECT refund_id, auth_id, amount FROM sim_gateway_refund WHERE idempotency_key = $1",
        )
        .bind(key)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = earlier {
            if row.try_get::<String, _>("auth_id")? != auth_id || row.try_get::<i64, _>("amount")? != amount {
                return Err(GatewayError::Refused(
                    "this idempotency key was used for another refund".into(),
                ));
            }
            return Ok(row.try_get("refund_id")?);
        }
        let done = sqlx::query(
            "UPDATE sim_gateway_authorization SET refunded = refunded + $1, updated_at = $2 \
             WHERE auth_id = $3 AND state = 'CAPTURED' AND refunded + $1 <= amount",
        )
        .bind(amount)
        .bind(now())
        .bind(auth_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(GatewayError::Refused(
                "the refund exceeds what was captured".into(),
            ));
        }
        let refund_id = new_id("re");
        sqlx::query(
            "INSERT INTO sim_gateway_refund (idempotency_key, refund_id, auth_id, amount, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(key)
        .bind(&refund_id)
        .bind(auth_id)
        .bind(amount)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(refund_id)
    }
}

/// Payments' side: `call` again after a transient failure, up to [`ATTEMPTS`] tries with a
/// growing pause. Every other answer, and the last failure, is returned as is.
pub async fn retrying<T, F, Fut>(backoff: Duration, mut call: F) -> Result<T, GatewayError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, GatewayError>>,
{
    let mut attempt = 1;
    loop {
        match call().await {
            Err(GatewayError::Transient) if attempt < ATTEMPTS => {
                tracing::info!(attempt, "card gateway failed transiently; retrying");
                tokio::time::sleep(backoff * attempt).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_test_number_has_its_outcome() {
        assert_eq!(decide(Outcome::Approve, 1), Decision::Approve);
        assert_eq!(
            decide(Outcome::DeclineCard, 1),
            Decision::Decline("card declined")
        );
        assert_eq!(
            decide(Outcome::DeclineFunds, 5),
            Decision::Decline("insufficient funds")
        );
        assert_eq!(decide(Outcome::FailTwice, 1), Decision::Fail);
        assert_eq!(decide(Outcome::FailTwice, 2), Decision::Fail);
        assert_eq!(decide(Outcome::FailTwice, 3), Decision::Approve);
        let outcome = |n: &str| Outcome::of(&CardNumber::parse(n).ok().unwrap());
        assert_eq!(outcome("4242424242424242"), Outcome::Approve);
        assert_eq!(outcome("5555555555554444"), Outcome::Approve);
        assert_eq!(outcome("4000000000000002"), Outcome::DeclineCard);
        assert_eq!(outcome("4000000000009995"), Outcome::DeclineFunds);
        assert_eq!(outcome("4000000000000119"), Outcome::FailTwice);
    }

    #[tokio::test]
    async fn retrying_gives_up_after_three_transient_failures() {
        let calls = std::sync::atomic::AtomicU32::new(0);
        let result: Result<(), _> = retrying(Duration::from_millis(1), || {
            calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            async { Err(GatewayError::Transient) }
        })
        .await;
        assert!(matches!(result, Err(GatewayError::Transient)));
        assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), ATTEMPTS);
    }
}
