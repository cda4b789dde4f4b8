//! The accounts schema on a real database (SQLite; PostgreSQL when VITRINE_TEST_DATABASE_URL
//! is set), called with the client address the router would sign in.

mod throttles;

use crate::graphql::{self, AccountsSchema};
use crate::tokens::TokenIssuer;
use crate::{MIGRATOR, NAME};
use serde_json::{json, Value};
use vitrine_kit::config::AccountsConfig;
use vitrine_kit::identity::Identity;
use vitrine_kit::jwt_keys::JwtKeys;
use vitrine_kit::testkit::Scratch;

const PASSWORD: &str = "correct horse 42";
const LOGIN: &str = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }";
const REGISTER: &str = "mutation($i: RegisterInput!) { register(input: $i) { accessToken } }";

struct Accounts {
    schema: AccountsSchema,
    /// Holds the scratch database for as long as the schema uses it.
    _scratch: Scratch,
}

async fn accounts(settings: AccountsConfig) -> Accounts {
    let scratch = Scratch::new();
    let db = scratch.db(NAME, &MIGRATOR).await;
    let keys = JwtKeys::from_config(&scratch.config.secrets).unwrap();
    Accounts {
        schema: graphql::schema(Some((db, TokenIssuer::new(keys), settings))),
        _scratch: scratch,
    }
}

/// An anonymous caller seen at `client` (None: no address, as in internal calls).
fn from(client: Option<&str>) -> Identity {
    Identity::anonymous().from_client(client.map(str::to_string))
}

impl Accounts {
    async fn run(&self, who: Identity, query: &str, variables: Value) -> async_graphql::Response {
        let request = async_graphql::Request::new(query)
            .variables(async_graphql::Variables::from_json(variables))
            .data(who);
        self.schema.execute(request).await
    }

    async fn sign_up(&self, who: Identity, email: &str) -> async_graphql::Response {
        let input = json!({ "i": { "email": email, "password": PASSWORD, "name": "Test" } });
        self.run(who, REGISTER, input).await
    }

    async fn login(&self, client: Option<&str>, email: &str, password: &str) -> async_graphql::Response {
        let variables = json!({ "e": email, "p": password });
        self.run(from(client), LOGIN, variables).await
    }
}

/// Each error's `extensions.code`, in order.
fn codes(response: &async_graphql::Response) -> Vec<String> {
    response
        .errors
        .iter()
        .map(|e| match e.extensions.as_ref().and_then(|x| x.get("code")) {
            Some(async_graphql::Value::String(code)) => code.clone(),
            other => panic!("no code on {e:?}: {other:?}"),
        })
        .collect()
}

fn count(codes: &[String], code: &str) -> usize {
    codes.iter().filter(|c| *c == code).count()
}

/// The `retryAfter` of every RATE_LIMITED error, checked to be within `window` seconds.
fn assert_retry_after(response: &async_graphql::Response, window: i64) {
    for error in &response.errors {
        let ext = error.extensions.as_ref().unwrap();
        if ext.get("code") == Some(&async_graphql::Value::from("RATE_LIMITED")) {
            let retry = ext.get("retryAfter").cloned().unwrap().into_json().unwrap();
            let seconds = retry.as_i64().unwrap();
            assert!((1..=window).contains(&seconds), "retryAfter {seconds}");
        }
    }
}
