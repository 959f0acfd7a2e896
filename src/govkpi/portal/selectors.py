"""Reads of the public portal: only published frameworks (published_at set), ever.

Every read starts from `published_framework(...)` or `published_frameworks()`, so an unpublished
year is a 404 on every page, API endpoint and download, and never appears in a list or a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet

from govkpi.core.errors import NotFound
from govkpi.core.thaisearch import segment
from govkpi.dashboards.scores import (
    ComponentScore,
    component_scores,
    latest_scored_round,
    latest_scores,
    scored_kpis,
)
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import Framework, Round
from govkpi.organisations.choices import KIND_EN, OrganisationKind
from govkpi.organisations.models import Organisation
from govkpi.results.models import OrganisationScore, Result

KIND_TH = dict(OrganisationKind.choices)


def published_frameworks() -> QuerySet[Framework]:
    return (
        Framework.objects.filter(published_at__isnull=False)
        .select_related("fiscal_year")
        .order_by("-fiscal_year__year", "group")
    )


def published_framework(*, year: int, group: str) -> Framework:
    if group not in GroupCode.values:
        raise NotFound("ไม่พบกลุ่มการประเมินนี้", "No such evaluation group.")
    framework = published_frameworks().filter(fiscal_year__year=year, group=group).first()
    if framework is None:
        raise NotFound("ยังไม่มีผลการประเมินที่เผยแพร่สำหรับปีและกลุ่มนี้", "No published results for this year and group.")
    return framework


def published_years() -> list[int]:
    return sorted({f.fiscal_year.year for f in published_frameworks()}, reverse=True)


def frameworks_of_year(year: int) -> list[Framework]:
    frameworks = list(published_frameworks().filter(fiscal_year__year=year))
    if not frameworks:
        raise NotFound("ยังไม่มีผลการประเมินที่เผยแพร่สำหรับปีนี้", "No published results for this year.")
    return frameworks


def stamp(frameworks: list[Framework]) -> str:
    """A cache key part that changes whenever one of the frameworks is (re)published."""
    return "-".join(f"{f.pk}.{f.published_at.timestamp() if f.published_at else 0}" for f in frameworks)


@dataclass
class ScoreRow:
    year: int
    group: str
    code: str
    name_th: str
    name_en: str
    kind: str
    round_months: int
    total: Decimal
    band: str
    is_amended: bool

    @property
    def kind_th(self) -> str:
        return KIND_TH.get(self.kind, self.kind)

    @property
    def kind_en(self) -> str:
        return KIND_EN.get(self.kind, self.kind)


def score_rows(framework: Framework) -> list[ScoreRow]:
    """The organisations of a published framework with total and band of its latest scored round."""
    if framework.published_at is None:
        return []
    rows = []
    for score in latest_scores(framework):
        rows.append(
            ScoreRow(
                framework.fiscal_year.year,
                framework.group,
                score.organisation.code,
                score.organisation.name_th,
                score.organisation.name_en,
                score.organisation.kind,
                score.round.months,
                score.total.quantize(Decimal("0.01")),
                score.band,
                score.is_amended,
            )
        )
    return rows


@dataclass
class KpiRow:
    code: str
    name_th: str
    component: str
    unit_th: str
    direction: str
    weight: Decimal
    targets: list[str]
    is_monitor: bool
    value: Decimal | None
    points: Decimal | None
    weighted: Decimal | None
    is_amended: bool
    explanation_th: str
    explanation_en: str


@dataclass
class PublicScorecard:
    framework: Framework
    organisation: Organisation
    round: Round | None
    score: OrganisationScore | None
    kpis: list[KpiRow] = field(default_factory=list)
    components: list[ComponentScore] = field(default_factory=list)


def explain_th(result: Result | None, *, weight: Decimal, unit: str, targets: list[str], is_monitor: bool) -> str:
    """The stored explanation when the scorer left a Thai text, else one built from the numbers."""
    if result is None:
        return "ยังไม่มีผลการดำเนินงาน จึงได้ 0 คะแนน" if not is_monitor else "ยังไม่มีผลการดำเนินงาน"
    stored = result.explanation if isinstance(result.explanation, dict) else {}
    for key in ("text_th", "th", "text"):
        if isinstance(stored.get(key), str) and stored[key]:
            return str(stored[key])
    value = result.verified_value if result.verified_value is not None else result.value
    parts = [f"ผล {value if value is not None else '–'} {unit}".strip(), f"ค่าเป้าหมาย {' / '.join(targets)}"]
    if result.points is not None:
        parts.append(f"ได้ {result.points.quantize(Decimal('0.01'))} คะแนน")
    if is_monitor:
        parts.append("ตัวชี้วัด Monitor ไม่นำมาคิดคะแนน")
    elif result.weighted is not None:
        parts.append(f"× น้ำหนักร้อยละ {weight} = {result.weighted.quantize(Decimal('0.0001'))}")
    return " · ".join(parts)


def public_scorecard(*, framework: Framework, code: str) -> PublicScorecard:
    if framework.published_at is None:
        raise NotFound("ไม่พบ", "Not found.")
    org = Organisation.objects.filter(code=code, frameworks=framework).first()
    if org is None:
        raise NotFound("ไม่พบหน่วยงานนี้ในผลที่เผยแพร่", "No such organisation among the published results.")
    round_ = latest_scored_round(framework)
    score = OrganisationScore.objects.filter(organisation=org, round=round_).first() if round_ else None
    results = (
        {r.kpi_id: r for r in Result.objects.filter(organisation=org, round=round_).select_related("version")}
        if round_
        else {}
    )
    rows = []
    for kpi in scored_kpis(framework).filter(organisation=org).select_related("component").order_by("order"):
        result = results.get(kpi.pk)
        source = result.version if result is not None else kpi
        targets = [str(t) for t in source.targets]
        rows.append(
            KpiRow(
                kpi.code,
                kpi.name_th,
                kpi.component.name_th,
                source.unit_th,
                source.get_direction_display(),
                source.weight,
                targets,
                source.is_monitor,
                (result.verified_value if result.verified_value is not None else result.value) if result else None,
                result.points if result else None,
                result.weighted if result else None,
                bool(result and result.is_amended),
                explain_th(
                    result, weight=source.weight, unit=source.unit_th, targets=targets, is_monitor=source.is_monitor
                ),
                _stored_text(result, "en"),
            )
        )
    components = component_scores(framework, score.components) if score else []
    return PublicScorecard(framework, org, round_, score, rows, components)


def _stored_text(result: Result | None, lang: str) -> str:
    stored = result.explanation if result is not None and isinstance(result.explanation, dict) else {}
    text = stored.get(lang)
    return text if isinstance(text, str) else ""


@dataclass
class ResultRow:
    year: int
    group: str
    organisation_code: str
    organisation_name_th: str
    kpi_code: str
    kpi_name_th: str
    component: str
    unit_th: str
    direction: str
    is_monitor: bool
    weight: Decimal
    targets: str
    round_months: int
    value: Decimal | None
    points: Decimal | None
    weighted: Decimal | None
    is_amended: bool


def result_rows(framework: Framework) -> list[ResultRow]:
    """Every reported result of the latest scored round of a published framework (open data)."""
    if framework.published_at is None:
        return []
    round_ = latest_scored_round(framework)
    if round_ is None:
        return []
    kpis = scored_kpis(framework)
    results = (
        Result.objects.filter(round=round_, kpi__in=kpis)
        .select_related("kpi", "version__component", "organisation")
        .order_by("organisation__code", "kpi__order")
    )
    return [
        ResultRow(
            framework.fiscal_year.year,
            framework.group,
            r.organisation.code,
            r.organisation.name_th,
            r.kpi.code,
            r.kpi.name_th,
            r.version.component.code,
            r.version.unit_th,
            r.version.direction,
            r.version.is_monitor,
            r.version.weight,
            " / ".join(str(t) for t in r.version.targets),
            round_.months,
            r.verified_value if r.verified_value is not None else r.value,
            r.points,
            r.weighted,
            r.is_amended,
        )
        for r in results
    ]


@dataclass
class SearchHit:
    year: int
    group: str
    organisation_code: str
    organisation_name: str
    kpi_code: str
    kpi_name: str


def search(query: str, *, limit: int = 100) -> list[SearchHit]:
    """Organisations and KPIs of published frameworks whose Thai (or English) name has every word."""
    words = list(dict.fromkeys(segment(query)))[:8]
    if not words:
        return []
    frameworks = list(published_frameworks())
    hits: list[SearchHit] = []
    org_q = Q()
    kpi_q = Q()
    for word in words:
        org_q &= Q(name_th__icontains=word) | Q(name_en__icontains=word) | Q(code__iexact=word)
        kpi_q &= Q(name_th__icontains=word) | Q(name_en__icontains=word) | Q(code__icontains=word)
    for framework in frameworks:
        for org in framework.participants.filter(org_q).order_by("code")[:limit]:
            hits.append(SearchHit(framework.fiscal_year.year, framework.group, org.code, org.name_th, "", ""))
        for kpi in scored_kpis(framework).filter(kpi_q).select_related("organisation").order_by("code")[:limit]:
            hits.append(
                SearchHit(
                    framework.fiscal_year.year,
                    framework.group,
                    kpi.organisation.code,
                    kpi.organisation.name_th,
                    kpi.code,
                    kpi.name_th,
                )
            )
    return hits[:limit]
