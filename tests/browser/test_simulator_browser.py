"""In a real browser, the what-if simulator rescoring as a coordinator types results.

The browser's server has the demo world without results, so every KPI starts blank: the
simulator must work from missing results too."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

SIMULATOR = "/scorecards/MOF/2565/12/simulate/"
TOP = {"MOF-65-01": "5", "MOF-65-02": "62", "MOF-65-03": "102", "MOF-65-04": "92", "MOF-65-05": "5", "MOF-65-06": "400"}


def _wait_for_total(page: Any, text: str) -> None:
    page.wait_for_function(
        "t => document.querySelector('[data-testid=total]').textContent.trim() === t", arg=text, timeout=10000
    )


def test_typing_a_result_changes_the_total_and_the_band_at_once(page_as: Any, app_server: str) -> None:
    page = page_as("mof_coordinator")
    page.goto(f"{app_server}{SIMULATOR}")
    assert page.text_content("[data-testid=total]").strip() == "0.00"
    assert "ระดับต้องปรับปรุง" in page.text_content("[data-testid=band]")

    page.fill("[data-testid='result-MOF-65-01']", "5")
    _wait_for_total(page, "20.00")
    assert page.text_content("[data-testid='points-MOF-65-01']").strip() == "100.0000"

    for code, value in TOP.items():
        page.fill(f"[data-testid='result-{code}']", value)
    _wait_for_total(page, "100.00")
    assert "ระดับคุณภาพ" in page.text_content("[data-testid=band]")

    page.fill("[data-testid='result-MOF-65-04']", "")  # a 15% KPI back to blank
    _wait_for_total(page, "85.00")
    assert "ระดับมาตรฐาน" in page.text_content("[data-testid=band]")
    need = page.text_content("[data-testid='need-MOF-65-04']")
    assert "อย่างน้อย" in need and "ระดับคุณภาพ" in need


def test_the_scorecard_page_opens_the_explanation_in_one_click(page_as: Any, app_server: str) -> None:
    page = page_as("mof_coordinator")
    page.goto(f"{app_server}/scorecards/")
    page.click("a[href='/scorecards/MOF/2565/12/']")
    page.click("details.explain summary >> nth=0")
    assert "ยังไม่มีผลการดำเนินงาน" in page.text_content("details[open] [data-testid=explanation]")
