//! Comments on forums, commitments and milestones: posting, threading, listing in threads and
//! flat modes, long discussions and pagination under writes, edit, delete (tombstones),
//! moderation, sanitised markdown and body limits. Shared helpers here, the tests in one module
//! per feature.

mod content;
mod editing;
mod listing;
mod paging;
mod posting;

use diesel::prelude::*;
use diesel::sql_types::BigInt;
use opendetat_tests::*;

pub(crate) use crate::forums::{field_names, ids, page_items, utc_nanos, DIALOGUE};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

pub(crate) fn get_comment(app: &TestApp, id: i64, token: Option<&str>) -> Value {
    app.request("GET", &format!("/comments/{id}"), token, &[], None).expect(200).json()
}

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// Ids from a `SELECT id …` run directly on the app's database.
pub(crate) fn sql_ids(app: &TestApp, query: &str) -> Vec<i64> {
    diesel::sql_query(query)
        .load::<IdRow>(&mut app.db())
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .into_iter()
        .map(|r| r.id)
        .collect()
}

pub(crate) fn assert_distinct(ids: &[i64]) {
    let mut sorted = ids.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "an id repeats in {ids:?}");
}
