"""Resolutions recorded on agenda items carry out the committee's decision, all or nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from govkpi.core.errors import Invalid, NotAllowed
from govkpi.kpis.choices import ChangeState
from govkpi.kpis.models import ChangeRequest, Kpi
from govkpi.reviews import services
from govkpi.reviews.models import AgendaItem, Resolution

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("chonburi_coordinator")]


def pending_item() -> AgendaItem:
    """The demo's อ.ก.พ.ร. ครั้งที่ 4/2566, item 1: ชลบุรี's pending change of targets."""
    return AgendaItem.objects.get(meeting__number=4, meeting__year_be=2566, order=1)


def test_approving_a_change_request_item_makes_version_2(user_of: Callable[[str], object]) -> None:
    item = pending_item()
    cr = item.change_requests.get()
    resolution = services.resolution_record(
        by=user_of("committee_secretary"),  # type: ignore[arg-type]
        agenda_item=item,
        decision="approve",
        text_th="เห็นชอบการปรับค่าเป้าหมาย",
    )
    cr.refresh_from_db()
    assert resolution.decision == "approve" and cr.state == ChangeState.APPROVED
    assert "ครั้งที่ 4/2566" in cr.decision_note_th
    kpi = Kpi.objects.get(pk=cr.kpi_id)
    assert list(kpi.versions.values_list("number", flat=True)) == [1, 2]


def test_rejecting_a_change_request_item_needs_the_reason_and_rejects_it(user_of: Callable[[str], object]) -> None:
    item = pending_item()
    with pytest.raises(Invalid):
        services.resolution_record(by=user_of("committee_secretary"), agenda_item=item, decision="reject")  # type: ignore[arg-type]
    services.resolution_record(
        by=user_of("committee_secretary"),  # type: ignore[arg-type]
        agenda_item=item,
        decision="reject",
        text_th="ให้คงค่าเป้าหมายเดิม",
    )
    cr = item.change_requests.get()
    assert cr.state == ChangeState.REJECTED and "ให้คงค่าเป้าหมายเดิม" in cr.decision_note_th


def test_a_failing_resolution_leaves_nothing_half_written(user_of: Callable[[str], object]) -> None:
    item = pending_item()
    first = item.change_requests.get()
    ChangeRequest.objects.filter(pk=first.pk).update(state=ChangeState.REJECTED)  # decided elsewhere meanwhile
    with pytest.raises(Exception):  # noqa: B017 - Conflict from the change request
        services.resolution_record(by=user_of("committee_secretary"), agenda_item=item, decision="approve")  # type: ignore[arg-type]
    assert not Resolution.objects.filter(agenda_item=item).exists()


def test_a_coordinator_cannot_record_a_resolution(user_of: Callable[[str], object]) -> None:
    with pytest.raises(NotAllowed):
        services.resolution_record(by=user_of("chonburi.coord"), agenda_item=pending_item(), decision="approve")  # type: ignore[arg-type]


def test_a_committee_member_cannot_record_a_resolution_through_the_page(client_as: Callable[[str], Client]) -> None:
    item = pending_item()
    client_as("committee.member").post(f"/agenda/{item.pk}/resolution/", {"decision": "approve"})
    assert not item.resolutions.exists()
    assert item.change_requests.get().state == ChangeState.SUBMITTED


def test_the_secretary_records_a_resolution_through_the_page(client_as: Callable[[str], Client]) -> None:
    item = pending_item()
    client = client_as("committee_secretary")
    response = client.post(f"/agenda/{item.pk}/resolution/", {"decision": "approve", "text_th": "เห็นชอบ"}, follow=True)
    assert "บันทึกมติเห็นชอบในวาระที่ 1 แล้ว" in response.content.decode()
    assert item.change_requests.get().state == ChangeState.APPROVED


def test_acknowledging_a_change_request_lets_it_take_effect(user_of: Callable[[str], object]) -> None:
    item = pending_item()
    services.resolution_record(by=user_of("committee_secretary"), agenda_item=item, decision="acknowledge")  # type: ignore[arg-type]
    cr = item.change_requests.get()
    assert cr.state == ChangeState.ACKNOWLEDGED
    assert Kpi.objects.get(pk=cr.kpi_id).versions.count() == 2


def test_a_comment_leaves_the_change_request_pending_with_an_event(user_of: Callable[[str], object]) -> None:
    from govkpi.kpis.changes import events_of

    item = pending_item()
    services.resolution_record(
        by=user_of("committee_secretary"),  # type: ignore[arg-type]
        agenda_item=item,
        decision="comment",
        text_th="ให้ส่วนราชการชี้แจงเพิ่มเติม",
    )
    cr = item.change_requests.get()
    assert cr.state == ChangeState.SUBMITTED
    assert events_of(cr).last().action == "comment"  # type: ignore[union-attr]


def test_an_agenda_item_is_added_with_a_pending_change_request(
    user_of: Callable[[str], object], client_as: Callable[[str], Client]
) -> None:
    from govkpi.reviews.models import Meeting

    meeting = Meeting.objects.get(number=6, year_be=2565)
    cr = pending_item().change_requests.get()
    client_as("committee_secretary").post(
        f"/meetings/{meeting.pk}/agenda/", {"title_th": "พิจารณาคำขอของกระทรวงการคลัง", "change_requests": [cr.pk]}
    )
    item = meeting.agenda_items.order_by("-order").first()
    assert item is not None and item.order == 5 and list(item.change_requests.all()) == [cr]


def test_the_demo_change_request_page_shows_its_timeline(client_as: Callable[[str], Client]) -> None:
    cr = pending_item().change_requests.get()
    html = client_as("committee_secretary").get(f"/change-requests/{cr.pk}/").content.decode()
    assert "ลำดับเหตุการณ์" in html and "ครั้งที่ 4/2566" in html
