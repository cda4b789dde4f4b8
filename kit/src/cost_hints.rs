//! Hints a subgraph gives the router's cost estimate (router/src/guard/cost.rs), as the
//! federation demand-control directives; composition carries them into the supergraph.

/// `@listSize(assumedSize: N)` on a list field that takes no `first`: the estimate takes the
/// list to be that long instead of the router's `default_list_size`.
#[async_graphql::TypeDirective(name = "listSize", location = "FieldDefinition")]
pub fn list_size(assumed_size: i32) {}

/// `@cost(weight: N)` on a field dearer than an object: the estimate counts `N` for each of
/// its values instead of 1 (an object) or 0 (a scalar).
#[async_graphql::TypeDirective(name = "cost", location = "FieldDefinition")]
pub fn cost(weight: i32) {}

/// The weight of free text of at most `max_chars` characters: each 100 count as one object,
/// so that a list of long texts costs what it answers.
pub const fn text_weight(max_chars: usize) -> i32 {
    (max_chars / 100) as i32
}
