"""Comments where the work is: a reviewer's comment on a KPI row shows on that row and as a banner
at the top of the proposal until the coordinator answers it (or a reviewer resolves it); the
coordinator never sees the reviewer-only comment field; locked fields look locked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from govkpi.core.errors import NotAllowed
from govkpi.core.models import WorkflowEvent
from govkpi.frameworks.models import DeadlineExtension
from govkpi.kpis import comments, workflow
from govkpi.kpis.models import Proposal
from govkpi.notifications.models import Notification

pytestmark = pytest.mark.django_db

UserOf = Callable[[str], User]
BANNER = 'data-testid="comment-banner"'
REVIEWER_FIELD = "ความเห็น (จำเป็นเมื่อส่งกลับแก้ไข)"


@pytest.fixture
def at_desk(user_of: UserOf) -> Proposal:
    """CDD's FY2566 proposal, submitted and endorsed: at OPDC's desk."""
    p = Proposal.objects.select_related("framework", "organisation").get(
        organisation__code="CDD", framework__fiscal_year__year=2566
    )
    DeadlineExtension.objects.create(
        framework=p.framework,
        organisation=p.organisation,
        new_deadline=timezone.localdate() + dt.timedelta(days=30),
        reason="ทดสอบ",
        granted_by=user_of("opdc_admin"),
    )
    p = workflow.transition(p, "submit", by=user_of("cdd_coordinator"))
    return workflow.transition(p, "endorse", by=user_of("cdd_executive"))


def _row(html: str, code: str) -> str:
    start = html.index(f'data-code="{code}"')
    return html[start : html.index("</tr>", start)]


def test_a_desk_comment_shows_on_its_kpi_row_and_as_a_banner_until_the_coordinator_answers(
    at_desk: Proposal, user_of: UserOf, client_as: Callable[[str], Client]
) -> None:
    kpi = at_desk.kpis.filter(is_removed=False).order_by("order", "pk").first()
    assert kpi is not None
    comment = comments.comment_add(
        proposal=at_desk, by=user_of("opdc_desk"), text="ค่าเป้าหมายขั้นที่ 5 ต่ำกว่าผลปีก่อน", kpi=kpi
    )
    coordinator = client_as("cdd_coordinator")
    html = coordinator.get(f"/proposals/{at_desk.pk}/").content.decode()
    assert BANNER in html and f'href="#kpi-{kpi.pk}"' in html
    row = _row(html, kpi.code)
    assert "ค่าเป้าหมายขั้นที่ 5 ต่ำกว่าผลปีก่อน" in row and 'data-open="1"' in row
    assert Notification.objects.filter(user=user_of("cdd_coordinator"), kind="proposal_comment").exists()

    answered = coordinator.post(
        f"/proposals/{at_desk.pk}/comments/{comment.pk}/reply/", {"reply_th": "ปรับตามผลปี 2565 แล้ว"}
    )
    assert answered.status_code == 302
    html = coordinator.get(f"/proposals/{at_desk.pk}/").content.decode()
    assert BANNER not in html
    assert "ปรับตามผลปี 2565 แล้ว" in _row(html, kpi.code)
    actions = list(WorkflowEvent.objects.filter(object_id=at_desk.pk, action__startswith="comment"))
    assert [e.action for e in actions] == ["comment", "comment_reply"]
    assert Notification.objects.filter(user=user_of("opdc_desk"), kind="proposal_reply").exists()


def test_a_reviewer_resolves_a_comment_and_the_banner_goes(
    at_desk: Proposal, user_of: UserOf, client_as: Callable[[str], Client]
) -> None:
    comment = comments.comment_add(proposal=at_desk, by=user_of("opdc_desk"), text="โปรดแนบหลักฐานประกอบ")
    desk = client_as("opdc_desk")
    assert BANNER in desk.get(f"/proposals/{at_desk.pk}/").content.decode()
    desk.post(f"/proposals/{at_desk.pk}/comments/{comment.pk}/resolve/")
    assert BANNER not in desk.get(f"/proposals/{at_desk.pk}/").content.decode()


def test_a_return_with_a_kpi_comment_is_shown_on_the_row(
    at_desk: Proposal, user_of: UserOf, client_as: Callable[[str], Client]
) -> None:
    kpi = at_desk.kpis.filter(is_removed=False).order_by("order", "pk").last()
    assert kpi is not None
    workflow.transition(at_desk, "return", by=user_of("opdc_desk"), comment="ทบทวนสูตรการคำนวณ", kpi=kpi)
    html = client_as("cdd_coordinator").get(f"/proposals/{at_desk.pk}/").content.decode()
    assert BANNER in html and "ทบทวนสูตรการคำนวณ" in _row(html, kpi.code)


def test_only_the_reviewer_at_the_current_step_comments_and_only_the_coordinator_replies(
    at_desk: Proposal, user_of: UserOf
) -> None:
    with pytest.raises(NotAllowed):
        comments.comment_add(proposal=at_desk, by=user_of("cdd_coordinator"), text="ความเห็นของตัวเอง")
    with pytest.raises(NotAllowed):
        comments.comment_add(proposal=at_desk, by=user_of("moi_reviewer"), text="ไม่ใช่ขั้นของ มท.")
    comment = comments.comment_add(proposal=at_desk, by=user_of("opdc_desk"), text="ตรวจแล้ว")
    with pytest.raises(NotAllowed):
        comments.comment_reply(comment=comment, by=user_of("mof_coordinator"), text="ตอบแทน")


def test_the_coordinator_does_not_see_the_reviewers_comment_field_but_the_reviewer_does(
    user_of: UserOf, client_as: Callable[[str], Client], at_desk: Proposal
) -> None:
    draft = Proposal.objects.get(organisation__code="MOF", framework__fiscal_year__year=2566)
    coordinator_page = client_as("mof_coordinator").get(f"/proposals/{draft.pk}/").content.decode()
    assert 'data-testid="actions"' in coordinator_page  # the coordinator still has the submit button
    assert REVIEWER_FIELD not in coordinator_page and 'data-testid="comment-form"' not in coordinator_page
    desk_page = client_as("opdc_desk").get(f"/proposals/{at_desk.pk}/").content.decode()
    assert REVIEWER_FIELD in desk_page and 'data-testid="comment-form"' in desk_page


def test_the_api_lists_adds_and_answers_comments(
    at_desk: Proposal, client_as: Callable[[str], Client], user_of: Any
) -> None:
    kpi = at_desk.kpis.filter(is_removed=False).first()
    assert kpi is not None
    desk = client_as("opdc_desk")
    url = f"/api/v1/proposals/{at_desk.pk}/comments"
    made = desk.post(url, {"text_th": "ตรวจหน่วยนับ", "kpi_id": kpi.pk}, content_type="application/json")
    assert made.status_code == 201 and made.json()["kpi_code"] == kpi.code and made.json()["open"] is True
    coordinator = client_as("cdd_coordinator")
    listed = coordinator.get(url).json()
    assert listed["open"] == 1 and listed["may_reply"] is True and listed["may_comment"] is False
    refused = coordinator.post(url, {"text_th": "ขอแสดงความเห็น"}, content_type="application/json")
    assert refused.status_code == 403
    reply = coordinator.post(
        f"{url}/{made.json()['id']}/reply", {"reply_th": "แก้ไขแล้ว"}, content_type="application/json"
    )
    assert reply.status_code == 200 and reply.json()["open"] is False
    assert coordinator.get(url).json()["open"] == 0


def test_locked_fields_look_locked_and_the_kpi_name_gets_a_wide_box(client_as: Callable[[str], Client]) -> None:
    from govkpi.kpis import field_rules
    from govkpi.kpis.models import Kpi

    kpi = Kpi.objects.get(code="CDD-66-01")
    locked = field_rules.locked_fields(kpi)
    assert "name_th" in locked
    page = client_as("cdd_coordinator").get(f"/proposals/{kpi.proposal_id}/kpis/{kpi.pk}/edit/").content.decode()
    start = page.index('name="name_th"')
    name_box = page[page.rindex("<textarea", 0, start) : page.index(">", start)]
    assert 'class="wide locked"' in name_box and 'aria-disabled="true"' in name_box and "disabled" in name_box
    assert "ล็อก" in page[page.rindex("<label", 0, start) : start]


def test_the_command_adds_and_lists_comments(at_desk: Proposal) -> None:
    import io

    from django.core.management import call_command

    kpi = at_desk.kpis.filter(is_removed=False).first()
    assert kpi is not None
    out = io.StringIO()
    call_command(
        "proposals", "comment", "CDD", year=2566, username="opdc.desk1", comment="ทบทวนหน่วยนับ", kpi=kpi.code, stdout=out
    )
    assert f"{kpi.code}\topen\tทบทวนหน่วยนับ" in out.getvalue()
