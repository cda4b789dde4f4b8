//! The estimated cost of an operation, taken over the whole operation before it is planned:
//! each object a field returns costs 1, a scalar nothing unless aliased (1), a field with
//! `@cost(weight)` its weight (long free text, `kit::cost_hints`); a list multiplies what it
//! selects by its size: the `first` argument it was given (or its page object was given, for
//! the page's list; at most the page cap), else that argument's default, else its
//! `@listSize(assumedSize)` (a list its subgraph bounds, or a shop's offers, which nothing
//! bounds), else `default_list_size`. Every alias counts, and each root mutation field costs
//! 10 more.
//!
//! Hive 0.2.5's `demand_control` estimates each subgraph fetch of the plan on its own instead:
//! every entity fetch is taken to resolve `default_list_size` entities whatever the list above
//! it held, `first` sizes nothing without `@listSize`, and the planner merges every alias's
//! entity fetches into one. 30 aliases of `products(first: 100) { … offers { shop { offers {
//! product … } } } }` were estimated at 17 860 (one alias: 17 280) and answered 12 MB.

use hive_router::graphql_tools::parser::schema::{
    Definition, Document, Field, Type, TypeDefinition, Value as SdlValue,
};
use hive_router::query_planner::ast::operation::OperationDefinition;
use hive_router::query_planner::ast::selection_item::SelectionItem;
use hive_router::query_planner::ast::selection_set::{FieldSelection, SelectionSet};
use hive_router::query_planner::ast::value::Value;
use hive_router::query_planner::state::supergraph_state::OperationKind;
use sonic_rs::JsonValueTrait;
use std::collections::HashMap;
use vitrine_kit::input::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};

/// The argument that sizes a paged list (every paged field of the schema takes it).
const PAGE_SIZE_ARGUMENT: &str = "first";
const LIST_SIZE_DIRECTIVE: &str = "listSize";
const COST_DIRECTIVE: &str = "cost";
/// What each root mutation field adds: a write costs more than a read of one object.
const MUTATION_COST: u64 = 10;

/// What the estimate needs of one field of the supergraph.
#[derive(Debug, Clone)]
struct FieldShape {
    /// The named type under the field's list and non-null wrappers.
    type_name: String,
    list: bool,
    /// What each item costs itself: its `@cost(weight)`, else 1 for an object, interface or
    /// union and 0 for a scalar or enum.
    weight: u64,
    /// When it takes `first`, the page it serves without one: `first`'s default, or the page
    /// every subgraph serves when a `first` with no default is left out.
    page_default: Option<u64>,
    /// `@listSize(assumedSize: N)` (`kit::cost_hints`).
    assumed_size: Option<u64>,
}

/// The supergraph's output fields, by type and name.
#[derive(Debug, Default)]
pub struct CostModel {
    fields: HashMap<String, HashMap<String, FieldShape>>,
    roots: [String; 3],
}

impl CostModel {
    pub fn from_supergraph(document: &Document<'static, String>) -> Self {
        let mut roots = [
            "Query".to_string(),
            "Mutation".to_string(),
            "Subscription".to_string(),
        ];
        let mut composite = std::collections::HashSet::new();
        let mut typed_fields = Vec::new();
        for definition in &document.definitions {
            match definition {
                Definition::SchemaDefinition(schema) => {
                    for (root, name) in
                        roots
                            .iter_mut()
                            .zip([&schema.query, &schema.mutation, &schema.subscription])
                    {
                        if let Some(name) = name {
                            root.clone_from(name);
                        }
                    }
                }
                Definition::TypeDefinition(TypeDefinition::Object(object)) => {
                    composite.insert(object.name.as_str());
                    typed_fields.push((&object.name, &object.fields));
                }
                Definition::TypeDefinition(TypeDefinition::Interface(interface)) => {
                    composite.insert(interface.name.as_str());
                    typed_fields.push((&interface.name, &interface.fields));
                }
                Definition::TypeDefinition(TypeDefinition::Union(union)) => {
                    composite.insert(union.name.as_str());
                }
                _ => {}
            }
        }
        let fields = typed_fields
            .into_iter()
            .map(|(type_name, fields)| {
                let shapes = fields
                    .iter()
                    .map(|field| {
                        let (named, list) = named_type(&field.field_type);
                        let first = field.arguments.iter().find(|a| a.name == PAGE_SIZE_ARGUMENT);
                        let shape = FieldShape {
                            type_name: named.to_string(),
                            list,
                            weight: directive_argument(field, COST_DIRECTIVE, "weight")
                                .unwrap_or(u64::from(composite.contains(named))),
                            page_default: first.map(|a| {
                                a.default_value
                                    .as_ref()
                                    .and_then(count)
                                    .unwrap_or(DEFAULT_PAGE_SIZE as u64)
                            }),
                            assumed_size: directive_argument(field, LIST_SIZE_DIRECTIVE, "assumedSize"),
                        };
                        (field.name.clone(), shape)
                    })
                    .collect();
                (type_name.clone(), shapes)
            })
            .collect();
        CostModel { fields, roots }
    }

