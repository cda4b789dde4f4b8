//! The registry on a real NATS server (`VITRINE_TEST_NATS_URL`, default the local one), each
//! test in a bucket of its own that it deletes at the end.

use super::*;
use std::time::Instant;

struct Scratch {
    jetstream: jetstream::Context,
    namespace: String,
    store: Bucket,
}

impl Scratch {
    async fn new() -> Scratch {
        let url = std::env::var("VITRINE_TEST_NATS_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| "nats://127.0.0.1:4222".into());
        let namespace = format!("t{}", uuid::Uuid::new_v4().simple());
        let (jetstream, store) = connect(&url, &namespace)
            .await
            .expect("a NATS server with JetStream for the registry tests");
        Scratch {
            jetstream,
            namespace,
            store,
        }
    }

    async fn register(&self, name: &str) -> (InstanceRecord, Registration) {
        let record = InstanceRecord::new(
            name,
            "http://127.0.0.1:1/graphql",
            format!("type Query {{ {name}: Int }}"),
            "test",
        );
        let registration = Registration::start(self.store.clone(), &record).await.unwrap();
        (record, registration)
    }

    async fn delete(self) {
        for bucket in [bucket_name(&self.namespace), schemas_bucket_name(&self.namespace)] {
            self.jetstream.delete_key_value(bucket).await.unwrap();
        }
    }
}

/// Waits up to `limit` for `done`; how long it took.
async fn within(limit: Duration, what: &str, done: impl Fn() -> bool) -> Duration {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "{what}: not within {limit:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    start.elapsed()
}

fn ids(view: &RegistryView, subgraph: &str) -> Vec<String> {
    view.instances(subgraph)
        .into_iter()
        .map(|r| r.instance_id)
        .collect()
}

#[tokio::test]
async fn a_registered_instance_is_seen_with_its_record_and_gone_at_once_when_it_stops() {
    let scratch = Scratch::new().await;
    let view = RegistryView::follow(scratch.store.clone());
    let (record, registration) = scratch.register("catalog").await;
    within(Duration::from_secs(5), "registered", || {
        ids(&view, "catalog").len() == 1
    })
    .await;
    assert_eq!(view.instances("catalog"), std::slice::from_ref(&record));
    assert_eq!(record.sdl_hash, sdl_hash("type Query { catalog: Int }"));
    // A view started later reads what is already there.
    let late = RegistryView::follow(scratch.store.clone());
    within(Duration::from_secs(5), "seen by a late view", || {
        ids(&late, "catalog").len() == 1
    })
    .await;
    registration.stop().await.unwrap();
    let gone = within(Duration::from_secs(1), "gone after stop", || {
        ids(&view, "catalog").is_empty()
    })
    .await;
    assert!(gone < Duration::from_millis(500), "deregistered in {gone:?}");
    scratch.delete().await;
}

#[tokio::test]
async fn an_instance_that_stops_beating_is_out_within_five_seconds() {
    let scratch = Scratch::new().await;
    let view = RegistryView::follow(scratch.store.clone());
    let (_, _other) = scratch.register("orders").await;
    let (dying, registration) = scratch.register("catalog").await;
    within(Duration::from_secs(5), "registered", || {
        ids(&view, "catalog").len() == 1
    })
    .await;
    // A crash: the heartbeat stops, the key stays.
    drop(registration);
    let out = within(Duration::from_secs(5), "out after its heartbeat stopped", || {
        ids(&view, "catalog").is_empty()
    })
    .await;
    assert!(
        out >= Duration::from_secs(2),
        "out after {out:?}, before three beats were missed"
    );
    assert!(
        scratch.store.instances.get(dying.key()).await.unwrap().is_some(),
        "the key itself lingers"
    );
    assert_eq!(ids(&view, "orders").len(), 1, "the beating one stays");
    scratch.delete().await;
}

#[tokio::test]
async fn two_instances_of_a_subgraph_share_its_calls() {
    let scratch = Scratch::new().await;
    let view = RegistryView::follow(scratch.store.clone());
    let (first, _a) = scratch.register("catalog").await;
    let (second, _b) = scratch.register("catalog").await;
    within(Duration::from_secs(5), "both registered", || {
        ids(&view, "catalog").len() == 2
    })
    .await;
    let mut picked: Vec<String> = (0..4)
        .map(|_| view.pick("catalog", None).unwrap().instance_id)
        .collect();
    picked.sort();
    let mut expected = vec![
        first.instance_id.clone(),
        first.instance_id,
        second.instance_id.clone(),
        second.instance_id,
    ];
    expected.sort();
    assert_eq!(picked, expected);
    scratch.delete().await;
}

#[tokio::test]
async fn an_instance_that_cannot_serve_stops_beating_and_is_back_once_it_can() {
    let scratch = Scratch::new().await;
    let view = RegistryView::follow(scratch.store.clone());
    let (_, _other) = scratch.register("orders").await;
    let healthy = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let record = InstanceRecord::new("catalog", "http://127.0.0.1:1/graphql", String::new(), "test");
    let check: Health = {
        let healthy = healthy.clone();
        std::sync::Arc::new(move || {
            let is = healthy.load(std::sync::atomic::Ordering::Relaxed);
            Box::pin(async move { is })
        })
    };
    let _registration = Registration::start_checked(scratch.store.clone(), &record, check)
        .await
        .unwrap();
    within(Duration::from_secs(5), "registered", || {
        ids(&view, "catalog").len() == 1
    })
    .await;
    // Its database stops answering: no more beats, out like a dead one.
    healthy.store(false, std::sync::atomic::Ordering::Relaxed);
    let out = within(Duration::from_secs(5), "out while unhealthy", || {
        ids(&view, "catalog").is_empty()
    })
    .await;
    eprintln!("an unhealthy instance out after {out:?}");
    healthy.store(true, std::sync::atomic::Ordering::Relaxed);
    within(Duration::from_secs(3), "back once healthy", || {
        ids(&view, "catalog").len() == 1
    })
    .await;
    scratch.delete().await;
}

#[tokio::test]
async fn heartbeats_carry_the_sdl_hash_and_views_fetch_the_sdl_once() {
    let scratch = Scratch::new().await;
    let (record, _registration) = scratch.register("catalog").await;
    let beat = scratch
        .store
        .instances
        .get(record.key())
        .await
        .unwrap()
        .expect("registered");
    let text = String::from_utf8_lossy(&beat);
    assert!(!text.contains("type Query"), "the SDL rides along: {text}");
    assert!(beat.len() < 512, "{} bytes a beat: {text}", beat.len());
    let view = RegistryView::follow(scratch.store.clone());
    within(Duration::from_secs(5), "the SDL filled in", || {
        view.instances("catalog") == std::slice::from_ref(&record)
    })
    .await;
    scratch.delete().await;
}

#[tokio::test]
async fn an_instance_whose_sdl_was_lost_stays_routable_and_puts_it_again() {
    let scratch = Scratch::new().await;
    let (record, _registration) = scratch.register("catalog").await;
    // A NATS server that lost its in-memory buckets: the heartbeat brings the key back at once,
    // the SDL only at its next turn.
    scratch.store.schemas.purge(&record.sdl_hash).await.unwrap();
    let view = RegistryView::follow(scratch.store.clone());
    within(Duration::from_secs(5), "seen", || {
        ids(&view, "catalog").len() == 1
    })
    .await;
    assert!(view.pick("catalog", None).is_some(), "routable without its SDL");
    let back = within(Duration::from_secs(10), "the SDL put again", || {
        view.instances("catalog")
            .first()
            .is_some_and(|r| r.sdl == record.sdl)
    })
    .await;
    eprintln!("the SDL back after {back:?}");
    scratch.delete().await;
}

#[tokio::test]
async fn a_record_with_its_sdl_inside_is_read_as_it_is() {
    // What versions before the schemas bucket put on every beat.
    let scratch = Scratch::new().await;
    let record = InstanceRecord::new(
        "catalog",
        "http://127.0.0.1:1/graphql",
        "type Query { old: Int }".into(),
        "old",
    );
    let mut json = serde_json::to_value(&record).unwrap();
    json["sdl"] = record.sdl.to_string().into();
    scratch
        .store
        .instances
        .put(record.key(), serde_json::to_vec(&json).unwrap().into())
        .await
        .unwrap();
    let view = RegistryView::follow(scratch.store.clone());
    within(Duration::from_secs(5), "read with its SDL", || {
        view.instances("catalog") == std::slice::from_ref(&record)
    })
    .await;
    scratch.delete().await;
}

#[test]
fn the_sdl_is_put_every_few_beats_at_once_after_a_pause_and_until_a_put_succeeds() {
    let mut puts = SchemaPuts::default();
    let beat = |puts: &mut SchemaPuts| {
        let due = puts.due();
        if due {
            puts.put();
        }
        due
    };
    // Steady: one put every SCHEMA_EVERY beats, the registration's own first.
    let steady = (0..SCHEMA_EVERY * 3).filter(|_| beat(&mut puts)).count();
    assert_eq!(steady, 3);
    assert!(!beat(&mut puts));
    // Back from a pause: the first beat puts it.
    puts.pause();
    assert!(puts.due());
    // That put failed: so does the next beat, and the next, until one succeeds.
    assert!(puts.due() && puts.due());
    puts.put();
    assert!(!puts.due());
}
