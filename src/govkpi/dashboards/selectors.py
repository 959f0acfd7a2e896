"""Reads behind the dashboards: OPDC's national view, an organisation's own view, MOI's provinces.

Each returns plain data (numbers and rows) that the page draws as charts and tables and the API
returns as JSON, so a chart never shows a number its table or download does not.
Access: national view for OPDC and committees, the provincial view for MOI and OPDC, an
organisation's view for whoever may see that organisation's internal data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Avg, Count, Exists, Max, Min, OuterRef, Sum

from govkpi.core.errors import NotAllowed, NotFound
from govkpi.dashboards.scores import (
    ComponentScore,
    RoundProgress,
    component_scores,
    latest_scores,
    reporting_progress,
)
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import FiscalYear, Framework
from govkpi.kpis.models import Kpi
from govkpi.kpis.selectors import kpis_in_round
from govkpi.organisations.access import Viewer
from govkpi.organisations.choices import OrganisationKind
from govkpi.organisations.models import Organisation
from govkpi.results.models import SCORED_STATES, OrganisationScore, Result
from govkpi.scoring.ambition import less_ambitious, standard_target

HISTOGRAM_BINS = [(Decimal(lo), Decimal(lo + 10)) for lo in range(0, 100, 10)]


def may_see_national(viewer: Viewer) -> bool:
    return viewer.sees_all


def may_see_provinces(viewer: Viewer) -> bool:
    return viewer.is_moi or viewer.is_opdc


def _deny() -> NotAllowed:
    return NotAllowed("คุณไม่มีสิทธิ์ดูแดชบอร์ดนี้", "You may not see this dashboard.")


def years() -> list[int]:
    return list(FiscalYear.objects.order_by("-year").values_list("year", flat=True))


def default_year() -> int | None:
    """The newest year with stored scores, else the newest year."""
    scored = OrganisationScore.objects.order_by("-framework__fiscal_year__year").values_list(
        "framework__fiscal_year__year", flat=True
    )
    every = years()
    return scored.first() or (every[0] if every else None)


def histogram(totals: list[Decimal]) -> list[tuple[str, int]]:
    """Counts of totals in ten-point bins; 100 falls in the last bin."""
    counts = [0] * len(HISTOGRAM_BINS)
    for total in totals:
        index = min(int(total // 10), len(HISTOGRAM_BINS) - 1) if total >= 0 else 0
        counts[index] += 1
    return [(f"{int(lo)}–{int(hi)}", n) for (lo, hi), n in zip(HISTOGRAM_BINS, counts, strict=True)]


@dataclass
class BandRow:
    group: str
    kind: str
    band: str
    count: int


@dataclass
class LineagePoint:
    year: int
    organisations: int
    average_points: Decimal | None
    min_points: Decimal | None
    max_points: Decimal | None


@dataclass
class FrameworkProgress:
    framework: Framework
    rounds: list[RoundProgress]


@dataclass
class NationalView:
    year: int | None
    years: list[int]
    frameworks: list[Framework]
    bands: list[BandRow]
    histogram: list[tuple[str, int]]
    progress: list[FrameworkProgress]
    lineages: list[tuple[str, str]]
    lineage: str
    trend: list[LineagePoint]
    scored_organisations: int = 0


#: How many lineages the trend picker offers: a national world has a lineage per organisation and KPI.
LINEAGE_OPTIONS = 200


def lineage_options(year: int | None, *, chosen: str = "") -> list[tuple[str, str]]:
    """Lineages offered for the trend: the year's first `LINEAGE_OPTIONS` lineages (by code) that
    also appear in another year (a trend needs two points), named by the year's KPI, plus the one
    chosen. Any other lineage can still be asked for by its code (`?lineage=`)."""
    names: dict[str, str] = {}
    rows = (
        Kpi.objects.filter(framework__fiscal_year__year=year or 0)
        .exclude(lineage="")
        .filter(Exists(Kpi.objects.filter(lineage=OuterRef("lineage")).exclude(framework=OuterRef("framework"))))
        .order_by("lineage")
        .values_list("lineage", "name_th")[: LINEAGE_OPTIONS * 2]
    )
    for lineage, name in rows:
        if len(names) >= LINEAGE_OPTIONS:
            break
        names.setdefault(lineage, name)
    if chosen and chosen not in names:
        found = (
            Kpi.objects.filter(lineage=chosen)
            .order_by("-framework__fiscal_year__year")
            .values_list("name_th", flat=True)
            .first()
        )
        if found is not None:
            names[chosen] = found
    return sorted(names.items())


def lineage_trend(lineage: str) -> list[LineagePoint]:
    """Per year: how many organisations reported the lineage's KPI and their points (latest round)."""
    points = []
    rows = (
        # Stored points of results that count: a result of a KPI not in force in its round keeps none.
        Result.objects.filter(kpi__lineage=lineage, points__isnull=False, state__in=SCORED_STATES)
        .values("kpi__framework__fiscal_year__year", "round__months")
        .annotate(n=Count("organisation", distinct=True), avg=Avg("points"), lo=Min("points"), hi=Max("points"))
        .order_by("kpi__framework__fiscal_year__year", "-round__months")
    )
    seen: set[int] = set()
    for row in rows:
        year = row["kpi__framework__fiscal_year__year"]
        if year in seen:
            continue  # the latest round of each year only
        seen.add(year)

        def q(value: object) -> Decimal | None:
            return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))

        points.append(LineagePoint(year, row["n"], q(row["avg"]), q(row["lo"]), q(row["hi"])))
    return points


