"""A year whose framework has a five-level ladder works end to end: the Basket recommends five
targets (API, Excel, form), picking asks for five, the proposal's Excel carries five target columns
and reads them back, and the results score exactly (hand-computed, including the 30 points below
the lowest target). Three-level years keep working beside it."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from fivelevel import FIVE, LADDER, THREE, basket_entries, cdd_proposal, five_level_framework
from openpyxl import load_workbook

from govkpi.basket.excel import basket_export_xlsx, basket_import
from govkpi.basket.models import BasketKpi
from govkpi.core.errors import Invalid
from govkpi.frameworks.models import Framework
from govkpi.frameworks.selectors import ladder_of, ladders_in_use
from govkpi.kpis import services, versions
from govkpi.kpis.choices import ProposalState
from govkpi.kpis.excel import ID_LOCK, KPI_SHEET, RULES_SHEET, proposal_export_xlsx
from govkpi.kpis.importing import proposal_import
from govkpi.kpis.models import Kpi, Proposal
from govkpi.organisations.access import viewer_for
from govkpi.results import services as results
from govkpi.results.models import OrganisationScore

pytestmark = pytest.mark.django_db

UserOf = Callable[[str], User]
ClientAs = Callable[[str], Client]
NAMES = [name for name, _, _ in LADDER]


@pytest.fixture
def framework() -> Framework:
    return five_level_framework()


def post_json(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def entry(code: str, targets: object, **more: object) -> dict[str, Any]:
    return {"code": code, "name_th": f"ตัวชี้วัดทดสอบ {code}", "recommended_targets": targets, **more}


def xlsx(wb: Any) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- the ladder ----------------------------------------------------------------------------------


def test_the_ladder_of_a_five_level_year_lists_its_levels_with_names_and_points(framework: Framework) -> None:
    ladder = ladder_of(framework)
    assert [(level.name_th, level.name_en, level.points) for level in ladder] == [
        (th, en, Decimal(points)) for th, en, points in LADDER
    ]
    assert [level.index for level in ladder] == [0, 1, 2, 3, 4]
    assert set(ladders_in_use()) >= {3, 5}


# --- the Basket ----------------------------------------------------------------------------------


def test_opdc_recommends_five_targets_through_the_api(client_as: ClientAs) -> None:
    client = client_as("opdc_admin")
    five = post_json(client, "/api/v1/basket/", entry("L75-A", [60, 70, 80, 90, 100]))
    assert five.status_code == 201, five.content
    assert five.json()["recommended_targets"] == [["60", "70", "80", "90", "100"]]
    both = post_json(client, "/api/v1/basket/", entry("L75-B", [[80, 85, 90], ["60", 70, 80, 90, 100.5]]))
    assert both.status_code == 201, both.content
    assert both.json()["recommended_targets"] == [["80", "85", "90"], ["60", "70", "80", "90", "100.5"]]
    assert BasketKpi.objects.get(code="L75-B").recommended_for(5) == ["60", "70", "80", "90", "100.5"]
    assert BasketKpi.objects.get(code="L75-B").recommended_for(4) is None


@pytest.mark.parametrize(
    ("targets", "says"),
    [
        ([60, 70, 65, 90, 100], "ต้องเพิ่มขึ้นตามขั้น"),
        ([60], "ต้องมี 2 ถึง 10 ค่า"),
        ([[60, 70, 80], [1, 2, 3]], "มีค่าเป้าหมายแบบ 3 ขั้นซ้ำกัน"),
        ([[60, 70, 80], [1, "x", 3, 4, 5]], "ชุดที่ 2 (5 ขั้น): ค่าเป้าหมายขั้นที่ 2 ต้องเป็นตัวเลข"),
    ],
)
def test_a_bad_recommendation_answers_422_naming_the_field(client_as: ClientAs, targets: object, says: str) -> None:
    response = post_json(client_as("opdc_admin"), "/api/v1/basket/", entry("L75-C", targets))
    assert response.status_code == 422, response.content
    problems = response.json()["problems"]
    assert any(p["field"] == "recommended_targets" and says in p["message"] for p in problems), problems
    assert not BasketKpi.objects.filter(code="L75-C").exists()


def test_the_basket_excel_has_a_column_per_level_of_each_ladder_and_reads_five_back(
    framework: Framework, user_of: UserOf
) -> None:
    wb = load_workbook(io.BytesIO(basket_export_xlsx()))
    ws = wb["KPI Basket"]
    headers = {c.value: c.column for c in ws[1]}
    assert [f"ค่าเป้าหมาย 5 ขั้น ขั้นที่ {i}" for i in range(1, 6)] == [
        h for h in headers if str(h).startswith("ค่าเป้าหมาย 5 ขั้น")
    ]
    assert "ค่าเป้าหมาย 3 ขั้น ขั้นที่ 3" in headers
    row = ws.max_row + 1
    cells = {"รหัส": "L75-X", "ชื่อตัวชี้วัด": "ตัวชี้วัดห้าขั้นจาก Excel", "ทิศทาง": "ยิ่งน้อยยิ่งดี"}
    cells |= {f"ค่าเป้าหมาย 5 ขั้น ขั้นที่ {i}": value for i, value in enumerate([50, 40, 30, 20, 10.5], start=1)}
    for header, value in cells.items():
        ws.cell(row, headers[header]).value = value
    summary = basket_import(by=user_of("opdc_admin"), data=xlsx(wb))
    assert summary.created == 1
    assert BasketKpi.objects.get(code="L75-X").recommendations == [["50", "40", "30", "20", "10.5"]]
    ws.cell(row, headers["ค่าเป้าหมาย 5 ขั้น ขั้นที่ 2"]).value = 60
    with pytest.raises(Invalid) as exc:
        basket_import(by=user_of("opdc_admin"), data=xlsx(wb))
    assert f"แถว {row} คอลัมน์ ค่าเป้าหมายที่แนะนำ: ต้องลดลงตามขั้น" in exc.value.problems[0]["message"]


def test_a_workbook_from_before_ladders_of_any_length_still_imports_and_keeps_other_ladders(
    user_of: UserOf,
) -> None:
    basket_entries()
    # An old file: only the three headers of the three-level ladder.
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "KPI Basket"
    ws.append(["รหัส", "ชื่อตัวชี้วัด", "ค่าเป้าหมายขั้นต้น", "ค่าเป้าหมายมาตรฐาน", "ค่าเป้าหมายขั้นสูง"])
    ws.append([FIVE, BasketKpi.objects.get(code=FIVE).name_th, 40, 45, 50])
    basket_import(by=user_of("opdc_admin"), data=xlsx(wb))
    assert BasketKpi.objects.get(code=FIVE).recommendations == [["40", "45", "50"], ["50", "60", "70", "80", "90"]]


def test_the_basket_form_has_a_row_of_inputs_per_ladder_length(framework: Framework, client_as: ClientAs) -> None:
    client = client_as("opdc_admin")
    page = client.get("/basket/new/").content.decode()
    assert 'data-testid="targets-3"' in page and 'data-testid="targets-5"' in page
    assert all(name in page for name in NAMES)
    data = {
        "code": "L75-F",
        "group": "agencies",
        "name_th": "ตัวชี้วัดห้าขั้นจากแบบฟอร์ม",
        "domain": "governance",
        "direction": "higher_is_better",
        "measure": "numeric",
        **{f"target_5_{i}": str(60 + 10 * i) for i in range(1, 6)},
    }
    response = client.post("/basket/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert BasketKpi.objects.get(code="L75-F").recommendations == [["70", "80", "90", "100", "110"]]
    detail = client.get("/basket/L75-F/").content.decode()
    assert "5 ขั้น: 70 / 80 / 90 / 100 / 110" in detail or "5 ขั้น: 70" in detail
    bad = client.post("/basket/new/", {**data, "code": "L75-G", "target_5_4": "85"})
    assert bad.status_code == 422 and "ต้องเพิ่มขึ้นตามขั้น" in bad.content.decode()


# --- picking into a proposal ---------------------------------------------------------------------


def test_picking_an_entry_into_a_five_level_year_copies_its_five_recommended_targets(user_of: UserOf) -> None:
    basket_entries()
    proposal = cdd_proposal()
    kpi = services.kpi_add_from_basket(
        proposal=proposal, basket=BasketKpi.objects.get(code=FIVE), by=user_of("cdd_coordinator")
    )
    assert kpi.targets == ["50", "60", "70", "80", "90"]


def test_the_pick_page_asks_for_the_five_targets_an_entry_does_not_recommend(client_as: ClientAs) -> None:
    basket_entries()
    proposal = cdd_proposal()
    client = client_as("cdd_coordinator")
    page = client.get(f"/proposals/{proposal.pk}/basket/", {"q": THREE}).content.decode()
    assert f'data-testid="pick-form-{THREE}"' in page
    assert all(name in page for name in NAMES)
    assert "KPI Basket ไม่ได้แนะนำค่าเป้าหมายแบบ 5 ขั้น" in page
    url = f"/proposals/{proposal.pk}/basket/{THREE}/add/"
    refused = client.post(url, {"lock_version": proposal.lock_version}, follow=True)
    assert "ต้องระบุค่าเป้าหมายทุกขั้น (ขั้นต้น, ขั้นพื้นฐาน, มาตรฐาน, ขั้นดี, ขั้นสูง)" in refused.content.decode()
    typed = {f"target_{i}": str(10 + i) for i in range(5)}
    response = client.post(url, {"lock_version": proposal.lock_version, **typed})
    assert response.status_code == 302 and "/edit/" in response["Location"]
    kpi = Kpi.objects.get(proposal=proposal, basket__code=THREE)
    assert kpi.targets == ["10", "11", "12", "13", "14"]
    form = client.get(response["Location"]).content.decode()
    assert all(f'name="target_{i}"' in form for i in range(5)) and all(name in form for name in NAMES)
    client.cookies["django_language"] = "en"
    english = client.get(response["Location"]).content.decode()
    assert all(en in english for _, en, _ in LADDER)


def test_four_targets_in_a_five_level_year_are_refused_naming_the_levels(user_of: UserOf) -> None:
    basket_entries()
    proposal = cdd_proposal()
    with pytest.raises(Invalid) as exc:
        services.kpi_add_from_basket(
            proposal=proposal,
            basket=BasketKpi.objects.get(code=THREE),
            by=user_of("cdd_coordinator"),
            values={"targets": ["1", "2", "3", "4"]},
        )
    assert exc.value.field == "targets"
    assert "รวม 5 ค่า (ขั้นต้น, ขั้นพื้นฐาน, มาตรฐาน, ขั้นดี, ขั้นสูง) แต่มี 4 ค่า" in exc.value.message_th


# --- the proposal's Excel template ---------------------------------------------------------------


def _two_kpis(user_of: UserOf) -> Proposal:
    """CDD's five-level proposal: the five-target entry in Performance (60) and an own KPI in Potential (40)."""
    basket_entries()
    proposal = cdd_proposal()
    coordinator = user_of("cdd_coordinator")
    if not proposal.kpis.exists():
        picked = services.kpi_add_from_basket(
            proposal=proposal, basket=BasketKpi.objects.get(code=FIVE), by=coordinator
        )
        services.kpi_update(kpi=picked, by=coordinator, values={"weight": "60", "component": "performance"})
        services.kpi_propose(
            proposal=proposal,
            by=coordinator,
            values={
                "name_th": "ร้อยละของบุคลากรที่ผ่านการพัฒนาทักษะดิจิทัล",
                "definition_th": "บุคลากรที่ผ่านหลักสูตรครบทุกวิชา",
                "formula_th": "(ผู้ผ่าน / บุคลากรทั้งหมด) × 100",
                "unit_th": "ร้อยละ",
                "component": "potential",
                "weight": "40",
                "targets": ["60", "65", "70", "75", "80"],
            },
        )
    return Proposal.objects.get(pk=proposal.pk)


