"""Exact and near-duplicate detection and story clusters."""

from .minhash import band_keys, exact_key, params, shingles, signature, similarity

__all__ = ["band_keys", "exact_key", "params", "shingles", "signature", "similarity"]
