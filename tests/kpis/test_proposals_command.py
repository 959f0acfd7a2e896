"""`govkpi proposals`: list, check and transition from a script, with the same rights."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from govkpi.kpis.models import Proposal

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("proposals", *args, stdout=out)
    return out.getvalue()


def test_list_is_scoped_to_the_caller() -> None:
    mine = run("list", "--as", "cdd.coord", "--year", "2566")
    assert "\tCDD\t" in mine and "\tMOF\t" not in mine


def test_check_passes_for_the_ccs_draft() -> None:
    assert "P24\tdraft\tok" in run(
        "check", "--as", "opdc.desk1", "--year", "2566", "--group", "provinces", "--state", "draft"
    )


def test_a_transition_from_the_command_line_obeys_the_rules() -> None:
    with pytest.raises(CommandError, match="เลยกำหนดส่ง"):
        run("transition", "P24", "submit", "--year", "2566", "--as", "ccs.coord")
    with pytest.raises(CommandError):
        run("transition", "P40", "approve", "--year", "2566", "--as", "ccs.coord")
    assert "P40\topdc_review" in run("transition", "P40", "approve", "--year", "2566", "--as", "moi.reviewer")
    assert Proposal.objects.get(organisation__code="P40", framework__fiscal_year__year=2566).state == "opdc_review"
