//! Sign-in and sign-up throttles: concurrent and aliased attempts, limits per address and
//! e-mail, and what a success clears.

use super::*;
use futures::future::join_all;

#[tokio::test]
async fn thirty_concurrent_wrong_passwords_get_at_most_five_checked() {
    let a = accounts(AccountsConfig::default()).await;
    assert!(a.sign_up(from(None), "aliya@example.kz").await.is_ok());
    let tries = (0..30).map(|_| a.login(Some("198.51.100.7"), "aliya@example.kz", "wrong guess 1"));
    let responses = join_all(tries).await;
    let all: Vec<String> = responses.iter().flat_map(codes).collect();
    assert_eq!(all.len(), 30);
    assert_eq!(count(&all, "UNAUTHENTICATED"), 5, "{all:?}");
    assert_eq!(count(&all, "RATE_LIMITED"), 25, "{all:?}");
    for response in &responses {
        assert_retry_after(response, 15 * 60);
    }
    // The right password from there waits too.
    let right = a.login(Some("198.51.100.7"), "aliya@example.kz", PASSWORD).await;
    assert_eq!(codes(&right), vec!["RATE_LIMITED"]);
}

#[tokio::test]
async fn aliased_logins_in_one_request_are_each_counted() {
    let a = accounts(AccountsConfig::default()).await;
    assert!(a.sign_up(from(None), "bolat@example.kz").await.is_ok());
    let fields: String = (0..20)
        .map(|i| {
            format!(
                "a{i}: login(email: \"bolat@example.kz\", password: \"guess number {i}\") {{ accessToken }} "
            )
        })
        .collect();
    let response = a
        .run(
            from(Some("198.51.100.8")),
            &format!("mutation {{ {fields} }}"),
            json!({}),
        )
        .await;
    let all = codes(&response);
    assert_eq!(count(&all, "UNAUTHENTICATED"), 5, "{all:?}");
    assert_eq!(count(&all, "RATE_LIMITED"), 15, "{all:?}");
    assert_retry_after(&response, 15 * 60);
}

#[tokio::test]
async fn another_address_signs_in_while_a_guesser_is_throttled_and_success_clears_failures() {
    let a = accounts(AccountsConfig::default()).await;
    assert!(a.sign_up(from(None), "dana@example.kz").await.is_ok());
    for _ in 0..6 {
        a.login(Some("198.51.100.9"), "dana@example.kz", "not her password 1")
            .await;
    }
    let guesser = a.login(Some("198.51.100.9"), "dana@example.kz", PASSWORD).await;
    assert_eq!(codes(&guesser), vec!["RATE_LIMITED"]);
    let dana = a.login(Some("203.0.113.5"), "dana@example.kz", PASSWORD).await;
    assert!(dana.is_ok(), "{:?}", dana.errors);

    // Her own four typos, then success: the next five failures are hers to make again.
    for _ in 0..4 {
        let typo = a
            .login(Some("203.0.113.5"), "dana@example.kz", "typo typo 1")
            .await;
        assert_eq!(codes(&typo), vec!["UNAUTHENTICATED"]);
    }
    assert!(a
        .login(Some("203.0.113.5"), "dana@example.kz", PASSWORD)
        .await
        .is_ok());
    for _ in 0..5 {
        let typo = a
            .login(Some("203.0.113.5"), "dana@example.kz", "typo typo 2")
            .await;
        assert_eq!(codes(&typo), vec!["UNAUTHENTICATED"]);
    }
}

#[tokio::test]
async fn one_address_trying_many_emails_is_stopped_across_emails() {
    let a = accounts(AccountsConfig::default()).await;
    let victims: Vec<String> = (0..50).map(|i| format!("victim{i}@example.kz")).collect();
    let stuffing = victims
        .iter()
        .map(|email| a.login(Some("198.51.100.10"), email, "password123"));
    let all: Vec<String> = join_all(stuffing).await.iter().flat_map(codes).collect();
    assert_eq!(count(&all, "UNAUTHENTICATED"), 50, "{all:?}");
    let next = a
        .login(Some("198.51.100.10"), "someone-new@example.kz", "password123")
        .await;
    assert_eq!(codes(&next), vec!["RATE_LIMITED"]);
    // Elsewhere, nothing changed.
    let elsewhere = a
        .login(Some("203.0.113.6"), "someone-new@example.kz", "password123")
        .await;
    assert_eq!(codes(&elsewhere), vec!["UNAUTHENTICATED"]);
}

#[tokio::test]
async fn sign_ups_are_limited_per_client_address() {
    let a = accounts(AccountsConfig {
        signups_per_address_per_hour: vitrine_kit::tunable::Tunable::new(3),
    })
    .await;
    for i in 0..3 {
        let response = a
            .sign_up(from(Some("198.51.100.11")), &format!("new{i}@example.kz"))
            .await;
        assert!(response.is_ok(), "{:?}", response.errors);
    }
    let fourth = a.sign_up(from(Some("198.51.100.11")), "new3@example.kz").await;
    assert_eq!(codes(&fourth), vec!["RATE_LIMITED"]);
    assert_retry_after(&fourth, 3600);
    let elsewhere = a.sign_up(from(Some("203.0.113.7")), "new3@example.kz").await;
    assert!(elsewhere.is_ok(), "{:?}", elsewhere.errors);
    // Internal calls carry no address and are not limited.
    let internal = a.sign_up(from(None), "new4@example.kz").await;
    assert!(internal.is_ok(), "{:?}", internal.errors);
}

#[tokio::test]
async fn control_characters_in_stored_text_are_bad_user_input() {
    let a = accounts(AccountsConfig::default()).await;
    let input = json!({ "i": { "email": "erlan@example.kz", "password": PASSWORD, "name": "Er\u{0}lan" } });
    let response = a.run(from(None), REGISTER, input).await;
    assert_eq!(codes(&response), vec!["BAD_USER_INPUT"]);
    let response = a.login(None, "erlan\u{0}@example.kz", PASSWORD).await;
    assert_eq!(codes(&response), vec!["BAD_USER_INPUT"]);
}
