"""Reads of the public portal: publication snapshots only, never live tables.

Every read starts from a framework's latest snapshot (`publication.selectors.latest`), or an
earlier version asked for with `?version=N`: a correction in progress (unlock → report → verify →
approve) changes nothing here until OPDC publishes an amendment. A year without a snapshot is a
404 on every page, API endpoint and download. Explanations are the scoring engine's stored text,
carried in the snapshot; nothing here writes one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from govkpi.core.choices import thai
from govkpi.core.errors import NotFound
from govkpi.core.thaisearch import segment
from govkpi.core.thaisort import thai_sort_key
from govkpi.dashboards import maps
from govkpi.dashboards.scores import BAND_PALETTE, BandStyle, band_styles, style_of
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import Framework
from govkpi.organisations.choices import KIND_EN, OrganisationKind
from govkpi.publication import selectors as snapshots
from govkpi.publication.models import Publication, PublishedOrganisation

KIND_TH = dict(OrganisationKind.choices)

published_framework = snapshots.published_framework


def published_frameworks() -> QuerySet[Framework]:
    return snapshots.published_frameworks()


def published_years() -> list[int]:
    return sorted({f.fiscal_year.year for f in published_frameworks()}, reverse=True)


def published_provinces(year: int | None = None) -> Framework | None:
    """The provinces framework published for a year (the latest published one without a year);
    None when there is none yet: the map page then says so instead of answering 404."""
    frameworks = published_frameworks().filter(group=GroupCode.PROVINCES)
    if year is not None:
        frameworks = frameworks.filter(fiscal_year__year=year)
    return frameworks.first()


def frameworks_of_year(year: int) -> list[Framework]:
    frameworks = list(published_frameworks().filter(fiscal_year__year=year))
    if not frameworks:
        raise NotFound("ยังไม่มีผลการประเมินที่เผยแพร่สำหรับปีนี้", "No published results for this year.")
    return frameworks


def stamp(frameworks: list[Framework]) -> str:
    """A cache key part that changes whenever one of the frameworks gets a new snapshot version."""
    return snapshots.latest_stamp(frameworks)


def publication_of(framework: Framework, version: int | None = None) -> Publication:
    """The latest snapshot, or an earlier version of the same round (`?version=N`)."""
    latest = snapshots.latest(framework)
    if latest is None:
        raise NotFound("ยังไม่มีผลการประเมินที่เผยแพร่สำหรับปีและกลุ่มนี้", "No published results for this year and group.")
    if version is None or version == latest.version:
        return latest
    return snapshots.publication_get(framework=framework, months=latest.round.months, version=version)


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
    amended_on: dt.date | None = None
    amendment_reason_th: str = ""
    style: BandStyle | None = None  # the band's colour, symbol and rank (None: no band)

    @property
    def kind_th(self) -> str:
        return thai(KIND_TH.get(self.kind, self.kind))

    @property
    def kind_en(self) -> str:
        return KIND_EN.get(self.kind, self.kind)


def score_rows(framework: Framework, *, publication: Publication | None = None) -> list[ScoreRow]:
    """The organisations of a snapshot with total and band of its round (its summary columns only)."""
    publication = publication or snapshots.latest(framework)
    if publication is None:
        return []
    styles = band_styles(framework)
    rows = []
    for row in snapshots.score_values(publication):
        data = snapshots.score_row(publication, row)
        rows.append(
            ScoreRow(
                data["year"],
                data["group"],
                data["code"],
                data["name_th"],
                data["name_en"],
                data["kind"],
                data["round_months"],
                Decimal(data["total"]),
                data["band"],
                data["is_amended"],
                row["amended_on"],
                row["amendment_reason_th"],
                None if framework.monitoring_only else style_of(data["band"], styles),
            )
        )
    return sort_score_rows(rows)[0]


#: The columns a public list sorts by (`?sort=name`, `?sort=-total`…); name first by default.
SCORE_SORTS = ("name", "kind", "total", "band")


def sort_score_rows(rows: list[ScoreRow], sort: str = "name", *, language: str = "th") -> tuple[list[ScoreRow], str]:
    """The rows sorted by a column (a leading "-" reverses it) and the sort actually used: names in
    Thai dictionary order (`core.thaisort`), or by the English name on English pages; anything
    unknown sorts by name. Ties fall back to the name."""
    column = sort.removeprefix("-")
    if column not in SCORE_SORTS:
        sort, column = "name", "name"

    # Each row's name key is worked out once (a national list is 9,600 names; the key is not cheap).
    name_keys = {
        id(r): thai_sort_key(r.name_en or r.name_th) if language == "en" else thai_sort_key(r.name_th) for r in rows
    }

    def name(r: ScoreRow) -> tuple[str, str, str]:
        return name_keys[id(r)]

    by_name = sorted(rows, key=name)
    keys: dict[str, Callable[[ScoreRow], Any]] = {
        "name": name,
        "kind": lambda r: thai_sort_key(r.kind_en if language == "en" else r.kind_th),
        "total": lambda r: r.total,
        # Best band first; rows without a band last.
        "band": lambda r: r.style.rank if r.style else len(BAND_PALETTE) + 1,
    }
    # Python's sort is stable: sorting the name-ordered rows keeps names in order within a tie.
    ordered = sorted(by_name, key=keys[column], reverse=sort.startswith("-"))
    return ordered, sort


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


@dataclass(frozen=True)
class Named:
    code: str
    name_th: str
    name_en: str


@dataclass(frozen=True)
class ComponentRow:
    code: str
    name_th: str
    name_en: str
    weight: Decimal | None
    score: Decimal | None


@dataclass
class PublicScorecard:
    framework: Framework
    publication: Publication
    organisation: Named
    round_months: int
    total: Decimal
    band: str
    is_amended: bool
    amended_on: dt.date | None
    amendment_reason_th: str
    kpis: list[KpiRow] = field(default_factory=list)
    components: list[ComponentRow] = field(default_factory=list)


def _dec(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def public_scorecard(*, framework: Framework, code: str, version: int | None = None) -> PublicScorecard:
    publication = publication_of(framework, version)
    row = snapshots.organisation_of(publication, code)
    doc: dict[str, Any] = row.document
    return PublicScorecard(
        framework=framework,
        publication=publication,
        organisation=Named(doc["code"], doc["name_th"], doc["name_en"]),
        round_months=doc["round_months"],
        total=Decimal(doc["total"]),
        band=doc["band"],
        is_amended=row.is_amended or bool(doc.get("is_amended")),
        amended_on=row.amended_on,
        amendment_reason_th=row.amendment_reason_th,
        kpis=[
            KpiRow(
                k["code"],
                k["name_th"],
                k["component_name_th"],
                k["unit_th"],
                k["direction_th"],
                Decimal(k["weight"]),
                list(k["targets"]),
                k["is_monitor"],
                _dec(k["value"]),
                _dec(k["points"]),
                _dec(k["weighted"]),
                bool(k["is_amended"]),
                k["explanation_th"],
                k["explanation_en"],
            )
            for k in doc["kpis"]
        ],
        components=[
            ComponentRow(c["code"], c["name_th"], c["name_en"], _dec(c["weight"]), _dec(c["score"]))
            for c in doc["components"]
        ],
    )


def result_rows(framework: Framework, *, publication: Publication | None = None) -> list[dict[str, Any]]:
    """Every published KPI result of a snapshot (open data and the public API)."""
    publication = publication or snapshots.latest(framework)
    if publication is None:
        return []
    return [line for row in snapshots.organisations_of(publication) for line in snapshots.result_rows(publication, row)]


def map_options(rows: list[PublishedOrganisation]) -> list[tuple[str, str]]:
    """The KPI lineages a snapshot's map can be coloured by (one entry each, named by its first KPI)."""
    seen: dict[str, str] = {}
    for row in rows:
        for kpi in row.document["kpis"]:
            seen.setdefault(kpi["lineage"], f"{kpi['lineage']} {kpi['name_th']}")
    return sorted(seen.items())


