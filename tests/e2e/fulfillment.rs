//! After checkout: the automated kitchen, a courier with a planned route, the door, the
//! capture of the payment, and what the customer hears on the way. Driven by the time-scaled
//! simulation (see `VITRINE_TIME_SCALE` in the test systems).

use crate::helpers::{error_codes, TestSystem};
use crate::shopping::{eventually, plain_offer, stock, Shopper};
use serde_json::{json, Value};

/// A demo offer of the automated kitchen in `category` (pizza, burgers…): (offer id, price).
pub fn kitchen_offer(category: &str) -> (String, i64) {
    let (shop, product, price, _) = vitrine_kit::demo::demo_offers()
        .find(|(shop, product, _, units)| {
            shop.slug == "vitrine-kitchen"
                && product.category == category
                && product.requires_preparation
                && *units >= 10
        })
        .expect("a kitchen offer");
    (vitrine_kit::demo::offer_id(shop.slug, product.slug), price)
}

const FULFILMENT: &str = "query($id: ID!) { order(id: $id) { id status \
     statusHistory { to actor } payment { status } \
     kitchenTicket { id status items { station status } } \
     delivery { id status attempts routeDistanceMeters etaSeconds courier { id name vehicle } \
                destination { latitude longitude } routeToDoor { latitude longitude } \
                history { status note } } } }";

const COURIER_ROUTE: &str =
    "{ couriers { id name route { distanceMeters stops { kind deliveryId legMeters } } } }";

fn statuses(list: &Value, key: &str) -> Vec<String> {
    list.as_array()
        .unwrap_or_else(|| panic!("no list: {list}"))
        .iter()
        .map(|entry| entry[key].as_str().unwrap().to_string())
        .collect()
}

async fn fulfilment(system: &TestSystem, shopper: &Shopper, order_id: &str) -> Value {
    let response = shopper.ask(system, FULFILMENT, json!({ "id": order_id })).await;
    assert!(response["errors"].is_null(), "{response}");
    response["data"]["order"].clone()
}

