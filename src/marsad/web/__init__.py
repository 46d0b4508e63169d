"""marsad serve: the read-only web reading room over a store (app.py)."""
