//! Payment states and the rules that move them between states. Pure: no I/O, so every rule
//! is unit-tested without a database.

use async_graphql::Enum;
use vitrine_kit::error::ApiError;
use vitrine_kit::money::Currency;

/// The only currency the accounts wallet holds.
pub const WALLET_CURRENCY: Currency = Currency::Kzt;

/// Longest order id and refund idempotency key accepted: the keys payments derives from them
/// for accounts (`payment:<orderId>:refund:<key>`) must stay within its 100 characters.
pub const MAX_ID_LEN: usize = 40;

/// Largest payment accepted, in minor units: a billion in major units. Anything above is a bug
/// upstream, and it keeps every sum far from overflowing.
pub const MAX_AMOUNT: i64 = 100_000_000_000;

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum PaymentMethod {
    /// The customer's tenge wallet in accounts: held at checkout, taken on delivery.
    Wallet,
    /// A card saved with `addCard`: authorized at checkout, captured on delivery.
    Card,
}
vitrine_kit::stored_as_text!(PaymentMethod, "payment method");

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum PaymentStatus {
    /// The money is set aside (wallet hold, card authorization), not taken yet.
    Authorized,
    /// The money was taken.
    Captured,
    /// The authorization was given back; nothing was taken.
    Voided,
    /// The wallet or the card said no; nothing was set aside.
    Declined,
    /// Part of the captured money went back.
    PartiallyRefunded,
    /// All of the captured money went back.
    Refunded,
}
vitrine_kit::stored_as_text!(PaymentStatus, "payment status");

/// What happened to a payment, one history entry each.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[graphql(name = "PaymentHistoryKind")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum HistoryKind {
    Authorized,
    Declined,
    Captured,
    Voided,
    Refunded,
}
vitrine_kit::stored_as_text!(HistoryKind, "payment history kind");

pub fn check_order_id(order_id: &str) -> Result<(), ApiError> {
    vitrine_kit::input::check_line("orderId", order_id, 1..=MAX_ID_LEN)
}

/// What an authorization was asked for. The order id is the idempotency key: a replay must
/// ask for exactly the same terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    pub customer_id: String,
    pub method: PaymentMethod,
    pub amount: i64,
    pub currency: String,
    pub card_id: Option<String>,
}

impl Terms {
    /// The input rules of `authorizePayment`.
    pub fn check(&self) -> Result<(), ApiError> {
        vitrine_kit::input::check_line("customerId", &self.customer_id, 1..=MAX_ID_LEN)?;
        if !(1..=MAX_AMOUNT).contains(&self.amount) {
            return Err(ApiError::bad_input(format!(
                "amount must be between 1 and {MAX_AMOUNT} (minor units)"
            )));
        }
        let Some(currency) = Currency::parse(&self.currency) else {
            return Err(ApiError::bad_input(format!("unknown currency {}", self.currency)));
        };
        match (self.method, &self.card_id) {
            (PaymentMethod::Card, None) => Err(ApiError::bad_input("paying by CARD needs a cardId")),
            (PaymentMethod::Wallet, Some(_)) => Err(ApiError::bad_input("cardId is only for CARD payments")),
            (PaymentMethod::Wallet, None) if currency != WALLET_CURRENCY => Err(ApiError::bad_input(
                format!("the wallet pays in {} only", WALLET_CURRENCY.code()),
            )),
            _ => Ok(()),
        }
    }
}

/// Answer to an authorization for an order that already has a payment: the stored payment if
/// it is the same request and still stands, the same decline again, else `CONFLICT`.
pub fn replay_authorization(
    asked: &Terms,
    stored: &Terms,
    status: PaymentStatus,
    decline_reason: Option<&str>,
) -> Result<(), ApiError> {
    if asked != stored {
        return Err(ApiError::Conflict(
            "this order's payment was asked for with other terms".into(),
        ));
    }
    match status {
        PaymentStatus::Declined => Err(ApiError::PaymentDeclined(
            decline_reason.unwrap_or("payment declined").to_string(),
        )),
        PaymentStatus::Voided => Err(voided()),
        _ => Ok(()),
    }
}

/// A late authorization for an order whose payment was voided.
pub fn voided() -> ApiError {
    ApiError::Conflict("the order's payment was voided".into())
}

/// Whether a transition has work to do or was already done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Do it.
    Go,
    /// Already there (or past it): answer with the payment as it is.
    Done,
}

