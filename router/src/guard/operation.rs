//! Operations refused for their shape before planning, and telling a subscription apart.

use super::introspection;
use hive_router::graphql_tools::static_graphql::query::{Definition, Document, OperationDefinition};

/// Introspection list fields nested this often are refused (graphql-js's limit).
const MAX_INTROSPECTION_LISTS: usize = 3;
/// `__type` fields one operation may hold (GraphiQL and code generators ask for `__schema`).
const MAX_TYPE_LOOKUPS: usize = 5;

/// Why `document` is refused before planning, if it is: several operations and no name
/// (`named`) to choose one, or introspection (`may_introspect`: its fields appear in the text)
/// nested too deeply.
pub(super) fn document_refusal(document: &Document, named: bool, may_introspect: bool) -> Option<String> {
    let operations = document
        .definitions
        .iter()
        .filter(|d| matches!(d, Definition::Operation(_)))
        .count();
    if operations > 1 && !named {
        Some(format!(
            "the document has {operations} operations: say which to run in operationName"
        ))
    } else if !may_introspect {
        None
    } else {
        let introspection = introspection::measure(document, MAX_INTROSPECTION_LISTS);
        if introspection.deepest_lists >= MAX_INTROSPECTION_LISTS {
            Some(format!(
                "introspection nests fields, inputFields, interfaces or possibleTypes {MAX_INTROSPECTION_LISTS} or more times"
            ))
        } else if introspection.schemas > 1 || introspection.types > MAX_TYPE_LOOKUPS {
            Some(format!(
                "introspection asks for __schema once and __type at most {MAX_TYPE_LOOKUPS} times per operation"
            ))
        } else {
            None
        }
    }
}

/// Whether the operation `document` runs (the one named, or its only one) is a subscription.
pub(super) fn runs_a_subscription(document: &Document, name: Option<&str>) -> bool {
    document
        .definitions
        .iter()
        .filter_map(|definition| match definition {
            Definition::Operation(operation) => Some(operation),
            _ => None,
        })
        .find(|operation| {
            let named = match operation {
                OperationDefinition::Query(query) => query.name.as_deref(),
                OperationDefinition::Mutation(mutation) => mutation.name.as_deref(),
                OperationDefinition::Subscription(subscription) => subscription.name.as_deref(),
                OperationDefinition::SelectionSet(_) => None,
            };
            name.is_none() || named == name
        })
        .is_some_and(|operation| matches!(operation, OperationDefinition::Subscription(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_operation_that_runs_decides_whether_it_is_a_subscription() {
        let runs = |text: &str, name: Option<&str>| {
            let document = hive_router::graphql_tools::parser::parse_query::<String>(text)
                .unwrap()
                .into_static();
            runs_a_subscription(&document, name)
        };
        assert!(runs("subscription { a }", None));
        assert!(!runs("{ subscription }", None));
        assert!(!runs("query subscription { a }", None));
        let both = "query Q { a } subscription S { a }";
        assert!(runs(both, Some("S")));
        assert!(!runs(both, Some("Q")));
        assert!(!runs(both, Some("missing")));
    }
}
