"""While the database cannot be reached, pages and the API answer 503 with a Thai/English message, not 500.

The connection is really lost: PostgreSQL ends this test's own backend (`pg_terminate_backend`
from a second connection), as it does to every client when it restarts. Recovery without
restarting the app is shown against a real PostgreSQL restart by scripts/faults/pg_restart.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import psycopg
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from govkpi.kpis.models import Kpi
from govkpi.organisations.models import ApiToken

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"], reason="terminates a PostgreSQL backend"
    ),
]


@pytest.fixture
def lose_connection(db: None) -> Iterator[Callable[[], None]]:
    """Ends this test's database connection from the server side; closed on our side afterwards."""

    def lose() -> None:
        connection.ensure_connection()
        pid = connection.connection.info.backend_pid
        info = connection.settings_dict
        with psycopg.connect(
            host=info["HOST"], port=info["PORT"] or 5432, user=info["USER"], dbname="postgres", autocommit=True
        ) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])

    try:
        yield lose
    finally:
        connection.close()


def test_a_page_answers_503_in_thai_and_english_while_the_database_is_gone(
    lose_connection: Callable[[], None],
) -> None:
    lose_connection()
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert response["Retry-After"]
    page = response.content.decode()
    assert "ระบบฐานข้อมูลไม่พร้อมใช้งานชั่วคราว" in page
    assert "The database is briefly unavailable" in page


def test_the_api_answers_503_with_both_messages_while_the_database_is_gone(
    lose_connection: Callable[[], None],
) -> None:
    _, key = ApiToken.issue(user=get_user_model().objects.get(username="cdd.coord"), name="outage")
    kpi = Kpi.objects.filter(organisation__code="CDD").first()
    assert kpi is not None
    lose_connection()
    client = Client(raise_request_exception=False)
    for response in (
        client.get("/api/v1/organisations/"),
        client.post(
            "/api/v1/results/report",
            {"kpi_id": kpi.pk, "months": 12, "value": "1"},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        ),
    ):
        assert response.status_code == 503
        body = response.json()
        assert body["message_th"].startswith("ระบบฐานข้อมูลไม่พร้อมใช้งานชั่วคราว")
        assert "not saved" in body["message_en"]
