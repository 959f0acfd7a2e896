"""The count of schemathesis examples a run made, printed at the end (docs/fuzzing.md quotes it)."""

from __future__ import annotations

import pytest
from fuzz_counts import STATS, FuzzStats


@pytest.fixture(scope="session")
def fuzz_stats() -> FuzzStats:
    return STATS


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if STATS.calls:
        terminalreporter.write_line(STATS.summary())
