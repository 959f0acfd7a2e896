"""Writes of the reporting year's second half: rounds, results, verification, approval, locks, publication.

Every write checks the viewer's rights, runs in a transaction, records a WorkflowEvent for each
transition, and bumps `Result.lock_version` so a stale form or API client gets 409 instead of
silently overwriting someone else's change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation

from govkpi.core.choices import thai
from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.core.models import WorkflowEvent
from govkpi.core.signals import announce_score_inputs_changed
from govkpi.core.thaidates import format_date
from govkpi.frameworks.choices import Measure
from govkpi.frameworks.models import DeadlineExtension, Framework, Round
from govkpi.kpis.models import Kpi, KpiVersion
from govkpi.kpis.selectors import kpi_in_round
from govkpi.notifications.services import notify
from govkpi.organisations.access import Viewer
from govkpi.organisations.choices import Role
from govkpi.organisations.models import Organisation
from govkpi.results.models import Confidence, OrganisationScore, Result, ResultState

EDITABLE = {ResultState.DRAFT, ResultState.RETURNED}
VERIFIABLE = {ResultState.ENDORSED, ResultState.VERIFIED}


# ---------------------------------------------------------------- rounds


def deadline_for(round_: Round, organisation: Organisation | int) -> dt.date:
    """The round's closing date, or the latest extension OPDC granted this organisation."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    ext = DeadlineExtension.objects.filter(round=round_, organisation_id=org_id).order_by("-new_deadline").first()
    if ext is not None and ext.new_deadline > round_.closes_on:
        return ext.new_deadline
    return round_.closes_on


def round_is_open(round_: Round, organisation: Organisation | int, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return round_.opens_on <= today <= deadline_for(round_, organisation)


@transaction.atomic
def round_extend(
    *, viewer: Viewer, user: Any, round_: Round, organisation: Organisation, new_deadline: dt.date, reason: str
) -> DeadlineExtension:
    """OPDC grants one organisation more time to report a round, with a reason."""
    if not viewer.is_opdc:
        raise NotAllowed("เฉพาะสำนักงาน ก.พ.ร. ขยายเวลาได้", "Only OPDC may extend a round.")
    if not reason.strip():
        raise Invalid("กรุณาระบุเหตุผลการขยายเวลา", "A reason is required.", field="reason")
    if new_deadline <= round_.closes_on:
        raise Invalid("วันที่ขยายต้องหลังวันปิดรอบ", "The new deadline must be after the round closes.", field="new_deadline")
    if (
        not round_.framework.participants.filter(pk=organisation.pk).exists()
        and not Kpi.objects.filter(framework=round_.framework, organisation=organisation).exists()
    ):
        raise Invalid("หน่วยงานนี้ไม่อยู่ในกรอบการประเมินนี้", "This organisation is not in the framework.")
    ext = DeadlineExtension(
        framework=round_.framework,
        round=round_,
        organisation=organisation,
        new_deadline=new_deadline,
        reason=reason.strip(),
        granted_by=user,
    )
    ext.full_clean()
    ext._history_user = user  # type: ignore[attr-defined]
    ext.save()
    WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(DeadlineExtension),
        object_id=ext.pk,
        organisation=organisation,
        action="round_extend",
        to_state=new_deadline.isoformat(),
        comment=reason.strip(),
        actor=user,
    )
    notify_organisation(
        organisation.pk,
        round_,
        subject=f"ขยายเวลารายงานผล{round_.name_th}ถึง {format_date(new_deadline)}",
        body=reason.strip(),
    )
    return ext


# ---------------------------------------------------------------- helpers


def record(result: Result, *, action: str, from_state: str, user: Any, comment: str = "", notify: bool = True) -> None:
    WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(Result),
        object_id=result.pk,
        organisation_id=result.organisation_id,
        action=action,
        from_state=from_state,
        to_state=result.state,
        comment=comment,
        kpi_id=result.kpi_id,
        actor=user if getattr(user, "pk", None) else None,
    )
    if notify:
        # One message per organisation, round and step: a round's KPIs submitted one by one (or in
        # bulk) grow one message ("ผลการดำเนินงาน: ส่งแล้ว (5 รายการ)"), each KPI a line of its body.
        state = ResultState(result.state).label
        with translation.override("en"):
            subject_en = f"Results: {state}"
        subject = f"ผลการดำเนินงาน: {thai(state)}"
        line = f"ตัวชี้วัด {result.kpi.code} {result.kpi.name_th}" + (f" — {comment}" if comment else "")
        notify_organisation(
            result.organisation_id, result.round, subject=subject, body=line, kind=action, subject_en=subject_en
        )


