"""In a real browser, the what-if simulator rescoring as a coordinator types results.

The browser's server has the demo world: FY2565 results reported and published, FY2566 KPIs
still in draft with no result at all (the simulator must work from missing results too)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

BLANK = "/scorecards/MOF/2566/12/simulate/"
TOP = {"MOF-66-01": "62", "MOF-66-02": "102", "MOF-66-03": "92", "MOF-66-04": "5", "MOF-66-05": "400"}


def _total(page: Any) -> str:
    return str(page.text_content("[data-testid=total]")).strip()


def _wait_for_total(page: Any, text: str) -> None:
    page.wait_for_function(
        "t => document.querySelector('[data-testid=total]').textContent.trim() === t", arg=text, timeout=10000
    )


def test_typing_results_on_a_blank_scorecard_changes_the_total_and_the_band_at_once(
    page_as: Any, app_server: str
) -> None:
    page = page_as("mof_coordinator")
    page.goto(f"{app_server}{BLANK}")
    assert _total(page) == "0.00"
    assert "ระดับต้องปรับปรุง" in page.text_content("[data-testid=band]")

    page.fill("[data-testid='result-MOF-66-02']", "102")
    _wait_for_total(page, "20.00")
    assert page.text_content("[data-testid='points-MOF-66-02']").strip() == "100"  # points: up to 4 places, no padding

    for code, value in TOP.items():
        page.fill(f"[data-testid='result-{code}']", value)
    _wait_for_total(page, "100.00")
    assert "ระดับคุณภาพ" in page.text_content("[data-testid=band]")

    page.fill("[data-testid='result-MOF-66-04']", "")  # a 15% KPI back to blank
    _wait_for_total(page, "85.00")
    assert "ระดับมาตรฐาน" in page.text_content("[data-testid=band]")
    need = page.text_content("[data-testid='need-MOF-66-04']")
    assert "อย่างน้อย" in need and "3" in need and "ระดับคุณภาพ" in need


def test_the_simulator_starts_from_the_reported_results_and_saves_nothing(page_as: Any, app_server: str) -> None:
    page = page_as("mof_coordinator")
    page.goto(f"{app_server}/scorecards/MOF/2565/12/")
    reported = _total(page)
    page.click("text=จำลองผลคะแนน (What-if)")
    assert _total(page) == reported
    page.fill("[data-testid='result-MOF-65-01']", "0")  # far below the basic target: 0 points
    page.wait_for_function(
        "t => document.querySelector('[data-testid=total]').textContent.trim() !== t", arg=reported, timeout=10000
    )
    page.goto(f"{app_server}/scorecards/MOF/2565/12/")
    assert _total(page) == reported


def test_the_scorecard_page_opens_the_explanation_in_one_click(page_as: Any, app_server: str) -> None:
    page = page_as("mof_coordinator")
    page.goto(f"{app_server}/scorecards/?year=2565")
    page.click("a[href='/scorecards/MOF/2565/12/']")
    assert not page.is_visible("[data-testid=explanation] >> nth=0")
    page.click("details.explain summary >> nth=0")
    assert "ผลการดำเนินงาน" in page.text_content("details[open] [data-testid=explanation]")
