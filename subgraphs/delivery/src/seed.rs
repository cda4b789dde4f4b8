//! The demo fleet: simulated couriers around central Almaty, and the demo courier account's
//! own profile (off duty until it says otherwise). Never seeded when `VITRINE_ENV=production`.

use crate::domain::Vehicle;
use crate::store::{self, Courier};
use vitrine_kit::db::Db;
use vitrine_kit::ids::stable_id;
use vitrine_kit::time::now;

/// The demo account `courier@vitrine.kz` (accounts derives its id the same way).
pub fn demo_courier_account_id() -> String {
    stable_id("cus", "courier@vitrine.kz")
}

pub async fn seed_demo_couriers(db: &Db) -> anyhow::Result<()> {
    if std::env::var("VITRINE_ENV").is_ok_and(|v| v == "production") || store::count_couriers(db).await? > 0 {
        return Ok(());
    }
    let fleet = [
        ("aibek", "Aibek", Vehicle::Bicycle, 3, (43.2380, 76.9450)),
        ("madina", "Madina", Vehicle::Scooter, 4, (43.2220, 76.8510)),
        ("yerlan", "Yerlan", Vehicle::Car, 6, (43.2567, 76.9286)),
        ("zhanna", "Zhanna", Vehicle::Foot, 2, (43.2400, 76.9300)),
    ];
    let mut tx = db.begin_write().await?;
    for (slug, name, vehicle, capacity, (latitude, longitude)) in fleet {
        let courier = Courier {
            courier_id: stable_id("cou", slug),
            name: name.into(),
            vehicle,
            capacity,
            latitude,
            longitude,
            available: true,
            simulated: true,
        };
        store::upsert_courier(&mut *tx, &courier, now()).await?;
    }
    let kairat = Courier {
        courier_id: demo_courier_account_id(),
        name: "Kairat Courier".into(),
        vehicle: Vehicle::Bicycle,
        capacity: 3,
        latitude: 43.2396,
        longitude: 76.9286,
        available: false,
        simulated: false,
    };
    store::upsert_courier(&mut *tx, &kairat, now()).await?;
    tx.commit().await?;
    Ok(())
}