    /// The operation's estimated cost with these variables; `default_list_size` for a list
    /// nothing sizes.
    pub fn estimate(
        &self,
        operation: &OperationDefinition,
        variables: &IntegerVariables,
        default_list_size: u64,
    ) -> u64 {
        let root = match operation.operation_kind {
            Some(OperationKind::Mutation) => &self.roots[1],
            Some(OperationKind::Subscription) => &self.roots[2],
            _ => &self.roots[0],
        };
        let estimate = Estimate {
            model: self,
            operation,
            variables,
            default_list_size,
        };
        let writes = u64::from(root_mutation_fields(operation)).saturating_mul(MUTATION_COST);
        estimate
            .selections(&operation.selection_set, root, None)
            .saturating_add(writes)
    }

    fn field(&self, parent: &str, name: &str) -> Option<&FieldShape> {
        self.fields.get(parent)?.get(name)
    }
}

/// How many root fields a mutation has, each a write (0 for a query or subscription).
pub fn root_mutation_fields(operation: &OperationDefinition) -> u32 {
    if !matches!(operation.operation_kind, Some(OperationKind::Mutation)) {
        return 0;
    }
    let fields = operation
        .selection_set
        .items
        .iter()
        .filter(|item| matches!(item, SelectionItem::Field(_)))
        .count();
    u32::try_from(fields).unwrap_or(u32::MAX)
}

/// `@directive(argument: N)` on `field`.
fn directive_argument(field: &Field<'static, String>, directive: &str, argument: &str) -> Option<u64> {
    let directive = field.directives.iter().find(|d| d.name == directive)?;
    let (_, value) = directive.arguments.iter().find(|(name, _)| name == argument)?;
    count(value)
}

/// A non-negative integer written in the schema.
fn count(value: &SdlValue<'static, String>) -> Option<u64> {
    match value {
        SdlValue::Int(n) => n.as_i64().map(|n| n.max(0) as u64),
        _ => None,
    }
}

/// `[T!]!` → (`T`, true).
fn named_type<'a>(field_type: &'a Type<'static, String>) -> (&'a str, bool) {
    match field_type {
        Type::NamedType(name) => (name, false),
        Type::NonNullType(inner) => named_type(inner),
        Type::ListType(inner) => (named_type(inner).0, true),
    }
}

struct Estimate<'a> {
    model: &'a CostModel,
    operation: &'a OperationDefinition,
    variables: &'a IntegerVariables,
    default_list_size: u64,
}

