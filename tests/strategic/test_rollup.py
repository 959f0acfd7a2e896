"""A Strategic KPI's roll-up per round: counts on known data, what each viewer sees, the Excel."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from govkpi.core.signals import announce_score_inputs_changed
from govkpi.dashboards.strategic import strategic_rollup
from govkpi.kpis.models import Kpi, StrategicKpi
from govkpi.organisations.access import viewer_for
from govkpi.results.models import Result

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
UserOf = Callable[[str], object]


def sk(code: str) -> StrategicKpi:
    return StrategicKpi.objects.get(code=code, fiscal_year__year=2567)


@pytest.fixture
def digital_at_12_months() -> StrategicKpi:
    """SK-04 at 12 months, known: CDD's KPI reported at its lowest target (50 points: at risk),
    MOF's not reported at all."""
    cdd = Result.objects.get(kpi__code="CDD-67-02", round__months=12)
    cdd.value = Decimal(str(cdd.version.targets[0]))
    cdd.verified_value = None
    cdd.save()
    Result.objects.filter(kpi__code="MOF-67-02", round__months=12).delete()
    framework = cdd.kpi.framework
    announce_score_inputs_changed(framework_id=framework.pk, organisation_ids=None, round_id=cdd.round_id)
    return sk("SK-04")


def test_the_rollup_counts_reported_on_target_and_at_risk_by_the_one_status_rule(
    digital_at_12_months: StrategicKpi, user_of: UserOf
) -> None:
    rollup = strategic_rollup(viewer=viewer_for(user_of("opdc_admin")), strategic=digital_at_12_months, months=12)
    assert (rollup.attached, rollup.reported, rollup.on_target, rollup.at_risk, rollup.not_reported) == (2, 1, 0, 1, 1)
    assert [o.code for o in rollup.organisations("at_risk")] == ["CDD"]
    assert [o.code for o in rollup.organisations("not_reported")] == ["MOF"]


def test_the_page_shows_the_counts_and_the_organisations_of_each_status(
    digital_at_12_months: StrategicKpi, client_as: ClientAs
) -> None:
    page = client_as("committee_secretary").get(f"/strategic-kpis/{digital_at_12_months.pk}/?round=12")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="count-reported">1<' in html and 'data-testid="count-at_risk">1<' in html
    assert 'data-organisation="MOF" data-status="not_reported"' in html


def test_an_organisation_sees_only_its_own_rows_and_opdc_sees_all(client_as: ClientAs, user_of: UserOf) -> None:
    poverty = sk("SK-01")
    every = strategic_rollup(viewer=viewer_for(user_of("opdc_desk")), strategic=poverty, months=6)
    own = strategic_rollup(viewer=viewer_for(user_of("kkn_coordinator")), strategic=poverty, months=6)
    assert every.attached >= 20
    assert {r.organisation.code for r in own.rows} == {"P40"}
    html = client_as("cdd_coordinator").get(f"/strategic-kpis/{sk('SK-04').pk}/?round=6").content.decode()
    assert 'data-organisation="CDD"' in html and 'data-organisation="MOF"' not in html
    assert 'data-testid="own-only"' in html
    sheet = client_as("cdd_coordinator").get(f"/strategic-kpis/{sk('SK-04').pk}/rollup.xlsx?round=6")
    rows = list(load_workbook(io.BytesIO(sheet.content))["ตัวชี้วัด"].iter_rows(values_only=True))
    assert {r[1] for r in rows[2:]} == {"CDD"}


def test_the_provinces_map_colours_each_attached_province_by_its_status(client_as: ClientAs) -> None:
    html = client_as("opdc_admin").get(f"/strategic-kpis/{sk('SK-03').pk}/?round=12").content.decode()
    assert 'data-testid="province-map"' in html
    assert 'data-province="P50"' in html  # Chiang Mai carries the PM2.5 KPIs
    pages_without_provinces = client_as("opdc_admin").get(f"/strategic-kpis/{sk('SK-04').pk}/").content.decode()
    assert 'data-testid="province-map"' not in pages_without_provinces


def test_the_excel_export_is_a_real_workbook_with_the_counts_and_one_row_per_kpi(client_as: ClientAs) -> None:
    strategic = sk("SK-02")
    response = client_as("opdc_desk").get(f"/strategic-kpis/{strategic.pk}/rollup.xlsx?round=6")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["สรุป", "ตัวชี้วัด"]
    summary = {r[0]: r[1] for r in book["สรุป"].iter_rows(min_row=3, values_only=True)}
    attached = Kpi.objects.filter(strategic=strategic, proposal__state="approved").count()
    assert summary["ตัวชี้วัดที่ถ่ายทอด"] == attached
    assert book["ตัวชี้วัด"].max_row == attached + 2  # title and header rows
