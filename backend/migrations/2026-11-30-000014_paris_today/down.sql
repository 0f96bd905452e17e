DROP FUNCTION paris_today();
