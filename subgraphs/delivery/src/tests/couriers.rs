use super::TestDispatcher;
use crate::domain::DeliveryStatus;
use crate::store;
use serde_json::json;
use vitrine_kit::identity::{Identity, Role};
use vitrine_kit::time::now;

const SHOP: (f64, f64) = (43.2396, 76.9286);
const DOOR: (f64, f64) = (43.2380, 76.9450);

const REGISTER: &str =
    "mutation($n: String!, $c: Int!) { registerCourier(input: { name: $n, vehicle: BICYCLE, \
     capacity: $c, latitude: 43.239, longitude: 76.93 }) { id name capacity available } }";
const AVAILABLE: &str = "mutation($a: Boolean!) { setCourierAvailability(available: $a) { available } }";
const MOVE: &str =
    "mutation($la: Float!, $lo: Float!) { updateCourierLocation(latitude: $la, longitude: $lo) \
     { location { latitude longitude } } }";

fn courier(id: &str) -> Identity {
    Identity::new(id, vec![Role::Customer, Role::Courier])
}

#[tokio::test]
async fn a_courier_registers_off_duty_then_goes_on_duty_and_moves() {
    let d = TestDispatcher::new().await;
    let kairat = courier("cus_kairat");
    assert_eq!(
        d.run(&kairat, AVAILABLE, json!({ "a": true })).await.unwrap_err(),
        "NOT_FOUND"
    );
    let registered = d
        .run(&kairat, REGISTER, json!({ "n": " Kairat ", "c": 3 }))
        .await
        .unwrap();
    assert_eq!(
        registered["registerCourier"],
        json!({ "id": "cus_kairat", "name": "Kairat", "capacity": 3, "available": false })
    );
    let bad = json!({ "n": "Kairat", "c": 21 });
    assert_eq!(d.run(&kairat, REGISTER, bad).await.unwrap_err(), "BAD_USER_INPUT");
    let customer = Identity::customer("cus_1");
    assert_eq!(
        d.run(&customer, REGISTER, json!({ "n": "Eve", "c": 1 }))
            .await
            .unwrap_err(),
        "FORBIDDEN"
    );

    let on = d.run(&kairat, AVAILABLE, json!({ "a": true })).await.unwrap();
    assert_eq!(on["setCourierAvailability"]["available"], true);
    let moved = d
        .run(&kairat, MOVE, json!({ "la": 43.25, "lo": 76.95 }))
        .await
        .unwrap();
    assert_eq!(
        moved["updateCourierLocation"]["location"],
        json!({ "latitude": 43.25, "longitude": 76.95 })
    );
    let far = json!({ "la": 91.0, "lo": 0.0 });
    assert_eq!(d.run(&kairat, MOVE, far).await.unwrap_err(), "BAD_USER_INPUT");
}

#[tokio::test]
async fn only_the_assigned_courier_reports_and_only_in_order() {
    let d = TestDispatcher::new().await;
    let kairat = courier("cus_kairat");
    d.run(&kairat, REGISTER, json!({ "n": "Kairat", "c": 2 }))
        .await
        .unwrap();
    d.run(&kairat, AVAILABLE, json!({ "a": true })).await.unwrap();
    let id = d.ready("ord_1", SHOP, DOOR).await;
    assert_eq!(d.dispatch(now()).await.unwrap(), 1);
    assert_eq!(d.delivery(&id).await.courier_id.as_deref(), Some("cus_kairat"));

    let step = |field: &str| format!("mutation($d: ID!) {{ {field}(deliveryId: $d) {{ status }} }}");
    let vars = json!({ "d": id });
    let other = courier("cus_other");
    assert_eq!(
        d.run(&other, &step("pickUpDelivery"), vars.clone())
            .await
            .unwrap_err(),
        "FORBIDDEN"
    );
    let unknown = json!({ "d": "dlv_unknown" });
    assert_eq!(
        d.run(&kairat, &step("pickUpDelivery"), unknown)
            .await
            .unwrap_err(),
        "NOT_FOUND"
    );
    assert_eq!(
        d.run(&kairat, &step("completeDelivery"), vars.clone())
            .await
            .unwrap_err(),
        "CONFLICT"
    );
    let picked = d
        .run(&kairat, &step("pickUpDelivery"), vars.clone())
        .await
        .unwrap();
    assert_eq!(picked["pickUpDelivery"]["status"], "PICKED_UP");
    let fail = "mutation($d: ID!) { failDeliveryAttempt(deliveryId: $d, reason: \"no one home\") { status attempts } }";
    let failed = d.run(&kairat, fail, vars.clone()).await.unwrap();
    assert_eq!(
        failed["failDeliveryAttempt"],
        json!({ "status": "ATTEMPT_FAILED", "attempts": 1 })
    );
    let done = d.run(&kairat, &step("completeDelivery"), vars).await.unwrap();
    assert_eq!(done["completeDelivery"]["status"], "DELIVERED");
    assert_eq!(d.delivery(&id).await.status, DeliveryStatus::Delivered);
    assert!(store::route(&d.db, "cus_kairat").await.unwrap().is_empty());
}
