-- Marsad store, version 6 (SQLite): story clusters across outlets, placed incrementally (store/story_clusters.py).
-- story_members: every article's story (its first article's seq) and its similarity to the story when it joined;
-- story_index: each story's first and last published day, size and centroid (JSON term → weight);
-- story_postings: the rarest heavy terms of each article by day, to find candidate stories; story_df: documents
-- per term, for the idf; story_state: the last seq placed. `stories` becomes a view of the articles of stories
-- of two or more, as the table it replaces was. Stories are placed again by the next ingest or marsad migrate.
DROP TABLE stories;
CREATE TABLE story_members (
    article_seq INTEGER PRIMARY KEY REFERENCES articles(seq),
    story       INTEGER NOT NULL,
    similarity  REAL
);
CREATE INDEX story_members_story ON story_members(story);
CREATE TABLE story_index (
    story      INTEGER PRIMARY KEY,
    first_seen TEXT,
    last_seen  TEXT,
    size       INTEGER NOT NULL,
    centroid   TEXT NOT NULL
);
CREATE INDEX story_index_size ON story_index(size);
CREATE TABLE story_postings (
    term        TEXT NOT NULL,
    day         TEXT NOT NULL,
    article_seq INTEGER NOT NULL,
    PRIMARY KEY (term, day, article_seq)
);
CREATE TABLE story_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL);
CREATE TABLE story_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE VIEW stories AS
    SELECT m.article_seq, m.story FROM story_members m JOIN story_index i ON i.story = m.story WHERE i.size >= 2;
