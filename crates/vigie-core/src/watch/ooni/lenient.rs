//! Deserialising JSON whose shapes cannot be trusted, without building a `Value`.
//!
//! OONI's format grew over ten years of probes: a field may be a string in one version, a
//! list or an object in another, `null` or missing in a third. A [`Maybe<T>`] holds a `T`
//! when the value has a shape `T` accepts and `None` for any other shape, so a surprise in
//! one field never rejects the whole measurement. Values nobody reads are skipped with
//! [`IgnoredAny`], and strings are borrowed from the input when they need no unescaping.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A `T` when the JSON value had a shape `T` accepts, else `None` (and the value skipped).
#[derive(Debug, Clone, PartialEq)]
pub struct Maybe<T>(pub Option<T>);

impl<T> Default for Maybe<T> {
    fn default() -> Self {
        Self(None)
    }
}

impl<T> Maybe<T> {
    pub fn get(&self) -> Option<&T> {
        self.0.as_ref()
    }
}

/// The shapes a type accepts; every other shape yields `None`.
pub trait FromAny<'de>: Sized {
    /// Whether strings are wanted at all (an escaped string is copied only then).
    const TEXT: bool = false;

    fn from_text(_text: Cow<'de, str>) -> Option<Self> {
        None
    }
    fn from_bool(_value: bool) -> Option<Self> {
        None
    }
    fn from_number(_value: f64) -> Option<Self> {
        None
    }
    fn from_null() -> Option<Self> {
        None
    }
    fn from_map<A: MapAccess<'de>>(mut map: A) -> Result<Option<Self>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn from_seq<A: SeqAccess<'de>>(mut seq: A) -> Result<Option<Self>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

struct MaybeVisitor<T>(PhantomData<T>);

impl<'de, T: FromAny<'de>> Visitor<'de> for MaybeVisitor<T> {
    type Value = Maybe<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Maybe(T::from_text(Cow::Borrowed(v))))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Maybe(if T::TEXT { T::from_text(Cow::Owned(v.to_owned())) } else { None }))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Maybe(T::from_text(Cow::Owned(v))))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Maybe(T::from_bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Maybe(T::from_number(v as f64)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Maybe(T::from_number(v as f64)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Maybe(T::from_number(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Maybe(T::from_null()))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Maybe(T::from_null()))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Maybe::deserialize(d)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::from_map(map).map(Maybe)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        T::from_seq(seq).map(Maybe)
    }
}

impl<'de, T: FromAny<'de>> Deserialize<'de> for Maybe<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(MaybeVisitor(PhantomData))
    }
}

impl<'de: 'a, 'a> FromAny<'de> for Cow<'a, str> {
    const TEXT: bool = true;
    fn from_text(text: Cow<'de, str>) -> Option<Self> {
        Some(text)
    }
}

impl<'de> FromAny<'de> for bool {
    fn from_bool(value: bool) -> Option<Self> {
        Some(value)
    }
}

impl<'de> FromAny<'de> for f64 {
    fn from_number(value: f64) -> Option<Self> {
        value.is_finite().then_some(value)
    }
}

/// A list keeps the elements of the expected shape and skips the others.
impl<'de, T: FromAny<'de>> FromAny<'de> for Vec<T> {
    fn from_seq<A: SeqAccess<'de>>(mut seq: A) -> Result<Option<Self>, A::Error> {
        let mut out = Vec::new();
        while let Some(Maybe(item)) = seq.next_element::<Maybe<T>>()? {
            out.extend(item);
        }
        Ok(Some(out))
    }
}

/// Whether a value was there at all, and if so whether it was `null`: `test_keys: null`
/// is a failed measurement, while a document without `test_keys` is not a measurement.
#[derive(Debug, Clone, PartialEq)]
pub enum Present<T> {
    Null,
    Value(T),
    /// Any other shape.
    Other,
}

impl<'de, T: FromAny<'de>> FromAny<'de> for Present<T> {
    /// Strings are wanted: an unexpected one still says the field is there.
    const TEXT: bool = true;
    fn from_text(text: Cow<'de, str>) -> Option<Self> {
        Some(T::from_text(text).map_or(Present::Other, Present::Value))
    }
    fn from_bool(value: bool) -> Option<Self> {
        Some(T::from_bool(value).map_or(Present::Other, Present::Value))
    }
    fn from_number(value: f64) -> Option<Self> {
        Some(T::from_number(value).map_or(Present::Other, Present::Value))
    }
    fn from_null() -> Option<Self> {
        Some(Present::Null)
    }
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Option<Self>, A::Error> {
        Ok(Some(T::from_map(map)?.map_or(Present::Other, Present::Value)))
    }
    fn from_seq<A: SeqAccess<'de>>(seq: A) -> Result<Option<Self>, A::Error> {
        Ok(Some(T::from_seq(seq)?.map_or(Present::Other, Present::Value)))
    }
}

/// Implements [`FromAny`] for structs deriving `Deserialize` whose fields are all
/// [`Maybe`]s with `#[serde(default)]`: objects are read field by field, other shapes
/// give `None`.
macro_rules! from_object {
    ($($name:ident),* $(,)?) => {
        $(
            impl<'de: 'a, 'a> $crate::watch::ooni::lenient::FromAny<'de> for $name<'a> {
                fn from_map<A: serde::de::MapAccess<'de>>(map: A) -> Result<Option<Self>, A::Error> {
                    let map = serde::de::value::MapAccessDeserializer::new(map);
                    <Self as serde::Deserialize>::deserialize(map).map(Some)
                }
            }
        )*
    };
}
pub(crate) use from_object;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_shapes_become_none_and_escapes_are_kept() {
        let v: Vec<Maybe<Cow<str>>> = serde_json::from_str(r#"["a", 1, null, {"x":[1]}, [2], "b\"c"]"#).unwrap();
        let got: Vec<Option<&str>> = v.iter().map(|m| m.get().map(|c| c.as_ref())).collect();
        assert_eq!(got, [Some("a"), None, None, None, None, Some("b\"c")]);
        let p: Vec<Maybe<Present<bool>>> = serde_json::from_str("[null, true, 3]").unwrap();
        assert_eq!(p[0].0, Some(Present::Null));
        assert_eq!(p[1].0, Some(Present::Value(true)));
        assert_eq!(p[2].0, Some(Present::Other));
        let n: Maybe<Vec<f64>> = serde_json::from_str(r#"[1, "x", 2.5]"#).unwrap();
        assert_eq!(n.0, Some(vec![1.0, 2.5]));
    }
}
