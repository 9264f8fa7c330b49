"""Allocator tuning for a short process that churns through large arrays.

glibc's malloc hands every freed block above a moving threshold back to the operating system, so the next
array of that size must be faulted in again, page by page: on 100 MB of CSV that kernel time is a third of
`validate`. Raising the thresholds keeps freed memory for reuse (peak memory grows by about 100 MB). Blocks
above the largest threshold glibc allows (32 MiB: every column of ten million rows) would still be mapped and
unmapped one by one; taking them from the heap as well made `validate` of 10^7 appearances 53-56 s instead of
77-82 s (kernel time 32-34 s instead of 46-49 s), peak memory 5.25 GB instead of 5.05 GB.
Elsewhere than glibc (macOS, musl) this does nothing.

pyarrow allocates through its own pool, mimalloc by default, which on this project's 2-core Linux machine
hands freed pages back so eagerly that reading the 100 MB file of a million appearances a second time took
1.3 s instead of 0.3 s, and every pandas operation on Arrow-backed text paid the same: `validate` at 10^6 ran
6-9 s with it and 4.4-5.3 s with jemalloc, peak memory 825 MB against 710 MB. A user who chose a pool with
ARROW_DEFAULT_MEMORY_POOL keeps it.

jemalloc, as pyarrow sets it up, keeps freed pages for a second before handing them back. The reader frees a
large file's parsed blocks just as it has copied them into one chunk a column, so for that second the process
held both: the peak of `validate` at 10^6 (667 MB). Handed back at once, the peak is 582 MB, at the same speed
(4.7 s in five runs each), and `build` at 10^7 is unchanged (5.42 GB, 87-110 s). The decay is set before the
pool makes its first arena: jemalloc applies it to arenas made afterwards.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os

M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD, M_MMAP_MAX = -1, -2, -3, -4
MMAP_THRESHOLD = 32 << 20  # glibc's largest allowed: blocks up to 32 MiB come from the reusable heap
MMAP_MAX = 0  # and larger blocks too, as long as the heap can grow (glibc maps them when it cannot)
TRIM_THRESHOLD = 1 << 30  # return freed heap to the system only beyond 1 GiB
TOP_PAD = 256 << 20  # grow the heap in steps of 256 MiB
FREED_PAGES_KEPT_MS = 0  # jemalloc hands pages freed by pyarrow back at once


def keep_freed_memory() -> bool:
    """Tune glibc's malloc; True when it took effect."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return all(mallopt(option, value) == 1 for option, value in (
        (M_MMAP_THRESHOLD, MMAP_THRESHOLD), (M_MMAP_MAX, MMAP_MAX), (M_TRIM_THRESHOLD, TRIM_THRESHOLD),
        (M_TOP_PAD, TOP_PAD)))


def arrow_pool() -> str:
    """Make jemalloc pyarrow's pool, where pyarrow was built with it; the name of the pool in use."""
    import pyarrow as pa

    if "ARROW_DEFAULT_MEMORY_POOL" not in os.environ:
        try:
            pa.set_memory_pool(pa.jemalloc_memory_pool())
            pa.jemalloc_set_decay_ms(FREED_PAGES_KEPT_MS)
        except NotImplementedError:  # a pyarrow built without jemalloc (Windows): keep its default
            pass
    return pa.default_memory_pool().backend_name
