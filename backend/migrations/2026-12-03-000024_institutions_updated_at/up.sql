-- Institutions keep their `updated_at` like every other record (a trigger, not each write):
-- a change returns the row as stored, with the new time, in the statement that makes it.
CREATE TRIGGER institutions_updated_at BEFORE UPDATE ON institutions
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