def national_view(*, viewer: Viewer, year: int | None, lineage: str = "", today: dt.date | None = None) -> NationalView:
    if not may_see_national(viewer):
        raise _deny()
    year = year or default_year()
    frameworks = list(
        Framework.objects.filter(fiscal_year__year=year or 0).select_related("fiscal_year").prefetch_related("bands")
    )
    key = _published_key(frameworks, year=year, lineage=lineage, today=today or dt.date.today())
    if key is not None:
        found = cache.get(key)
        if isinstance(found, NationalView):
            return found
    view = _national_view(frameworks, year=year, lineage=lineage, today=today)
    if key is not None:
        cache.set(key, view, NATIONAL_CACHE_SECONDS)
    return view


#: A published year's national view is kept this long (and dropped at once when it changes).
NATIONAL_CACHE_SECONDS = 60 * 60


def _published_key(frameworks: list[Framework], *, year: int | None, lineage: str, today: dt.date) -> str | None:
    """The cache key of a year whose every framework is published: its results are locked, so the
    view changes only when a framework is republished or a score is recomputed (an upheld appeal):
    the publication stamps and the count, sum and latest time of the stored totals are the key. None (no caching) for a year still in progress."""
    if not frameworks or any(f.published_at is None for f in frameworks):
        return None
    computed = OrganisationScore.objects.filter(framework__in=frameworks).aggregate(
        at=Max("computed_at"), n=Count("pk"), sum=Sum("total")
    )
    stamp = "-".join(f"{f.pk}.{f.published_at.timestamp()}" for f in frameworks if f.published_at)
    at = computed["at"].timestamp() if computed["at"] else 0
    digest = hashlib.sha256(f"{lineage}".encode()).hexdigest()[:16]
    return f"national:{year}:{today.isoformat()}:{stamp}:{at}:{computed['n']}:{computed['sum']}:{digest}"


def _national_view(
    frameworks: list[Framework], *, year: int | None, lineage: str, today: dt.date | None
) -> NationalView:
    bands: Counter[tuple[str, str, str]] = Counter()
    totals: list[Decimal] = []
    for framework in frameworks:
        # Three columns, not 20,000 model instances: only the counts are shown.
        for total, stored_band, kind in latest_scores(framework).values_list("total", "band", "organisation__kind"):
            totals.append(total)
            bands[(framework.group, kind, stored_band or "ไม่จัดระดับ")] += 1
    band_rows = [BandRow(g, k, b, n) for (g, k, b), n in sorted(bands.items())]
    options = lineage_options(year, chosen=lineage)
    if lineage not in dict(options):
        lineage = options[0][0] if options else ""
    return NationalView(
        year=year,
        years=years(),
        frameworks=frameworks,
        bands=band_rows,
        histogram=histogram(totals),
        progress=[FrameworkProgress(f, reporting_progress(f, today=today)) for f in frameworks],
        lineages=options,
        lineage=lineage,
        trend=lineage_trend(lineage) if lineage else [],
        scored_organisations=len(totals),
    )


