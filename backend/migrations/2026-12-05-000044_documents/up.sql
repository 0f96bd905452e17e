-- Documents, by knowledge level ("une documentation accessible pour chacun des forums, selon le
-- niveau de connaissance des participants", as Etalab wrote of the forums): attached to a forum,
-- a format, a commitment, a milestone or a proposal; a link, or a file kept in the object store
-- with every earlier version; cited as evidence by progress updates.
CREATE TABLE documents (
    id              BIGSERIAL PRIMARY KEY,
    -- What it is attached to: a subject (forum, commitment, milestone, proposal) or a format.
    subject_id      BIGINT REFERENCES subjects (id) ON DELETE CASCADE,
    format_id       BIGINT REFERENCES formats (id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    level           TEXT NOT NULL CHECK (level IN ('discovery', 'intermediate', 'expert')),
    lang            TEXT NOT NULL DEFAULT 'fr',
    -- For a forum's documents: to read before it, or what came out of it.
    stage           TEXT CHECK (stage IN ('before', 'after')),
    -- A link, or NULL for a file (see document_files).
    url             TEXT,
    created_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((subject_id IS NULL) <> (format_id IS NULL))
);
CREATE INDEX documents_subject_idx ON documents (subject_id, level, id) WHERE subject_id IS NOT NULL;
CREATE INDEX documents_format_idx ON documents (format_id, level, id) WHERE format_id IS NOT NULL;
CREATE TRIGGER documents_updated_at BEFORE UPDATE ON documents
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER documents_public_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON documents
    FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version();

-- A document's file, version by version: replacing the file adds a version; earlier ones stay
-- (in the table and in the store).
CREATE TABLE document_files (
    document_id     BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version         INT NOT NULL CHECK (version >= 1),
    -- Where the bytes are in the object store.
    object_key      TEXT NOT NULL,
    filename        TEXT NOT NULL,
    -- What the content is (sniffed), not what its name says.
    media_type      TEXT NOT NULL,
    size_bytes      BIGINT NOT NULL CHECK (size_bytes >= 0),
    sha256          TEXT NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    uploaded_by     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    uploaded_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, version)
);
CREATE TRIGGER document_files_public_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON document_files
    FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version();

-- Documents a progress update cites as evidence.
CREATE TABLE progress_evidence (
    -- The log is append-only: an update is never deleted, so neither is what it cites (but a
    -- document an admin removes is no longer cited).
    progress_update_id  BIGINT NOT NULL REFERENCES progress_updates (id),
    document_id         BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (progress_update_id, document_id)
);
CREATE INDEX progress_evidence_document_idx ON progress_evidence (document_id);
CREATE TRIGGER progress_evidence_public_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON progress_evidence
    FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version();