def province_map(framework: Framework, *, colour_by: str = "band") -> maps.ProvinceMap:
    """The province map painted from the latest snapshot: bands, or one KPI lineage's points."""
    publication = snapshots.latest(framework)
    if publication is None:
        raise NotFound("ยังไม่มีผลการประเมินที่เผยแพร่", "No published results.")
    rows = list(snapshots.organisations_of(publication).only("organisation_id", "amended_on", "document"))
    options = map_options(rows)
    if colour_by != "band" and colour_by not in dict(options):
        colour_by = "band"
    colours: dict[int, tuple[str, str, str]] = {}
    if colour_by == "band":
        styles = band_styles(framework)
        legend = maps.band_legend(styles)
        for row in rows:
            total = Decimal(row.document["total"])
            style = None if framework.monitoring_only else style_of(row.document["band"], styles)
            colours[row.organisation_id] = maps.band_colour(
                style, total, amended=row.is_amended or bool(row.document.get("is_amended"))
            )
    else:
        legend = maps.value_legend()
        for row in rows:
            kpi = next((k for k in row.document["kpis"] if k.get("lineage") == colour_by), None)
            if kpi is None or kpi["points"] is None:
                continue
            colours[row.organisation_id] = maps.value_colour(Decimal(kpi["points"]), kpi["value"], kpi["unit_th"])
    year = framework.fiscal_year.year
    return maps.paint(
        framework,
        colour_by=colour_by,
        colours=colours,
        legend=legend,
        round_=publication.round,
        link=lambda org, _round: f"/public/{year}/{framework.group}/{org.code}/",
        options=options,
    )


@dataclass
class SearchHit:
    year: int
    group: str
    organisation_code: str
    organisation_name: str
    kpi_code: str
    kpi_name: str


def _has_every(words: list[str], *texts: str) -> bool:
    joined = " ".join(texts).lower()
    return all(word in joined for word in words)


def search(query: str, *, limit: int = 100) -> list[SearchHit]:
    """Organisations and KPIs of the latest snapshots whose Thai (or English) name or code has every word."""
    words = list(dict.fromkeys(segment(query)))[:8]
    if not words:
        return []
    hits: list[SearchHit] = []
    for framework in published_frameworks():
        publication = snapshots.latest(framework)
        if publication is None:
            continue
        candidates = PublishedOrganisation.objects.filter(publication=publication)
        for word in words:
            candidates = candidates.filter(search_text__icontains=word)
        year, group = framework.fiscal_year.year, framework.group
        for row in candidates.order_by("code")[:limit]:
            doc = row.document
            if _has_every(words, doc["code"], doc["name_th"], doc["name_en"]):
                hits.append(SearchHit(year, group, doc["code"], doc["name_th"], "", ""))
            for kpi in doc["kpis"]:
                if _has_every(words, kpi["code"], kpi["name_th"], kpi["name_en"]):
                    hits.append(SearchHit(year, group, doc["code"], doc["name_th"], kpi["code"], kpi["name_th"]))
    return hits[:limit]


def not_included(publication: Publication) -> list[dict[str, Any]]:
    """Organisations the snapshot does not include yet (their results are not all approved)."""
    return list(publication.not_included)
