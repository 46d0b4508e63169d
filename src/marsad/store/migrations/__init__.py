"""Versioned schema migrations, one SQL file per version and backend (NNNN_name.sql), applied in order."""