impl Estimate<'_> {
    /// `page`: the `first` a page object's field was given, which sizes the page's lists.
    fn selections(&self, set: &SelectionSet, parent: &str, page: Option<u64>) -> u64 {
        let mut total = 0u64;
        // Fragments on other types than the parent's are alternatives: the dearest counts.
        let mut alternatives: HashMap<&str, u64> = HashMap::new();
        for item in &set.items {
            match item {
                SelectionItem::Field(field) => total = total.saturating_add(self.field(field, parent, page)),
                SelectionItem::InlineFragment(fragment) => {
                    let condition = fragment.type_condition.as_str();
                    let cost = self.selections(&fragment.selections, condition, page);
                    if condition == parent {
                        total = total.saturating_add(cost);
                    } else {
                        let branch = alternatives.entry(condition).or_default();
                        *branch = branch.saturating_add(cost);
                    }
                }
                // Hive's normalisation has inlined every fragment spread.
                SelectionItem::FragmentSpread(_) => {}
            }
        }
        total.saturating_add(alternatives.into_values().max().unwrap_or(0))
    }

    fn field(&self, field: &FieldSelection, parent: &str, page: Option<u64>) -> u64 {
        // `__typename` costs nothing; introspection is answered apart, and bounded apart.
        let Some(shape) = self.model.field(parent, &field.name) else {
            return 0;
        };
        let first = shape
            .page_default
            .map(|default| self.page_size(field).unwrap_or(default));
        let children_page = if shape.list { None } else { first };
        // An alias is the only way to answer a scalar more often than its type has fields, and
        // 28 of one at the end of nested lists answered 110 MB: each aliased scalar costs 1.
        let weight = if shape.weight == 0 && field.alias.is_some() {
            1
        } else {
            shape.weight
        };
        let each = weight.saturating_add(self.selections(&field.selections, &shape.type_name, children_page));
        if shape.list {
            first
                .or(shape.assumed_size)
                .or(page)
                .unwrap_or(self.default_list_size)
                .saturating_mul(each)
        } else {
            each
        }
    }

    /// The `first` this field was given: written in, or a variable (sent, or its default). A
    /// page larger than any subgraph serves counts as the largest: its subgraph refuses it
    /// with an error that names the cap, clearer than a cost.
    fn page_size(&self, field: &FieldSelection) -> Option<u64> {
        let as_count = |n: i64| n.clamp(0, i64::from(MAX_PAGE_SIZE)) as u64;
        match field.arguments.as_ref()?.get_argument(PAGE_SIZE_ARGUMENT)? {
            Value::Int(n) => Some(as_count(*n)),
            Value::Variable(_) if self.variables.unknown => Some(as_count(i64::MAX)),
            Value::Variable(name) => match self.variables.integers.get(name) {
                Some(n) => Some(as_count(*n)),
                None => self
                    .operation
                    .variable_definitions
                    .iter()
                    .flatten()
                    .find(|definition| &definition.name == name)
                    .and_then(|definition| match definition.default_value {
                        Some(Value::Int(n)) => Some(as_count(n)),
                        _ => None,
                    }),
            },
            _ => None,
        }
    }
}

/// The request's integer variables, by name: all a `first` may come from. Taken when the
/// document is parsed (`on_graphql_parse`): by the analysis hook, Hive 0.2.5 has moved every
/// variable out of the request's parameters into its coerced ones, which no plugin can read,
/// so an estimate taken from the parameters priced `products(first: $n)` at `first`'s default.
#[derive(Debug)]
pub struct IntegerVariables {
    integers: HashMap<String, i64>,
    /// The values are not known (a WebSocket's operation): every variable `first` counts as
    /// the largest page.
    unknown: bool,
}

impl IntegerVariables {
    pub fn of(variables: &HashMap<String, sonic_rs::Value>) -> Self {
        let integers = variables
            .iter()
            .filter_map(|(name, value)| Some((name.clone(), value.as_i64()?)))
            .collect();
        IntegerVariables {
            integers,
            unknown: false,
        }
    }

