"""Which KPIs, and which version of each, are in force in a round: the one rule every reader follows.

A KPI of an organisation counts in a round of months M when
- its first version is effective from a round no later than M (a KPI added by a change request
  from round 12 is not in round 6), or it has never been frozen (a draft proposal: the working copy
  is all there is);
- it has not been removed from a round no later than M. A removal approved by a change request
  for round 12 takes the KPI out of round 12 onwards only: round 6 keeps it, its weight and its
  result, so the round-6 weights still add up to the framework's components. A KPI flagged removed
  with no approved removal (dropped while its proposal was still a draft) counts in no round.

The definition scored is the newest version effective from a round no later than M.

Scoring, result sheets, imports, dashboards, reports and change requests all read here
(`kpis_in_round` for model instances, `removal_months` + `in_round` + `newest_in_force` for the
plain column values that rescoring a national year reads), never `Kpi.is_removed` on their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from govkpi.frameworks.models import Framework, Round
from govkpi.kpis.choices import ChangeKind, ChangeState, ProposalState
from govkpi.kpis.models import ChangeRequest, Kpi, KpiVersion

_V = TypeVar("_V")

#: Decisions that make a change request take effect.
TAKEN_EFFECT = (ChangeState.APPROVED, ChangeState.ACKNOWLEDGED)
#: `removal_months` of a KPI removed with no approved removal: gone from every round.
ALWAYS = 0


@dataclass(frozen=True)
class InForce:
    """One KPI in force in a round and the version scored (None: never frozen, the working copy)."""

    kpi: Kpi
    version: KpiVersion | None

    @property
    def definition(self) -> Kpi | KpiVersion:
        return self.version if self.version is not None else self.kpi


def newest_in_force(versions: Iterable[tuple[int, int, _V]], round_months: int) -> _V | None:
    """Of (number, months of the round it is effective from, version), the highest-numbered one
    already effective in a round of these months."""
    best: tuple[int, _V] | None = None
    for number, starts, version in versions:
        if starts <= round_months and (best is None or number > best[0]):
            best = (number, version)
    return None if best is None else best[1]


def in_round(*, removed_from_months: int | None, round_months: int) -> bool:
    """Whether a KPI removed from a round of `removed_from_months` (None: not removed) still counts
    in a round of `round_months`: removal takes effect from its own round only."""
    return removed_from_months is None or round_months < removed_from_months


def removal_months(kpi_ids: Iterable[int] | None = None, *, framework: Framework | int | None = None) -> dict[int, int]:
    """KPI id → the months of the round from which it is removed, for every removed KPI asked about
    (`kpi_ids`) or of the framework. One query (two with `framework`)."""
    removed = Kpi.objects.filter(is_removed=True)
    if kpi_ids is not None:
        removed = removed.filter(pk__in=list(kpi_ids))
    if framework is not None:
        removed = removed.filter(framework=framework)
    months = dict.fromkeys(removed.values_list("pk", flat=True), ALWAYS)
    if not months:
        return months
    # The latest approved removal decides (a KPI can only be removed once, but be safe).
    for kpi_id, round_months in (
        ChangeRequest.objects.filter(kpi_id__in=list(months), kind=ChangeKind.REMOVAL, state__in=TAKEN_EFFECT)
        .order_by("decided_at", "pk")
        .values_list("kpi_id", "round__months")
    ):
        months[kpi_id] = round_months
    return months


def _version_key(version: KpiVersion) -> tuple[int, int, KpiVersion]:
    return version.number, version.effective_from.months if version.effective_from else 0, version


def version_in_force(kpi: Kpi, round_months: int) -> KpiVersion | None:
    """The newest version effective from a round no later than this one (None before approval).
    Reads `kpi.versions.all()`, so prefetch `versions__effective_from` when reading many."""
    return newest_in_force((_version_key(v) for v in kpi.versions.all()), round_months)


def in_force(kpi: Kpi, round_months: int, *, removed_from_months: int | None) -> InForce | None:
    """The KPI and its version in force in a round of these months, or None when it does not count."""
    if not in_round(removed_from_months=removed_from_months, round_months=round_months):
        return None
    versions = list(kpi.versions.all())
    if not versions:
        return InForce(kpi, None)
    version = newest_in_force((_version_key(v) for v in versions), round_months)
    return None if version is None else InForce(kpi, version)


def kpi_in_round(kpi: Kpi, round_months: int) -> InForce | None:
    """One KPI in a round (a query or two): for a single write, such as reporting a result."""
    removed = removal_months([kpi.pk]).get(kpi.pk) if kpi.is_removed else None
    return in_force(kpi, round_months, removed_from_months=removed)


def kpis_in_round(
    framework: Framework | int,
    round_: Round | int,
    *,
    organisations: Iterable[int] | None = None,
    approved_only: bool = False,
    kpis: Iterable[Kpi] | None = None,
) -> list[InForce]:
    """Every KPI of the framework in force in the round (of these organisation ids), with the
    version scored, ordered by organisation, order and code. `approved_only` keeps
    KPIs of approved proposals (what organisations report on). `kpis` (already loaded with
    `versions__effective_from` prefetched) skips the KPI query."""
    months = (
        round_.months if isinstance(round_, Round) else Round.objects.values_list("months", flat=True).get(pk=round_)
    )
    if kpis is None:
        qs = Kpi.objects.filter(framework=framework)
        if organisations is not None:
            qs = qs.filter(organisation_id__in=list(organisations))
        if approved_only:
            qs = qs.filter(proposal__state=ProposalState.APPROVED)
        # A KPI removed from a round no later than this one never counts: leave it in the database.
        qs = qs.filter(Q(is_removed=False) | ~Q(pk__in=_removed_by_round(months)))
        kpis = (
            qs.select_related("component", "joint", "organisation")
            .prefetch_related(
                Prefetch("versions", queryset=KpiVersion.objects.select_related("effective_from").order_by("number"))
            )
            .order_by("organisation__code", "order", "code")
        )
    kpi_list = list(kpis)
    removed = removal_months(k.pk for k in kpi_list if k.is_removed)
    rows = []
    for kpi in kpi_list:
        row = in_force(kpi, months, removed_from_months=removed.get(kpi.pk))
        if row is not None:
            rows.append(row)
    return rows


def _removed_by_round(months: int) -> QuerySet[ChangeRequest, Any]:
    """Removed KPIs whose removal took effect no later than a round of these months, as a subquery."""
    return (
        ChangeRequest.objects.filter(kind=ChangeKind.REMOVAL, state__in=TAKEN_EFFECT, round__months__lte=months)
        .exclude(kpi=None)
        .values("kpi_id")
    )


def reportable_in_round(
    framework: Framework | int, round_: Round | int, *, organisations: Iterable[int] | None = None
) -> list[tuple[Kpi, KpiVersion]]:
    """The approved, frozen KPIs in force in the round with their version: what organisations
    report results on (result sheets, Excel templates and imports, the reporting form)."""
    return [
        (row.kpi, row.version)
        for row in kpis_in_round(framework, round_, organisations=organisations, approved_only=True)
        if row.version is not None
    ]


def reportable_in_round_q(round_: Round) -> Q:
    """`reportable_in_round` as a filter on Kpi, for counting in the database where loading every
    KPI of a national year would not do (reporting progress): approved, frozen with a version
    effective no later than the round, and not removed from this round or an earlier one (a KPI
    flagged removed with no approved removal counts nowhere). Add `framework=` yourself. A test
    checks it selects exactly what `reportable_in_round` returns, round by round."""
    later_removal = ChangeRequest.objects.filter(
        kind=ChangeKind.REMOVAL, state__in=TAKEN_EFFECT, round__months__gt=round_.months
    ).values("kpi_id")
    # The rounds as an uncorrelated subquery (a handful of rows, hashed once), not a join per KPI:
    # the version is then found through its (kpi, effective_from) index alone.
    rounds_so_far = Round.objects.filter(months__lte=round_.months).values("pk")
    effective = KpiVersion.objects.filter(kpi=OuterRef("pk")).filter(
        Q(effective_from__isnull=True) | Q(effective_from_id__in=rounds_so_far)
    )
    return (
        Q(proposal__state=ProposalState.APPROVED)
        & (Q(is_removed=False) | Q(pk__in=later_removal))
        & Q(Exists(effective))
    )
