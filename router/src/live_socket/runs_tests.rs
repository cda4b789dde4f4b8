use super::*;
use futures::channel::mpsc;

/// Hive's results for a run, as the test sends them.
fn results() -> (mpsc::UnboundedSender<Vec<u8>>, BoxStream<'static, Vec<u8>>) {
    let (sender, results) = mpsc::unbounded();
    (sender, results.boxed())
}

fn runs() -> Arc<Runs> {
    let gauge = IntGauge::new("runs", "runs").unwrap();
    let joined = IntCounter::new("joined", "joined").unwrap();
    Arc::new(Runs::new(gauge, joined))
}

fn key(caller: &str, variables: u64) -> RunKey {
    RunKey::new(
        1,
        "d",
        2,
        &variables.to_string(),
        "",
        &[("authorization", caller.as_bytes())],
    )
}

fn member(id: &str) -> (Member, mpsc::UnboundedReceiver<Outbound>) {
    let (outbound, queued) = mpsc::unbounded();
    (
        Member {
            id: Arc::from(id),
            outbound,
        },
        queued,
    )
}

/// What a member was sent so far: `next:<result>`, `error`, `complete`.
fn sent(queued: &mut mpsc::UnboundedReceiver<Outbound>) -> Vec<String> {
    let mut sent = Vec::new();
    while let Ok(outbound) = queued.try_recv() {
        sent.push(match outbound {
            Outbound::Next { id, result } => format!("{id} next:{}", String::from_utf8_lossy(&result)),
            Outbound::Error { id, .. } => format!("{id} error"),
            Outbound::Complete { id } => format!("{id} complete"),
            Outbound::Close(_) => "close".into(),
        });
    }
    sent
}

fn leads(found: Found) -> Membership {
    match found {
        Found::Leads(membership) => membership,
        Found::Joined(_) => panic!("joined a run it should have led"),
    }
}

fn joins(found: Found) -> Membership {
    match found {
        Found::Joined(membership) => membership,
        Found::Leads(_) => panic!("led a run it should have joined"),
    }
}

#[test]
fn a_joiner_starts_from_the_latest_result_and_misses_none_after_it() {
    let runs = runs();
    let (first, mut first_sent) = member("1");
    let leader = leads(runs.join_or_lead(Some(key("anonymous", 7)), first));
    let run = leader.run().clone();
    run.deliver(Bytes::from_static(b"stock 5"));
    run.deliver(Bytes::from_static(b"stock 4"));

    let (second, mut second_sent) = member("a");
    let joiner = joins(runs.join_or_lead(Some(key("anonymous", 7)), second));
    assert!(Arc::ptr_eq(joiner.run(), &run));
    run.deliver(Bytes::from_static(b"stock 3"));

    assert_eq!(
        sent(&mut first_sent),
        ["1 next:stock 5", "1 next:stock 4", "1 next:stock 3"]
    );
    assert_eq!(sent(&mut second_sent), ["a next:stock 4", "a next:stock 3"]);
}

#[test]
fn different_callers_variables_or_unshared_operations_never_share() {
    let runs = runs();
    let (a, _a_sent) = member("1");
    let (b, _b_sent) = member("1");
    let (c, _c_sent) = member("1");
    let (d, _d_sent) = member("1");
    let (e, _e_sent) = member("1");
    let alice = leads(runs.join_or_lead(Some(key("Bearer alice", 7)), a));
    let bob = leads(runs.join_or_lead(Some(key("Bearer bob", 7)), b));
    let other_order = leads(runs.join_or_lead(Some(key("Bearer alice", 8)), c));
    let alone = leads(runs.join_or_lead(None, d));
    let alone_too = leads(runs.join_or_lead(None, e));
    let all = [&alice, &bob, &other_order, &alone, &alone_too];
    for (i, one) in all.iter().enumerate() {
        for other in &all[i + 1..] {
            assert!(!Arc::ptr_eq(one.run(), other.run()));
        }
    }
    // A run of its own keeps no result for joiners.
    alone.run().deliver(Bytes::from_static(b"event"));
    assert!(alone.run().state().latest.is_none());
}

#[tokio::test]
async fn a_run_stops_when_its_last_member_leaves_and_the_next_one_starts_afresh() {
    let runs = runs();
    let (sender, results) = results();
    let (first, _first_sent) = member("1");
    let (second, mut second_sent) = member("2");
    let leader = leads(runs.join_or_lead(Some(key("anonymous", 7)), first));
    let joiner = joins(runs.join_or_lead(Some(key("anonymous", 7)), second));
    let run = leader.run().clone();
    let pump = tokio::spawn(run.clone().pump(results, futures::future::pending()));

    drop(leader);
    sender.unbounded_send(b"after the leader left".to_vec()).unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(sent(&mut second_sent), ["2 next:after the leader left"]);
    assert!(!pump.is_finished());

    drop(joiner);
    tokio::time::timeout(std::time::Duration::from_secs(1), pump)
        .await
        .expect("the pump stops once nobody follows its run")
        .unwrap();
    // Hive's plan run for it is dropped, which ends the subscription at its subgraph.
    assert!(sender.is_closed());
    let (third, _third_sent) = member("3");
    let fresh = leads(runs.join_or_lead(Some(key("anonymous", 7)), third));
    assert!(!Arc::ptr_eq(fresh.run(), &run));
}

