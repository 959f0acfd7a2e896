"""The meeting pack: a PDF a committee secretary sends before a meeting.

Cover and agenda on the first page, for each agenda item the summaries and tables it needs (the
committee summary of its framework, once: a later item of the same framework points back to it; its
change requests and proposals), and a draft of the meeting's summary in Thai prose in the manner of
the seeds, numbers filled from the data. The resolutions are said once, in the draft minutes.
Sections follow one another without forced page breaks, so no page is left mostly empty.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import translation

from govkpi.core.choices import thai
from govkpi.core.errors import NotAllowed, NotFound
from govkpi.core.pdf import render_pdf
from govkpi.core.thaidates import MONTHS_TH, WEEKDAYS_TH, be_year, format_date
from govkpi.frameworks.models import Framework
from govkpi.kpis.choices import ChangeLevel, ChangeState
from govkpi.kpis.models import ChangeRequest, Proposal
from govkpi.organisations.access import Viewer
from govkpi.reports.summary import CommitteeSummary, prose_paragraphs, summary_of
from govkpi.reviews.models import AgendaItem, Meeting, Recommendation, Resolution


@dataclass(frozen=True)
class ChangeRequestLine:
    organisation_th: str
    kpi_th: str
    level_th: str
    kind_th: str
    state_th: str
    reason_th: str


@dataclass(frozen=True)
class ProposalLine:
    organisation_th: str
    state_th: str
    kpis: int


@dataclass(frozen=True)
class AgendaSection:
    order: int
    title_th: str
    framework_name_th: str
    summary: CommitteeSummary | None
    change_requests: list[ChangeRequestLine]
    proposals: list[ProposalLine]
    resolutions: list[str]
    #: the earlier item whose pages already carry this framework's summary (summary is then None)
    summary_in: int | None = None


@dataclass(frozen=True)
class MeetingPack:
    meeting_id: int
    committee_th: str
    number_label: str
    title_th: str
    held_on_th: str
    mode_th: str
    chair_th: str
    sections: list[AgendaSection]
    recommendations: list[tuple[str, str]]
    draft_th: list[str] = field(default_factory=list)

    @property
    def heading_th(self) -> str:
        return f"{meeting_of(self.committee_th)} {self.number_label}"


def meeting_of(committee_th: str) -> str:
    """ "การประชุม" and the committee's name, spaced before an abbreviation ("การประชุม อ.ก.พ.ร.",
    "การประชุม ก.พ.ร.") and joined to a word ("การประชุมคณะทำงาน"), as Thai is written."""
    first = committee_th.split(" ", 1)[0]
    return f"การประชุม {committee_th}" if "." in first else f"การประชุม{committee_th}"


def long_date_with_weekday(day: object) -> str:
    """'วันพฤหัสบดีที่ 22 กันยายน 2565', as the seeds date a meeting."""
    import datetime as dt

    assert isinstance(day, dt.date)
    return f"วัน{WEEKDAYS_TH[day.weekday()]}ที่ {day.day} {MONTHS_TH[day.month - 1]} {be_year(day.year)}"


def meeting_for(*, viewer: Viewer, meeting_id: int) -> Meeting:
    """Meetings are committee work: OPDC and committee members and secretaries see them."""
    if not viewer.sees_all:
        raise NotAllowed(
            "เฉพาะสำนักงาน ก.พ.ร. และคณะกรรมการเท่านั้นที่ดูเอกสารการประชุมได้",
            "Only OPDC and committee members may see meeting papers.",
        )
    meeting = Meeting.objects.select_related("committee").filter(pk=meeting_id).first()
    if meeting is None:
        raise NotFound(f"ไม่พบการประชุมหมายเลข {meeting_id}", f"No meeting {meeting_id}.", field="meeting")
    return meeting


def _framework_of_papers(item: AgendaItem) -> Framework | None:
    """An item without a framework of its own takes the one its proposals or change requests belong to."""
    ids = [p.framework_id for p in item.proposals.all()] + [cr.framework_id for cr in item.change_requests.all()]
    return Framework.objects.select_related("fiscal_year").filter(pk__in=ids[:1]).first()


def meeting_pack(*, viewer: Viewer, meeting_id: int, progress: Callable[[str], None] | None = None) -> MeetingPack:
    """The pack of a meeting: a Thai document, so its labels are Thai whatever the page's language."""
    with translation.override("th"):
        return _meeting_pack(viewer=viewer, meeting_id=meeting_id, progress=progress)


