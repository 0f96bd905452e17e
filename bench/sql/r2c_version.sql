-- R2c  GET /api/v1/commitments/FR0041 with If-None-Match: its current ETag   (a 304)
-- The one statement a matching revalidation runs (backend/src/app/caching.rs `read_version`):
-- the version of the public record, summed over its 64 rows, and the change feed's horizon.
SELECT coalesce(sum(version), 0)::int8 AS version, 0::int8 AS horizon FROM public_version;
