"""The Hypothesis budget of the ``test_fuzz_*`` tests: small by default, ``NEWSALERT_FUZZ_EXAMPLES`` (``make fuzz``) raises it."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("NEWSALERT_FUZZ_EXAMPLES", "200"))

# No example database: the tests run in a shared working tree, and a failure prints its example anyway.
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
