"""Bounds on rule files, so a hostile or mistaken file is rejected with a clear error instead of
exhausting the worker. Compilation limits live with the compiler (``MAX_TERMS``)."""

MAX_FILE_BYTES = 1024 * 1024
MAX_RULES_PER_FILE = 10_000
MAX_ALIASES_PER_ENTITY = 50_000
MAX_WINDOW = 1000
MAX_SENTENCES = 100