def test_the_proposal_template_carries_five_target_columns_and_reads_them_back(user_of: UserOf) -> None:
    proposal = _two_kpis(user_of)
    wb = load_workbook(io.BytesIO(proposal_export_xlsx(proposal)))
    ws = wb[KPI_SHEET]
    headers = [c.value for c in ws[1]]
    assert [h for h in headers if h in NAMES] == NAMES
    labels = [row[0] for row in wb[RULES_SHEET].iter_rows(values_only=True)]
    assert ID_LOCK in labels and not any("lock_version" in str(label) for label in labels)
    own = next(
        r for r in range(2, ws.max_row + 1) if ws.cell(r, headers.index("รหัส KPI Basket") + 1).value in (None, "")
    )
    ws.cell(own, headers.index("ขั้นดี") + 1).value = 76
    summary = proposal_import(by=user_of("cdd_coordinator"), data=xlsx(wb), proposal=proposal)
    assert summary.updated == 1
    kpi = Kpi.objects.get(proposal=proposal, basket=None)
    assert kpi.targets == ["60", "65", "70", "76", "80"]
    again = proposal_import(
        by=user_of("cdd_coordinator"),
        data=proposal_export_xlsx(Proposal.objects.get(pk=proposal.pk)),
        proposal=proposal,
    )
    assert again.updated == 0