/// Checkout → kitchen → courier assigned with a route → delivered → payment captured, with
/// the whole status history, driven by the simulation alone.
#[tokio::test]
async fn an_order_is_cooked_fetched_from_two_shops_delivered_and_captured_by_the_simulation() {
    // Slow enough to watch the courier on its way, fast enough for a test (~10 s).
    let system = TestSystem::embedded_with(&[
        ("VITRINE_SIMULATE_COURIERS", "true"),
        ("VITRINE_TIME_SCALE", "150"),
    ])
    .await;
    let (pizza, pizza_price) = kitchen_offer("pizza");
    let (gadget, gadget_price, _) = plain_offer(1);
    let total = pizza_price + gadget_price;
    let zarina = Shopper::new(&system, "zarina-hungry", 3 * total).await;
    zarina.add(&system, &pizza, 1).await;
    let order_id = zarina.place_order(&system, &gadget, 1, "dinner").await;

    // On its way: a courier has it, with a planned route through both shops to the door.
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    let (delivery_id, courier_id) = eventually("a courier on the way", || async {
        let order = fulfilment(&system, &zarina, &order_id).await;
        let delivery = &order["delivery"];
        (delivery["status"] == "ASSIGNED" || delivery["status"] == "PICKED_UP").then(|| {
            assert!(delivery["etaSeconds"].as_i64().is_some(), "{order}");
            assert!(delivery["routeDistanceMeters"].as_f64().unwrap() > 0.0, "{order}");
            // The customer may draw the way to the door (not the courier's whole route).
            let way = delivery["routeToDoor"].as_array().unwrap();
            assert_eq!(way.last(), Some(&delivery["destination"]), "{order}");
            (
                delivery["id"].as_str().unwrap().to_string(),
                delivery["courier"]["id"].as_str().unwrap().to_string(),
            )
        })
    })
    .await;
    let fleet = system.graphql_as(&admin, COURIER_ROUTE, json!({})).await;
    let courier = fleet["data"]["couriers"]
        .as_array()
        .unwrap_or_else(|| panic!("{fleet}"))
        .iter()
        .find(|c| c["id"] == courier_id.as_str())
        .unwrap_or_else(|| panic!("courier {courier_id} not listed: {fleet}"))
        .clone();
    let ours: Vec<String> = courier["route"]["stops"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["deliveryId"] == delivery_id.as_str())
        .map(|s| s["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ours.last().map(String::as_str),
        Some("DROP"),
        "the door comes last: {courier}"
    );
    assert!(
        ours.iter().filter(|k| *k == "PICKUP").count() <= 2,
        "at most one pickup per shop: {courier}"
    );
    assert!(courier["route"]["distanceMeters"].as_f64().unwrap() > 0.0);

    // Another courier cannot report on this delivery.
    let kairat = system.login("courier@vitrine.kz", "courier-demo-2026").await;
    let meddle = system
        .graphql_as(
            &kairat,
            "mutation($d: ID!) { completeDelivery(deliveryId: $d) { status } }",
            json!({ "d": delivery_id }),
        )
        .await;
    assert_eq!(error_codes(&meddle), vec!["FORBIDDEN"], "{meddle}");

    let done = eventually("DELIVERED and captured", || async {
        let order = fulfilment(&system, &zarina, &order_id).await;
        (order["status"] == "DELIVERED" && order["payment"]["status"] == "CAPTURED").then_some(order)
    })
    .await;
    assert_eq!(
        statuses(&done["statusHistory"], "to"),
        [
            "PENDING",
            "CONFIRMED",
            "PREPARING",
            "READY_FOR_DELIVERY",
            "OUT_FOR_DELIVERY",
            "DELIVERED"
        ],
        "{done}"
    );
    assert_eq!(
        statuses(&done["statusHistory"], "actor")[2..],
        ["kitchen", "kitchen", "delivery", "delivery"]
    );
    assert_eq!(done["kitchenTicket"]["status"], "READY", "{done}");
    assert!(done["kitchenTicket"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|item| item["status"] == "DONE"));
    assert_eq!(
        statuses(&done["delivery"]["history"], "status"),
        ["WAITING", "READY", "ASSIGNED", "PICKED_UP", "DELIVERED"],
        "{done}"
    );
    assert_eq!(done["delivery"]["courier"]["id"], courier_id.as_str());
    assert_eq!(
        zarina.wallet(&system).await,
        (2 * total, 0),
        "the hold became a charge, once"
    );

    // Zarina heard about each step: the order's statuses, the kitchen, the courier, the money.
    let heard = eventually("the notifications", || async {
        let page = zarina
            .ask(
                &system,
                "{ myNotifications(first: 50) { notifications { kind title orderId } } }",
                json!({}),
            )
            .await;
        let kinds: std::collections::BTreeSet<String> = page["data"]["myNotifications"]["notifications"]
            .as_array()?
            .iter()
            .filter(|n| n["orderId"] == order_id.as_str())
            .map(|n| n["kind"].as_str().unwrap().to_string())
            .collect();
        (kinds.len() == 4).then_some(kinds)
    })
    .await;
    assert_eq!(
        heard.into_iter().collect::<Vec<_>>(),
        ["DELIVERY", "KITCHEN", "ORDER_STATUS", "PAYMENT"]
    );

    // The record of deliveries has it, for ADMINs.
    let record = system
        .graphql_as(
            &admin,
            "{ deliveries(status: DELIVERED) { deliveries { id orderId } } }",
            json!({}),
        )
        .await;
    assert!(
        record["data"]["deliveries"]["deliveries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["orderId"] == order_id.as_str()),
        "{record}"
    );
}

const REPORT: &str = "mutation($d: ID!) { pickUpDelivery(deliveryId: $d) { status } }";
const COMPLETE: &str = "mutation($d: ID!) { completeDelivery(deliveryId: $d) { status } }";
const FAIL: &str =
    "mutation($d: ID!, $r: String!) { failDeliveryAttempt(deliveryId: $d, reason: $r) { status attempts } }";

/// Kairat, the demo courier, works with the app: he goes on duty, gets the order, sees his
/// route, picks up, misses the customer once, then hands over. A second order is given up
/// after two failed attempts: the order is cancelled, the money and the units go back.
#[tokio::test]
async fn a_courier_reports_from_the_road_and_a_given_up_delivery_cancels_the_order() {
    let system = TestSystem::embedded().await;
    let kairat = system.login("courier@vitrine.kz", "courier-demo-2026").await;
    let on_duty = system
        .graphql_as(
            &kairat,
            "mutation { registerCourier(input: { name: \"Kairat\", vehicle: BICYCLE, capacity: 2, \
             latitude: 43.2390, longitude: 76.9400 }) { id } setCourierAvailability(available: true) { available } }",
            json!({}),
        )
        .await;
    assert_eq!(
        on_duty["data"]["setCourierAvailability"]["available"], true,
        "{on_duty}"
    );
    let kairat_id = on_duty["data"]["registerCourier"]["id"]
        .as_str()
        .unwrap()
        .to_string();

    let (offer, price, units) = plain_offer(2);
    let timur = Shopper::new(&system, "timur-away", 10 * price).await;
    let order_id = timur.place_order(&system, &offer, 1, "first").await;
    let delivery_id = eventually("the assignment to Kairat", || async {
        let delivery = fulfilment(&system, &timur, &order_id).await["delivery"].clone();
        (delivery["status"] == "ASSIGNED").then(|| {
            assert_eq!(delivery["courier"]["id"], kairat_id.as_str(), "{delivery}");
            delivery["id"].as_str().unwrap().to_string()
        })
    })
    .await;
    let route = system
        .graphql_as(
            &kairat,
            "{ myCourierProfile { route { distanceMeters stops { kind deliveryId } } } }",
            json!({}),
        )
        .await;
    let route = &route["data"]["myCourierProfile"]["route"];
    assert_eq!(statuses(&route["stops"], "kind"), ["PICKUP", "DROP"], "{route}");
    assert!(route["distanceMeters"].as_f64().unwrap() > 500.0, "{route}");

    // Steps out of order, strangers and unknown deliveries get clear answers.
    let early = system
        .graphql_as(&kairat, COMPLETE, json!({ "d": delivery_id }))
        .await;
    assert_eq!(error_codes(&early), vec!["CONFLICT"], "{early}");
    let customer = timur.ask(&system, REPORT, json!({ "d": delivery_id })).await;
    assert_eq!(error_codes(&customer), vec!["FORBIDDEN"], "{customer}");
    let unknown = system
        .graphql_as(&kairat, REPORT, json!({ "d": "dlv_nope" }))
        .await;
    assert_eq!(error_codes(&unknown), vec!["NOT_FOUND"], "{unknown}");
    let blank = system
        .graphql_as(&kairat, FAIL, json!({ "d": delivery_id, "r": "  " }))
        .await;
    assert_eq!(error_codes(&blank), vec!["BAD_USER_INPUT"], "{blank}");

    let picked = system
        .graphql_as(&kairat, REPORT, json!({ "d": delivery_id }))
        .await;
    assert_eq!(
        picked["data"]["pickUpDelivery"]["status"], "PICKED_UP",
        "{picked}"
    );
    eventually("OUT_FOR_DELIVERY", || async {
        (timur.order(&system, &order_id).await["status"] == "OUT_FOR_DELIVERY").then_some(())
    })
    .await;
    let missed = system
        .graphql_as(&kairat, FAIL, json!({ "d": delivery_id, "r": "nobody home" }))
        .await;
    assert_eq!(
        missed["data"]["failDeliveryAttempt"]["status"], "ATTEMPT_FAILED",
        "{missed}"
    );
    let handed = system
        .graphql_as(&kairat, COMPLETE, json!({ "d": delivery_id }))
        .await;
    assert_eq!(
        handed["data"]["completeDelivery"]["status"], "DELIVERED",
        "{handed}"
    );
    eventually("DELIVERED and captured", || async {
        let order = timur.order(&system, &order_id).await;
        (order["status"] == "DELIVERED" && order["payment"]["status"] == "CAPTURED").then_some(())
    })
    .await;
    let again = system
        .graphql_as(&kairat, COMPLETE, json!({ "d": delivery_id }))
        .await;
    assert_eq!(error_codes(&again), vec!["CONFLICT"], "delivered once: {again}");

    // Given up after the last attempt: the order is cancelled and everything goes back.
    timur.add(&system, &offer, 1).await;
    let second = timur.checkout_wallet(&system, "second").await;
    let second_id = second["data"]["checkout"]["id"].as_str().unwrap().to_string();
    let second_delivery = eventually("the second assignment", || async {
        let delivery = fulfilment(&system, &timur, &second_id).await["delivery"].clone();
        (delivery["status"] == "ASSIGNED").then(|| delivery["id"].as_str().unwrap().to_string())
    })
    .await;
    system
        .graphql_as(&kairat, REPORT, json!({ "d": second_delivery }))
        .await;
    for expected in ["ATTEMPT_FAILED", "FAILED"] {
        let failed = system
            .graphql_as(
                &kairat,
                FAIL,
                json!({ "d": second_delivery, "r": "wrong address" }),
            )
            .await;
        assert_eq!(
            failed["data"]["failDeliveryAttempt"]["status"], expected,
            "{failed}"
        );
    }
    eventually("the cancellation, the void and the restock", || async {
        let order = timur.order(&system, &second_id).await;
        let restocked = stock(&system, &offer).await == units - 1;
        (order["status"] == "CANCELLED" && order["payment"]["status"] == "VOIDED" && restocked).then_some(())
    })
    .await;
    assert_eq!(
        timur.wallet(&system).await,
        (9 * price, 0),
        "only the first order was paid"
    );
}

/// The kitchen's staff watch the queue, pause a station, bump and fail tickets; a failed
/// ticket cancels the order and gives the money back.
#[tokio::test]
async fn kitchen_staff_pause_bump_and_fail_tickets_and_a_failed_ticket_cancels_the_order() {
    let system = TestSystem::embedded().await;
    let kitchen = system.login("kitchen@vitrine.kz", "kitchen-demo-2026").await;
    let paused = system
        .graphql_as(
            &kitchen,
            "mutation { pauseStation(name: \"OVEN\", paused: true) { name paused } }",
            json!({}),
        )
        .await;
    assert_eq!(paused["data"]["pauseStation"]["paused"], true, "{paused}");

    let (pizza, price) = kitchen_offer("pizza");
    let yuri = Shopper::new(&system, "yuri-pizza", 3 * price).await;
    let order_id = yuri.place_order(&system, &pizza, 1, "pizza").await;
    let ticket_id = eventually("a queued ticket", || async {
        let order = fulfilment(&system, &yuri, &order_id).await;
        let ticket = &order["kitchenTicket"];
        (ticket["status"] == "QUEUED").then(|| ticket["id"].as_str().unwrap().to_string())
    })
    .await;
    let queue = system
        .graphql_as(
            &kitchen,
            "{ kitchenQueue { id status items { station status } } }",
            json!({}),
        )
        .await;
    let queued = queue["data"]["kitchenQueue"]
        .as_array()
        .unwrap_or_else(|| panic!("{queue}"))
        .iter()
        .find(|t| t["id"] == ticket_id.as_str())
        .unwrap_or_else(|| panic!("not in the queue: {queue}"))
        .clone();
    assert_eq!(queued["items"][0]["station"], "OVEN", "{queued}");
    assert_eq!(
        queued["items"][0]["status"], "QUEUED",
        "a paused oven starts nothing"
    );

    let peek = yuri.ask(&system, "{ kitchenQueue { id } }", json!({})).await;
    assert_eq!(error_codes(&peek), vec!["FORBIDDEN"], "{peek}");
    let fail = "mutation($t: ID!) { failTicket(ticketId: $t, reason: \"oven broke\") { status } }";
    let unknown = system
        .graphql_as(&kitchen, fail, json!({ "t": "tkt_nope" }))
        .await;
    assert_eq!(error_codes(&unknown), vec!["NOT_FOUND"], "{unknown}");
    let bumped = system
        .graphql_as(
            &kitchen,
            "mutation($t: ID!) { bumpTicket(ticketId: $t) { priority } }",
            json!({ "t": ticket_id }),
        )
        .await;
    assert_eq!(bumped["data"]["bumpTicket"]["priority"], 1, "{bumped}");

    let failed = system.graphql_as(&kitchen, fail, json!({ "t": ticket_id })).await;
    assert_eq!(failed["data"]["failTicket"]["status"], "FAILED", "{failed}");
    let again = system.graphql_as(&kitchen, fail, json!({ "t": ticket_id })).await;
    assert_eq!(error_codes(&again), vec!["CONFLICT"], "{again}");
    let cancelled = eventually("the cancellation and the void", || async {
        let order = fulfilment(&system, &yuri, &order_id).await;
        let settled = order["payment"]["status"] == "VOIDED" && order["delivery"]["status"] == "CANCELLED";
        (order["status"] == "CANCELLED" && settled).then_some(order)
    })
    .await;
    assert_eq!(
        statuses(&cancelled["statusHistory"], "to"),
        ["PENDING", "CONFIRMED", "CANCELLED"]
    );
    assert_eq!(yuri.wallet(&system).await, (3 * price, 0));
}