/// AUTHORIZED → CAPTURED.
pub fn capture_step(status: PaymentStatus) -> Result<Step, ApiError> {
    match status {
        PaymentStatus::Authorized => Ok(Step::Go),
        PaymentStatus::Captured | PaymentStatus::PartiallyRefunded | PaymentStatus::Refunded => {
            Ok(Step::Done)
        }
        PaymentStatus::Voided => Err(ApiError::Conflict("the payment was voided".into())),
        PaymentStatus::Declined => Err(ApiError::Conflict("the payment was declined".into())),
    }
}

/// AUTHORIZED → VOIDED.
pub fn void_step(status: PaymentStatus) -> Result<Step, ApiError> {
    match status {
        PaymentStatus::Authorized => Ok(Step::Go),
        PaymentStatus::Voided | PaymentStatus::Declined => Ok(Step::Done),
        PaymentStatus::Captured | PaymentStatus::PartiallyRefunded | PaymentStatus::Refunded => Err(
            ApiError::Conflict("the payment was captured; refund it instead".into()),
        ),
    }
}

/// How much a new refund gives back: `requested`, or all that is left when `None`. Only
/// captured money can go back, and never more than what is left after the refunds done
/// (`refunded`) and in flight (`pending`).
pub fn refund_amount(
    status: PaymentStatus,
    amount: i64,
    refunded: i64,
    pending: i64,
    requested: Option<i64>,
) -> Result<i64, ApiError> {
    match status {
        PaymentStatus::Captured | PaymentStatus::PartiallyRefunded => {}
        PaymentStatus::Authorized => {
            return Err(ApiError::Conflict(
                "the payment is only authorized; void it instead".into(),
            ))
        }
        PaymentStatus::Refunded => return Err(ApiError::Conflict("the payment was refunded in full".into())),
        PaymentStatus::Voided | PaymentStatus::Declined => {
            return Err(ApiError::Conflict(format!(
                "the payment was {}; nothing was taken",
                status.as_str().to_lowercase()
            )))
        }
    }
    let left = amount - refunded - pending;
    if left <= 0 {
        return Err(ApiError::bad_input(
            "nothing is left to refund (refunds in flight count)",
        ));
    }
    let wanted = requested.unwrap_or(left);
    if !(1..=left).contains(&wanted) {
        return Err(ApiError::bad_input(format!(
            "amount must be between 1 and {left}, what is left to refund"
        )));
    }
    Ok(wanted)
}

/// The status once `refunded` of `amount` went back.
pub fn status_after_refund(amount: i64, refunded: i64) -> PaymentStatus {
    if refunded >= amount {
        PaymentStatus::Refunded
    } else {
        PaymentStatus::PartiallyRefunded
    }
}

