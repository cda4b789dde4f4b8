use crate::helpers::{error_codes, TestSystem};
use serde_json::{json, Value};

const ME: &str = "{ me { id email name roles wallet { balance { amount currency } } } }";

#[tokio::test]
async fn register_then_login_then_me() {
    let system = TestSystem::embedded().await;
    let email = format!("aigul-{}@example.kz", uuid::Uuid::new_v4().simple());
    let registered = system
        .graphql(
            "mutation($i: RegisterInput!) { register(input: $i) { accessToken expiresIn refreshToken customer { id email roles } } }",
            json!({ "i": { "email": email.to_uppercase(), "password": "steppe wind 2026", "name": "Aigul", "phone": "+7 701 123 45 67" } }),
        )
        .await;
    let payload = &registered["data"]["register"];
    assert_eq!(
        payload["customer"]["email"], email,
        "e-mail is stored lower-cased: {registered}"
    );
    assert_eq!(payload["customer"]["roles"], json!(["CUSTOMER"]));
    assert_eq!(payload["expiresIn"], 900);

    let token = system.login(&email, "steppe wind 2026").await;
    let me = system.graphql_as(&token, ME, json!({})).await;
    assert_eq!(
        me["data"]["me"],
        json!({
            "id": payload["customer"]["id"],
            "email": email,
            "name": "Aigul",
            "roles": ["CUSTOMER"],
            "wallet": { "balance": { "amount": 0, "currency": "KZT" } }
        })
    );
}

#[tokio::test]
async fn me_without_a_token_is_unauthenticated() {
    let system = TestSystem::embedded().await;
    assert_eq!(
        error_codes(&system.graphql(ME, json!({})).await),
        vec!["UNAUTHENTICATED"]
    );
}

#[tokio::test]
async fn a_duplicate_email_is_a_conflict() {
    let system = TestSystem::embedded().await;
    let register = "mutation($i: RegisterInput!) { register(input: $i) { accessToken } }";
    let input = json!({ "i": { "email": "dup@example.kz", "password": "correct horse 42", "name": "A" } });
    assert!(system.graphql(register, input.clone()).await["data"]["register"].is_object());
    let again = system
        .graphql(
            register,
            json!({ "i": { "email": "DUP@example.kz", "password": "other horse 43", "name": "B" } }),
        )
        .await;
    assert_eq!(error_codes(&again), vec!["CONFLICT"]);
}

#[tokio::test]
async fn a_weak_password_is_refused_with_the_rule() {
    let system = TestSystem::embedded().await;
    let response = system
        .graphql(
            "mutation($i: RegisterInput!) { register(input: $i) { accessToken } }",
            json!({ "i": { "email": "weak@example.kz", "password": "password", "name": "W" } }),
        )
        .await;
    assert_eq!(error_codes(&response), vec!["BAD_USER_INPUT"]);
    let message = response["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("10 to 128 characters") && message.contains("digit"),
        "{message}"
    );
    // Nothing was written: the e-mail is still free.
    let retry = system
        .graphql(
            "mutation($i: RegisterInput!) { register(input: $i) { accessToken } }",
            json!({ "i": { "email": "weak@example.kz", "password": "much better 77", "name": "W" } }),
        )
        .await;
    assert!(retry["data"]["register"]["accessToken"].is_string(), "{retry}");
}

#[tokio::test]
async fn wrong_password_and_unknown_email_look_the_same_and_get_throttled() {
    let system = TestSystem::embedded().await;
    let login = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }";
    let wrong_password = system
        .graphql(
            login,
            json!({ "e": "customer@vitrine.kz", "p": "not-the-password-1" }),
        )
        .await;
    let unknown_email = system
        .graphql(
            login,
            json!({ "e": "nobody@vitrine.kz", "p": "not-the-password-1" }),
        )
        .await;
    assert_eq!(error_codes(&wrong_password), vec!["UNAUTHENTICATED"]);
    assert_eq!(
        wrong_password["errors"][0]["message"],
        unknown_email["errors"][0]["message"]
    );
    assert_eq!(error_codes(&unknown_email), vec!["UNAUTHENTICATED"]);

    // Four more failures make five: the sixth attempt is refused even with the right password.
    for _ in 0..4 {
        let response = system
            .graphql(login, json!({ "e": "customer@vitrine.kz", "p": "still-wrong-2" }))
            .await;
        assert_eq!(error_codes(&response), vec!["UNAUTHENTICATED"]);
    }
    let locked = system
        .graphql(
            login,
            json!({ "e": "customer@vitrine.kz", "p": "customer-demo-2026" }),
        )
        .await;
    assert_eq!(error_codes(&locked), vec!["RATE_LIMITED"], "{locked}");
    // Other accounts are unaffected.
    system.login("admin@vitrine.kz", "admin-demo-2026").await;
}

