-- Streams (issue 23, point 2): every instance keeps one connection that LISTENs, and learns of
-- new events and notifications at commit, whichever instance wrote them. The payloads stay
-- small; listeners read what happened from the tables.
--
-- Events: one NOTIFY per statement with the writing transaction's id. PostgreSQL folds equal
-- payloads of one transaction into one, so a transaction that records several events notifies
-- once; a listener reads the log (in commit order, `events::read_after`) until its horizon has
-- passed that transaction.
CREATE FUNCTION events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('opendetat_events', pg_current_xact_id()::text);
    RETURN NULL;
END $$;

CREATE TRIGGER events_notify AFTER INSERT ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_notify();

-- Notifications: the people whose unread count or list changed, as comma-separated ids; `*`
-- (everyone listening) when they do not fit in a payload (a fan-out to thousands of followers).
CREATE FUNCTION notifications_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    people TEXT;
BEGIN
    SELECT string_agg(DISTINCT user_id::text, ',') INTO people FROM changed;
    IF people IS NOT NULL THEN
        PERFORM pg_notify('opendetat_notifications', CASE WHEN length(people) > 7000 THEN '*' ELSE people END);
    END IF;
    RETURN NULL;
END $$;

-- A statement trigger with a transition table takes one event: one trigger each.
CREATE TRIGGER notifications_notify_insert AFTER INSERT ON notifications
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notifications_notify();
CREATE TRIGGER notifications_notify_update AFTER UPDATE ON notifications
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notifications_notify();
