//! The storefront (`web/dist`, built by `npm run build` in `web/`) at `/`. Client-side routes
//! such as `/orders/123` get `index.html`; Vite's content-hashed `/assets/*` are cached for
//! good, `index.html` never, so a rebuilt storefront reaches browsers at once.

use std::path::{Path, PathBuf};

/// The storefront files. The directory may appear after start (a `npm run build` while the
/// router runs); every request looks again.
#[derive(Clone, Debug)]
pub struct Storefront {
    dir: PathBuf,
}

/// What answers a storefront request.
#[derive(Debug, PartialEq)]
pub enum Served {
    File {
        path: PathBuf,
        content_type: &'static str,
        cache_control: &'static str,
    },
    /// Nothing was built: a page saying where GraphiQL is and how to build the storefront.
    NotBuilt,
    /// No such file, or a path that may not be served: 404.
    NotFound,
}

const NO_CACHE: &str = "no-cache";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const SHORT: &str = "public, max-age=3600";

impl Storefront {
    /// `VITRINE_WEB_DIR`, else `web/dist` under the working directory (the repository root
    /// for `cargo run`).
    pub fn from_env() -> Storefront {
        let dir = std::env::var_os("VITRINE_WEB_DIR")
            .filter(|dir| !dir.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("web/dist"));
        Storefront { dir }
    }

    pub fn new(dir: impl Into<PathBuf>) -> Storefront {
        Storefront { dir: dir.into() }
    }

    /// Where the built storefront is (or would be).
    pub fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// Whether `npm run build` has written the storefront.
    pub fn is_built(&self) -> bool {
        self.dir.join("index.html").is_file()
    }

    /// Resolves a request path (already known not to be the API's).
    pub fn resolve(&self, request_path: &str) -> Served {
        let index = self.dir.join("index.html");
        if !self.is_built() {
            return if request_path == "/" {
                Served::NotBuilt
            } else {
                Served::NotFound
            };
        }
        let Some(relative) = safe_relative(request_path) else {
            return Served::NotFound;
        };
        if !relative.as_os_str().is_empty() {
            let candidate = self.dir.join(&relative);
            if candidate.is_file() && self.contains(&candidate) {
                let cache_control = if relative.starts_with("assets") {
                    IMMUTABLE
                } else if relative == Path::new("index.html") {
                    NO_CACHE
                } else {
                    SHORT
                };
                return Served::File {
                    content_type: content_type(&candidate),
                    path: candidate,
                    cache_control,
                };
            }
        }
        // A file name that was not found stays a 404; anything else is a client-side route.
        let last = request_path.rsplit('/').next().unwrap_or_default();
        if last.contains('.') {
            return Served::NotFound;
        }
        Served::File {
            path: index,
            content_type: "text/html; charset=utf-8",
            cache_control: NO_CACHE,
        }
    }

    /// A symlink inside the build must not lead out of it.
    fn contains(&self, file: &Path) -> bool {
        match (file.canonicalize(), self.dir.canonicalize()) {
            (Ok(file), Ok(dir)) => file.starts_with(dir),
            _ => false,
        }
    }
}

/// The request path as a relative path of plain segments; `None` for anything that could
/// climb out (`..`), is encoded (`%`) or names a hidden file.
fn safe_relative(request_path: &str) -> Option<PathBuf> {
    let rest = request_path.strip_prefix('/')?;
    let mut relative = PathBuf::new();
    for segment in rest.split('/').filter(|segment| !segment.is_empty()) {
        if segment.starts_with('.') || segment.contains(['%', '\\', '\0']) {
            return None;
        }
        relative.push(segment);
    }
    Some(relative)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|ext| ext.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Shown at `/` when `web/dist` is missing.
pub const NOT_BUILT_PAGE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Vitrine</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>Vitrine is running</h1>
<p>The GraphQL API and GraphiQL are at <a href="/graphql">/graphql</a>.</p>
<p>The storefront is not built. To serve it here: <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>,
then reload (or set <code>VITRINE_WEB_DIR</code> to a built storefront).</p>
</body></html>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn built() -> (tempfile::TempDir, Storefront) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("assets")).unwrap();
        std::fs::write(dir.path().join("index.html"), "<!doctype html>").unwrap();
        std::fs::write(dir.path().join("assets/app-1a2b.js"), "1").unwrap();
        std::fs::write(dir.path().join("favicon.svg"), "<svg/>").unwrap();
        let storefront = Storefront::new(dir.path());
        (dir, storefront)
    }

    fn file(served: Served) -> (String, &'static str, &'static str) {
        match served {
            Served::File {
                path,
                content_type,
                cache_control,
            } => (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                content_type,
                cache_control,
            ),
            other => panic!("expected a file, got {other:?}"),
        }
    }

    #[test]
    fn files_are_served_with_their_type_and_cache_policy() {
        let (_dir, storefront) = built();
        assert!(storefront.is_built());
        assert_eq!(
            file(storefront.resolve("/assets/app-1a2b.js")),
            ("app-1a2b.js".into(), "text/javascript; charset=utf-8", IMMUTABLE)
        );
        assert_eq!(
            file(storefront.resolve("/favicon.svg")),
            ("favicon.svg".into(), "image/svg+xml", SHORT)
        );
        assert_eq!(file(storefront.resolve("/")).0, "index.html");
        assert_eq!(file(storefront.resolve("/")).2, NO_CACHE);
    }

    #[test]
    fn client_side_routes_get_the_index_and_missing_files_are_not_found() {
        let (_dir, storefront) = built();
        assert_eq!(file(storefront.resolve("/orders/ord_123")).0, "index.html");
        assert_eq!(file(storefront.resolve("/products/abc/")).0, "index.html");
        assert_eq!(storefront.resolve("/assets/gone-9f.js"), Served::NotFound);
    }

    #[test]
    fn nothing_outside_the_build_is_reachable() {
        let (dir, storefront) = built();
        std::fs::write(dir.path().join(".env"), "SECRET=1").unwrap();
        for path in [
            "/../Cargo.toml",
            "/assets/../../etc/passwd",
            "/%2e%2e/x.js",
            "/.env",
        ] {
            assert_eq!(storefront.resolve(path), Served::NotFound, "{path}");
        }
        #[cfg(unix)]
        {
            let outside = tempfile::tempdir().unwrap();
            std::fs::write(outside.path().join("secret.txt"), "x").unwrap();
            std::os::unix::fs::symlink(outside.path().join("secret.txt"), dir.path().join("leak.txt"))
                .unwrap();
            assert_eq!(storefront.resolve("/leak.txt"), Served::NotFound);
        }
    }

    #[test]
    fn without_a_build_the_root_explains_and_the_rest_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let storefront = Storefront::new(dir.path().join("dist"));
        assert!(!storefront.is_built());
        assert_eq!(storefront.resolve("/"), Served::NotBuilt);
        assert_eq!(storefront.resolve("/orders/1"), Served::NotFound);
    }
}
