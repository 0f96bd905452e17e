//! Proposals for the next action plan: submitted online during an open phase or collected at a
//! forum, supported by members (once each, count shown), discussed and followed, and each
//! answered with a reasoned response — drafted by the plan's coordinating institution, then
//! published together. Duplicates are merged.

pub mod dto;
mod handlers;
pub mod model;
pub mod queries;
mod responses;
pub mod subject;
mod tracing;
pub mod writes;

/// Proposals in search (merged ones too: their page leads to the one they joined).
const SEARCH: crate::registry::SearchArm = crate::registry::SearchArm {
    kind: "proposal",
    sql: "
    SELECT 'proposal'::text, p.id, p.title, p.problem || ' ' || p.solution,
           ts_rank(p.search_vector, query.q)::float4, p.updated_at, p.commitment_id, NULL::int8, p.lang
      FROM proposals p, query
     WHERE $2 IN ('all', 'proposal') AND p.search_vector @@ query.q",
};

/// This resource's problem codes (`registry::Resource::codes`).
pub mod codes {
    crate::problem_codes! {
        /// 409: no phase accepting proposals is open today.
        NO_OPEN_PHASE => ("no_open_phase", "Aucune phase de la concertation ouverte aux propositions n'est en cours."),
        /// 409: a member supports a proposal once.
        ALREADY_SUPPORTED => ("already_supported", "Vous soutenez déjà cette proposition."),
        /// 409: the proposal was merged into another.
        PROPOSAL_MERGED => ("proposal_merged", "Cette proposition a été fusionnée avec une autre."),
        /// 409: no drafted response waits for publication.
        NOTHING_TO_PUBLISH => ("nothing_to_publish", "Aucune réponse en brouillon n'attend d'être publiée."),
        /// 403: only officials of the plan's coordinating institution (and admins) answer.
        NOT_COORDINATING_INSTITUTION => ("not_coordinating_institution", "Seuls les agents de l'institution qui coordonne le plan répondent aux propositions."),
        /// 409: only a retained (or partly retained) proposal becomes a commitment.
        NOT_RETAINED => ("not_retained", "Seule une proposition retenue (ou retenue en partie) devient un engagement."),
        /// 409: a proposal becomes a commitment of the plan it was made for.
        COMMITMENT_OF_ANOTHER_PLAN => ("commitment_of_another_plan", "Cet engagement appartient à un autre plan d'action que la proposition."),
    }
}

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        PROPOSAL_CREATED => "proposal.created",
        PROPOSAL_SUPPORTED => private "proposal.supported",
        PROPOSAL_SUPPORT_WITHDRAWN => private "proposal.support_withdrawn",
        PROPOSAL_RESPONSE_DRAFTED => private "proposal.response_drafted",
        PROPOSAL_ANSWERED => notifying "proposal.answered",
        PROPOSAL_MERGED => notifying "proposal.merged",
        PROPOSAL_BECAME => "proposal.commitment_linked",
        PROPOSAL_NO_LONGER_BECAME => "proposal.commitment_unlinked",
        COMMITMENT_FROM_PROPOSAL => "commitment.proposal_linked",
        COMMITMENT_NO_LONGER_FROM_PROPOSAL => "commitment.proposal_unlinked",
    }
}

/// Proposals.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("proposals", "Proposals for the next action plan, their supports and reasoned responses")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_proposals)
            .service(handlers::proposal_summary)
            .service(handlers::create_proposal)
            .service(handlers::create_forum_proposal)
            .service(handlers::get_proposal)
            .service(handlers::support_proposal)
            .service(handlers::withdraw_support)
            .service(handlers::list_proposal_comments)
            .service(handlers::proposal_comments_feed)
            .service(handlers::create_proposal_comment)
            .service(responses::draft_response)
            .service(responses::discard_draft)
            .service(responses::publish_responses)
            .service(responses::merge_proposal)
            .service(tracing::link_commitment)
            .service(tracing::unlink_commitment);
    }),
    events: events::ALL,
    codes: codes::ALL,
    subject: Some(&subject::DECL),
    change_feed: Some("proposal"),
    record: Some(&RECORD),
    search: Some(&SEARCH),
    ..crate::registry::Resource::NONE
};

/// Its records for readers of the event log outside the API (webhooks): as `GET /proposals/{key}` answers.
const RECORD: crate::registry::RecordDecl =
    crate::registry::RecordDecl { path: "/proposals/{key}", load: public_record, within: None };

fn public_record(conn: &mut diesel::PgConnection, id: i64) -> crate::http::problem::ApiResult<serde_json::Value> {
    let row = queries::find(conn, model::ProposalId(id))?;
    crate::registry::json(queries::present_one(conn, row, queries::Reader::default())?)
}