def sheet_path(organisation_code: str, round_: Round) -> str:
    return f"/results/{organisation_code}/{round_.framework.fiscal_year.year}/{round_.months}/"


def round_label(round_: Round) -> str:
    """How a notification names the round: "รอบ 12 เดือน ปี 2566"."""
    return f"{round_.name_th} ปี {round_.framework.fiscal_year.year}"


def notify_organisation(
    organisation_id: int, round_: Round, *, subject: str, body: str = "", kind: str = "", subject_en: str = ""
) -> None:
    """The one hook into notifications: the organisation's coordinators and executives hear of
    every workflow change of their results (in the inbox and by e-mail), one message per
    organisation, round and `kind` of step a day."""
    users = get_user_model().objects.filter(is_active=True, person__organisation_id=organisation_id)
    code = Organisation.objects.filter(pk=organisation_id).values_list("code", flat=True).first() or ""
    notify(
        users,
        subject,
        body,
        sheet_path(code, round_),
        organisation=organisation_id,
        round_label=round_label(round_),
        group_key=f"results:{organisation_id}:{round_.pk}:{kind}" if kind else "",
        kind=kind,
        subject_en=subject_en,
    )


def check_version(result: Result, lock_version: int | None) -> None:
    if lock_version is not None and lock_version != result.lock_version:
        raise Conflict(
            "มีผู้อื่นแก้ไขผลนี้ไปก่อนแล้ว กรุณาโหลดหน้าใหม่",
            "Someone else changed this result first; reload it.",
            current={"lock_version": result.lock_version, "state": result.state, "value": _text(result.value)},
        )


def check_unlocked(result: Result) -> None:
    if result.is_locked:
        raise Conflict(
            "ผลนี้คณะกรรมการเห็นชอบและล็อกแล้ว แก้ไขไม่ได้จนกว่าสำนักงาน ก.พ.ร. จะปลดล็อก",
            "This result is approved and locked until OPDC unlocks it.",
        )


def check_in_force(kpi: Kpi, version: KpiVersion | None) -> KpiVersion:
    """The version to report against (`kpis.selectors.kpi_in_round` decides), or Invalid when the
    KPI does not count in the round."""
    if version is None:
        raise Invalid(
            f"ตัวชี้วัด {kpi.code} ไม่มีผลบังคับใช้ในรอบนี้", f"KPI {kpi.code} is not in force in this round.", field="kpi"
        )
    return version


def check_reportable(
    *,
    viewer: Viewer,
    result: Result | None,
    round_: Round,
    organisation_id: int,
    today: dt.date | None = None,
    deadline: dt.date | None = None,
) -> None:
    """Whether a value may be reported now, the one check of the form, the API and every import:
    the result (if any) is not locked and is a draft or returned, and the round is open for the
    organisation (its extension counted) unless the result was returned; OPDC imports late too.
    `deadline` lets a batch pass the organisation's deadline it read once for many rows."""
    if result is not None:
        check_unlocked(result)
        if result.state not in EDITABLE:
            raise Conflict(
                f"ผลของ {result.kpi.code} อยู่ในสถานะ “{thai(ResultState(result.state).label)}” แก้ไขไม่ได้",
                f"The result of {result.kpi.code} is {result.state} and cannot be edited.",
                field="state",
            )
    if (result is not None and result.state == ResultState.RETURNED) or viewer.is_opdc:
        return
    today = today or timezone.localdate()
    closes = deadline or deadline_for(round_, organisation_id)
    if not round_.opens_on <= today <= closes:
        raise Conflict(
            f"ปิดรับรายงานผล{round_.name_th}แล้ว (ขอขยายเวลาจากสำนักงาน ก.พ.ร.)",
            f"The {round_.name_en} is closed for reporting (ask OPDC for an extension).",
            field="round",
        )


