//! `vitrine schema check SUBGRAPH FILE`: would this SDL, in place of the subgraph's current one,
//! compose with the others, what would change in the API clients see, and which of the
//! storefront's operations would it break? A change is allowed unless it does not compose or
//! breaks an operation; other breaking changes are listed as a warning (a client of someone
//! else's may use them).

use crate::compose::{compose_supergraph, SubgraphSdl};
use hive_router::graphql_tools::parser::query::{Definition as QueryDefinition, OperationDefinition};
use hive_router::graphql_tools::parser::schema::{Definition, Document, Type, TypeDefinition};
use hive_router::graphql_tools::validation::rules::default_rules_validation_plan;
use hive_router::graphql_tools::validation::validate::validate;
use hive_router::query_planner::planner::{Planner, QueryPlannerOptions};
use hive_router::query_planner::utils::parsing::safe_parse_schema;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// One subgraph as composed today.
pub struct Registered {
    pub name: String,
    pub sdl: String,
    pub url: String,
}

/// A named operation the storefront sends.
pub struct Operation {
    pub name: String,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct CheckReport {
    /// Why the proposed SDL does not compose with the others, if it does not.
    pub composition_error: Option<String>,
    /// Changes to the API, breaking ones flagged.
    pub changes: Vec<Change>,
    /// Operations that would no longer validate, with what validation says.
    pub broken_operations: Vec<(String, Vec<String>)>,
    pub operations_checked: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub breaking: bool,
    pub what: String,
}

impl CheckReport {
    pub fn passed(&self) -> bool {
        self.composition_error.is_none() && self.broken_operations.is_empty()
    }

    /// The report as printed by `vitrine schema check`.
    pub fn render(&self, subgraph: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "schema check of {subgraph}");
        if let Some(error) = &self.composition_error {
            let _ = writeln!(out, "does not compose:\n{error}");
        } else {
            let _ = writeln!(out, "composes with the other subgraphs");
            if self.changes.is_empty() {
                let _ = writeln!(out, "no change to the API");
            }
            for change in &self.changes {
                let label = if change.breaking { "BREAKING" } else { "safe    " };
                let _ = writeln!(out, "  {label} {}", change.what);
            }
            let _ = writeln!(
                out,
                "storefront operations: {} checked, {} broken",
                self.operations_checked,
                self.broken_operations.len()
            );
            for (name, errors) in &self.broken_operations {
                let _ = writeln!(out, "  {name}: {}", errors.join("; "));
            }
        }
        let verdict = if self.passed() { "PASS" } else { "FAIL" };
        let _ = writeln!(out, "{verdict}");
        out
    }
}

/// Checks `proposed` as the SDL of `subgraph` against `registered` (today's subgraphs).
pub fn check(
    registered: &[Registered],
    subgraph: &str,
    proposed: &str,
    operations: &[Operation],
) -> anyhow::Result<CheckReport> {
    let before =
        api_schema(registered, None).map_err(|e| anyhow::anyhow!("today's subgraphs do not compose: {e}"))?;
    let after = match api_schema(registered, Some((subgraph, proposed))) {
        Ok(after) => after,
        Err(error) => {
            return Ok(CheckReport {
                composition_error: Some(error),
                ..CheckReport::default()
            })
        }
    };
    let plan = default_rules_validation_plan();
    let mut broken_operations = Vec::new();
    for operation in operations {
        let document = match hive_router::graphql_tools::parser::parse_query(&operation.text) {
            Ok(document) => document.into_static(),
            Err(e) => anyhow::bail!("operation {} does not parse: {e}", operation.name),
        };
        let errors = validate(&after, &document, &plan);
        if !errors.is_empty() {
            let messages = errors.into_iter().map(|e| e.message).collect();
            broken_operations.push((operation.name.clone(), messages));
        }
    }
    Ok(CheckReport {
        composition_error: None,
        changes: changes(&before, &after),
        broken_operations,
        operations_checked: operations.len(),
    })
}

