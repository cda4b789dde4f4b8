//! The automated kitchen's clock. Each tick finishes the items that are due (a ticket whose
//! items are all done is READY), then fills each unpaused station's free slots with the
//! waiting items of the highest-priority, oldest tickets (a ticket's first started item makes
//! it PREPARING). All state is in the database and every change is conditional, so a restart
//! resumes where it stopped and two processes never move a ticket twice.

use crate::domain::{real_time, TicketStatus};
use crate::store;
use crate::tickets::{announce, change, estimate, Kitchen};
use chrono::{DateTime, Utc};
use vitrine_kit::contracts::KitchenTicketChanged;
use vitrine_kit::time::to_db;

/// Runs `step` every `kitchen.sim.tick` for as long as the process lives.
pub fn spawn(kitchen: Kitchen) {
    let tick = kitchen.sim.tick;
    vitrine_kit::background::every("kitchen tick", tick, move || {
        let kitchen = kitchen.clone();
        async move {
            if step(&kitchen, store::now()).await? > 0 {
                kitchen.outbox.wake();
            }
            Ok(())
        }
    });
}

/// One tick at `now`; returns how many ticket changes it announced. A ticket or station that
/// fails is logged and left for the next tick, so one bad row never stops the kitchen.
pub async fn step(kitchen: &Kitchen, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let mut announced = 0;
    for ticket_id in store::tickets_with_due_items(kitchen.db.pool(), now).await? {
        match finish_due(kitchen, &ticket_id, now).await {
            Ok(ready) => announced += usize::from(ready),
            Err(err) => tracing::warn!(ticket_id, error = format!("{err:#}"), "finishing items failed"),
        }
    }
    // A look without locks first: most ticks, most stations have nothing to start.
    for load in store::station_loads(kitchen.db.pool()).await? {
        let station = load.station;
        if station.paused || load.queued == 0 || load.busy >= station.capacity {
            continue;
        }
        match fill(kitchen, &station.name, now).await {
            Ok(started) => announced += started,
            Err(err) => tracing::warn!(
                station = station.name,
                error = format!("{err:#}"),
                "starting items failed"
            ),
        }
    }
    Ok(announced)
}

/// The ticket's due items are DONE; with nothing left to make, the ticket is READY. True when
/// it became READY.
async fn finish_due(kitchen: &Kitchen, ticket_id: &str, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let mut tx = kitchen.db.begin_write().await?;
    store::finish_due_items(&mut *tx, ticket_id, now).await?;
    let mut ready = false;
    if store::unfinished_items(&mut *tx, ticket_id).await? == 0
        && store::mark_ready(&mut *tx, ticket_id, now).await?
    {
        let ticket = store::ticket_by_id(&mut *tx, ticket_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("ticket {ticket_id} vanished"))?;
        announce(&mut tx, &change(&ticket, TicketStatus::Ready, now)).await?;
        ready = true;
    }
    tx.commit().await?;
    Ok(ready)
}

/// Starts waiting items at `station` while it has free slots, in one transaction that holds
/// the station, so no other process hands out the same slot. Returns how many tickets started.
async fn fill(kitchen: &Kitchen, station: &str, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let mut tx = kitchen.db.begin_write().await?;
    // Read again under the lock: it may have been paused since the caller looked.
    let Some(station) = store::lock_station(&mut tx, station).await? else {
        return Ok(0);
    };
    let free = station.capacity - store::busy_at(&mut *tx, &station.name).await?;
    if station.paused || free <= 0 {
        return Ok(0);
    }
    let mut started = 0;
    for item in store::next_items(&mut *tx, &station.name, free).await? {
        let due_at = store::truncate(now + real_time(&kitchen.sim, item.prep_seconds as f64));
        if !store::start_item(&mut *tx, &item, now, due_at).await? {
            continue;
        }
        let Some(ticket) = store::ticket_by_id(&mut *tx, &item.ticket_id).await? else {
            continue;
        };
        if ticket.status != TicketStatus::Queued {
            continue;
        }
        let items = store::items_of_ticket(&mut *tx, &ticket.ticket_id).await?;
        let ready_by = estimate(&mut tx, &kitchen.sim, &ticket.ticket_id, &items, now).await?;
        if store::start_ticket(&mut *tx, &ticket.ticket_id, now, ready_by).await? {
            let preparing = KitchenTicketChanged {
                ready_by: Some(to_db(ready_by)),
                ..change(&ticket, TicketStatus::Preparing, now)
            };
            announce(&mut tx, &preparing).await?;
            started += 1;
        }
    }
    tx.commit().await?;
    Ok(started)
}
