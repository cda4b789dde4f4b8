//! Which subscriptions may share a run, and until when a caller's token lets them.

use crate::guard::{bearer_token, unverified_claims};
use hive_router::ntex::http::HeaderMap;
use hive_router::query_planner::ast::operation::OperationDefinition;
use hive_router::query_planner::ast::selection_item::SelectionItem;

/// Whether every root field `operation` selects is one of `state_fields` (each of whose
/// results is the whole current state, so a late joiner may start from the latest). Anything
/// else at the root (`__typename`, fragments) runs alone.
pub fn is_state_operation(operation: &OperationDefinition, state_fields: &[&str]) -> bool {
    let items = &operation.selection_set.items;
    !items.is_empty()
        && items.iter().all(|item| match item {
            SelectionItem::Field(field) => state_fields.contains(&field.name.as_str()),
            _ => false,
        })
}

/// Whether the caller's token in `headers` lets its subscription join a run as of `now`
/// (seconds since the epoch): no `Authorization` at all, or a bearer token whose `exp` is
/// later. Its `exp` is read without checking the signature: the run it would join is executed
/// with this very header, which Hive verifies then (a refusal reaches every member, joiners
/// too). A token past its `exp`, or one whose `exp` cannot be read, runs alone.
pub fn token_lets_join(headers: &HeaderMap, now: i64) -> bool {
    #[derive(serde::Deserialize)]
    struct Expiry {
        exp: i64,
    }
    if !headers.contains_key("authorization") {
        return true;
    }
    bearer_token(headers)
        .and_then(unverified_claims::<Expiry>)
        .is_some_and(|claims| claims.exp > now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(authorization: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("authorization".parse().unwrap(), authorization.parse().unwrap());
        headers
    }

    fn token(claims: &str) -> String {
        use base64::Engine;
        let encode = |text: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text);
        format!(
            "Bearer {}.{}.signature",
            encode(r#"{"alg":"HS256"}"#),
            encode(claims)
        )
    }

    #[test]
    fn a_token_lets_a_subscription_join_until_its_exp() {
        let expiring = headers(&token(r#"{"sub":"c1","exp":1700000000}"#));
        assert!(token_lets_join(&expiring, 1_699_999_999));
        assert!(!token_lets_join(&expiring, 1_700_000_000));
        assert!(!token_lets_join(&headers(&token(r#"{"sub":"c1"}"#)), 0));
        assert!(!token_lets_join(&headers("Basic dXNlcjpwYXNz"), 0));
        assert!(!token_lets_join(&headers("Bearer not-a-token"), 0));
        assert!(token_lets_join(&HeaderMap::new(), 0));
    }
}
