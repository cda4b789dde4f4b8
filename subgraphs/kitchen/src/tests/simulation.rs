//! The simulation driven by hand: each test moves the clock and calls `step`.

use super::{order, seconds, TestKitchen};
use crate::domain::{ItemStatus, TicketStatus};
use crate::store;

/// (busy, queued) at `station`.
async fn load(k: &TestKitchen, station: &str) -> (i64, i64) {
    let loads = store::station_loads(&k.kitchen.db).await.unwrap();
    let load = loads.iter().find(|l| l.station.name == station).unwrap();
    (load.busy, load.queued)
}

#[tokio::test]
async fn a_station_never_works_on_more_items_than_its_capacity() {
    let k = TestKitchen::new().await;
    let mut tickets = Vec::new();
    for _ in 0..5 {
        tickets.push(k.confirm(&order(&[("pizza-margherita", 1)])).await.unwrap());
    }
    let t0 = store::now();
    // Two ticks at once, as two processes would run them: neither hands out a slot the other did.
    tokio::join!(k.step(t0), k.step(t0));
    k.step(t0 + seconds(1)).await;
    assert_eq!(
        load(&k, "OVEN").await,
        (2, 3),
        "the oven takes two pizzas at a time"
    );
    let statuses: Vec<_> = futures::future::join_all(tickets.iter().map(|t| k.ticket(&t.ticket_id)))
        .await
        .into_iter()
        .map(|t| t.status)
        .collect();
    use TicketStatus::*;
    assert_eq!(
        statuses,
        [Preparing, Preparing, Queued, Queued, Queued],
        "oldest first"
    );

    // The first two come out together and the next two go in, still two at a time.
    k.step(t0 + seconds(600)).await;
    assert_eq!(load(&k, "OVEN").await, (2, 1));
    assert_eq!(k.ticket(&tickets[0].ticket_id).await.status, Ready);
    assert_eq!(k.ticket(&tickets[2].ticket_id).await.status, Preparing);
    for minutes in [20, 30, 40] {
        k.step(t0 + seconds(60 * minutes)).await;
        assert!(load(&k, "OVEN").await.0 <= 2);
    }
    for ticket in &tickets {
        assert_eq!(k.ticket(&ticket.ticket_id).await.status, Ready);
    }
}

#[tokio::test]
async fn a_bumped_ticket_goes_first() {
    let k = TestKitchen::new().await;
    // The pastry station makes one dessert at a time.
    let first = k.confirm(&order(&[("cheesecake", 1)])).await.unwrap();
    let second = k.confirm(&order(&[("tiramisu", 1)])).await.unwrap();
    let urgent = k.confirm(&order(&[("baursaks", 1)])).await.unwrap();
    let bumped = k.kitchen.bump(&urgent.ticket_id).await.unwrap();
    assert_eq!(bumped.priority, 1);

    let t0 = store::now();
    k.step(t0).await;
    assert_eq!(k.ticket(&urgent.ticket_id).await.status, TicketStatus::Preparing);
    assert_eq!(k.ticket(&first.ticket_id).await.status, TicketStatus::Queued);
    assert_eq!(k.ticket(&second.ticket_id).await.status, TicketStatus::Queued);

    k.step(t0 + seconds(240)).await;
    assert_eq!(k.ticket(&urgent.ticket_id).await.status, TicketStatus::Ready);
    assert_eq!(
        k.ticket(&first.ticket_id).await.status,
        TicketStatus::Preparing,
        "then the oldest"
    );
}

#[tokio::test]
async fn a_paused_station_starts_nothing_until_resumed() {
    let k = TestKitchen::new().await;
    let paused = k.kitchen.pause_station("oven", true).await.unwrap();
    assert!(paused.station.paused);
    let ticket = k.confirm(&order(&[("pizza-pepperoni", 2)])).await.unwrap();

    let t0 = store::now();
    k.step(t0).await;
    k.step(t0 + seconds(3600)).await;
    assert_eq!(k.ticket(&ticket.ticket_id).await.status, TicketStatus::Queued);
    assert_eq!(load(&k, "OVEN").await, (0, 1));

    k.kitchen.pause_station("OVEN", false).await.unwrap();
    k.step(t0 + seconds(3601)).await;
    assert_eq!(k.ticket(&ticket.ticket_id).await.status, TicketStatus::Preparing);
}

#[tokio::test]
async fn a_ticket_is_ready_once_all_its_items_are_done() {
    let k = TestKitchen::new().await;
    let placed = order(&[("pizza-kazy", 1), ("lemonade", 2), ("cola-05", 1)]);
    let ticket = k.confirm(&placed).await.unwrap();
    let items = k.items(&ticket.ticket_id).await;
    let stations: Vec<_> = items.iter().map(|i| (i.station.as_str(), i.quantity)).collect();
    assert_eq!(
        stations,
        [("OVEN", 1), ("BAR", 2)],
        "bottled cola needs no preparing"
    );

    let t0 = store::now();
    k.step(t0).await;
    let started = k.ticket(&ticket.ticket_id).await;
    assert_eq!(started.status, TicketStatus::Preparing);
    assert_eq!(started.started_at, Some(t0));
    assert_eq!(
        started.ready_by,
        Some(t0 + seconds(600)),
        "when the pizza comes out"
    );

    k.step(t0 + seconds(120)).await;
    let items = k.items(&ticket.ticket_id).await;
    assert_eq!(items[1].status, ItemStatus::Done, "the lemonade");
    assert_eq!(items[0].status, ItemStatus::Preparing, "the pizza");
    assert_eq!(k.ticket(&ticket.ticket_id).await.status, TicketStatus::Preparing);

    k.step(t0 + seconds(600)).await;
    let ready = k.ticket(&ticket.ticket_id).await;
    assert_eq!(ready.status, TicketStatus::Ready);
    assert_eq!(ready.ready_at, Some(t0 + seconds(600)));

    let announced = k.announced(&placed.order_id).await;
    let statuses: Vec<_> = announced
        .iter()
        .map(|c| vitrine_kit::contracts::status::wire_name(c.status))
        .collect();
    assert_eq!(statuses, ["QUEUED", "PREPARING", "READY"]);
    assert!(announced[0].ready_by.is_some() && announced[1].ready_by.is_some());
    assert_eq!(announced[2].ready_by, None);
    assert!(announced
        .iter()
        .all(|c| c.ticket_id.as_deref() == Some(ticket.ticket_id.as_str())));

    // Nothing more happens to it.
    assert_eq!(k.step(t0 + seconds(6000)).await, 0);
}

