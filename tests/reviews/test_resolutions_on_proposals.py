"""Resolutions on agenda items carrying proposals move them through the committee steps."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from govkpi.core.errors import Conflict
from govkpi.core.models import WorkflowEvent
from govkpi.kpis.choices import ProposalState
from govkpi.kpis.models import Proposal
from govkpi.reviews import services
from govkpi.reviews.models import AgendaItem, Meeting, Resolution

pytest.importorskip("govkpi.kpis.workflow")
pytestmark = pytest.mark.django_db


def khon_kaen_at(state: str) -> Proposal:
    proposal = Proposal.objects.get(organisation__code="P40", framework__fiscal_year__year=2566)
    Proposal.objects.filter(pk=proposal.pk).update(state=state)  # as if the earlier steps were taken
    proposal.refresh_from_db()
    return proposal


def item_with(*proposals: Proposal) -> AgendaItem:
    meeting = Meeting.objects.get(number=6, year_be=2565)
    item = AgendaItem.objects.create(meeting=meeting, order=9, title_th="พิจารณาตัวชี้วัดของจังหวัดขอนแก่น")
    item.proposals.set(proposals)
    return item


def test_approval_moves_a_proposal_from_the_working_group_to_the_subcommittee(user_of: Callable[[str], object]) -> None:
    proposal = khon_kaen_at(ProposalState.WORKING_GROUP)
    services.resolution_record(
        by=user_of("committee_secretary"),  # type: ignore[arg-type]
        agenda_item=item_with(proposal),
        decision="approve",
        text_th="เห็นชอบตัวชี้วัด",
    )
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBCOMMITTEE
    event = WorkflowEvent.objects.filter(object_id=proposal.pk, action="approve").last()
    assert event is not None and "ครั้งที่ 6/2565" in event.comment and event.actor.username == "committee.secretary"  # type: ignore[union-attr]


def test_approval_at_the_minister_step_approves_and_freezes_version_1(user_of: Callable[[str], object]) -> None:
    proposal = khon_kaen_at(ProposalState.MINISTER)
    services.resolution_record(by=user_of("committee_secretary"), agenda_item=item_with(proposal), decision="approve")  # type: ignore[arg-type]
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.APPROVED
    assert all(k.versions.filter(number=1).exists() for k in proposal.kpis.all())


def test_rejection_returns_the_proposal_with_the_resolution_text_as_comment(user_of: Callable[[str], object]) -> None:
    proposal = khon_kaen_at(ProposalState.SUBCOMMITTEE)
    services.resolution_record(
        by=user_of("committee_secretary"),  # type: ignore[arg-type]
        agenda_item=item_with(proposal),
        decision="reject",
        text_th="ให้ทบทวนค่าเป้าหมายให้สอดคล้องกับแผนพัฒนาจังหวัด",
    )
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.RETURNED
    event = WorkflowEvent.objects.filter(object_id=proposal.pk, action="return").last()
    assert event is not None and "ให้ทบทวนค่าเป้าหมาย" in event.comment


def test_a_proposal_not_at_a_committee_step_makes_the_whole_resolution_fail(user_of: Callable[[str], object]) -> None:
    ready = khon_kaen_at(ProposalState.WORKING_GROUP)
    draft = Proposal.objects.get(organisation__code="P24", framework__fiscal_year__year=2566)
    item = item_with(ready, draft)
    with pytest.raises(Conflict):
        services.resolution_record(by=user_of("committee_secretary"), agenda_item=item, decision="approve")  # type: ignore[arg-type]
    ready.refresh_from_db()
    assert ready.state == ProposalState.WORKING_GROUP
    assert not Resolution.objects.filter(agenda_item=item).exists()


def test_acknowledging_leaves_the_proposal_where_it_is_with_an_event(user_of: Callable[[str], object]) -> None:
    proposal = khon_kaen_at(ProposalState.WORKING_GROUP)
    services.resolution_record(
        by=user_of("committee_secretary"), agenda_item=item_with(proposal), decision="acknowledge"
    )  # type: ignore[arg-type]
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WORKING_GROUP
    assert WorkflowEvent.objects.filter(object_id=proposal.pk, action="acknowledge").exists()
