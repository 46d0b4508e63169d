-- Marsad store, version 2 (SQLite): every amount's exact value beside its REAL one. REAL keeps 53 bits, so an
-- amount above 2^53 (9,007,199,254,740,992) was rounded; value_exact is the value as the article's JSON gives it
-- (decimal text: an integer exactly, a decimal as printed). value stays for sorting and ranges. Rows stored
-- before this version are filled from the articles' JSON (db.py, BACKFILLS).
ALTER TABLE quantities ADD COLUMN value_exact TEXT;
