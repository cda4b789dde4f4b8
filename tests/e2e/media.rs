//! Product pictures (#19): every demo product ships with a bundled illustration, stored by
//! content in the media store and served by the router at `/media/<sha256>.<type>`, cacheable
//! for good and inert if it were hostile.

use crate::helpers::TestSystem;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const PICTURES: &str = "{ products(first: 100) { slug name images { url alt } } }";

async fn pictures(system: &TestSystem) -> Vec<Value> {
    let response = system.graphql(PICTURES, json!({})).await;
    response["data"]["products"]
        .as_array()
        .unwrap_or_else(|| panic!("{response}"))
        .clone()
}

#[tokio::test]
async fn every_demo_product_has_a_picture_the_router_serves_for_good() {
    let mut system = TestSystem::embedded().await;
    let products = pictures(&system).await;
    assert_eq!(products.len(), vitrine_kit::demo::PRODUCTS.len());
    for product in &products {
        let images = product["images"].as_array().unwrap();
        assert_eq!(images.len(), 1, "{product}");
        let alt = images[0]["alt"].as_str().unwrap();
        assert!(alt.starts_with(product["name"].as_str().unwrap()), "{product}");
        assert!(
            images[0]["url"].as_str().unwrap().starts_with("/media/"),
            "{product}"
        );
    }

    let url = products[0]["images"][0]["url"].as_str().unwrap().to_string();
    let response = system.request(reqwest::Method::GET, &url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(header("content-type"), "image/svg+xml");
    assert!(
        header("cache-control").contains("immutable"),
        "{}",
        header("cache-control")
    );
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert!(header("content-security-policy").contains("sandbox"));
    let body = response.bytes().await.unwrap();
    assert!(body.starts_with(b"<svg"));
    // The name is the content's SHA-256: the same URL can never show another picture.
    let hash: String = Sha256::digest(&body).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(url, format!("/media/{hash}.svg"));

    // Nothing else is reachable under /media.
    for path in [
        format!("/media/{}.svg", "0".repeat(64)),
        format!("/media/{hash}.html"),
        "/media/../catalog.db".to_string(),
        "/media/%2e%2e/catalog.db".to_string(),
        "/media/".to_string(),
    ] {
        let status = system
            .request(reqwest::Method::GET, &path)
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status, 404, "{path}");
    }

    // A restart neither loses nor repeats them.
    system.restart_embedded(&[]).await;
    let again = pictures(&system).await;
    assert_eq!(again, products);
}

#[tokio::test]
async fn a_page_of_products_reads_its_pictures_in_one_statement() {
    let system = TestSystem::embedded().await;
    let (response, statements) = system
        .sql_statements(
            None,
            "{ products(first: 50) { name images { url alt } } }",
            json!({}),
        )
        .await;
    assert!(response["errors"].is_null(), "{response}");
    // The page, and every product's pictures at once.
    assert_eq!(statements["catalog"], 2, "{statements:?}");
}
