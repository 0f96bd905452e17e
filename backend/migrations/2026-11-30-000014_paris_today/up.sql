-- Today in Paris, as a function the query builder can name: a query that compares with it is
-- a typed expression Diesel prepares once per connection (an SQL literal is parsed and
-- planned on every request).
CREATE FUNCTION paris_today() RETURNS date LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT (now() AT TIME ZONE 'Europe/Paris')::date $$;
