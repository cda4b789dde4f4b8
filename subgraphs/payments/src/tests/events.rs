//! Orders' events: a delivered order's payment is captured, a cancelled order's voided or
//! refunded, each once per event.

use super::{code, customer, system, wallet_terms};
use crate::domain::PaymentStatus;
use vitrine_kit::contracts::{OrderEnded, OrderFact, ORDER_CANCELLED, ORDER_DELIVERED};
use vitrine_kit::error::ErrorCode;
use vitrine_kit::events::Event;

fn order_ended(order_id: &str, customer_id: &str, total: i64) -> OrderEnded {
    OrderEnded {
        order: OrderFact {
            order_id: order_id.to_string(),
            customer_id: customer_id.to_string(),
            total,
            currency: "KZT".into(),
            lines: Vec::new(),
            delivery_latitude: 43.2,
            delivery_longitude: 76.9,
        },
        reason: Some("changed my mind".into()),
    }
}

#[tokio::test]
async fn delivery_captures_and_cancellation_voids_refunds_or_marks_once_per_event() {
    let sys = system("payments_events_test").await;
    crate::events::subscribe(&sys.processor, &sys.bus);
    let p = &sys.processor;
    let alice = customer("customer@vitrine.kz");
    sys.top_up(&alice, 10_000).await;
    let publish = |topic: &str, ended: OrderEnded, id: &str| Event {
        id: id.to_string(),
        topic: topic.to_string(),
        payload: serde_json::to_value(ended).unwrap(),
    };

    p.authorize("ord_d", wallet_terms(&alice, 1_000)).await.unwrap();
    let delivered = publish(ORDER_DELIVERED, order_ended("ord_d", &alice, 1_000), "evt_1");
    sys.bus.publish(&delivered).await.unwrap();
    assert_eq!(
        p.payment("ord_d").await.unwrap().unwrap().status,
        PaymentStatus::Captured
    );
    let cancelled = publish(ORDER_CANCELLED, order_ended("ord_d", &alice, 1_000), "evt_2");
    sys.bus.publish(&cancelled).await.unwrap();
    sys.bus.publish(&cancelled).await.unwrap();
    let refunded = p.payment("ord_d").await.unwrap().unwrap();
    assert_eq!(
        (refunded.status, refunded.refunded_amount),
        (PaymentStatus::Refunded, 1_000)
    );
    assert_eq!(sys.wallet(&alice).await, (10_000, 0), "refunded once");

    p.authorize("ord_c", wallet_terms(&alice, 2_000)).await.unwrap();
    let cancelled = publish(ORDER_CANCELLED, order_ended("ord_c", &alice, 2_000), "evt_3");
    sys.bus.publish(&cancelled).await.unwrap();
    assert_eq!(
        p.payment("ord_c").await.unwrap().unwrap().status,
        PaymentStatus::Voided
    );
    assert_eq!(sys.wallet(&alice).await, (10_000, 0), "the hold is back");

    let early = publish(ORDER_CANCELLED, order_ended("ord_e", &alice, 500), "evt_4");
    sys.bus.publish(&early).await.unwrap();
    assert_eq!(
        code(p.authorize("ord_e", wallet_terms(&alice, 500)).await),
        ErrorCode::Conflict
    );
    // Delivering an order whose payment was voided is refused and logged, not retried forever.
    let odd = publish(ORDER_DELIVERED, order_ended("ord_c", &alice, 2_000), "evt_5");
    sys.bus.publish(&odd).await.unwrap();
}
