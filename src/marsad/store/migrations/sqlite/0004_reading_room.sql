-- Marsad store, version 4 (SQLite): indexes for the reading room (marsad serve). The amounts table sorts by value
-- within a kind and unit; an entity page finds statements and events through its articles (their primary keys
-- start with article_seq) and the entities by canonical_key (version 1).
CREATE INDEX IF NOT EXISTS quantities_kind_value ON quantities(kind, value);
CREATE INDEX IF NOT EXISTS quantities_unit_value ON quantities(unit, value);
CREATE INDEX IF NOT EXISTS quantities_value ON quantities(value);
