"""A real browser: the MOI reviewer comments on one KPI row of Khon Kaen's proposal (at MOI's
step in the demo); the comment shows on that row and in the banner at the top until resolved."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_reviewers_comment_shows_on_the_row_and_as_a_banner_until_resolved(page_as, app_server) -> None:  # type: ignore[no-untyped-def]
    moi = page_as("moi_reviewer")
    moi.goto(f"{app_server}/proposals/?year=2566&organisation=P40")
    moi.click("[data-testid=proposal-row] a")
    moi.wait_for_selector("[data-testid=comment-form]")
    expect(moi.locator("[data-testid=comment-banner]")).to_have_count(0)
    moi.click("[data-testid=comment-form] summary")
    moi.select_option("[data-testid=comment-form-kpi]", index=1)
    moi.fill("[data-testid=comment-form-text]", "ค่าเป้าหมายขั้นสูงต่ำกว่าผลปีก่อน")
    moi.click("[data-testid=comment-form-save]")
    banner = moi.locator("[data-testid=comment-banner]")
    assert "ค่าเป้าหมายขั้นสูงต่ำกว่าผลปีก่อน" in banner.text_content()
    row = moi.locator("[data-testid=kpi-row]").filter(has=moi.locator("[data-testid=review-comment]"))
    assert row.count() == 1 and "ค่าเป้าหมายขั้นสูงต่ำกว่าผลปีก่อน" in row.text_content()
    row.locator("[data-testid=resolve]").click()
    expect(moi.locator("[data-testid=review-comment]")).to_contain_text("ปิดแล้ว")
    expect(moi.locator("[data-testid=comment-banner]")).to_have_count(0)
