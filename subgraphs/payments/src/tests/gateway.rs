//! The simulated gateway on a scratch database: its idempotency keys, test numbers and the
//! rules of captures, voids and refunds.

use crate::cards::CardNumber;
use crate::gateway::{retrying, Gateway, GatewayError};
use std::time::Duration;
use vitrine_kit::testkit::Scratch;

async fn gateway(scratch: &Scratch) -> Gateway {
    Gateway::new(scratch.db("payments_gateway_test", &crate::MIGRATOR).await)
}

async fn token(gateway: &Gateway, number: &str) -> String {
    gateway
        .tokenize(&CardNumber::parse(number).ok().unwrap())
        .await
        .unwrap()
}

#[tokio::test]
async fn authorizations_are_idempotent_by_key_and_declines_repeat() {
    let scratch = Scratch::new();
    let gateway = gateway(&scratch).await;
    let visa = token(&gateway, "4242 4242 4242 4242").await;
    let first = gateway.authorize(&visa, 500, "k1").await.unwrap();
    assert_eq!(gateway.authorize(&visa, 500, "k1").await.unwrap(), first);
    assert_ne!(gateway.authorize(&visa, 500, "k2").await.unwrap(), first);
    assert!(matches!(
        gateway.authorize(&visa, 501, "k1").await,
        Err(GatewayError::Refused(_))
    ));
    for (number, reason) in [
        ("4000000000000002", "card declined"),
        ("4000000000009995", "insufficient funds"),
    ] {
        let card = token(&gateway, number).await;
        for _ in 0..2 {
            assert!(matches!(
                gateway.authorize(&card, 500, number).await,
                Err(GatewayError::Declined(r)) if r == reason
            ));
        }
    }
}

#[tokio::test]
async fn the_flaky_card_is_approved_on_the_third_attempt_of_each_payment() {
    let scratch = Scratch::new();
    let gateway = gateway(&scratch).await;
    let flaky = token(&gateway, "4000 0000 0000 0119").await;
    assert!(matches!(
        gateway.authorize(&flaky, 500, "once").await,
        Err(GatewayError::Transient)
    ));
    let calls = std::sync::atomic::AtomicU32::new(0);
    let approved = retrying(Duration::from_millis(1), || {
        calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        gateway.authorize(&flaky, 500, "order-1")
    })
    .await
    .unwrap();
    assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 3);
    assert_eq!(gateway.authorize(&flaky, 500, "order-1").await.unwrap(), approved);
    // Another payment starts over.
    assert!(matches!(
        gateway.authorize(&flaky, 500, "order-2").await,
        Err(GatewayError::Transient)
    ));
}

#[tokio::test]
async fn captures_voids_and_refunds_follow_the_authorization() {
    let scratch = Scratch::new();
    let gateway = gateway(&scratch).await;
    let visa = token(&gateway, "4242424242424242").await;
    let auth = gateway.authorize(&visa, 1000, "a").await.unwrap();
    assert!(
        matches!(
            gateway.refund(&auth, 100, "r0").await,
            Err(GatewayError::Refused(_))
        ),
        "nothing captured yet"
    );
    gateway.capture(&auth).await.unwrap();
    gateway.capture(&auth).await.unwrap();
    assert!(matches!(gateway.void(&auth).await, Err(GatewayError::Refused(_))));
    let refund = gateway.refund(&auth, 600, "r1").await.unwrap();
    assert_eq!(gateway.refund(&auth, 600, "r1").await.unwrap(), refund);
    assert!(matches!(
        gateway.refund(&auth, 500, "r2").await,
        Err(GatewayError::Refused(_))
    ));
    gateway.refund(&auth, 400, "r2").await.unwrap();

    let other = gateway.authorize(&visa, 1000, "b").await.unwrap();
    gateway.void(&other).await.unwrap();
    gateway.void(&other).await.unwrap();
    assert!(matches!(
        gateway.capture(&other).await,
        Err(GatewayError::Refused(_))
    ));
    assert!(matches!(
        gateway.capture("auth_nope").await,
        Err(GatewayError::Refused(_))
    ));
}
