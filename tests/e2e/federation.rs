use crate::helpers::TestSystem;
use serde_json::{json, Value};

const FIRST_QUERY: &str =
    "{ products(first: 5) { name price { amount currency } inStock category { name } } }";

#[tokio::test]
async fn a_product_list_resolves_across_catalog_and_inventory() {
    let system = TestSystem::embedded().await;
    let response = system.graphql(FIRST_QUERY, json!({})).await;
    assert!(response.get("errors").is_none(), "{response}");
    let products = response["data"]["products"].as_array().unwrap();
    assert_eq!(products.len(), 5);
    // Ordered by name; the demo data is fixed, so the first product is known.
    assert_eq!(
        products[0],
        json!({
            "name": "ASUS ROG Strix G16",
            "price": { "amount": 79_999_000, "currency": "KZT" },
            "inStock": true,
            "category": { "name": "Laptops" }
        })
    );
    for product in products {
        assert!(
            product["inStock"].is_boolean(),
            "inventory field missing: {product}"
        );
    }
}

#[tokio::test]
async fn a_product_by_id_carries_stock_and_its_category_tree() {
    let system = TestSystem::embedded().await;
    let list = system.graphql("{ products(first: 1) { id } }", json!({})).await;
    let id = list["data"]["products"][0]["id"].as_str().unwrap().to_string();
    let response = system
        .graphql(
            "query($id: ID!) { product(id: $id) { id name stock requiresPreparation category { name parent { name } } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        response["data"]["product"],
        json!({
            "id": id,
            "name": "ASUS ROG Strix G16",
            "stock": 6,
            "requiresPreparation": false,
            "category": { "name": "Laptops", "parent": { "name": "Electronics" } }
        })
    );
}

#[tokio::test]
async fn products_by_category_include_subcategories() {
    let system = TestSystem::embedded().await;
    let categories = system
        .graphql(
            "{ categories(rootsOnly: true) { id slug children { slug } } }",
            json!({}),
        )
        .await;
    let roots = categories["data"]["categories"].as_array().unwrap();
    assert_eq!(roots.len(), 2, "{categories}");
    let kitchen = roots.iter().find(|c| c["slug"] == "kitchen").unwrap();
    assert!(kitchen["children"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["slug"] == "pizza"));

    let response = system
        .graphql(
            "query($c: ID!) { products(first: 100, categoryId: $c) { requiresPreparation category { parent { slug } } } }",
            json!({ "c": kitchen["id"] }),
        )
        .await;
    let products = response["data"]["products"].as_array().unwrap();
    assert!(products.len() >= 20, "kitchen menu too short: {}", products.len());
    assert!(products
        .iter()
        .all(|p| p["category"]["parent"]["slug"] == "kitchen"));
    assert!(products
        .iter()
        .any(|p| p["requiresPreparation"] == Value::Bool(true)));
}
