"""What a publication would hold today: coverage of a framework's round and each organisation's document.

Reads the STORED scores only (Result points, weighted points and the scoring engine's stored
explanation; `results.OrganisationScore` total, band and components), never recomputes them, and
takes only approved (locked) results. An organisation goes into a snapshot only when every KPI in
force in the round has an approved result and its total is stored: a stored total that still
counts an unapproved value is not the committee's number, so such an organisation is
"not yet included" instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from govkpi.frameworks.models import Framework, Round
from govkpi.kpis.models import JointKpi, Kpi, StrategicKpi
from govkpi.kpis.selectors import reportable_in_round
from govkpi.organisations.models import Organisation
from govkpi.plans.models import PlanNode
from govkpi.publication.kpi_document import kpi_line, plan_link_rows
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
        return self.document is not None

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


def coverage(framework: Framework, round_: Round) -> list[Coverage]:
    """Every organisation of the framework with KPIs in force in the round, by code."""
    framework = Framework.objects.prefetch_related("components", "bands").get(pk=framework.pk)
    components = {c.pk: c for c in framework.components.all()}
    band_en = {b.name_th: b.name_en for b in framework.bands.all()}
    in_round = reportable_in_round(framework, round_)  # kpis.selectors decides what is in force
    org_ids = {kpi.organisation_id for kpi, _ in in_round}
    orgs = {o.pk: o for o in Organisation.objects.filter(pk__in=org_ids)}
    results = {
        r.kpi_id: r
        for r in Result.objects.filter(round=round_, state=ResultState.APPROVED, organisation_id__in=org_ids)
        .select_related("version")
        .order_by()
    }
    scores = {s.organisation_id: s for s in OrganisationScore.objects.filter(round=round_).order_by()}
    # What the e-SAR sheet of each KPI needs beyond the version, read once for the framework.
    levels = list(framework.target_levels.order_by("order"))
    with_result = {kpi.pk for kpi, _ in in_round if kpi.pk in results}
    joints = {
        j.pk: j
        for j in JointKpi.objects.filter(pk__in={k.joint_id for k, _ in in_round if k.joint_id}).select_related("host")
    }
    strategics = {
        s.pk: s for s in StrategicKpi.objects.filter(pk__in={k.strategic_id for k, _ in in_round if k.strategic_id})
    }
    nodes: dict[int, list[PlanNode]] = {}
    for link in Kpi.plan_links.through.objects.filter(kpi_id__in=with_result).select_related("plannode"):
        nodes.setdefault(link.kpi_id, []).append(link.plannode)
    links = {pk: plan_link_rows(found) for pk, found in nodes.items()}
    by_org: dict[int, Coverage] = {}
    lines: dict[int, list[dict[str, Any]]] = {}
    for kpi, in_force in in_round:
        cov = by_org.setdefault(kpi.organisation_id, Coverage(orgs[kpi.organisation_id]))
        cov.expected.append(kpi.code)
        result = results.get(kpi.pk)
        if result is None:
            continue
        cov.approved.append(kpi.code)
        version = result.version  # the definition it was reported and scored against
        component = components.get(version.component_id) or components.get(in_force.component_id)
        if kpi.joint_id is not None:
            kpi.joint = joints[kpi.joint_id]
        if kpi.strategic_id is not None:
            kpi.strategic = strategics[kpi.strategic_id]
        lines.setdefault(kpi.organisation_id, []).append(
            kpi_line(
                framework=framework,
                kpi=kpi,
                version=version,
                result=result,
                component=component,
                levels=levels,
                plan_links=links.get(kpi.pk, []),
            )
        )
    names = {c.code: c for c in components.values()}
    for org_id, cov in by_org.items():
        score = scores.get(org_id)
        cov.has_score = score is not None
        if score is None or cov.missing:
            continue
        org = cov.organisation
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
            "kpis": lines.get(org_id, []),
        }
    return sorted(by_org.values(), key=lambda c: c.code)


def search_words(document: Document) -> str:
    """What the public search matches: names and codes of the organisation and its KPIs, lower-cased."""
    parts = [document["code"], document["name_th"], document["name_en"]]
    for kpi in document["kpis"]:
        parts += [kpi["code"], kpi["name_th"], kpi["name_en"]]
    return " " + " ".join(p.lower() for p in parts if p) + " "