@dataclass
class ScoreRow:
    year: int
    group: str
    months: int
    total: Decimal
    band: str
    is_amended: bool


@dataclass
class BelowTarget:
    kpi_code: str
    kpi_name: str
    year: int
    months: int
    value: Decimal | None
    target: Decimal
    points: Decimal | None


@dataclass
class OrganisationView:
    organisation: Organisation
    scores: list[ScoreRow]
    components: list[ComponentScore]
    below_target: list[BelowTarget] = field(default_factory=list)


def organisation_view(*, viewer: Viewer, code: str) -> OrganisationView:
    try:
        org = Organisation.objects.get(code=code)
    except Organisation.DoesNotExist as exc:
        raise NotFound("ไม่พบส่วนราชการนี้", "No such organisation.") from exc
    if not viewer.may_see_organisation(organisation_id=org.pk, kind=org.kind, parent_id=org.parent_id):
        raise _deny()
    scores = list(
        OrganisationScore.objects.filter(organisation=org)
        .select_related("framework__fiscal_year", "round")
        .order_by("framework__fiscal_year__year", "round__months")
    )
    rows = [
        ScoreRow(s.framework.fiscal_year.year, s.framework.group, s.round.months, s.total, s.band, s.is_amended)
        for s in scores
    ]
    latest = scores[-1] if scores else None
    components = component_scores(latest.framework, latest.components) if latest else []
    below: list[BelowTarget] = []
    if latest is not None:
        # The KPIs in force in that round, with the version in force (its targets and direction).
        in_force = {
            row.kpi.pk: row.definition
            for row in kpis_in_round(latest.framework_id, latest.round, organisations=[org.pk])
        }
        results = Result.objects.filter(organisation=org, round=latest.round, kpi_id__in=list(in_force)).select_related(
            "kpi"
        )
        for result in results:
            definition = in_force[result.kpi_id]
            target = standard_target(definition.target_values())
            value = result.verified_value if result.verified_value is not None else result.value
            if target is None:
                continue
            short = value is None or less_ambitious(value, target, definition.direction)
            if short:
                below.append(
                    BelowTarget(
                        result.kpi.code,
                        result.kpi.name_th,
                        latest.framework.fiscal_year.year,
                        latest.round.months,
                        value,
                        target,
                        result.points,
                    )
                )
    return OrganisationView(org, rows, components, below)


@dataclass
class ProvinceView:
    year: int | None
    years: list[int]
    framework: Framework | None
    progress: list[RoundProgress]
    bands: list[tuple[str, int]]
    scored: int


def provinces_framework(year: int | None) -> Framework | None:
    return (
        Framework.objects.filter(fiscal_year__year=year or 0, group=GroupCode.PROVINCES)
        .select_related("fiscal_year")
        .first()
    )


def province_view(*, viewer: Viewer, year: int | None, today: dt.date | None = None) -> ProvinceView:
    if not may_see_provinces(viewer):
        raise _deny()
    year = year or default_year()
    framework = provinces_framework(year)
    bands: Counter[str] = Counter()
    scored = 0
    progress: list[RoundProgress] = []
    if framework is not None:
        for score in latest_scores(framework).filter(organisation__kind=OrganisationKind.PROVINCE):
            scored += 1
            bands[score.band or "ไม่จัดระดับ"] += 1
        progress = reporting_progress(framework, today=today)
    return ProvinceView(year, years(), framework, progress, sorted(bands.items()), scored)
