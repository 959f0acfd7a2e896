"""`govkpi committees`: the secretary's batch work from a script."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from govkpi.kpis.choices import ChangeState
from govkpi.reviews.models import AgendaItem

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("committees", *args, stdout=out)
    return out.getvalue()


def test_meetings_are_listed_with_thai_numbers_and_dates() -> None:
    out = run("meetings", "--as", "committee.secretary", "--year", "2565")
    assert "ครั้งที่ 6/2565\t22 ก.ย. 2565" in out


def test_the_secretary_records_a_resolution_from_a_script() -> None:
    item = AgendaItem.objects.get(meeting__number=4, meeting__year_be=2566, order=1)
    out = run("resolve", str(item.pk), "approve", "--as", "committee.secretary", "--text", "เห็นชอบ")
    assert out.startswith("มติเห็นชอบ")
    assert item.change_requests.get().state == ChangeState.APPROVED


def test_a_coordinator_cannot_record_a_resolution_from_a_script() -> None:
    item = AgendaItem.objects.get(meeting__number=4, meeting__year_be=2566, order=1)
    with pytest.raises(CommandError):
        run("resolve", str(item.pk), "approve", "--as", "mof.coord")


def test_an_organisation_lists_only_its_recommendations() -> None:
    lines = run("recommendations", "--as", "mof.coord", "--open").splitlines()
    assert len(lines) == 1 and "\tMOF\t" in lines[0]
