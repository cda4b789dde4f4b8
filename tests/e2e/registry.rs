//! Distributed mode with the NATS registry: subgraph processes register themselves; they and
//! the router find the subgraphs there instead of through `VITRINE_<NAME>_URL`; a second
//! instance takes its share, and one that dies or stops is routed around.

use crate::helpers::{send_signal, test_database_url, test_nats_url, TestSystem};
use crate::shopping::{assert_placed, plain_offer, Shopper};
use std::time::{Duration, Instant};
use vitrine_kit::registry::{self, RegistryView};

/// Waits up to `limit` for `done`; how long it took.
async fn within(limit: Duration, what: &str, done: impl Fn() -> bool) -> Duration {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "{what}: not within {limit:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    start.elapsed()
}

#[tokio::test]
async fn subgraphs_find_each_other_through_the_registry_and_route_around_a_dead_instance() {
    let mut system = TestSystem::split_through_registry(test_database_url()).await;
    let namespace = system.namespace.clone().unwrap();
    let (jetstream, bucket) = registry::connect(&test_nats_url(), &namespace).await.unwrap();
    let view = RegistryView::follow(bucket);

    // Every subgraph registered once, at its URL, with its SDL and that SDL's hash.
    for name in system.subgraph_urls.keys() {
        within(Duration::from_secs(5), name, || view.instances(name).len() == 1).await;
        let record = view.instances(name).remove(0);
        assert_eq!(record.url, system.subgraph_urls[name.as_str()], "{name}");
        assert_eq!(record.sdl_hash, registry::sdl_hash(&record.sdl), "{name}");
        assert!(record.sdl.contains("type Query"), "{name}: {}", record.sdl);
    }
    let catalog = view.instances("catalog").remove(0);
    assert_eq!(catalog.sdl, vitrine_catalog::sdl());

    // Nobody was told a URL: the router's fetches and the cart's and checkout saga's calls
    // (cart, inventory, payments) go through the registry.
    let (offer, price, _) = plain_offer(3);
    let aida = Shopper::new(&system, "aida-registry", 10 * price).await;
    aida.add(&system, &offer, 1).await;
    assert_placed(&aida.checkout_wallet(&system, "registry-1").await);

    // A second inventory joins; the first is killed without warning. The saga's next calls
    // find it refusing connections and go to the other at once.
    let first = system.subgraph_pid("inventory");
    system.start_subgraph_replica("inventory").await;
    within(Duration::from_secs(5), "the second inventory", || {
        view.instances("inventory").len() == 2
    })
    .await;
    send_signal(first, "KILL");
    let killed = Instant::now();
    let checkouts = async {
        for round in 0..3 {
            aida.add(&system, &offer, 1).await;
            let placed = aida
                .checkout_wallet(&system, &format!("registry-after-kill-{round}"))
                .await;
            assert_placed(&placed);
        }
    };
    let out = async {
        within(
            Duration::from_secs(5),
            "the killed inventory out of the registry",
            || view.instances("inventory").len() == 1,
        )
        .await;
        killed.elapsed()
    };
    let ((), out) = tokio::join!(checkouts, out);
    eprintln!("killed inventory out of the registry {out:?} after the kill");

    // A catalog replica stopped as an orchestrator stops it: its key is gone at once.
    let replica = system.start_subgraph_replica("catalog").await;
    within(Duration::from_secs(5), "the second catalog", || {
        view.instances("catalog").len() == 2
    })
    .await;
    send_signal(replica, "TERM");
    let gone = within(Duration::from_secs(2), "the stopped catalog out", || {
        view.instances("catalog").len() == 1
    })
    .await;
    eprintln!("stopped catalog out of the registry after {gone:?}");
    // Then it drains and exits (a zombie until the system reaps it).
    let exited = within(Duration::from_secs(12), "the stopped catalog to exit", || {
        std::fs::read_to_string(format!("/proc/{replica}/stat"))
            .map_or(true, |stat| stat.split_whitespace().nth(2) == Some("Z"))
    })
    .await;
    eprintln!("stopped catalog exited {exited:?} after leaving the registry");

    drop(system);
    jetstream
        .delete_key_value(registry::bucket_name(&namespace))
        .await
        .unwrap();
}

/// The GraphQL requests a subgraph process served, from its `/metrics`.
async fn served(graphql_url: &str, subgraph: &str) -> u64 {
    let metrics = reqwest::get(graphql_url.replace("/graphql", "/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let prefix = format!("vitrine_subgraph_http_requests_total{{subgraph=\"{subgraph}\"}} ");
    metrics
        .lines()
        .find_map(|line| line.strip_prefix(&prefix))
        .map_or(0, |n| n.trim().parse().unwrap())
}

#[tokio::test]
async fn a_second_catalog_takes_its_share_and_killing_one_under_load_fails_no_query() {
    let mut system = TestSystem::split_through_registry(test_database_url()).await;
    let namespace = system.namespace.clone().unwrap();
    let (jetstream, bucket) = registry::connect(&test_nats_url(), &namespace).await.unwrap();
    let view = RegistryView::follow(bucket);
    let query = "{ products(first: 3) { id name } }";
    let first = system.subgraph_pid("catalog");
    system.start_subgraph_replica("catalog").await;
    within(Duration::from_secs(5), "two catalogs", || {
        view.instances("catalog").len() == 2
    })
    .await;
    let urls: Vec<String> = view.instances("catalog").into_iter().map(|r| r.url).collect();
    let before = [
        served(&urls[0], "catalog").await,
        served(&urls[1], "catalog").await,
    ];
    for _ in 0..20 {
        let reply = system.graphql(query, serde_json::json!({})).await;
        assert!(reply["errors"].is_null(), "{reply}");
    }
    for (url, before) in urls.iter().zip(before) {
        let share = served(url, "catalog").await - before;
        assert!(share >= 5, "{url} served {share} of 20");
    }

    // A steady query load; one catalog is killed a second in.
    let load = async {
        let (mut ok, mut failed) = (0, Vec::new());
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(6) {
            let reply = system.graphql(query, serde_json::json!({})).await;
            if reply["errors"].is_null() {
                ok += 1;
            } else {
                failed.push(reply);
            }
        }
        (ok, failed)
    };
    let kill = async {
        tokio::time::sleep(Duration::from_secs(1)).await;
        send_signal(first, "KILL");
    };
    let ((ok, failed), ()) = tokio::join!(load, kill);
    eprintln!("{ok} queries answered while a catalog was killed");
    assert!(failed.is_empty(), "failed queries: {failed:?}");
    assert!(ok > 20, "only {ok} queries in 6 s");
    let metrics = reqwest::get(format!("{}/metrics", system.router_url))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let retried = metrics
        .lines()
        .find_map(|line| line.strip_prefix("vitrine_subgraph_retries_total{subgraph=\"catalog\"} "))
        .map_or(0, |n| n.trim().parse::<u64>().unwrap());
    eprintln!("{retried} catalog fetches retried on the other instance");
    assert!(
        retried >= 1,
        "the router sent the killed instance's fetches elsewhere"
    );

    drop(system);
    jetstream
        .delete_key_value(registry::bucket_name(&namespace))
        .await
        .unwrap();
}
