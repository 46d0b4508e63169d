"""Read models over a store: what each page of `marsad serve` shows, as plain JSON-ready dicts.

The web layer (marsad.web) only renders these; anyone can call them from Python for the same data. Every
function reads and never writes, and bounds what it reads (pages, samples, row caps in limits.py).
"""
