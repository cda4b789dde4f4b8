//! Ids are opaque strings with a type prefix (`prd_…`, `cat_…`): clients must not parse them,
//! and the prefix makes a misrouted id fail loudly instead of matching another table.

use uuid::Uuid;

/// Namespace for ids derived from stable natural keys (demo data), so every subgraph that seeds
/// its slice of the demo derives the same id without reading another subgraph's tables.
const DEMO_NAMESPACE: Uuid = Uuid::from_u128(0x5f0c_8f6e_0a39_4d8e_9a53_7d1e_2c4b_6a10);

/// A fresh, time-ordered id.
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}_{}", Uuid::now_v7().simple())
}

/// A deterministic id for a natural key such as a demo product's slug.
pub fn stable_id(prefix: &str, natural_key: &str) -> String {
    format!(
        "{prefix}_{}",
        Uuid::new_v5(&DEMO_NAMESPACE, format!("{prefix}:{natural_key}").as_bytes()).simple()
    )
}

/// True when `id` looks like one of ours with this prefix; used to reject garbage early.
pub fn has_prefix(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('_'))
        .is_some_and(|rest| rest.len() == 32 && rest.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_ids_are_deterministic_and_prefixed() {
        let a = stable_id("prd", "iphone-15");
        assert_eq!(a, stable_id("prd", "iphone-15"));
        assert_ne!(a, stable_id("prd", "iphone-16"));
        assert!(has_prefix(&a, "prd"));
        assert!(!has_prefix(&a, "cat"));
    }

    #[test]
    fn new_ids_are_unique() {
        assert_ne!(new_id("ord"), new_id("ord"));
        assert!(has_prefix(&new_id("ord"), "ord"));
    }
}
