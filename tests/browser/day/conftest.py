"""The day-in-the-life suite runs on a server of its own: its walks report, endorse and verify
results and move proposals, which the other browser tests must not see."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="package")
def app_server(
    serve_app: Callable[[Path], contextlib.AbstractContextManager[str]], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    with serve_app(tmp_path_factory.mktemp("day-var")) as url:
        yield url
