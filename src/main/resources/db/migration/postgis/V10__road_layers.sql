-- A planning layer may hold road centre lines ('roads'), the network tour routes follow (README
-- "Leadership tours"). Same logical schema as the other dialect.
ALTER TABLE zone_layers DROP CONSTRAINT zone_layers_kind_known;
ALTER TABLE zone_layers ADD CONSTRAINT zone_layers_kind_known CHECK (kind IN ('boundary', 'restriction', 'zoning', 'roads'));
