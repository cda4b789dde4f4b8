//! Distributed mode with the NATS registry: subgraph processes register themselves; they and
//! the router find the subgraphs there instead of through `VITRINE_<NAME>_URL`; a second
//! instance takes its share, and one that dies or stops is routed around.

use crate::helpers::{send_signal, test_database_url, test_nats_url, vitrine_command, TestSystem};
use crate::shopping::{assert_placed, plain_offer, Shopper};
use futures::StreamExt;
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
    let (_, bucket) = registry::connect(&test_nats_url(), &namespace).await.unwrap();
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
    assert_eq!(&*catalog.sdl, vitrine_catalog::sdl());

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

    // The only catalog left misses its beats (stopped) and is out; a query arriving then waits
    // for it to come back, as it does at its next beat, instead of failing at once.
    let only = system.subgraph_pid("catalog");
    send_signal(only, "STOP");
    within(Duration::from_secs(8), "the stopped catalog out", || {
        view.instances("catalog").is_empty()
    })
    .await;
    // The router's view hears the same feed; give it a moment to agree.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let waits = "vitrine_registry_waits_total{subgraph=\"catalog\"}";
    let waits_before = system.router_metric(waits).await.unwrap_or(0.0);
    let asked = Instant::now();
    let query = system.graphql("{ products(first: 1) { name } }", serde_json::json!({}));
    let resume = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        send_signal(only, "CONT");
    };
    let (answer, ()) = tokio::join!(query, resume);
    assert!(answer["errors"].is_null(), "{answer}");
    assert!(answer["data"]["products"][0]["name"].is_string(), "{answer}");
    let waited = asked.elapsed();
    assert!(
        waited >= Duration::from_millis(300),
        "answered before catalog was back: {waited:?}"
    );
    // The router found no catalog and waited, rather than sending it to the stopped one (which
    // would answer too, once it runs again).
    assert_eq!(system.router_metric(waits).await, Some(waits_before + 1.0));
    eprintln!("a query with no catalog registered waited {waited:?} for it to come back");
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
    let (_, bucket) = registry::connect(&test_nats_url(), &namespace).await.unwrap();
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
    let retried = system
        .router_metric("vitrine_subgraph_retries_total{subgraph=\"catalog\"} ")
        .await
        .unwrap_or(0.0);
    eprintln!("{retried} catalog fetches retried on the other instance");
    assert!(
        retried >= 1.0,
        "the router sent the killed instance's fetches elsewhere"
    );
}

/// The field names of the router's `Query` type, by introspection.
async fn query_fields(system: &TestSystem) -> Vec<String> {
    let reply = system
        .graphql(
            r#"{ __type(name: "Query") { fields { name } } }"#,
            serde_json::json!({}),
        )
        .await;
    reply["data"]["__type"]["fields"]
        .as_array()
        .unwrap_or_else(|| panic!("{reply}"))
        .iter()
        .map(|field| field["name"].as_str().unwrap().to_string())
        .collect()
}

