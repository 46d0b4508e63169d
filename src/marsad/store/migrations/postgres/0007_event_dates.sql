-- Marsad store, version 7 (PostgreSQL): each event's date (the date its sentence states, else the article's
-- reference date) and what it rests on (date_basis: "stated" or "reference"). Rows stored before this version
-- are filled from the articles' JSON (db.py, BACKFILLS).
ALTER TABLE events ADD COLUMN date TEXT;
ALTER TABLE events ADD COLUMN date_basis TEXT;
CREATE INDEX events_date ON events(date);
