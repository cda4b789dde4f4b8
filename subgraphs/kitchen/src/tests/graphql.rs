//! The schema as the router calls it: identities, error codes and the federated `Order`.

use super::{order, seconds, TestKitchen, CUSTOMER};
use crate::store;
use serde_json::{json, Value};
use vitrine_kit::identity::{Identity, Role};

fn staff() -> Identity {
    Identity::new("cus_kitchen_staff", vec![Role::Kitchen])
}

/// `data` as JSON, or the first error's `extensions.code`.
async fn run(k: &TestKitchen, who: Identity, query: &str) -> Result<Value, String> {
    let schema = crate::graphql::schema(Some((k.kitchen.clone(), vitrine_kit::events::EventBus::new())));
    vitrine_kit::testkit::run_as(&schema, &who, query, json!({})).await
}

#[tokio::test]
async fn failing_an_unknown_ticket_is_not_found_and_a_ready_one_a_conflict() {
    let k = TestKitchen::new().await;
    let unknown = r#"mutation { failTicket(ticketId: "tkt_nope", reason: "burnt") { id } }"#;
    assert_eq!(run(&k, staff(), unknown).await, Err("NOT_FOUND".into()));

    let ticket = k.confirm(&order(&[("lemonade", 1)])).await.unwrap();
    let t0 = store::now();
    k.step(t0).await;
    k.step(t0 + seconds(120)).await;
    assert_eq!(k.ticket(&ticket.ticket_id).await.status.as_str(), "READY");
    let fail = format!(
        r#"mutation {{ failTicket(ticketId: "{}", reason: "burnt") {{ id }} }}"#,
        ticket.ticket_id
    );
    assert_eq!(run(&k, staff(), &fail).await, Err("CONFLICT".into()));
    let bump = format!(
        r#"mutation {{ bumpTicket(ticketId: "{}") {{ id }} }}"#,
        ticket.ticket_id
    );
    assert_eq!(run(&k, staff(), &bump).await, Err("CONFLICT".into()));
}

#[tokio::test]
async fn failing_a_ticket_needs_a_reason_and_records_it() {
    let k = TestKitchen::new().await;
    let ticket = k.confirm(&order(&[("poke-salmon", 1)])).await.unwrap();
    let fail = |reason: &str| {
        format!(
            r#"mutation {{ failTicket(ticketId: "{}", reason: "{reason}") {{ status reason }} }}"#,
            ticket.ticket_id
        )
    };
    assert_eq!(run(&k, staff(), &fail("  ")).await, Err("BAD_USER_INPUT".into()));
    assert_eq!(
        run(&k, staff(), &fail("no salmon")).await,
        Ok(json!({ "failTicket": { "status": "FAILED", "reason": "no salmon" } }))
    );
}

#[tokio::test]
async fn only_kitchen_staff_and_admins_see_the_queue() {
    let k = TestKitchen::new().await;
    let query = "{ kitchenQueue { id } }";
    assert_eq!(
        run(&k, Identity::anonymous(), query).await,
        Err("UNAUTHENTICATED".into())
    );
    assert_eq!(
        run(&k, Identity::customer(CUSTOMER), query).await,
        Err("FORBIDDEN".into())
    );
    let admin = Identity::new("cus_admin", vec![Role::Admin]);
    assert_eq!(run(&k, admin, query).await, Ok(json!({ "kitchenQueue": [] })));
    let stations = run(&k, Identity::customer(CUSTOMER), "{ kitchenStations { name } }").await;
    assert_eq!(stations, Err("FORBIDDEN".into()));
}

