-- Reactions: each member marks a comment "utile" and says whether they agree or disagree, one
-- of each per person, changeable and removable. The counts live on the comment, kept by a
-- trigger, so that a thread sorted by usefulness is an index walk.
CREATE TABLE comment_reactions (
    comment_id  BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    useful      BOOLEAN NOT NULL DEFAULT false,
    stance      TEXT CHECK (stance IN ('agree', 'disagree')),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (comment_id, user_id),
    CHECK (useful OR stance IS NOT NULL)
);
CREATE INDEX comment_reactions_user_idx ON comment_reactions (user_id);

ALTER TABLE comments ADD COLUMN useful_count INT NOT NULL DEFAULT 0,
                     ADD COLUMN agree_count INT NOT NULL DEFAULT 0,
                     ADD COLUMN disagree_count INT NOT NULL DEFAULT 0;

CREATE FUNCTION comment_reactions_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE comments SET useful_count = useful_count - OLD.useful::int,
                            agree_count = agree_count - coalesce((OLD.stance = 'agree')::int, 0),
                            disagree_count = disagree_count - coalesce((OLD.stance = 'disagree')::int, 0)
         WHERE id = OLD.comment_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE comments SET useful_count = useful_count + NEW.useful::int,
                            agree_count = agree_count + coalesce((NEW.stance = 'agree')::int, 0),
                            disagree_count = disagree_count + coalesce((NEW.stance = 'disagree')::int, 0)
         WHERE id = NEW.comment_id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER comment_reactions_count AFTER INSERT OR UPDATE OR DELETE ON comment_reactions
    FOR EACH ROW EXECUTE FUNCTION comment_reactions_counted();

-- A subject's threads, most useful first (ties: newest first).
CREATE INDEX comments_useful_idx ON comments (subject_id, useful_count DESC, id DESC) WHERE parent_id IS NULL;
