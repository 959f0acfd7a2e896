"""The seeds' meetings load once: loading again changes nothing."""

from __future__ import annotations

import pytest

from govkpi.demo import meetings_loader as demo
from govkpi.kpis.models import ChangeRequest
from govkpi.reviews.models import AgendaItem, Meeting, Recommendation, Resolution

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Meeting, AgendaItem, Resolution, Recommendation, ChangeRequest))


def test_loading_the_meetings_again_changes_nothing() -> None:
    before = counts()
    assert demo.load() == {"meetings": 0}
    assert counts() == before


def test_the_seed_meetings_are_loaded_with_their_numbers_and_recommendations() -> None:
    assert Meeting.objects.filter(committee__code="OPDC-SUB", number=6, year_be=2565, mode="electronic").exists()
    wg = Meeting.objects.get(committee__code="WG-AGENCIES", number=2, year_be=2564)
    assert sorted(wg.recommendations.values_list("organisation__code", flat=True)) == ["MOC", "MOE", "MOF", "MOL"]
