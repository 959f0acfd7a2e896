"""A real browser logs in as two roles and sees the right things."""

import pytest

pytestmark = pytest.mark.browser


def test_a_coordinator_sees_their_own_draft_and_the_basket_search_works(page_as, app_server) -> None:
    page = page_as("cdd_coordinator")
    assert "กรมการพัฒนาชุมชน" in page.text_content("header")
    page.goto(f"{app_server}/kpis/?organisation=CDD&year=2566")
    assert "ร่าง" in page.text_content("main")
    page.goto(f"{app_server}/kpis/?organisation=MOF&year=2566")
    assert page.text_content("[data-testid=kpi-count]").strip().startswith("0")
    page.goto(f"{app_server}/basket/")
    page.fill("[data-testid=basket-q]", "ท่องเที่ยว")
    page.wait_for_selector("[data-testid=basket-count]:has-text('พบ')")
    page.wait_for_timeout(800)
    assert "ท่องเที่ยว" in page.text_content("#basket-results")


def test_the_moi_reviewer_sees_provincial_kpis_but_not_agency_drafts(page_as, app_server) -> None:
    page = page_as("moi_reviewer")
    page.goto(f"{app_server}/kpis/?year=2566&group=provinces")
    assert not page.text_content("[data-testid=kpi-count]").strip().startswith("0")
    page.goto(f"{app_server}/kpis/?organisation=CDD&year=2566")
    assert page.text_content("[data-testid=kpi-count]").strip().startswith("0")


def test_the_public_sees_the_login_link_and_no_drafts(page_as, app_server) -> None:
    page = page_as(None)
    page.goto(f"{app_server}/")
    assert "เข้าสู่ระบบ" in page.text_content("header")
    response = page.goto(f"{app_server}/api/v1/kpis/?year=2566")
    assert response is not None and '"count":0' in page.content().replace(" ", "")
