//! How deeply an operation nests introspection's list fields (`fields`, `inputFields`,
//! `interfaces`, `possibleTypes`), following fragments: graphql-js's `MaxIntrospectionDepthRule`.
//! Each of those lists every member of a type, so nesting them multiplies the answer by the
//! size of the schema at each level; GraphiQL's own introspection nests them once. Hive's
//! `max_depth` has to skip introspection (that query's `ofType` chain is 18 levels deep), so
//! this is what bounds it. It also counts `__schema` and `__type` fields: each `__schema`
//! answers the whole schema (150 KB for GraphiQL's query), and 29 aliases of one answered
//! 4.4 MB for a 3 KB request; 29 of `__type` beside one, 1.3 MB.

use hive_router::graphql_tools::static_graphql::query::{
    Definition, Document, FragmentDefinition, OperationDefinition, Selection, SelectionSet,
};
use std::collections::{HashMap, HashSet};

const LIST_FIELDS: [&str; 4] = ["fields", "inputFields", "interfaces", "possibleTypes"];

/// What a document asks of introspection.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Introspection {
    /// The most introspection list fields nested in one path, up to the `max_lists` measured.
    pub deepest_lists: usize,
    /// `__schema` fields, through fragments and aliases.
    pub schemas: usize,
    /// `__type` fields, the same.
    pub types: usize,
}

/// Whether some path nests introspection list fields `max` or more times.
#[cfg(test)]
fn too_deep(document: &Document, max: usize) -> bool {
    measure(document, max).deepest_lists >= max
}

/// Walks no path deeper than `max_lists` introspection lists: a cycle of fragments nesting
/// them would go on for ever (validation refuses it, but runs later).
pub fn measure(document: &Document, max_lists: usize) -> Introspection {
    let fragments: HashMap<&str, &FragmentDefinition> = document
        .definitions
        .iter()
        .filter_map(|d| match d {
            Definition::Fragment(f) => Some((f.name.as_str(), f)),
            _ => None,
        })
        .collect();
    // (selections, list nesting so far, inside introspection). A fragment reached again at the
    // same nesting adds nothing new, so each is explored once per nesting: linear in the
    // document, whatever the spreads, and without recursion.
    let mut pending: Vec<(&SelectionSet, usize, bool)> = document
        .definitions
        .iter()
        .filter_map(|d| match d {
            Definition::Operation(op) => Some((selection_set(op), 0, false)),
            _ => None,
        })
        .collect();
    let mut explored: HashSet<(&str, usize, bool)> = HashSet::new();
    let mut measured = Introspection::default();
    while let Some((set, depth, inside)) = pending.pop() {
        for item in &set.items {
            match item {
                Selection::Field(field) => {
                    let name = field.name.as_str();
                    measured.schemas += usize::from(name == "__schema");
                    measured.types += usize::from(name == "__type");
                    let inside = inside || name == "__schema" || name == "__type";
                    let depth = depth + usize::from(inside && LIST_FIELDS.contains(&name));
                    measured.deepest_lists = measured.deepest_lists.max(depth);
                    if depth < max_lists {
                        pending.push((&field.selection_set, depth, inside));
                    }
                }
                Selection::InlineFragment(fragment) => pending.push((&fragment.selection_set, depth, inside)),
                Selection::FragmentSpread(spread) => {
                    let name = spread.fragment_name.as_str();
                    if let Some(fragment) = fragments.get(name) {
                        if explored.insert((name, depth, inside)) {
                            pending.push((&fragment.selection_set, depth, inside));
                        }
                    }
                }
            }
        }
    }
    measured
}

fn selection_set(operation: &OperationDefinition) -> &SelectionSet {
    match operation {
        OperationDefinition::SelectionSet(set) => set,
        OperationDefinition::Query(q) => &q.selection_set,
        OperationDefinition::Mutation(m) => &m.selection_set,
        OperationDefinition::Subscription(s) => &s.selection_set,
    }
}

#[cfg(test)]
mod tests {
    use super::{measure, too_deep};
    use hive_router::graphql_tools::parser::parse_query;

    fn check(text: &str) -> bool {
        let document = parse_query::<String>(text).unwrap().into_static();
        too_deep(&document, 3)
    }

    #[test]
    fn graphiqls_query_passes() {
        let query = "{ __schema { types { ...T } } } fragment T on __Type { fields { type { ...R } } \
                     inputFields { type { ...R } } interfaces { ...R } possibleTypes { ...R } } \
                     fragment R on __Type { kind name ofType { kind name ofType { name } } }";
        assert!(!check(query));
    }

    #[test]
    fn nested_lists_are_caught_directly_and_through_fragments() {
        assert!(check(
            "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"
        ));
        assert!(check(
            "{ __type(name: \"Query\") { ...A } } fragment A on __Type { fields { type { ...B } } } \
             fragment B on __Type { interfaces { ...C } } fragment C on __Type { possibleTypes { name } }"
        ));
    }

    #[test]
    fn ordinary_fields_named_fields_do_not_count() {
        assert!(!check("{ form { fields { fields { fields { name } } } } }"));
    }

    #[test]
    fn each_schema_field_counts_through_aliases_and_fragments() {
        let count = |text: &str| measure(&parse_query::<String>(text).unwrap().into_static(), 3).schemas;
        assert_eq!(count("{ __schema { queryType { name } } }"), 1);
        assert_eq!(
            count("{ a: __schema { types { name } } b: __schema { types { name } } }"),
            2
        );
        assert_eq!(
            count("{ ...A ...B } fragment A on Query { a: __schema { types { name } } } fragment B on Query { b: __schema { types { name } } }"),
            2
        );
        let document =
            parse_query::<String>("{ a: __type(name: \"A\") { name } b: __type(name: \"B\") { name } }")
                .unwrap();
        let measured = measure(&document.into_static(), 3);
        assert_eq!((measured.schemas, measured.types), (0, 2));
    }

    #[test]
    fn cyclic_fragments_nesting_lists_end() {
        assert!(check(
            "{ __schema { types { ...A } } } fragment A on __Type { fields { type { ...A } } }"
        ));
    }

    #[test]
    fn cyclic_fragments_end() {
        // Invalid GraphQL (validation refuses the cycle later), but the walk must still end.
        assert!(!check(
            "{ __schema { types { ...A } } } fragment A on __Type { name ...A }"
        ));
    }
}