/// The API schema (what clients see) of the composition, with `replace` swapping one SDL.
fn api_schema(
    registered: &[Registered],
    replace: Option<(&str, &str)>,
) -> Result<Document<'static, String>, String> {
    let inputs: Vec<SubgraphSdl<'_>> = registered
        .iter()
        .map(|r| SubgraphSdl {
            name: &r.name,
            sdl: match replace {
                Some((name, sdl)) if name == r.name => sdl,
                _ => &r.sdl,
            },
            url: &r.url,
        })
        .collect();
    let supergraph = compose_supergraph(&inputs).map_err(|e| format!("{e:#}"))?;
    let document = safe_parse_schema(&supergraph).map_err(|e| e.to_string())?;
    let planner = Planner::new_from_supergraph(&document, QueryPlannerOptions::default())
        .map_err(|e| format!("Hive's planner refuses it: {e}"))?;
    Ok((*planner.consumer_schema.document).clone())
}

/// Each type's members as `member → type text` (fields with their type, arguments as
/// `field(arg)`, enum values and union members with an empty type), and the kind.
fn members(
    document: &Document<'static, String>,
) -> BTreeMap<String, (&'static str, BTreeMap<String, String>)> {
    let mut types = BTreeMap::new();
    for definition in &document.definitions {
        let Definition::TypeDefinition(definition) = definition else {
            continue;
        };
        let (name, kind, members): (&String, &'static str, BTreeMap<String, String>) = match definition {
            TypeDefinition::Object(t) => (&t.name, "type", output_fields(&t.fields)),
            TypeDefinition::Interface(t) => (&t.name, "interface", output_fields(&t.fields)),
            TypeDefinition::InputObject(t) => (
                &t.name,
                "input",
                t.fields
                    .iter()
                    .map(|f| {
                        (
                            f.name.clone(),
                            required_text(&f.value_type, f.default_value.is_some()),
                        )
                    })
                    .collect(),
            ),
            TypeDefinition::Enum(t) => (
                &t.name,
                "enum",
                t.values.iter().map(|v| (v.name.clone(), String::new())).collect(),
            ),
            TypeDefinition::Union(t) => (
                &t.name,
                "union",
                t.types.iter().map(|m| (m.clone(), String::new())).collect(),
            ),
            TypeDefinition::Scalar(t) => (&t.name, "scalar", BTreeMap::new()),
        };
        types.insert(name.clone(), (kind, members));
    }
    types
}

