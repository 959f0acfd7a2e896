"""Logged-out reads of published snapshots come from the read replica, and only when that is safe.

Against a real streaming pair (conftest): a public page reads its snapshot on the standby; a standby
that lags (replay paused) or is down leaves the public on the primary with no error; a lagging
standby that the app still trusts shows the previous version whole; a logged-in visitor never
reads the standby.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from streaming_pair import StreamingPair, pg_bin_dir

from govkpi.frameworks.models import Framework
from govkpi.organisations.access import viewer_for
from govkpi.publication.models import Publication
from govkpi.publication.replica import PRIMARY, REPLICA, forget_verdict
from govkpi.publication.services import publication_amend

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.replica,
    # The suite's test database (migrated, with the demo) is what conftest copies onto the primary.
    pytest.mark.django_db,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="the read replica is PostgreSQL streaming replication: run with DATABASE_URL=postgres://...",
    ),
    pytest.mark.skipif(
        pg_bin_dir() is None, reason="PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) are not installed"
    ),
]

SCORES_PAGE = "/public/2565/agencies/"
SCORES_API = "/api/v1/public/2565/agencies/scores"


def _framework() -> Framework:
    return Framework.objects.select_related("fiscal_year").get(fiscal_year__year=2565, group="agencies")


def _amend(reason: str) -> Publication:
    """OPDC publishes the next version on the primary (committed), retaking one organisation."""
    framework = _framework()
    latest = Publication.objects.using(PRIMARY).filter(framework=framework).order_by("-pk").first()
    assert latest is not None
    code = latest.organisations.using(PRIMARY).order_by("code").values_list("code", flat=True)[0]
    admin = get_user_model().objects.get(username="opdc.admin")
    return publication_amend(
        viewer=viewer_for(admin), user=admin, framework=framework, reason=reason, confirm=True, organisations=[code]
    )


def _snapshot_queries(context: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in context.captured_queries if "publication_publishedorganisation" in q["sql"]]


@pytest.fixture
def captured(on_replica: StreamingPair) -> Iterator[dict[str, CaptureQueriesContext]]:
    """The SQL each database answers during the test."""
    contexts = {alias: CaptureQueriesContext(connections[alias]) for alias in (PRIMARY, REPLICA)}
    for context in contexts.values():
        context.__enter__()
    yield contexts
    for context in contexts.values():
        context.__exit__(None, None, None)


def test_a_logged_out_score_list_reads_its_snapshot_on_the_replica(
    captured: dict[str, CaptureQueriesContext],
) -> None:
    page = Client().get(SCORES_PAGE)
    scores = Client().get(SCORES_API)

    assert page.status_code == 200 and scores.status_code == 200
    assert _snapshot_queries(captured[REPLICA])
    assert _snapshot_queries(captured[PRIMARY]) == []


def test_a_replica_behind_the_latest_publication_is_passed_over_for_the_primary(
    on_replica: StreamingPair, captured: dict[str, CaptureQueriesContext]
) -> None:
    on_replica.pause_replay()
    amended = _amend("แก้ไขขณะสำเนาหยุดรับข้อมูล")

    page = Client().get(SCORES_PAGE).content.decode()
    rows = Client().get(SCORES_API).json()

    assert "แก้ไขขณะสำเนาหยุดรับข้อมูล" in page and f"ฉบับที่ {amended.version}" in page
    assert len(rows) == amended.organisations_included
    assert _snapshot_queries(captured[REPLICA]) == []


@override_settings(REPLICA_CHECK_SECONDS=600)
def test_a_lagging_replica_still_trusted_shows_the_previous_version_whole(on_replica: StreamingPair) -> None:
    before = Publication.objects.using(PRIMARY).filter(framework=_framework()).order_by("-pk").first()
    assert before is not None
    assert Client().get(SCORES_PAGE).status_code == 200  # the app looks at the replica: up to date
    on_replica.pause_replay()
    _amend("ฉบับที่สำเนายังไม่ได้รับ")

    page = Client().get(SCORES_PAGE).content.decode()
    rows = Client().get(SCORES_API).json()

    assert "ฉบับที่สำเนายังไม่ได้รับ" not in page
    assert len(rows) == before.organisations_included  # every organisation of the version it has
    on_replica.resume_replay()
    on_replica.wait_for_replay()
    forget_verdict()
    assert "ฉบับที่สำเนายังไม่ได้รับ" in Client().get(SCORES_PAGE).content.decode()


def test_a_stopped_replica_leaves_the_public_on_the_primary_without_an_error(on_replica: StreamingPair) -> None:
    amended = _amend("แก้ไขก่อนสำเนาหยุดทำงาน")
    on_replica.stop_standby()

    page = Client().get(SCORES_PAGE)
    scores = Client().get(SCORES_API)

    assert page.status_code == 200 and "แก้ไขก่อนสำเนาหยุดทำงาน" in page.content.decode()
    assert scores.status_code == 200 and len(scores.json()) == amended.organisations_included


@override_settings(REPLICA_CHECK_SECONDS=600)
@pytest.mark.parametrize("path", [SCORES_PAGE, SCORES_API])
def test_a_replica_lost_after_it_was_checked_is_answered_again_from_the_primary(
    on_replica: StreamingPair, path: str
) -> None:
    assert Client().get("/public/").status_code == 200  # the app looks at the replica: up to date
    on_replica.stop_standby()

    answer = Client().get(path)

    assert answer.status_code == 200
    assert "2565" in answer.content.decode()


def test_logged_in_reads_never_touch_the_replica(captured: dict[str, CaptureQueriesContext]) -> None:
    client = Client()
    client.force_login(
        get_user_model().objects.get(username="opdc.admin"), backend="django.contrib.auth.backends.ModelBackend"
    )

    assert client.get(SCORES_PAGE).status_code == 200
    assert client.get(SCORES_API).status_code == 200
    assert captured[REPLICA].captured_queries == []
    assert _snapshot_queries(captured[PRIMARY])
