"""Pure Arabic text functions: matching keys, scripts, sentences."""
