use super::{TestInventory, SELLER};
use serde_json::json;
use vitrine_kit::identity::Identity;

const RESERVE: &str =
    "mutation($o: ID!, $l: [ReservationLineInput!]!) { reserveStock(orderId: $o, lines: $l) \
     { orderId status lines { offerId quantity } } }";
const READ: &str = "query($o: ID!) { reservation(orderId: $o) { status lines { offerId quantity } } }";
const STOCK: &str = "{ _entities(representations: [{ __typename: \"Offer\", id: \"off_a\" }]) \
     { ... on Offer { stock } } }";

fn service() -> Identity {
    Identity::service("orders")
}

fn lines(pairs: &[(&str, i64)]) -> serde_json::Value {
    json!(pairs
        .iter()
        .map(|(offer, quantity)| json!({ "offerId": offer, "quantity": quantity }))
        .collect::<Vec<_>>())
}

#[tokio::test]
async fn a_reservation_holds_every_line_reads_back_and_commits_once() {
    let inv = TestInventory::new().await;
    inv.offer("off_a", 5).await;
    inv.offer("off_b", 1).await;
    let held = inv
        .run(
            &service(),
            RESERVE,
            json!({ "o": "ord_1", "l": lines(&[("off_b", 1), ("off_a", 2)]) }),
        )
        .await
        .unwrap();
    assert_eq!(held["reserveStock"]["status"], "HELD");
    let read = inv.run(&service(), READ, json!({ "o": "ord_1" })).await.unwrap();
    assert_eq!(
        read["reservation"],
        json!({ "status": "HELD", "lines": [
            { "offerId": "off_a", "quantity": 2 },
            { "offerId": "off_b", "quantity": 1 },
        ] })
    );
    assert_eq!(
        inv.run(&service(), STOCK, json!({})).await.unwrap()["_entities"][0]["stock"],
        3
    );

    // The same order and lines again: the same reservation; other lines: CONFLICT.
    let again = inv
        .run(
            &service(),
            RESERVE,
            json!({ "o": "ord_1", "l": lines(&[("off_a", 2), ("off_b", 1)]) }),
        )
        .await
        .unwrap();
    assert_eq!(again["reserveStock"], held["reserveStock"]);
    let other = json!({ "o": "ord_1", "l": lines(&[("off_a", 1)]) });
    assert_eq!(inv.run(&service(), RESERVE, other).await.unwrap_err(), "CONFLICT");

    let commit = "mutation($o: ID!) { commitReservation(orderId: $o) { status } }";
    for _ in 0..2 {
        let done = inv
            .run(&service(), commit, json!({ "o": "ord_1" }))
            .await
            .unwrap();
        assert_eq!(done["commitReservation"]["status"], "COMMITTED");
    }
    let release = "mutation($o: ID!) { releaseReservation(orderId: $o) { status } }";
    assert_eq!(
        inv.run(&service(), release, json!({ "o": "ord_1" }))
            .await
            .unwrap_err(),
        "CONFLICT"
    );
    assert_eq!(
        inv.run(&service(), STOCK, json!({})).await.unwrap()["_entities"][0]["stock"],
        3
    );
}

#[tokio::test]
async fn nothing_is_held_when_one_line_is_short_and_unknown_orders_read_as_null() {
    let inv = TestInventory::new().await;
    inv.offer("off_a", 5).await;
    inv.offer("off_b", 1).await;
    let short = json!({ "o": "ord_2", "l": lines(&[("off_a", 2), ("off_b", 2)]) });
    assert_eq!(
        inv.run(&service(), RESERVE, short).await.unwrap_err(),
        "OUT_OF_STOCK"
    );
    let unknown = json!({ "o": "ord_2", "l": lines(&[("off_zzz", 1)]) });
    assert_eq!(
        inv.run(&service(), RESERVE, unknown).await.unwrap_err(),
        "NOT_FOUND"
    );
    assert_eq!(
        inv.run(&service(), STOCK, json!({})).await.unwrap()["_entities"][0]["stock"],
        5
    );
    let read = inv.run(&service(), READ, json!({ "o": "ord_2" })).await.unwrap();
    assert_eq!(read["reservation"], json!(null));
    let customer = Identity::customer("cus_1");
    assert_eq!(
        inv.run(&customer, READ, json!({ "o": "ord_2" }))
            .await
            .unwrap_err(),
        "FORBIDDEN"
    );
}

#[tokio::test]
async fn sellers_adjust_their_stock_but_not_below_what_is_held() {
    let inv = TestInventory::new().await;
    inv.offer("off_a", 5).await;
    let held = json!({ "o": "ord_3", "l": lines(&[("off_a", 4)]) });
    inv.run(&service(), RESERVE, held).await.unwrap();
    let adjust =
        "mutation($d: Int!) { adjustStock(offerId: \"off_a\", delta: $d, reason: \"count\") { stock } }";
    let seller = Identity::customer(SELLER);
    let added = inv.run(&seller, adjust, json!({ "d": 3 })).await.unwrap();
    assert_eq!(added["adjustStock"]["stock"], 4);
    assert_eq!(
        inv.run(&seller, adjust, json!({ "d": -5 })).await.unwrap_err(),
        "BAD_USER_INPUT"
    );
    assert_eq!(
        inv.run(&Identity::customer("cus_other"), adjust, json!({ "d": 1 }))
            .await
            .unwrap_err(),
        "FORBIDDEN"
    );
}
