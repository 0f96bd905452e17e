DROP INDEX proposals_plan_state_idx;
CREATE INDEX proposals_plan_state_idx ON proposals (action_plan_id, state, id DESC);
