"""The committee summary: what the seeds report to a committee, computed from the data.

A selector: `committee_summary(viewer=..., year=2565, group="agencies")` returns a typed
`CommitteeSummary`. Internal viewers see what their Viewer allows (OPDC and committees: every
organisation; a coordinator: the KPIs of their own organisation and those already published);
the public sees a summary only of a published framework, and then only published data.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, cast

from django.db.models import Count, Prefetch
from django.utils import translation
from django.utils.translation import gettext

from govkpi.basket.models import THEME_LABELS
from govkpi.core.choices import thai
from govkpi.core.errors import NotFound
from govkpi.core.numbers import format_count, format_percent
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import Framework, Round
from govkpi.kpis.choices import ChangeLevel, ChangeState, KpiType, Origin, Support
from govkpi.kpis.models import ChangeRequest, Kpi
from govkpi.kpis.selectors import joints_visible, visible_kpis
from govkpi.organisations.access import Viewer
from govkpi.organisations.choices import OrganisationKind
from govkpi.organisations.models import Organisation
from govkpi.plans.models import PlanNode
from govkpi.results.models import OrganisationScore

HUNDRED = Decimal(100)
CENT = Decimal("0.01")

#: Short Thai names of kinds, as the seeds write them in a summary sentence.
KIND_SHORT_TH = {
    OrganisationKind.MINISTRY: "กระทรวง",
    OrganisationKind.DEPARTMENT: "กรม",
    OrganisationKind.PM_AGENCY: "ส่วนราชการในสังกัดสำนักนายกรัฐมนตรี",
    OrganisationKind.INDEPENDENT: "ส่วนราชการไม่สังกัดฯ",
    OrganisationKind.PROVINCE: "จังหวัด",
    OrganisationKind.PUBLIC_ORG: "องค์การมหาชน",
    OrganisationKind.BANGKOK: "กรุงเทพมหานคร",
}

THEMES_TH = {key: str(label) for key, label in THEME_LABELS.items()}


def percent(part: int, whole: int) -> Decimal:
    """Share of the whole in percent, rounded half-up to two decimals (91.38)."""
    if whole == 0:
        return Decimal("0.00")
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Share:
    """A count and its share of the relevant total."""

    key: str
    label_th: str
    count: int
    percent: Decimal


@dataclass(frozen=True)
class JointEntry:
    code: str
    name_th: str
    host_th: str
    organisations_th: list[str]


@dataclass(frozen=True)
class JointIssue:
    issue_th: str
    kpis: list[JointEntry]


@dataclass(frozen=True)
class BelowPlanKpi:
    organisation_th: str
    code: str
    name_th: str
    standard_target: Decimal | None
    national_target: Decimal | None
    national_target_th: str
    reason_th: str


@dataclass(frozen=True)
class ChangeRow:
    """Change requests of one level, counted by decision."""

    level: str
    label_th: str
    by_state: dict[str, int]
    #: the same counts in the order of `CommitteeSummary.change_states`
    counts: list[int]
    total: int


@dataclass(frozen=True)
class BandRow:
    name_th: str
    colour: str
    count: int
    percent: Decimal
    organisations_th: list[str]
    name_en: str = ""


@dataclass(frozen=True)
class CommitteeSummary:
    """สรุปสำหรับคณะกรรมการ of one framework, as the viewer may see it."""

    year: int
    group: str
    group_th: str
    framework_id: int
    framework_name_th: str
    is_published: bool
    #: True when the viewer sees only part of the framework's KPIs (a coordinator before publication).
    is_partial: bool
    organisations_total: int
    organisations_by_kind: list[Share]
    kpis_total: int
    kpis_scored: int
    kpis_monitor: int
    from_basket: Share
    proposed: Share
    by_type: list[Share]
    by_theme: list[Share]
    joint_issues: list[JointIssue]
    by_plan_kind: list[Share]
    support: list[Share]
    supporting_percent: Decimal
    below_plan: list[BelowPlanKpi]
    change_states: list[Share]
    change_requests: list[ChangeRow]
    results_round_th: str
    bands: list[BandRow]
    lead_th: str = ""
    paragraphs_th: list[str] = field(default_factory=list)
    results_round_en: str = ""
    lead_en: str = ""
    paragraphs_en: list[str] = field(default_factory=list)

    def with_prose(self) -> CommitteeSummary:
        return dataclasses.replace(
            self,
            lead_th=lead_paragraph(self),
            paragraphs_th=prose_paragraphs(self),
            lead_en=lead_paragraph_en(self),
            paragraphs_en=prose_paragraphs_en(self),
        )

    def as_json(self) -> dict[str, Any]:
        """Plain JSON types: Decimals as strings with their two decimals."""
        return cast(dict[str, Any], _jsonable(dataclasses.asdict(self)))


def _jsonable(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def framework_of(*, viewer: Viewer, year: int, group: str) -> Framework:
    """The framework of a year and group; the public only finds published ones."""
    if group not in GroupCode.values:
        raise NotFound(
            f"ไม่รู้จักกลุ่มการประเมิน {group!r} (agencies หรือ provinces)",
            f"Unknown group {group!r} (agencies or provinces).",
            field="group",
        )
    framework = Framework.objects.select_related("fiscal_year").filter(fiscal_year__year=year, group=group).first()
    if framework is None or (viewer.is_public and not framework.is_published):
        raise NotFound(
            f"ไม่พบกรอบการประเมินปีงบประมาณ พ.ศ. {year} กลุ่ม{GroupCode(group).label}",
            f"No framework for fiscal year {year}, group {group}.",
            field="year",
        )
    return framework


def committee_summary(*, viewer: Viewer, year: int, group: str) -> CommitteeSummary:
    framework = framework_of(viewer=viewer, year=year, group=group)
    return summary_of(viewer=viewer, framework=framework)


def _kind_order(kind: str) -> int:
    return list(OrganisationKind.values).index(kind) if kind in OrganisationKind.values else 99


def summary_of(*, viewer: Viewer, framework: Framework) -> CommitteeSummary:
    """The summary with its Thai labels and prose (a Thai document, whatever the page's language)
    and its English prose beside them."""
    with translation.override("th"):
        return _summary_of(viewer=viewer, framework=framework)


def _summary_of(*, viewer: Viewer, framework: Framework) -> CommitteeSummary:
    participants = list(framework.participants.values_list("kind", flat=True))
    kinds = Counter(participants)
    organisations_by_kind = [
        Share(kind, KIND_SHORT_TH.get(OrganisationKind(kind), kind), n, percent(n, len(participants)))
        for kind, n in sorted(kinds.items(), key=lambda kv: _kind_order(kv[0]))
    ]

    all_kpis = Kpi.objects.filter(framework=framework, is_removed=False)
    visible = visible_kpis(viewer).filter(framework=framework, is_removed=False)
    # Counted in the database, one row per combination of four columns: a national framework has
    # 200,000 KPIs, too many to bring over one by one.
    rows = [
        (is_monitor, origin, kpi_type, support, n)
        for is_monitor, origin, kpi_type, support, n in visible.order_by()
        .values("is_monitor", "origin", "kpi_type", "support")
        .annotate(n=Count("pk"))
        .values_list("is_monitor", "origin", "kpi_type", "support", "n")
    ]
    total = sum(row[4] for row in rows)
    # A viewer who sees everything sees every KPI: no second count over the whole framework.
    is_partial = not viewer.sees_all and total < all_kpis.count()
    monitor = sum(row[4] for row in rows if row[0])
    basket = sum(row[4] for row in rows if row[1] == Origin.BASKET)
    proposed = total - basket

    types: Counter[str] = Counter()
    supports: Counter[str] = Counter()
    for row in rows:
        types[row[2]] += row[4]
        supports[row[3]] += row[4]
    by_type = [
        Share(t.value, thai(t.label), types[t.value], percent(types[t.value], total)) for t in KpiType if types[t.value]
    ]
    themes: Counter[str] = Counter(
        theme for listed in visible.exclude(themes=[]).values_list("themes", flat=True) for theme in (listed or [])
    )
    by_theme = [Share(t, THEMES_TH.get(t, t), n, percent(n, total)) for t, n in sorted(themes.items())]

    plan_kinds: Counter[str] = Counter(
        kind
        for _, kind in Kpi.plan_links.through.objects.filter(kpi__in=visible)
        .values_list("kpi_id", "plannode__kind")
        .distinct()
    )
    by_plan_kind = [
        Share(kind.value, thai(kind.label), plan_kinds[kind.value], percent(plan_kinds[kind.value], total))
        for kind in PlanNode.Kind
    ]
    support = [Share(s.value, thai(s.label), supports[s.value], percent(supports[s.value], total)) for s in Support]
    supporting = supports[Support.DIRECT] + supports[Support.INDIRECT]

    below_plan = [
        BelowPlanKpi(
            organisation_th=k.organisation.name_th,
            code=k.code,
            name_th=k.name_th,
            standard_target=k.standard_target,
            national_target=k.national_target_value,
            national_target_th=k.national_target_th,
            reason_th=k.below_plan_reason_th,
        )
        for k in visible.filter(national_target_value__isnull=False)
        .select_related("organisation")
        # Only what the row and `is_below_plan` read: not the KPIs' long texts.
        .only(
            "code",
            "name_th",
            "targets",
            "direction",
            "national_target_value",
            "national_target_th",
            "below_plan_reason_th",
            "organisation__name_th",
        )
        .order_by("organisation__code", "order")
        if k.is_below_plan
    ]
    round_th, round_en, scores = _scores(viewer, framework)

    return CommitteeSummary(
        year=framework.fiscal_year.year,
        group=framework.group,
        group_th=thai(GroupCode(framework.group).label),
        framework_id=framework.pk,
        framework_name_th=framework.name_th,
        is_published=framework.is_published,
        is_partial=is_partial,
        organisations_total=len(participants),
        organisations_by_kind=organisations_by_kind,
        kpis_total=total,
        kpis_scored=total - monitor,
        kpis_monitor=monitor,
        from_basket=Share(Origin.BASKET.value, thai(Origin.BASKET.label), basket, percent(basket, total)),
        proposed=Share(Origin.PROPOSED.value, thai(Origin.PROPOSED.label), proposed, percent(proposed, total)),
        by_type=by_type,
        by_theme=by_theme,
        joint_issues=_joint_issues(viewer, framework),
        by_plan_kind=by_plan_kind,
        support=support,
        supporting_percent=percent(supporting, total),
        below_plan=below_plan,
        change_states=_change_states(viewer, framework),
        change_requests=_change_rows(viewer, framework),
        results_round_th=round_th,
        results_round_en=round_en,
        bands=_bands(framework, scores),
    ).with_prose()


def _joint_issues(viewer: Viewer, framework: Framework) -> list[JointIssue]:
    # Only the joint KPIs the viewer may see (a draft is its host's and participants' business).
    joints = (
        joints_visible(viewer)
        .filter(framework=framework)
        .select_related("host")
        .prefetch_related(Prefetch("participants", queryset=Organisation.objects.order_by("kind", "code")))
        .order_by("issue_th", "code")
    )
    issues: dict[str, list[JointEntry]] = defaultdict(list)
    for joint in joints:
        issues[joint.issue_th].append(
            JointEntry(
                code=joint.code,
                name_th=joint.name_th,
                host_th=joint.host.name_th,
                organisations_th=[org.name_th for org in joint.participants.all()],
            )
        )
    return [JointIssue(issue_th=issue, kpis=entries) for issue, entries in issues.items()]


def _change_requests(viewer: Viewer, framework: Framework) -> list[ChangeRequest]:
    if viewer.is_public:  # change requests are internal working papers
        return []
    return list(
        ChangeRequest.objects.filter(viewer.organisation_q("organisation__"), framework=framework)
        .exclude(state=ChangeState.DRAFT)
        .only("level", "state")
    )


def _change_states(viewer: Viewer, framework: Framework) -> list[Share]:
    requests = _change_requests(viewer, framework)
    states = Counter(cr.state for cr in requests)
    return [
        Share(s.value, thai(s.label), states[s.value], percent(states[s.value], len(requests)))
        for s in ChangeState
        if s != ChangeState.DRAFT
    ]


def _change_rows(viewer: Viewer, framework: Framework) -> list[ChangeRow]:
    requests = _change_requests(viewer, framework)
    rows = []
    for level in ChangeLevel:
        of_level = [cr for cr in requests if cr.level == level.value]
        counts = Counter(cr.state for cr in of_level)
        rows.append(
            ChangeRow(
                level=level.value,
                label_th=thai(level.label),
                by_state={s.value: counts[s.value] for s in ChangeState if s != ChangeState.DRAFT},
                counts=[counts[s.value] for s in ChangeState if s != ChangeState.DRAFT],
                total=len(of_level),
            )
        )
    return rows


@dataclass(frozen=True)
class _Score:
    band: str
    organisation_th: str


def _scores(viewer: Viewer, framework: Framework) -> tuple[str, str, list[_Score]]:
    """The round and the scores (best first) of the latest round that has any, as far as the
    viewer may see them."""
    if viewer.is_public and not framework.is_published:
        return "", "", []
    qs = OrganisationScore.objects.filter(framework=framework)
    if not viewer.is_public and not framework.is_published:
        qs = qs.filter(viewer.organisation_q("organisation__"))
    latest = qs.order_by("-round__months").values_list("round_id", flat=True).first()
    if latest is None:
        return "", "", []
    rows = qs.filter(round_id=latest).order_by("-total").values_list("band", "organisation__name_th")
    round_ = Round.objects.get(pk=latest)
    return round_.name_th, round_.name_en, [_Score(band, name) for band, name in rows]


def _bands(framework: Framework, scores: list[_Score]) -> list[BandRow]:
    if not scores:
        return []
    bands = list(framework.bands.order_by("-min_score"))
    rows = []
    for band in bands:
        members = [s.organisation_th for s in scores if s.band == band.name_th]
        rows.append(
            BandRow(band.name_th, band.colour, len(members), percent(len(members), len(scores)), members, band.name_en)
        )
    unbanded = [s.organisation_th for s in scores if s.band not in {b.name_th for b in bands}]
    if unbanded:
        rows.append(
            BandRow("ไม่จัดระดับ", "#888888", len(unbanded), percent(len(unbanded), len(scores)), unbanded, "Not banded")
        )
    return rows


# --- prose -----------------------------------------------------------------------------------


def _n(value: int) -> str:
    return format_count(value)


def _kinds_phrase(shares: list[Share]) -> str:
    parts = [f"{_n(s.count)} {s.label_th}" for s in shares]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " และ " + parts[-1]


def _org_word(group: str) -> str:
    return "จังหวัด" if group == GroupCode.PROVINCES else "ส่วนราชการ"


def lead_paragraph(s: CommitteeSummary) -> str:
    """The opening sentence of a summary, as the seeds write it."""
    word = _org_word(s.group)
    kinds = f" ({_kinds_phrase(s.organisations_by_kind)})" if len(s.organisations_by_kind) > 1 else ""
    return (
        f"ในปีงบประมาณ พ.ศ. {s.year} มี{word}เข้ารับการประเมิน {_n(s.organisations_total)} {word}{kinds} "
        f"รวม {_n(s.kpis_total)} ตัวชี้วัด โดยเป็นตัวชี้วัดที่ใช้ในการประเมินผล {_n(s.kpis_scored)} ตัวชี้วัด "
        f"และตัวชี้วัด Monitor (รายงานผลแต่ไม่นำผลมาประเมิน) {_n(s.kpis_monitor)} ตัวชี้วัด"
    )


def prose_paragraphs(s: CommitteeSummary) -> list[str]:
    """The numbered points of a committee summary, numbers filled from the data."""
    word = _org_word(s.group)
    points = [lead_paragraph(s)]
    points.append(
        f"ตัวชี้วัดส่วนใหญ่เป็นตัวชี้วัดที่{word}ได้คัดเลือกจากรายการตัวชี้วัดฯ (KPI Basket) ของสำนักงาน ก.พ.ร. "
        f"จำนวน {_n(s.from_basket.count)} ตัวชี้วัด คิดเป็นร้อยละ {format_percent(s.from_basket.percent)} "
        f"และเป็นตัวชี้วัดที่{word}เสนอเพิ่มเติม จำนวน {_n(s.proposed.count)} ตัวชี้วัด "
        f"คิดเป็นร้อยละ {format_percent(s.proposed.percent)}"
    )
    if s.joint_issues:
        joint_count = sum(len(i.kpis) for i in s.joint_issues)
        issues = ", ".join(i.issue_th for i in s.joint_issues)
        points.append(
            f"มีตัวชี้วัดการขับเคลื่อนการบูรณาการร่วมกัน (Joint KPIs) จำนวน {_n(joint_count)} ตัวชี้วัด "
            f"ใน {_n(len(s.joint_issues))} ประเด็น ได้แก่ {issues}"
        )
    for theme in s.by_theme:
        points.append(f"มีตัวชี้วัดที่รองรับ{theme.label_th} จำนวน {_n(theme.count)} ตัวชี้วัด")
    points.append(
        f"การกำหนดค่าเป้าหมายตัวชี้วัดของแต่ละ{word} พบว่า ร้อยละ {format_percent(s.supporting_percent)} "
        "สามารถตอบโจทย์เป้าหมายของประเทศ ทั้งการสนับสนุนเป้าหมายโดยตรงและทางอ้อม"
    )
    if s.below_plan:
        reasons = sorted({b.reason_th for b in s.below_plan if b.reason_th})
        because = f" เนื่องจาก{' '.join(reasons[:3])}" if reasons else ""
        points.append(f"มีตัวชี้วัดที่กำหนดค่าเป้าหมายต่ำกว่าเป้าหมายตามแผนฯ จำนวน {_n(len(s.below_plan))} ตัวชี้วัด{because}")
    changes = sum(row.total for row in s.change_requests)
    if changes:
        levels = " ".join(f"{row.label_th} {_n(row.total)} ตัวชี้วัด" for row in s.change_requests if row.total)
        points.append(f"มีการขอเปลี่ยนแปลงรายละเอียดตัวชี้วัด รวม {_n(changes)} ตัวชี้วัด ได้แก่ {levels}")
    if s.bands:
        bands = " ".join(f"{_band_th(b.name_th)} {_n(b.count)} {word}" for b in s.bands if b.count)
        points.append(f"ผลการประเมิน{s.results_round_th} จำแนกตามระดับ ได้แก่ {bands}")
    return points


def _band_th(name: str) -> str:
    """A band as the sentence names it: "ระดับดีเด่น", never "ระดับระดับมาตรฐาน" for a framework
    whose band names already say ระดับ (or "ไม่จัดระดับ")."""
    return name if "ระดับ" in name else f"ระดับ{name}"


# --- the same points in English ------------------------------------------------------------------


def _en(label_th: str) -> str:
    """A Thai label (a choice, a kind, a theme) in English, from the catalogue."""
    with translation.override("en"):
        return gettext(label_th)


def _count_of(n: int, singular: str, plural: str = "") -> str:
    return f"{_n(n)} {singular if n == 1 else (plural or singular + 's')}"


def _org_word_en(group: str, n: int) -> str:
    return _count_of(n, "province") if group == GroupCode.PROVINCES else _count_of(n, "organisation")


def lead_paragraph_en(s: CommitteeSummary) -> str:
    kinds = ""
    if len(s.organisations_by_kind) > 1:
        kinds = " (" + ", ".join(f"{_n(k.count)} {_en(k.label_th).lower()}" for k in s.organisations_by_kind) + ")"
    return (
        f"In fiscal year {s.year} (B.E.), {_org_word_en(s.group, s.organisations_total)}{kinds} were evaluated "
        f"on {_count_of(s.kpis_total, 'KPI')}: {_n(s.kpis_scored)} scored and {_n(s.kpis_monitor)} monitor "
        "KPIs (reported but not scored)."
    )


def prose_paragraphs_en(s: CommitteeSummary) -> list[str]:
    """`prose_paragraphs` in English, point for point, numbers from the same data."""
    points = [lead_paragraph_en(s)]
    points.append(
        f"Most KPIs were picked from OPDC's KPI Basket: {_count_of(s.from_basket.count, 'KPI')}, "
        f"{format_percent(s.from_basket.percent)} percent; {_count_of(s.proposed.count, 'KPI')} "
        f"({format_percent(s.proposed.percent)} percent) were proposed by the evaluated organisations."
    )
    if s.joint_issues:
        joint_count = sum(len(i.kpis) for i in s.joint_issues)
        issues = ", ".join(i.issue_th for i in s.joint_issues)
        points.append(f"{_count_of(joint_count, 'joint KPI')} in {_count_of(len(s.joint_issues), 'issue')}: {issues}.")
    for theme in s.by_theme:
        points.append(f"{_count_of(theme.count, 'KPI')} support {_en(theme.label_th)}.")
    points.append(
        f"{format_percent(s.supporting_percent)} percent of the targets support the country's goals, "
        "directly or indirectly."
    )
    if s.below_plan:
        points.append(f"{_count_of(len(s.below_plan), 'KPI')} set a target below the national plan's target.")
    changes = sum(row.total for row in s.change_requests)
    if changes:
        levels = ", ".join(f"{_en(row.label_th).lower()} {_n(row.total)}" for row in s.change_requests if row.total)
        points.append(f"Changes were requested for {_count_of(changes, 'KPI')} ({levels}).")
    if s.bands:
        bands = ", ".join(f"{b.name_en or _en(b.name_th)} {_n(b.count)}" for b in s.bands if b.count)
        points.append(f"Results of the {s.results_round_en or 'latest round'} by band: {bands}.")
    return points