/// How events name the status (`kit::contracts`); exhaustive, so a new status is a contract
/// change made on purpose.
impl From<PaymentStatus> for vitrine_kit::contracts::status::Payment {
    fn from(status: PaymentStatus) -> Self {
        use vitrine_kit::contracts::status::Payment;
        match status {
            PaymentStatus::Authorized => Payment::Authorized,
            PaymentStatus::Captured => Payment::Captured,
            PaymentStatus::Voided => Payment::Voided,
            PaymentStatus::Declined => Payment::Declined,
            PaymentStatus::PartiallyRefunded => Payment::PartiallyRefunded,
            PaymentStatus::Refunded => Payment::Refunded,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vitrine_kit::error::ErrorCode;

    fn terms(method: PaymentMethod, currency: &str, card: Option<&str>) -> Terms {
        Terms {
            customer_id: "cus_1".into(),
            method,
            amount: 500,
            currency: currency.into(),
            card_id: card.map(str::to_string),
        }
    }

    fn code<T: std::fmt::Debug>(result: Result<T, ApiError>) -> ErrorCode {
        result.unwrap_err().code()
    }

    #[test]
    fn authorization_terms_are_checked() {
        assert!(terms(PaymentMethod::Wallet, "KZT", None).check().is_ok());
        assert!(terms(PaymentMethod::Card, "USD", Some("card_1")).check().is_ok());
        for bad in [
            terms(PaymentMethod::Wallet, "USD", None),
            terms(PaymentMethod::Wallet, "KZT", Some("card_1")),
            terms(PaymentMethod::Card, "KZT", None),
            terms(PaymentMethod::Card, "EUR", Some("card_1")),
            Terms {
                amount: 0,
                ..terms(PaymentMethod::Wallet, "KZT", None)
            },
            Terms {
                amount: MAX_AMOUNT + 1,
                ..terms(PaymentMethod::Wallet, "KZT", None)
            },
        ] {
            assert_eq!(code(bad.check()), ErrorCode::BadUserInput, "{bad:?}");
        }
    }

    #[test]
    fn order_ids_are_bounded() {
        assert!(check_order_id("ord_0192f0c1a2b34c5d6e7f8091a2b3c4d5").is_ok());
        assert_eq!(code(check_order_id("")), ErrorCode::BadUserInput);
        assert_eq!(code(check_order_id(&"o".repeat(41))), ErrorCode::BadUserInput);
    }

    #[test]
    fn a_replayed_authorization_answers_like_the_first() {
        let asked = terms(PaymentMethod::Wallet, "KZT", None);
        assert!(replay_authorization(&asked, &asked, PaymentStatus::Authorized, None).is_ok());
        assert!(replay_authorization(&asked, &asked, PaymentStatus::Captured, None).is_ok());
        let declined = replay_authorization(&asked, &asked, PaymentStatus::Declined, Some("card declined"));
        assert!(matches!(declined, Err(ApiError::PaymentDeclined(m)) if m == "card declined"));
        assert_eq!(
            code(replay_authorization(&asked, &asked, PaymentStatus::Voided, None)),
            ErrorCode::Conflict
        );
        let more = Terms {
            amount: 501,
            ..asked.clone()
        };
        assert_eq!(
            code(replay_authorization(
                &more,
                &asked,
                PaymentStatus::Authorized,
                None
            )),
            ErrorCode::Conflict
        );
    }

    #[test]
    fn captures_and_voids_move_only_authorized_payments_and_repeat_harmlessly() {
        use PaymentStatus::*;
        assert_eq!(capture_step(Authorized).unwrap(), Step::Go);
        for done in [Captured, PartiallyRefunded, Refunded] {
            assert_eq!(capture_step(done).unwrap(), Step::Done);
            assert_eq!(code(void_step(done)), ErrorCode::Conflict);
        }
        assert_eq!(void_step(Authorized).unwrap(), Step::Go);
        for done in [Voided, Declined] {
            assert_eq!(void_step(done).unwrap(), Step::Done);
            assert_eq!(code(capture_step(done)), ErrorCode::Conflict);
        }
    }

    #[test]
    fn refunds_give_back_at_most_what_is_left() {
        use PaymentStatus::*;
        assert_eq!(refund_amount(Captured, 1000, 0, 0, None).unwrap(), 1000);
        assert_eq!(refund_amount(Captured, 1000, 0, 0, Some(300)).unwrap(), 300);
        assert_eq!(refund_amount(PartiallyRefunded, 1000, 300, 0, None).unwrap(), 700);
        assert_eq!(
            refund_amount(PartiallyRefunded, 1000, 300, 200, None).unwrap(),
            500
        );
        assert_eq!(
            refund_amount(PartiallyRefunded, 1000, 300, 0, Some(700)).unwrap(),
            700
        );
        for requested in [0, -1, 701] {
            assert_eq!(
                code(refund_amount(PartiallyRefunded, 1000, 300, 0, Some(requested))),
                ErrorCode::BadUserInput
            );
        }
        assert_eq!(
            code(refund_amount(Captured, 1000, 0, 1000, None)),
            ErrorCode::BadUserInput,
            "everything is already on its way back"
        );
        for status in [Authorized, Voided, Declined, Refunded] {
            assert_eq!(code(refund_amount(status, 1000, 0, 0, None)), ErrorCode::Conflict);
        }
    }

    #[test]
    fn a_refund_of_the_rest_makes_the_payment_refunded() {
        assert_eq!(status_after_refund(1000, 300), PaymentStatus::PartiallyRefunded);
        assert_eq!(status_after_refund(1000, 1000), PaymentStatus::Refunded);
    }

    #[test]
    fn names_round_trip() {
        use PaymentStatus::*;
        for s in [
            Authorized,
            Captured,
            Voided,
            Declined,
            PartiallyRefunded,
            Refunded,
        ] {
            assert_eq!(PaymentStatus::parse(s.as_str()).unwrap(), s);
        }
        for m in [PaymentMethod::Wallet, PaymentMethod::Card] {
            assert_eq!(PaymentMethod::parse(m.as_str()).unwrap(), m);
        }
        for k in [
            HistoryKind::Authorized,
            HistoryKind::Declined,
            HistoryKind::Captured,
            HistoryKind::Voided,
            HistoryKind::Refunded,
        ] {
            assert_eq!(HistoryKind::parse(k.as_str()).unwrap(), k);
        }
    }
}