fn output_fields(
    fields: &[hive_router::graphql_tools::parser::schema::Field<'static, String>],
) -> BTreeMap<String, String> {
    let mut members = BTreeMap::new();
    for field in fields {
        members.insert(field.name.clone(), field.field_type.to_string());
        for argument in &field.arguments {
            members.insert(
                format!("{}({})", field.name, argument.name),
                required_text(&argument.value_type, argument.default_value.is_some()),
            );
        }
    }
    members
}

/// An input's type, marked when a caller must give it (non-null, no default).
fn required_text(value_type: &Type<'static, String>, has_default: bool) -> String {
    let required = matches!(value_type, Type::NonNullType(_)) && !has_default;
    format!("{value_type}{}", if required { " (required)" } else { "" })
}

/// What changed from `before` to `after`, breaking changes first.
fn changes(before: &Document<'static, String>, after: &Document<'static, String>) -> Vec<Change> {
    let (before, after) = (members(before), members(after));
    let mut changes = BTreeSet::new();
    for (name, (kind, old)) in &before {
        let Some((_, new)) = after.get(name) else {
            changes.insert((false, format!("{kind} {name} removed")));
            continue;
        };
        for (member, old_type) in old {
            let what = format!("{name}.{member}");
            match new.get(member) {
                None => {
                    changes.insert((false, format!("{what} removed")));
                }
                Some(new_type) if new_type != old_type => {
                    let safe = *kind != "input"
                        && !member.contains('(')
                        && new_type.strip_suffix('!') == Some(old_type.as_str());
                    changes.insert((safe, format!("{what}: {old_type} → {new_type}")));
                }
                Some(_) => {}
            }
        }
        for (member, new_type) in new.iter().filter(|(m, _)| !old.contains_key(*m)) {
            // A new required input (argument or input field) breaks callers that omit it.
            let breaking = new_type.ends_with("(required)");
            changes.insert((!breaking, format!("{name}.{member} added")));
        }
    }
    for (name, (kind, _)) in after.iter().filter(|(n, _)| !before.contains_key(*n)) {
        changes.insert((true, format!("{kind} {name} added")));
    }
    // `(safe, what)` sorts breaking (false) first.
    changes
        .into_iter()
        .map(|(safe, what)| Change {
            breaking: !safe,
            what,
        })
        .collect()
}

/// The named operations of a trusted-documents manifest (`{"<sha-256>": "<document>"}`, as the
/// storefront's codegen writes it); each document is named by its first operation.
pub fn manifest_operations(manifest_json: &str) -> anyhow::Result<Vec<Operation>> {
    let manifest: BTreeMap<String, String> = serde_json::from_str(manifest_json)?;
    manifest
        .into_values()
        .map(|text| {
            let document = hive_router::graphql_tools::parser::parse_query::<String>(&text)
                .map_err(|e| anyhow::anyhow!("a manifest document does not parse: {e}"))?;
            let name = document
                .definitions
                .iter()
                .find_map(|definition| match definition {
                    QueryDefinition::Operation(OperationDefinition::Query(q)) => q.name.clone(),
                    QueryDefinition::Operation(OperationDefinition::Mutation(m)) => m.name.clone(),
                    QueryDefinition::Operation(OperationDefinition::Subscription(s)) => s.name.clone(),
                    _ => None,
                })
                .unwrap_or_else(|| "(anonymous)".to_string());
            Ok(Operation { name, text })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRODUCTS: &str = r#"
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        type Query { products(first: Int = 10): [Product!]! }
        type Product @key(fields: "id") { id: ID! name: String! note: String }
    "#;
    const STOCK: &str = r#"
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        type Query { lowStock: [Product!]! }
        type Product @key(fields: "id") { id: ID! stock: Int! }
    "#;

    fn registered() -> Vec<Registered> {
        [("products", PRODUCTS), ("stock", STOCK)]
            .into_iter()
            .map(|(name, sdl)| Registered {
                name: name.into(),
                sdl: sdl.into(),
                url: format!("http://{name}/graphql"),
            })
            .collect()
    }

    fn storefront() -> Vec<Operation> {
        manifest_operations(
            r#"{"a": "query Shelf { products { id name stock } }", "b": "query Scarce { lowStock { id } }"}"#,
        )
        .unwrap()
    }

    fn breaking(report: &CheckReport) -> Vec<&str> {
        report
            .changes
            .iter()
            .filter(|c| c.breaking)
            .map(|c| c.what.as_str())
            .collect()
    }

    #[test]
    fn an_added_field_passes_and_is_listed_as_safe() {
        let proposed = PRODUCTS.replace("note: String", "note: String price: Int");
        let report = check(&registered(), "products", &proposed, &storefront()).unwrap();
        assert!(report.passed(), "{}", report.render("products"));
        assert!(breaking(&report).is_empty(), "{:?}", report.changes);
        assert!(report.changes.contains(&Change {
            breaking: false,
            what: "Product.price added".into()
        }));
        assert_eq!(report.operations_checked, 2);
    }

    #[test]
    fn removing_a_field_the_storefront_uses_fails_and_names_the_operation() {
        let proposed = PRODUCTS.replace("name: String!", "");
        let report = check(&registered(), "products", &proposed, &storefront()).unwrap();
        assert!(!report.passed());
        assert_eq!(breaking(&report), ["Product.name removed"]);
        assert_eq!(report.broken_operations.len(), 1);
        assert_eq!(report.broken_operations[0].0, "Shelf");
        assert!(report.render("products").ends_with("FAIL\n"));
    }

    #[test]
    fn a_breaking_change_no_operation_uses_is_a_warning_only() {
        let proposed = PRODUCTS.replace("note: String", "").replace(
            "products(first: Int = 10)",
            "products(first: Int = 10, shop: ID!)",
        );
        let report = check(&registered(), "products", &proposed, &storefront()).unwrap();
        let broken = breaking(&report);
        assert!(broken.contains(&"Product.note removed"), "{broken:?}");
        assert!(broken.contains(&"Query.products(shop) added"), "{broken:?}");
        // `shop` is required: the storefront's Shelf no longer validates.
        assert_eq!(report.broken_operations.len(), 1, "{}", report.render("products"));

        let only_note = PRODUCTS.replace("note: String", "");
        let report = check(&registered(), "products", &only_note, &storefront()).unwrap();
        assert!(report.passed(), "{}", report.render("products"));
        assert_eq!(breaking(&report), ["Product.note removed"]);
    }

    #[test]
    fn an_sdl_that_does_not_compose_fails() {
        let proposed = STOCK.replace("stock: Int!", "stock: Int! name: Int!");
        let report = check(&registered(), "stock", &proposed, &storefront()).unwrap();
        assert!(report.composition_error.is_some());
        assert!(!report.passed());
        assert!(report.render("stock").contains("does not compose"));
    }
}
