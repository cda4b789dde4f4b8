//! The config server: settings shared through NATS (`vitrine config`), under each process's
//! own environment and file; live settings apply to running processes, every setting to the
//! processes that start after.

use crate::helpers::{test_database_url, test_nats_url, vitrine_command, TestSystem};
use std::time::{Duration, Instant};

/// `vitrine config ARGS` against the system's NATS namespace: exit code, stdout, stderr.
fn config(namespace: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let work = tempfile::tempdir().unwrap();
    let mut all = vec!["config"];
    all.extend(args);
    let output = vitrine_command(&all, work.path())
        .env("VITRINE_NATS_URL", test_nats_url())
        .env("VITRINE_EVENTS_NAMESPACE", namespace)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The value of a live setting in the process at `port`, from its `/metrics`.
async fn setting(port: u16, name: &str) -> Option<f64> {
    let metrics = reqwest::get(format!("http://127.0.0.1:{port}/metrics"))
        .await
        .ok()?
        .text()
        .await
        .ok()?;
    let prefix = format!("vitrine_setting{{name=\"{name}\"}} ");
    metrics
        .lines()
        .find_map(|line| line.strip_prefix(&prefix))
        .and_then(|v| v.trim().parse().ok())
}

async fn until_setting(port: u16, name: &str, value: f64, what: &str) -> Duration {
    let started = Instant::now();
    while setting(port, name).await != Some(value) {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{what}: {:?}",
            setting(port, name).await
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    started.elapsed()
}

#[tokio::test]
async fn shared_settings_apply_live_to_running_processes_and_at_start_to_new_ones() {
    let system = TestSystem::split_through_registry(test_database_url()).await;
    let namespace = system.namespace.clone().unwrap();
    let port = |name: &str| -> u16 {
        let url = &system.subgraph_urls[name];
        url.trim_end_matches("/graphql")
            .rsplit(':')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };

    // A live setting reaches every running process at once; one its own environment sets
    // (the test harness gives every process VITRINE_TIME_SCALE=1000) stays as it is there.
    let (code, out, err) = config(&namespace, &["set", "VITRINE_TIME_SCALE", "4321"]);
    assert_eq!(code, Some(0), "{out}{err}");
    let (code, ..) = config(&namespace, &["set", "VITRINE_WEBHOOK_BACKOFF_MS", "250"]);
    assert_eq!(code, Some(0));
    let took = until_setting(
        port("notifications"),
        "VITRINE_WEBHOOK_BACKOFF_MS",
        250.0,
        "notifications",
    )
    .await;
    eprintln!("webhook backoff applied in notifications after {took:?}");
    until_setting(port("kitchen"), "VITRINE_WEBHOOK_BACKOFF_MS", 250.0, "kitchen").await;
    // The kitchen saw the time scale before the backoff: pinned, it stayed.
    assert_eq!(setting(port("kitchen"), "VITRINE_TIME_SCALE").await, Some(1000.0));

    // A value that does not parse is refused; the old one stays.
    let (code, ..) = config(&namespace, &["set", "VITRINE_WEBHOOK_BACKOFF_MS", "soon"]);
    assert_eq!(code, Some(0));
    let (code, ..) = config(&namespace, &["set", "VITRINE_SIGNUP_LIMIT_PER_HOUR", "7"]);
    assert_eq!(code, Some(0));
    until_setting(
        port("notifications"),
        "VITRINE_SIGNUP_LIMIT_PER_HOUR",
        7.0,
        "accounts",
    )
    .await;
    assert_eq!(
        setting(port("notifications"), "VITRINE_WEBHOOK_BACKOFF_MS").await,
        Some(250.0)
    );

    // A process started now takes the shared settings it does not set itself.
    let (code, ..) = config(&namespace, &["set", "VITRINE_WEBHOOK_BACKOFF_MS", "300"]);
    assert_eq!(code, Some(0));
    let replica = system.spawn_subgraph_replica("accounts").await;
    assert_eq!(
        setting(replica.port, "VITRINE_WEBHOOK_BACKOFF_MS").await,
        Some(300.0)
    );
    assert_eq!(
        setting(replica.port, "VITRINE_SIGNUP_LIMIT_PER_HOUR").await,
        Some(7.0)
    );
    assert_eq!(setting(replica.port, "VITRINE_TIME_SCALE").await, Some(1000.0));
    let (_, listed, _) = config(&namespace, &["list"]);
    assert!(listed.contains("VITRINE_WEBHOOK_BACKOFF_MS=300\n"), "{listed}");
    assert!(listed.contains("VITRINE_SIGNUP_LIMIT_PER_HOUR=7\n"), "{listed}");

    // Secrets are never shared.
    for secret in ["VITRINE_JWT_SECRET", "DATABASE_URL", "VITRINE_INTERNAL_SECRET"] {
        let (code, _, err) = config(&namespace, &["set", secret, "x"]);
        assert_eq!(code, Some(1), "{secret}: {err}");
        assert!(err.contains("secret"), "{err}");
    }
    let (_, listed, _) = config(&namespace, &["list"]);
    assert!(
        !listed.contains("SECRET") && !listed.contains("DATABASE_URL"),
        "{listed}"
    );

    drop(replica);
}