#[tokio::test]
async fn expired_malformed_or_wrongly_signed_tokens_are_unauthenticated() {
    use jsonwebtoken::{encode, EncodingKey, Header};
    let system = TestSystem::embedded().await;
    let (customer_id, _, _) = system.register("tokens").await;
    let now = chrono::Utc::now().timestamp();
    let claims = |exp: i64| json!({ "sub": customer_id, "roles": ["ADMIN"], "iss": "vitrine", "aud": "vitrine", "iat": now - 3600, "exp": exp });
    let mut header = Header::new(jsonwebtoken::Algorithm::HS256);
    let dev_keys = vitrine_kit::jwt_keys::JwtKeys::from_config(&Default::default()).unwrap();
    header.kid = Some(dev_keys.kid);
    let dev_key = EncodingKey::from_secret(vitrine_kit::config::DEV_JWT_SECRET.as_bytes());
    // Past the verifier's clock-skew leeway (60 s).
    let expired = encode(&header, &claims(now - 600), &dev_key).unwrap();
    let wrongly_signed = encode(
        &header,
        &claims(now + 600),
        &EncodingKey::from_secret(b"not-the-secret"),
    )
    .unwrap();
    let mut tampered_parts: Vec<String> = encode(&header, &claims(now + 600), &dev_key)
        .unwrap()
        .split('.')
        .map(String::from)
        .collect();
    tampered_parts[1] = tampered_parts[1].chars().rev().collect();
    let tampered = tampered_parts.join(".");
    for token in [
        expired.as_str(),
        wrongly_signed.as_str(),
        "not-a-jwt",
        tampered.as_str(),
    ] {
        let response = system.graphql_as(token, ME, json!({})).await;
        assert_eq!(
            error_codes(&response),
            vec!["UNAUTHENTICATED"],
            "token {token}: {response}"
        );
        assert!(response.get("data").is_none_or(|d| d.is_null()), "{response}");
    }
}

const REFRESH: &str = "mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }";

