//! The order lifecycle: statuses, which changes are allowed and who may make them, and the
//! checkout saga's steps. Pure rules, no I/O.

use async_graphql::Enum;
use vitrine_kit::identity::{Identity, Role};

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum OrderStatus {
    /// Checkout is running.
    Pending,
    /// Paid (authorized) and stock committed; waiting for the kitchen.
    Confirmed,
    Preparing,
    ReadyForDelivery,
    OutForDelivery,
    /// At the customer's door; the payment is captured.
    Delivered,
    Cancelled,
    /// Checkout did not go through; everything it did was undone.
    Failed,
    /// The whole payment went back to the customer.
    Refunded,
}
vitrine_kit::stored_as_text!(OrderStatus, "order status");

impl OrderStatus {
    pub const ALL: [OrderStatus; 9] = [
        OrderStatus::Pending,
        OrderStatus::Confirmed,
        OrderStatus::Preparing,
        OrderStatus::ReadyForDelivery,
        OrderStatus::OutForDelivery,
        OrderStatus::Delivered,
        OrderStatus::Cancelled,
        OrderStatus::Failed,
        OrderStatus::Refunded,
    ];

    /// The lifecycle's edges. PENDING is left only by the checkout saga.
    pub fn can_become(self, to: OrderStatus) -> bool {
        use OrderStatus::*;
        matches!(
            (self, to),
            (Pending, Confirmed | Failed)
                // Orders with nothing to prepare skip the kitchen.
                | (Confirmed, Preparing | ReadyForDelivery | Cancelled)
                | (Preparing, ReadyForDelivery | Cancelled)
                | (ReadyForDelivery, OutForDelivery | Cancelled)
                // The courier gave up at the door: the goods go back, the money too.
                | (OutForDelivery, Delivered | Cancelled)
                | (Delivered, Refunded)
        )
    }
}

/// Who may move an order to `to` by hand (the saga and event consumers act as the system).
/// Customers only cancel, and only before preparation starts (checked by the caller).
pub fn may_set(identity: &Identity, to: OrderStatus) -> bool {
    if identity.has_role(Role::Admin) || identity.has_role(Role::Service) {
        return true;
    }
    match to {
        OrderStatus::Preparing | OrderStatus::ReadyForDelivery => identity.has_role(Role::Kitchen),
        OrderStatus::OutForDelivery | OrderStatus::Delivered => identity.has_role(Role::Courier),
        _ => false,
    }
}

/// The checkout saga, in order. Forward steps up to `AuthorizePayment` can still fail and
/// compensate; from `Confirm` on, the order exists and only moves forward (or is cancelled).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum SagaStep {
    ClaimCart,
    ReserveStock,
    AuthorizePayment,
    Confirm,
    CommitStock,
    CompleteCart,
    /// Stock could not be committed and the order was cancelled: give the cart back.
    ReturnCart,
    /// Undo what was done (void payment, release stock, give the cart back), then FAILED.
    Compensate,
    Done,
}
vitrine_kit::stored_as_text!(SagaStep, "saga step");

impl SagaStep {
    pub const ALL: [SagaStep; 9] = [
        SagaStep::ClaimCart,
        SagaStep::ReserveStock,
        SagaStep::AuthorizePayment,
        SagaStep::Confirm,
        SagaStep::CommitStock,
        SagaStep::CompleteCart,
        SagaStep::ReturnCart,
        SagaStep::Compensate,
        SagaStep::Done,
    ];

    /// Whether a failure here is undone (before confirmation) rather than pushed through.
    pub fn compensates_on_failure(self) -> bool {
        matches!(
            self,
            SagaStep::ClaimCart | SagaStep::ReserveStock | SagaStep::AuthorizePayment
        )
    }
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum PaymentMethod {
    /// The customer's tenge wallet (held at checkout, captured on delivery).
    Wallet,
    /// A saved card (see payments' `addCard`).
    Card,
}
vitrine_kit::stored_as_text!(PaymentMethod, "payment method");

/// How events name the status (`kit::contracts`); exhaustive, so a new status is a contract
/// change made on purpose.
impl From<OrderStatus> for vitrine_kit::contracts::status::Order {
    fn from(status: OrderStatus) -> Self {
        use vitrine_kit::contracts::status::Order;
        match status {
            OrderStatus::Pending => Order::Pending,
            OrderStatus::Confirmed => Order::Confirmed,
            OrderStatus::Preparing => Order::Preparing,
            OrderStatus::ReadyForDelivery => Order::ReadyForDelivery,
            OrderStatus::OutForDelivery => Order::OutForDelivery,
            OrderStatus::Delivered => Order::Delivered,
            OrderStatus::Cancelled => Order::Cancelled,
            OrderStatus::Failed => Order::Failed,
            OrderStatus::Refunded => Order::Refunded,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_steps_round_trip() {
        for status in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(status.as_str()).unwrap(), status);
        }
        for step in SagaStep::ALL {
            assert_eq!(SagaStep::parse(step.as_str()).unwrap(), step);
        }
    }

    #[test]
    fn only_lifecycle_edges_are_allowed() {
        use OrderStatus::*;
        assert!(Confirmed.can_become(Preparing));
        assert!(Confirmed.can_become(Cancelled));
        assert!(OutForDelivery.can_become(Delivered));
        assert!(Delivered.can_become(Refunded));
        assert!(!Pending.can_become(Delivered));
        assert!(OutForDelivery.can_become(Cancelled));
        assert!(!Preparing.can_become(OutForDelivery));
        assert!(!Delivered.can_become(Cancelled));
        assert!(!Failed.can_become(Confirmed));
        assert!(!Cancelled.can_become(Confirmed));
    }

    #[test]
    fn staff_roles_move_only_their_part() {
        let kitchen = Identity::new("k", vec![Role::Kitchen]);
        let courier = Identity::new("c", vec![Role::Courier]);
        assert!(may_set(&kitchen, OrderStatus::Preparing));
        assert!(!may_set(&kitchen, OrderStatus::Delivered));
        assert!(may_set(&courier, OrderStatus::Delivered));
        assert!(!may_set(&courier, OrderStatus::Refunded));
        assert!(!may_set(&Identity::customer("x"), OrderStatus::Delivered));
        assert!(may_set(&Identity::service("payments"), OrderStatus::Refunded));
    }
}
