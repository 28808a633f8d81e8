-- A planning layer may hold road centre lines ('roads'), the network tour routes follow (README
-- "Leadership tours"). The kind check is replaced under a new name, so this migration cannot run
-- twice unnoticed (SchemaVersionTest). Same logical schema as the other dialect.
ALTER TABLE zone_layers DROP CONSTRAINT zone_layers_kind_known;
ALTER TABLE zone_layers ADD CONSTRAINT zone_layers_kind_allowed CHECK (kind IN ('boundary', 'restriction', 'zoning', 'roads'));