def _meeting_pack(*, viewer: Viewer, meeting_id: int, progress: Callable[[str], None] | None = None) -> MeetingPack:
    meeting = meeting_for(viewer=viewer, meeting_id=meeting_id)
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("framework__fiscal_year")
        .prefetch_related(
            Prefetch(
                "change_requests",
                queryset=ChangeRequest.objects.select_related("organisation", "kpi").order_by(
                    "level", "organisation__code"
                ),
            ),
            Prefetch(
                "proposals",
                queryset=Proposal.objects.select_related("organisation").annotate(
                    kpi_count=Count("kpis", filter=Q(kpis__is_removed=False))
                ),
            ),
            Prefetch("resolutions", queryset=Resolution.objects.order_by("recorded_at")),
        )
        .order_by("order")
    )
    summaries: dict[int, CommitteeSummary] = {}
    summarised_in: dict[int, int] = {}
    sections = []
    for item in items:
        if progress:
            progress(f"วาระที่ {item.order}")
        summary = None
        summary_in = None
        framework = item.framework or _framework_of_papers(item)
        if framework is not None and framework.pk in summarised_in:
            summary_in = summarised_in[framework.pk]
        elif framework is not None:
            summaries[framework.pk] = summary_of(viewer=viewer, framework=framework)
            summarised_in[framework.pk] = item.order
            summary = summaries[framework.pk]
        sections.append(
            AgendaSection(
                order=item.order,
                title_th=item.title_th,
                framework_name_th=framework.name_th if framework else "",
                summary=summary,
                change_requests=[
                    ChangeRequestLine(
                        organisation_th=cr.organisation.name_th,
                        kpi_th=f"{cr.kpi.code} {cr.kpi.name_th}" if cr.kpi else "",
                        level_th=cr.get_level_display(),
                        kind_th=cr.get_kind_display(),
                        state_th=cr.get_state_display(),
                        reason_th=cr.reason_th,
                    )
                    for cr in item.change_requests.all()
                ],
                proposals=[
                    ProposalLine(p.organisation.name_th, p.get_state_display(), getattr(p, "kpi_count", 0))
                    for p in item.proposals.all()
                ],
                resolutions=[
                    f"{r.get_decision_display()}{(' ' + r.text_th) if r.text_th else ''}"
                    for r in item.resolutions.all()
                ],
                summary_in=summary_in,
            )
        )
    recommendations = [
        (r.organisation.name_th, r.text_th)
        for r in Recommendation.objects.filter(meeting=meeting).select_related("organisation").order_by("pk")
    ]
    pack = MeetingPack(
        meeting_id=meeting.pk,
        committee_th=meeting.committee.name_th,
        number_label=meeting.number_label,
        title_th=meeting.title_th,
        held_on_th=format_date(meeting.held_on, long=True),
        mode_th=meeting.get_mode_display(),
        chair_th=meeting.chair_th,
        sections=sections,
        recommendations=recommendations,
    )
    return MeetingPack(**{**pack.__dict__, "draft_th": draft_summary(pack, meeting)})


def _change_sentence(lines: list[ChangeRequestLine]) -> str:
    levels = Counter(line.level_th for line in lines)
    order = [thai(level.label) for level in ChangeLevel]
    parts = [f"{level} จำนวน {levels[level]:,} ตัวชี้วัด" for level in order if levels[level]]
    return "โดยมีการขอเปลี่ยนแปลงรายละเอียดตัวชี้วัด" + " และ".join(parts)


def draft_summary(pack: MeetingPack, meeting: Meeting) -> list[str]:
    """Paragraphs in the seeds' manner: when, who chaired, then what each item decided."""
    chair = f" โดยมี{meeting.chair_th} เป็นประธานการประชุม" if meeting.chair_th else ""
    opening = (
        f"เมื่อ{long_date_with_weekday(meeting.held_on)} สำนักงาน ก.พ.ร. ได้จัด{meeting_of(pack.committee_th)} "
        f"{pack.number_label} {pack.mode_th}{chair} ซึ่งที่ประชุมได้พิจารณาเรื่องสำคัญ สรุปได้ดังนี้"
    )
    paragraphs = [opening]
    for section in pack.sections:
        sentences = [f"{section.order}. {section.title_th.strip()}"]
        if section.change_requests:
            sentences.append(_change_sentence(section.change_requests))
        if section.proposals:
            kpis = sum(p.kpis for p in section.proposals)
            sentences.append(f"ของ {len(section.proposals):,} ส่วนราชการ รวม {kpis:,} ตัวชี้วัด")
        if section.summary is not None:
            sentences.append(" ".join(prose_paragraphs(section.summary)[:2]))
        if section.resolutions:
            sentences.append("ที่ประชุมมีมติ" + " และ".join(section.resolutions))
        paragraphs.append(" ".join(sentences))
    if pack.recommendations:
        paragraphs.append("ทั้งนี้ ที่ประชุมได้ให้ข้อเสนอแนะเพิ่มเติม ดังนี้")
        paragraphs.extend(f"- {org} {text}" for org, text in pack.recommendations)
    return paragraphs


def meeting_pack_pdf(pack: MeetingPack) -> bytes:

    return render_pdf(
        "reports/pdf/meeting_pack.html",
        {"pack": pack, "states": [cs for cs in ChangeState if cs != ChangeState.DRAFT]},
        title=pack.heading_th,
    )


def meeting_pack_filename(pack: MeetingPack) -> str:
    return f"meeting-pack-{pack.meeting_id}.pdf"
