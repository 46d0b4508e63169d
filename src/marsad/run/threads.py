"""One numeric thread per process that runs the pipeline, unless the user asks for more.

The entity network's recurrence is a chain of small matrix products (one per token position). OpenBLAS, under
numpy, starts one thread per core for each of them by default; in a pool of worker processes every worker does
so, and the threads of two workers fight over the same two cores inside every step of the chain. Measured on
2 cores (bench/threads.py repeats the measurement): 200 articles ingested in 9.6 s with the
default threads against 6.3 s pinned to one, and 21-33 s against 7.6-8.9 s while another job ran. Our
parallelism is across articles (processes), so one thread per process is the right default.

`MARSAD_THREADS=N` lets each process use N numeric threads; `MARSAD_THREADS=0` leaves the libraries' own
defaults. A library variable the user set (OPENBLAS_NUM_THREADS…) is kept as they set it.
"""

from __future__ import annotations

import os
import sys

# the variables each numeric runtime reads when it loads: OpenMP, OpenBLAS (numpy's), MKL, BLIS, Accelerate
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
                    "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")
SETTING = "MARSAD_THREADS"


def wanted_threads() -> int | None:
    """Numeric threads per process: MARSAD_THREADS (0: the libraries' defaults → None), else 1."""
    raw = os.environ.get(SETTING, "").strip()
    if not raw:
        return 1
    try:
        n = int(raw)
    except ValueError:
        return 1  # a typo must not turn a 2-core ingest into 2 × 2 fighting threads
    return n if n > 0 else None


def pin_numeric_threads() -> int | None:
    """Limit this process's numeric libraries to `wanted_threads()` threads. Before numpy loads, the environment
    variables do it; once it has loaded (a forked worker of a parent that already used it, a Ray worker, which
    imports numpy itself), threadpoolctl limits the pools that already exist. Returns the limit (None: none)."""
    n = wanted_threads()
    if n is None:
        return None
    user_set = [v for v in THREAD_VARIABLES if v in os.environ]
    for var in THREAD_VARIABLES:
        os.environ.setdefault(var, str(n))
    if "numpy" in sys.modules and not user_set:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=n)
    return n
