"""Issue 15, the stored-score findings: what is in force in a round, scores that never drift,
bands only from the engine, rescoring an OPDC right only."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from govkpi import scoring
from govkpi.frameworks.models import Framework, Round
from govkpi.frameworks.selectors import scoring_framework
from govkpi.kpis import changes
from govkpi.kpis.choices import ChangeKind
from govkpi.kpis.models import Kpi
from govkpi.kpis.selectors import kpis_in_round
from govkpi.organisations.models import ApiToken, Organisation, Person
from govkpi.results.models import OrganisationScore, Result, ResultState
from govkpi.scorecards.rows import scorecard_rows
from govkpi.scorecards.services import expect, rescore
from govkpi.scorecards.verify import scores_verify

UserOf = Callable[[str], Any]


@pytest.fixture
def fy2566() -> Framework:
    return Framework.objects.get(fiscal_year__year=2566, group="provinces")


@pytest.fixture
def chonburi(db: None) -> Organisation:
    """ชลบุรี (P20), whose FY2566 KPIs are approved, with a coordinator who files change requests."""
    organisation = Organisation.objects.get(code="P20")
    user = get_user_model().objects.create_user("chonburi.coord", password="govkpi-demo")
    Person.objects.create(user=user, organisation=organisation, role="coordinator", full_name_th="ทดสอบ ชลบุรี")
    return organisation


def _round(framework: Framework, months: int) -> Round:
    return Round.objects.get(framework=framework, months=months)


def _verified_round(framework: Framework, organisation: Organisation, months: int, *, locked: bool = False) -> None:
    """Every KPI of the organisation in force in the round reported at its middle target and
    verified (approved and locked with `locked`), then the round rescored as the services would."""
    round_ = _round(framework, months)
    for row in kpis_in_round(framework, round_, organisations=[organisation.pk]):
        assert row.version is not None
        Result.objects.update_or_create(
            kpi=row.kpi,
            round=round_,
            defaults={
                "version": row.version,
                "organisation": organisation,
                "value": Decimal(str(row.version.targets[1])),
                "state": ResultState.APPROVED if locked else ResultState.VERIFIED,
                "is_locked": locked,
            },
        )
    rescore(framework, organisations=[organisation], round=round_)


def _remove_in_round_12(user_of: UserOf, code: str = "P20-66-03", rebalance: str = "P20-66-04") -> None:
    kpi = Kpi.objects.get(code=code)
    other = Kpi.objects.get(code=rebalance)
    cr = changes.change_request_file(
        by=user_of("chonburi.coord"),
        kpi=kpi,
        round_=_round(kpi.framework, 12),
        kind=ChangeKind.REMOVAL,
        reason_th="ภารกิจโอนไปหน่วยงานอื่น",
        proposed={"weights": {rebalance: str(kpi.weight + other.weight)}},
    )
    changes.change_request_decide(change_request=cr, decision="approve", by=user_of("committee_secretary"))


def _weights(framework: Framework, organisation: Organisation, months: int) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for row in kpis_in_round(framework, _round(framework, months), organisations=[organisation.pk]):
        if not row.definition.is_monitor:
            sums[row.definition.component.code] += row.definition.weight
    return dict(sums)


def _differences(framework: Framework) -> list[str]:
    return [str(d) for d in scores_verify([framework])[1]]


def test_removing_a_kpi_from_round_12_keeps_it_in_round_6_and_weights_still_add_up(
    user_of: UserOf, fy2566: Framework, chonburi: Organisation
) -> None:
    _remove_in_round_12(user_of)
    in_6 = {r.kpi.code for r in kpis_in_round(fy2566, _round(fy2566, 6), organisations=[chonburi.pk])}
    in_12 = {r.kpi.code for r in kpis_in_round(fy2566, _round(fy2566, 12), organisations=[chonburi.pk])}
    assert "P20-66-03" in in_6 and "P20-66-03" not in in_12
    components = {c.code: c.weight for c in fy2566.components.all()}
    for months in (6, 12):
        assert _weights(fy2566, chonburi, months) == components, months


def test_a_whole_year_rescore_after_a_removal_keeps_locked_results_points(
    user_of: UserOf, fy2566: Framework, chonburi: Organisation
) -> None:
    _verified_round(fy2566, chonburi, 6, locked=True)
    removed = Result.objects.get(kpi__code="P20-66-03", round__months=6, round__framework=fy2566)
    points, total = removed.points, OrganisationScore.objects.get(organisation=chonburi, round__months=6).total
    assert points is not None

    _remove_in_round_12(user_of)
    call_command("rescore", "--year", "2566", "--group", "provinces")

    removed.refresh_from_db()
    assert removed.points == points and removed.is_locked
    assert OrganisationScore.objects.get(organisation=chonburi, round__months=6, framework=fy2566).total == total
    assert _differences(fy2566) == []


def test_approving_a_target_change_rescores_the_stored_total(
    user_of: UserOf, fy2566: Framework, chonburi: Organisation
) -> None:
    _verified_round(fy2566, chonburi, 12)
    result = Result.objects.get(kpi__code="P20-66-03", round__months=12, round__framework=fy2566)
    before = OrganisationScore.objects.get(organisation=chonburi, round=result.round).total
    value = result.value
    assert value is not None

    # The target the organisation reached becomes the lowest rung: its points fall at once.
    cr = changes.change_request_file(
        by=user_of("chonburi.coord"),
        kpi=result.kpi,
        round_=result.round,
        kind=ChangeKind.TARGET,
        reason_th="ผลกระทบจากโควิด-19",
        proposed={"targets": [str(value), str(value + 10), str(value + 20)]},
    )
    changes.change_request_decide(change_request=cr, decision="approve", by=user_of("committee_secretary"))

    result.refresh_from_db()
    after = OrganisationScore.objects.get(organisation=chonburi, round=result.round).total
    assert result.points == Decimal("50.0000")
    assert after < before
    assert _differences(fy2566) == []


def test_a_rejected_change_leaves_the_stored_scores_alone(
    user_of: UserOf, fy2566: Framework, chonburi: Organisation
) -> None:
    _verified_round(fy2566, chonburi, 12)
    cr = changes.change_request_file(
        by=user_of("chonburi.coord"),
        kpi=Kpi.objects.get(code="P20-66-03"),
        round_=_round(fy2566, 12),
        kind=ChangeKind.TARGET,
        reason_th="x",
        proposed={"targets": ["1", "2", "3"]},
    )
    history = OrganisationScore.history.count()  # type: ignore[attr-defined]
    changes.change_request_decide(change_request=cr, decision="reject", by=user_of("committee_secretary"), note_th="x")
    assert OrganisationScore.history.count() == history  # type: ignore[attr-defined]


def test_changing_a_frameworks_ladder_rescores_its_stored_scores(fy2566: Framework, chonburi: Organisation) -> None:
    _verified_round(fy2566, chonburi, 12)  # every KPI at the middle target: 75 points
    middle = fy2566.target_levels.order_by("order")[1]
    middle.points = Decimal(70)
    middle.save()  # as the admin saves it
    result = Result.objects.filter(organisation=chonburi, round__framework=fy2566, round__months=12).first()
    assert result is not None and result.points == Decimal("70.0000")
    assert _differences(fy2566) == []


@pytest.mark.parametrize(
    "persona", ["mof_coordinator", "cdd_executive", "committee.member", "committee_secretary", "moi_reviewer"]
)
def test_a_coordinator_cannot_rescore_a_published_band(client: Client, user_of: UserOf, persona: str) -> None:
    framework = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    score = OrganisationScore.objects.get(framework=framework, organisation__code="MOF", round__months=12)
    token = ApiToken.issue(user=user_of(persona), name="t")[1]
    response = client.post(
        "/api/v1/scoring/rescore",
        {"year": 2565, "group": "agencies", "organisations": ["MOF"]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 403
    assert OrganisationScore.objects.get(pk=score.pk).total == score.total


def test_only_opdc_rescores_through_the_command_when_it_names_a_user(user_of: UserOf) -> None:
    with pytest.raises(CommandError):
        call_command("rescore", "--year", "2565", "--group", "agencies", "--user", "mof.coord")
    call_command("rescore", "--year", "2565", "--group", "agencies", "--user", "opdc.desk1")


def test_a_total_of_79_995_is_banded_like_the_engine_everywhere() -> None:
    framework = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    rules = scoring_framework(framework)
    band = scoring.band_for(Decimal("79.995"), rules.bands)
    assert band == scoring.band_for(Decimal("80.00"), rules.bands)
    assert scoring.round_total(Decimal("79.995")) == Decimal("80.00")
    # Every page shows the band stored with the score, which rescoring took from the engine.
    for card in scorecard_rows(framework):
        expected = expect(card).score
        if expected is not None:
            assert expected.band == (scoring.band_for(expected.total, rules.bands) or "")


def test_scores_verify_lists_a_tampered_total_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("scores", "verify", "--year", "2565", "--group", "agencies")
    assert "0 difference(s)" in capsys.readouterr().out
    OrganisationScore.objects.filter(
        organisation__code="MOF", round__months=12, framework__fiscal_year__year=2565
    ).update(total=Decimal("64.14"), band="ระดับต้องปรับปรุง")
    with pytest.raises(CommandError):
        call_command("scores", "verify", "--year", "2565", "--group", "agencies")
    out = capsys.readouterr().out
    assert "MOF 12 เดือน total total: stored Decimal('64.1400')" in out and "1 scorecard" not in out
