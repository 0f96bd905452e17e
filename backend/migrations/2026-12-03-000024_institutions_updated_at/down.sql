DROP TRIGGER institutions_updated_at ON institutions;
