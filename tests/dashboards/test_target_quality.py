"""Target quality in the review: each KPI of a proposal with its last three years and its flags
(below last year's actual, below the plan, a unit not the Basket's, a near-duplicate in the same
organisation), on the demo's proposals and on ones built here."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client

from govkpi.core.errors import NotFound
from govkpi.dashboards.target_quality import Flag, ProposalQuality, proposal_quality
from govkpi.frameworks.models import Framework
from govkpi.frameworks.services import framework_copy
from govkpi.kpis.choices import ProposalState
from govkpi.kpis.models import JointKpi, Kpi, KpiVersion, Proposal
from govkpi.organisations.access import Viewer, viewer_for
from govkpi.reports.summary import committee_summary
from govkpi.results.models import Result, ResultState

pytestmark = pytest.mark.django_db

UserOf = Callable[[str], User]
OPDC = Viewer(user_id=0, username="batch", is_superuser=True)


def proposal(org: str, year: int) -> Proposal:
    return Proposal.objects.select_related("framework__fiscal_year", "organisation").get(
        organisation__code=org, framework__fiscal_year__year=year
    )


def quality_of(org: str, year: int, viewer: Viewer = OPDC) -> ProposalQuality:
    return proposal_quality(viewer=viewer, proposal_id=proposal(org, year).pk)


def flags(quality: ProposalQuality, code: str) -> dict[str, Flag]:
    row = next(q for q in quality.kpis if q.kpi.code == code)
    return {f.code: f for f in row.flags}


def test_a_standard_target_below_last_years_actual_is_flagged_with_its_numbers() -> None:
    quality = quality_of("CDD", 2566)
    assert quality.years == [2563, 2564, 2565]
    flag = flags(quality, "CDD-66-01")["below_last_actual"]
    # CDD commits to 78% of villages while FY2564 (the latest 12-month result) reached 78.6%
    assert flag.evidence["standard_target"] == Decimal("78")
    assert flag.evidence["last_actual"] == Decimal("78.6")
    assert flag.evidence["last_year"] == 2564 and flag.evidence["last_is_final"] is True
    assert "78.6" in flag.message_th and "2564" in flag.message_th
    assert "below the FY2564 (2021) actual (78.6)" in flag.message_en
    # 1,900 funds against 1,878 last time is more ambitious: no flag
    assert "below_last_actual" not in flags(quality, "CDD-66-02")


def test_for_a_lower_is_better_kpi_a_target_above_last_years_actual_is_the_flag() -> None:
    quality = quality_of("MOF", 2570)
    debt = flags(quality, "MOF-70-01")["below_last_actual"]  # public debt: 65% of GDP against 64.4% reported
    assert debt.evidence["direction"] == "lower_is_better"
    assert "สูงกว่า" in debt.message_th and "above" in debt.message_en
    # FY2569's 12-month result is submitted, not yet verified: shown and flagged, marked provisional
    assert debt.evidence["last_is_final"] is False and "not yet verified" in debt.message_en
    assert "below_last_actual" not in flags(quality, "MOF-70-04")  # level 4 against 4 reached


def test_a_draft_result_is_the_organisations_own_and_does_not_show_in_the_history() -> None:
    quality = quality_of("CDD", 2570)  # CDD's FY2569 results are drafts in the demo
    assert all(h is None or h.value is None for q in quality.kpis for year, h in q.rows if year == 2569)
    assert not any(
        f.code == "below_last_actual" and f.evidence["last_year"] == 2569 for q in quality.kpis for f in q.flags
    )


def test_below_plan_is_the_committee_summarys_rule(user_of: UserOf) -> None:
    p = proposal("CDD", 2566)
    kpi = p.kpis.get(code="CDD-66-02")  # targets 1,800 / 1,900 / 2,000 funds
    kpi.national_target_value = Decimal("1950")
    kpi.save()
    flag = flags(quality_of("CDD", 2566), "CDD-66-02")["below_plan"]
    assert flag.evidence["national_target"] == Decimal("1950")
    assert flag.evidence["standard_target"] == Decimal("1900")
    summary = committee_summary(viewer=viewer_for(user_of("opdc_admin")), year=2566, group="agencies")
    assert "CDD-66-02" in [b.code for b in summary.below_plan]
    kpi.national_target_value = Decimal("1900")  # standard meets the plan: neither flags it
    kpi.save()
    assert "below_plan" not in flags(quality_of("CDD", 2566), "CDD-66-02")
    summary = committee_summary(viewer=viewer_for(user_of("opdc_admin")), year=2566, group="agencies")
    assert "CDD-66-02" not in [b.code for b in summary.below_plan]


def test_a_unit_not_the_baskets_is_flagged() -> None:
    kpi = proposal("CDD", 2566).kpis.get(code="CDD-66-02")
    assert kpi.basket is not None
    kpi.unit_th = "แห่ง"
    kpi.save()
    flag = flags(quality_of("CDD", 2566), "CDD-66-02")["unit_differs"]
    assert flag.evidence == {"unit_th": "แห่ง", "basket_unit_th": kpi.basket.unit_th, "basket": kpi.basket.code}
    assert not any(
        f.code == "unit_differs" for q in quality_of("CDD", 2566).kpis if q.kpi.code != "CDD-66-02" for f in q.flags
    )


def test_two_kpis_of_one_organisation_with_near_identical_names_are_flagged_both_ways() -> None:
    p = proposal("CDD", 2566)
    a, b = p.kpis.get(code="CDD-66-01"), p.kpis.get(code="CDD-66-02")
    b.name_th = a.name_th + "ในพื้นที่เป้าหมาย"
    b.save()
    quality = quality_of("CDD", 2566)
    assert flags(quality, "CDD-66-01")["near_duplicate"].evidence["other_kpi"] == "CDD-66-02"
    assert flags(quality, "CDD-66-02")["near_duplicate"].evidence["other_kpi"] == "CDD-66-01"
    assert "near_duplicate" not in flags(quality, "CDD-66-03")


def test_the_rows_of_one_joint_kpi_are_not_duplicates_of_each_other() -> None:
    p = proposal("P40", 2566)  # Khon Kaen's proposal carries rows of two Joint KPIs
    rows = list(p.kpis.exclude(joint=None).order_by("order"))
    assert len(rows) == 2
    # Make both rows one Joint KPI's, with its name: shared, so not duplicated
    joint: JointKpi = rows[0].joint  # type: ignore[assignment]
    rows[1].joint, rows[1].name_th = joint, rows[0].name_th
    rows[1].save()
    quality = quality_of("P40", 2566)
    assert not any(f.code == "near_duplicate" for q in quality.kpis for f in q.flags)
    # The same two names on rows of no Joint KPI would be flagged
    rows[1].joint = None
    rows[1].save()
    assert "near_duplicate" in flags(quality_of("P40", 2566), rows[1].code)


def _earlier_year(source: Framework, year: int, lineage_of: Kpi, value: str, state: str) -> None:
    """An approved FY `year` KPI of the same lineage for MOF with its 12-month result."""
    framework = Framework.objects.filter(fiscal_year__year=year, group=source.group).first() or framework_copy(
        source, year=year
    )
    p, _ = Proposal.objects.get_or_create(
        framework=framework, organisation=lineage_of.organisation, defaults={"state": ProposalState.APPROVED}
    )
    kpi = Kpi.objects.create(
        proposal=p,
        framework=framework,
        organisation=lineage_of.organisation,
        code=f"MOF-{year % 100}-91",  # beside the demo's own FY2567 KPIs
        name_th=lineage_of.name_th,
        unit_th=lineage_of.unit_th,
        direction=lineage_of.direction,
        component=framework.components.get(code=lineage_of.component.code),
        weight=lineage_of.weight,
        targets=["72", "68", "64"],
        basket=lineage_of.basket,
        lineage=lineage_of.lineage,
    )
    version = KpiVersion.objects.create(
        kpi=kpi,
        number=1,
        name_th=kpi.name_th,
        unit_th=kpi.unit_th,
        direction=kpi.direction,
        component=kpi.component,
        weight=kpi.weight,
        targets=kpi.targets,
    )
    Result.objects.create(
        kpi=kpi,
        round=framework.rounds.get(months=12),
        version=version,
        organisation=kpi.organisation,
        value=Decimal(value),
        state=state,
    )


def test_the_history_shows_three_years_of_targets_and_12_month_results_oldest_first() -> None:
    current = proposal("MOF", 2570)
    debt = current.kpis.get(code="MOF-70-01")
    source = Framework.objects.get(fiscal_year__year=2569, group="agencies")
    _earlier_year(source, 2567, debt, "66.1", ResultState.APPROVED)
    _earlier_year(source, 2568, debt, "65.2", ResultState.VERIFIED)
    quality = proposal_quality(viewer=OPDC, proposal_id=current.pk)
    row = next(q for q in quality.kpis if q.kpi.code == "MOF-70-01")
    years = [(year, h.kpi_code, h.value, h.is_final) for year, h in row.rows if h is not None]
    assert years == [
        (2567, "MOF-67-91", Decimal("66.1"), True),
        (2568, "MOF-68-91", Decimal("65.2"), True),
        (2569, "MOF-69-01", Decimal("64.4"), False),
    ]
    assert row.history[2567].targets == (Decimal(72), Decimal(68), Decimal(64))
    assert row.last_actual is not None and row.last_actual.year == 2569


def test_a_coordinator_of_another_organisation_gets_404_on_the_panel_and_the_api(
    client_as: Callable[[str], Client], user_of: UserOf
) -> None:
    mof = proposal("MOF", 2570)
    with pytest.raises(NotFound):
        proposal_quality(viewer=viewer_for(user_of("cdd_coordinator")), proposal_id=mof.pk)
    cdd = client_as("cdd_coordinator")
    assert cdd.get(f"/proposals/{mof.pk}/quality/").status_code == 404
    assert cdd.get(f"/api/v1/proposals/{mof.pk}/target-quality").status_code == 404
    # the organisation's own coordinator sees it, without the reviewer's cite links
    own = client_as("mof_coordinator").get(f"/proposals/{mof.pk}/quality/", headers={"HX-Request": "true"})
    assert own.status_code == 200 and 'data-flag="below_last_actual"' in own.content.decode()
    assert 'data-testid="cite-' not in own.content.decode()


def test_the_panel_answers_htmx_with_a_summary_and_one_block_per_kpi_row_out_of_band(
    client_as: Callable[[str], Client],
) -> None:
    mof = proposal("MOF", 2570)
    page = client_as("opdc_desk").get(f"/proposals/{mof.pk}/")
    html = page.content.decode()
    assert f'hx-get="/proposals/{mof.pk}/quality/"' in html
    for kpi in mof.kpis.all():
        assert f'id="quality-{kpi.pk}"' in html
    panel = client_as("opdc_desk").get(f"/proposals/{mof.pk}/quality/", headers={"HX-Request": "true"}).content.decode()
    assert 'data-testid="target-quality"' in panel and panel.count('hx-swap-oob="true"') == mof.kpis.count()
    assert "ข้อสังเกต 4 รายการ" in panel
    whole = client_as("opdc_desk").get(f"/proposals/{mof.pk}/quality/")  # without JavaScript: a page of its own
    assert "<html" in whole.content.decode() and whole.content.decode().count('data-testid="quality"') == 5


def test_the_api_gives_history_and_flags_per_kpi(client_as: Callable[[str], Client]) -> None:
    mof = proposal("MOF", 2570)
    body = client_as("opdc_desk").get(f"/api/v1/proposals/{mof.pk}/target-quality").json()
    assert body["years"] == [2567, 2568, 2569] and body["flag_count"] == 4
    debt = next(k for k in body["kpis"] if k["code"] == "MOF-70-01")
    assert [h["year"] for h in debt["history"]] == [2567, 2568, 2569]
    assert debt["history"][2]["value"] == "64.4000" and debt["history"][2]["state"] == "submitted"
    flag = debt["flags"][0]
    assert flag["code"] == "below_last_actual" and flag["evidence"]["last_year"] == 2569
    assert flag["label_th"] == "ค่าเป้าหมายต่ำกว่าผลปีก่อน" and flag["message_en"].startswith("The standard target 65")
    assert client_as("opdc_desk").get("/api/v1/proposals/999999/target-quality").status_code == 404
