-- Marsad store, version 2 (PostgreSQL): REAL is a 4-byte float here, which rounded every amount to about 7
-- significant digits (2,035,956,000 came back as 2,035,955,968). value_exact is the exact value (NUMERIC);
-- value and the checks' percentages become 8-byte doubles. Rows stored before this version are filled again
-- from the articles' JSON (db.py, BACKFILLS).
ALTER TABLE quantities ADD COLUMN value_exact NUMERIC;
ALTER TABLE quantities ALTER COLUMN value TYPE DOUBLE PRECISION;
ALTER TABLE checks ALTER COLUMN claimed TYPE DOUBLE PRECISION;
ALTER TABLE checks ALTER COLUMN computed TYPE DOUBLE PRECISION;
ALTER TABLE articles ALTER COLUMN duplicate_similarity TYPE DOUBLE PRECISION;
