-- "Pas de mise à jour depuis 6 mois": when a commitment last had news — a progress update on
-- one of its milestones, or a document (evidence) attached to it or to one of its milestones —
-- kept by triggers in a table of its own (the commitments table is at Diesel's 32 columns).
CREATE TABLE commitment_news (
    commitment_id   BIGINT PRIMARY KEY REFERENCES commitments (id) ON DELETE CASCADE,
    last_update_at  TIMESTAMPTZ NOT NULL
);
CREATE TRIGGER commitment_news_public_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON commitment_news
    FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version();

INSERT INTO commitment_news (commitment_id, last_update_at)
SELECT m.commitment_id, max(p.created_at)
  FROM progress_updates p JOIN milestones m ON m.id = p.milestone_id
 GROUP BY m.commitment_id;

CREATE FUNCTION commitment_news_from_progress() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO commitment_news (commitment_id, last_update_at)
    SELECT m.commitment_id, NEW.created_at FROM milestones m WHERE m.id = NEW.milestone_id
    ON CONFLICT (commitment_id) DO UPDATE SET last_update_at = greatest(commitment_news.last_update_at, EXCLUDED.last_update_at);
    RETURN NULL;
END $$;
CREATE TRIGGER progress_updates_commitment_news AFTER INSERT ON progress_updates
    FOR EACH ROW EXECUTE FUNCTION commitment_news_from_progress();

-- A document attached to the commitment or one of its milestones, or a new version of its file.
CREATE FUNCTION commitment_news_from_document(subject BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO commitment_news (commitment_id, last_update_at)
    SELECT c.id, now() FROM commitments c
     WHERE subject IS NOT NULL
       AND (c.subject_id = subject
            OR c.id = (SELECT m.commitment_id FROM milestones m WHERE m.subject_id = subject))
    ON CONFLICT (commitment_id) DO UPDATE SET last_update_at = greatest(commitment_news.last_update_at, EXCLUDED.last_update_at)
$$;
CREATE FUNCTION commitment_news_from_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'documents' THEN
        PERFORM commitment_news_from_document(NEW.subject_id);
    ELSE
        PERFORM commitment_news_from_document((SELECT d.subject_id FROM documents d WHERE d.id = NEW.document_id));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER documents_commitment_news AFTER INSERT ON documents
    FOR EACH ROW EXECUTE FUNCTION commitment_news_from_documents();
CREATE TRIGGER document_files_commitment_news AFTER INSERT ON document_files
    FOR EACH ROW EXECUTE FUNCTION commitment_news_from_documents();
