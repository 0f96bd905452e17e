DROP TRIGGER users_default_handle ON users;
DROP FUNCTION users_default_handle();
ALTER TABLE users DROP COLUMN handle, DROP COLUMN handle_changed_at;
DROP FUNCTION handle_base(TEXT);
