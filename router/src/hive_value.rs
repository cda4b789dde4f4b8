//! An in-process subgraph's answer handed to Hive as Hive's own `Value`, instead of written as
//! JSON for Hive to parse back (the two were about a tenth of the instructions of issue #22's
//! 50-product request). Hive's values borrow their keys and strings from a buffer its response
//! keeps alive (`SubgraphResponse::bytes`), as when it parses a body; so the text is copied
//! into one buffer first (one allocation, not one per string), and the values point into it.
//! Answers with errors or extensions, or anything this does not map one to one, take the JSON
//! path, which stays the reference.

use async_graphql::{Name, Response, Value as GqlValue};
use bytes::Bytes;
use hive_router::executor::response::subgraph_response::SubgraphResponse;
use hive_router::executor::response::value::Value;
use hive_router::query_planner::planner::plan_nodes::CustomScalarPaths;
use std::borrow::Cow;

/// `response` as Hive would have parsed it from its JSON, or `None` for the JSON path.
pub fn subgraph_response(
    response: &Response,
    custom_scalars: Option<&CustomScalarPaths>,
) -> Option<SubgraphResponse<'static>> {
    // Hive turns a response without data or errors into its own error; the JSON path says so.
    if !response.errors.is_empty() || !response.extensions.is_empty() || response.data == GqlValue::Null {
        return None;
    }
    let paths = custom_scalars.filter(|paths| !paths.is_empty());
    let mut text = String::new();
    if !collect_text(&response.data, paths, &mut text) {
        return None;
    }
    let text = Bytes::from(text);
    // SAFETY: `text` is valid UTF-8 (written from `&str`s), and its heap buffer neither moves
    // nor is freed while the `SubgraphResponse` holding it in `bytes` lives (Hive keeps it
    // beside the response's data for the whole request); the `'static` slices below point into
    // it and live inside that same response. This is the contract of Hive's own
    // `SubgraphResponse::deserialize_from_bytes`, which borrows from its body alike.
    let all: &'static str =
        unsafe { std::mem::transmute::<&str, &'static str>(std::str::from_utf8_unchecked(&text)) };
    let mut rest = all;
    let data = convert(&response.data, paths, &mut rest);
    debug_assert!(rest.is_empty(), "every piece of text was used once");
    Some(SubgraphResponse {
        data,
        bytes: Some(text),
        ..Default::default()
    })
}

/// The custom-scalar paths below `key`, as Hive's parser follows them.
fn below<'p>(paths: Option<&'p CustomScalarPaths>, key: &str) -> Option<&'p CustomScalarPaths> {
    paths?.children.get(key).filter(|child| !child.is_empty())
}

/// Appends every key and string `convert` will meet, in the order it meets them; false when
/// the value holds something only the JSON path writes (binary).
fn collect_text(value: &GqlValue, paths: Option<&CustomScalarPaths>, text: &mut String) -> bool {
    if paths.is_some_and(|paths| paths.terminal) {
        return true;
    }
    match value {
        GqlValue::Object(fields) => fields.iter().all(|(key, inner)| {
            text.push_str(key);
            collect_text(inner, below(paths, key), text)
        }),
        GqlValue::List(items) => items.iter().all(|item| collect_text(item, paths, text)),
        GqlValue::String(s) => {
            text.push_str(s);
            true
        }
        GqlValue::Enum(name) => {
            text.push_str(name);
            true
        }
        GqlValue::Binary(_) => false,
        GqlValue::Null | GqlValue::Boolean(_) | GqlValue::Number(_) => true,
    }
}

