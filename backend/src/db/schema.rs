// @generated automatically by Diesel CLI.

pub mod sql_types {
    #[derive(diesel::query_builder::QueryId, Clone, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "tsvector", schema = "pg_catalog"))]
    pub struct Tsvector;

    #[derive(diesel::query_builder::QueryId, Clone, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "xid8", schema = "pg_catalog"))]
    pub struct Xid8;
}

diesel::table! {
    action_item_history (id) {
        id -> Int8,
        action_item_id -> Int8,
        status -> Text,
        note -> Nullable<Text>,
        outcome -> Nullable<Text>,
        changed_by -> Nullable<Int8>,
        changed_at -> Timestamptz,
    }
}

diesel::table! {
    action_items (id) {
        id -> Int8,
        forum_id -> Int8,
        title -> Text,
        description -> Text,
        description_html -> Text,
        owner_kind -> Text,
        owner_name -> Text,
        due_on -> Date,
        commitment_id -> Nullable<Int8>,
        milestone_id -> Nullable<Int8>,
        status -> Text,
        outcome -> Nullable<Text>,
        closed_at -> Nullable<Timestamptz>,
        subject_id -> Int8,
        created_by -> Nullable<Int8>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        owner_institution_id -> Nullable<Int8>,
    }
}

diesel::table! {
    action_plans (id) {
        id -> Int8,
        slug -> Text,
        country -> Text,
        title -> Text,
        period_start -> Int4,
        period_end -> Int4,
        description -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        subject_id -> Int8,
        lang -> Text,
        status -> Text,
        coordinating_institution_id -> Nullable<Int8>,
        timeline_published_at -> Nullable<Timestamptz>,
        timeline_late_reason -> Nullable<Text>,
    }
}

diesel::table! {
    api_rate_windows (key, window_start) {
        key -> Text,
        window_start -> Int8,
        count -> Int4,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Int8,
        owner_id -> Int8,
        kind -> Text,
        name -> Text,
        contact -> Nullable<Text>,
        scopes -> Array<Text>,
        prefix -> Text,
        secret_hash -> Bytea,
        created_by -> Nullable<Int8>,
        created_at -> Timestamptz,
        expires_at -> Nullable<Timestamptz>,
        revoked_at -> Nullable<Timestamptz>,
        last_used_at -> Nullable<Timestamptz>,
        last_used_family -> Nullable<Text>,
    }
}

diesel::table! {
    comment_mentions (comment_id, user_id) {
        comment_id -> Int8,
        user_id -> Int8,
        mentioned_at -> Timestamptz,
    }
}

