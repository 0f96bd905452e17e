// Diesel's view of the tables created by `migrations/`, kept by hand (no Diesel CLI needed).
// Any drift from the migrations fails the black-box tests, which run every query.

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
    }
}

diesel::table! {
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
        description_html -> Nullable<Text>,
        irm_analysis_html -> Nullable<Text>,
        archived_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
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
        description_html -> Nullable<Text>,
        archived_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
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
        description_html -> Nullable<Text>,
        archived_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    forum_commitments (forum_id, commitment_id) {
        forum_id -> Int8,
        commitment_id -> Int8,
    }
}

diesel::table! {
    comments (id) {
        id -> Int8,
        forum_id -> Nullable<Int8>,
        commitment_id -> Nullable<Int8>,
        milestone_id -> Nullable<Int8>,
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
    }
}

diesel::joinable!(commitments -> action_plans (action_plan_id));
diesel::joinable!(milestones -> commitments (commitment_id));
diesel::joinable!(forum_commitments -> forums (forum_id));
diesel::joinable!(forum_commitments -> commitments (commitment_id));
diesel::joinable!(comments -> users (author_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    action_plans,
    commitments,
    milestones,
    forums,
    forum_commitments,
    comments,
);

diesel::table! {
    login_throttle (key) {
        key -> Text,
        failures -> Int4,
        window_started_at -> Timestamptz,
        blocked_until -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    rate_limits (key) {
        key -> Text,
        tat -> Timestamptz,
    }
}

diesel::table! {
    data_fixups (name) {
        name -> Text,
        applied_at -> Timestamptz,
    }
}

diesel::allow_columns_to_appear_in_same_group_by_clause!(
    commitments::action_plan_id,
    milestones::status
);
