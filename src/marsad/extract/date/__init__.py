"""Dates: month names in every regional naming, full dates, and (later) relative and Hijri expressions."""
