use super::TestDispatcher;
use crate::domain::{DeliveryStatus, StopKind};
use crate::store;
use vitrine_kit::time::now;

const SHOP: (f64, f64) = (43.2396, 76.9286);
const DOOR: (f64, f64) = (43.2380, 76.9450);

#[tokio::test]
async fn the_courier_that_reaches_the_door_soonest_gets_it_until_it_is_full() {
    let d = TestDispatcher::new().await;
    d.courier("near", (43.2390, 76.9300), 1).await;
    d.courier("far", (43.3000, 77.0500), 1).await;
    let first = d.ready("ord_1", SHOP, DOOR).await;
    assert_eq!(d.dispatch(now()).await.unwrap(), 1);
    let assigned = d.delivery(&first).await;
    assert_eq!(assigned.status, DeliveryStatus::Assigned);
    assert_eq!(assigned.courier_id.as_deref(), Some("near"));
    assert!(assigned.eta_at.is_some() && assigned.route_m.unwrap() > 0.0);

    // "near" is full: the next one goes to "far"; a third waits for room.
    let second = d.ready("ord_2", SHOP, DOOR).await;
    let third = d.ready("ord_3", SHOP, DOOR).await;
    assert_eq!(d.dispatch(now()).await.unwrap(), 1);
    assert_eq!(d.delivery(&second).await.courier_id.as_deref(), Some("far"));
    assert_eq!(d.delivery(&third).await.status, DeliveryStatus::Ready);

    // The route: pickup, then the door, legs adding up to the distance to the drop.
    let route = store::route(&d.db, "near").await.unwrap();
    let kinds: Vec<_> = route.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [StopKind::Pickup, StopKind::Drop]);
    let legs: f64 = route.iter().map(|s| s.leg_m).sum();
    assert!((legs - assigned.route_m.unwrap()).abs() < 1e-6);
}

#[tokio::test]
async fn driving_picks_up_then_hands_over_and_empties_the_route() {
    let d = TestDispatcher::new().await;
    d.courier("solo", (43.2390, 76.9300), 2).await;
    let id = d.ready("ord_1", SHOP, DOOR).await;
    d.dispatch(now()).await.unwrap();
    let solo = store::courier(&d.db, "solo").await.unwrap().unwrap();
    // Not far enough to reach the shop: still ASSIGNED, but closer.
    d.drive(&solo, 10.0, false, now()).await.unwrap();
    assert_eq!(d.delivery(&id).await.status, DeliveryStatus::Assigned);
    let moved = store::courier(&d.db, "solo").await.unwrap().unwrap();
    assert!(moved.latitude != solo.latitude || moved.longitude != solo.longitude);
    // Far enough for both stops.
    assert!(d.drive(&moved, 50_000.0, false, now()).await.unwrap());
    let done = d.delivery(&id).await;
    assert_eq!(done.status, DeliveryStatus::Delivered);
    let at = store::courier(&d.db, "solo").await.unwrap().unwrap();
    assert!((at.latitude - DOOR.0).abs() < 1e-9 && (at.longitude - DOOR.1).abs() < 1e-9);
    assert!(store::route(&d.db, "solo").await.unwrap().is_empty());
    let history: Vec<_> = store::events_of(&d.db, &[id])
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.status)
        .collect();
    let expected = [
        DeliveryStatus::Assigned,
        DeliveryStatus::PickedUp,
        DeliveryStatus::Delivered,
    ];
    assert_eq!(history, expected);
}
