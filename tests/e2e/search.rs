//! Catalog search: text, category tree, tags, price range, in-stock only, sorting and Relay
//! pagination, through the router.

use crate::helpers::{error_codes, TestSystem};
use crate::shopping::eventually;
use serde_json::{json, Value};

const SEARCH: &str = "query($q: String, $c: ID, $tags: [String!], $min: Int, $max: Int, $stock: Boolean, $sort: ProductSort, $first: Int, $after: String) {
  searchProducts(query: $q, categoryId: $c, tags: $tags, minPrice: $min, maxPrice: $max, inStockOnly: $stock, sort: $sort, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { slug name price { amount } category { slug } } }
  }
}";

fn slugs(response: &Value) -> Vec<String> {
    response["data"]["searchProducts"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{response}"))
        .iter()
        .map(|e| e["node"]["slug"].as_str().unwrap().to_string())
        .collect()
}

async fn category_id(system: &TestSystem, slug: &str) -> Value {
    let all = system.graphql("{ categories { id slug } }", json!({})).await;
    all["data"]["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == slug)
        .unwrap()["id"]
        .clone()
}

#[tokio::test]
async fn text_search_ranks_name_matches_first() {
    let system = TestSystem::embedded().await;
    let response = system.graphql(SEARCH, json!({ "q": "pizza" })).await;
    let found = slugs(&response);
    assert_eq!(response["data"]["searchProducts"]["totalCount"], 5, "{response}");
    assert!(found.iter().all(|s| s.starts_with("pizza-")), "{found:?}");
    // Every word must match: "pizza" and "cheese" together is only the four-cheese pizza.
    assert_eq!(
        slugs(&system.graphql(SEARCH, json!({ "q": "Pizza CHEESE" })).await),
        vec!["pizza-four-cheese"]
    );
    assert_eq!(
        system.graphql(SEARCH, json!({ "q": "no-such-thing" })).await["data"]["searchProducts"]["totalCount"],
        0
    );
}

#[tokio::test]
async fn filters_combine_category_tree_tags_and_price() {
    let system = TestSystem::embedded().await;
    let electronics = category_id(&system, "electronics").await;
    let phones = system
        .graphql(SEARCH, json!({ "c": electronics, "tags": ["Android"], "max": 20_000_000, "sort": "PRICE_ASC", "first": 100 }))
        .await;
    let found = slugs(&phones);
    assert_eq!(found, vec!["redmi-note-13", "galaxy-a55"], "{phones}");
    let prices: Vec<i64> = phones["data"]["searchProducts"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["price"]["amount"].as_i64().unwrap())
        .collect();
    assert!(prices.windows(2).all(|w| w[0] <= w[1]));
    let expensive_first = system
        .graphql(
            SEARCH,
            json!({ "c": electronics, "sort": "PRICE_DESC", "first": 1 }),
        )
        .await;
    assert_eq!(slugs(&expensive_first), vec!["macbook-pro-14"]);
}

#[tokio::test]
async fn pages_follow_cursors_without_gaps_or_repeats() {
    let system = TestSystem::embedded().await;
    let mut seen = Vec::new();
    let mut after = Value::Null;
    loop {
        let page = system
            .graphql(SEARCH, json!({ "first": 25, "after": after, "sort": "NEWEST" }))
            .await;
        seen.extend(slugs(&page));
        let info = &page["data"]["searchProducts"]["pageInfo"];
        if info["hasNextPage"] != true {
            break;
        }
        after = info["endCursor"].clone();
    }
    let total = system.graphql(SEARCH, json!({ "first": 1 })).await["data"]["searchProducts"]["totalCount"]
        .as_i64()
        .unwrap();
    assert_eq!(seen.len() as i64, total);
    let unique: std::collections::HashSet<_> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "a product appeared on two pages");
}

#[tokio::test]
async fn in_stock_only_follows_inventory() {
    let system = TestSystem::embedded().await;
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    let search = json!({ "q": "projector", "stock": true });
    assert_eq!(
        slugs(&system.graphql(SEARCH, search.clone()).await),
        vec!["epson-projector"]
    );
    // Sell out the only offer (4 units at Technodom): the product leaves in-stock results.
    let product = system
        .graphql(
            "{ searchProducts(query: \"projector\") { edges { node { offers { id stock } } } } }",
            json!({}),
        )
        .await;
    let offers = product["data"]["searchProducts"]["edges"][0]["node"]["offers"]
        .as_array()
        .unwrap()
        .clone();
    for (i, offer) in offers.iter().enumerate() {
        let reserved = system
            .graphql_as(
                &admin,
                "mutation($o: ID!, $off: ID!, $n: Int!) { reserveStock(orderId: $o, lines: [{ offerId: $off, quantity: $n }]) { status } }",
                json!({ "o": format!("ord_sellout_{i}"), "off": offer["id"], "n": offer["stock"] }),
            )
            .await;
        assert_eq!(reserved["data"]["reserveStock"]["status"], "HELD", "{reserved}");
    }
    eventually("the sold-out product to leave the in-stock results", || async {
        slugs(&system.graphql(SEARCH, search.clone()).await)
            .is_empty()
            .then_some(())
    })
    .await;
    // Without the filter it is still found.
    assert_eq!(
        slugs(&system.graphql(SEARCH, json!({ "q": "projector" })).await),
        vec!["epson-projector"]
    );
}

#[tokio::test]
async fn bad_search_input_gets_clear_codes() {
    let system = TestSystem::embedded().await;
    let cases = [
        (json!({ "first": 101 }), "BAD_USER_INPUT"),
        (json!({ "min": -1 }), "BAD_USER_INPUT"),
        (json!({ "min": 500, "max": 100 }), "BAD_USER_INPUT"),
        (json!({ "after": "garbage" }), "BAD_USER_INPUT"),
        (json!({ "c": "cat_unknown" }), "NOT_FOUND"),
    ];
    for (variables, code) in cases {
        let response = system.graphql(SEARCH, variables.clone()).await;
        assert_eq!(error_codes(&response), vec![code], "{variables}: {response}");
    }
}

/// A search page of 50 products with offers, their shops and stock: a fixed number of SQL
/// statements per subgraph, whatever the page size.
#[tokio::test]
async fn a_search_page_with_offers_shops_and_stock_is_batched() {
    let system = TestSystem::embedded().await;
    let query = "{ searchProducts(first: 50) { totalCount edges { node { name category { name } stock offers { price { amount } stock shop { name } } } } } }";
    let spent = crate::batching::exact_sql_statements(&system, None, query, |response| {
        assert_eq!(
            response["data"]["searchProducts"]["edges"]
                .as_array()
                .unwrap()
                .len(),
            50
        )
    })
    .await;
    // catalog: count, page, categories; shops: offers, shops; inventory: product stock, offer stock.
    let expected = [("catalog", 3), ("shops", 2), ("inventory", 2)];
    assert_eq!(spent, expected.iter().map(|(s, n)| (s.to_string(), *n)).collect());
}

#[tokio::test]
async fn sellers_manage_their_own_products() {
    let system = TestSystem::embedded().await;
    let seller = system.login("seller@vitrine.kz", "seller-demo-2026").await;
    let audio = category_id(&system, "audio").await;
    let create =
        "mutation($i: ProductInput!) { createProduct(input: $i) { id slug price { amount } archived } }";
    let input = json!({ "name": "Vitrine Buds", "slug": "vitrine-buds", "description": "House brand earbuds.", "price": 999_000, "categoryId": audio, "tags": ["Wireless"] });
    let created = system.graphql_as(&seller, create, json!({ "i": input })).await;
    let id = created["data"]["createProduct"]["id"].clone();
    assert!(id.is_string(), "{created}");
    assert_eq!(
        slugs(&system.graphql(SEARCH, json!({ "q": "vitrine buds" })).await),
        vec!["vitrine-buds"]
    );

    let duplicate = system.graphql_as(&seller, create, json!({ "i": input })).await;
    assert_eq!(error_codes(&duplicate), vec!["CONFLICT"]);
    let mut negative = input.clone();
    negative["slug"] = json!("cheap-buds");
    negative["price"] = json!(-5);
    assert_eq!(
        error_codes(&system.graphql_as(&seller, create, json!({ "i": negative })).await),
        vec!["BAD_USER_INPUT"]
    );
    let mut unknown = input.clone();
    unknown["slug"] = json!("lost-buds");
    unknown["categoryId"] = json!("cat_missing");
    assert_eq!(
        error_codes(&system.graphql_as(&seller, create, json!({ "i": unknown })).await),
        vec!["NOT_FOUND"]
    );
    let (_, customer, _) = system.register("shopper").await;
    assert_eq!(
        error_codes(&system.graphql_as(&customer, create, json!({ "i": input })).await),
        vec!["FORBIDDEN"]
    );
    // Sellers may not archive what they did not create.
    let archive = "mutation($id: ID!) { archiveProduct(id: $id) { archived } }";
    let demo = system
        .graphql(
            "{ searchProducts(query: \"galaxy s24\") { edges { node { id } } } }",
            json!({}),
        )
        .await;
    let demo_id = demo["data"]["searchProducts"]["edges"][0]["node"]["id"].clone();
    assert_eq!(
        error_codes(
            &system
                .graphql_as(&seller, archive, json!({ "id": demo_id }))
                .await
        ),
        vec!["FORBIDDEN"]
    );

    // The seller's console lists what the seller made, not the demo catalog; an admin sees all.
    let mine = "query($all: Boolean!) { myProducts(includeArchived: $all) { id } }";
    let ids = |response: Value| -> Vec<Value> {
        response["data"]["myProducts"]
            .as_array()
            .unwrap_or_else(|| panic!("{response}"))
            .iter()
            .map(|p| p["id"].clone())
            .collect()
    };
    assert_eq!(
        ids(system.graphql_as(&seller, mine, json!({ "all": false })).await),
        vec![id.clone()]
    );
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    assert!(ids(system.graphql_as(&admin, mine, json!({ "all": false })).await).len() > 1);
    assert_eq!(
        error_codes(&system.graphql_as(&customer, mine, json!({ "all": false })).await),
        vec!["FORBIDDEN"]
    );

    let archived = system.graphql_as(&seller, archive, json!({ "id": id })).await;
    assert_eq!(archived["data"]["archiveProduct"]["archived"], true, "{archived}");
    assert!(ids(system.graphql_as(&seller, mine, json!({ "all": false })).await).is_empty());
    assert_eq!(
        ids(system.graphql_as(&seller, mine, json!({ "all": true })).await),
        vec![id.clone()]
    );
    assert!(slugs(&system.graphql(SEARCH, json!({ "q": "vitrine buds" })).await).is_empty());
    // Shops hear of it: no new offers for an archived product.
    let shop =
        system.graphql_as(&seller, "{ myShops { id } }", json!({})).await["data"]["myShops"][0]["id"].clone();
    let add = "mutation($s: ID!, $p: ID!) { addOfferToShop(shopId: $s, productId: $p, price: 100, count: 1) { id } }";
    eventually("shops to refuse offers for the archived product", || async {
        let response = system
            .graphql_as(&seller, add, json!({ "s": shop, "p": id }))
            .await;
        (error_codes(&response) == ["BAD_USER_INPUT"]).then_some(())
    })
    .await;
}

const FACETS: &str = "query($q: String, $c: ID, $tags: [String!], $stock: Boolean) {
  searchProducts(query: $q, categoryId: $c, tags: $tags, inStockOnly: $stock, first: 1) {
    totalCount
    facets { categories { category { id slug } count } tags { tag count } inStock }
  }
}";

