use anyhow::{anyhow, Context};
use hive_router::graphql_tools::parser::schema::{
    parse_schema, Definition, Directive, Document, TypeDefinition, Value,
};
use std::collections::BTreeSet;

pub struct SubgraphSdl<'a> {
    pub name: &'a str,
    pub sdl: &'a str,
    pub url: &'a str,
}

/// Composes subgraph SDLs into a supergraph Hive Router can plan against.
pub fn compose_supergraph(subgraphs: &[SubgraphSdl<'_>]) -> anyhow::Result<String> {
    let mut graphs = graphql_composition::Subgraphs::default();
    for s in subgraphs {
        graphs
            .ingest_str(s.sdl, s.name, Some(s.url))
            .map_err(|e| anyhow!("reading the {} subgraph's SDL: {e}", s.name))?;
    }
    let composed = graphql_composition::compose(&mut graphs)
        .into_result()
        .map_err(|diagnostics| {
            let messages: Vec<String> = diagnostics.iter_messages().map(|m| m.to_string()).collect();
            anyhow!("composition failed:\n{}", messages.join("\n"))
        })?;
    let sdl = graphql_composition::render_federated_sdl(&composed).context("rendering the supergraph")?;
    add_root_join_types(&sdl)
}

/// graphql-composition leaves `@join__type` off the root types; Hive's planner then finds no
/// path to any root field. Each root type gets `@join__type(graph: G)` for every graph that
/// contributes one of its fields.
pub fn add_root_join_types(supergraph_sdl: &str) -> anyhow::Result<String> {
    let mut doc: Document<'_, String> = parse_schema(supergraph_sdl).context("parsing the supergraph")?;
    let roots = root_type_names(&doc);
    for definition in &mut doc.definitions {
        let Definition::TypeDefinition(TypeDefinition::Object(object)) = definition else {
            continue;
        };
        if !roots.contains(&object.name) {
            continue;
        }
        let contributing: BTreeSet<String> = object
            .fields
            .iter()
            .flat_map(|field| field.directives.iter())
            .filter(|d| d.name == "join__field")
            .filter_map(graph_argument)
            .collect();
        let present: BTreeSet<String> = object
            .directives
            .iter()
            .filter(|d| d.name == "join__type")
            .filter_map(graph_argument)
            .collect();
        for graph in contributing.difference(&present) {
            object.directives.push(Directive {
                position: object.position,
                name: "join__type".to_string(),
                arguments: vec![("graph".to_string(), Value::Enum(graph.clone()))],
            });
        }
    }
    Ok(doc.to_string())
}

fn graph_argument(directive: &Directive<'_, String>) -> Option<String> {
    directive
        .arguments
        .iter()
        .find_map(|(name, value)| match (name.as_str(), value) {
            ("graph", Value::Enum(graph)) => Some(graph.clone()),
            _ => None,
        })
}

/// Names from `schema { query: … }` when present, else the default root names.
fn root_type_names(doc: &Document<'_, String>) -> BTreeSet<String> {
    for definition in &doc.definitions {
        if let Definition::SchemaDefinition(schema) = definition {
            return [&schema.query, &schema.mutation, &schema.subscription]
                .into_iter()
                .flatten()
                .cloned()
                .collect();
        }
    }
    ["Query", "Mutation", "Subscription"]
        .into_iter()
        .map(String::from)
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use hive_router::query_planner::ast::normalization::normalize_operation;
    use hive_router::query_planner::graph::PlannerOverrideContext;
    use hive_router::query_planner::planner::{Planner, QueryPlannerOptions};
    use hive_router::query_planner::utils::cancellation::CancellationToken;
    use hive_router::query_planner::utils::parsing::{parse_operation, parse_schema};

    pub(crate) const PRODUCTS: &str = r#"
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        type Query { products: [Product!]! }
        type Product @key(fields: "id") { id: ID! name: String! }
    "#;
    pub(crate) const STOCK: &str = r#"
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        type Query { lowStock: [Product!]! }
        type Product @key(fields: "id") { id: ID! stock: Int! }
    "#;

    fn raw_composition() -> String {
        let mut graphs = graphql_composition::Subgraphs::default();
        graphs
            .ingest_str(PRODUCTS, "products", Some("http://p/graphql"))
            .unwrap();
        graphs
            .ingest_str(STOCK, "stock", Some("http://s/graphql"))
            .unwrap();
        let composed = graphql_composition::compose(&mut graphs).into_result().unwrap();
        graphql_composition::render_federated_sdl(&composed).unwrap()
    }

    fn plan(supergraph_sdl: &str, operation: &str) -> Result<String, String> {
        let planner =
            Planner::new_from_supergraph(&parse_schema(supergraph_sdl), QueryPlannerOptions::default())
                .map_err(|e| e.to_string())?;
        let normalized = normalize_operation(&planner.supergraph, &parse_operation(operation), None)
            .map_err(|e| e.to_string())?;
        planner
            .plan_from_normalized_operation(
                &normalized.operation,
                PlannerOverrideContext::default(),
                &CancellationToken::new(),
            )
            .map(|plan| format!("{plan:?}"))
            .map_err(|e| e.to_string())
    }

    fn query_type_line(sdl: &str) -> &str {
        sdl.lines().find(|l| l.starts_with("type Query")).unwrap()
    }

    #[test]
    fn root_types_get_a_join_type_per_contributing_graph() {
        let raw = raw_composition();
        assert!(
            !query_type_line(&raw).contains("@join__type"),
            "upstream behaviour changed: {raw}"
        );
        let fixed = add_root_join_types(&raw).unwrap();
        let line = query_type_line(&fixed);
        assert!(line.contains("@join__type(graph: PRODUCTS)"), "{line}");
        assert!(line.contains("@join__type(graph: STOCK)"), "{line}");
    }

    #[test]
    fn hive_can_plan_root_fields_only_after_the_fix() {
        let raw = raw_composition();
        let operation = "{ products { name stock } }";
        assert!(
            plan(&raw, operation).is_err(),
            "planning without root @join__type should fail"
        );
        let plan = plan(
            &compose_supergraph(&[
                SubgraphSdl {
                    name: "products",
                    sdl: PRODUCTS,
                    url: "http://p/graphql",
                },
                SubgraphSdl {
                    name: "stock",
                    sdl: STOCK,
                    url: "http://s/graphql",
                },
            ])
            .unwrap(),
            operation,
        )
        .expect("plans after the fix");
        // Root fetch from products, then an entity fetch to stock.
        assert!(
            plan.contains("products") && plan.contains("stock") && plan.contains("_entities"),
            "{plan}"
        );
    }

    #[test]
    fn the_fix_is_idempotent() {
        let once = add_root_join_types(&raw_composition()).unwrap();
        assert_eq!(add_root_join_types(&once).unwrap(), once);
    }
}
