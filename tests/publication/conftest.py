from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Public pages are cached; each test starts and ends with an empty cache."""
    cache.clear()
    yield
    cache.clear()
