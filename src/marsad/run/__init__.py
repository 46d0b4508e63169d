"""Executors: the same pipeline steps run in this process, in a local process pool, or on Ray (ray_job)."""