#[tokio::test]
async fn the_queue_lists_open_tickets_in_work_order_with_their_items() {
    let k = TestKitchen::new().await;
    let older = k
        .confirm(&order(&[("burger-double", 1), ("fries", 2)]))
        .await
        .unwrap();
    let bumped = k.confirm(&order(&[("salad-caesar", 1)])).await.unwrap();
    let ready = k.confirm(&order(&[("lemonade", 1)])).await.unwrap();
    k.kitchen.bump(&bumped.ticket_id).await.unwrap();
    let t0 = store::now();
    k.step(t0).await;
    k.step(t0 + seconds(120)).await;

    let query = "{ kitchenQueue { id status priority items { productId quantity station status } } }";
    let data = run(&k, staff(), query).await.unwrap();
    let ids: Vec<_> = data["kitchenQueue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, [bumped.ticket_id.clone(), older.ticket_id.clone()]);
    let items = &data["kitchenQueue"][1]["items"];
    assert_eq!(items.as_array().unwrap().len(), 2);
    assert_eq!(items[1]["quantity"], json!(2));
    assert_eq!(items[1]["station"], json!("GRILL"));

    let done = format!(
        r#"{{ kitchenQueue(statuses: [READY]) {{ id }} kitchenTicket(id: "{}") {{ status }} }}"#,
        ready.ticket_id
    );
    assert_eq!(
        run(&k, staff(), &done).await,
        Ok(json!({ "kitchenQueue": [{ "id": ready.ticket_id }], "kitchenTicket": { "status": "READY" } }))
    );
    let unknown = r#"{ kitchenTicket(id: "tkt_nope") { id } }"#;
    assert_eq!(run(&k, staff(), unknown).await, Err("NOT_FOUND".into()));
}

#[tokio::test]
async fn stations_show_their_load_and_can_be_paused() {
    let k = TestKitchen::new().await;
    for _ in 0..3 {
        k.confirm(&order(&[("pizza-bbq-chicken", 1)])).await.unwrap();
    }
    k.step(store::now()).await;
    let data = run(
        &k,
        staff(),
        "{ kitchenStations { name capacity paused busy queued } }",
    )
    .await
    .unwrap();
    let oven = data["kitchenStations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "OVEN")
        .unwrap()
        .clone();
    assert_eq!(
        oven,
        json!({ "name": "OVEN", "capacity": 2, "paused": false, "busy": 2, "queued": 1 })
    );

    let pause = r#"mutation { pauseStation(name: "BAR", paused: true) { name paused } }"#;
    assert_eq!(
        run(&k, staff(), pause).await,
        Ok(json!({ "pauseStation": { "name": "BAR", "paused": true } }))
    );
    let unknown = r#"mutation { pauseStation(name: "WOK", paused: true) { name } }"#;
    assert_eq!(run(&k, staff(), unknown).await, Err("NOT_FOUND".into()));
}

#[tokio::test]
async fn recipes_need_a_known_station_and_a_positive_time() {
    let k = TestKitchen::new().await;
    let set = |station: &str, seconds: i64| {
        format!(
            r#"mutation {{ setRecipe(productId: "prd_new", station: "{station}", prepSeconds: {seconds})
                {{ productId station prepSeconds }} }}"#
        )
    };
    assert_eq!(
        run(&k, staff(), &set("WOK", 60)).await,
        Err("BAD_USER_INPUT".into())
    );
    assert_eq!(
        run(&k, staff(), &set("GRILL", 0)).await,
        Err("BAD_USER_INPUT".into())
    );
    assert_eq!(
        run(&k, Identity::customer(CUSTOMER), &set("GRILL", 60)).await,
        Err("FORBIDDEN".into())
    );
    assert_eq!(
        run(&k, staff(), &set("GRILL", 60)).await,
        Ok(json!({ "setRecipe": { "productId": "prd_new", "station": "GRILL", "prepSeconds": 60 } }))
    );

    // A bottled drink given a recipe is prepared from now on.
    let cola = vitrine_kit::demo::product_id("cola-05");
    let query = format!(
        r#"mutation {{ setRecipe(productId: "{cola}", station: "bar", prepSeconds: 30) {{ station }} }}"#
    );
    run(&k, staff(), &query).await.unwrap();
    let ticket = k.confirm(&order(&[("cola-05", 1)])).await.unwrap();
    assert_eq!(k.items(&ticket.ticket_id).await[0].prep_seconds, 30);

    // A variant's own recipe is set, then replaced; the estimate for that size follows it.
    let margherita = vitrine_kit::demo::product_id("pizza-margherita");
    let small = vitrine_kit::demo::variant_id("pizza-margherita", "25");
    for seconds in [200, 250] {
        let set_small = format!(
            r#"mutation {{ setRecipe(productId: "{margherita}", variantId: "{small}", station: "OVEN", prepSeconds: {seconds}) {{ variantId prepSeconds }} }}"#
        );
        assert_eq!(
            run(&k, staff(), &set_small).await,
            Ok(json!({ "setRecipe": { "variantId": small, "prepSeconds": seconds } }))
        );
        let estimate = format!(
            r#"{{ prepEstimate(lines: [{{ productId: "{margherita}", variantId: "{small}" }}]) {{ readyInSeconds }} }}"#
        );
        let ready = run(&k, Identity::service("orders"), &estimate).await.unwrap()["prepEstimate"]
            ["readyInSeconds"]
            .as_i64()
            .unwrap();
        assert!((seconds - 1..=seconds).contains(&ready), "{ready}");
    }
}

