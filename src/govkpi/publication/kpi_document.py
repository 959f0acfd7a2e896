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

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import translation

from govkpi.core.choices import thai
from govkpi.frameworks.choices import Direction, Measure
from govkpi.frameworks.models import Component, Framework, TargetLevel
from govkpi.kpis.choices import StrategicRelation
from govkpi.scoring.explain import Lang, step_texts

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


@functools.cache
def _thai_label(choices: type[Direction] | type[Measure], value: str) -> str:
    return thai(choices(value).label)


@functools.cache
def _relation_labels(relation: str) -> tuple[str, str]:
    """A Strategic KPI relation's label in Thai and English (the same few values in every line)."""
    label = StrategicRelation(relation).label if relation else ""
    with translation.override("en"):
        label_en = str(label)
    return thai(label), label_en


@functools.lru_cache(maxsize=1 << 16)
def _sentence(step: tuple[tuple[str, type, Any], ...], lang: Lang) -> tuple[str, ...]:
    return tuple(step_texts([{key: value for key, _, value in step}], lang))


def _step_sentences(steps: list[dict[str, Any]], lang: Lang) -> list[str]:
    """`scoring.explain.step_texts`, one step at a time (it words each step on its own) and each
    distinct step once: a national year has ~260,000 steps but only a few thousand different ones."""
    sentences: list[str] = []
    for step in steps:
        try:
            sentences += _sentence(tuple((key, type(value), value) for key, value in step.items()), lang)
        except TypeError:  # a value that cannot be a key (an odd stored step): word it directly
            sentences += step_texts([step], lang)
    return sentences


def strategic_row(strategic: Mapping[str, Any] | None, relation: str) -> dict[str, str] | None:
    """The national Strategic KPI the KPI carries and how (OPDC's e-SAR labels), or None."""
    if strategic is None:
        return None
    relation_th, relation_en = _relation_labels(relation or "")
    return {
        "code": strategic["code"],
        "name_th": strategic["name_th"],
        "name_en": strategic["name_en"],
        "relation": relation,
        "relation_th": relation_th,
        "relation_en": relation_en,
    }


def joint_row(joint: Mapping[str, Any] | None) -> dict[str, str] | None:
    """The joint KPI the KPI belongs to and its host (`code`, `host__code`, `host__name_th/en`)."""
    if joint is None:
        return None
    return {
        "code": joint["code"],
        "host": joint["host__code"],
        "host_name_th": joint["host__name_th"],
        "host_name_en": joint["host__name_en"],
    }


def plan_link_rows(nodes: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Plan nodes (`code`, `kind`, `order`, `title_th`, `title_en`) as a published KPI lists them."""
    return [
        {"code": n["code"], "kind": n["kind"], "title_th": n["title_th"], "title_en": n["title_en"]}
        for n in sorted(nodes, key=lambda n: (n["kind"], n["order"], n["code"]))
    ]


#: The KPI columns a published line reads (plain rows: a national year is tens of thousands of lines).
KPI_COLUMNS = ("id", "code", "organisation_id", "name_th", "name_en", "lineage", "kpi_type", "themes")
KPI_COLUMNS_LINKED = ("joint_id", "strategic_id", "strategic_relation")
#: The version columns (the definition the result was reported and scored against).
VERSION_COLUMNS = (
    "id",
    "name_th",
    "name_en",
    "component_id",
    "unit_th",
    "direction",
    "weight",
    "targets",
    "is_monitor",
    "measure",
    "definition_th",
    "formula_th",
    "scope_th",
    "collection_th",
    "data_source_th",
    "criteria_th",
    "evidence_th",
)
#: The approved result's columns.
RESULT_COLUMNS = (
    "kpi_id",
    "version_id",
    "value",
    "verified_value",
    "points",
    "weighted",
    "explanation",
    "is_amended",
)


def kpi_line(
    *,
    framework: Framework,
    kpi: Mapping[str, Any],
    version: Mapping[str, Any],
    result: Mapping[str, Any],
    component: Component | None,
    levels: list[TargetLevel],
    plan_links: list[dict[str, str]],
    joint: dict[str, str] | None,
    strategic: dict[str, str] | None,
) -> dict[str, Any]:
    """One approved KPI result of an organisation as the snapshot document stores it, from plain
    rows of the KPI (`KPI_COLUMNS`), its version (`VERSION_COLUMNS`) and result (`RESULT_COLUMNS`)."""
    explanation = result["explanation"]
    stored = explanation if isinstance(explanation, dict) else {}
    raw_steps = stored.get("steps")
    steps = [s for s in raw_steps if isinstance(s, dict)] if isinstance(raw_steps, list) else []
    explanation_th, explanation_en = stored.get("th"), stored.get("en")
    verified = result["verified_value"]
    scored = verified if verified is not None else result["value"]
    return {
        "code": kpi["code"],
        "name_th": version["name_th"] or kpi["name_th"],
        "name_en": version["name_en"] or kpi["name_en"],
        "lineage": kpi["lineage"] or kpi["code"],
        "component": component.code if component else "",
        "component_name_th": component.name_th if component else "",
        "component_name_en": component.name_en if component else "",
        "unit_th": version["unit_th"],
        "direction": version["direction"],
        "direction_th": _thai_label(Direction, version["direction"]),  # a snapshot is Thai for good
        "weight": _text(version["weight"]),
        "targets": [str(t) for t in version["targets"]],
        "is_monitor": version["is_monitor"],
        "value": _text(scored),
        "points": _text(result["points"]),
        "weighted": _text(result["weighted"]),
        "explanation_th": explanation_th if isinstance(explanation_th, str) else "",
        "explanation_en": explanation_en if isinstance(explanation_en, str) else "",
        "is_amended": result["is_amended"],
        # The e-SAR sheet (issue 17).
        "kpi_type": kpi["kpi_type"],
        "measure": version["measure"],
        "measure_th": _thai_label(Measure, version["measure"]),
        "definition_th": version["definition_th"],
        "formula_th": version["formula_th"],
        "scope_th": version["scope_th"],
        "collection_th": version["collection_th"],
        "data_source_th": version["data_source_th"],
        "criteria_th": version["criteria_th"],
        "evidence_th": version["evidence_th"],
        "ladder": ladder(levels, version["targets"]),
        "below_lowest_points": _text(framework.below_lowest_points),
        "reported_value": _text(result["value"]),
        "verified_value": _text(verified),
        "explanation_steps": steps,
        "explanation_steps_th": _step_sentences(steps, "th"),
        "explanation_steps_en": _step_sentences(steps, "en"),
        "themes": [str(t) for t in (kpi["themes"] or [])],
        "plan_links": plan_links,
        "joint": joint,
        "strategic": strategic,
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
