-- Marsad store, version 7 (PostgreSQL): each event's date (the date its sentence states, else the article's
-- reference date) and what it rests on (date_basis: "stated" or "reference"). Each statement's addressee (whom it was
-- said to, where the article says so). Rows stored before this version
-- are filled from the articles' JSON (db.py, BACKFILLS).
ALTER TABLE events ADD COLUMN date TEXT;
ALTER TABLE events ADD COLUMN date_basis TEXT;
CREATE INDEX events_date ON events(date);
ALTER TABLE statements ADD COLUMN addressee TEXT;
ALTER TABLE statements ADD COLUMN addressee_canonical TEXT;
