"""Alignment and ambition analysis of one year's KPIs for one group (OPDC and committees).

- plan coverage: which national plan nodes have KPIs linked and which have none;
- below plan: KPIs whose standard target level (the one the organisation commits to) is below the
  national plan target, direction-aware (`scoring.ambition.below_plan`, the rule of
  Kpi.is_below_plan and the committee summary), noting whether even the advanced (top) level
  falls short;
- below baseline: KPIs whose lowest target level is below the last baseline value, or below the
  linear trend of the baseline years projected to the framework's year (least squares);
- duplicates: proposed KPIs whose Thai name resembles a Basket entry or another organisation's KPI.

Similarity of names: `dashboards.similarity` (shared with the review's target quality flags).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db.models import Count, Q

from govkpi.basket.models import BasketKpi
from govkpi.core.errors import NotAllowed
from govkpi.core.excel import Column, Sheet
from govkpi.dashboards.similarity import DUPLICATE_THRESHOLD, jaccard, joint_siblings, words
from govkpi.frameworks.choices import Measure
from govkpi.frameworks.models import Framework
from govkpi.kpis.choices import Origin
from govkpi.kpis.models import Kpi
from govkpi.organisations.access import Viewer
from govkpi.plans.models import PlanNode
from govkpi.scoring import ambition

__all__ = ["DUPLICATE_THRESHOLD", "alignment", "alignment_sheets", "jaccard", "linear_trend", "words"]

WHY_TH = {
    "last": "ต่ำกว่าผลปีล่าสุด",
    "trend": "ต่ำกว่าค่าตามแนวโน้ม",
    "last+trend": "ต่ำกว่าผลปีล่าสุดและแนวโน้ม",
}


def _dec(value: object) -> Decimal | None:
    if isinstance(value, dict):
        value = value.get("value")
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def linear_trend(points: list[tuple[int, Decimal]], year: int) -> Decimal | None:
    """Least-squares line through (year, value), evaluated at `year`; None with fewer than two points."""
    if len(points) < 2:
        return None
    n = Decimal(len(points))
    mean_x = sum(Decimal(x) for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((Decimal(x) - mean_x) ** 2 for x, _ in points)
    if sxx == 0:
        return None
    slope = sum((Decimal(x) - mean_x) * (y - mean_y) for x, y in points) / sxx
    return (mean_y + slope * (Decimal(year) - mean_x)).quantize(Decimal("0.01"))


@dataclass
class NodeCoverage:
    code: str
    kind: str
    title_th: str
    kpi_count: int


@dataclass
class BelowPlan:
    kpi: Kpi
    standard_target: Decimal
    top_target: Decimal
    national_target: Decimal
    reason_th: str
    top_also_below: bool  # even the advanced level falls short of the plan


@dataclass
class BelowBaseline:
    kpi: Kpi
    lowest_target: Decimal
    last_baseline: Decimal | None
    trend: Decimal | None
    why: str  # "last" (below the last baseline value), "trend", or both


@dataclass
class Duplicate:
    kpi: Kpi
    match_kind: str  # "basket" or "kpi"
    match_code: str
    match_name: str
    match_organisation: str
    similarity: Decimal


@dataclass
class Alignment:
    framework: Framework | None
    covered: list[NodeCoverage]
    uncovered: list[NodeCoverage]
    below_plan: list[BelowPlan]
    below_baseline: list[BelowBaseline]
    duplicates: list[Duplicate]


def alignment(*, viewer: Viewer, year: int | None, group: str) -> Alignment:
    if not viewer.sees_all:
        raise NotAllowed("คุณไม่มีสิทธิ์ดูการวิเคราะห์นี้", "You may not see this analysis.")
    framework = Framework.objects.filter(fiscal_year__year=year or 0, group=group).select_related("fiscal_year").first()
    if framework is None:
        return Alignment(None, [], [], [], [], [])
    kpis = list(
        Kpi.objects.filter(framework=framework, is_removed=False)
        .select_related("organisation", "basket")
        .order_by("organisation__code", "order")
    )
    nodes = PlanNode.objects.annotate(
        n=Count("kpis", filter=Q(kpis__framework=framework, kpis__is_removed=False), distinct=True)
    ).order_by("kind", "order", "code")
    coverage = [NodeCoverage(n.code, n.get_kind_display(), n.title_th, n.n) for n in nodes]

    below_plan = []
    below_baseline = []
    for kpi in kpis:
        targets = [t for t in (_dec(v) for v in kpi.targets) if t is not None]
        if not targets:
            continue
        top, lowest, standard = targets[-1], targets[0], targets[ambition.standard_index(len(targets))]
        plan = kpi.national_target_value
        if plan is not None and ambition.below_plan(targets, plan, kpi.direction):
            below_plan.append(
                BelowPlan(
                    kpi,
                    standard,
                    top,
                    plan,
                    kpi.below_plan_reason_th,
                    ambition.less_ambitious(top, plan, kpi.direction),
                )
            )
        if kpi.measure != Measure.NUMERIC:
            continue  # milestone steps (ระดับความสำเร็จ) have no trend to speak of
        history = []
        for entry in kpi.baseline or []:
            if isinstance(entry, dict) and str(entry.get("year", "")).isdigit():
                value = _dec(entry.get("value"))
                if value is not None:
                    history.append((int(entry["year"]), value))
        history.sort()
        if not history:
            continue
        last = history[-1][1]
        trend = linear_trend(history, framework.fiscal_year.year)
        reasons = []
        if ambition.less_ambitious(lowest, last, kpi.direction):
            reasons.append("last")
        if trend is not None and ambition.less_ambitious(lowest, trend, kpi.direction):
            reasons.append("trend")
        if reasons:
            below_baseline.append(BelowBaseline(kpi, lowest, last, trend, "+".join(reasons)))

    duplicates = []
    proposed = [k for k in kpis if k.origin == Origin.PROPOSED]
    if proposed:
        basket = [(b, words(b.name_th)) for b in BasketKpi.objects.filter(group=group, is_retired=False)]
        others = [(k, words(k.name_th)) for k in kpis]
        for kpi in proposed:
            mine = words(kpi.name_th)
            best: Duplicate | None = None
            for entry, entry_words in basket:
                sim = jaccard(mine, entry_words)
                if sim >= DUPLICATE_THRESHOLD and (best is None or sim > best.similarity):
                    best = Duplicate(kpi, "basket", entry.code, entry.name_th, "", sim)
            for other, other_words in others:
                if other.organisation_id == kpi.organisation_id or joint_siblings(kpi, other):
                    continue
                sim = jaccard(mine, other_words)
                if sim >= DUPLICATE_THRESHOLD and (best is None or sim > best.similarity):
                    best = Duplicate(kpi, "kpi", other.code, other.name_th, other.organisation.name_th, sim)
            if best is not None:
                duplicates.append(best)
    return Alignment(
        framework,
        [c for c in coverage if c.kpi_count],
        [c for c in coverage if not c.kpi_count],
        below_plan,
        below_baseline,
        duplicates,
    )


def alignment_sheets(result: Alignment) -> list[Sheet]:
    """The analysis as worksheets for the Excel export (shared core.excel helper)."""
    kpi_columns = [Column("ส่วนราชการ", 36), Column("รหัสตัวชี้วัด", 14), Column("ตัวชี้วัด", 60, "wrap")]
    return [
        Sheet(
            "แผนที่มีตัวชี้วัด",
            [Column("รหัส", 14), Column("ประเภทแผน", 30), Column("ชื่อ", 70, "wrap"), Column("จำนวนตัวชี้วัด", 14, "int")],
            [[c.code, c.kind, c.title_th, c.kpi_count] for c in result.covered],
        ),
        Sheet(
            "แผนที่ยังไม่มีตัวชี้วัด",
            [Column("รหัส", 14), Column("ประเภทแผน", 30), Column("ชื่อ", 70, "wrap")],
            [[c.code, c.kind, c.title_th] for c in result.uncovered],
        ),
        Sheet(
            "ต่ำกว่าเป้าหมายแผน",
            [
                *kpi_columns,
                Column("ค่าเป้าหมายมาตรฐาน", 16, "decimal"),
                Column("ค่าเป้าหมายขั้นสูง", 16, "decimal"),
                Column("ค่าเป้าหมายแผนระดับชาติ", 16, "decimal"),
                Column("ขั้นสูงยังต่ำกว่าแผน", 14),
                Column("เหตุผล", 50, "wrap"),
            ],
            [
                [
                    b.kpi.organisation.name_th,
                    b.kpi.code,
                    b.kpi.name_th,
                    b.standard_target,
                    b.top_target,
                    b.national_target,
                    "ใช่" if b.top_also_below else "ไม่",
                    b.reason_th,
                ]
                for b in result.below_plan
            ],
        ),
        Sheet(
            "ต่ำกว่าฐานข้อมูลเดิม",
            [
                *kpi_columns,
                Column("ค่าเป้าหมายขั้นต้น", 16, "decimal"),
                Column("ผลปีล่าสุด", 14, "decimal"),
                Column("ค่าตามแนวโน้ม", 14, "decimal"),
                Column("ลักษณะ", 24),
            ],
            [
                [
                    b.kpi.organisation.name_th,
                    b.kpi.code,
                    b.kpi.name_th,
                    b.lowest_target,
                    b.last_baseline,
                    b.trend,
                    WHY_TH.get(b.why, b.why),
                ]
                for b in result.below_baseline
            ],
        ),
        Sheet(
            "ตัวชี้วัดที่อาจซ้ำ",
            [
                *kpi_columns,
                Column("ซ้ำกับ", 20),
                Column("รหัส", 14),
                Column("ชื่อ", 60, "wrap"),
                Column("หน่วยงาน", 36),
                Column("ความคล้าย (Jaccard)", 14, "decimal"),
            ],
            [
                [
                    d.kpi.organisation.name_th,
                    d.kpi.code,
                    d.kpi.name_th,
                    "KPI Basket" if d.match_kind == "basket" else "ตัวชี้วัดหน่วยงานอื่น",
                    d.match_code,
                    d.match_name,
                    d.match_organisation,
                    d.similarity,
                ]
                for d in result.duplicates
            ],
        ),
    ]
