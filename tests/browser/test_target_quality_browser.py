"""A real browser: MOF's executive, the reviewer at the submitted step of MOF's live-year proposal
(which no other browser test reads), sees each KPI row's history and flags loaded by htmx, cites
the flag on public debt, saves the comment, and finds it on the row with the flag's chip. The
comment is resolved at the end so the proposal shows no open comment afterwards."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from govkpi.core.thaidates import fiscal_year_of

pytestmark = pytest.mark.browser


def test_a_reviewer_cites_a_target_quality_flag_in_a_comment_on_that_row(page_as, app_server) -> None:  # type: ignore[no-untyped-def]
    page = page_as("mof.exec")
    page.goto(f"{app_server}/proposals/?year={fiscal_year_of(dt.date.today())}&organisation=MOF")
    page.click("[data-testid=proposal-row] a")
    debt = page.locator("[data-testid=kpi-row][data-code$='-01']")
    flag = debt.locator("[data-testid=flag][data-flag=below_last_actual]")
    expect(flag).to_contain_text("ยิ่งน้อยยิ่งดี")  # public debt: lower is better, target above last year's
    expect(debt.locator("[data-testid=quality] table")).to_contain_text("64.4")
    expect(page.locator("[data-testid=flag-count]")).to_contain_text("ข้อสังเกต")

    flag.locator("[data-testid=cite-below_last_actual]").click()
    form = page.locator("[data-testid=comment-form]")
    expect(form.locator("[data-testid=comment-form-flag]")).to_contain_text("ค่าเป้าหมายต่ำกว่าผลปีก่อน")
    expect(form.locator("[data-testid=comment-form-text]")).to_have_value(
        "ค่าเป้าหมายมาตรฐาน 65 สูงกว่าผลปี 2569 (64.4) ซึ่งยิ่งน้อยยิ่งดี (ผลยังไม่ผ่านการตรวจสอบ)"
    )
    form.locator("[data-testid=comment-form-text]").fill("ขอให้ทบทวนค่าเป้าหมายมาตรฐานตามผลปี 2569")
    form.locator("[data-testid=comment-form-save]").click()

    comment = page.locator("[data-testid=kpi-row][data-code$='-01'] [data-testid=review-comment]")
    expect(comment).to_contain_text("ขอให้ทบทวนค่าเป้าหมายมาตรฐานตามผลปี 2569")
    expect(comment.locator("[data-testid=comment-flag]")).to_have_attribute("data-flag", "below_last_actual")
    comment.locator("[data-testid=resolve]").click()
    expect(page.locator("[data-testid=comment-banner]")).to_have_count(0)
