//! How deeply a JSON text nests and how long its lists are, found in one pass over its bytes
//! without building a value. Hive Router 0.2.5 deserialises request variables recursively; in
//! debug builds a body nested 56+ levels never answered (docs/security.md). And a list of 50 000
//! search tags is parsed, coerced and planned by the router and parsed again by the subgraph
//! before anything can refuse it. Refusing both here, before Hive parses the body, makes the
//! first impossible and the second cheap.

/// The largest JSON a request may carry.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Arrays and objects inside each other.
    pub depth: usize,
    /// Items of one array, or members of one object.
    pub items: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub enum TooLarge {
    /// Nested deeper than the limit (the depth reached).
    Deep(usize),
    /// A list or object longer than the limit.
    Long,
}

impl TooLarge {
    pub fn message(&self, limits: Limits) -> String {
        match self {
            TooLarge::Deep(depth) => {
                format!(
                    "the request nests {depth}+ levels deep; at most {} are accepted",
                    limits.depth
                )
            }
            TooLarge::Long => format!(
                "a list or object in the request holds more than {} items",
                limits.items
            ),
        }
    }
}

/// Checks `text`, which sits `within` levels deep in the request, against `limits`; brackets
/// and commas inside strings do not count.
pub fn check(text: &[u8], within: usize, limits: Limits) -> Result<(), TooLarge> {
    // Separators seen in each open container: at most `limits.depth` entries.
    let mut open: Vec<usize> = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    for &byte in text {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                if within + open.len() >= limits.depth {
                    return Err(TooLarge::Deep(within + open.len() + 1));
                }
                open.push(0);
            }
            b']' | b'}' => {
                open.pop();
            }
            b',' => {
                if let Some(separators) = open.last_mut() {
                    *separators += 1;
                    // n separators part n + 1 items.
                    if *separators >= limits.items {
                        return Err(TooLarge::Long);
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The same for a value already parsed (WebSocket messages reach plugins parsed), walked
/// without recursion. `depth` is that of `value` itself within the request.
pub fn check_value(value: &sonic_rs::Value, depth: usize, limits: Limits) -> Result<(), TooLarge> {
    use sonic_rs::JsonContainerTrait;
    let mut pending = vec![(value, depth)];
    while let Some((value, depth)) = pending.pop() {
        let children: Vec<&sonic_rs::Value> = if let Some(array) = value.as_array() {
            array.iter().collect()
        } else if let Some(object) = value.as_object() {
            object.iter().map(|(_, v)| v).collect()
        } else {
            continue;
        };
        if depth + 1 > limits.depth {
            return Err(TooLarge::Deep(depth + 1));
        }
        if children.len() > limits.items {
            return Err(TooLarge::Long);
        }
        pending.extend(children.into_iter().map(|child| (child, depth + 1)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits {
        depth: 32,
        items: 1000,
    };

    fn nested(levels: usize) -> String {
        format!("{}1{}", "[".repeat(levels), "]".repeat(levels))
    }

    fn list(items: usize) -> String {
        format!("[{}]", vec!["1"; items].join(","))
    }

    #[test]
    fn refuses_past_the_depth() {
        assert_eq!(check(nested(32).as_bytes(), 0, LIMITS), Ok(()));
        assert_eq!(check(nested(33).as_bytes(), 0, LIMITS), Err(TooLarge::Deep(33)));
        assert_eq!(
            check(nested(100_000).as_bytes(), 0, LIMITS),
            Err(TooLarge::Deep(33))
        );
        assert_eq!(
            check(br#"{"a":[{"b":1}]}"#, 0, Limits { depth: 2, ..LIMITS }),
            Err(TooLarge::Deep(3))
        );
        // Text inside the request (GET's `variables`) counts the levels around it.
        assert_eq!(check(nested(31).as_bytes(), 1, LIMITS), Ok(()));
        assert_eq!(check(nested(32).as_bytes(), 1, LIMITS), Err(TooLarge::Deep(33)));
    }

    #[test]
    fn refuses_long_lists_and_objects() {
        assert_eq!(check(list(1000).as_bytes(), 0, LIMITS), Ok(()));
        assert_eq!(check(list(1001).as_bytes(), 0, LIMITS), Err(TooLarge::Long));
        let object: String = (0..1001)
            .map(|i| format!("\"k{i}\":1"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(
            check(format!("{{{object}}}").as_bytes(), 0, LIMITS),
            Err(TooLarge::Long)
        );
        // Items are counted per container, not across the request.
        let many_short = format!("[{}]", vec![list(900); 900].join(","));
        assert_eq!(check(many_short.as_bytes(), 0, LIMITS), Ok(()));
    }

    #[test]
    fn brackets_and_commas_in_strings_do_not_count() {
        let text = format!(
            r#"{{"q":"{}\"{}{}"}}"#,
            "[".repeat(100),
            "{".repeat(100),
            ",".repeat(5000)
        );
        assert_eq!(check(text.as_bytes(), 0, Limits { depth: 1, items: 2 }), Ok(()));
    }

    #[test]
    fn parsed_values_are_measured_alike() {
        let deep: sonic_rs::Value = sonic_rs::from_str(&nested(40)).unwrap();
        assert_eq!(check_value(&deep, 0, Limits { depth: 40, ..LIMITS }), Ok(()));
        assert_eq!(check_value(&deep, 0, LIMITS), Err(TooLarge::Deep(33)));
        let long: sonic_rs::Value = sonic_rs::from_str(&list(1001)).unwrap();
        assert_eq!(check_value(&long, 0, LIMITS), Err(TooLarge::Long));
        let flat: sonic_rs::Value = sonic_rs::from_str(r#"{"a":[1,{"b":[]}],"c":{}}"#).unwrap();
        assert_eq!(check_value(&flat, 0, Limits { depth: 4, ..LIMITS }), Ok(()));
        assert_eq!(
            check_value(&flat, 1, Limits { depth: 4, ..LIMITS }),
            Err(TooLarge::Deep(5))
        );
    }
}
