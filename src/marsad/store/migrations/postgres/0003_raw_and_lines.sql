-- Marsad store, version 3 (PostgreSQL): each article's raw input (zlib-compressed UTF-8) and the hashes of its
-- short lines and title under its outlet, for `marsad reclean` (see the SQLite migration).
ALTER TABLE articles ADD COLUMN raw_z BYTEA;
CREATE TABLE article_lines (
    line_hash   BIGINT NOT NULL,
    article_seq BIGINT NOT NULL REFERENCES articles(seq),
    PRIMARY KEY (line_hash, article_seq)
);
CREATE INDEX article_lines_article ON article_lines(article_seq);
