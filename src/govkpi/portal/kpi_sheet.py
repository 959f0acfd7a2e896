"""The public KPI page (e-SAR style): one published KPI of one organisation, read from a snapshot.

`public_kpi` reads the KPI's line of the organisation's document in the latest snapshot (or the
version asked for, `?v=N`) and nothing live: a KPI changed or re-reported after publishing shows
what was published until OPDC publishes an amendment. A KPI not in the snapshot is a 404, like
every public URL of what is not published. Snapshots written before the e-SAR sheet existed lack
its keys: each is None here and the page says "not recorded in this version".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise

from govkpi.core.errors import NotFound
from govkpi.frameworks.choices import Direction, Measure
from govkpi.frameworks.models import Framework
from govkpi.kpis.choices import KpiType
from govkpi.plans.models import PlanNode
from govkpi.portal.selectors import Named, publication_of
from govkpi.publication import selectors as snapshots
from govkpi.publication.models import Publication

NOT_A_KPI_TH = "ไม่พบตัวชี้วัดนี้ในผลที่เผยแพร่"
NOT_A_KPI_EN = "No such KPI among the published results."


def kpi_path(year: int, group: str, org_code: str, kpi_code: str) -> str:
    """The KPI's stable public address: always the latest published version."""
    return f"/public/{year}/{group}/{org_code}/kpi/{kpi_code}/"


@dataclass(frozen=True)
class Rung:
    name_th: str
    name_en: str
    points: Decimal | None
    target: str | None


@dataclass(frozen=True)
class PlanLink:
    code: str
    kind: str
    title_th: str
    title_en: str

    @property
    def kind_label(self) -> str | Promise:
        return PlanNode.Kind(self.kind).label if self.kind in PlanNode.Kind.values else self.kind


@dataclass(frozen=True)
class StrategicLink:
    code: str
    name_th: str
    name_en: str
    relation: str
    relation_th: str
    relation_en: str


@dataclass
class PublicKpi:
    """Everything the public KPI page, its API and open data show of one published KPI."""

    framework: Framework
    publication: Publication
    organisation: Named
    round_months: int
    code: str
    name_th: str
    name_en: str
    component_th: str
    component_en: str
    weight: Decimal | None
    unit_th: str
    direction: str
    targets: list[str]
    is_monitor: bool
    value: Decimal | None
    points: Decimal | None
    weighted: Decimal | None
    is_amended: bool
    explanation_th: str
    explanation_en: str
    # The e-SAR sheet: None when the snapshot predates it.
    kpi_type: str | None = None
    measure: str | None = None
    definition_th: str | None = None
    formula_th: str | None = None
    scope_th: str | None = None
    collection_th: str | None = None
    data_source_th: str | None = None
    criteria_th: str | None = None
    evidence_th: str | None = None
    ladder: list[Rung] = field(default_factory=list)
    below_lowest_points: Decimal | None = None
    reported_value: Decimal | None = None
    verified_value: Decimal | None = None
    steps_th: list[str] = field(default_factory=list)
    steps_en: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    plan_links: list[PlanLink] = field(default_factory=list)
    joint: dict[str, str] | None = None
    strategic: StrategicLink | None = None
    has_sheet: bool = False
    amended_on: dt.date | None = None
    amendment_reason_th: str = ""
    versions: list[Publication] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.framework.fiscal_year.year

    @property
    def group(self) -> str:
        return self.framework.group

    @property
    def path(self) -> str:
        return kpi_path(self.year, self.group, self.organisation.code, self.code)

    @property
    def kpi_type_label(self) -> str:
        return str(KpiType(self.kpi_type).label) if self.kpi_type in KpiType.values else (self.kpi_type or "")

    @property
    def direction_label(self) -> str | Promise:
        return Direction(self.direction).label if self.direction in Direction.values else self.direction

    @property
    def measure_label(self) -> str | Promise:
        return Measure(self.measure).label if self.measure in Measure.values else (self.measure or "")

    @property
    def counted(self) -> bool:
        return not self.is_monitor

    def as_dict(self) -> dict[str, Any]:
        """The public API's and open data's form: plain values, the same names as the snapshot."""
        return {
            "year": self.year,
            "group": self.group,
            "organisation_code": self.organisation.code,
            "organisation_name_th": self.organisation.name_th,
            "organisation_name_en": self.organisation.name_en,
            "round_months": self.round_months,
            "version": self.publication.version,
            "published_at": self.publication.published_at,
            "url": self.path,
            "code": self.code,
            "name_th": self.name_th,
            "name_en": self.name_en,
            "kpi_type": self.kpi_type,
            "component_name_th": self.component_th,
            "component_name_en": self.component_en,
            "weight": self.weight,
            "unit_th": self.unit_th,
            "direction": self.direction,
            "measure": self.measure,
            "definition_th": self.definition_th,
            "formula_th": self.formula_th,
            "scope_th": self.scope_th,
            "collection_th": self.collection_th,
            "data_source_th": self.data_source_th,
            "criteria_th": self.criteria_th,
            "evidence_th": self.evidence_th,
            "targets": self.targets,
            "ladder": [
                {"name_th": r.name_th, "name_en": r.name_en, "points": r.points, "target": r.target}
                for r in self.ladder
            ],
            "below_lowest_points": self.below_lowest_points,
            "is_monitor": self.is_monitor,
            "value": self.value,
            "reported_value": self.reported_value,
            "verified_value": self.verified_value,
            "points": self.points,
            "weighted": self.weighted,
            "is_amended": self.is_amended,
            "explanation_th": self.explanation_th,
            "explanation_en": self.explanation_en,
            "explanation_steps_th": self.steps_th,
            "explanation_steps_en": self.steps_en,
            "themes": self.themes,
            "plan_links": [
                {"code": p.code, "kind": p.kind, "title_th": p.title_th, "title_en": p.title_en}
                for p in self.plan_links
            ],
            "joint": self.joint,
            "strategic": None
            if self.strategic is None
            else {
                "code": self.strategic.code,
                "name_th": self.strategic.name_th,
                "name_en": self.strategic.name_en,
                "relation": self.strategic.relation,
                "relation_th": self.strategic.relation_th,
                "relation_en": self.strategic.relation_en,
            },
        }