#[tokio::test]
async fn an_order_with_nothing_to_prepare_is_skipped_without_a_ticket() {
    let k = TestKitchen::new().await;
    let placed = order(&[("cola-05", 2), ("iphone-15", 1)]);
    assert_eq!(k.confirm(&placed).await, None);
    let announced = k.announced(&placed.order_id).await;
    assert_eq!(announced.len(), 1);
    assert_eq!(
        announced[0].status,
        vitrine_kit::contracts::status::Ticket::Skipped
    );
    assert_eq!(announced[0].ticket_id, None);
    assert_eq!(announced[0].customer_id, placed.customer_id);
}

#[tokio::test]
async fn a_redelivered_order_confirmation_makes_no_second_ticket() {
    let k = TestKitchen::new().await;
    let placed = order(&[("burger-classic", 1)]);
    let event = TestKitchen::confirmed(&placed);
    k.deliver(&event).await;
    k.deliver(&event).await;
    // Even under another event id (say, orders confirmed twice), one order has one ticket.
    k.deliver(&TestKitchen::confirmed(&placed)).await;
    let tickets = store::tickets_by_order_ids(&k.kitchen.db, std::slice::from_ref(&placed.order_id))
        .await
        .unwrap();
    assert_eq!(tickets.len(), 1);
    assert_eq!(k.statuses_announced(&placed.order_id).await, ["QUEUED"]);
}

#[tokio::test]
async fn a_cancelled_order_frees_its_station_for_the_next_ticket() {
    let k = TestKitchen::new().await;
    let cancelled = order(&[("cheesecake", 1)]);
    let ticket = k.confirm(&cancelled).await.unwrap();
    let next = k.confirm(&order(&[("tiramisu", 1)])).await.unwrap();
    let t0 = store::now();
    k.step(t0).await;
    assert_eq!(k.ticket(&ticket.ticket_id).await.status, TicketStatus::Preparing);

    k.cancel(&cancelled).await;
    let ended = k.ticket(&ticket.ticket_id).await;
    assert_eq!(ended.status, TicketStatus::Cancelled);
    assert_eq!(ended.reason.as_deref(), Some("changed my mind"));
    k.step(t0 + seconds(1)).await;
    assert_eq!(k.ticket(&next.ticket_id).await.status, TicketStatus::Preparing);

    // The cancelled cheesecake's due time passes without reviving its ticket.
    k.step(t0 + seconds(240)).await;
    assert_eq!(k.ticket(&ticket.ticket_id).await.status, TicketStatus::Cancelled);
    let announced = k.statuses_announced(&cancelled.order_id).await;
    assert_eq!(announced, ["QUEUED", "PREPARING", "CANCELLED"]);
}

#[tokio::test]
async fn a_failed_ticket_is_not_cancelled_again() {
    let k = TestKitchen::new().await;
    let placed = order(&[("salad-greek", 1)]);
    let ticket = k.confirm(&placed).await.unwrap();
    k.kitchen.fail(&ticket.ticket_id, "out of feta").await.unwrap();
    k.cancel(&placed).await;
    assert_eq!(k.ticket(&ticket.ticket_id).await.status, TicketStatus::Failed);
    let announced = k.announced(&placed.order_id).await;
    let statuses: Vec<_> = announced
        .iter()
        .map(|c| vitrine_kit::contracts::status::wire_name(c.status))
        .collect();
    assert_eq!(statuses, ["QUEUED", "FAILED"]);
    assert_eq!(announced[1].reason.as_deref(), Some("out of feta"));
}

#[tokio::test]
async fn a_second_kitchen_on_the_same_database_carries_on_where_the_first_stopped() {
    let k = TestKitchen::new().await;
    let ticket = k.confirm(&order(&[("roll-dragon", 1)])).await.unwrap();
    let t0 = store::now();
    k.step(t0).await;
    // Another process (or this one restarted) sees the same state and finishes the work,
    // without starting the item twice.
    let restarted = crate::tickets::Kitchen {
        db: k.kitchen.db.clone(),
        outbox: k.kitchen.outbox.clone(),
        sim: k.kitchen.sim.clone(),
    };
    crate::simulation::step(&restarted, t0 + seconds(1))
        .await
        .unwrap();
    assert_eq!(k.items(&ticket.ticket_id).await[0].started_at, Some(t0));
    crate::simulation::step(&restarted, t0 + seconds(480))
        .await
        .unwrap();
    assert_eq!(k.ticket(&ticket.ticket_id).await.status, TicketStatus::Ready);
}
