use super::*;

const PAGE: &str =
    "query($f: Int!, $a: String, $u: Boolean!) { myNotifications(first: $f, after: $a, unreadOnly: $u) \
     { notifications { id kind title body orderId topic read } nextCursor unreadCount } }";

async fn page(sys: &System, who: &str, first: i32, after: Option<&str>, unread_only: bool) -> Value {
    let data = sys
        .gql(
            &customer(who),
            PAGE,
            json!({ "f": first, "a": after, "u": unread_only }),
        )
        .await;
    data["myNotifications"].clone()
}

fn order_ids(page: &Value) -> Vec<String> {
    page["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["orderId"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn anonymous_callers_are_unauthenticated() {
    let sys = system().await;
    for query in [
        "{ myNotifications { unreadCount } }",
        "{ unreadNotificationCount }",
        "mutation { markAllNotificationsRead }",
        "{ myWebhooks { id } }",
    ] {
        assert_eq!(
            sys.gql_code(None, query, json!({})).await,
            "UNAUTHENTICATED",
            "{query}"
        );
    }
}

#[tokio::test]
async fn the_inbox_pages_newest_first_and_counts_unread() {
    let sys = system().await;
    for n in 1..=3 {
        sys.publish(&order_status(ALICE, &format!("ord_{n}"), "PENDING", "CONFIRMED"))
            .await;
    }
    sys.publish(&order_status(BOB, "ord_bob", "PENDING", "CONFIRMED"))
        .await;
    let first = page(&sys, ALICE, 2, None, false).await;
    assert_eq!(order_ids(&first), vec!["ord_3", "ord_2"]);
    assert_eq!(first["unreadCount"], json!(3));
    let notification = &first["notifications"][0];
    assert_eq!(notification["kind"], json!("ORDER_STATUS"));
    assert_eq!(notification["title"], json!("Order confirmed"));
    assert_eq!(notification["topic"], json!(ORDER_STATUS_CHANGED));
    assert_eq!(notification["read"], json!(false));
    assert_eq!(
        notification["body"],
        json!("Your order is confirmed and on its way to the kitchen.")
    );
    let cursor = first["nextCursor"].as_str().unwrap().to_string();
    let second = page(&sys, ALICE, 2, Some(&cursor), false).await;
    assert_eq!(order_ids(&second), vec!["ord_1"]);
    assert_eq!(second["nextCursor"], Value::Null);
    assert_eq!(
        sys.gql_code(Some(&customer(ALICE)), PAGE, json!({ "f": 0, "u": false }))
            .await,
        "BAD_USER_INPUT"
    );
}

#[tokio::test]
async fn marking_read_is_all_or_nothing_and_only_for_your_own() {
    let sys = system().await;
    sys.publish(&order_status(ALICE, "ord_1", "PENDING", "CONFIRMED"))
        .await;
    sys.publish(&order_status(ALICE, "ord_2", "PENDING", "CONFIRMED"))
        .await;
    sys.publish(&order_status(BOB, "ord_bob", "PENDING", "CONFIRMED"))
        .await;
    let ids = |p: &Value| -> Vec<String> {
        p["notifications"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_string())
            .collect()
    };
    let alice = ids(&page(&sys, ALICE, 10, None, false).await);
    let bob = ids(&page(&sys, BOB, 10, None, false).await);
    let mark = "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }";

    let mixed = json!({ "ids": [alice[0], bob[0]] });
    assert_eq!(
        sys.gql_code(Some(&customer(ALICE)), mark, mixed).await,
        "NOT_FOUND"
    );
    let count = "{ unreadNotificationCount }";
    assert_eq!(
        sys.gql(&customer(ALICE), count, json!({})).await["unreadNotificationCount"],
        json!(2),
        "nothing changed"
    );

    let own = json!({ "ids": [alice[0], alice[0]] });
    assert_eq!(
        sys.gql(&customer(ALICE), mark, own.clone()).await["markNotificationsRead"],
        json!(1)
    );
    assert_eq!(
        sys.gql(&customer(ALICE), mark, own).await["markNotificationsRead"],
        json!(0),
        "already read"
    );
    let unread = page(&sys, ALICE, 10, None, true).await;
    assert_eq!(ids(&unread), vec![alice[1].clone()]);
    assert_eq!(unread["unreadCount"], json!(1));

    let all = "mutation { markAllNotificationsRead }";
    assert_eq!(
        sys.gql(&customer(ALICE), all, json!({})).await["markAllNotificationsRead"],
        json!(1)
    );
    assert_eq!(
        sys.gql(&customer(ALICE), count, json!({})).await["unreadNotificationCount"],
        json!(0)
    );
    assert_eq!(
        sys.gql(&customer(BOB), count, json!({})).await["unreadNotificationCount"],
        json!(1),
        "Bob's stay unread"
    );
}

#[test]
fn the_sdl_has_the_inbox_and_webhooks() {
    let sdl = crate::sdl();
    for field in [
        "myNotifications(",
        "unreadNotificationCount: Int!",
        "markNotificationsRead(ids: [ID!]!): Int!",
        "markAllNotificationsRead: Int!",
        "registerWebhook(url: String!, topics: [String!]): WebhookRegistration!",
        "myWebhooks: [Webhook!]!",
        "removeWebhook(id: ID!): Boolean!",
        "webhookDeliveries(",
        "pingWebhook(id: ID!): WebhookAttempt!",
    ] {
        assert!(sdl.contains(field), "{field} missing from\n{sdl}");
    }
}