    pub fn unknown() -> Self {
        IntegerVariables {
            integers: HashMap::new(),
            unknown: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hive_router::query_planner::ast::normalization::normalize_operation;
    use hive_router::query_planner::planner::{Planner, QueryPlannerOptions};
    use hive_router::query_planner::utils::parsing::{parse_operation, parse_schema};

    /// The shipped `default_list_size`.
    const DEFAULT_LIST_SIZE: u64 = 10;

    /// The checked-in supergraph, and what the estimate needs of it.
    struct Supergraph {
        planner: Planner,
        model: CostModel,
    }

    impl Supergraph {
        fn load() -> Self {
            let sdl = std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../schema/supergraph.graphql"
            ))
            .unwrap();
            let document = parse_schema(&sdl);
            Supergraph {
                planner: Planner::new_from_supergraph(&document, QueryPlannerOptions::default()).unwrap(),
                model: CostModel::from_supergraph(&document),
            }
        }

        fn cost_with(&self, operation: &str, variables: &str) -> u64 {
            let normalized = normalize_operation(&self.planner.supergraph, &parse_operation(operation), None)
                .unwrap_or_else(|e| panic!("{operation}: {e}"));
            let variables: HashMap<String, sonic_rs::Value> = sonic_rs::from_str(variables).unwrap();
            self.model.estimate(
                &normalized.operation,
                &IntegerVariables::of(&variables),
                DEFAULT_LIST_SIZE,
            )
        }

        fn cost(&self, operation: &str) -> u64 {
            self.cost_with(operation, "{}")
        }
    }

