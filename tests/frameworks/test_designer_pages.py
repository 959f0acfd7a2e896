"""The designer's pages: OPDC administrators edit, desk officers read, organisations are kept out;
a change to an announced framework goes through its impact page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from govkpi.frameworks import services
from govkpi.frameworks.models import Framework
from govkpi.frameworks.selectors import framework_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(user_of: Callable[[str], Any]) -> Framework:
    return services.framework_copy(framework_for(year=2566, group="agencies"), year=2596, by=user_of("opdc_admin"))


def _ladder(points: list[str], *, initial: int) -> dict[str, str]:
    data = {
        "part": "ladder",
        "levels-TOTAL_FORMS": str(len(points)),
        "levels-INITIAL_FORMS": str(initial),
        "ladder-below_lowest_points": "0",
    }
    for i, p in enumerate(points):
        data[f"levels-{i}-name_th"] = f"ขั้นที่ {i + 1}"
        data[f"levels-{i}-points"] = p
    return data


def test_who_may_open_the_designer(draft: Framework, client_as: Callable[[str], Client]) -> None:
    url = f"/frameworks/{draft.pk}/design/"
    admin_page = client_as("opdc_admin").get(url).content.decode()
    assert 'data-testid="save-ladder"' in admin_page and 'data-testid="announce"' in admin_page
    desk_page = client_as("opdc_desk").get(url).content.decode()
    assert 'data-testid="save-ladder"' not in desk_page and 'data-testid="no-problems"' in desk_page
    assert client_as("cdd_coordinator").get(url).status_code == 403
    assert client_as("opdc_desk").post(url, _ladder(["50", "100"], initial=3)).status_code == 403


def test_a_falling_ladder_is_refused_on_the_page_and_a_rising_one_saved(
    draft: Framework, client_as: Callable[[str], Client]
) -> None:
    admin = client_as("opdc_admin")
    url = f"/frameworks/{draft.pk}/design/"
    refused = admin.post(url, _ladder(["60", "70", "65"], initial=3))
    assert refused.status_code == 200
    assert "ขั้นที่ 3" in refused.content.decode() and 'data-testid="refusal"' in refused.content.decode()
    saved = admin.post(url, _ladder(["60", "70", "80", "90", "100"], initial=3))
    assert saved.status_code == 302
    assert [t.points for t in draft.target_levels.order_by("order")] == [60, 70, 80, 90, 100]


def test_the_page_speaks_english_without_thai_labels(draft: Framework, client_as: Callable[[str], Client]) -> None:
    client = client_as("opdc_admin")
    client.cookies["django_language"] = "en"
    page = client.get(f"/frameworks/{draft.pk}/design/").content.decode()
    assert "Design the framework" in page and "Target ladder and points" in page
    assert "บันไดค่าเป้าหมาย" not in page


def test_an_announced_framework_shows_the_impact_before_saving(
    draft: Framework, client_as: Callable[[str], Client], user_of: Callable[[str], Any]
) -> None:
    services.framework_announce(framework=draft, by=user_of("opdc_admin"))
    admin = client_as("opdc_admin")
    url = f"/frameworks/{draft.pk}/design/"
    preview = admin.post(url, _ladder(["50", "80", "100"], initial=3))
    assert preview.status_code == 200 and 'data-testid="impact"' in preview.content.decode()
    assert draft.target_levels.get(order=2).points == 75  # not yet
    confirmed = admin.post(url, {**_ladder(["50", "80", "100"], initial=3), "confirm": "1"})
    assert confirmed.status_code == 302
    assert draft.target_levels.get(order=2).points == 80


def test_rounds_are_saved_from_the_page_with_buddhist_era_dates(
    draft: Framework, client_as: Callable[[str], Client]
) -> None:
    data = {
        "part": "rounds",
        "rounds-TOTAL_FORMS": "3",
        "rounds-INITIAL_FORMS": "2",
        "rounds-0-months": "6",
        "rounds-0-opens_on": "1/4/2596",
        "rounds-0-closes_on": "15/5/2596",
        "rounds-1-months": "12",
        "rounds-1-opens_on": "1/9/2596",
        "rounds-1-closes_on": "31/10/2596",
        "rounds-2-months": "",
        "rounds-2-opens_on": "",
        "rounds-2-closes_on": "",
    }
    answer = client_as("opdc_admin").post(f"/frameworks/{draft.pk}/design/", data)
    assert answer.status_code == 302
    assert draft.rounds.get(months=6).closes_on.isoformat() == "2053-05-15"
    bad = (
        client_as("opdc_admin")
        .post(f"/frameworks/{draft.pk}/design/", {**data, "rounds-1-closes_on": "1/8/2596"})
        .content.decode()
    )
    assert "ต้องอยู่หลังวันเปิด" in bad
