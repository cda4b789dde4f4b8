//! Authorize, capture, void and refund against accounts' wallet and the simulated gateway.

use super::{card_terms, code, customer, system, wallet_terms};
use crate::domain::PaymentStatus;
use crate::store;
use vitrine_kit::error::{ApiError, ErrorCode};

#[tokio::test]
async fn a_wallet_payment_is_held_captured_and_refunded_once_per_request() {
    let sys = system("payments_wallet_test").await;
    let p = &sys.processor;
    let alice = customer("customer@vitrine.kz");
    sys.top_up(&alice, 10_000).await;

    let authorized = p.authorize("ord_1", wallet_terms(&alice, 3_000)).await.unwrap();
    assert_eq!(authorized.status, PaymentStatus::Authorized);
    assert_eq!(sys.wallet(&alice).await, (10_000, 3_000), "held, not taken");
    let replay = p.authorize("ord_1", wallet_terms(&alice, 3_000)).await.unwrap();
    assert_eq!(replay.id, authorized.id);
    assert_eq!(sys.wallet(&alice).await, (10_000, 3_000), "held once");
    assert_eq!(
        code(p.authorize("ord_1", wallet_terms(&alice, 3_001)).await),
        ErrorCode::Conflict
    );
    assert_eq!(
        code(p.refund("ord_1", None, "too early", "r0").await),
        ErrorCode::Conflict,
        "an authorization is voided, not refunded"
    );

    assert_eq!(p.capture("ord_1").await.unwrap().status, PaymentStatus::Captured);
    assert_eq!(p.capture("ord_1").await.unwrap().status, PaymentStatus::Captured);
    assert_eq!(sys.wallet(&alice).await, (7_000, 0), "taken once");
    assert_eq!(code(p.void("ord_1").await), ErrorCode::Conflict);

    let partly = p.refund("ord_1", Some(1_000), "damaged", "r1").await.unwrap();
    assert_eq!(partly.status, PaymentStatus::PartiallyRefunded);
    assert_eq!(partly.refunded_amount, 1_000);
    let again = p.refund("ord_1", Some(1_000), "damaged", "r1").await.unwrap();
    assert_eq!(again.refunded_amount, 1_000, "the same key refunds once");
    assert_eq!(
        code(p.refund("ord_1", Some(900), "damaged", "r1").await),
        ErrorCode::Conflict
    );
    assert_eq!(
        code(p.refund("ord_1", Some(2_001), "too much", "r2").await),
        ErrorCode::BadUserInput
    );
    assert_eq!(sys.wallet(&alice).await, (8_000, 0));

    let rest = p.refund("ord_1", None, "returned", "r3").await.unwrap();
    assert_eq!(
        (rest.status, rest.refunded_amount),
        (PaymentStatus::Refunded, 3_000)
    );
    assert_eq!(sys.wallet(&alice).await, (10_000, 0), "all money back");
    assert_eq!(
        code(p.refund("ord_1", None, "again", "r4").await),
        ErrorCode::Conflict
    );
    assert_eq!(p.capture("ord_1").await.unwrap().status, PaymentStatus::Refunded);

    assert_eq!(
        sys.history(&authorized.id).await,
        ["AUTHORIZED", "CAPTURED", "REFUNDED", "REFUNDED"]
    );
    assert_eq!(
        sys.topics().await,
        [
            "payments.payment_authorized",
            "payments.payment_captured",
            "payments.payment_refunded",
            "payments.payment_refunded"
        ]
    );
}

#[tokio::test]
async fn a_declined_authorization_is_recorded_and_answered_again() {
    let sys = system("payments_decline_test").await;
    let p = &sys.processor;
    let bob = customer("seller@vitrine.kz");
    sys.top_up(&bob, 1_000).await;
    for _ in 0..2 {
        let declined = p.authorize("ord_2", wallet_terms(&bob, 5_000)).await;
        assert!(
            matches!(&declined, Err(ApiError::PaymentDeclined(_))),
            "{declined:?}"
        );
    }
    assert_eq!(sys.wallet(&bob).await, (1_000, 0));
    let payment = p.void("ord_2").await.unwrap().unwrap();
    assert_eq!(
        payment.status,
        PaymentStatus::Declined,
        "a void leaves it as it is"
    );
    assert_eq!(code(p.capture("ord_2").await), ErrorCode::Conflict);
    assert!(sys.topics().await.is_empty(), "no money moved, no event");
}