#[tokio::test]
async fn the_end_or_a_refusal_reaches_every_member_and_closes_the_run_to_joiners() {
    let runs = runs();
    let (sender, results) = results();
    let (first, mut first_sent) = member("1");
    let (second, mut second_sent) = member("2");
    let leader = leads(runs.join_or_lead(Some(key("anonymous", 7)), first));
    let _joiner = joins(runs.join_or_lead(Some(key("anonymous", 7)), second));
    let pump = tokio::spawn(leader.run().clone().pump(results, futures::future::pending()));
    sender.unbounded_send(b"delivered".to_vec()).unwrap();
    drop(sender);
    pump.await.unwrap();
    assert_eq!(sent(&mut first_sent), ["1 next:delivered", "1 complete"]);
    assert_eq!(sent(&mut second_sent), ["2 next:delivered", "2 complete"]);

    // Refused before it ran (the leader's operation failed): joiners waiting get the error.
    let (third, mut third_sent) = member("3");
    let (fourth, mut fourth_sent) = member("4");
    let refused = leads(runs.join_or_lead(Some(key("anonymous", 7)), third));
    let _waiting = joins(runs.join_or_lead(Some(key("anonymous", 7)), fourth));
    refused
        .run()
        .refuse(vec![GraphQLError::from_message_and_code("no", "FORBIDDEN")]);
    assert_eq!(sent(&mut third_sent), ["3 error"]);
    assert_eq!(sent(&mut fourth_sent), ["4 error"]);
    let (fifth, _fifth_sent) = member("5");
    leads(runs.join_or_lead(Some(key("anonymous", 7)), fifth));
}

#[test]
fn a_run_whose_members_are_all_gone_takes_no_joiner() {
    let runs = runs();
    let (first, first_sent) = member("1");
    let leader = leads(runs.join_or_lead(Some(key("anonymous", 7)), first));
    // Its connection closed, its membership not yet dropped.
    drop(first_sent);
    assert!(!leader.run().deliver(Bytes::from_static(b"stock 5")));
    let (second, _second_sent) = member("2");
    let fresh = leads(runs.join_or_lead(Some(key("anonymous", 7)), second));
    assert!(!Arc::ptr_eq(fresh.run(), leader.run()));
}

#[test]
fn joiners_of_an_abandoned_leader_are_told() {
    let runs = runs();
    let (first, _first_sent) = member("1");
    let (second, mut second_sent) = member("2");
    let leader = leads(runs.join_or_lead(Some(key("anonymous", 7)), first));
    let _joiner = joins(runs.join_or_lead(Some(key("anonymous", 7)), second));
    drop(Leading::new(leader.run().clone()));
    assert_eq!(sent(&mut second_sent), ["2 error"]);
    // Handed over, it refuses nobody.
    let (third, mut third_sent) = member("3");
    let next = leads(runs.join_or_lead(Some(key("anonymous", 7)), third));
    let run = Leading::new(next.run().clone()).run();
    run.deliver(Bytes::from_static(b"stock 5"));
    assert_eq!(sent(&mut third_sent), ["3 next:stock 5"]);
}

#[tokio::test]
async fn a_replaced_supergraph_ends_the_run_with_an_error() {
    let runs = runs();
    let (_sender, results) = results();
    let (first, mut first_sent) = member("1");
    let leader = leads(runs.join_or_lead(Some(key("anonymous", 7)), first));
    leader.run().clone().pump(results, async {}).await;
    assert_eq!(sent(&mut first_sent), ["1 error"]);
}

#[test]
fn a_key_tells_apart_parts_that_only_concatenate_alike() {
    let headers = [("authorization", b"Bearer a".as_slice())];
    let split_here = RunKey::new(1, "d", 2, r#"{"o":"1"}"#, "", &headers);
    let split_there = RunKey::new(1, "d", 2, r#"{"o":""#, r#"1"}"#, &headers);
    assert_ne!(split_here, split_there);
    let one_header = RunKey::new(1, "d", 2, "", "", &[("ab", b"c".as_slice())]);
    let other_header = RunKey::new(1, "d", 2, "", "", &[("a", b"bc".as_slice())]);
    assert_ne!(one_header, other_header);
    assert_eq!(split_here, RunKey::new(1, "d", 2, r#"{"o":"1"}"#, "", &headers));
}

#[test]
fn a_refused_token_closes_every_member_connection_after_its_error() {
    let runs = runs();
    let (first, mut first_sent) = member("1");
    let (second, mut second_sent) = member("2");
    let leader = leads(runs.join_or_lead(Some(key("Bearer forged", 7)), first));
    let _joiner = joins(runs.join_or_lead(Some(key("Bearer forged", 7)), second));
    leader.run().refuse_and_close(
        vec![GraphQLError::from_message_and_code("bad token", "JWT_INVALID")],
        || CloseCode::Forbidden("JWT_INVALID".into()),
    );
    assert_eq!(sent(&mut first_sent), ["1 error", "close"]);
    assert_eq!(sent(&mut second_sent), ["2 error", "close"]);
    // Over: the next identical subscription starts afresh.
    let (third, _third_sent) = member("3");
    leads(runs.join_or_lead(Some(key("Bearer forged", 7)), third));
}
