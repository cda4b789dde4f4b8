//! What the router sends compressed: files (storefront, GraphiQL) and GraphQL responses, with
//! gzip or brotli as the client accepts, never small bodies or already-compressed types.

use crate::helpers::TestSystem;
use reqwest::Method;
use serde_json::{json, Value};
use std::io::Read;

fn decompress(encoding: Option<&str>, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    match encoding {
        Some("br") => {
            brotli::Decompressor::new(body, 4096)
                .read_to_end(&mut out)
                .unwrap();
        }
        Some("gzip") => {
            flate2::read::GzDecoder::new(body).read_to_end(&mut out).unwrap();
        }
        None => out.extend_from_slice(body),
        Some(other) => panic!("unexpected encoding {other}"),
    }
    out
}

/// (Content-Encoding, Vary, bytes as sent).
async fn fetch(
    system: &TestSystem,
    path: &str,
    accept_encoding: Option<&str>,
) -> (Option<String>, String, Vec<u8>) {
    let mut request = system.request(Method::GET, path);
    if let Some(accept) = accept_encoding {
        request = request.header("accept-encoding", accept);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    };
    let (encoding, vary) = (header("content-encoding"), header("vary").unwrap_or_default());
    (encoding, vary, response.bytes().await.unwrap().to_vec())
}

async fn graphql(system: &TestSystem, query: &str, accept_encoding: &str) -> (Option<String>, usize, Value) {
    let response = system
        .request(Method::POST, "/graphql")
        .header("content-type", "application/json")
        .header("accept-encoding", accept_encoding)
        .body(json!({ "query": query }).to_string())
        .send()
        .await
        .unwrap();
    let encoding = response
        .headers()
        .get("content-encoding")
        .map(|v| v.to_str().unwrap().to_string());
    let sent = response.bytes().await.unwrap();
    let body = decompress(encoding.as_deref(), &sent);
    (encoding, sent.len(), serde_json::from_slice(&body).unwrap())
}

#[tokio::test]
async fn files_and_graphql_responses_go_compressed_when_the_client_accepts_it() {
    let web = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(web.path().join("assets")).unwrap();
    std::fs::write(
        web.path().join("index.html"),
        "<!doctype html><title>shop</title>",
    )
    .unwrap();
    let script = "export function shop(){return 'Margherita, Pepperoni, Quattro Formaggi'}\n".repeat(800);
    std::fs::write(web.path().join("assets/app-1a.js"), &script).unwrap();
    let picture: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(web.path().join("assets/pizza-2b.webp"), &picture).unwrap();
    let system = TestSystem::embedded_with(&[("VITRINE_WEB_DIR", web.path().to_str().unwrap())]).await;

    // A storefront script: brotli when offered, gzip when only that, as is otherwise.
    let (encoding, vary, sent) = fetch(&system, "/assets/app-1a.js", Some("gzip, deflate, br")).await;
    assert_eq!(encoding.as_deref(), Some("br"));
    assert!(vary.contains("accept-encoding"), "{vary}");
    assert_eq!(decompress(Some("br"), &sent), script.as_bytes());
    assert!(
        sent.len() * 20 < script.len(),
        "{} of {}",
        sent.len(),
        script.len()
    );
    let (_, _, again) = fetch(&system, "/assets/app-1a.js", Some("br")).await;
    assert_eq!(again, sent, "compressed once, then the same bytes");
    let (encoding, _, sent) = fetch(&system, "/assets/app-1a.js", Some("gzip")).await;
    assert_eq!(encoding.as_deref(), Some("gzip"));
    assert_eq!(decompress(Some("gzip"), &sent), script.as_bytes());
    let (encoding, vary, sent) = fetch(&system, "/assets/app-1a.js", None).await;
    assert_eq!(encoding, None);
    assert!(vary.contains("accept-encoding"), "caches must keep both: {vary}");
    assert_eq!(sent, script.as_bytes());
    // A rebuilt file is compressed anew.
    let rebuilt = script.replace("Margherita", "Marinara");
    std::fs::write(web.path().join("assets/app-1a.js"), &rebuilt).unwrap();
    let (_, _, sent) = fetch(&system, "/assets/app-1a.js", Some("br")).await;
    assert_eq!(decompress(Some("br"), &sent), rebuilt.as_bytes());

    // A picture is compressed already; GraphiQL's vendored files are compressed too.
    let (encoding, _, sent) = fetch(&system, "/assets/pizza-2b.webp", Some("br, gzip")).await;
    assert_eq!(encoding, None);
    assert_eq!(sent, picture);
    let (encoding, _, sent) = fetch(&system, "/graphiql/assets/graphiql.min.js", Some("gzip")).await;
    assert_eq!(encoding.as_deref(), Some("gzip"));
    assert!(decompress(Some("gzip"), &sent).len() > sent.len() * 2);

    // A GraphQL response: the same answer, compressed when large enough.
    let query = "{ products(first: 50) { id name description price { amount currency } } }";
    let (encoding, plain_size, plain) = graphql(&system, query, "identity").await;
    assert_eq!(encoding, None);
    let (encoding, size, answer) = graphql(&system, query, "br").await;
    assert_eq!(encoding.as_deref(), Some("br"));
    assert_eq!(answer, plain);
    assert!(size * 2 < plain_size, "{size} of {plain_size}");
    let (encoding, _, answer) = graphql(&system, query, "gzip").await;
    assert_eq!(encoding.as_deref(), Some("gzip"));
    assert_eq!(answer, plain);
    let (encoding, _, small) = graphql(&system, "{ __typename }", "br").await;
    assert_eq!(encoding, None, "too small to gain");
    assert_eq!(small["data"]["__typename"], "Query");
}