def deadlines_for(round_: Round, organisation_ids: Iterable[int]) -> dict[int, dt.date]:
    """`deadline_for` of many organisations in one query (imports)."""
    out = {org_id: round_.closes_on for org_id in organisation_ids}
    extensions = DeadlineExtension.objects.filter(round=round_, organisation_id__in=list(out)).values_list(
        "organisation_id", "new_deadline"
    )
    for org_id, new_deadline in extensions:
        if new_deadline > out[org_id]:
            out[org_id] = new_deadline
    return out


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


PLACES = Decimal("0.0001")


def parse_value(raw: object, *, version: KpiVersion | Kpi, field: str = "value") -> Decimal | None:
    """What a valid result value is, the one parser of the form, the API and every import (and the
    verified and appealed values): a number with at most 4 decimals, below 10^14; for a milestone
    KPI a whole step number from 0 to the number of steps. Excel's floats arrive as their shortest
    text (98.5, not 98.4999999999)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = Decimal(str(raw).replace(",", "").strip())
    except InvalidOperation as exc:
        raise Invalid("ผลการดำเนินงานต้องเป็นตัวเลข", "The result must be a number.", field=field) from exc
    if not value.is_finite():
        raise Invalid("ผลการดำเนินงานต้องเป็นตัวเลข", "The result must be a number.", field=field)
    if abs(value) >= Decimal("1e14"):
        raise Invalid("ผลการดำเนินงานมีค่ามากเกินไป", "The result is too large.", field=field)
    # Stored with 4 decimals: a fifth is refused, never rounded away (98.49996 is not 98.5000,
    # and rounding it once moved a published band). Trailing zeros are not decimals.
    stored = value.quantize(PLACES)
    if stored != value:
        raise Invalid(
            "ผลการดำเนินงานมีทศนิยมได้ไม่เกิน 4 ตำแหน่ง",
            "The result may have at most 4 decimal places.",
            field=field,
        )
    value = stored
    if version.measure == Measure.MILESTONE:
        top = max([int(Decimal(str(t))) for t in version.targets] + [5])
        if value != value.to_integral_value() or not 0 <= value <= top:
            raise Invalid(
                f"ตัวชี้วัดระดับความสำเร็จ: ระบุขั้นตอนเป็นจำนวนเต็ม 0–{top}",
                f"A milestone KPI takes a whole step number from 0 to {top}.",
                field=field,
            )
    return value


#: What a person may type or pick in a form, a spreadsheet or the API, Thai or English.
CONFIDENCE_WORDS: dict[str, str] = {
    **{c.value: c.value for c in Confidence},
    "เป็นไปตามแผน": Confidence.ON_TRACK,
    "มีความเสี่ยง": Confidence.AT_RISK,
    "ไม่เป็นไปตามแผน": Confidence.OFF_TRACK,
    "on track": Confidence.ON_TRACK,
    "at risk": Confidence.AT_RISK,
    "off track": Confidence.OFF_TRACK,
}


def parse_confidence(raw: object, reason: object, *, field: str = "confidence") -> tuple[str, str]:
    """What a valid delivery confidence is, the one rule of the form, the API and every import:
    empty (not given), on track, at risk or off track, with a reason when not on track.
    Returns the code and the reason, stripped."""
    text = "" if raw is None else str(raw).strip()
    why = "" if reason is None else str(reason).strip()
    if not text:
        return "", why
    code = CONFIDENCE_WORDS.get(text) or CONFIDENCE_WORDS.get(text.lower().replace("_", " "))
    if code is None:
        raise Invalid(
            "ความมั่นใจต้องเป็น เป็นไปตามแผน มีความเสี่ยง หรือไม่เป็นไปตามแผน",
            "The confidence must be on_track, at_risk or off_track.",
            field=field,
        )
    if code != Confidence.ON_TRACK and not why:
        raise Invalid(
            "กรุณาระบุเหตุผลเมื่อมีความเสี่ยงหรือไม่เป็นไปตามแผน",
            "Give a reason when the KPI is at risk or off track.",
            field="confidence_reason_th",
        )
    return str(code), why


def rescore(result: Result, *, user: Any) -> None:
    """Announce that this result's scorecard (its organisation, its round) must be rescored;
    `scorecards` does it at once, inside this transaction (`core.signals`)."""
    announce_score_inputs_changed(
        framework_id=result.round.framework_id,
        organisation_ids=[result.organisation_id],
        round_id=result.round_id,
        by=user,
    )


def _save(result: Result, user: Any) -> None:
    result.lock_version += 1
    if getattr(user, "pk", None):
        result._history_user = user  # type: ignore[attr-defined]
    result.full_clean()
    result.save()


def _locked_for_update(pk: int) -> Result:
    return (
        Result.objects.select_for_update(of=("self",))
        .select_related("kpi", "round__framework__fiscal_year", "organisation")
        .get(pk=pk)
    )


# ---------------------------------------------------------------- reporting


@transaction.atomic
def result_save(
    *,
    viewer: Viewer,
    user: Any,
    kpi: Kpi,
    round_: Round,
    value: object,
    narrative_th: str,
    lock_version: int | None,
    today: dt.date | None = None,
    confidence: str | None = None,
    confidence_reason_th: str | None = None,
) -> Result:
    """The coordinator enters or corrects a result (a draft until submitted), and beside it the
    delivery confidence for the year-end; `confidence=None` leaves the confidence as it is. The
    confidence changes only when the value may (`check_reportable`), and is audited with it."""
    if not viewer.may_edit_for(kpi.organisation_id):
        raise NotAllowed("เฉพาะผู้ประสานงานของหน่วยงานนี้รายงานผลได้", "Only this organisation's coordinator may report.")
    if round_.framework_id != kpi.framework_id:
        raise Invalid("รอบนี้ไม่อยู่ในกรอบการประเมินของตัวชี้วัด", "This round is not in the KPI's framework.")
    row = kpi_in_round(kpi, round_.months)
    version = check_in_force(kpi, None if row is None else row.version)
    parsed = parse_value(value, version=version)
    said = None if confidence is None else parse_confidence(confidence, confidence_reason_th)
    # Two saves of one KPI at once (a double click, two tabs) take turns on the KPI's row, so the
    # second sees the result the first created instead of failing on the unique (kpi, round).
    list(Kpi.objects.select_for_update(of=("self",)).filter(pk=kpi.pk).order_by().values_list("pk", flat=True))
    result = Result.objects.select_for_update(of=("self",)).filter(kpi=kpi, round=round_).first()
    if result is None:
        if lock_version not in (None, 0, 1):
            raise Conflict("ผลนี้ถูกลบหรือเปลี่ยนไปแล้ว", "This result no longer exists.")
        result = Result(kpi=kpi, round=round_, organisation_id=kpi.organisation_id, version=version, lock_version=0)
    else:
        check_version(result, lock_version)
    check_reportable(
        viewer=viewer,
        result=result if result.pk else None,
        round_=round_,
        organisation_id=kpi.organisation_id,
        today=today,
    )
    result.value = parsed
    result.narrative_th = narrative_th.strip()
    if said is not None:
        result.confidence, result.confidence_reason_th = said
    result.version = version
    result.reported_by = user
    _save(result, user)
    return result


@transaction.atomic
def result_submit(*, viewer: Viewer, user: Any, result: Result, lock_version: int | None = None) -> Result:
    result = _locked_for_update(result.pk)
    if not viewer.may_edit_for(result.organisation_id):
        raise NotAllowed("เฉพาะผู้ประสานงานของหน่วยงานนี้ส่งผลได้", "Only this organisation's coordinator may submit.")
    check_unlocked(result)
    check_version(result, lock_version)
    if result.state not in EDITABLE:
        raise Conflict("ส่งผลนี้แล้ว", "This result has already been submitted.")
    if result.value is None:
        raise Invalid("กรุณากรอกผลการดำเนินงานก่อนส่ง", "Enter the result before submitting.", field="value")
    if result.state != ResultState.RETURNED and not round_is_open(result.round, result.organisation_id):
        raise Conflict("ปิดรับรายงานผลรอบนี้แล้ว", "This round is closed for reporting.")
    before = result.state
    result.state = ResultState.SUBMITTED
    result.submitted_at = timezone.now()
    _save(result, user)
    record(result, action="result_submit", from_state=before, user=user)
    return result


@transaction.atomic
def result_endorse(
    *,
    viewer: Viewer,
    user: Any,
    result: Result,
    approve: bool = True,
    comment: str = "",
    lock_version: int | None = None,
) -> Result:
    """The executive endorses what the coordinator sent, or returns it to the coordinator."""
    result = _locked_for_update(result.pk)
    if not (viewer.is_executive and viewer.organisation_id == result.organisation_id):
        raise NotAllowed("เฉพาะผู้บริหารของหน่วยงานนี้รับรองผลได้", "Only this organisation's executive may endorse.")
    check_unlocked(result)
    check_version(result, lock_version)
    if result.state != ResultState.SUBMITTED:
        raise Conflict("ผลนี้ไม่ได้รอการรับรอง", "This result is not awaiting endorsement.")
    if not approve and not comment.strip():
        raise Invalid("กรุณาระบุเหตุผลที่ส่งกลับ", "Say why it is returned.", field="comment")
    before = result.state
    result.state = ResultState.ENDORSED if approve else ResultState.RETURNED
    if approve:
        result.endorsed_at = timezone.now()
    _save(result, user)
    record(
        result, action="result_endorse" if approve else "result_return", from_state=before, user=user, comment=comment
    )
    notify_opdc_when_round_endorsed(result)
    return result


def verification_queue_path(organisation_code: str, round_: Round) -> str:
    year = round_.framework.fiscal_year.year
    return f"/results/verify/?year={year}&round={round_.months}&organisation={organisation_code}&state=endorsed"


def notify_opdc_when_round_endorsed(result: Result) -> None:
    """OPDC's desk hears once per organisation and round, when its executive has dealt with the last
    result awaiting endorsement and some await verification (one endorsement of five is not news;
    endorsing a round, one by one or all at once, is)."""
    in_round = Result.objects.filter(organisation_id=result.organisation_id, round_id=result.round_id)
    if in_round.filter(state=ResultState.SUBMITTED).exists():
        return
    waiting = in_round.filter(state=ResultState.ENDORSED).count()
    if not waiting:
        return
    desk = get_user_model().objects.filter(is_active=True, person__role=Role.OPDC_DESK)
    organisation = result.organisation
    round_ = result.round
    notify(
        desk,
        f"{organisation.name_th}: ผู้บริหารรับรองผล{round_.name_th} ปี {round_.framework.fiscal_year.year} แล้ว "
        f"{waiting} ตัวชี้วัด รอตรวจสอบ",
        "",
        verification_queue_path(organisation.code, round_),
    )


# ---------------------------------------------------------------- verification


@transaction.atomic
def result_verify(
    *,
    viewer: Viewer,
    user: Any,
    result: Result,
    action: str,
    comment: str = "",
    verified_value: object = None,
    lock_version: int | None = None,
) -> Result:
    """OPDC's desk: `accept`, `return` with comments, or `set_value` (a verified value with a reason)."""
    result = _locked_for_update(result.pk)
    if not viewer.is_opdc:
        raise NotAllowed("เฉพาะเจ้าหน้าที่สำนักงาน ก.พ.ร. ตรวจสอบผลได้", "Only OPDC desk officers verify results.")
    check_unlocked(result)
    check_version(result, lock_version)
    if result.state not in VERIFIABLE:
        raise Conflict("ผลนี้ยังไม่ผ่านการรับรองของผู้บริหาร", "This result has not been endorsed yet.")
    before = result.state
    comment = comment.strip()
    if action == "accept":
        result.state = ResultState.VERIFIED
        if comment:
            result.verification_note_th = comment
    elif action == "return":
        if not comment:
            raise Invalid("กรุณาระบุความเห็นที่ส่งกลับ", "Comments are required to return a result.", field="comment")
        result.state = ResultState.RETURNED
        result.verification_note_th = comment
    elif action == "set_value":
        parsed = parse_value(verified_value, version=result.version, field="verified_value")
        if parsed is None:
            raise Invalid("กรุณาระบุค่าที่ตรวจสอบแล้ว", "Enter the verified value.", field="verified_value")
        if not comment:
            raise Invalid("กรุณาระบุเหตุผลที่ปรับค่า", "A reason is required.", field="comment")
        result.state = ResultState.VERIFIED
        result.verified_value = parsed
        result.verification_note_th = comment
    else:
        raise Invalid("การตรวจสอบไม่ถูกต้อง", "Unknown verification action.", field="action")
    if result.state == ResultState.VERIFIED:
        result.verified_at = timezone.now()
    _save(result, user)
    record(result, action=f"result_verify_{action}", from_state=before, user=user, comment=comment)
    if ResultState.VERIFIED in (before, result.state):
        rescore(result, user=user)  # counted now, or no longer (returned after verification)
    return result


