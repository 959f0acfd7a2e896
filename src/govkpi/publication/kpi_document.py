"""What one published KPI carries in a snapshot document: OPDC's e-SAR sheet of the KPI.

Everything the public KPI page, the public API and open data show of a KPI is written here at
publication, from the version the result was scored against (its definition, scope, data
collection method, assessment criteria, formula, unit, direction and targets), the framework's
ladder (level names and points), the approved result (reported and verified value) and the scoring
engine's stored score and explanation (points, weighted contribution, steps in Thai and English).
Nothing is scored or explained here: the sentences of the steps are `scoring.explain`'s.

Snapshots written before a key existed simply lack it; readers use `.get()` with a default
(`portal.selectors.public_kpi`), so an old snapshot shows "not recorded" instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import translation

from govkpi.core.choices import thai
from govkpi.frameworks.choices import Direction, Measure
from govkpi.frameworks.models import Component, Framework, TargetLevel
from govkpi.kpis.choices import StrategicRelation
from govkpi.kpis.models import Kpi, KpiVersion
from govkpi.plans.models import PlanNode
from govkpi.results.models import Result
from govkpi.scoring.explain import step_texts

#: Keys added to a published KPI by the e-SAR pages (issue 17); a snapshot without them predates it.
SHEET_KEYS = (
    "kpi_type",
    "measure",
    "measure_th",
    "definition_th",
    "formula_th",
    "scope_th",
    "collection_th",
    "data_source_th",
    "criteria_th",
    "evidence_th",
    "ladder",
    "below_lowest_points",
    "reported_value",
    "verified_value",
    "explanation_steps",
    "explanation_steps_th",
    "explanation_steps_en",
    "themes",
    "plan_links",
    "joint",
    "strategic",
)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def ladder(levels: list[TargetLevel], targets: Iterable[object]) -> list[dict[str, Any]]:
    """The KPI's rungs: each level of the framework with its points and the KPI's target for it."""
    values = [str(t) for t in targets]
    return [
        {
            "name_th": level.name_th,
            "name_en": level.name_en,
            "points": _text(level.points),
            "target": values[i] if i < len(values) else None,
        }
        for i, level in enumerate(levels)
    ]


def _strategic(kpi: Kpi) -> dict[str, str] | None:
    """The national Strategic KPI the KPI carries and how (OPDC's e-SAR labels), or None."""
    target = kpi.strategic if kpi.strategic_id else None
    if target is None:
        return None
    label = StrategicRelation(kpi.strategic_relation).label if kpi.strategic_relation else ""
    with translation.override("en"):
        label_en = str(label)
    return {
        "code": target.code,
        "name_th": target.name_th,
        "name_en": target.name_en,
        "relation": kpi.strategic_relation,
        "relation_th": thai(label),
        "relation_en": label_en,
    }


def plan_link_rows(nodes: Iterable[PlanNode]) -> list[dict[str, str]]:
    return [
        {"code": n.code, "kind": n.kind, "title_th": n.title_th, "title_en": n.title_en}
        for n in sorted(nodes, key=lambda n: (n.kind, n.order, n.code))
    ]


def kpi_line(
    *,
    framework: Framework,
    kpi: Kpi,
    version: KpiVersion,
    result: Result,
    component: Component | None,
    levels: list[TargetLevel],
    plan_links: list[dict[str, str]],
) -> dict[str, Any]:
    """One approved KPI result of an organisation as the snapshot document stores it."""
    stored = result.explanation if isinstance(result.explanation, dict) else {}
    raw_steps = stored.get("steps")
    steps = [s for s in raw_steps if isinstance(s, dict)] if isinstance(raw_steps, list) else []
    explanation_th, explanation_en = stored.get("th"), stored.get("en")
    joint = kpi.joint
    return {
        "code": kpi.code,
        "name_th": version.name_th or kpi.name_th,
        "name_en": version.name_en or kpi.name_en,
        "lineage": kpi.lineage or kpi.code,
        "component": component.code if component else "",
        "component_name_th": component.name_th if component else "",
        "component_name_en": component.name_en if component else "",
        "unit_th": version.unit_th,
        "direction": version.direction,
        "direction_th": thai(Direction(version.direction).label),  # a snapshot is Thai for good
        "weight": _text(version.weight),
        "targets": [str(t) for t in version.targets],
        "is_monitor": version.is_monitor,
        "value": _text(result.scored_value),
        "points": _text(result.points),
        "weighted": _text(result.weighted),
        "explanation_th": explanation_th if isinstance(explanation_th, str) else "",
        "explanation_en": explanation_en if isinstance(explanation_en, str) else "",
        "is_amended": result.is_amended,
        # The e-SAR sheet (issue 17).
        "kpi_type": kpi.kpi_type,
        "measure": version.measure,
        "measure_th": thai(Measure(version.measure).label),
        "definition_th": version.definition_th,
        "formula_th": version.formula_th,
        "scope_th": version.scope_th,
        "collection_th": version.collection_th,
        "data_source_th": version.data_source_th,
        "criteria_th": version.criteria_th,
        "evidence_th": version.evidence_th,
        "ladder": ladder(levels, version.targets),
        "below_lowest_points": _text(framework.below_lowest_points),
        "reported_value": _text(result.value),
        "verified_value": _text(result.verified_value),
        "explanation_steps": steps,
        "explanation_steps_th": step_texts(steps, "th"),
        "explanation_steps_en": step_texts(steps, "en"),
        "themes": [str(t) for t in (kpi.themes or [])],
        "plan_links": plan_links,
        "joint": None
        if joint is None
        else {
            "code": joint.code,
            "host": joint.host.code,
            "host_name_th": joint.host.name_th,
            "host_name_en": joint.host.name_en,
        },
        "strategic": _strategic(kpi),
    }


def differs(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether an organisation's approved data changed since an earlier snapshot took it.

    Keys an older snapshot did not carry yet (the e-SAR sheet) are not a change of data: without
    this, the first amendment after the sheet was added would re-take every organisation."""
    old_kpis = {k.get("code"): k for k in old.get("kpis", []) if isinstance(k, dict)}

    def as_old(line: dict[str, Any]) -> dict[str, Any]:
        before = old_kpis.get(line.get("code"))
        if before is None:
            return line
        return {key: value for key, value in line.items() if key in before or key not in SHEET_KEYS}

    return old != {**new, "kpis": [as_old(k) for k in new.get("kpis", [])]}
