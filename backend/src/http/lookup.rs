//! How clients name records in paths: by numeric id or by a key (a slug, an OGP code). A key
//! that parses as a number is an id; keys always hold a letter, so the two never meet.

/// What a path segment names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key<'a> {
    Id(i64),
    Name(&'a str),
}

impl<'a> Key<'a> {
    pub fn parse(raw: &'a str) -> Key<'a> {
        match raw.parse::<i64>() {
            Ok(id) => Key::Id(id),
            Err(_) => Key::Name(raw),
        }
    }
}

/// Narrows a boxed Diesel query to the row that `key` names: `$id` for a number, `$name`
/// (compared to `$normalise(key)`) otherwise.
///
/// ```ignore
/// let q = by_key!(forums::table.select(ForumRow::as_select()).into_boxed(), forums::id, forums::slug, key);
/// ```
#[macro_export]
macro_rules! by_key {
    ($query:expr, $id:expr, $name:expr, $key:expr) => {
        $crate::by_key!($query, $id, $name, $key, |s: &str| s.to_string())
    };
    ($query:expr, $id:expr, $name:expr, $key:expr, $normalise:expr) => {{
        use diesel::ExpressionMethods as _;
        match $crate::http::lookup::Key::parse($key) {
            $crate::http::lookup::Key::Id(id) => $query.filter($id.eq(id)),
            $crate::http::lookup::Key::Name(name) => $query.filter($name.eq(($normalise)(name))),
        }
    }};
}

#[cfg(test)]
mod tests {
    use super::Key;

    #[test]
    fn numbers_are_ids_and_the_rest_keys() {
        assert_eq!(Key::parse("41"), Key::Id(41));
        assert_eq!(Key::parse("FR0041"), Key::Name("FR0041"));
        assert_eq!(Key::parse("forum-2027"), Key::Name("forum-2027"));
    }
}
