"""What a publication would hold today: coverage of a framework's round and each organisation's document.

Reads the STORED scores only (Result points, weighted points and the scoring engine's stored
explanation; `results.OrganisationScore` total, band and components), never recomputes them, and
takes only approved (locked) results. An organisation goes into a snapshot only when every KPI in
force in the round has an approved result and its total is stored: a stored total that still
counts an unapproved value is not the committee's number, so such an organisation is
"not yet included" instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F

from govkpi.frameworks.models import Component, Framework, Round
from govkpi.kpis.models import JointKpi, Kpi, KpiVersion, StrategicKpi
from govkpi.kpis.selectors import newest_in_force, reportable_in_round_q
from govkpi.organisations.models import Organisation
from govkpi.publication.kpi_document import (
    KPI_COLUMNS,
    KPI_COLUMNS_LINKED,
    RESULT_COLUMNS,
    VERSION_COLUMNS,
    joint_row,
    kpi_line,
    plan_link_rows,
    strategic_row,
)
from govkpi.results.models import OrganisationScore, Result, ResultState

Document = dict[str, Any]


@dataclass
class Coverage:
    """One organisation expected in a round: its KPIs in force, how many approved, its document."""

    organisation: Organisation
    expected: list[str] = field(default_factory=list)  # KPI codes in force in the round
    approved: list[str] = field(default_factory=list)  # of those, with an approved result
    has_score: bool = False
    document: Document | None = None  # set only when complete

    @property
    def code(self) -> str:
        return self.organisation.code

    @property
    def missing(self) -> list[str]:
        done = set(self.approved)
        return [code for code in self.expected if code not in done]

    @property
    def included(self) -> bool:
        """Every KPI in force approved and the total stored (its document is built from them)."""
        return self.has_score and not self.missing

    def as_gap(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name_th": self.organisation.name_th,
            "name_en": self.organisation.name_en,
            "approved": len(self.approved),
            "expected": len(self.expected),
        }


def _text(value: object) -> str | None:
    return None if value is None else str(value)


#: How many organisations' documents are built between two progress reports.
PROGRESS_EVERY = 250

Progress = Callable[[int, int], None]


def coverage(
    framework: Framework, round_: Round, *, documents: bool = True, progress: Progress | None = None
) -> list[Coverage]:
    """Every organisation of the framework with KPIs in force in the round, by code.

    A national year is tens of thousands of KPI lines, so this reads plain rows in a fixed number of
    queries whatever the size. `documents=False` only counts (what is expected, approved, scored:
    enough for the preview and the checks before publishing); `progress(done, total)` is told how many
    organisations' documents are built."""
    framework = Framework.objects.prefetch_related("components", "bands").get(pk=framework.pk)
    components = {c.pk: c for c in framework.components.all()}
    band_en = {b.name_th: b.name_en for b in framework.bands.all()}
    # kpis.in_force decides what is in force (tested equal to reportable_in_round), read as plain rows.
    kpis = list(
        Kpi.objects.filter(framework=framework)
        .filter(reportable_in_round_q(round_))
        .order_by("organisation__code", "order", "code")
        .values(*KPI_COLUMNS, *KPI_COLUMNS_LINKED)
    )
    orgs = {o.pk: o for o in Organisation.objects.filter(pk__in={k["organisation_id"] for k in kpis})}
    approved = Result.objects.filter(round=round_, state=ResultState.APPROVED).order_by()
    scores = {s.organisation_id: s for s in OrganisationScore.objects.filter(round=round_).order_by()}
    results: dict[int, dict[str, Any]] = {}
    if documents:
        results = {r["kpi_id"]: r for r in approved.values(*RESULT_COLUMNS)}
    with_result = set(results) if documents else set(approved.values_list("kpi_id", flat=True))
    by_org: dict[int, Coverage] = {}
    for kpi in kpis:
        cov = by_org.get(kpi["organisation_id"])
        if cov is None:
            cov = by_org[kpi["organisation_id"]] = Coverage(orgs[kpi["organisation_id"]])
        cov.expected.append(kpi["code"])
        if kpi["id"] in with_result:
            cov.approved.append(kpi["code"])
    for org_id, cov in by_org.items():
        cov.has_score = org_id in scores
    found = sorted(by_org.values(), key=lambda c: c.code)
    if documents:
        _documents(framework, round_, found, kpis, results, scores, components, band_en, progress)
    return found


