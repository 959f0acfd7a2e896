"""Appeals against a published score, and lessons learned in monitoring-only years."""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.frameworks.models import Framework
from govkpi.organisations.access import Viewer
from govkpi.organisations.models import Organisation
from govkpi.results import evidence as evidence_service
from govkpi.results.models import Appeal, LessonsLearned, LessonsSummary, OrganisationScore, Result, ResultState
from govkpi.results.services import parse_value, record, rescore

Upload = tuple[str, IO[bytes], int]


def appeal_deadline(framework: Framework) -> dt.datetime | None:
    if framework.published_at is None:
        return None
    return framework.published_at + dt.timedelta(days=framework.appeal_window_days)


@transaction.atomic
def appeal_file(
    *,
    viewer: Viewer,
    user: Any,
    result: Result,
    reason_th: str,
    requested_value: object = None,
    files: list[Upload] | None = None,
    now: dt.datetime | None = None,
) -> Appeal:
    """The organisation appeals one KPI's published score, within the framework's window."""
    result = (
        Result.objects.select_for_update(of=("self",)).select_related("round__framework", "version").get(pk=result.pk)
    )
    if not (
        viewer.may_edit_for(result.organisation_id)
        or (viewer.is_executive and viewer.organisation_id == result.organisation_id)
    ):
        raise NotAllowed("เฉพาะหน่วยงานเจ้าของผลอุทธรณ์ได้", "Only the organisation itself may appeal.")
    framework = result.round.framework
    deadline = appeal_deadline(framework)
    if deadline is None or result.state != ResultState.APPROVED:
        raise Conflict("อุทธรณ์ได้เฉพาะผลที่เผยแพร่แล้ว", "Only published results can be appealed.")
    if (now or timezone.now()) > deadline:
        raise Conflict(
            f"พ้นกำหนดอุทธรณ์ {framework.appeal_window_days} วันหลังเผยแพร่ผลแล้ว",
            f"The {framework.appeal_window_days}-day appeal window has passed.",
        )
    if not reason_th.strip():
        raise Invalid("กรุณาระบุเหตุผลการอุทธรณ์", "A reason is required.", field="reason_th")
    if result.appeals.filter(state=Appeal.State.SUBMITTED).exists():
        raise Conflict("มีอุทธรณ์ของตัวชี้วัดนี้รอพิจารณาอยู่แล้ว", "An appeal of this KPI is already pending.")
    appeal = Appeal(
        result=result,
        reason_th=reason_th.strip(),
        requested_value=parse_value(requested_value, version=result.version, field="requested_value"),
        old_points=result.points,
        created_by=user,
    )
    appeal._history_user = user  # type: ignore[attr-defined]
    appeal.save()
    for name, stream, size in files or []:
        evidence_service.store(result=result, user=user, name=name, stream=stream, size=size, appeal=appeal)
    record(result, action="appeal_file", from_state=result.state, user=user, comment=reason_th.strip())
    return appeal


@transaction.atomic
def appeal_decide(
    *, viewer: Viewer, user: Any, appeal: Appeal, upheld: bool, note_th: str, value: object = None
) -> Appeal:
    """The committee (recorded by OPDC) decides; an upheld appeal re-scores and marks the result amended."""
    appeal = Appeal.objects.select_for_update(of=("self",)).select_related("result__round__framework").get(pk=appeal.pk)
    if not (viewer.is_opdc or viewer.is_committee):
        raise NotAllowed("เฉพาะคณะกรรมการหรือสำนักงาน ก.พ.ร. พิจารณาอุทธรณ์ได้", "Only the committee or OPDC decides.")
    if appeal.state != Appeal.State.SUBMITTED:
        raise Conflict("พิจารณาอุทธรณ์นี้แล้ว", "This appeal has been decided.")
    if not note_th.strip():
        raise Invalid("กรุณาระบุผลการพิจารณา", "A decision note is required.", field="note_th")
    result = Result.objects.select_for_update(of=("self",)).select_related("version").get(pk=appeal.result_id)
    appeal.old_points = result.points
    appeal.decision_note_th = note_th.strip()
    appeal.decided_at = timezone.now()
    appeal.decided_by = user
    if upheld:
        new_value = parse_value(value, version=result.version, field="value")
        if new_value is None:
            new_value = appeal.requested_value
        if new_value is None:
            raise Invalid("กรุณาระบุค่าที่ใช้คิดคะแนนใหม่", "The value to re-score with is required.", field="value")
        result.verified_value = new_value
        result.verification_note_th = f"แก้ไขตามผลอุทธรณ์: {note_th.strip()}"
        result.is_amended = True
        result.lock_version += 1
        result._history_user = user  # type: ignore[attr-defined]
        result.save()
        rescore(result, user=user)
        result.refresh_from_db()
        appeal.new_points = result.points
        appeal.state = Appeal.State.UPHELD
        for score in OrganisationScore.objects.filter(organisation_id=result.organisation_id, round_id=result.round_id):
            score.is_amended = True
            score._history_user = user  # type: ignore[attr-defined]
            score.save()
    else:
        appeal.state = Appeal.State.DISMISSED
        appeal.new_points = result.points
        # Nothing changed, but a decided appeal is a moment the score is looked at again: make
        # sure what is stored is what the engine says (idempotent, writes nothing if so).
        rescore(result, user=user)
    appeal._history_user = user  # type: ignore[attr-defined]
    appeal.save()
    record(result, action=f"appeal_{appeal.state}", from_state=result.state, user=user, comment=note_th.strip())
    return appeal


@transaction.atomic
def lessons_save(
    *, viewer: Viewer, user: Any, framework: Framework, organisation: Organisation, text_th: str
) -> LessonsLearned:
    """ถอดบทเรียน: an organisation's lessons learned in a monitoring-only year."""
    if not viewer.may_edit_for(organisation.pk):
        raise NotAllowed("เฉพาะผู้ประสานงานของหน่วยงานนี้บันทึกบทเรียนได้", "Only the coordinator may write lessons.")
    if not framework.monitoring_only:
        raise Conflict("ถอดบทเรียนใช้เฉพาะปีที่ติดตามผลเท่านั้น", "Lessons learned belong to monitoring-only years.")
    if not text_th.strip():
        raise Invalid("กรุณากรอกบทเรียน", "The lessons text is required.", field="text_th")
    lesson = LessonsLearned.objects.filter(framework=framework, organisation=organisation).first() or LessonsLearned(
        framework=framework, organisation=organisation
    )
    lesson.text_th = text_th.strip()
    lesson._history_user = user  # type: ignore[attr-defined]
    lesson.save()
    return lesson


@transaction.atomic
def lessons_summary_save(*, viewer: Viewer, user: Any, framework: Framework, text_th: str) -> LessonsSummary:
    """OPDC's summary of lessons across organisations."""
    if not viewer.is_opdc:
        raise NotAllowed("เฉพาะสำนักงาน ก.พ.ร. เขียนสรุปบทเรียนได้", "Only OPDC writes the summary.")
    if not framework.monitoring_only:
        raise Conflict("สรุปบทเรียนใช้เฉพาะปีที่ติดตามผลเท่านั้น", "Lessons belong to monitoring-only years.")
    if not text_th.strip():
        raise Invalid("กรุณากรอกสรุปบทเรียน", "The summary is required.", field="text_th")
    summary = LessonsSummary.objects.filter(framework=framework).first() or LessonsSummary(framework=framework)
    summary.text_th = text_th.strip()
    summary.written_by = user
    summary._history_user = user  # type: ignore[attr-defined]
    summary.save()
    return summary
