"""Checks of an article's own arithmetic."""

from .percent_change import percent_change_checks

__all__ = ["percent_change_checks"]
