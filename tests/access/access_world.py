"""The objects the access matrix asks about: real ids from the demo world, two organisations' worth.

Each persona has an *own* side and an *other* side. For a coordinator or an executive, own is their
organisation (กรมการพัฒนาชุมชน, CDD) and other is a province they have nothing to do with
(ฉะเชิงเทรา, P24). The MOI reviewer's remit is the provinces, so its own side is P24 and its other
side CDD (a department under MOI, which the reviewer deliberately does not see). OPDC, the committees
and the public get CDD as own and P24 as other; what they see must not depend on it.

Both sides' data are internal (unpublished): CDD's FY2564 and P24's FY2565 results, both FY2566
draft proposals. The demo has no evidence, change requests, appeals, notifications or jobs for
them, so the world adds one of each per side (and per person for notifications and jobs).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from govkpi.basket.models import BasketKpi
from govkpi.core.models import Job
from govkpi.frameworks.models import ExtensionRequest, Framework
from govkpi.kpis.models import ChangeRequest, JointKpi, Kpi, Proposal, StrategicKpi
from govkpi.notifications.models import Notification
from govkpi.organisations.models import ApiToken
from govkpi.results.models import Appeal, Evidence, Result
from govkpi.reviews.models import AgendaItem, Meeting, Recommendation

#: Column order of every matrix: persona → demo username (None: the public, no login).
PERSONAS: dict[str, str | None] = {
    "public": None,
    "opdc_admin": "opdc.admin",
    "opdc_desk": "opdc.desk1",
    "secretary": "committee.secretary",
    "member": "committee.member",
    "moi": "moi.reviewer",
    "coordinator": "cdd.coord",
    "executive": "cdd.exec",
}

#: Roles that see every organisation's internal data (docs/access.md).
SEE_ALL = {"opdc_admin", "opdc_desk", "secretary", "member"}

#: persona → (own organisation, other organisation)
SIDES: dict[str, tuple[str, str]] = {persona: ("CDD", "P24") for persona in PERSONAS} | {"moi": ("P24", "CDD")}

#: Whose notifications and jobs count as "another person's" (a coordinator of the other side).
STRANGER = "ccs.coord"


@dataclass(frozen=True)
class Side:
    """One organisation's internal objects."""

    code: str
    group: str
    year: int
    months: int
    framework: int
    proposal: int
    draft_kpi: int
    kpi: int
    result: int
    round: int
    evidence: int
    change_request: int
    appeal: int
    recommendation: int
    joint: int
    extension_request: int


@dataclass(frozen=True)
class World:
    own: Side
    other: Side
    notification: int
    token: int
    job: str
    basket: str
    meeting: int
    agenda_item: int
    committee: str
    published_year: int
    published_framework: int
    open_framework: int
    strategic: int = 0  # a Strategic KPI of FY2567 (SK-01)
    strategic_kpi: int = 0  # an approved FY2567 KPI of MOF attached to nothing


