//! The shared settings on a real NATS server (`VITRINE_TEST_NATS_URL`, default the local one),
//! each test in a bucket of its own that it deletes at the end.

use super::*;
use std::time::Instant;

fn nats_url() -> String {
    std::env::var("VITRINE_TEST_NATS_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "nats://127.0.0.1:4222".into())
}

#[test]
fn the_environment_wins_and_secrets_never_come_from_the_bucket() {
    let shared: BTreeMap<String, String> = [
        ("VITRINE_TIME_SCALE", "500"),
        ("VITRINE_SIM_TICK_MS", "50"),
        ("VITRINE_JWT_SECRET", "from-the-bucket"),
        ("DATABASE_URL", "postgres://x:y@db/vitrine"),
        ("VITRINE_NATS_URL", "nats://elsewhere:4222"),
        ("lowercase", "1"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let environment = |name: &str| (name == "VITRINE_SIM_TICK_MS").then(|| "200".to_string());
    let (apply, pinned) = layer(&shared, environment);
    assert_eq!(apply, [("VITRINE_TIME_SCALE".to_string(), "500".to_string())]);
    assert!(pinned.contains("VITRINE_SIM_TICK_MS"));
    assert!(check_name("VITRINE_INTERNAL_SECRET").is_err());
    assert!(check_name("VITRINE_ORDERS_DATABASE_URL").is_err());
    assert!(check_name("VITRINE_TIME_SCALE").is_ok());
}

async fn eventually(what: &str, done: impl Fn() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < Duration::from_secs(5), "{what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn live_settings_apply_while_running_unless_pinned_or_invalid() {
    let namespace = format!("t{}", uuid::Uuid::new_v4().simple());
    let (jetstream, bucket) = connect(&nats_url(), &namespace)
        .await
        .expect("a NATS server with JetStream for the settings tests");
    let config = AppConfig::default();
    let metrics = crate::metrics::Metrics::new();
    let live = live_settings(&config);
    let gauge = settings_gauge(&metrics, &live);
    let pinned: HashSet<String> = [WEBHOOK_BACKOFF.to_string()].into();
    let following = follow(bucket.clone(), live, pinned, gauge);

    bucket.put(TIME_SCALE, "750".into()).await.unwrap();
    let scale = config.simulation.time_scale.clone();
    eventually("the new time scale", || scale.get() == 750.0).await;
    assert!(metrics
        .render()
        .contains("vitrine_setting{name=\"VITRINE_TIME_SCALE\"} 750"));

    // Pinned by this process's environment: stays.
    bucket.put(WEBHOOK_BACKOFF, "5".into()).await.unwrap();
    // Not a number: refused, the old value stays; a later valid one applies.
    bucket.put(SIGNUP_LIMIT, "lots".into()).await.unwrap();
    bucket.put(TIME_SCALE, "2000".into()).await.unwrap();
    eventually("the second time scale", || scale.get() == 2000.0).await;
    assert_eq!(config.notifications.webhook_backoff.get(), Duration::from_secs(1));
    assert_eq!(config.accounts.signups_per_address_per_hour.get(), 10);
    bucket.put(SIGNUP_LIMIT, "0".into()).await.unwrap();
    let signups = config.accounts.signups_per_address_per_hour.clone();
    eventually("the sign-up limit off", || signups.get() == 0).await;

    following.abort();
    jetstream.delete_key_value(bucket_name(&namespace)).await.unwrap();
}
