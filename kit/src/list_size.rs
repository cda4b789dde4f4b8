//! `@listSize(assumedSize: N)` on a list field its subgraph bounds itself (it takes no
//! `first`): composition carries it into the supergraph, and the router's cost estimate takes
//! the list to be that long instead of its default of 20 (router/src/guard/cost.rs).

#[async_graphql::TypeDirective(name = "listSize", location = "FieldDefinition")]
pub fn list_size(assumed_size: i32) {}