def _documents(
    framework: Framework,
    round_: Round,
    found: list[Coverage],
    kpis: list[dict[str, Any]],
    results: dict[int, dict[str, Any]],
    scores: dict[int, OrganisationScore],
    components: dict[int, Component],
    band_en: dict[str, str],
    progress: Progress | None,
) -> None:
    """Each complete organisation's document (every KPI approved, its total stored)."""
    complete = {cov.organisation.pk for cov in found if cov.has_score and not cov.missing}
    lines_of = [k for k in kpis if k["organisation_id"] in complete]
    with_result = {k["id"] for k in lines_of}
    versions = {
        v["id"]: v
        for v in KpiVersion.objects.filter(results__round=round_, results__state=ResultState.APPROVED)
        .order_by()
        .values(*VERSION_COLUMNS)
    }
    # The component of the version in force in the round, for a version scored under none of this
    # framework's components (kpis.in_force picks the version).
    stray = [pk for pk in with_result if versions[results[pk]["version_id"]]["component_id"] not in components]
    fallback: dict[int, int | None] = {}
    if stray:
        rows: dict[int, list[tuple[int, int, int | None]]] = {}
        for kpi_id, number, months, component_id in KpiVersion.objects.filter(kpi_id__in=stray).values_list(
            "kpi_id", "number", "effective_from__months", "component_id"
        ):
            rows.setdefault(kpi_id, []).append((number, months or 0, component_id))
        fallback = {pk: newest_in_force(found_rows, round_.months) for pk, found_rows in rows.items()}
    levels = list(framework.target_levels.order_by("order"))
    joints = {
        j["id"]: joint_row(j)
        for j in JointKpi.objects.filter(pk__in={k["joint_id"] for k in lines_of if k["joint_id"]}).values(
            "id", "code", "host__code", "host__name_th", "host__name_en"
        )
    }
    strategics = {
        s["id"]: s
        for s in StrategicKpi.objects.filter(pk__in={k["strategic_id"] for k in lines_of if k["strategic_id"]}).values(
            "id", "code", "name_th", "name_en"
        )
    }
    nodes: dict[int, list[dict[str, Any]]] = {}
    for link in (
        Kpi.plan_links.through.objects.filter(kpi__framework=framework)
        .order_by()
        .values(
            "kpi_id",
            code=F("plannode__code"),
            kind=F("plannode__kind"),
            order=F("plannode__order"),
            title_th=F("plannode__title_th"),
            title_en=F("plannode__title_en"),
        )
    ):
        if link["kpi_id"] in with_result:
            nodes.setdefault(link["kpi_id"], []).append(dict(link))
    links = {pk: plan_link_rows(found_nodes) for pk, found_nodes in nodes.items()}
    by_org: dict[int, list[dict[str, Any]]] = {}
    for kpi in lines_of:
        by_org.setdefault(kpi["organisation_id"], []).append(kpi)

    def line(kpi: dict[str, Any]) -> dict[str, Any]:
        result = results[kpi["id"]]
        version = versions[result["version_id"]]  # the definition it was reported and scored against
        component = components.get(version["component_id"]) or components.get(fallback.get(kpi["id"]) or 0)
        return kpi_line(
            framework=framework,
            kpi=kpi,
            version=version,
            result=result,
            component=component,
            levels=levels,
            plan_links=links.get(kpi["id"], []),
            joint=joints.get(kpi["joint_id"]) if kpi["joint_id"] else None,
            strategic=strategic_row(strategics.get(kpi["strategic_id"]), kpi["strategic_relation"])
            if kpi["strategic_id"]
            else None,
        )

    names = {c.code: c for c in components.values()}
    total = len(complete)
    done = 0
    if progress is not None:
        progress(0, total)
    for cov in found:
        org = cov.organisation
        if org.pk not in complete:
            continue
        score = scores[org.pk]
        stored = score.components if isinstance(score.components, list) else []
        cov.document = {
            "code": org.code,
            "name_th": org.name_th,
            "name_en": org.name_en,
            "kind": org.kind,
            "round_months": round_.months,
            "total": str(score.total),
            "band": "" if framework.monitoring_only else score.band,
            "band_en": "" if framework.monitoring_only else band_en.get(score.band, ""),
            "is_amended": score.is_amended,
            "components": [
                {
                    "code": str(item.get("code", "")),
                    "name_th": names[item["code"]].name_th if item.get("code") in names else str(item.get("code")),
                    "name_en": names[item["code"]].name_en if item.get("code") in names else "",
                    "weight": _text(item.get("weight")),
                    "score": _text(item.get("score")),
                }
                for item in stored
                if isinstance(item, dict)
            ],
            "kpis": [line(kpi) for kpi in by_org.get(org.pk, [])],
        }
        done += 1
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, total)
    if progress is not None and total % PROGRESS_EVERY:
        progress(total, total)


def search_words(document: Document) -> str:
    """What the public search matches: names and codes of the organisation and its KPIs, lower-cased."""
    parts = [document["code"], document["name_th"], document["name_en"]]
    for kpi in document["kpis"]:
        parts += [kpi["code"], kpi["name_th"], kpi["name_en"]]
    return " " + " ".join(p.lower() for p in parts if p) + " "
