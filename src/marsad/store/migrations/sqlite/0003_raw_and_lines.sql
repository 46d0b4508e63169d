-- Marsad store, version 3 (SQLite): what `marsad reclean` needs to clean stored articles again with the
-- evidence of the whole store: each article's raw input (zlib-compressed UTF-8), and the hashes of its short
-- lines and title under its outlet (clean/evidence.py), so that how many stories carry a line is one query.
-- Articles stored before this version have no raw_z: re-ingest them to clean them again.
ALTER TABLE articles ADD COLUMN raw_z BLOB;
CREATE TABLE article_lines (
    line_hash   INTEGER NOT NULL,                          -- clean/evidence.py line_hash(outlet, line key)
    article_seq INTEGER NOT NULL REFERENCES articles(seq),
    PRIMARY KEY (line_hash, article_seq)
) WITHOUT ROWID;
CREATE INDEX article_lines_article ON article_lines(article_seq);
