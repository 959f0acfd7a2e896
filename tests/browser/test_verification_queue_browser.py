"""A round of five results in a real browser: the coordinator submits the round and the executive
endorses it, each in two clicks with a confirmation; OPDC ticks two rows of its verification queue
and verifies them, then selects all and verifies the rest. Clicks are counted (one by one on the
sheet this took 5 clicks per role)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

pytestmark = pytest.mark.browser

SHEET = "/results/MOF/2565/6/"
QUEUE = "/results/verify/?organisation=MOF&year=2565&round=6"

#: MOF's FY2565 6-month round reopened for MOF alone (an extension), five numeric KPIs reported as drafts.
PREPARE = """
import datetime as dt
from django.contrib.auth import get_user_model
from govkpi.frameworks.models import Round
from govkpi.kpis.selectors import reportable_in_round
from govkpi.organisations.access import viewer_for
from govkpi.organisations.models import Organisation
from govkpi.results import services

users = get_user_model().objects
round_ = Round.objects.get(framework__fiscal_year__year=2565, framework__group="agencies", months=6)
mof = Organisation.objects.get(code="MOF")
admin, coord = users.get(username="opdc.admin"), users.get(username="mof.coord")
if services.deadline_for(round_, mof) < dt.date.today():
    services.round_extend(viewer=viewer_for(admin), user=admin, round_=round_, organisation=mof,
                          new_deadline=dt.date.today() + dt.timedelta(days=30), reason="รายงานผลรอบทดสอบ")
ids = []
for kpi, version in reportable_in_round(round_.framework, round_, organisations=[mof.pk]):
    if version.measure != "milestone" and len(ids) < 5:
        result = services.result_save(viewer=viewer_for(coord), user=coord, kpi=kpi, round_=round_, value="101",
                                      narrative_th="ผลตามแผน", lock_version=None)
        ids.append(result.pk)
print(",".join(map(str, ids)))
"""

STATES = """
from govkpi.results.models import Result
print(",".join(Result.objects.get(pk=int(i)).state for i in "{ids}".split(",")))
"""


class Clicks:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, page: object, selector: str) -> None:
        self.count += 1
        page.locator(selector).first.click()  # type: ignore[attr-defined]


def test_a_round_is_submitted_endorsed_and_verified_in_a_few_clicks(
    page_as: Callable[[str], object], app_server: str, run_in_app: Callable[[str], str]
) -> None:
    ids = run_in_app(PREPARE).strip().splitlines()[-1]  # after the e-mails the console backend prints
    assert len(ids.split(",")) == 5
    click = Clicks()

    coord = page_as("mof_coordinator")
    coord.goto(app_server + SHEET)  # type: ignore[attr-defined]
    click(coord, "[data-testid=bulk-submit]")
    assert coord.locator("[data-testid=bulk-pending]").count() == 5  # type: ignore[attr-defined]
    click(coord, "[data-testid=bulk-confirm]")
    coord.wait_for_selector("text=ส่งให้ผู้บริหารรับรองแล้ว 5 ตัวชี้วัด")  # type: ignore[attr-defined]
    assert click.count == 2

    executive = page_as("mof.exec")
    executive.goto(app_server + SHEET)  # type: ignore[attr-defined]
    click(executive, "[data-testid=bulk-endorse]")
    click(executive, "[data-testid=bulk-confirm]")
    executive.wait_for_selector("text=รับรองผลแล้ว 5 ตัวชี้วัด")  # type: ignore[attr-defined]
    assert click.count == 4

    desk = page_as("opdc_desk")
    desk.goto(app_server + "/inbox/")  # type: ignore[attr-defined]
    desk.wait_for_selector("text=กระทรวงการคลัง: ผู้บริหารรับรองผลรอบ 6 เดือน")  # type: ignore[attr-defined]
    desk.goto(app_server + QUEUE)  # type: ignore[attr-defined]
    rows = desk.locator("[data-testid=verify-row]")  # type: ignore[attr-defined]
    assert rows.count() == 5
    click(desk, "[data-testid=verify-row] >> nth=0 >> input[name=result]")
    click(desk, "[data-testid=verify-row] >> nth=1 >> input[name=result]")
    assert desk.text_content("[data-testid=selected-count]") == "2"  # type: ignore[attr-defined]
    click(desk, "[data-testid=bulk-verify]")
    desk.wait_for_selector("[data-testid=bulk-summary][data-committed='1']")  # type: ignore[attr-defined]
    assert desk.locator("[data-testid=bulk-done]").count() == 2  # type: ignore[attr-defined]
    assert run_in_app(STATES.format(ids=ids)).strip().splitlines()[-1].split(",").count("verified") == 2
    assert desk.locator("[data-testid=verify-row]").count() == 3  # type: ignore[attr-defined]

    click(desk, "[data-testid=select-all]")
    assert desk.text_content("[data-testid=selected-count]") == "3"  # type: ignore[attr-defined]
    click(desk, "[data-testid=bulk-verify]")
    desk.wait_for_selector("[data-testid=queue-empty]")  # type: ignore[attr-defined]
    assert run_in_app(STATES.format(ids=ids)).strip().splitlines()[-1] == ",".join(["verified"] * 5)
    # Five results reported to verified: 2 + 2 + 5 clicks here, against 5 + 5 + 5 one by one.
    assert click.count == 9
