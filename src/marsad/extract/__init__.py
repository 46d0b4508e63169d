"""Extractors: one sub-package per dimension, each with its rules and word lists as data beside the code."""
