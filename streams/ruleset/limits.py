"""Bounds on rule files, so a hostile or mistaken file is rejected with a clear error instead of
exhausting the worker. Compilation limits live with the compiler (``MAX_TERMS``)."""

from datetime import timedelta

MAX_FILE_BYTES = 1024 * 1024
MAX_RULES_PER_FILE = 10_000
MAX_ALIASES_PER_ENTITY = 50_000
MAX_WINDOW = 1000
MAX_SENTENCES = 100
MAX_LEAD = 100_000
# Volume rules: their state per group grows with these (a count's arrival times, a spike's buckets, outlets).
MAX_VOLUME_COUNT = 1000
MAX_VOLUME_SOURCES = 50
MAX_VOLUME_FACTOR = 1000.0
MAX_VOLUME_WITHIN = timedelta(days=90)
MAX_VOLUME_BASELINE_WINDOWS = 168
