"""OPDC's verification queue in pages: each page and the API's offsets show exactly the rows of the
queue's order (year, round, organisation, KPI), however many organisations' rounds it spans."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from govkpi.organisations.access import Viewer
from govkpi.results import selectors
from govkpi.results.models import Result, ResultState

pytestmark = pytest.mark.django_db

OPDC = Viewer(user_id=1, role="opdc_desk")


def listed(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-testid="verify-row" data-result="(\d+)"', page)]


def test_every_page_shows_the_next_rows_of_the_queue_in_its_order(client_as: Callable[[str], Client]) -> None:
    Result.objects.filter(round__framework__fiscal_year__year=2565).update(state=ResultState.ENDORSED)
    expected = list(selectors.verification_queue(viewer=OPDC, year=2565).values_list("pk", flat=True))
    assert len(expected) > 100, "the queue spans several pages and many organisations' rounds"
    opdc = client_as("opdc_desk")
    shown = []
    for number in range(1, len(expected) // 50 + 2):
        page = opdc.get(f"/results/verify/?year=2565&page={number}").content.decode()
        assert f"{len(expected)} รายการ" in page
        shown += listed(page)
    assert shown == expected


def test_the_api_answers_any_offset_and_limit_with_the_queue_total(client_as: Callable[[str], Client]) -> None:
    Result.objects.filter(round__framework__fiscal_year__year=2565).update(state=ResultState.ENDORSED)
    expected = list(selectors.verification_queue(viewer=OPDC, year=2565).values_list("pk", flat=True))
    opdc = client_as("opdc_desk")
    for offset, limit in ((0, 1), (3, 10), (47, 13), (len(expected) - 2, 100)):
        answer = opdc.get(f"/api/v1/results/verification-queue?year=2565&offset={offset}&limit={limit}").json()
        assert answer["count"] == len(expected)
        assert [item["id"] for item in answer["items"]] == expected[offset : offset + limit]
