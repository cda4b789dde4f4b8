//! How deeply a JSON text nests, found in one pass over its bytes without building a value.
//! Hive Router 0.2.5 deserialises request variables recursively; in debug builds a body nested
//! 56+ levels never answers (docs/security.md). Refusing deep bodies before Hive parses them
//! makes that impossible, whatever the parser does.

/// `Err(depth)` as soon as `text` nests deeper than `max` (arrays and objects count alike);
/// otherwise `Ok` with the deepest nesting seen. Brackets inside strings do not count.
pub fn check(text: &[u8], max: usize) -> Result<usize, usize> {
    let mut depth = 0usize;
    let mut deepest = 0usize;
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
                depth += 1;
                if depth > max {
                    return Err(depth);
                }
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(deepest)
}

/// The same for a value already parsed (WebSocket messages reach plugins parsed), walked
/// without recursion.
pub fn check_value(value: &sonic_rs::Value, max: usize) -> Result<usize, usize> {
    use sonic_rs::JsonContainerTrait;
    let mut deepest = 0;
    let mut pending = vec![(value, 0usize)];
    while let Some((value, depth)) = pending.pop() {
        let children: Box<dyn Iterator<Item = &sonic_rs::Value>> = if let Some(array) = value.as_array() {
            Box::new(array.iter())
        } else if let Some(object) = value.as_object() {
            Box::new(object.iter().map(|(_, v)| v))
        } else {
            continue;
        };
        let depth = depth + 1;
        if depth > max {
            return Err(depth);
        }
        deepest = deepest.max(depth);
        pending.extend(children.map(|child| (child, depth)));
    }
    Ok(deepest)
}

#[cfg(test)]
mod tests {
    use super::{check, check_value};

    #[test]
    fn parsed_values_are_measured_alike() {
        let value: sonic_rs::Value = sonic_rs::from_str(&nested(40)).unwrap();
        assert_eq!(check_value(&value, 40), Ok(40));
        assert_eq!(check_value(&value, 32), Err(33));
        let flat: sonic_rs::Value = sonic_rs::from_str(r#"{"a":[1,{"b":[]}],"c":{}}"#).unwrap();
        assert_eq!(check_value(&flat, 10), Ok(4));
    }

    fn nested(levels: usize) -> String {
        format!("{}1{}", "[".repeat(levels), "]".repeat(levels))
    }

    #[test]
    fn counts_arrays_and_objects() {
        assert_eq!(check(br#"{"a":[{"b":1}]}"#, 10), Ok(3));
        assert_eq!(check(b"1", 10), Ok(0));
    }

    #[test]
    fn refuses_past_the_limit() {
        assert_eq!(check(nested(32).as_bytes(), 32), Ok(32));
        assert_eq!(check(nested(33).as_bytes(), 32), Err(33));
        assert_eq!(check(nested(100_000).as_bytes(), 32), Err(33));
    }

    #[test]
    fn brackets_in_strings_do_not_count() {
        let text = format!(r#"{{"q":"{}\"{}"}}"#, "[".repeat(100), "{".repeat(100));
        assert_eq!(check(text.as_bytes(), 2), Ok(1));
    }
}
