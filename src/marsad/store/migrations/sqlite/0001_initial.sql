-- Marsad store, version 1 (SQLite). One row per article, one table per item kind keyed by the article's seq,
-- with character offsets into articles.text. Documented in docs/store.md.
CREATE TABLE articles (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,  -- ingest order
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
    duplicate_of    INTEGER REFERENCES articles(seq),   -- the earliest exact or near duplicate
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
    article_seq INTEGER NOT NULL REFERENCES articles(seq), idx INTEGER NOT NULL,
    line INTEGER, reason TEXT NOT NULL, rule TEXT, text TEXT NOT NULL,
    PRIMARY KEY (article_seq, idx)
);
CREATE TABLE entities (
    article_seq INTEGER NOT NULL REFERENCES articles(seq), idx INTEGER NOT NULL,
    span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,
    label TEXT NOT NULL, canonical TEXT, canonical_key TEXT, rule TEXT,
    PRIMARY KEY (article_seq, idx)
);
CREATE INDEX entities_canonical_key ON entities(canonical_key);
CREATE TABLE quantities (
    article_seq INTEGER NOT NULL REFERENCES articles(seq), idx INTEGER NOT NULL,
    span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,
    kind TEXT NOT NULL, value REAL NOT NULL, unit TEXT, rule TEXT,
    PRIMARY KEY (article_seq, idx)
);
CREATE INDEX quantities_unit ON quantities(kind, unit);
CREATE TABLE dates (
    article_seq INTEGER NOT NULL REFERENCES articles(seq), idx INTEGER NOT NULL,
    span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,
    value TEXT, year INTEGER, relative INTEGER NOT NULL, calendar TEXT NOT NULL, rule TEXT,
    PRIMARY KEY (article_seq, idx)
);
CREATE INDEX dates_value ON dates(value);
CREATE TABLE statements (
    article_seq INTEGER NOT NULL REFERENCES articles(seq), idx INTEGER NOT NULL,
    verb_start INTEGER NOT NULL, verb_end INTEGER NOT NULL, verb TEXT NOT NULL,
    speaker_start INTEGER, speaker_end INTEGER, speaker TEXT, speaker_canonical TEXT,
    content_start INTEGER NOT NULL, content_end INTEGER NOT NULL, content TEXT NOT NULL,
    channel TEXT, via TEXT, direct_quote INTEGER NOT NULL, rule TEXT,
    PRIMARY KEY (article_seq, idx)
);
CREATE TABLE events (
    article_seq INTEGER NOT NULL REFERENCES articles(seq), idx INTEGER NOT NULL,
    type TEXT NOT NULL, mode TEXT,
    trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger TEXT NOT NULL,
    actors TEXT NOT NULL, targets TEXT NOT NULL, location TEXT, topics TEXT NOT NULL, rule TEXT,  -- JSON lists
    PRIMARY KEY (article_seq, idx)
);
CREATE INDEX events_type ON events(type);
CREATE TABLE checks (
    article_seq INTEGER NOT NULL REFERENCES articles(seq), idx INTEGER NOT NULL,
    kind TEXT NOT NULL, claimed REAL NOT NULL, computed REAL NOT NULL, consistent INTEGER NOT NULL,
    quantities TEXT NOT NULL, rule TEXT,                                       -- JSON list of quantity idx
    PRIMARY KEY (article_seq, idx)
);

-- Near duplicates: MinHash signatures and their LSH band keys (dedup/params.yaml).
CREATE TABLE signatures (article_seq INTEGER PRIMARY KEY REFERENCES articles(seq), signature BLOB NOT NULL);
CREATE TABLE lsh (
    band INTEGER NOT NULL, key INTEGER NOT NULL, article_seq INTEGER NOT NULL REFERENCES articles(seq),
    PRIMARY KEY (band, key, article_seq)
);
-- Story clusters: articles about the same event across outlets (rebuilt after each ingest).
CREATE TABLE stories (article_seq INTEGER PRIMARY KEY REFERENCES articles(seq), story INTEGER NOT NULL);
CREATE INDEX stories_story ON stories(story);

-- Inputs that could not be analysed, kept once each (error_key) so a rerun does not repeat them.
CREATE TABLE errors (
    error_key TEXT PRIMARY KEY, path TEXT, line INTEGER, record TEXT, code TEXT NOT NULL, message TEXT NOT NULL,
    seen_at TEXT NOT NULL
);

-- Full-text search over folded, light-stemmed terms (text/search_terms.py); rowid = articles.seq.
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='', tokenize='unicode61 remove_diacritics 0');