def _dec(value: object) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _str(line: dict[str, Any], key: str) -> str | None:
    value = line.get(key)
    return None if value is None else str(value)


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _strategic(value: object) -> StrategicLink | None:
    if not isinstance(value, dict) or not value.get("code"):
        return None
    return StrategicLink(
        *(str(value.get(k, "") or "") for k in ("code", "name_th", "name_en", "relation", "relation_th", "relation_en"))
    )


def from_line(
    line: dict[str, Any], *, framework: Framework, publication: Publication, document: dict[str, Any]
) -> PublicKpi:
    """A published KPI from its line in an organisation's snapshot document (old or new)."""
    explanation_th = str(line.get("explanation_th") or "")
    explanation_en = str(line.get("explanation_en") or "")
    steps_th = _strings(line.get("explanation_steps_th"))
    steps_en = _strings(line.get("explanation_steps_en"))
    return PublicKpi(
        framework=framework,
        publication=publication,
        organisation=Named(document["code"], document["name_th"], document.get("name_en", "")),
        round_months=document["round_months"],
        code=line["code"],
        name_th=line["name_th"],
        name_en=line.get("name_en") or "",
        component_th=line.get("component_name_th") or "",
        component_en=line.get("component_name_en") or "",
        weight=_dec(line.get("weight")),
        unit_th=line.get("unit_th") or "",
        direction=line.get("direction") or "",
        targets=_strings(line.get("targets")),
        is_monitor=bool(line.get("is_monitor")),
        value=_dec(line.get("value")),
        points=_dec(line.get("points")),
        weighted=_dec(line.get("weighted")),
        is_amended=bool(line.get("is_amended")),
        explanation_th=explanation_th,
        explanation_en=explanation_en,
        kpi_type=_str(line, "kpi_type"),
        measure=_str(line, "measure"),
        definition_th=_str(line, "definition_th"),
        formula_th=_str(line, "formula_th"),
        scope_th=_str(line, "scope_th"),
        collection_th=_str(line, "collection_th"),
        data_source_th=_str(line, "data_source_th"),
        criteria_th=_str(line, "criteria_th"),
        evidence_th=_str(line, "evidence_th"),
        ladder=[
            Rung(str(r.get("name_th", "")), str(r.get("name_en", "")), _dec(r.get("points")), _str(r, "target"))
            for r in line.get("ladder") or []
            if isinstance(r, dict)
        ],
        below_lowest_points=_dec(line.get("below_lowest_points")),
        reported_value=_dec(line.get("reported_value")),
        verified_value=_dec(line.get("verified_value")),
        # An old snapshot has the whole sentence only: it is its one step.
        steps_th=steps_th or ([explanation_th] if explanation_th else []),
        steps_en=steps_en or ([explanation_en] if explanation_en else []),
        themes=_strings(line.get("themes")),
        plan_links=[
            PlanLink(
                str(p.get("code", "")), str(p.get("kind", "")), str(p.get("title_th", "")), str(p.get("title_en", ""))
            )
            for p in line.get("plan_links") or []
            if isinstance(p, dict)
        ],
        joint=line.get("joint") if isinstance(line.get("joint"), dict) else None,
        strategic=_strategic(line.get("strategic")),
        has_sheet="ladder" in line,
    )


def public_kpi(*, framework: Framework, code: str, kpi_code: str, version: int | None = None) -> PublicKpi:
    """One published KPI of an organisation: from the latest snapshot, or version N of its round."""
    publication = publication_of(framework, version)
    row = snapshots.organisation_of(publication, code)
    document: dict[str, Any] = row.document
    line = next((k for k in document.get("kpis", []) if k.get("code") == kpi_code), None)
    if line is None:
        raise NotFound(NOT_A_KPI_TH, NOT_A_KPI_EN)
    kpi = from_line(line, framework=framework, publication=publication, document=document)
    kpi.is_amended = kpi.is_amended or row.is_amended
    kpi.amended_on = row.amended_on
    kpi.amendment_reason_th = row.amendment_reason_th
    kpi.versions = [p for p in snapshots.publication_list(framework) if p.round_id == publication.round_id]
    return kpi


def published_kpis(framework: Framework, *, publication: Publication | None = None) -> list[PublicKpi]:
    """Every KPI of a snapshot as the KPI page shows it (open data's `kpis` dataset)."""
    publication = publication or snapshots.latest(framework)
    if publication is None:
        return []
    return [
        from_line(line, framework=framework, publication=publication, document=row.document)
        for row in snapshots.organisations_of(publication)
        for line in row.document.get("kpis", [])
    ]
