DROP TRIGGER notifications_notify_update ON notifications;
DROP TRIGGER notifications_notify_insert ON notifications;
DROP FUNCTION notifications_notify();
DROP TRIGGER events_notify ON events;
DROP FUNCTION events_notify();
