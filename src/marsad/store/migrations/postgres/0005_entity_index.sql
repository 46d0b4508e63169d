-- Marsad store, version 5 (PostgreSQL): the store-wide entity index (store/entity_index.py). One row per entity
-- (its display name, type, mentions and aliases as a JSON list of [alias, mentions]); every folded canonical
-- name of the entities table points to its entity, with the rule that joined it (spelling,
-- resolved_in_articles, only_longer_name). Rebuilt after each ingest.
CREATE TABLE entity_index (
    entity    BIGINT PRIMARY KEY,
    name_key  TEXT NOT NULL,
    canonical TEXT NOT NULL,
    label     TEXT NOT NULL,
    mentions  BIGINT NOT NULL,
    aliases   TEXT NOT NULL
);
CREATE INDEX entity_index_name_key ON entity_index(name_key);
CREATE TABLE entity_keys (
    canonical_key TEXT PRIMARY KEY,
    entity        BIGINT NOT NULL,
    rule          TEXT NOT NULL
);
CREATE INDEX entity_keys_entity ON entity_keys(entity);
-- every mention with its entity
CREATE VIEW entity_mentions AS
    SELECT e.article_seq, e.idx, e.span_start, e.span_end, e.text, e.label, e.canonical, e.canonical_key, e.rule,
           k.entity, k.rule AS index_rule
    FROM entities e JOIN entity_keys k ON k.canonical_key = e.canonical_key;