def _side(code: str, *, year: int, months: int, user: object) -> Side:
    result = (
        Result.objects.filter(organisation__code=code, round__framework__fiscal_year__year=year, round__months=months)
        .select_related("round__framework", "kpi")
        .order_by("pk")
        .first()
    )
    assert result is not None, f"the demo has no {code} results for {year}/{months}"
    framework = result.round.framework
    proposal = Proposal.objects.get(organisation__code=code, framework__fiscal_year__year=2566)
    draft_kpi = Kpi.objects.filter(proposal=proposal).order_by("pk").first()
    assert draft_kpi is not None
    mark = marker(code)
    Kpi.objects.filter(pk=draft_kpi.pk).update(name_th=f"{draft_kpi.name_th} {mark}")
    Result.objects.filter(pk=result.pk).update(narrative_th=f"{result.narrative_th} {mark}")
    content = f"หลักฐานของ {code}".encode()
    evidence = Evidence(
        result=result,
        original_name=f"{mark}.txt",
        content_type="text/plain",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,  # type: ignore[misc]
    )
    evidence.file.save(f"evidence-{code}.txt", ContentFile(content), save=True)
    change = ChangeRequest.objects.create(
        organisation=result.organisation,
        framework=framework,
        kpi=result.kpi,
        round=result.round,
        kind="target",
        level="province" if code.startswith("P") else "department",
        reason_th=f"ขอปรับค่าเป้าหมาย {mark}",
    )
    appeal = Appeal.objects.create(result=result, reason_th=f"ขอให้พิจารณาใหม่ {mark}")
    recommendation = Recommendation.objects.create(
        meeting=Meeting.objects.order_by("pk").first(), organisation=result.organisation, text_th=f"ควรปรับปรุง {mark}"
    )
    joint = JointKpi.objects.create(
        framework=proposal.framework,
        code=f"JX-{code}",
        issue_th="ประเด็นร่วม",
        name_th=f"ตัวชี้วัดร่วม {mark}",
        host=proposal.organisation,
    )
    extension = ExtensionRequest.objects.create(
        framework=framework,
        round=result.round,
        organisation=result.organisation,
        reason=f"ขอขยายเวลา {mark}",
        requested_deadline=result.round.closes_on + dt.timedelta(days=30),
        requested_by=user,
    )
    return Side(
        code=code,
        group=framework.group,
        year=year,
        months=months,
        framework=framework.pk,
        proposal=proposal.pk,
        draft_kpi=draft_kpi.pk,
        kpi=result.kpi_id,
        result=result.pk,
        round=result.round_id,
        evidence=evidence.pk,
        change_request=change.pk,
        appeal=appeal.pk,
        recommendation=recommendation.pk,
        joint=joint.pk,
        extension_request=extension.pk,
    )


def marker(code: str) -> str:
    """A word planted in an organisation's internal objects; it must not show where they may not be seen."""
    return f"internal-{code.lower()}-only"


def _job(owner: object) -> str:
    job = Job.objects.create(kind="report", title="รายงานทดสอบ", owner=owner, state=Job.State.DONE)  # type: ignore[misc]
    job.result_file.save("report.txt", ContentFile(b"report"), save=True)
    job.result_name = "report.txt"
    job.save()
    return str(job.pk)


def build_world() -> World:
    """Adds the missing objects (inside the test's transaction) and returns every id the matrix needs."""
    users = get_user_model().objects
    cdd, stranger = users.get(username="cdd.coord"), users.get(username=STRANGER)
    cdd_side = _side("CDD", year=2564, months=12, user=cdd)
    p24_side = _side("P24", year=2565, months=12, user=stranger)
    notification = Notification.objects.create(user=stranger, subject_th="แจ้งเตือนของคนอื่น", url="/")
    published = Framework.objects.filter(published_at__isnull=False).select_related("fiscal_year").first()
    assert published is not None
    meeting = Meeting.objects.order_by("pk").first()
    assert meeting is not None
    item = AgendaItem.objects.filter(meeting=meeting).first() or AgendaItem.objects.create(
        meeting=meeting, title_th="วาระทดสอบ", order=99
    )
    return World(
        own=cdd_side,
        other=p24_side,
        notification=notification.pk,
        token=ApiToken.issue(user=stranger, name="ของคนอื่น")[0].pk,
        job=_job(stranger),
        basket=BasketKpi.objects.order_by("code").values_list("code", flat=True)[0],
        meeting=meeting.pk,
        agenda_item=item.pk,
        committee=meeting.committee.code,
        published_year=published.fiscal_year.year,
        published_framework=published.pk,
        open_framework=Framework.objects.get(fiscal_year__year=2566, group="agencies").pk,
        strategic=StrategicKpi.objects.get(fiscal_year__year=2567, code="SK-01").pk,
        strategic_kpi=Kpi.objects.get(code="MOF-67-03").pk,
    )


def side_of(world: World, persona: str, which: str) -> Side:
    """The persona's own or other side (CDD and P24 swap for the MOI reviewer)."""
    own_code, other_code = SIDES[persona]
    code = own_code if which == "own" else other_code
    return world.own if world.own.code == code else world.other


def own_notification(user: object) -> int:
    return Notification.objects.create(user=user, subject_th="แจ้งเตือนของฉัน", url="/").pk  # type: ignore[misc]


def own_job(user: object) -> str:
    return _job(user)


def today() -> dt.date:
    return timezone.localdate()
