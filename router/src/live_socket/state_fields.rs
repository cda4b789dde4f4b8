//! Which subscriptions may share a run, and until when a caller's token lets them.

use base64::Engine;
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

/// When the bearer token in `authorization` expires (its `exp`, seconds since the epoch),
/// read without checking its signature: the run it would join is executed with this very
/// header, which Hive verifies then (a refusal reaches every member, joiners too). `None`
/// when there is no such token, or no `exp` in it.
pub fn bearer_expiry(authorization: &str) -> Option<i64> {
    let token = authorization
        .strip_prefix("Bearer ")
        .or_else(|| authorization.strip_prefix("bearer "))?;
    let claims = token.split('.').nth(1)?;
    let claims = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(claims.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&claims).ok()?;
    claims.get("exp")?.as_i64()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(claims: &str) -> String {
        let encode = |text: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text);
        format!(
            "Bearer {}.{}.signature",
            encode(r#"{"alg":"HS256"}"#),
            encode(claims)
        )
    }

    #[test]
    fn a_bearer_token_expires_when_its_exp_says() {
        assert_eq!(
            bearer_expiry(&token(r#"{"sub":"c1","exp":1700000000}"#)),
            Some(1_700_000_000)
        );
        assert_eq!(bearer_expiry(&token(r#"{"sub":"c1"}"#)), None);
        assert_eq!(bearer_expiry("Basic dXNlcjpwYXNz"), None);
        assert_eq!(bearer_expiry("Bearer not-a-token"), None);
    }
}