diesel::table! {
    comment_reactions (comment_id, user_id) {
        comment_id -> Int8,
        user_id -> Int8,
        useful -> Bool,
        stance -> Nullable<Text>,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    comment_reports (id) {
        id -> Int8,
        comment_id -> Int8,
        reporter_id -> Nullable<Int8>,
        reason -> Text,
        details -> Nullable<Text>,
        created_at -> Timestamptz,
        resolved_at -> Nullable<Timestamptz>,
        resolution -> Nullable<Text>,
        resolved_by -> Nullable<Int8>,
    }
}

diesel::table! {
    comment_versions (id) {
        id -> Int8,
        comment_id -> Int8,
        body -> Text,
        body_html -> Text,
        written_at -> Timestamptz,
        replaced_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::Tsvector;

    comments (id) {
        id -> Int8,
        parent_id -> Nullable<Int8>,
        root_id -> Nullable<Int8>,
        depth -> Int4,
        reply_count -> Int4,
        author_id -> Int8,
        body -> Text,
        body_html -> Text,
        created_at -> Timestamptz,
        edited_at -> Nullable<Timestamptz>,
        deleted_at -> Nullable<Timestamptz>,
        hidden_at -> Nullable<Timestamptz>,
        hidden_by -> Nullable<Int8>,
        hidden_reason -> Nullable<Text>,
        search_vector -> Nullable<Tsvector>,
        subject_id -> Int8,
        useful_count -> Int4,
        agree_count -> Int4,
        disagree_count -> Int4,
        on_record -> Bool,
    }
}

diesel::table! {
    commitment_institutions (commitment_id, institution_id) {
        commitment_id -> Int8,
        institution_id -> Int8,
        lead -> Bool,
        position -> Int4,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::Tsvector;

    commitments (id) {
        id -> Int8,
        action_plan_id -> Int8,
        code -> Text,
        number -> Int4,
        title -> Text,
        summary -> Nullable<Text>,
        description -> Nullable<Text>,
        policy_areas -> Array<Text>,
        lead_institution -> Nullable<Text>,
        support_institutions -> Array<Text>,
        ogp_principles -> Array<Text>,
        ambitions -> Array<Text>,
        status -> Text,
        starred -> Bool,
        start_year -> Nullable<Int4>,
        end_year -> Nullable<Int4>,
        irm_report -> Nullable<Text>,
        irm_starred -> Nullable<Text>,
        irm_early_results -> Nullable<Text>,
        irm_verifiable -> Nullable<Bool>,
        irm_relevance -> Array<Text>,
        irm_potential_impact -> Nullable<Text>,
        irm_completion -> Nullable<Text>,
        irm_analysis -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        search_vector -> Nullable<Tsvector>,
        description_html -> Nullable<Text>,
        irm_analysis_html -> Nullable<Text>,
        archived_at -> Nullable<Timestamptz>,
        subject_id -> Int8,
        lang -> Text,
    }
}

diesel::table! {
    cycle_commitments (cycle_id, commitment_id) {
        cycle_id -> Int8,
        commitment_id -> Int8,
    }
}

diesel::table! {
    cycles (id) {
        id -> Int8,
        slug -> Text,
        title -> Text,
        description -> Text,
        description_html -> Text,
        starts_on -> Date,
        ends_on -> Date,
        lang -> Text,
        created_by -> Nullable<Int8>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    data_fixups (name) {
        name -> Text,
        applied_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::Xid8;

    event_positions (consumer) {
        consumer -> Text,
        xid -> Xid8,
        id -> Int8,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::Xid8;

    events (id) {
        id -> Int8,
        xid -> Xid8,
        #[sql_name = "type"]
        type_ -> Text,
        subject_kind -> Nullable<Text>,
        subject_ref -> Nullable<Int8>,
        subject_key -> Nullable<Text>,
        actor_id -> Nullable<Int8>,
        at -> Timestamptz,
        audited -> Bool,
        payload -> Jsonb,
    }
}

diesel::table! {
    extra_holidays (day) {
        day -> Date,
        label -> Text,
        created_by -> Nullable<Int8>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    feedback (id) {
        id -> Int8,
        forum_id -> Int8,
        user_id -> Nullable<Int8>,
        format_version_id -> Int8,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    feedback_answers (id) {
        id -> Int8,
        feedback_id -> Int8,
        question_key -> Text,
        rating -> Nullable<Int4>,
        text -> Nullable<Text>,
        approved_at -> Nullable<Timestamptz>,
        approved_by -> Nullable<Int8>,
    }
}

diesel::table! {
    feedback_responses (forum_id) {
        forum_id -> Int8,
        body -> Text,
        body_html -> Text,
        next_format_version_id -> Nullable<Int8>,
        published_by -> Nullable<Int8>,
        published_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    follows (user_id, subject_id) {
        user_id -> Int8,
        subject_id -> Int8,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    format_versions (id) {
        id -> Int8,
        format_id -> Int8,
        version -> Int4,
        purpose -> Text,
        audience -> Text,
        agenda -> Jsonb,
        duration_minutes -> Int4,
        roles -> Text,
        accessibility -> Text,
        materials -> Text,
        questionnaire -> Jsonb,
        document -> Text,
        document_html -> Text,
        change_note -> Nullable<Text>,
        published_by -> Nullable<Int8>,
        published_at -> Timestamptz,
    }
}

diesel::table! {
    formats (id) {
        id -> Int8,
        slug -> Text,
        name -> Text,
        lang -> Text,
        latest_version -> Int4,
        created_by -> Nullable<Int8>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    forum_commitments (forum_id, commitment_id) {
        forum_id -> Int8,
        commitment_id -> Int8,
    }
}

diesel::table! {
    forum_minutes (forum_id) {
        forum_id -> Int8,
        body -> Text,
        body_html -> Text,
        attendees_count -> Int4,
        organisations -> Array<Text>,
        links -> Jsonb,
        published_by -> Nullable<Int8>,
        published_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    forum_minutes_versions (id) {
        id -> Int8,
        forum_id -> Int8,
        body -> Text,
        body_html -> Text,
        attendees_count -> Int4,
        organisations -> Array<Text>,
        links -> Jsonb,
        written_at -> Timestamptz,
        replaced_at -> Timestamptz,
    }
}

diesel::table! {
    forum_organisers (forum_id, user_id) {
        forum_id -> Int8,
        user_id -> Int8,
        added_by -> Nullable<Int8>,
        added_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::Tsvector;

    forums (id) {
        id -> Int8,
        slug -> Text,
        title -> Text,
        theme -> Text,
        description -> Text,
        starts_at -> Timestamptz,
        ends_at -> Timestamptz,
        location -> Nullable<Text>,
        online_url -> Nullable<Text>,
        capacity -> Nullable<Int4>,
        status -> Text,
        created_by -> Nullable<Int8>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        search_vector -> Nullable<Tsvector>,
        description_html -> Nullable<Text>,
        archived_at -> Nullable<Timestamptz>,
        subject_id -> Int8,
        lang -> Text,
        format_version_id -> Nullable<Int8>,
        ical_sequence -> Int4,
        cycle_id -> Nullable<Int8>,
        feedback_closes_at -> Nullable<Timestamptz>,
        filling_notified_at -> Nullable<Timestamptz>,
        full_notified_at -> Nullable<Timestamptz>,
        registration_closes_at -> Nullable<Timestamptz>,
        reserved_seats -> Nullable<Int4>,
        reserved_for -> Nullable<Text>,
        reserved_until -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    institution_answer_days (institution_id, working_days) {
        institution_id -> Int8,
        working_days -> Int4,
        answers -> Int4,
    }
}

diesel::table! {
    institution_records (institution_id) {
        institution_id -> Int8,
        questions_received -> Int4,
        questions_answered -> Int4,
        answered_on_time -> Int4,
    }
}

diesel::table! {
    identities (id) {
        id -> Int8,
        user_id -> Int8,
        provider -> Text,
        subject -> Text,
        email -> Text,
        siret -> Nullable<Text>,
        claimed_institution_id -> Nullable<Int8>,
        declined_institution_id -> Nullable<Int8>,
        created_at -> Timestamptz,
        last_used_at -> Timestamptz,
    }
}

diesel::table! {
    institutions (id) {
        id -> Int8,
        slug -> Text,
        name -> Text,
        acronym -> Nullable<Text>,
        kind -> Text,
        siren -> Nullable<Text>,
        website -> Nullable<Text>,
        lang -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    job_effects (job_id) {
        job_id -> Int8,
        at -> Timestamptz,
    }
}

diesel::table! {
    jobs (id) {
        id -> Int8,
        kind -> Text,
        payload -> Jsonb,
        state -> Text,
        run_at -> Timestamptz,
        attempts -> Int4,
        max_attempts -> Int4,
        locked_at -> Nullable<Timestamptz>,
        locked_by -> Nullable<Text>,
        last_error -> Nullable<Text>,
        created_at -> Timestamptz,
        finished_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    login_throttle (key) {
        key -> Text,
        failures -> Int4,
        window_started_at -> Timestamptz,
        blocked_until -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    mail_tokens (id) {
        id -> Int8,
        user_id -> Int8,
        purpose -> Text,
        token_hash -> Bytea,
        expires_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::Tsvector;

    milestones (id) {
        id -> Int8,
        commitment_id -> Int8,
        code -> Text,
        title -> Text,
        description -> Nullable<Text>,
        due_date -> Nullable<Date>,
        due_period -> Nullable<Text>,
        status -> Text,
        position -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        search_vector -> Nullable<Tsvector>,
        description_html -> Nullable<Text>,
        archived_at -> Nullable<Timestamptz>,
        subject_id -> Int8,
        lang -> Text,
        baseline_completion -> Text,
        completion -> Text,
    }
}

diesel::table! {
    notification_settings (user_id) {
        user_id -> Int8,
        mail -> Text,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    notifications (id) {
        id -> Int8,
        user_id -> Int8,
        event_id -> Int8,
        reason -> Text,
        subject_id -> Nullable<Int8>,
        actor_id -> Nullable<Int8>,
        comment_id -> Nullable<Int8>,
        created_at -> Timestamptz,
        read_at -> Nullable<Timestamptz>,
        mail -> Text,
    }
}

diesel::table! {
    progress_updates (id) {
        id -> Int8,
        milestone_id -> Int8,
        as_of -> Date,
        status -> Text,
        completion -> Text,
        note -> Text,
        note_html -> Text,
        evidence -> Jsonb,
        corrects_id -> Nullable<Int8>,
        author_id -> Nullable<Int8>,
        author_name -> Text,
        institution_id -> Nullable<Int8>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    public_version (shard) {
        shard -> Int4,
        version -> Int8,
    }
}

diesel::table! {
    question_answers (id) {
        id -> Int8,
        question_id -> Int8,
        comment_id -> Int8,
        institution_id -> Int8,
        answered_by -> Nullable<Int8>,
        answered_at -> Timestamptz,
        answered_on -> Date,
        working_days -> Int4,
        on_time -> Bool,
        rejected_at -> Nullable<Timestamptz>,
        rejection_note -> Nullable<Text>,
        hidden_at -> Nullable<Timestamptz>,
        superseded_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    questions (id) {
        id -> Int8,
        subject_id -> Int8,
        about_id -> Int8,
        commitment_id -> Nullable<Int8>,
        institution_id -> Int8,
        asked_by -> Nullable<Int8>,
        title -> Text,
        body -> Text,
        body_html -> Text,
        lang -> Text,
        asked_at -> Timestamptz,
        asked_on -> Date,
        deadline_days -> Int4,
        due_on -> Date,
        long_due_on -> Date,
        answered_on -> Nullable<Date>,
    }
}

diesel::table! {
    rate_limits (key) {
        key -> Text,
        tat -> Timestamptz,
    }
}

diesel::table! {
    registrations (id) {
        id -> Int8,
        forum_id -> Int8,
        user_id -> Int8,
        status -> Text,
        code -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        promoted_at -> Nullable<Timestamptz>,
        cancelled_at -> Nullable<Timestamptz>,
        checked_in_at -> Nullable<Timestamptz>,
        checked_in_by -> Nullable<Int8>,
        reminded_for -> Nullable<Timestamptz>,
        reserved -> Bool,
    }
}

diesel::table! {
    recovery_codes (id) {
        id -> Int8,
        user_id -> Int8,
        code_hash -> Bytea,
        used_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    sessions (id) {
        id -> Int8,
        user_id -> Int8,
        device -> Text,
        address_family -> Text,
        created_at -> Timestamptz,
        last_used_at -> Timestamptz,
        expires_at -> Timestamptz,
        ended_at -> Nullable<Timestamptz>,
        provider -> Nullable<Text>,
        id_token -> Nullable<Text>,
        provider_second_factor -> Bool,
    }
}

diesel::table! {
    two_factor_secrets (user_id) {
        user_id -> Int8,
        secret -> Bytea,
        created_at -> Timestamptz,
        last_step -> Nullable<Int8>,
    }
}

diesel::table! {
    subjects (id) {
        id -> Int8,
        kind -> Text,
        ref_id -> Int8,
    }
}

diesel::table! {
    users (id) {
        id -> Int8,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        organisation -> Nullable<Text>,
        suspended_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        session_version -> Int4,
        locale -> Text,
        email_verified_at -> Nullable<Timestamptz>,
        institution_id -> Nullable<Int8>,
        suspended_until -> Nullable<Timestamptz>,
        suspension_message -> Nullable<Text>,
        erased_at -> Nullable<Timestamptz>,
        handle -> Text,
        handle_changed_at -> Nullable<Timestamptz>,
        two_factor_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    webhook_attempts (id) {
        id -> Int8,
        delivery_id -> Int8,
        endpoint_id -> Int8,
        at -> Timestamptz,
        attempt -> Int4,
        status_code -> Nullable<Int4>,
        duration_ms -> Int4,
        error -> Nullable<Text>,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Int8,
        endpoint_id -> Int8,
        event_id -> Nullable<Int8>,
        event_type -> Text,
        message_id -> Text,
        body -> Text,
        state -> Text,
        attempts -> Int4,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    webhook_endpoints (id) {
        id -> Int8,
        app_token_id -> Nullable<Int8>,
        created_by -> Nullable<Int8>,
        url -> Text,
        description -> Text,
        event_types -> Array<Text>,
        subject_kind -> Nullable<Text>,
        subject_ref -> Nullable<Int8>,
        subject_key -> Nullable<Text>,
        secret -> Text,
        previous_secret -> Nullable<Text>,
        previous_secret_until -> Nullable<Timestamptz>,
        enabled -> Bool,
        disabled_reason -> Nullable<Text>,
        failing_since -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    co_creation_phases (id) {
        id -> Int8,
        action_plan_id -> Int8,
        kind -> Text,
        title -> Text,
        description -> Text,
        description_html -> Text,
        opens_on -> Date,
        closes_on -> Date,
        accepts_proposals -> Bool,
        opening_announced_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::Tsvector;

    proposals (id) {
        id -> Int8,
        action_plan_id -> Int8,
        phase_id -> Nullable<Int8>,
        title -> Text,
        problem -> Text,
        problem_html -> Text,
        solution -> Text,
        solution_html -> Text,
        theme -> Nullable<Text>,
        commitment_id -> Nullable<Int8>,
        possible_lead -> Nullable<Text>,
        lang -> Text,
        origin -> Text,
        forum_id -> Nullable<Int8>,
        author_id -> Nullable<Int8>,
        spoken_by -> Nullable<Text>,
        entered_by -> Nullable<Int8>,
        merged_into_id -> Nullable<Int8>,
        support_count -> Int4,
        state -> Text,
        reason -> Nullable<Text>,
        reason_html -> Nullable<Text>,
        responded_at -> Nullable<Timestamptz>,
        responded_by -> Nullable<Int8>,
        draft_state -> Nullable<Text>,
        draft_reason -> Nullable<Text>,
        drafted_by -> Nullable<Int8>,
        drafted_at -> Nullable<Timestamptz>,
        subject_id -> Int8,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        search_vector -> Nullable<Tsvector>,
    }
}

diesel::table! {
    proposal_commitments (proposal_id, commitment_id) {
        proposal_id -> Int8,
        commitment_id -> Int8,
        linked_by -> Nullable<Int8>,
        linked_at -> Timestamptz,
    }
}

diesel::table! {
    proposal_supports (proposal_id, user_id) {
        proposal_id -> Int8,
        user_id -> Int8,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    stakeholder_members (id) {
        id -> Int8,
        name -> Text,
        category -> Text,
        organisation -> Text,
        position -> Nullable<Text>,
        term_starts_on -> Date,
        term_ends_on -> Nullable<Date>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    stakeholder_meetings (forum_id) {
        forum_id -> Int8,
        marked_by -> Nullable<Int8>,
        marked_at -> Timestamptz,
    }
}

diesel::table! {
    organisation_consents (forum_id, user_id) {
        forum_id -> Int8,
        user_id -> Int8,
        given_at -> Timestamptz,
    }
}

diesel::table! {
    commitment_news (commitment_id) {
        commitment_id -> Int8,
        last_update_at -> Timestamptz,
    }
}

diesel::table! {
    documents (id) {
        id -> Int8,
        subject_id -> Nullable<Int8>,
        format_id -> Nullable<Int8>,
        title -> Text,
        description -> Text,
        level -> Text,
        lang -> Text,
        stage -> Nullable<Text>,
        url -> Nullable<Text>,
        created_by -> Nullable<Int8>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    document_files (document_id, version) {
        document_id -> Int8,
        version -> Int4,
        object_key -> Text,
        filename -> Text,
        media_type -> Text,
        size_bytes -> Int8,
        sha256 -> Text,
        uploaded_by -> Nullable<Int8>,
        uploaded_at -> Timestamptz,
    }
}

diesel::table! {
    progress_evidence (progress_update_id, document_id) {
        progress_update_id -> Int8,
        document_id -> Int8,
    }
}

diesel::joinable!(action_item_history -> action_items (action_item_id));
diesel::joinable!(document_files -> documents (document_id));
diesel::joinable!(commitment_news -> commitments (commitment_id));
diesel::joinable!(progress_evidence -> documents (document_id));
diesel::joinable!(progress_evidence -> progress_updates (progress_update_id));
diesel::joinable!(stakeholder_meetings -> forums (forum_id));
diesel::joinable!(organisation_consents -> forums (forum_id));
diesel::joinable!(organisation_consents -> users (user_id));
diesel::joinable!(identities -> users (user_id));
diesel::joinable!(identities -> institutions (claimed_institution_id));
diesel::joinable!(action_item_history -> users (changed_by));
diesel::joinable!(action_items -> commitments (commitment_id));
diesel::joinable!(action_items -> forums (forum_id));
diesel::joinable!(action_items -> institutions (owner_institution_id));
diesel::joinable!(action_items -> milestones (milestone_id));
diesel::joinable!(action_items -> subjects (subject_id));
diesel::joinable!(action_items -> users (created_by));
diesel::joinable!(action_plans -> subjects (subject_id));
diesel::joinable!(co_creation_phases -> action_plans (action_plan_id));
diesel::joinable!(proposal_supports -> proposals (proposal_id));
diesel::joinable!(proposal_commitments -> proposals (proposal_id));
diesel::joinable!(proposal_commitments -> commitments (commitment_id));
diesel::joinable!(comment_mentions -> comments (comment_id));
diesel::joinable!(comment_mentions -> users (user_id));
diesel::joinable!(comment_reactions -> comments (comment_id));
diesel::joinable!(comment_reactions -> users (user_id));
diesel::joinable!(comment_reports -> comments (comment_id));
diesel::joinable!(comment_versions -> comments (comment_id));
diesel::joinable!(comments -> subjects (subject_id));
diesel::joinable!(comments -> users (author_id));
diesel::joinable!(commitment_institutions -> commitments (commitment_id));
diesel::joinable!(commitment_institutions -> institutions (institution_id));
diesel::joinable!(commitments -> action_plans (action_plan_id));
diesel::joinable!(commitments -> subjects (subject_id));
diesel::joinable!(cycle_commitments -> commitments (commitment_id));
diesel::joinable!(cycle_commitments -> cycles (cycle_id));
diesel::joinable!(cycles -> users (created_by));
diesel::joinable!(extra_holidays -> users (created_by));
diesel::joinable!(feedback -> format_versions (format_version_id));
diesel::joinable!(feedback -> forums (forum_id));
diesel::joinable!(feedback -> users (user_id));
diesel::joinable!(feedback_answers -> feedback (feedback_id));
diesel::joinable!(feedback_answers -> users (approved_by));
diesel::joinable!(feedback_responses -> format_versions (next_format_version_id));
diesel::joinable!(feedback_responses -> forums (forum_id));
diesel::joinable!(feedback_responses -> users (published_by));
diesel::joinable!(follows -> subjects (subject_id));
diesel::joinable!(follows -> users (user_id));
diesel::joinable!(format_versions -> formats (format_id));
diesel::joinable!(format_versions -> users (published_by));
diesel::joinable!(formats -> users (created_by));
diesel::joinable!(forum_commitments -> commitments (commitment_id));
diesel::joinable!(forum_commitments -> forums (forum_id));
diesel::joinable!(forum_organisers -> users (user_id));
diesel::joinable!(forum_minutes -> forums (forum_id));
diesel::joinable!(forum_minutes -> users (published_by));
diesel::joinable!(forum_minutes_versions -> forums (forum_id));
diesel::joinable!(forum_organisers -> forums (forum_id));
diesel::joinable!(forums -> cycles (cycle_id));
diesel::joinable!(forums -> format_versions (format_version_id));
diesel::joinable!(forums -> subjects (subject_id));
diesel::joinable!(forums -> users (created_by));
diesel::joinable!(institution_answer_days -> institutions (institution_id));
diesel::joinable!(institution_records -> institutions (institution_id));
diesel::joinable!(job_effects -> jobs (job_id));
diesel::joinable!(mail_tokens -> users (user_id));
diesel::joinable!(milestones -> commitments (commitment_id));
diesel::joinable!(milestones -> subjects (subject_id));
diesel::joinable!(notification_settings -> users (user_id));
diesel::joinable!(notifications -> comments (comment_id));
diesel::joinable!(notifications -> subjects (subject_id));
diesel::joinable!(progress_updates -> institutions (institution_id));
diesel::joinable!(progress_updates -> milestones (milestone_id));
diesel::joinable!(progress_updates -> users (author_id));
diesel::joinable!(question_answers -> comments (comment_id));
diesel::joinable!(question_answers -> institutions (institution_id));
diesel::joinable!(question_answers -> questions (question_id));
diesel::joinable!(question_answers -> users (answered_by));
diesel::joinable!(questions -> commitments (commitment_id));
diesel::joinable!(questions -> institutions (institution_id));
diesel::joinable!(questions -> subjects (about_id));
diesel::joinable!(questions -> users (asked_by));
diesel::joinable!(registrations -> forums (forum_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(recovery_codes -> users (user_id));
diesel::joinable!(two_factor_secrets -> users (user_id));
diesel::joinable!(users -> institutions (institution_id));
diesel::joinable!(webhook_attempts -> webhook_deliveries (delivery_id));
diesel::joinable!(webhook_attempts -> webhook_endpoints (endpoint_id));
diesel::joinable!(webhook_deliveries -> webhook_endpoints (endpoint_id));
diesel::joinable!(webhook_endpoints -> api_tokens (app_token_id));
diesel::joinable!(webhook_endpoints -> users (created_by));

diesel::allow_tables_to_appear_in_same_query!(
    commitment_news,
    documents,
    document_files,
    progress_evidence,
    stakeholder_members,
    stakeholder_meetings,
    organisation_consents,
    co_creation_phases,
    proposals,
    proposal_commitments,
    proposal_supports,
    recovery_codes,
    two_factor_secrets,
    action_item_history,
    action_items,
    action_plans,
    api_rate_windows,
    api_tokens,
    comment_mentions,
    comment_reactions,
    comment_reports,
    comment_versions,
    comments,
    commitment_institutions,
    commitments,
    cycle_commitments,
    cycles,
    data_fixups,
    event_positions,
    events,
    extra_holidays,
    feedback,
    feedback_answers,
    feedback_responses,
    follows,
    format_versions,
    formats,
    forum_commitments,
    forum_minutes,
    forum_minutes_versions,
    forum_organisers,
    forums,
    institution_answer_days,
    institution_records,
    identities,
    institutions,
    job_effects,
    jobs,
    login_throttle,
    mail_tokens,
    milestones,
    notification_settings,
    notifications,
    progress_updates,
    public_version,
    question_answers,
    questions,
    rate_limits,
    registrations,
    sessions,
    subjects,
    users,
    webhook_attempts,
    webhook_deliveries,
    webhook_endpoints,
);

diesel::allow_columns_to_appear_in_same_group_by_clause!(
    commitments::action_plan_id,
    milestones::status
);