#[tokio::test]
async fn an_orders_ticket_is_shown_to_its_customer_and_staff_only() {
    let k = TestKitchen::new().await;
    let with_food = order(&[("roll-california", 1)]);
    let ticket = k.confirm(&with_food).await.unwrap();
    let without = order(&[("water-05", 1)]);
    k.confirm(&without).await;
    let query = format!(
        r#"{{ _entities(representations: [
            {{ __typename: "Order", id: "{}" }}, {{ __typename: "Order", id: "{}" }}
        ]) {{ ... on Order {{ id kitchenTicket {{ id status items {{ station }} }} }} }} }}"#,
        with_food.order_id, without.order_id
    );
    let expected = json!({ "_entities": [
        { "id": with_food.order_id, "kitchenTicket": {
            "id": ticket.ticket_id, "status": "QUEUED", "items": [{ "station": "COLD" }] } },
        { "id": without.order_id, "kitchenTicket": null },
    ] });
    assert_eq!(
        run(&k, Identity::customer(CUSTOMER), &query).await,
        Ok(expected.clone())
    );
    assert_eq!(run(&k, staff(), &query).await, Ok(expected.clone()));
    assert_eq!(run(&k, Identity::service("orders"), &query).await, Ok(expected));

    let hidden = json!({ "_entities": [
        { "id": with_food.order_id, "kitchenTicket": null },
        { "id": without.order_id, "kitchenTicket": null },
    ] });
    assert_eq!(
        run(&k, Identity::customer("cus_someone_else"), &query).await,
        Ok(hidden.clone())
    );
    assert_eq!(run(&k, Identity::anonymous(), &query).await, Ok(hidden));
}