/// The next `len` bytes of the collected text.
fn take(text: &mut &'static str, len: usize) -> &'static str {
    let (here, rest) = text.split_at(len);
    *text = rest;
    here
}

fn convert(value: &GqlValue, paths: Option<&CustomScalarPaths>, text: &mut &'static str) -> Value<'static> {
    if paths.is_some_and(|paths| paths.terminal) {
        // A custom scalar stays raw JSON, as Hive keeps it.
        let raw = serde_json::to_string(value).expect("values serialise");
        return Value::RawJson(Cow::Owned(raw));
    }
    match value {
        GqlValue::Null => Value::Null,
        GqlValue::Boolean(b) => Value::Bool(*b),
        // As a JSON parser reads them: unsigned when it can, then signed, else a float.
        GqlValue::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Value::U64(u),
            (None, Some(i)) => Value::I64(i),
            (None, None) => Value::F64(n.as_f64().unwrap_or_default()),
        },
        GqlValue::String(s) => Value::String(Cow::Borrowed(take(text, s.len()))),
        GqlValue::Enum(name) => Value::String(Cow::Borrowed(take(text, name.len()))),
        GqlValue::List(items) => Value::Array(items.iter().map(|item| convert(item, paths, text)).collect()),
        GqlValue::Object(fields) => {
            let mut entries: Vec<(&'static str, Value<'static>)> = fields
                .iter()
                .map(|(key, inner): (&Name, &GqlValue)| {
                    let key_here = take(text, key.len());
                    (key_here, convert(inner, below(paths, key), text))
                })
                .collect();
            // Hive looks keys up by binary search; its parser sorts them too.
            entries.sort_unstable_by_key(|(key, _)| *key);
            Value::Object(entries)
        }
        GqlValue::Binary(_) => unreachable!("refused by collect_text"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::ServerError;

    fn parsed_by_hive(response: &Response, paths: Option<&CustomScalarPaths>) -> SubgraphResponse<'static> {
        let bytes = Bytes::from(serde_json::to_vec(response).unwrap());
        SubgraphResponse::deserialize_from_bytes(bytes, paths).unwrap()
    }

    fn same(response: &Response, paths: Option<&CustomScalarPaths>) {
        let direct = subgraph_response(response, paths).expect("the direct path");
        let parsed = parsed_by_hive(response, paths);
        // Hive's `Value` has no `PartialEq`; its debug form shows variants, order and text.
        assert_eq!(format!("{:?}", direct.data), format!("{:?}", parsed.data));
    }

    fn answer(json: serde_json::Value) -> Response {
        Response::new(GqlValue::from_json(json).unwrap())
    }

    #[test]
    fn an_answer_becomes_what_hive_would_have_parsed() {
        same(
            &answer(serde_json::json!({
                "products": [
                    { "name": "Пицца «Маргарита»", "inStock": true, "offers": [
                        { "price": { "amount": 250000, "currency": "KZT" }, "stock": -3, "shop": null },
                    ], "rating": 4.5, "zeta": "z", "alpha": "a" },
                    { "name": "Лагман", "inStock": false, "offers": [], "rating": 0.1, "zeta": "", "alpha": "\"quoted\"\n" },
                ],
                "_entities": [{ "__typename": "Product", "id": "prd_1" }],
                "big": 18446744073709551615u64,
                "small": -9223372036854775808i64,
            })),
            None,
        );
        let mut with_enum = answer(serde_json::json!({ "order": {} }));
        if let GqlValue::Object(fields) = &mut with_enum.data {
            fields.insert(Name::new("status"), GqlValue::Enum(Name::new("DELIVERED")));
        }
        same(&with_enum, None);
    }

    #[test]
    fn custom_scalars_stay_raw_json_where_hive_keeps_them_raw() {
        let mut paths = CustomScalarPaths::default();
        paths.insert_path(["products", "attributes"]);
        same(
            &answer(serde_json::json!({
                "products": [
                    { "attributes": { "b": 1, "a": [true, null] }, "name": "x" },
                    { "attributes": "plain", "name": "y" },
                ],
                "attributes": { "kept": "structured elsewhere" },
            })),
            Some(&paths),
        );
    }

    #[test]
    fn errors_extensions_binary_and_missing_data_take_the_json_path() {
        let mut failed = answer(serde_json::json!({ "a": 1 }));
        failed.errors.push(ServerError::new("no", None));
        assert!(subgraph_response(&failed, None).is_none());
        let mut extended = answer(serde_json::json!({ "a": 1 }));
        extended.extensions.insert("cost".into(), GqlValue::from(3));
        assert!(subgraph_response(&extended, None).is_none());
        let mut binary = answer(serde_json::json!({}));
        if let GqlValue::Object(fields) = &mut binary.data {
            fields.insert(Name::new("blob"), GqlValue::Binary(Bytes::from_static(b"\x00")));
        }
        assert!(subgraph_response(&binary, None).is_none());
        assert!(subgraph_response(&Response::new(GqlValue::Null), None).is_none());
    }
}