# ---------------------------------------------------------------- approval and locks


@transaction.atomic
def results_approve(
    *, round_: Round, by: Any, reference_th: str, organisations: Iterable[Organisation] | None = None
) -> int:
    """The committee's approval of a round's verified results (called from a meeting resolution).

    Approved results are locked. Returns how many were approved.
    """
    if not reference_th.strip():
        raise Invalid("กรุณาระบุมติที่ประชุมที่เห็นชอบ", "The meeting resolution is required.", field="reference")
    qs = Result.objects.select_for_update(of=("self",)).filter(round=round_, state=ResultState.VERIFIED)
    org_list = list(organisations) if organisations is not None else None
    if org_list is not None:
        qs = qs.filter(organisation__in=org_list)
    now = timezone.now()
    approved = list(qs.select_related("kpi", "organisation", "round__framework__fiscal_year"))
    for result in approved:
        result.state = ResultState.APPROVED
        result.is_locked = True
        result.approved_at = now
        result.approval_ref_th = reference_th.strip()
        _save(result, by)
        record(
            result,
            action="result_approve",
            from_state=ResultState.VERIFIED,
            user=by,
            comment=reference_th,
            notify=False,
        )
    orgs = {r.organisation_id: r.organisation for r in approved}
    for org in orgs.values():
        notify_organisation(org.pk, round_, subject=f"คณะกรรมการเห็นชอบผล{round_.name_th}แล้ว", body=reference_th.strip())
    if orgs:
        announce_score_inputs_changed(
            framework_id=round_.framework_id, organisation_ids=list(orgs), round_id=round_.pk, by=by
        )
    return len(approved)


