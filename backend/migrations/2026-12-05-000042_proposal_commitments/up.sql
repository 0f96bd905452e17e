-- From proposal to commitment: a retained (or partly retained) proposal names the commitments
-- it became or fed; the commitment counts the proposals it came from.
CREATE TABLE proposal_commitments (
    proposal_id    BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    commitment_id  BIGINT NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
    linked_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    linked_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (proposal_id, commitment_id)
);
-- The commitment's side: the proposals it came from.
CREATE INDEX proposal_commitments_commitment_idx ON proposal_commitments (commitment_id, proposal_id);
CREATE TRIGGER proposal_commitments_public_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON proposal_commitments
    FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version();
