//! GraphiQL served by the router itself, page and assets, so it works offline (Hive's own
//! page loads its scripts from a CDN). The assets are vendored in `router/graphiql/vendor/` by
//! `scripts/vendor-graphiql` and compiled into the binary.

/// Where the page is served besides `GET /graphql` from a browser.
pub const PAGE_PATH: &str = "/graphiql";
const ASSETS_PREFIX: &str = "/graphiql/assets/";

pub const PAGE: &str = include_str!("../graphiql/index.html");

/// (file name, content type, bytes) of everything the page loads.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "graphiql.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../graphiql/vendor/graphiql.min.css"),
    ),
    (
        "graphiql.min.js",
        JS,
        include_bytes!("../graphiql/vendor/graphiql.min.js"),
    ),
    (
        "react.production.min.js",
        JS,
        include_bytes!("../graphiql/vendor/react.production.min.js"),
    ),
    (
        "react-dom.production.min.js",
        JS,
        include_bytes!("../graphiql/vendor/react-dom.production.min.js"),
    ),
    (
        "graphql-ws.min.js",
        JS,
        include_bytes!("../graphiql/vendor/graphql-ws.min.js"),
    ),
    (
        "vitrine-graphiql.js",
        JS,
        include_bytes!("../graphiql/vitrine-graphiql.js"),
    ),
    // Without an icon the browser asks for /favicon.ico and gets a 404.
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../graphiql/favicon.svg"),
    ),
];
const JS: &str = "text/javascript; charset=utf-8";

/// The asset at a request path under `/graphiql/assets/`, with its content type.
pub fn asset(path: &str) -> Option<(&'static str, &'static [u8])> {
    let name = path.strip_prefix(ASSETS_PREFIX)?;
    ASSETS
        .iter()
        .find(|(file, _, _)| *file == name)
        .map(|(_, content_type, bytes)| (*content_type, *bytes))
}

/// A browser navigating to the GraphQL endpoint gets the page; API clients (JSON, SSE,
/// multipart, WebSocket upgrades) never ask for HTML.
pub fn is_page_request(path: &str, graphql_path: &str, accept: &str, websocket_upgrade: bool) -> bool {
    if path == PAGE_PATH {
        return true;
    }
    path == graphql_path && !websocket_upgrade && accept.contains("text/html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_script_and_stylesheet_of_the_page_is_served_from_the_binary() {
        let referenced: Vec<&str> = PAGE
            .split(['"', '\''])
            .filter(|part| part.starts_with('/') || part.contains("://"))
            .collect();
        assert_eq!(referenced.len(), ASSETS.len(), "{referenced:?}");
        for url in referenced {
            assert!(asset(url).is_some(), "{url} is not served by the router");
        }
    }

    #[test]
    fn only_browsers_get_the_page() {
        let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        assert!(is_page_request("/graphql", "/graphql", browser, false));
        assert!(is_page_request("/graphiql", "/graphql", "*/*", false));
        assert!(!is_page_request(
            "/graphql",
            "/graphql",
            "application/json",
            false
        ));
        assert!(!is_page_request(
            "/graphql",
            "/graphql",
            "text/event-stream",
            false
        ));
        assert!(!is_page_request("/graphql", "/graphql", browser, true));
        assert!(!is_page_request("/other", "/graphql", browser, false));
    }

    #[test]
    fn unknown_assets_are_not_found() {
        assert!(asset("/graphiql/assets/../Cargo.toml").is_none());
        assert!(asset("/graphiql/assets/").is_none());
        assert_eq!(asset("/graphiql/assets/graphiql.min.js").unwrap().0, JS);
    }
}