def round_approve(
    *, viewer: Viewer, user: Any, round_: Round, reference_th: str, organisation: Organisation | None = None
) -> int:
    """OPDC records the committee's approval, naming the meeting (ครั้งที่ 6/2565)."""
    if not viewer.is_opdc and viewer.role != "committee_secretary":
        raise NotAllowed(
            "เฉพาะสำนักงาน ก.พ.ร. หรือฝ่ายเลขานุการบันทึกมติเห็นชอบผลได้",
            "Only OPDC or the committee secretary records approvals.",
        )
    count = results_approve(
        round_=round_, by=user, reference_th=reference_th, organisations=[organisation] if organisation else None
    )
    if count == 0:
        raise Conflict("ไม่มีผลที่ตรวจสอบแล้วรอการเห็นชอบ", "No verified results await approval.")
    return count


@transaction.atomic
def result_unlock(*, viewer: Viewer, user: Any, result: Result, reason: str) -> Result:
    """OPDC reopens an approved result; it goes back to the coordinator and must be approved again."""
    result = _locked_for_update(result.pk)
    if not viewer.is_opdc:
        raise NotAllowed("เฉพาะสำนักงาน ก.พ.ร. ปลดล็อกได้", "Only OPDC may unlock a result.")
    if not result.is_locked:
        raise Conflict("ผลนี้ไม่ได้ล็อกอยู่", "This result is not locked.")
    if not reason.strip():
        raise Invalid("กรุณาระบุเหตุผลการปลดล็อก", "A reason is required to unlock.", field="reason")
    before = result.state
    result.is_locked = False
    result.state = ResultState.RETURNED
    result.verification_note_th = reason.strip()
    _save(result, user)
    record(result, action="result_unlock", from_state=before, user=user, comment=reason.strip())
    rescore(result, user=user)  # back with its organisation: it counts again once verified
    return result


# ---------------------------------------------------------------- publication


def organisation_score(framework: Framework, organisation: Organisation, round_: Round) -> OrganisationScore | None:
    return OrganisationScore.objects.filter(framework=framework, organisation=organisation, round=round_).first()
