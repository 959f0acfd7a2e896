"""Alignment and ambition: plan coverage, targets below plan or baseline, proposed KPIs that duplicate others."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from govkpi.basket.models import BasketKpi
from govkpi.dashboards.alignment import DUPLICATE_THRESHOLD, alignment, jaccard, linear_trend, words
from govkpi.frameworks.models import Framework
from govkpi.kpis.models import Kpi
from govkpi.organisations.access import Viewer
from govkpi.plans.models import PlanNode

pytestmark = pytest.mark.django_db

OPDC = Viewer(user_id=1, is_superuser=True)


@pytest.fixture
def framework() -> Framework:
    return Framework.objects.get(fiscal_year__year=2565, group="agencies")


def test_plan_nodes_without_kpis_are_listed_apart_from_those_with_kpis(framework: Framework) -> None:
    lonely = PlanNode.objects.create(code="ZZ-TEST", kind=PlanNode.Kind.POLICY, title_th="นโยบายที่ยังไม่มีใครรับ")
    linked = PlanNode.objects.get(code="MP20")

    result = alignment(viewer=OPDC, year=2565, group="agencies")

    uncovered = {c.code for c in result.uncovered}
    covered = {c.code: c.kpi_count for c in result.covered}
    assert lonely.code in uncovered and lonely.code not in covered
    assert covered[linked.code] == Kpi.objects.filter(framework=framework, plan_links=linked, is_removed=False).count()


def test_a_standard_target_below_the_national_plan_target_is_flagged_with_its_reason(framework: Framework) -> None:
    kpi = Kpi.objects.get(framework=framework, code="MOF-65-04")  # targets 88 / 90 / 92, higher is better
    kpi.national_target_value = Decimal(95)
    kpi.below_plan_reason_th = "ข้อจำกัดด้านงบประมาณ"
    kpi.save()
    lower = Kpi.objects.get(framework=framework, code="MOF-65-02")  # 70 / 65 / 62, lower is better
    lower.national_target_value = Decimal(63)
    lower.save()
    met = Kpi.objects.get(framework=framework, code="MOF-65-03")  # 95 / 100 / 102
    met.national_target_value = Decimal(100)
    met.save()

    flagged = {b.kpi.code: b for b in alignment(viewer=OPDC, year=2565, group="agencies").below_plan}

    assert flagged["MOF-65-04"].standard_target == Decimal(90) and flagged["MOF-65-04"].top_also_below
    assert flagged["MOF-65-04"].reason_th == "ข้อจำกัดด้านงบประมาณ"
    assert flagged["MOF-65-02"].standard_target == Decimal(65)  # 65 is less ambitious than 63 when lower is better
    assert not flagged["MOF-65-02"].top_also_below  # but the advanced level, 62, reaches the plan
    assert "MOF-65-03" not in flagged


def test_below_plan_agrees_with_the_kpis_own_flag_used_by_the_committee_summary(framework: Framework) -> None:
    flagged = {b.kpi.code for b in alignment(viewer=OPDC, year=2565, group="agencies").below_plan}

    expected = {k.code for k in Kpi.objects.filter(framework=framework, is_removed=False) if k.is_below_plan}
    assert flagged == expected and len(expected) == 8  # the demo's eight, as in the seeds


def test_a_lowest_target_below_the_baseline_trend_is_flagged(framework: Framework) -> None:
    kpi = Kpi.objects.get(framework=framework, code="MOF-65-04")  # lowest target 88
    kpi.baseline = [{"year": 2562, "value": "80"}, {"year": 2563, "value": "83"}, {"year": 2564, "value": "86"}]
    kpi.save()

    flagged = {b.kpi.code: b for b in alignment(viewer=OPDC, year=2565, group="agencies").below_baseline}

    assert flagged["MOF-65-04"].trend == Decimal(89)  # 80, 83, 86 → 89 in 2565
    assert flagged["MOF-65-04"].why == "trend"  # 88 is above the last value 86 but below the trend
    assert linear_trend([(2562, Decimal(5))], 2565) is None


def test_a_proposed_kpi_resembling_a_basket_entry_is_reported_as_a_duplicate(framework: Framework) -> None:
    entry = BasketKpi.objects.create(
        code="B-TEST-DUP", group="agencies", name_th="ร้อยละของผู้ประกอบการวิสาหกิจชุมชนที่มีรายได้เพิ่มขึ้น"
    )
    kpi = Kpi.objects.filter(framework=framework, origin="proposed").first()
    assert kpi is not None
    kpi.name_th = "ร้อยละผู้ประกอบการวิสาหกิจชุมชนมีรายได้เพิ่มขึ้น"
    kpi.save()

    duplicates = {d.kpi.code: d for d in alignment(viewer=OPDC, year=2565, group="agencies").duplicates}

    assert duplicates[kpi.code].match_code == entry.code
    assert duplicates[kpi.code].similarity >= DUPLICATE_THRESHOLD
    unrelated = jaccard(words(kpi.name_th), words("จำนวนหัวจ่ายอัดประจุไฟฟ้าสาธารณะสำหรับยานยนต์ไฟฟ้า"))
    assert unrelated < DUPLICATE_THRESHOLD


def test_the_excel_export_opens_with_a_sheet_per_finding(client_as: Callable[[str], Client]) -> None:
    response = client_as("opdc_desk").get("/dashboards/alignment/?year=2565&group=agencies&format=xlsx")

    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "แผนที่มีตัวชี้วัด",
        "แผนที่ยังไม่มีตัวชี้วัด",
        "ต่ำกว่าเป้าหมายแผน",
        "ต่ำกว่าฐานข้อมูลเดิม",
        "ตัวชี้วัดที่อาจซ้ำ",
    ]
    covered = book["แผนที่มีตัวชี้วัด"]
    assert covered["A1"].value == "รหัส" and covered.freeze_panes == "A2"
    assert covered.max_row > 1


def test_only_opdc_and_committees_see_the_alignment_analysis(client_as: Callable[[str], Client]) -> None:
    assert client_as("committee_secretary").get("/dashboards/alignment/").status_code == 200
    assert client_as("cdd_coordinator").get("/dashboards/alignment/").status_code == 403
    assert client_as("cdd_coordinator").get("/api/v1/dashboards/alignment").status_code == 403
    body = client_as("opdc_admin").get("/api/v1/dashboards/alignment?year=2565&group=agencies").json()
    assert body["covered"] and body["duplicate_threshold"] == "0.5"


def test_the_alignment_command_writes_the_workbook(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    target = tmp_path / "alignment.xlsx"
    call_command("alignment", "--year", "2565", "--group", "agencies", "--format", "xlsx", "--output", str(target))

    assert "ตัวชี้วัดที่อาจซ้ำ" in load_workbook(target).sheetnames