#[tokio::test]
async fn refresh_tokens_rotate_and_reuse_revokes_the_family() {
    let system = TestSystem::embedded().await;
    let (_, _, first) = system.register("rotation").await;
    let rotated = system.graphql(REFRESH, json!({ "t": first })).await;
    let second = rotated["data"]["refreshToken"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(second, first);
    let access = rotated["data"]["refreshToken"]["accessToken"].as_str().unwrap();
    assert!(system.graphql_as(access, ME, json!({})).await["data"]["me"]["id"].is_string());

    // The first token again: theft signal. It fails, and so does the legitimate newer one.
    let replay = system.graphql(REFRESH, json!({ "t": first })).await;
    assert_eq!(error_codes(&replay), vec!["UNAUTHENTICATED"]);
    assert!(replay["errors"][0]["message"].as_str().unwrap().contains("reuse"));
    let after = system.graphql(REFRESH, json!({ "t": second })).await;
    assert_eq!(error_codes(&after), vec!["UNAUTHENTICATED"]);
}

#[tokio::test]
async fn logout_ends_the_session() {
    let system = TestSystem::embedded().await;
    let (_, _, refresh) = system.register("logout").await;
    let out = system
        .graphql(
            "mutation($t: String!) { logout(refreshToken: $t) }",
            json!({ "t": refresh }),
        )
        .await;
    assert_eq!(out["data"]["logout"], true);
    assert_eq!(
        error_codes(&system.graphql(REFRESH, json!({ "t": refresh })).await),
        vec!["UNAUTHENTICATED"]
    );
}

#[tokio::test]
async fn profile_and_addresses_are_editable_by_their_owner() {
    let system = TestSystem::embedded().await;
    let (_, token, _) = system.register("profile").await;
    let updated = system
        .graphql_as(&token, "mutation { updateProfile(input: { name: \"Dana K.\", phone: \"+7 777 000 11 22\" }) { name phone } }", json!({}))
        .await;
    assert_eq!(
        updated["data"]["updateProfile"],
        json!({ "name": "Dana K.", "phone": "+7 777 000 11 22" })
    );
    let add = "mutation($i: AddressInput!) { addAddress(input: $i) { id label isDefault latitude } }";
    let home = system
        .graphql_as(&token, add, json!({ "i": { "label": "Home", "line1": "Abay Ave 10", "city": "Almaty", "latitude": 43.238, "longitude": 76.945 } }))
        .await;
    assert_eq!(
        home["data"]["addAddress"]["isDefault"], true,
        "first address is the default: {home}"
    );
    let office = system
        .graphql_as(&token, add, json!({ "i": { "label": "Office", "line1": "Dostyk 5", "city": "Almaty", "latitude": 43.25, "longitude": 76.95, "isDefault": true } }))
        .await;
    assert_eq!(office["data"]["addAddress"]["isDefault"], true);
    let listed = system
        .graphql_as(&token, "{ me { addresses { label isDefault } } }", json!({}))
        .await;
    assert_eq!(
        listed["data"]["me"]["addresses"],
        json!([{ "label": "Office", "isDefault": true }, { "label": "Home", "isDefault": false }])
    );
    let bad = system
        .graphql_as(&token, add, json!({ "i": { "label": "Moon", "line1": "Crater 1", "city": "Tycho", "latitude": 123.0, "longitude": 0.0 } }))
        .await;
    assert_eq!(error_codes(&bad), vec!["BAD_USER_INPUT"]);
    let remove = |address: &Value| {
        system.graphql_as(
            &token,
            "mutation($id: ID!) { removeAddress(id: $id) }",
            json!({ "id": address["data"]["addAddress"]["id"] }),
        )
    };
    let listed = || system.graphql_as(&token, "{ me { addresses { label isDefault } } }", json!({}));
    // Removing the default hands it to the oldest address left.
    assert_eq!(remove(&office).await["data"]["removeAddress"], true);
    assert_eq!(
        listed().await["data"]["me"]["addresses"],
        json!([{ "label": "Home", "isDefault": true }])
    );
    assert_eq!(remove(&home).await["data"]["removeAddress"], true);
    assert_eq!(listed().await["data"]["me"]["addresses"], json!([]));
}

/// Production signing: with an Ed25519 private key, access tokens are EdDSA, the router verifies
/// them with the public key only, the accounts subgraph publishes that key as a JWKS, and a
/// token made with the development HS256 secret no longer works.
#[tokio::test]
async fn with_a_private_key_tokens_are_eddsa_and_verified_by_public_key() {
    use jsonwebtoken::{encode, EncodingKey, Header};
    let key = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/test-only-ed25519.pem");
    let system = TestSystem::split_with(
        &crate::helpers::checked_in_supergraph(),
        &[("VITRINE_JWT_PRIVATE_KEY_FILE", key.to_str().unwrap())],
    )
    .await;
    let token = system.login("customer@vitrine.kz", "customer-demo-2026").await;
    assert_eq!(
        jsonwebtoken::decode_header(&token).unwrap().alg,
        jsonwebtoken::Algorithm::EdDSA
    );
    let me = system.graphql_as(&token, "{ me { email } }", json!({})).await;
    assert_eq!(me["data"]["me"]["email"], "customer@vitrine.kz", "{me}");

    let jwks_url = system.subgraph_urls["accounts"].replace("/graphql", "/.well-known/jwks.json");
    let jwks: serde_json::Value = reqwest::get(jwks_url).await.unwrap().json().await.unwrap();
    let published = &jwks["keys"][0];
    assert_eq!(published["kty"], "OKP");
    assert!(published.get("d").is_none(), "private key published: {jwks}");

    let now = chrono::Utc::now().timestamp();
    let claims = json!({ "sub": "cus_x", "roles": ["ADMIN"], "iss": "vitrine", "aud": "vitrine", "iat": now, "exp": now + 600 });
    let dev_keys = vitrine_kit::jwt_keys::JwtKeys::from_config(&Default::default()).unwrap();
    let mut header = Header::new(jsonwebtoken::Algorithm::HS256);
    header.kid = Some(dev_keys.kid);
    let hs256 = encode(
        &header,
        &claims,
        &EncodingKey::from_secret(vitrine_kit::config::DEV_JWT_SECRET.as_bytes()),
    )
    .unwrap();
    assert_eq!(
        error_codes(&system.graphql_as(&hs256, ME, json!({})).await),
        vec!["UNAUTHENTICATED"]
    );
}
