//! Who answers questions about a commitment and what belongs to it: the commitment's lead
//! institution (or an action item's owner), nobody once the commitment is withdrawn.

use diesel::prelude::*;

use crate::db::ids::{CommitmentId, InstitutionId};
use crate::db::schema::{commitment_institutions, commitments};
use crate::subjects::Answerer;
use crate::types::CommitmentStatus;

/// The commitment's lead institution, if it has one.
pub fn lead_of(conn: &mut PgConnection, commitment: CommitmentId) -> QueryResult<Option<InstitutionId>> {
    commitment_institutions::table
        .filter(commitment_institutions::commitment_id.eq(commitment))
        .filter(commitment_institutions::lead)
        .select(commitment_institutions::institution_id)
        .first(conn)
        .optional()
}

/// Who answers for something of `commitment` (none: for no commitment): `owner` when it has
/// one, else the commitment's lead institution. `withdrawn` adds the thing's own withdrawal.
pub fn for_commitment(
    conn: &mut PgConnection,
    commitment: Option<CommitmentId>,
    owner: Option<InstitutionId>,
    withdrawn: bool,
) -> QueryResult<Answerer> {
    let Some(c) = commitment else { return Ok(Answerer { institution: owner, commitment: None, withdrawn }) };
    let status: CommitmentStatus = commitments::table.find(c).select(commitments::status).first(conn)?;
    let institution = match owner {
        Some(i) => Some(i),
        None => lead_of(conn, c)?,
    };
    Ok(Answerer { institution, commitment: Some(c), withdrawn: withdrawn || status == CommitmentStatus::Withdrawn })
}
