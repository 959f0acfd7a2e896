"""A day in the life of each role, in a real browser, from the home page: every page reached is
screenshotted at desktop and phone width, checked by axe-core (0 serious or critical) and, at
390 px, must not scroll sideways. Two tasks are counted in clicks and may not grow: one KPI
reported, submitted, endorsed and verified; and a round of five."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from daywalk import (
    Walk,
    act,
    endorse_results,
    go_home,
    open_proposal,
    open_sheet,
    queue_item,
    reach,
    record_clicks,
    report_result,
    submit_results,
    verify_results,
)

pytestmark = pytest.mark.browser

FIVE = ["MOF-65-03", "MOF-65-04", "MOF-65-05", "MOF-65-06", "MOF-65-07"]


@pytest.fixture
def prepare(run_in_app: Callable[[str], str]) -> Callable[[str], None]:
    """Run `dayworld` steps in the app server's database (OPDC's extensions, earlier steps)."""

    def run(calls: str) -> None:
        run_in_app(f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r})\nimport dayworld\n{calls}")

    return run


@pytest.fixture
def walk_as(page_as: Callable[[str | None], Any], app_server: str) -> Callable[[str | None, str], Walk]:
    def make(persona: str | None, role: str) -> Walk:
        page = page_as(persona)
        page.set_viewport_size({"width": 1280, "height": 800})
        if persona is None:
            page.goto(app_server + "/")
        return Walk(page, role, app_server)

    return make


def evidence_pdf(folder: Path) -> Path:
    """The small PDF the results walk (tests/browser/test_results_browser.py) uploads as evidence."""
    spec = importlib.util.spec_from_file_location("results_walk", Path(__file__).parents[1] / "test_results_browser.py")
    assert spec is not None and spec.loader is not None
    results_walk = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(results_walk)
    path = folder / "หลักฐานรายได้ท่องเที่ยว.pdf"
    path.write_bytes(results_walk.minimal_pdf())
    return path


def state_of(walk: Walk) -> str:
    return (walk.page.text_content("[data-testid=state]") or "").strip()


def test_the_coordinators_day_reports_a_result_with_evidence_and_submits_the_proposal(
    walk_as: Callable[..., Walk], prepare: Callable[[str], None], tmp_path: Path
) -> None:
    prepare("dayworld.open_round('P24', 2565, 'provinces', 12)\ndayworld.open_proposal('P24', 2566)")
    walk = walk_as("ccs_coordinator", "coordinator")
    walk.look("home")
    open_sheet(walk, "P24", 2565, 12, kind="results_to_report")
    walk.look("result-sheet")
    report_result(walk, "P24-65-02", "35", "รายได้จากการท่องเที่ยวเพิ่มขึ้นร้อยละ 35")
    row = walk.page.locator("[data-testid=kpi-P24-65-02]")
    walk.upload(row.locator("[data-testid=file-input]"), evidence_pdf(tmp_path))
    walk.click(row.locator("[data-testid=upload]"))
    walk.page.wait_for_selector("text=แนบไฟล์ หลักฐานรายได้ท่องเที่ยว.pdf แล้ว")
    walk.look("result-reported")
    submit_results(walk, ["P24-65-02"])
    walk.look("result-submitted")

    go_home(walk)
    open_proposal(walk, "P24", 2566, name="ฉะเชิงเทรา", kind="proposal_draft")
    walk.look("proposal")
    act(walk, "[data-testid=action-submit]")
    assert state_of(walk) == "ส่งแล้ว รอผู้บริหารรับรอง"
    walk.look("proposal-submitted")
    walk.assert_clean()


def test_the_executives_day_endorses_the_results_and_the_proposal(
    walk_as: Callable[..., Walk], prepare: Callable[[str], None]
) -> None:
    prepare(
        "dayworld.results_at('CDD', 2564, 'agencies', 6, ['CDD-64-02'], 'submitted')\n"
        "dayworld.proposal_at('CDD', 2566, ('submit', 'cdd.coord'))"
    )
    walk = walk_as("cdd_executive", "executive")
    walk.look("home")
    open_sheet(walk, "CDD", 2564, 6, kind="results_to_endorse")
    walk.look("result-sheet")
    endorse_results(walk, ["CDD-64-02"])
    walk.look("results-endorsed")

    go_home(walk)
    open_proposal(walk, "CDD", 2566, name="กรมการพัฒนาชุมชน", kind="proposal_to_endorse")
    walk.look("proposal")
    act(walk, "[data-testid=action-endorse]")
    assert state_of(walk) == "สำนักงาน ก.พ.ร. พิจารณา"
    walk.look("proposal-endorsed")
    walk.assert_clean()


def test_the_opdc_desks_day_verifies_results_and_reviews_a_proposal(
    walk_as: Callable[..., Walk], prepare: Callable[[str], None]
) -> None:
    # MOF's round of six months: the round-of-five walk uses other KPIs of it, and this one leaves
    # nothing endorsed behind that the desk's narrowed queue would list there.
    prepare(
        "dayworld.results_at('MOF', 2565, 'agencies', 6, ['MOF-65-02'], 'endorsed')\n"
        "dayworld.proposal_at('MOF', 2566, ('submit', 'mof.coord'), ('endorse', 'mof.exec'))"
    )
    walk = walk_as("opdc_desk", "opdc-desk")
    walk.look("home")
    verify_results(walk, "MOF", 2565, 6, ["MOF-65-02"])
    walk.look("results-verified")

    go_home(walk)
    open_proposal(walk, "MOF", 2566, name="กระทรวงการคลัง", kind="proposal_at_stage")
    walk.look("proposal")
    walk.fill("[data-testid=comment]", "ผ่านการพิจารณาของสำนักงาน ก.พ.ร.")
    act(walk, "[data-testid=action-approve]")
    assert state_of(walk) == "คณะทำงานพิจารณา"
    walk.look("proposal-approved")
    walk.assert_clean()


def test_the_moi_reviewers_day_approves_a_province_proposal(walk_as: Callable[..., Walk]) -> None:
    walk = walk_as("moi_reviewer", "moi-reviewer")
    walk.look("home")
    open_proposal(
        walk, "P40", 2566, name="ขอนแก่น", kind="proposal_at_stage"
    )  # Khon Kaen's, waiting for MOI in the demo
    walk.look("proposal")
    walk.fill("[data-testid=comment]", "กระทรวงมหาดไทยเห็นชอบ")
    act(walk, "[data-testid=action-approve]")
    assert state_of(walk) == "สำนักงาน ก.พ.ร. พิจารณา"
    walk.look("proposal-approved")
    walk.assert_clean()


def test_the_committee_secretarys_day_records_a_resolution(walk_as: Callable[..., Walk]) -> None:
    walk = walk_as("committee_secretary", "committee-secretary")
    walk.look("home")
    item = queue_item(walk, "meeting")
    if item is not None:
        walk.click(item)
    else:
        walk.click("nav.main a[href='/meetings/']")
        walk.look("meetings")
        walk.click("text=ครั้งที่ 4/2566")
    walk.look("meeting")
    agenda = walk.page.locator("[data-testid=agenda-item]").first
    walk.choose(agenda.locator("select[name=decision]"), "approve")
    walk.fill(agenda.locator("textarea[name=text_th]"), "เห็นชอบการปรับค่าเป้าหมายตามที่กระทรวงการคลังเสนอ")
    act(walk, agenda.locator("[data-testid=record-resolution]"))
    walk.page.wait_for_selector("text=บันทึกมติเห็นชอบในวาระที่ 1 แล้ว")
    assert "มติ: เห็นชอบ" in (walk.page.text_content("[data-testid=agenda-item]") or "")
    walk.look("resolution-recorded")
    walk.assert_clean()


def test_the_publics_day_reads_published_results_a_scorecard_and_open_data(walk_as: Callable[..., Walk]) -> None:
    walk = walk_as(None, "public")
    walk.look("home")
    walk.click("nav.main a[href='/public/']")
    walk.look("public-index")
    walk.click("main a[href='/public/2565/']")
    walk.look("public-year")
    walk.click("main a[href='/public/2565/agencies/']")
    walk.look("public-scores")
    walk.click("main a[href^='/public/2565/agencies/MOF/']")
    assert "กระทรวงการคลัง" in (walk.page.text_content("main") or "")
    walk.look("public-scorecard")
    walk.click("a[href='/public/data/']")
    walk.look("open-data")
    walk.assert_clean()


def test_the_public_finds_the_map_from_the_public_site(walk_as: Callable[..., Walk]) -> None:
    walk = walk_as(None, "public-map")
    walk.page.goto(walk.base + "/public/")
    reach(walk, "/public/2565/")
    map_link = walk.page.locator("a[href*='/map/']")
    assert map_link.count(), "no link to the map"
    walk.click(map_link.first)
    assert walk.page.locator("main").count() and "404" not in walk.page.title()
    walk.look("map")
    walk.assert_clean()


def test_reporting_submitting_and_verifying_one_kpi_takes_no_more_clicks_than_the_baseline(
    walk_as: Callable[..., Walk], prepare: Callable[[str], None]
) -> None:
    prepare("dayworld.open_round('P24', 2565, 'provinces', 6)")
    coordinator = walk_as("ccs_coordinator", "clicks-one-coordinator")
    open_sheet(coordinator, "P24", 2565, 6, kind="results_to_report")
    report_result(coordinator, "P24-65-02", "30", "รายได้จากการท่องเที่ยวเพิ่มขึ้นร้อยละ 30")
    submit_results(coordinator, ["P24-65-02"])

    executive = walk_as("ccs_executive", "clicks-one-executive")
    open_sheet(executive, "P24", 2565, 6, kind="results_to_endorse")
    endorse_results(executive, ["P24-65-02"])

    desk = walk_as("opdc_desk", "clicks-one-desk")
    verify_results(desk, "P24", 2565, 6, ["P24-65-02"])
    record_clicks("one_kpi", [coordinator, executive, desk])


def test_a_round_of_five_kpis_takes_no_more_clicks_than_the_baseline(
    walk_as: Callable[..., Walk], prepare: Callable[[str], None]
) -> None:
    prepare("dayworld.open_round('MOF', 2565, 'agencies', 6)")
    coordinator = walk_as("mof_coordinator", "clicks-five-coordinator")
    open_sheet(coordinator, "MOF", 2565, 6, kind="results_to_report")
    for n, code in enumerate(FIVE, start=1):
        report_result(coordinator, code, str(n), f"ผลการดำเนินงานของ {code}")
    submit_results(coordinator, FIVE)

    executive = walk_as("mof.exec", "clicks-five-executive")
    open_sheet(executive, "MOF", 2565, 6, kind="results_to_endorse")
    endorse_results(executive, FIVE)

    desk = walk_as("opdc_desk", "clicks-five-desk")
    verify_results(desk, "MOF", 2565, 6, FIVE)
    record_clicks("round_of_five", [coordinator, executive, desk])
