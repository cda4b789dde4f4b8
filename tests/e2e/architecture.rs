//! Checks on the code itself rather than on a running system.

use std::path::Path;

/// The only `static` items kit and the router may hold, each with why it is not process state.
/// Anything else that needs to live as long as a system belongs in `kit::system::System` (or the
/// router's `RouterContext`), so tests can run several systems in one process.
const ALLOWED_STATICS: &[(&str, &str, &str)] = &[
    (
        "kit/src/auth.rs",
        "ANONYMOUS",
        "an immutable, const-built identity",
    ),
    (
        "kit/src/events/mod.rs",
        "MIGRATOR",
        "embedded test migrations, immutable",
    ),
    (
        "kit/src/sql_tally.rs",
        "CURRENT",
        "a task-local key: the value lives in the request's task",
    ),
    (
        "kit/src/sqlite_memory.rs",
        "ONCE",
        "SQLite's own configuration is process-wide; this only makes its settings happen once",
    ),
    (
        "kit/src/loader.rs",
        "QUEUE",
        "a task-local key: the value lives in the request's task",
    ),
    (
        "router/src/context.rs",
        "CURRENT",
        "a task-local key: the value lives during start-up",
    ),
];

#[test]
fn no_static_holds_state_in_contracts_kit_or_router() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for dir in ["contracts/src", "kit/src", "router/src"] {
        scan(root, &root.join(dir), &mut found);
    }
    let unexpected: Vec<_> = found
        .iter()
        .filter(|(file, name, _)| {
            !ALLOWED_STATICS
                .iter()
                .any(|(allowed_file, allowed_name, _)| file == allowed_file && name == allowed_name)
        })
        .collect();
    assert!(
        unexpected.is_empty(),
        "statics holding state (move them into kit::system::System or RouterContext): {unexpected:#?}"
    );
    // The allow list stays honest: each entry still exists.
    for (file, name, _) in ALLOWED_STATICS {
        assert!(
            found.iter().any(|(f, n, _)| f == file && n == name),
            "{file}: {name} is gone; drop it from ALLOWED_STATICS"
        );
    }
}

/// The Rust files under `dir`, at any depth.
fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Every `static NAME` (or `static mut NAME`) declared in the Rust files under `dir`, as
/// (file relative to `root`, name, line).
fn scan(root: &Path, dir: &Path, found: &mut Vec<(String, String, String)>) {
    for path in rust_files(dir) {
        let file = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let code = line.split("//").next().unwrap_or("");
            let mut words = code.split_whitespace().skip_while(|w| *w != "static");
            if words.next().is_none() {
                continue;
            }
            let name = match words.next() {
                Some("mut") => words.next(),
                other => other,
            };
            if let Some(name) = name {
                let name = name.trim_end_matches(':').to_string();
                found.push((file.clone(), name, line.trim().to_string()));
            }
        }
    }
}

/// The operations each subgraph sends another (`PEER_OPERATIONS`).
fn peer_operations() -> Vec<(&'static str, vitrine_kit::peers::PeerOperation)> {
    let lists: &[(&str, &[vitrine_kit::peers::PeerOperation])] = &[
        ("cart", vitrine_cart::PEER_OPERATIONS),
        ("orders", vitrine_orders::PEER_OPERATIONS),
        ("payments", vitrine_payments::PEER_OPERATIONS),
        ("notifications", vitrine_notifications::PEER_OPERATIONS),
        ("delivery", vitrine_delivery::PEER_OPERATIONS),
    ];
    lists
        .iter()
        .flat_map(|(caller, operations)| operations.iter().map(move |op| (*caller, *op)))
        .collect()
}

/// A subgraph's checked-in SDL as a schema to validate operations against: with the
/// `_entities` field and `_Any`/`_Entity` types the federation runtime adds to it.
fn peer_schema(peer: &str) -> graphql_tools::static_graphql::schema::Document {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sdl = std::fs::read_to_string(root.join(format!("schema/{peer}.graphql"))).unwrap();
    let sdl = without_schema_extension(&sdl);
    let entities: Vec<&str> = sdl
        .lines()
        .filter(|line| line.starts_with("type ") && line.contains("@key"))
        .filter_map(|line| line.split_whitespace().nth(1))
        .collect();
    assert!(sdl.contains("type Query {"), "{peer} has a Query type");
    let sdl = sdl.replacen(
        "type Query {",
        "type Query {\n\t_entities(representations: [_Any!]!): [_Entity]!",
        1,
    ) + &format!("\nscalar _Any\nunion _Entity = {}\n", entities.join(" | "));
    // The built-in scalars, which an SDL does not declare but the validator wants to know.
    let sdl = ["ID", "String", "Int", "Float", "Boolean"]
        .iter()
        .filter(|scalar| !sdl.contains(&format!("scalar {scalar}\n")))
        .fold(sdl.clone(), |sdl, scalar| sdl + &format!("scalar {scalar}\n"));
    let sdl: &'static str = Box::leak(sdl.into_boxed_str());
    graphql_tools::parser::parse_schema(sdl).unwrap_or_else(|e| panic!("schema/{peer}.graphql: {e}"))
}

/// `sdl` without its `extend schema @link(…)` (Federation's imports), which the validator's
/// parser does not read and operations do not need.
fn without_schema_extension(sdl: &str) -> String {
    let Some(start) = sdl.find("extend schema") else {
        return sdl.to_string();
    };
    let mut depth = 0;
    let mut end = sdl.len();
    for (offset, c) in sdl[start..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    end = start + offset + 1;
                    break;
                }
            }
            _ => {}
        }
    }
    format!("{}{}", &sdl[..start], &sdl[end..])
}

