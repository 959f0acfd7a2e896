"""Committees, meetings, agenda items, resolutions and recommendations (scoped like the pages)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status

from govkpi.api.auth import login_required, viewer_of_api
from govkpi.api.schemas import ERRORS, WRITE_ERRORS, year_param
from govkpi.core.errors import Invalid, NotFound
from govkpi.kpis.models import ChangeRequest, Proposal
from govkpi.organisations.models import Organisation
from govkpi.reviews import selectors, services
from govkpi.reviews.models import AgendaItem, Meeting, Recommendation, Resolution

router = Router()

DecisionCode = Literal["approve", "acknowledge", "comment", "reject"]
ModeCode = Literal["electronic", "onsite", "hybrid"]


class CommitteeOut(Schema):
    code: str
    kind: str
    name_th: str
    name_en: str


class MeetingOut(Schema):
    id: int
    committee: str
    number: int
    year_be: int
    number_label: str
    held_on: dt.date
    mode: str
    chair_th: str
    title_th: str

    @staticmethod
    def resolve_committee(obj: Meeting) -> str:
        return obj.committee.code


class ResolutionOut(Schema):
    id: int
    decision: str
    decision_th: str
    text_th: str
    recorded_at: dt.datetime
    recorded_by: str | None

    @staticmethod
    def resolve_decision_th(obj: Resolution) -> str:
        return obj.get_decision_display()

    @staticmethod
    def resolve_recorded_by(obj: Resolution) -> str | None:
        return obj.recorded_by.get_username() if obj.recorded_by else None


class AgendaItemOut(Schema):
    id: int
    order: int
    title_th: str
    proposals: list[int]
    change_requests: list[int]
    resolutions: list[ResolutionOut]

    @staticmethod
    def resolve_proposals(obj: AgendaItem) -> list[int]:
        return [p.pk for p in obj.proposals.all()]

    @staticmethod
    def resolve_change_requests(obj: AgendaItem) -> list[int]:
        return [c.pk for c in obj.change_requests.all()]

    @staticmethod
    def resolve_resolutions(obj: AgendaItem) -> list[Resolution]:
        return list(obj.resolutions.all())


class RecommendationOut(Schema):
    id: int
    meeting: int
    organisation: str
    text_th: str
    answer_th: str
    answered_at: dt.datetime | None
    answered_by: str | None

    @staticmethod
    def resolve_meeting(obj: Recommendation) -> int:
        return obj.meeting_id

    @staticmethod
    def resolve_organisation(obj: Recommendation) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_answered_by(obj: Recommendation) -> str | None:
        return obj.answered_by.get_username() if obj.answered_by else None


class MeetingDetailOut(MeetingOut):
    summary_th: str
    agenda: list[AgendaItemOut]
    recommendations: list[RecommendationOut]

    @staticmethod
    def resolve_agenda(obj: Meeting) -> list[AgendaItem]:
        return list(obj.visible_items)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_recommendations(obj: Meeting) -> list[Recommendation]:
        return list(obj.visible_recommendations)  # type: ignore[attr-defined]


class MeetingIn(Schema):
    committee: str
    number: int
    year_be: int
    held_on: dt.date
    mode: ModeCode = "electronic"
    chair_th: str = ""
    title_th: str = ""
    summary_th: str = ""


class AgendaItemIn(Schema):
    title_th: str
    proposal_ids: list[int] = []
    change_request_ids: list[int] = []


class ResolutionIn(Schema):
    decision: DecisionCode
    text_th: str = ""


class RecommendationIn(Schema):
    organisation: str
    text_th: str


class AnswerIn(Schema):
    answer_th: str


@router.get("/committees", response={200: list[CommitteeOut], **ERRORS}, summary="คณะกรรมการ")
def list_committees(request: HttpRequest) -> object:
    viewer_of_api(request)
    return list(selectors.committee_list())


@router.get("/meetings", response={200: list[MeetingOut], **ERRORS}, summary="การประชุมที่ผู้เรียกเห็นได้")
def list_meetings(request: HttpRequest, committee: str = "", year_be: int | None = year_param()) -> object:
    return list(selectors.meeting_list(viewer=viewer_of_api(request), committee=committee, year_be=year_be))


@router.post("/meetings", auth=login_required, response={201: MeetingOut, **WRITE_ERRORS}, summary="บันทึกการประชุมใหม่")
def create_meeting(request: HttpRequest, body: MeetingIn) -> object:
    committee = selectors.committee_get(body.committee)
    meeting = services.meeting_create(
        by=request.user,  # type: ignore[arg-type]
        committee=committee,
        number=body.number,
        year_be=body.year_be,
        held_on=body.held_on,
        mode=body.mode,
        chair_th=body.chair_th,
        title_th=body.title_th,
        summary_th=body.summary_th,
    )
    return Status(201, meeting)


@router.get("/meetings/{meeting_id}", response={200: MeetingDetailOut, **ERRORS}, summary="การประชุม วาระ มติ")
def get_meeting(request: HttpRequest, meeting_id: int) -> object:
    return selectors.meeting_get(viewer=viewer_of_api(request), pk=meeting_id)


@router.post(
    "/meetings/{meeting_id}/agenda",
    auth=login_required,
    response={201: AgendaItemOut, **WRITE_ERRORS},
    summary="เพิ่มวาระที่พิจารณาข้อเสนอหรือคำขอเปลี่ยนแปลง",
)
def add_agenda_item(request: HttpRequest, meeting_id: int, body: AgendaItemIn) -> object:
    viewer = viewer_of_api(request)
    meeting = selectors.meeting_get(viewer=viewer, pk=meeting_id)
    proposals = list(Proposal.objects.filter(pk__in=body.proposal_ids))
    crs = list(ChangeRequest.objects.filter(pk__in=body.change_request_ids))
    missing = sorted(set(body.proposal_ids) - {p.pk for p in proposals}) or sorted(
        set(body.change_request_ids) - {c.pk for c in crs}
    )
    if missing:
        raise Invalid(f"ไม่พบรายการรหัส {missing}", f"Unknown ids {missing}", field="proposal_ids")
    item = services.agenda_item_add(
        by=request.user,  # type: ignore[arg-type]
        meeting=meeting,
        title_th=body.title_th,
        proposals=proposals,
        change_requests=crs,
    )
    return Status(201, item)


@router.post(
    "/agenda/{item_id}/resolutions",
    auth=login_required,
    response={201: ResolutionOut, **WRITE_ERRORS},
    summary="บันทึกมติ (เห็นชอบ / รับทราบ / ให้ความคิดเห็น / ไม่เห็นชอบ) ซึ่งดำเนินการกับข้อเสนอและคำขอในวาระ",
)
def record_resolution(request: HttpRequest, item_id: int, body: ResolutionIn) -> object:
    item = selectors.agenda_item_get(viewer=viewer_of_api(request), pk=item_id)
    resolution = services.resolution_record(
        by=request.user,  # type: ignore[arg-type]
        agenda_item=item,
        decision=body.decision,
        text_th=body.text_th,
    )
    return Status(201, resolution)


@router.post(
    "/meetings/{meeting_id}/recommendations",
    auth=login_required,
    response={201: RecommendationOut, **WRITE_ERRORS},
    summary="บันทึกข้อเสนอแนะถึงหน่วยงาน",
)
def add_recommendation(request: HttpRequest, meeting_id: int, body: RecommendationIn) -> object:
    meeting = selectors.meeting_get(viewer=viewer_of_api(request), pk=meeting_id)
    organisation = Organisation.objects.filter(code=body.organisation).first()
    if organisation is None:
        raise NotFound(f"ไม่พบหน่วยงานรหัส {body.organisation}", "No such organisation", field="organisation")
    rec = services.recommendation_add(
        by=request.user,  # type: ignore[arg-type]
        meeting=meeting,
        organisation=organisation,
        text_th=body.text_th,
    )
    return Status(201, rec)


@router.get("/recommendations", response={200: list[RecommendationOut], **ERRORS}, summary="ข้อเสนอแนะที่ผู้เรียกเห็นได้")
def list_recommendations(request: HttpRequest, open_only: bool = False, organisation: str = "") -> object:
    return list(
        selectors.recommendation_list(viewer=viewer_of_api(request), open_only=open_only, organisation=organisation)
    )


@router.post(
    "/recommendations/{rec_id}/answer",
    auth=login_required,
    response={200: RecommendationOut, **WRITE_ERRORS},
    summary="หน่วยงานตอบข้อเสนอแนะ",
)
def answer_recommendation(request: HttpRequest, rec_id: int, body: AnswerIn) -> object:
    rec = selectors.recommendation_get(viewer=viewer_of_api(request), pk=rec_id)
    return services.recommendation_answer(by=request.user, recommendation=rec, answer_th=body.answer_th)  # type: ignore[arg-type]
