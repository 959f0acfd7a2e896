"""Dashboards ask `kpis.selectors` which KPIs count in a round, never `is_removed` on its own: a KPI
removed from round 12 by an approved change request still counts in round 6."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model

from govkpi.dashboards.scores import reporting_progress, scored_kpis
from govkpi.frameworks.models import Framework, Round
from govkpi.kpis import changes
from govkpi.kpis.choices import ChangeKind
from govkpi.kpis.models import Kpi
from govkpi.kpis.selectors import reportable_in_round
from govkpi.organisations.models import Organisation, Person

UserOf = Callable[[str], Any]


def _remove_p20_66_03_from_round_12(user_of: UserOf) -> Framework:
    organisation = Organisation.objects.get(code="P20")
    user = get_user_model().objects.create_user("chonburi.coord", password="govkpi-demo")
    Person.objects.create(user=user, organisation=organisation, role="coordinator", full_name_th="ทดสอบ ชลบุรี")
    kpi, other = Kpi.objects.get(code="P20-66-03"), Kpi.objects.get(code="P20-66-04")
    cr = changes.change_request_file(
        by=user,
        kpi=kpi,
        round_=kpi.framework.rounds.get(months=12),
        kind=ChangeKind.REMOVAL,
        reason_th="ภารกิจโอนไปหน่วยงานอื่น",
        proposed={"weights": {other.code: str(kpi.weight + other.weight)}},
    )
    changes.change_request_decide(change_request=cr, decision="approve", by=user_of("committee_secretary"))
    return kpi.framework


def test_the_dashboards_round_filter_selects_exactly_the_kpis_reported_on_in_every_round(
    user_of: UserOf,
) -> None:
    _remove_p20_66_03_from_round_12(user_of)
    for round_ in Round.objects.select_related("framework"):
        expected = {kpi.pk for kpi, _ in reportable_in_round(round_.framework, round_)}
        assert set(scored_kpis(round_.framework, round_).values_list("pk", flat=True)) == expected, round_


def test_a_kpi_removed_from_round_12_is_still_expected_in_round_6_reporting_progress(user_of: UserOf) -> None:
    framework = _remove_p20_66_03_from_round_12(user_of)
    assert scored_kpis(framework, framework.rounds.get(months=6)).filter(code="P20-66-03").exists()
    assert not scored_kpis(framework, framework.rounds.get(months=12)).filter(code="P20-66-03").exists()
    progress = {p.round.months: p for p in reporting_progress(framework)}
    assert progress[6].expected == progress[12].expected  # P20 is still expected in both rounds
