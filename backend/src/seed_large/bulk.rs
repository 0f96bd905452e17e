//! Bulk loads as pg_restore does them: a table's secondary indexes and foreign keys set aside
//! before a million rows go in, and put back after, inside the seed's transaction.

use diesel::prelude::*;

use super::step;

/// Drops `table`'s non-unique secondary indexes and its foreign keys, keeping their definitions
/// in temporary tables for [`restore`]. Each row then touches the heap and its unique indexes
/// only, instead of a dozen indexes (one GIN) and a lookup per key; building an index once and
/// checking a key with one join is far cheaper, and checks every row all the same. Holds an
/// exclusive lock on `table` until the transaction ends: for benchmark and test databases.
pub(super) fn set_aside(conn: &mut PgConnection, table: &str) -> QueryResult<()> {
    step(
        conn,
        &format!("set aside the indexes and keys of {table}"),
        &format!(
            "SET LOCAL maintenance_work_mem = '256MB'; \
             CREATE TEMP TABLE {table}_indexes ON COMMIT DROP AS \
             SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def \
             FROM pg_index i WHERE i.indrelid = '{table}'::regclass AND NOT i.indisprimary \
               AND NOT i.indisunique AND NOT i.indisexclusion; \
             CREATE TEMP TABLE {table}_keys ON COMMIT DROP AS \
             SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint \
             WHERE conrelid = '{table}'::regclass AND contype = 'f'; \
             DO $$ DECLARE r record; BEGIN \
               FOR r IN SELECT name FROM {table}_indexes LOOP EXECUTE 'DROP INDEX ' || r.name; END LOOP; \
               FOR r IN SELECT name FROM {table}_keys LOOP \
                 EXECUTE 'ALTER TABLE {table} DROP CONSTRAINT ' || quote_ident(r.name); \
               END LOOP; \
             END $$"
        ),
    )
}

/// Builds the indexes and adds back (so checks) the keys [`set_aside`] kept.
pub(super) fn restore(conn: &mut PgConnection, table: &str) -> QueryResult<()> {
    step(
        conn,
        &format!("rebuild the indexes and keys of {table}"),
        &format!(
            "DO $$ DECLARE r record; BEGIN \
               FOR r IN SELECT def FROM {table}_indexes LOOP EXECUTE r.def; END LOOP; \
               FOR r IN SELECT name, def FROM {table}_keys LOOP \
                 EXECUTE 'ALTER TABLE {table} ADD CONSTRAINT ' || quote_ident(r.name) || ' ' || r.def; \
               END LOOP; \
             END $$"
        ),
    )
}