    /// The storefront's own operations, each page as large as a client may ask (100), must
    /// stay well under the limit: what this prints are the figures beside `max_cost`.
    #[test]
    fn the_storefronts_documents_cost_well_under_the_limit() {
        let supergraph = Supergraph::load();
        let manifest = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../web/src/gql/persisted-documents.json"
        ))
        .unwrap();
        let documents: HashMap<String, String> = sonic_rs::from_str(&manifest).unwrap();
        assert!(documents.len() > 50, "{} documents", documents.len());
        let mut costs: Vec<(u64, &String)> = documents
            .values()
            .map(|document| (supergraph.cost_with(document, r#"{"first": 100}"#), document))
            .collect();
        costs.sort();
        for (cost, document) in costs.iter().rev().take(5) {
            let name = document.split(" {").next().unwrap_or_default();
            println!("{cost:>6}  {name}");
        }
        let (dearest, document) = costs.last().unwrap();
        // A fifth of the limit to spare.
        let limit = super::super::GuardConfig::default().max_cost;
        assert!(dearest * 5 <= limit * 4, "{dearest} of {limit}: {document}");
    }

    #[test]
    fn a_list_costs_what_it_selects_times_its_first() {
        let supergraph = Supergraph::load();
        // Each product 1 and its category 1.
        assert_eq!(
            supergraph.cost("{ products(first: 5) { name category { name } } }"),
            10
        );
        assert_eq!(
            supergraph.cost("{ products(first: 100) { name category { name } } }"),
            200
        );
        // `first` left out: the argument's default (20).
        assert_eq!(supergraph.cost("{ products { name category { name } } }"), 40);
        // Scalars cost nothing; so does `__typename`.
        assert_eq!(
            supergraph.cost("{ products(first: 100) { name __typename } }"),
            100
        );
    }

    #[test]
    fn first_from_a_variable_counts_as_written() {
        let supergraph = Supergraph::load();
        let query = "query($n: Int!) { products(first: $n) { category { name } } }";
        assert_eq!(supergraph.cost_with(query, r#"{"n": 100}"#), 200);
        assert_eq!(supergraph.cost_with(query, r#"{"n": 3}"#), 6);
        let defaulted = "query($n: Int! = 7) { products(first: $n) { category { name } } }";
        assert_eq!(supergraph.cost(defaulted), 14);
        // Past the cap its subgraph refuses it, naming the cap; the estimate takes the cap.
        assert_eq!(supergraph.cost_with(query, r#"{"n": 1000000}"#), 200);
        assert_eq!(
            supergraph.cost("{ products(first: -5) { category { name } } }"),
            0
        );
        // Values not known (a WebSocket's operation): the largest page, defaults included.
        for query in [query, defaulted] {
            let normalized =
                normalize_operation(&supergraph.planner.supergraph, &parse_operation(query), None).unwrap();
            let cost = supergraph.model.estimate(
                &normalized.operation,
                &IntegerVariables::unknown(),
                DEFAULT_LIST_SIZE,
            );
            assert_eq!(cost, 200, "{query}");
        }
    }

    #[test]
    fn a_list_its_subgraph_bounds_takes_its_assumed_size() {
        let supergraph = Supergraph::load();
        // `@listSize(assumedSize:)` from the catalog: 10 pictures, 3 options.
        assert_eq!(
            supergraph.cost("{ products(first: 10) { images { alt } options { name } } }"),
            10 * (1 + 10 + 3)
        );
    }

    #[test]
    fn long_text_costs_its_weight() {
        let supergraph = Supergraph::load();
        // A description of up to 5 000 characters weighs 50, a picture address 20.
        assert_eq!(
            supergraph.cost("{ products(first: 10) { name description imageUrl } }"),
            10 * (1 + 50 + 20)
        );
        // A shop's, up to 2 000, weighs 20.
        assert_eq!(
            supergraph.cost("{ shops { description } }"),
            DEFAULT_LIST_SIZE * (1 + 20)
        );
    }

    #[test]
    fn an_aliased_scalar_costs_one() {
        let supergraph = Supergraph::load();
        // The shop 1, each of its offers (100 assumed) 1 and its two aliased ids 2.
        assert_eq!(
            supergraph.cost(r#"{ shop(id: "s") { offers { a: id b: id } } }"#),
            1 + 100 * 3
        );
        assert_eq!(supergraph.cost(r#"{ shop(id: "s") { offers { id } } }"#), 1 + 100);
    }

    #[test]
    fn lists_multiply_across_subgraphs() {
        let supergraph = Supergraph::load();
        // Offers come from the shops subgraph; an unsized list is `default_list_size` long.
        let one = supergraph.cost("{ products(first: 100) { offers { shop { name } } } }");
        assert_eq!(one, 100 * (1 + DEFAULT_LIST_SIZE * 2));
        let deeper =
            supergraph.cost("{ products(first: 100) { offers { shop { offers { product { name } } } } } }");
        // A shop's offers are assumed 100 (`@listSize` from the shops subgraph).
        assert_eq!(deeper, 100 * (1 + DEFAULT_LIST_SIZE * (1 + 1 + 100 * 2)));
    }

    #[test]
    fn every_alias_counts() {
        let supergraph = Supergraph::load();
        let one = "products(first: 100) { offers { shop { offers { product { name } } } } }";
        let aliased: String = (0..30).map(|i| format!("a{i}: {one} ")).collect();
        assert_eq!(
            supergraph.cost(&format!("{{ {aliased} }}")),
            30 * supergraph.cost(&format!("{{ {one} }}"))
        );
    }

    #[test]
    fn a_page_objects_lists_take_its_first() {
        let supergraph = Supergraph::load();
        // The page 1, each product and its category 2.
        let page = "{ searchProducts(first: 50) { nodes { name category { name } } } }";
        let per_node = 2;
        assert_eq!(supergraph.cost(page), 1 + 50 * per_node);
        // `first` left out, and no default in the schema: the page subgraphs serve then (20).
        assert_eq!(
            supergraph.cost("{ searchProducts { nodes { name category { name } } } }"),
            1 + 20 * per_node
        );
    }

    #[test]
    fn fragments_count_once_per_place_they_are_spread() {
        let supergraph = Supergraph::load();
        let spread = "{ products(first: 10) { ...P } } fragment P on Product { category { name } }";
        assert_eq!(
            supergraph.cost(spread),
            supergraph.cost("{ products(first: 10) { category { name } } }")
        );
    }

    #[test]
    fn each_root_mutation_field_costs_more_than_a_read() {
        let supergraph = Supergraph::load();
        let twice = "mutation { a: markAllNotificationsRead b: markAllNotificationsRead }";
        // Each also answers an aliased scalar (1).
        assert_eq!(supergraph.cost(twice), 2 * (MUTATION_COST + 1));
    }
}
