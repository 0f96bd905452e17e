ALTER TABLE forums DROP COLUMN cycle_id;
DROP TABLE cycle_commitments;
DROP TABLE cycles;