/// Every operation a subgraph sends another is valid against that peer's checked-in schema, so
/// a renamed or retyped peer field fails here, not in a checkout at run time.
#[test]
fn peer_operations_match_the_peers_schemas() {
    let plan = graphql_tools::validation::rules::default_rules_validation_plan();
    let mut failures = Vec::new();
    let operations = peer_operations();
    assert!(operations.len() >= 15, "{} peer operations", operations.len());
    for (caller, operation) in operations {
        let schema = peer_schema(operation.peer);
        let document = graphql_tools::parser::parse_query::<String>(operation.document)
            .unwrap_or_else(|e| panic!("{caller} → {}: {e}", operation.peer))
            .into_static();
        let errors = graphql_tools::validation::validate::validate(&schema, &document, &plan);
        if !errors.is_empty() {
            let messages: Vec<_> = errors.iter().map(|e| e.message.clone()).collect();
            failures.push(format!(
                "{caller} → {}: {messages:?}\n  {}",
                operation.peer, operation.document
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The check above sees every operation: each `PeerOperation` written in a subgraph is listed in
/// its `PEER_OPERATIONS`.
#[test]
fn every_peer_operation_is_listed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut written = 0;
    for entry in std::fs::read_dir(root.join("subgraphs")).unwrap() {
        written += count_in(&entry.unwrap().path().join("src"), "PeerOperation {");
    }
    assert_eq!(written, peer_operations().len());
}

fn count_in(dir: &Path, needle: &str) -> usize {
    rust_files(dir)
        .iter()
        .map(|path| std::fs::read_to_string(path).unwrap().matches(needle).count())
        .sum()
}

/// Every subgraph crate's directory, by name.
fn subgraph_dirs() -> Vec<(String, std::path::PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("subgraphs");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.join("Cargo.toml").exists())
        .map(|path| (path.file_name().unwrap().to_string_lossy().into_owned(), path))
        .collect();
    dirs.sort();
    dirs
}

/// Lines of code (comments dropped) in `path` containing any of `needles`, as "file:line: code".
fn lines_with(path: &Path, needles: &[&str]) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let code = line.split("//").next().unwrap_or("");
            needles
                .iter()
                .any(|n| code.contains(n))
                .then(|| format!("{}:{}: {}", path.display(), i + 1, line.trim()))
        })
        .collect()
}

/// One subgraph shape (docs/architecture.md): resolvers stay thin, so no transaction starts or
/// ends under `graphql/`; the service modules own them.
#[test]
fn resolvers_open_no_transactions() {
    let mut found = Vec::new();
    for (_, dir) in subgraph_dirs() {
        for file in rust_files(&dir.join("src/graphql")) {
            found.extend(lines_with(
                &file,
                &[
                    "begin_write",
                    "begin_with(",
                    ".begin()",
                    ".commit()",
                    ".rollback()",
                ],
            ));
        }
    }
    assert!(
        found.is_empty(),
        "transactions in resolvers (move them into a service module): {found:#?}"
    );
}

/// Store functions run on any executor (`impl Exec`, a connection, or `&Db`), so a read needs
/// no transaction; only domain and service modules hold a `Tx`.
#[test]
fn store_functions_take_any_executor() {
    let mut found = Vec::new();
    for (_, dir) in subgraph_dirs() {
        for file in rust_files(&dir.join("src/store")) {
            found.extend(lines_with(&file, &["&mut Tx", "db::Tx", "Transaction<"]));
        }
    }
    assert!(
        found.is_empty(),
        "store functions tied to a transaction: {found:#?}"
    );
}

/// One test layout: unit tests beside the code (`mod tests` in the file), tests that need a
/// database or peers in `src/tests/`; no `tests/` crate, `tests.rs` or `testkit.rs`.
#[test]
fn every_subgraph_keeps_its_tests_in_one_layout() {
    let mut stray = Vec::new();
    for (name, dir) in subgraph_dirs() {
        if dir.join("tests").exists() {
            stray.push(format!("{name}/tests/"));
        }
        for file in rust_files(&dir.join("src")) {
            let base = file.file_name().unwrap().to_string_lossy();
            if base == "tests.rs" || base == "testkit.rs" {
                stray.push(file.strip_prefix(&dir).unwrap().display().to_string());
            }
        }
        let harness = dir.join("src/tests/mod.rs");
        if harness.exists() {
            let lib = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
            assert!(
                lib.contains("#[cfg(test)]\nmod tests;"),
                "{name}: src/tests/ is declared from lib.rs as `#[cfg(test)] mod tests;`"
            );
        }
    }
    assert!(stray.is_empty(), "tests outside the layout: {stray:#?}");
}

/// SQL without comments, whitespace folded, one entry per statement.
fn statements(sql: &str) -> Vec<String> {
    let code: String = sql
        .lines()
        .map(|line| line.split("--").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" ");
    code.split(';')
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The event tables have one source (`kit::events::EVENT_TABLES`, what the relay and the
/// consumers' SQL is written against); every subgraph migration that creates them holds it
/// statement for statement.
#[test]
fn every_outbox_is_kits() {
    let canonical = statements(vitrine_kit::events::EVENT_TABLES);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut creators = 0;
    for dir in std::fs::read_dir(&root).unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let found = statements(&std::fs::read_to_string(&path).unwrap());
            if !found.iter().any(|s| s.starts_with("CREATE TABLE outbox")) {
                continue;
            }
            creators += 1;
            for statement in &canonical {
                assert!(
                    found.contains(statement),
                    "{}: differs from kit's event tables at `{statement}`",
                    path.display()
                );
            }
        }
    }
    assert_eq!(creators, 8, "the subgraphs that publish or consume events");
}
