"""The store: analysed articles in SQLite (default) or PostgreSQL, with search, duplicates and stories."""

from .db import DEFAULT_DB, Store, StoreError, open_store

__all__ = ["DEFAULT_DB", "Store", "StoreError", "open_store"]