def test_a_template_missing_a_level_column_is_refused_naming_it(user_of: UserOf) -> None:
    proposal = _two_kpis(user_of)
    wb = load_workbook(io.BytesIO(proposal_export_xlsx(proposal)))
    ws = wb[KPI_SHEET]
    column = next(c.column for c in ws[1] if c.value == "ขั้นพื้นฐาน")
    ws.delete_cols(column)
    with pytest.raises(Invalid) as exc:
        proposal_import(by=user_of("cdd_coordinator"), data=xlsx(wb), proposal=proposal)
    assert "ขั้นพื้นฐาน" in exc.value.message_th


# --- reported and scored -------------------------------------------------------------------------


def test_a_five_level_year_is_reported_and_scored_exactly(user_of: UserOf) -> None:
    proposal = _two_kpis(user_of)
    # Approval itself is the workflow's business (tested there); here the approved proposal is frozen.
    Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.APPROVED)
    versions.freeze_proposal(Proposal.objects.get(pk=proposal.pk), user_of("opdc_admin"))
    round_ = proposal.framework.rounds.get(months=12)
    coordinator, executive, desk = user_of("cdd_coordinator"), user_of("cdd_executive"), user_of("opdc_desk")
    # Performance: 75 lies halfway between มาตรฐาน (70 → 80 points) and ขั้นดี (80 → 90 points): 85 points.
    # Potential: 55 is below ขั้นต้น (60): the framework's 30 points.
    reported = {FIVE: "75", None: "55"}
    for basket_code, value in reported.items():
        kpi = (
            Kpi.objects.get(proposal=proposal, basket__code=basket_code)
            if basket_code
            else Kpi.objects.get(proposal=proposal, basket=None)
        )
        result = results.result_save(
            viewer=viewer_for(coordinator),
            user=coordinator,
            kpi=kpi,
            round_=round_,
            value=value,
            narrative_th="ผลการดำเนินงานทั้งปี",
            lock_version=None,
        )
        result = results.result_submit(viewer=viewer_for(coordinator), user=coordinator, result=result)
        result = results.result_endorse(viewer=viewer_for(executive), user=executive, result=result)
        results.result_verify(viewer=viewer_for(desk), user=desk, result=result, action="accept")
    five = Kpi.objects.get(proposal=proposal, basket__code=FIVE).results.get(round=round_)
    own = Kpi.objects.get(proposal=proposal, basket=None).results.get(round=round_)
    assert (five.points, five.weighted) == (Decimal(85), Decimal(51))  # 85 × 60%
    assert (own.points, own.weighted) == (Decimal(30), Decimal(12))  # 30 × 40%
    score = OrganisationScore.objects.get(organisation__code="CDD", round=round_)
    assert score.total == Decimal(63) and score.band == "พอใช้"  # 51 + 12, in the 60–75 band