fn category_count(facets: &Value, slug: &str) -> Option<i64> {
    facets["categories"]
        .as_array()
        .unwrap_or_else(|| panic!("{facets}"))
        .iter()
        .find(|c| c["category"]["slug"] == slug)
        .map(|c| c["count"].as_i64().unwrap())
}

/// Each facet's count is what choosing it would find: checked by running that search.
#[tokio::test]
async fn facet_counts_say_what_each_refinement_would_find() {
    let system = TestSystem::embedded().await;
    let total = |response: &Value| response["data"]["searchProducts"]["totalCount"].as_i64().unwrap();
    let all = system.graphql(FACETS, json!({})).await;
    assert!(all["errors"].is_null(), "{all}");
    let facets = all["data"]["searchProducts"]["facets"].clone();

    // A category counts its own products and its subcategories'.
    let kitchen = category_id(&system, "kitchen").await;
    let pizza = category_id(&system, "pizza").await;
    for (slug, id) in [("kitchen", &kitchen), ("pizza", &pizza)] {
        let chosen = system.graphql(FACETS, json!({ "c": id })).await;
        assert_eq!(
            category_count(&facets, slug),
            Some(total(&chosen)),
            "{slug}: {facets}"
        );
    }
    assert!(category_count(&facets, "kitchen") > category_count(&facets, "pizza"));

    // Inside Pizza, the other categories still show what the same search holds there.
    let in_pizza = system.graphql(FACETS, json!({ "c": pizza })).await;
    let in_pizza_facets = &in_pizza["data"]["searchProducts"]["facets"];
    assert_eq!(
        category_count(in_pizza_facets, "electronics"),
        category_count(&facets, "electronics"),
        "{in_pizza}"
    );

    // Tags count within the matches; choosing one finds exactly that many.
    let top = &in_pizza_facets["tags"][0];
    let tag = top["tag"].as_str().unwrap_or_else(|| panic!("{in_pizza}"));
    let tagged = system.graphql(FACETS, json!({ "c": pizza, "tags": [tag] })).await;
    assert_eq!(top["count"].as_i64(), Some(total(&tagged)), "{tag}: {tagged}");

    // In stock: what inStockOnly would find, shown whether or not it is on.
    let text = system.graphql(FACETS, json!({ "q": "pizza" })).await;
    let stocked = system
        .graphql(FACETS, json!({ "q": "pizza", "stock": true }))
        .await;
    assert_eq!(
        text["data"]["searchProducts"]["facets"]["inStock"].as_i64(),
        Some(total(&stocked)),
        "{text}"
    );
    assert_eq!(
        stocked["data"]["searchProducts"]["facets"]["inStock"],
        text["data"]["searchProducts"]["facets"]["inStock"]
    );

    // Three statements for the facets, plus the page's two and the category tree's, however
    // many categories and tags there are.
    let (response, statements) = system.sql_statements(None, FACETS, json!({ "q": "pizza" })).await;
    assert!(response["errors"].is_null(), "{response}");
    assert!(statements["catalog"] <= 6, "{statements:?}");
}
