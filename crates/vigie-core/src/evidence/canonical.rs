//! Canonical JSON: the exact bytes a log leaf commits to. UTF-8, no insignificant
//! whitespace, object keys sorted by their UTF-8 bytes at every depth, numbers only as
//! integers, strings escaped as `serde_json` writes them (only `"`, `\` and control
//! characters are escaped). `docs/evidence-bundle.md` states the same rules for
//! independent verifiers.

use serde::Serialize;
use serde_json::Value;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CanonicalError {
    #[error("the record does not serialise to JSON: {0}")]
    Serialise(String),
    #[error("canonical records hold only integers, not floating-point numbers")]
    Float,
}

/// The canonical bytes of `value`.
pub fn canonical_json<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, CanonicalError> {
    let value = serde_json::to_value(value).map_err(|e| CanonicalError::Serialise(e.to_string()))?;
    let mut out = Vec::with_capacity(256);
    write_value(&value, &mut out)?;
    Ok(out)
}

fn write_value(value: &Value, out: &mut Vec<u8>) -> Result<(), CanonicalError> {
    match value {
        Value::Null | Value::Bool(_) | Value::String(_) => {
            out.extend_from_slice(value.to_string().as_bytes());
        }
        Value::Number(n) => {
            if !(n.is_i64() || n.is_u64()) {
                return Err(CanonicalError::Float);
            }
            out.extend_from_slice(n.to_string().as_bytes());
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(item, out)?;
            }
            out.push(b']');
        }
        Value::Object(map) => {
            // Sorted here rather than trusting the map's order, which a serde_json
            // feature elsewhere in the build could change.
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push(b'{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(Value::String(key.clone()).to_string().as_bytes());
                out.push(b':');
                write_value(item, out)?;
            }
            out.push(b'}');
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_are_sorted_at_every_depth_without_whitespace() {
        let v = json!({"b": 1, "a": {"z": [true, null], "y": "é\"\n"}, "A": -3});
        assert_eq!(
            String::from_utf8(canonical_json(&v).unwrap()).unwrap(),
            r#"{"A":-3,"a":{"y":"é\"\n","z":[true,null]},"b":1}"#
        );
    }

    #[test]
    fn floats_are_refused() {
        assert_eq!(canonical_json(&json!({"x": 1.5})), Err(CanonicalError::Float));
    }

    #[test]
    fn the_same_value_always_gives_the_same_bytes() {
        let a = json!({"k2": "v", "k1": [1, 2]});
        let b: Value = serde_json::from_str(r#"{ "k1" : [1,2], "k2":"v" }"#).unwrap();
        assert_eq!(canonical_json(&a).unwrap(), canonical_json(&b).unwrap());
    }
}
