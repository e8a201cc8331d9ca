"""Hypothesis profiles for the property-based tests.

``ci`` (the default) keeps every property to a short run inside the normal
suite; ``fuzz`` runs them for long, as a benchmark-style job whose counts are
reported (``HYPOTHESIS_PROFILE=fuzz python -m pytest tests/fuzz -q -s``).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_QUIET_CHECKS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]

settings.register_profile("ci", max_examples=250, deadline=None, suppress_health_check=_QUIET_CHECKS, print_blob=True)
settings.register_profile("fuzz", max_examples=20_000, deadline=None, suppress_health_check=_QUIET_CHECKS,
                          print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
