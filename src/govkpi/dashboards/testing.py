"""Builders of stored scores for tests of dashboards and the portal (and for trying pages by hand).

They write the rows the results app stores after scoring (Result, OrganisationScore) straight
away, so dashboard tests do not depend on the reporting workflow. Use inside a transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from govkpi.dashboards.scores import scored_kpis
from govkpi.frameworks.models import Framework, Round
from govkpi.kpis.models import VERSION_FIELDS, Kpi, KpiVersion
from govkpi.organisations.models import Organisation
from govkpi.results.models import OrganisationScore, Result, ResultState


def version_of(kpi: Kpi) -> KpiVersion:
    version = kpi.versions.order_by("-number").first()
    if version is None:
        version = KpiVersion.objects.create(kpi=kpi, number=1, **{f: getattr(kpi, f) for f in VERSION_FIELDS})
    return version


def report_results(
    *, framework: Framework, codes: Iterable[str], months: int = 12, points: Decimal = Decimal(75)
) -> Round:
    """An approved result at the standard target for every KPI of these organisations in one round."""
    round_ = framework.rounds.get(months=months)
    for kpi in scored_kpis(framework, round_).filter(organisation__code__in=list(codes)):
        version = version_of(kpi)
        targets = list(version.targets) or ["0"]
        Result.objects.update_or_create(
            kpi=kpi,
            round=round_,
            defaults={
                "version": version,
                "organisation_id": kpi.organisation_id,
                "value": Decimal(str(targets[len(targets) // 2])),
                "state": ResultState.APPROVED,
                "points": points,
                "weighted": (points * version.weight / 100).quantize(Decimal("0.0001")),
                "explanation": {},
            },
        )
    return round_


def store_scores(
    *,
    framework: Framework,
    totals: dict[str, Decimal | str | int],
    months: int = 12,
    amended: Iterable[str] = (),
) -> Round:
    """OrganisationScore rows with these totals (band from the framework's bands)."""
    round_ = framework.rounds.get(months=months)
    bands = sorted(framework.bands.all(), key=lambda b: b.min_score, reverse=True)
    amended_codes = set(amended)
    for code, raw in totals.items():
        total = Decimal(str(raw))
        band = "" if framework.monitoring_only else next((b.name_th for b in bands if total >= b.min_score), "")
        OrganisationScore.objects.update_or_create(
            organisation=Organisation.objects.get(code=code),
            round=round_,
            defaults={
                "framework": framework,
                "total": total,
                "band": band,
                "is_amended": code in amended_codes,
                "components": [
                    {
                        "code": "performance",
                        "name_th": "Performance Base",
                        "weight": "70",
                        "score": str(total * 7 / 10),
                    },
                    {"code": "potential", "name_th": "Potential Base", "weight": "30", "score": str(total * 3 / 10)},
                ],
            },
        )
    return round_