#[tokio::test]
async fn voids_give_the_hold_back_and_a_void_first_refuses_a_late_authorization() {
    let sys = system("payments_void_test").await;
    let p = &sys.processor;
    let alice = customer("customer@vitrine.kz");
    sys.top_up(&alice, 10_000).await;

    p.authorize("ord_3", wallet_terms(&alice, 4_000)).await.unwrap();
    assert_eq!(
        p.void("ord_3").await.unwrap().unwrap().status,
        PaymentStatus::Voided
    );
    assert_eq!(
        p.void("ord_3").await.unwrap().unwrap().status,
        PaymentStatus::Voided
    );
    assert_eq!(sys.wallet(&alice).await, (10_000, 0));
    assert_eq!(code(p.capture("ord_3").await), ErrorCode::Conflict);
    assert_eq!(
        code(p.authorize("ord_3", wallet_terms(&alice, 4_000)).await),
        ErrorCode::Conflict
    );

    assert!(p.void("ord_4").await.unwrap().is_none(), "nothing to void yet");
    assert_eq!(
        code(p.authorize("ord_4", wallet_terms(&alice, 4_000)).await),
        ErrorCode::Conflict
    );
    assert_eq!(
        sys.wallet(&alice).await,
        (10_000, 0),
        "nothing held for a voided order"
    );
    assert_eq!(code(p.capture("ord_5").await), ErrorCode::NotFound);
}

#[tokio::test]
async fn a_void_settles_an_authorization_whose_answer_was_lost() {
    let sys = system("payments_lost_test").await;
    let p = &sys.processor;
    let alice = customer("customer@vitrine.kz");
    sys.top_up(&alice, 10_000).await;
    // authorizePayment wrote its attempt and accounts held the money, but the answer never
    // came back (a timeout): payments recorded no payment.
    let terms = wallet_terms(&alice, 2_500);
    store::insert_attempt(&p.db, "ord_6", &terms).await.unwrap();
    let answer = p.ask("ord_6", &terms, None).await;
    assert!(answer.is_ok());
    assert_eq!(sys.wallet(&alice).await, (10_000, 2_500));

    let voided = p.void("ord_6").await.unwrap().unwrap();
    assert_eq!(voided.status, PaymentStatus::Voided);
    assert_eq!(
        sys.wallet(&alice).await,
        (10_000, 0),
        "the lost hold was released"
    );
    assert_eq!(code(p.authorize("ord_6", terms).await), ErrorCode::Conflict);
}

#[tokio::test]
async fn card_payments_retry_transient_failures_and_keep_declines() {
    let sys = system("payments_card_test").await;
    let p = &sys.processor;
    let alice = customer("customer@vitrine.kz");
    let bob = customer("seller@vitrine.kz");
    let flaky = sys.card(&alice, "4000 0000 0000 0119").await;
    let declined = sys.card(&alice, "4000000000000002").await;
    let poor = sys.card(&alice, "4000000000009995").await;
    let bobs = sys.card(&bob, "5555555555554444").await;

    let paid = p
        .authorize("ord_7", card_terms(&alice, &flaky, 9_900))
        .await
        .unwrap();
    assert_eq!(
        paid.status,
        PaymentStatus::Authorized,
        "approved on the third attempt"
    );
    assert_eq!(paid.card_last4.as_deref(), Some("0119"));
    let refused = p.authorize("ord_8", card_terms(&alice, &declined, 100)).await;
    assert!(matches!(&refused, Err(ApiError::PaymentDeclined(r)) if r == "card declined"));
    let refused = p.authorize("ord_8", card_terms(&alice, &declined, 100)).await;
    assert!(matches!(&refused, Err(ApiError::PaymentDeclined(r)) if r == "card declined"));
    let refused = p.authorize("ord_9", card_terms(&alice, &poor, 100)).await;
    assert!(matches!(&refused, Err(ApiError::PaymentDeclined(r)) if r == "insufficient funds"));
    assert_eq!(
        code(p.authorize("ord_10", card_terms(&alice, &bobs, 100)).await),
        ErrorCode::NotFound,
        "someone else's card"
    );
    assert!(
        p.void("ord_10").await.unwrap().is_none(),
        "a refused card left no attempt behind"
    );

    p.capture("ord_7").await.unwrap();
    let refunded = p.refund("ord_7", Some(900), "late", "r1").await.unwrap();
    assert_eq!(refunded.status, PaymentStatus::PartiallyRefunded);
    p.cancel("ord_7", Some("changed my mind")).await.unwrap();
    let cancelled = p.payment("ord_7").await.unwrap().unwrap();
    assert_eq!(
        (cancelled.status, cancelled.refunded_amount),
        (PaymentStatus::Refunded, 9_900)
    );
}
