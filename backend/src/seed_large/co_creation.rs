//! The large seed's plan being co-created: 5,000 proposals with their responses, supports and
//! the commitments some became (the benchmark's R9 and W3). The SQL is shared with
//! `bench/run.sh --smoke`, which loads a smaller one on the small seed.

use diesel::prelude::*;

use super::{step, BUSY_INSTITUTION_SLUG, CO_CREATION_PLAN_SLUG, PROPOSALS};

/// The script, its placeholders replaced (see its header).
fn script(plan: &str, proposals: i64, members: &str, institution: &str) -> String {
    include_str!("co_creation.sql")
        .replace("__PLAN__", plan)
        .replace("__PROPOSALS__", &proposals.to_string())
        .replace("__MEMBERS__", members)
        .replace("__INSTITUTION__", institution)
}

pub(super) fn co_creation(conn: &mut PgConnection) -> QueryResult<()> {
    step(
        conn,
        "co-creation",
        &script(CO_CREATION_PLAN_SLUG, PROPOSALS, "%@large.opendetat.test", BUSY_INSTITUTION_SLUG),
    )
}
