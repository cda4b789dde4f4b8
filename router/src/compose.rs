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
    let composed = graphql_composition::compose(&mut graphs).into_result().map_err(|diagnostics| {
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
    directive.arguments.iter().find_map(|(name, value)| match (name.as_str(), value) {
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
    ["Query", "Mutation", "Subscription"].into_iter().map(String::from).collect()
}
