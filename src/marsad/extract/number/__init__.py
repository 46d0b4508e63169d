"""Arabic numbers in digits (three digit sets) and in words, with exact values."""

from .grammar import NumberMatch, find_numbers, parse_digits, parse_number_text

__all__ = ["NumberMatch", "find_numbers", "parse_digits", "parse_number_text"]
