-- Marsad store, version 1 (PostgreSQL). One row per article, one table per item kind keyed by the article's seq,
-- with character offsets into articles.text. Documented in docs/store.md.
CREATE TABLE articles (
    seq             BIGSERIAL PRIMARY KEY,  -- ingest order
    id              TEXT NOT NULL,
    doc_key         TEXT NOT NULL UNIQUE,               -- SHA-256 of id + raw input: makes ingest idempotent
    path            TEXT,
    url             TEXT,
    outlet          TEXT,
    outlet_rule     TEXT,
    format          TEXT,
    title           TEXT,
    published       TEXT,
    published_date  TEXT,                               -- YYYY-MM-DD of published, for date filters
    reference_date  TEXT,
    reference_basis TEXT,
    language        TEXT,
    text            TEXT NOT NULL,
    exact_key       TEXT NOT NULL,                      -- SHA-256 of the folded words: exact duplicates
    duplicate_of    BIGINT REFERENCES articles(seq),   -- the earliest exact or near duplicate
    duplicate_similarity REAL,
    doc_json        TEXT NOT NULL,                      -- the article exactly as `marsad extract` writes it
    ingested_at     TEXT NOT NULL
);
CREATE INDEX articles_id ON articles(id);
CREATE INDEX articles_exact_key ON articles(exact_key);
CREATE INDEX articles_published_date ON articles(published_date);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

CREATE TABLE removed (
    article_seq BIGINT NOT NULL REFERENCES articles(seq), idx BIGINT NOT NULL,
    line BIGINT, reason TEXT NOT NULL, rule TEXT, text TEXT NOT NULL,
    PRIMARY KEY (article_seq, idx)
);
CREATE TABLE entities (
    article_seq BIGINT NOT NULL REFERENCES articles(seq), idx BIGINT NOT NULL,
    span_start BIGINT NOT NULL, span_end BIGINT NOT NULL, text TEXT NOT NULL,
    label TEXT NOT NULL, canonical TEXT, canonical_key TEXT, rule TEXT,
    PRIMARY KEY (article_seq, idx)
);
CREATE INDEX entities_canonical_key ON entities(canonical_key);
CREATE TABLE quantities (
    article_seq BIGINT NOT NULL REFERENCES articles(seq), idx BIGINT NOT NULL,
    span_start BIGINT NOT NULL, span_end BIGINT NOT NULL, text TEXT NOT NULL,
    kind TEXT NOT NULL, value REAL NOT NULL, unit TEXT, rule TEXT,
    PRIMARY KEY (article_seq, idx)
);
CREATE INDEX quantities_unit ON quantities(kind, unit);
CREATE TABLE dates (
    article_seq BIGINT NOT NULL REFERENCES articles(seq), idx BIGINT NOT NULL,
    span_start BIGINT NOT NULL, span_end BIGINT NOT NULL, text TEXT NOT NULL,
    value TEXT, year BIGINT, relative BIGINT NOT NULL, calendar TEXT NOT NULL, rule TEXT,
    PRIMARY KEY (article_seq, idx)
);
CREATE INDEX dates_value ON dates(value);
CREATE TABLE statements (
    article_seq BIGINT NOT NULL REFERENCES articles(seq), idx BIGINT NOT NULL,
    verb_start BIGINT NOT NULL, verb_end BIGINT NOT NULL, verb TEXT NOT NULL,
    speaker_start BIGINT, speaker_end BIGINT, speaker TEXT, speaker_canonical TEXT,
    content_start BIGINT NOT NULL, content_end BIGINT NOT NULL, content TEXT NOT NULL,
    channel TEXT, via TEXT, direct_quote BIGINT NOT NULL, rule TEXT,
    PRIMARY KEY (article_seq, idx)
);
CREATE TABLE events (
    article_seq BIGINT NOT NULL REFERENCES articles(seq), idx BIGINT NOT NULL,
    type TEXT NOT NULL, mode TEXT,
    trigger_start BIGINT NOT NULL, trigger_end BIGINT NOT NULL, trigger TEXT NOT NULL,
    actors TEXT NOT NULL, targets TEXT NOT NULL, location TEXT, topics TEXT NOT NULL, rule TEXT,  -- JSON lists
    PRIMARY KEY (article_seq, idx)
);
CREATE INDEX events_type ON events(type);
CREATE TABLE checks (
    article_seq BIGINT NOT NULL REFERENCES articles(seq), idx BIGINT NOT NULL,
    kind TEXT NOT NULL, claimed REAL NOT NULL, computed REAL NOT NULL, consistent BIGINT NOT NULL,
    quantities TEXT NOT NULL, rule TEXT,                                       -- JSON list of quantity idx
    PRIMARY KEY (article_seq, idx)
);

-- Near duplicates: MinHash signatures and their LSH band keys (dedup/params.yaml).
CREATE TABLE signatures (article_seq BIGINT PRIMARY KEY REFERENCES articles(seq), signature BYTEA NOT NULL);
CREATE TABLE lsh (
    band BIGINT NOT NULL, key BIGINT NOT NULL, article_seq BIGINT NOT NULL REFERENCES articles(seq),
    PRIMARY KEY (band, key, article_seq)
);
-- Story clusters: articles about the same event across outlets (rebuilt after each ingest).
CREATE TABLE stories (article_seq BIGINT PRIMARY KEY REFERENCES articles(seq), story BIGINT NOT NULL);
CREATE INDEX stories_story ON stories(story);

-- Inputs that could not be analysed, kept once each (error_key) so a rerun does not repeat them.
CREATE TABLE errors (
    error_key TEXT PRIMARY KEY, path TEXT, line BIGINT, record TEXT, code TEXT NOT NULL, message TEXT NOT NULL,
    seen_at TEXT NOT NULL
);

-- Full-text search: PostgreSQL's built-in `arabic` configuration over the folded, light-stemmed terms
-- (text/search_terms.py), so spelling variants and clitics match as in SQLite.
ALTER TABLE articles ADD COLUMN search_terms TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('arabic', search_terms)) STORED;
CREATE INDEX articles_search ON articles USING GIN (search_vector);
