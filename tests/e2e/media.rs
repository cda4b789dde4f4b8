//! Product pictures (#19): every demo product ships with a bundled illustration, stored by
//! content in the media store and served by the router at `/media/<sha256>.<type>`, cacheable
//! for good and inert if it were hostile.

use crate::helpers::{error_codes, TestSystem};
use crate::shopping::Shopper;
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

const ADD_IMAGE: &str = "mutation($p: ID!, $f: Upload!, $alt: String!) { addProductImage(productId: $p, file: $f, alt: $alt) { \
     images { thumb: url(size: THUMB) card: url(size: CARD) full: url original: url(size: ORIGINAL) alt } } }";

/// A `width`×`height` PNG of one colour.
fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_pixel(width, height, image::Rgb([30, 120, 200]));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

/// A GraphQL multipart request (the spec's `operations`, `map` and one file part `0`) for
/// `addProductImage`, as `token`; `preflight` adds the header the router asks for.
async fn upload(
    system: &TestSystem,
    token: Option<&str>,
    product_id: &Value,
    file: &[u8],
    preflight: bool,
) -> (u16, Value) {
    let boundary = "vitrine-test-boundary-7f3c";
    let operations = json!({
        "query": ADD_IMAGE,
        "variables": { "p": product_id, "f": null, "alt": "A blue square" },
    });
    let mut body = Vec::new();
    for (name, value) in [
        ("operations", operations.to_string()),
        ("map", json!({ "0": ["variables.f"] }).to_string()),
    ] {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"0\"; filename=\"picture\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut request = system
        .request(reqwest::Method::POST, "/graphql")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body);
    if preflight {
        request = request.header("apollo-require-preflight", "true");
    }
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// A new product of the seller's (category Audio).
pub async fn new_product(system: &TestSystem, token: &str, slug: &str) -> Value {
    let audio = system.graphql("{ categories { id slug } }", json!({})).await["data"]["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == "audio")
        .unwrap()["id"]
        .clone();
    let created = system
        .graphql_as(
            token,
            "mutation($i: ProductInput!) { createProduct(input: $i) { id } }",
            json!({ "i": { "name": slug, "slug": slug, "description": "For the upload test.", "price": 100_000, "categoryId": audio, "tags": [] } }),
        )
        .await;
    let id = created["data"]["createProduct"]["id"].clone();
    assert!(id.is_string(), "{created}");
    id
}

#[tokio::test]
async fn a_seller_uploads_a_picture_that_is_served_in_three_sizes() {
    let system = TestSystem::embedded().await;
    let seller = system.login("seller@vitrine.kz", "seller-demo-2026").await;
    let product = new_product(&system, &seller, "upload-buds").await;
    let original = png(1600, 1000);
    let (status, answer) = upload(&system, Some(&seller), &product, &original, true).await;
    assert_eq!(status, 200, "{answer}");
    let images = answer["data"]["addProductImage"]["images"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"));
    assert_eq!(images.len(), 1, "{answer}");
    assert_eq!(images[0]["alt"], "A blue square");

    for (size, width) in [("thumb", 160), ("card", 480), ("full", 1200)] {
        let url = images[0][size].as_str().unwrap();
        let response = system.request(reqwest::Method::GET, url).send().await.unwrap();
        assert_eq!(response.status(), 200, "{url}");
        assert_eq!(response.headers()["content-type"], "image/webp");
        assert!(response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable"));
        let decoded = image::load_from_memory(&response.bytes().await.unwrap()).unwrap();
        assert_eq!(
            (decoded.width(), decoded.height()),
            (width, width * 1000 / 1600),
            "{size}"
        );
    }
    let url = images[0]["original"].as_str().unwrap();
    let kept = system.request(reqwest::Method::GET, url).send().await.unwrap();
    assert_eq!(kept.headers()["content-type"], "image/png");
    assert_eq!(kept.bytes().await.unwrap().as_ref(), original.as_slice());

    // The product page reads it back.
    let read = system
        .graphql(
            "query($id: ID!) { product(id: $id) { images { url alt } } }",
            json!({ "id": product }),
        )
        .await;
    assert_eq!(
        read["data"]["product"]["images"][0]["url"], images[0]["full"],
        "{read}"
    );
}

#[tokio::test]
async fn uploads_are_refused_for_the_wrong_type_size_caller_or_request() {
    let system = TestSystem::embedded().await;
    let seller = system.login("seller@vitrine.kz", "seller-demo-2026").await;
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    let customer = Shopper::new(&system, "upload-customer", 0).await;
    let own = new_product(&system, &seller, "upload-own").await;
    let admins = new_product(&system, &admin, "upload-admins").await;
    let picture = png(64, 64);
    let code = |answer: &Value| answer["errors"][0]["extensions"]["code"].clone();

    // Wrong type: told by the bytes, whatever the name says.
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    let (status, answer) = upload(&system, Some(&seller), &own, svg, true).await;
    assert_eq!(
        (status, code(&answer)),
        (400, json!("BAD_USER_INPUT")),
        "{answer}"
    );
    let (status, answer) = upload(&system, Some(&seller), &own, b"GIF89a....", true).await;
    assert_eq!(
        (status, code(&answer)),
        (400, json!("BAD_USER_INPUT")),
        "{answer}"
    );

    // Too large: over 5 MiB is refused before anything is stored.
    let mut huge = png(8, 8);
    huge.resize(5 * 1024 * 1024 + 1, 0);
    let (status, answer) = upload(&system, Some(&seller), &own, &huge, true).await;
    assert_eq!(
        (status, code(&answer)),
        (413, json!("BAD_USER_INPUT")),
        "{answer}"
    );

    // Not the owner, not a seller, not signed in. Only sellers and admins get anything
    // stored: nobody else can fill the store.
    let stored = || {
        std::fs::read_dir(system.data_path().join("media"))
            .unwrap()
            .count()
    };
    let before = stored();
    let (status, answer) = upload(&system, Some(&customer.token), &own, &png(65, 65), true).await;
    assert_eq!(
        (status, error_codes(&answer)),
        (403, vec!["FORBIDDEN".to_string()]),
        "{answer}"
    );
    let (status, answer) = upload(&system, None, &own, &png(66, 66), true).await;
    assert_eq!(
        (status, error_codes(&answer)),
        (401, vec!["UNAUTHENTICATED".to_string()]),
        "{answer}"
    );
    let (status, _) = upload(&system, Some("not.a.token"), &own, &png(67, 67), true).await;
    assert_eq!(status, 401);
    assert_eq!(stored(), before, "refused callers stored nothing");
    let (_, answer) = upload(&system, Some(&seller), &admins, &picture, true).await;
    assert_eq!(error_codes(&answer), vec!["FORBIDDEN"], "{answer}");

    // A cross-site form cannot send the preflight header.
    let (status, answer) = upload(&system, Some(&seller), &own, &picture, false).await;
    assert_eq!(status, 400, "{answer}");

    // A plain JSON request may only name pictures already stored.
    let made_up = format!("{}.png", "ab".repeat(32));
    let direct = system
        .graphql_as(&seller, ADD_IMAGE, json!({ "p": own, "f": made_up, "alt": "x" }))
        .await;
    assert_eq!(error_codes(&direct), vec!["NOT_FOUND"], "{direct}");

    // None of it left a picture behind.
    let read = system
        .graphql(
            "query($id: ID!) { product(id: $id) { images { url } } }",
            json!({ "id": own }),
        )
        .await;
    assert_eq!(read["data"]["product"]["images"], json!([]), "{read}");
}

/// An upload whose client stops sending held what it had sent (up to 5 MiB) in the router for
/// as long as the client kept the connection: nothing bounded that read. It is now refused
/// 10 s after its last bytes.
#[tokio::test]
async fn an_upload_that_stops_arriving_is_refused_and_freed() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let system = TestSystem::embedded().await;
    let seller = system.login("seller@vitrine.kz", "seller-demo-2026").await;
    let address = system.router_url.trim_start_matches("http://").to_string();
    let mut socket = tokio::net::TcpStream::connect(&address).await.unwrap();
    let boundary = "vitrine-stalled-upload";
    let head = format!(
        "POST /graphql HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {seller}\r\n\
         apollo-require-preflight: true\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: 3000000\r\n\r\n"
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    socket.write_all(&vec![b'x'; 1_000_000]).await.unwrap();
    let sent = std::time::Instant::now();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(std::time::Duration::from_secs(30), async {
        let mut buffer = [0u8; 4096];
        while let Ok(n) = socket.read(&mut buffer).await {
            if n == 0 {
                break;
            }
            answer.extend_from_slice(&buffer[..n]);
        }
    })
    .await;
    assert!(read.is_ok(), "no answer 30 s after the upload stopped");
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("not sent in time"), "{answer}");
    let waited = sent.elapsed();
    assert!(
        waited >= std::time::Duration::from_secs(9),
        "refused after {waited:?}, before the upload was idle for 10 s"
    );
    system.assert_still_serving().await;
}
