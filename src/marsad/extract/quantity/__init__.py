"""Quantities (number, money, percent, measure) with exact values and units."""

from .quantities import QuantityContext, explain_quantities, find_quantities

__all__ = ["QuantityContext", "explain_quantities", "find_quantities"]
