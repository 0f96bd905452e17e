-- The change feed's horizon (issue 23, point 3): the first transaction id whose events a reader
-- may not pass yet. Until now it was the snapshot's xmin, which is the whole PostgreSQL
-- server's: a long transaction in another database on the same server (a seed, an analyst's
-- open psql) held the feed back for everyone. Such a transaction never writes our events.
--
-- The horizon is the oldest transaction still running in the reader's own snapshot, leaving
-- out those pg_stat_activity shows running in another database; none running: the snapshot's
-- xmax. Safe by construction: a transaction is left out only when it is known to be another
-- database's (still running when pg_stat_activity is read, with the same id); one that ended
-- in between, or a prepared transaction (not in pg_stat_activity), still holds, as before.
-- Without the right to see other sessions (pg_read_all_stats), nothing is left out: the
-- horizon is xmin again. On a standby, backend_xid is empty: the same.
--
-- STABLE: pg_current_snapshot() is the calling statement's snapshot, the one its reads see.
CREATE FUNCTION events_horizon() RETURNS xid8 LANGUAGE sql STABLE AS $$
    SELECT coalesce(
             (SELECT min(x) FROM pg_snapshot_xip(snap.s) AS x
               WHERE NOT EXISTS (
                     SELECT FROM pg_stat_activity a
                      WHERE a.backend_xid IS NOT NULL
                        AND a.datid IS DISTINCT FROM (SELECT oid FROM pg_database WHERE datname = current_database())
                        -- backend_xid is 32 bits; two running transactions never share them.
                        AND a.backend_xid::text::int8 = x::text::int8 % 4294967296)),
             pg_snapshot_xmax(snap.s))
      FROM (SELECT pg_current_snapshot()) AS snap(s)
$$;
