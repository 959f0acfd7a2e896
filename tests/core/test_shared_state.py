"""App processes hold nothing another process needs: several gunicorn instances and task workers
run side by side (docs/deploy-scaling.md)."""

from __future__ import annotations

import pytest
from django.conf import settings

from govkpi.settings import cache_from_url


def test_sessions_live_in_the_database_so_any_instance_answers_any_visitor() -> None:
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_a_shared_cache_is_chosen_by_cache_url() -> None:
    assert cache_from_url("")["BACKEND"].endswith("LocMemCache")
    assert cache_from_url("db") == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "govkpi_cache",
    }
    assert cache_from_url("redis://cache.internal:6379/1")["LOCATION"] == "redis://cache.internal:6379/1"
    with pytest.raises(ValueError, match="CACHE_URL"):
        cache_from_url("memcached://x")


def test_without_a_replica_every_read_goes_to_the_primary() -> None:
    from govkpi.publication.models import Publication, PublishedOrganisation
    from govkpi.publication.replica import PublicReadsRouter

    router = PublicReadsRouter()
    assert "replica" not in settings.DATABASES
    assert router.db_for_read(Publication) == "default"
    assert router.db_for_read(PublishedOrganisation) == "default"
    assert router.allow_migrate("replica", "publication") is False
