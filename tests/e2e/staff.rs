//! What the staff consoles read through the router: the sales board (every order, filtered,
//! paged and live) and finance (every payment, totals per day and method, a partial refund
//! the customer's wallet shows). Customers are refused all of it.

use crate::helpers::{error_codes, TestSystem};
use crate::live::{connect, receive, send};
use crate::shopping::{assert_placed, eventually, plain_offer, Shopper, SET_STATUS};
use serde_json::{json, Value};
use std::collections::HashSet;

const BOARD: &str = "subscription { orderUpdated { id status customer { id } } }";
const ORDERS: &str =
    "query($first: Int!, $after: String, $status: OrderStatus, $shop: ID, $from: DateTime) { \
     orders(first: $first, after: $after, status: $status, shopId: $shop, createdFrom: $from) { \
     orders { id status customer { id } lines { shopId } } nextCursor } }";

fn order_ids(response: &Value) -> Vec<String> {
    response["data"]["orders"]["orders"]
        .as_array()
        .unwrap_or_else(|| panic!("{response}"))
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_sales_board_sees_every_customers_orders_filtered_paged_and_live() {
    let system = TestSystem::embedded().await;
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    let (offer, price, _) = plain_offer(0);
    let aru = Shopper::new(&system, "aru-board", 3 * price).await;
    let dana = Shopper::new(&system, "dana-board", 3 * price).await;

    // A customer may not watch the board.
    let mut snoop = connect(&system, Some(&aru.token)).await;
    send(
        &mut snoop,
        json!({ "id": "1", "type": "subscribe", "payload": { "query": BOARD } }),
    )
    .await;
    let refused = receive(&mut snoop).await;
    assert!(
        refused["payload"][0]["extensions"]["code"] == "FORBIDDEN"
            || refused["payload"]["errors"][0]["extensions"]["code"] == "FORBIDDEN",
        "{refused}"
    );

    let mut board = connect(&system, Some(&admin)).await;
    send(
        &mut board,
        json!({ "id": "1", "type": "subscribe", "payload": { "query": BOARD } }),
    )
    .await;
    let mut placed = Vec::new();
    for (shopper, key) in [(&aru, "board-a"), (&dana, "board-d")] {
        shopper.add(&system, &offer, 1).await;
        let reply = shopper.checkout_wallet(&system, key).await;
        assert_placed(&reply);
        placed.push(reply["data"]["checkout"]["id"].as_str().unwrap().to_string());
    }
    // Both customers' orders reach the one board, each with its own customer.
    let mut seen = HashSet::new();
    while !placed.iter().all(|id| seen.contains(id)) {
        let message = receive(&mut board).await;
        assert_eq!(message["type"], "next", "{message}");
        let order = &message["payload"]["data"]["orderUpdated"];
        let id = order["id"].as_str().unwrap().to_string();
        let owner = if id == placed[0] { &aru.id } else { &dana.id };
        assert_eq!(order["customer"]["id"], owner.as_str(), "{message}");
        seen.insert(id);
    }

    // Newest first, a page at a time.
    let page = |first: i64, after: Value| {
        system.graphql_as(&admin, ORDERS, json!({ "first": first, "after": after }))
    };
    let first_page = page(1, Value::Null).await;
    assert_eq!(order_ids(&first_page), [placed[1].clone()]);
    let cursor = first_page["data"]["orders"]["nextCursor"].clone();
    assert!(cursor.is_string(), "{first_page}");
    assert_eq!(order_ids(&page(1, cursor).await), [placed[0].clone()]);

    // By shop, by status, by date.
    let shop = vitrine_kit::ids::stable_id("shp", "technodom-dostyk");
    let by_shop = system
        .graphql_as(&admin, ORDERS, json!({ "first": 10, "shop": shop }))
        .await;
    assert_eq!(order_ids(&by_shop).len(), 2, "{by_shop}");
    assert!(order_ids(
        &system
            .graphql_as(&admin, ORDERS, json!({ "first": 10, "shop": "shp_elsewhere" }))
            .await
    )
    .is_empty());
    let status = system.graphql_as(&admin, ORDERS, json!({ "first": 10 })).await["data"]["orders"]["orders"]
        [0]["status"]
        .clone();
    let by_status = system
        .graphql_as(&admin, ORDERS, json!({ "first": 10, "status": status }))
        .await;
    assert!(order_ids(&by_status).contains(&placed[1]), "{by_status}");
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    assert!(order_ids(
        &system
            .graphql_as(&admin, ORDERS, json!({ "first": 10, "from": tomorrow }))
            .await
    )
    .is_empty());

    assert_eq!(
        error_codes(&aru.ask(&system, ORDERS, json!({ "first": 10 })).await),
        ["FORBIDDEN"]
    );
}

#[tokio::test]
async fn finance_refunds_part_of_an_order_and_the_customers_wallet_shows_it() {
    let system = TestSystem::embedded().await;
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    let (offer, price, _) = plain_offer(0);
    let aru = Shopper::new(&system, "aru-finance", 2 * price).await;
    let order_id = aru.place_order(&system, &offer, 1, "finance").await;
    eventually("READY_FOR_DELIVERY", || async {
        (aru.order(&system, &order_id).await["status"] == "READY_FOR_DELIVERY").then_some(())
    })
    .await;
    for status in ["OUT_FOR_DELIVERY", "DELIVERED"] {
        let moved = system
            .graphql_as(&admin, SET_STATUS, json!({ "o": order_id, "s": status }))
            .await;
        assert_eq!(moved["data"]["updateOrderStatus"]["status"], status, "{moved}");
    }
    eventually("the capture", || async {
        (aru.order(&system, &order_id).await["payment"]["status"] == "CAPTURED").then_some(())
    })
    .await;
    assert_eq!(aru.wallet(&system).await, (price, 0));

    let payments = "query($c: ID!) { payments(customerId: $c, method: WALLET) { payments { orderId status amount { amount } customer { id name } } } }";
    let listed = system.graphql_as(&admin, payments, json!({ "c": aru.id })).await;
    assert_eq!(
        listed["data"]["payments"]["payments"],
        json!([{ "orderId": order_id, "status": "CAPTURED", "amount": { "amount": price },
                 "customer": { "id": aru.id, "name": "aru-finance" } }]),
        "{listed}"
    );

    // A partial refund, retried with the same key (as the console does after a timeout):
    // given back once.
    let part = price / 4;
    let refund = "mutation($o: ID!, $a: Int!) { refundPayment(orderId: $o, amount: $a, reason: \"cold\", \
                  idempotencyKey: \"console-1\") { status refundedAmount { amount } } }";
    for _ in 0..2 {
        let refunded = system
            .graphql_as(&admin, refund, json!({ "o": order_id, "a": part }))
            .await;
        assert_eq!(
            refunded["data"]["refundPayment"]["status"], "PARTIALLY_REFUNDED",
            "{refunded}"
        );
        assert_eq!(
            refunded["data"]["refundPayment"]["refundedAmount"]["amount"],
            part
        );
    }
    eventually("the refund in the wallet", || async {
        (aru.wallet(&system).await == (price + part, 0)).then_some(())
    })
    .await;

    let today = chrono::Utc::now().date_naive();
    let totals = "query($f: DateTime!, $t: DateTime!) { paymentTotals(from: $f, to: $t) { day method count \
                  captured { amount } refunded { amount } net { amount } } }";
    let summed = system
        .graphql_as(
            &admin,
            totals,
            json!({ "f": format!("{}T00:00:00Z", today.pred_opt().unwrap()), "t": format!("{}T00:00:00Z", today.succ_opt().unwrap()) }),
        )
        .await;
    let wallet_rows: Vec<&Value> = summed["data"]["paymentTotals"]
        .as_array()
        .unwrap_or_else(|| panic!("{summed}"))
        .iter()
        .filter(|row| row["method"] == "WALLET")
        .collect();
    assert_eq!(wallet_rows.len(), 1, "{summed}");
    assert_eq!(wallet_rows[0]["count"], 1);
    assert_eq!(wallet_rows[0]["net"]["amount"], price - part);

    assert_eq!(
        error_codes(&aru.ask(&system, payments, json!({ "c": aru.id })).await),
        ["FORBIDDEN"]
    );
}