#[test]
fn the_sdl_extends_order_with_the_kitchen_ticket() {
    let sdl = crate::sdl();
    assert!(sdl.contains(r#"type Order @key(fields: "id")"#), "{sdl}");
    for expected in [
        "kitchenTicket: KitchenTicket",
        "kitchenQueue(statuses: [TicketStatus!]): [KitchenTicket!]!",
        "kitchenTicket(id: ID!): KitchenTicket\n",
        "kitchenStations: [KitchenStation!]!",
        "failTicket(ticketId: ID!, reason: String!): KitchenTicket!",
        "bumpTicket(ticketId: ID!): KitchenTicket!",
        "pauseStation(name: String!, paused: Boolean!): KitchenStation!",
    ] {
        assert!(sdl.contains(expected), "missing {expected} in {sdl}");
    }
}

#[tokio::test]
async fn staff_complete_a_preparing_ticket_by_hand_and_it_is_announced_ready() {
    let k = TestKitchen::new().await;
    let ticket = k.confirm(&order(&[("poke-salmon", 2)])).await.unwrap();
    let complete = format!(
        r#"mutation {{ completeTicket(ticketId: "{}") {{ status readyAt items {{ status }} }} }}"#,
        ticket.ticket_id
    );
    // Not started yet: nothing to finish.
    assert_eq!(run(&k, staff(), &complete).await, Err("CONFLICT".into()));
    assert_eq!(
        run(&k, Identity::customer(CUSTOMER), &complete).await,
        Err("FORBIDDEN".into())
    );

    k.step(store::now()).await;
    assert_eq!(k.ticket(&ticket.ticket_id).await.status.as_str(), "PREPARING");
    let done = run(&k, staff(), &complete).await.unwrap();
    assert_eq!(done["completeTicket"]["status"], "READY");
    assert!(done["completeTicket"]["readyAt"].is_string());
    assert!(done["completeTicket"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|item| item["status"] == "DONE"));
    assert_eq!(
        k.statuses_announced(&ticket.order_id).await,
        ["QUEUED", "PREPARING", "READY"]
    );
    // Once READY, it cannot be completed again.
    assert_eq!(run(&k, staff(), &complete).await, Err("CONFLICT".into()));
    let unknown = r#"mutation { completeTicket(ticketId: "tkt_nope") { id } }"#;
    assert_eq!(run(&k, staff(), unknown).await, Err("NOT_FOUND".into()));
}

#[tokio::test]
async fn the_prep_estimate_waits_behind_the_queue_and_is_for_checkout_only() {
    let k = TestKitchen::new().await;
    let checkout = Identity::service("orders");
    let margherita = vitrine_kit::demo::product_id("pizza-margherita");
    let estimate = |product: &str| {
        format!("{{ prepEstimate(lines: [{{ productId: \"{product}\" }}]) {{ readyInSeconds }} }}")
    };
    let seconds_for = |data: Value| data["prepEstimate"]["readyInSeconds"].as_i64().unwrap();

    // An empty kitchen: the pizza's own 600 s (time scale 1).
    let alone = seconds_for(run(&k, checkout.clone(), &estimate(&margherita)).await.unwrap());
    assert!((599..=600).contains(&alone), "{alone}");
    // The 35 cm size has a recipe of its own (130 %); a size without one uses the pizza's.
    let sized = |variant: &str| {
        let id = vitrine_kit::demo::variant_id("pizza-margherita", variant);
        format!(
            "{{ prepEstimate(lines: [{{ productId: \"{margherita}\", variantId: \"{id}\" }}]) {{ readyInSeconds }} }}"
        )
    };
    let large = seconds_for(run(&k, checkout.clone(), &sized("35")).await.unwrap());
    assert!((779..=780).contains(&large), "{large}");
    let default = seconds_for(run(&k, checkout.clone(), &sized("30")).await.unwrap());
    assert!((599..=600).contains(&default), "{default}");
    // Nothing to cook: ready now.
    let nothing = seconds_for(
        run(&k, checkout.clone(), &estimate("prd_no_recipe"))
            .await
            .unwrap(),
    );
    assert_eq!(nothing, 0);

    // Four pizzas queued at the two-slot oven: 2 400 s of work ahead, 1 200 s per slot.
    for _ in 0..4 {
        k.confirm(&order(&[("pizza-margherita", 1)])).await.unwrap();
    }
    let behind = seconds_for(run(&k, checkout, &estimate(&margherita)).await.unwrap());
    assert!((1_799..=1_800).contains(&behind), "{behind}");

    assert_eq!(
        run(&k, Identity::customer(CUSTOMER), &estimate(&margherita)).await,
        Err("FORBIDDEN".into())
    );
    let many: Vec<String> = (0..201)
        .map(|_| format!("{{ productId: \"{margherita}\" }}"))
        .collect();
    let too_many = format!("{{ prepEstimate(lines: [{}]) {{ readyAt }} }}", many.join(", "));
    assert_eq!(
        run(&k, Identity::service("orders"), &too_many).await,
        Err("BAD_USER_INPUT".into())
    );
}
