"""An organisation's user administrator adds a colleague, who sets a password from the link and logs
in; then the administrator deactivates the account through the confirm dialog, in a real browser."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "var" / "artifacts" / "people"


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    if os.environ.get("PEOPLE_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_an_organisation_admin_creates_a_colleague_who_sets_a_password_and_is_then_deactivated(  # type: ignore[no-untyped-def]
    page_as, app_server
) -> None:
    admin = page_as("cdd.admin")
    admin.click("[data-testid=nav-people]")
    expect(admin.locator("[data-testid=people]")).to_contain_text("cdd.coord")
    _shot(admin, "list-th")
    admin.click("[data-testid=person-new]")
    expect(admin.locator("#id_role option[value=opdc_admin]")).to_have_count(0)
    admin.fill("#id_username", "cdd.browser1")
    admin.fill("#id_full_name_th", "นางสาวทดลอง เบราว์เซอร์")
    admin.fill("#id_position_th", "นักวิเคราะห์นโยบายและแผน")
    admin.fill("#id_email", "cdd.browser1@example.go.th")
    admin.select_option("#id_role", "coordinator")
    _shot(admin, "create-th")
    admin.click("[data-testid=person-save]")
    admin.wait_for_url(f"{app_server}/people/cdd.browser1/")
    link = admin.locator("[data-testid=set-password-link] code")
    expect(link).to_contain_text("/account/set-password/")
    url = link.text_content() or ""
    _shot(admin, "detail-th")

    newcomer = page_as(None)
    newcomer.goto(url)
    newcomer.fill("#id_new_password1", "Kpi-2569-strong!")
    newcomer.fill("#id_new_password2", "Kpi-2569-strong!")
    newcomer.click("[data-testid=set-password-save]")
    newcomer.wait_for_url(re.compile(r".*/account/set-password/done/$"))
    newcomer.goto(f"{app_server}/login/")
    newcomer.fill("#id_username", "cdd.browser1")
    newcomer.fill("#id_password", "Kpi-2569-strong!")
    newcomer.click("button[type=submit]")
    newcomer.wait_for_url(f"{app_server}/")
    expect(newcomer.locator("[data-testid=whoami]")).to_contain_text("นางสาวทดลอง เบราว์เซอร์")

    admin.reload()
    admin.fill("[data-testid=deactivate-reason]", "ทดสอบการระงับ")
    admin.click("[data-testid=person-deactivate]")
    expect(admin.locator("#confirm-deactivate")).to_be_visible()
    _shot(admin, "confirm-th")
    admin.click("[data-testid=person-deactivate-confirm]")
    expect(admin.locator("[data-testid=person-state]")).to_contain_text("ระงับแล้ว")
    expect(admin.locator("[data-testid=account-events]")).to_contain_text("ทดสอบการระงับ")

    newcomer.goto(f"{app_server}/inbox/")
    expect(newcomer).to_have_url(re.compile(r".*/login/.*"))
