ALTER TABLE sessions DROP COLUMN provider, DROP COLUMN id_token, DROP COLUMN provider_second_factor;
DROP TABLE identities;