/// The router's `/readiness`: its status and JSON body.
async fn readiness(system: &TestSystem) -> (u16, serde_json::Value) {
    let response = reqwest::get(format!("{}/readiness", system.router_url))
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// Polls `check` every 100 ms for up to 15 s.
async fn eventually<F, Fut>(what: &str, check: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    while !check().await {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "{what}: not within 15 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    eprintln!("{what}: after {:?}", start.elapsed());
}

/// A record for an instance of catalog at `url` (a real one's) registering `sdl`, started now.
fn catalog_record(url: &str, sdl: String) -> registry::InstanceRecord {
    registry::InstanceRecord::new("catalog", url, sdl, "test")
}

#[tokio::test]
async fn the_router_composes_from_the_registry_without_a_restart_and_keeps_the_last_good_supergraph() {
    let system = TestSystem::split_through_registry(test_database_url()).await;
    let namespace = system.namespace.clone().unwrap();
    let (_, bucket) = registry::connect(&test_nats_url(), &namespace).await.unwrap();
    let view = RegistryView::follow(bucket.clone());
    within(Duration::from_secs(5), "catalog seen", || {
        !view.instances("catalog").is_empty()
    })
    .await;
    let catalog_url = view.instances("catalog")[0].url.clone();
    let catalog_sdl = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/catalog.graphql"),
    )
    .unwrap();

    // Composed from the registry: ready, nothing wrong, and read back by an admin only.
    let (status, report) = readiness(&system).await;
    assert_eq!(status, 200, "{report}");
    assert!(report["problem"].is_null(), "{report}");
    let supergraph_url = format!("{}/supergraph", system.router_url);
    let http = reqwest::Client::new();
    let anonymous = http.get(&supergraph_url).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let customer = system.login("customer@vitrine.kz", "customer-demo-2026").await;
    let refused = http
        .get(&supergraph_url)
        .bearer_auth(&customer)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    let read_back = |token: String| {
        let (http, url) = (http.clone(), supergraph_url.clone());
        async move {
            let response = http.get(url).bearer_auth(token).send().await.unwrap();
            assert_eq!(response.status(), 200);
            response.text().await.unwrap()
        }
    };
    let supergraph = read_back(admin.clone()).await;
    assert!(supergraph.contains("join__Graph") && supergraph.contains(&catalog_url));

    // A new field registered by a newer catalog appears without a restart.
    let with_field = catalog_sdl.replacen("type Query {", "type Query {\n\tregistryProbe: String", 1);
    assert_ne!(with_field, catalog_sdl);
    let newer = registry::Registration::start(bucket.clone(), &catalog_record(&catalog_url, with_field))
        .await
        .unwrap();
    eventually("the new field in the router's schema", || async {
        query_fields(&system).await.contains(&"registryProbe".to_string())
    })
    .await;
    let composed_before = read_back(admin.clone()).await;
    assert!(composed_before.contains("registryProbe"));

    // `vitrine schema check` takes today's SDLs from the registry: the catalog SDL without the
    // probe's field removes a field (a warning: no storefront operation uses it) ...
    let work = tempfile::tempdir().unwrap();
    let check = |sdl: String| {
        let file = work.path().join("proposed.graphql");
        std::fs::write(&file, sdl).unwrap();
        let output = vitrine_command(
            &[
                "schema",
                "check",
                "catalog",
                file.to_str().unwrap(),
                "--operations",
                &manifest(),
            ],
            work.path(),
        )
        .env("VITRINE_NATS_URL", test_nats_url())
        .env("VITRINE_EVENTS_NAMESPACE", &namespace)
        .output()
        .unwrap();
        let report = String::from_utf8_lossy(&output.stdout).to_string();
        (output.status.code(), report)
    };
    let (code, report) = check(catalog_sdl.clone());
    assert_eq!(code, Some(0), "{report}");
    assert!(report.contains("against the registry (10 subgraphs)"), "{report}");
    assert!(
        report.contains("BREAKING Query.registryProbe removed"),
        "{report}"
    );
    // ... and without `Product.slug`, which the storefront's product page asks for, it fails.
    let product = catalog_sdl.find("type Product @key").unwrap();
    let (head, tail) = catalog_sdl.split_at(product);
    let (code, report) = check(format!("{head}{}", tail.replacen("\tslug: String!\n", "", 1)));
    assert_eq!(code, Some(1), "{report}");
    assert!(report.contains("BREAKING Product.slug removed"), "{report}");
    assert!(
        report.contains("  Product: Cannot query field \"slug\""),
        "{report}"
    );

    // A catalog whose SDL clashes with shops' `Shop.name: String!` does not compose: the router
    // keeps the last good supergraph, says why, and goes on answering.
    let clashing = format!("{catalog_sdl}\ntype Shop @key(fields: \"id\") {{\n\tid: ID!\n\tname: Int!\n}}\n");
    let broken = registry::Registration::start(bucket.clone(), &catalog_record(&catalog_url, clashing))
        .await
        .unwrap();
    eventually("the composition error reported", || async {
        readiness(&system).await.1["problem"]["state"] == "failed"
    })
    .await;
    let (status, report) = readiness(&system).await;
    assert_eq!(status, 200, "the last good supergraph still serves: {report}");
    assert_eq!(
        report["problem"]["subgraphs"],
        serde_json::json!(["catalog"]),
        "{report}"
    );
    assert!(!report["problem"]["error"].as_str().unwrap().is_empty());
    assert_eq!(
        system
            .router_metric("vitrine_supergraph_composition_failing ")
            .await,
        Some(1.0)
    );
    assert!(
        system
            .router_metric("vitrine_supergraph_compositions_total{result=\"failed\"} ")
            .await
            .unwrap()
            >= 1.0
    );
    assert_eq!(read_back(admin.clone()).await, composed_before);
    assert!(query_fields(&system).await.contains(&"registryProbe".to_string()));
    let products = system
        .graphql("{ products(first: 2) { id name } }", serde_json::json!({}))
        .await;
    assert!(products["errors"].is_null(), "{products}");

    // The clashing instance leaves: the error clears; the probe leaves: its field goes.
    broken.stop().await.unwrap();
    eventually("the error cleared", || async {
        readiness(&system).await.1["problem"].is_null()
    })
    .await;
    assert_eq!(
        system
            .router_metric("vitrine_supergraph_composition_failing ")
            .await,
        Some(0.0)
    );
    newer.stop().await.unwrap();
    eventually("the probe field gone", || async {
        !query_fields(&system).await.contains(&"registryProbe".to_string())
    })
    .await;
}

/// The storefront's trusted-documents manifest, as `vitrine schema check` reads it.
fn manifest() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("web/src/gql/persisted-documents.json");
    path.to_str().unwrap().to_string()
}

/// Whether process `pid` has exited (gone, or a zombie its parent has not reaped).
fn exited(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map_or(true, |stat| stat.split_whitespace().nth(2) == Some("Z"))
}

#[tokio::test]
async fn a_rolling_restart_of_every_subgraph_while_twenty_customers_check_out_fails_no_checkout() {
    let system = TestSystem::split_through_registry_alone(
        test_database_url(),
        &[("VITRINE_SIGNUP_LIMIT_PER_HOUR", "0")],
    )
    .await;
    let namespace = system.namespace.clone().unwrap();
    let (_, bucket) = registry::connect(&test_nats_url(), &namespace).await.unwrap();
    let view = RegistryView::follow(bucket);
    let (offer, price) = crate::shopping::cheapest_offer();
    let seller = system.login("seller@vitrine.kz", "seller-demo-2026").await;
    let units = 100_000;
    let set = system
        .graphql_as(
            &seller,
            "mutation($o: ID!, $n: Int!) { updateOffer(offerId: $o, count: $n) { id } }",
            serde_json::json!({ "o": offer, "n": units }),
        )
        .await;
    assert!(set["errors"].is_null(), "{set}");
    crate::shopping::eventually("inventory to hear of the new count", || async {
        (crate::shopping::stock(&system, &offer).await == units).then_some(())
    })
    .await;
    // As much as one top-up may bring.
    let budget = 1_000_000_000 / price * price;
    let shoppers: Vec<Shopper> = futures::stream::iter(0..20)
        .map(|i| {
            let system = &system;
            async move { Shopper::new(system, &format!("rolling-{i}"), budget).await }
        })
        .buffered(5)
        .collect()
        .await;

    // Each customer checks out again and again (one unit each time) until every subgraph has
    // been restarted once: a new instance joins, then the old one is stopped as an
    // orchestrator stops it (SIGTERM: it leaves the registry, drains and exits).
    let restarting = std::sync::atomic::AtomicBool::new(true);
    let restart = async {
        let mut replicas = Vec::new();
        for name in crate::helpers::SUBGRAPHS {
            let old = system.subgraph_pid(name);
            let replica = system.spawn_subgraph_replica(name).await;
            within(Duration::from_secs(5), "the new instance registered", || {
                view.instances(name).len() == 2
            })
            .await;
            send_signal(old, "TERM");
            within(Duration::from_secs(5), "the old instance out", || {
                view.instances(name).len() == 1
            })
            .await;
            within(Duration::from_secs(15), "the old instance to exit", || {
                exited(old)
            })
            .await;
            replicas.push(replica);
        }
        restarting.store(false, std::sync::atomic::Ordering::Relaxed);
        replicas
    };
    let started = Instant::now();
    let shopping = shoppers
        .iter()
        .map(|shopper| shop_while(&system, shopper, &offer, &restarting));
    let (results, _replicas) = tokio::join!(futures::future::join_all(shopping), restart);
    let placed: i64 = results.iter().map(|(placed, _)| placed).sum();
    let failed: Vec<&serde_json::Value> = results.iter().flat_map(|(_, failed)| failed).collect();
    eprintln!(
        "rolling restart of 10 subgraphs in {:?}: {placed} checkouts placed, {} failed",
        started.elapsed(),
        failed.len()
    );
    assert!(failed.is_empty(), "failed checkouts: {failed:?}");
    assert!(placed >= 20, "only {placed} checkouts");

    // Stock and wallets reconcile: every placed checkout took one unit and one price.
    crate::shopping::eventually("stock to reconcile", || async {
        (crate::shopping::stock(&system, &offer).await == units - placed).then_some(())
    })
    .await;
    for ((placed, _), shopper) in results.iter().zip(&shoppers) {
        let (balance, held) = shopper.wallet(&system).await;
        assert_eq!(balance - held, budget - placed * price, "{}", shopper.id);
    }
}

/// `shopper` buys one unit of `offer` again and again while `going` holds: (checkouts placed,
/// replies that were not a placed order).
async fn shop_while(
    system: &TestSystem,
    shopper: &Shopper,
    offer: &str,
    going: &std::sync::atomic::AtomicBool,
) -> (i64, Vec<serde_json::Value>) {
    let (mut placed, mut failed) = (0, Vec::new());
    let mut round = 0;
    while going.load(std::sync::atomic::Ordering::Relaxed) {
        round += 1;
        let added = shopper
            .ask(
                system,
                crate::shopping::ADD_TO_CART,
                serde_json::json!({ "o": offer, "q": 1 }),
            )
            .await;
        if !added["errors"].is_null() {
            failed.push(added);
            continue;
        }
        let reply = shopper.checkout_wallet(system, &format!("rolling-{round}")).await;
        if crate::shopping::is_placed(&reply["data"]["checkout"]["status"]) {
            placed += 1;
        } else {
            failed.push(reply);
        }
    }
    (placed, failed)
}
