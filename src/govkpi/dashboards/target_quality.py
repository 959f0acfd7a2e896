"""Target quality in the review: each KPI of a proposal with its history and its flags.

The one owner of the flags a reviewer sees on the proposal page, in `GET /api/v1/proposals/{id}/
target-quality` and in `govkpi quality`:

- history: the organisation's KPI of the same lineage (`Kpi.lineage`) or, failing that, the same
  Basket KPI in each of the three fiscal years before the proposal's, with its targets and its
  12-month result (the verified value when the desk set one). A result still in draft or returned
  is the organisation's work in progress and is not shown; a submitted or endorsed one is shown
  as provisional (`is_final` False).
- flags (codes in `kpis.choices.QualityFlag`, each with a Thai and an English message and the
  numbers behind it):
  * `below_last_actual`: the standard target is less ambitious than the latest 12-month actual
    of the history (below it, or above it for a lower-is-better KPI);
  * `below_plan`: the standard target is less ambitious than the national plan's target, the
    committee summary's "targets below plan" rule (`scoring.ambition.below_plan`);
  * `unit_differs`: the KPI's unit is not its Basket entry's;
  * `near_duplicate`: another KPI of the same proposal has a similar name (the alignment
    analysis's similarity, `dashboards.similarity`); rows of one Joint KPI never count.

Scoped like the proposal page: whoever may open the proposal sees its quality; results come from
`results.selectors.visible_results`, so nobody sees another organisation's figures through it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import get_language

from govkpi.core.errors import NotFound
from govkpi.core.numbers import format_value
from govkpi.core.thaidates import format_fiscal_year
from govkpi.dashboards.similarity import DUPLICATE_THRESHOLD, jaccard, joint_siblings, words
from govkpi.frameworks.choices import Direction
from govkpi.kpis import comments, selectors
from govkpi.kpis.choices import QualityFlag
from govkpi.kpis.models import Kpi, Proposal
from govkpi.organisations.access import Viewer
from govkpi.results.models import ResultState, counts_in_score
from govkpi.results.selectors import visible_results
from govkpi.scoring.ambition import less_ambitious, standard_target

#: How many fiscal years of history the review shows.
HISTORY_YEARS = 3

#: Results not yet the organisation's word (its own drafts, or sent back to it).
UNSENT = (ResultState.DRAFT, ResultState.RETURNED)

Evidence = dict[str, Decimal | int | str | bool | None]


@dataclass(frozen=True)
class YearHistory:
    """One fiscal year of a KPI's history: the predecessor KPI, its targets and 12-month result."""

    year: int
    kpi_code: str
    matched_by: str  # "lineage" or "basket"
    unit_th: str
    targets: tuple[Decimal, ...]
    value: Decimal | None
    state: str  # the result's state, "" when none was sent
    is_final: bool  # verified or approved: the figure that is scored

    @property
    def standard(self) -> Decimal | None:
        return standard_target(self.targets)


@dataclass(frozen=True)
class Flag:
    code: str
    message_th: str
    message_en: str
    evidence: Evidence

    @property
    def label(self) -> str:
        return str(QualityFlag(self.code).label)

    @property
    def label_th(self) -> str:
        return comments.flag_label_th(self.code)

    @property
    def message(self) -> str:
        return self.message_en if (get_language() or "th").startswith("en") else self.message_th


@dataclass
class KpiQuality:
    kpi: Kpi
    years: list[int]
    history: dict[int, YearHistory] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)

    @property
    def rows(self) -> list[tuple[int, YearHistory | None]]:
        """Every year of the window, oldest first, None where there was no predecessor."""
        return [(year, self.history.get(year)) for year in self.years]

    @property
    def last_actual(self) -> YearHistory | None:
        sent = [h for h in self.history.values() if h.value is not None]
        return max(sent, key=lambda h: h.year) if sent else None


@dataclass
class ProposalQuality:
    proposal: Proposal
    years: list[int]
    kpis: list[KpiQuality]
    may_cite: bool  # the viewer may comment now, so may cite a flag

    @property
    def flag_count(self) -> int:
        return sum(len(k.flags) for k in self.kpis)

    def of(self, kpi_id: int) -> KpiQuality | None:
        return next((k for k in self.kpis if k.kpi.pk == kpi_id), None)


def _v(value: Decimal | None) -> str:
    return format_value(value)


def _history(
    viewer: Viewer, proposal: Proposal, kpis: list[Kpi], years: list[int]
) -> dict[int, dict[int, YearHistory]]:
    """kpi id → year → the year's predecessor: the same lineage first, else the same Basket KPI."""
    lineages = {k.lineage for k in kpis if k.lineage}
    baskets = {k.basket_id for k in kpis if k.basket_id}
    if not lineages and not baskets:
        return {}
    earlier = list(
        Kpi.objects.filter(
            Q(lineage__in=lineages) | Q(basket_id__in=baskets),
            organisation_id=proposal.organisation_id,
            framework__group=proposal.framework.group,
            framework__fiscal_year__year__in=years,
            is_removed=False,
        )
        .select_related("framework__fiscal_year")
        .order_by("framework__fiscal_year__year", "order", "pk")
    )
    results = {
        r.kpi_id: r
        for r in visible_results(viewer)
        .filter(kpi__in=earlier, round__months=12)
        .exclude(state__in=UNSENT)
        .select_related("version")
    }
    found: dict[int, dict[int, YearHistory]] = {}
    for kpi in kpis:
        mine: dict[int, YearHistory] = {}
        for by in ("lineage", "basket"):
            for old in earlier:
                year = old.framework.fiscal_year.year
                if year in mine:
                    continue
                if (by == "lineage" and kpi.lineage and old.lineage == kpi.lineage) or (
                    by == "basket" and kpi.basket_id and old.basket_id == kpi.basket_id
                ):
                    result = results.get(old.pk)
                    definition = result.version if result is not None else old
                    value = None
                    if result is not None:
                        value = result.verified_value if result.verified_value is not None else result.value
                    mine[year] = YearHistory(
                        year=year,
                        kpi_code=old.code,
                        matched_by=by,
                        unit_th=definition.unit_th,
                        targets=definition.target_values(),
                        value=value,
                        state=result.state if result is not None else "",
                        is_final=result is not None and counts_in_score(result.state),
                    )
        found[kpi.pk] = mine
    return found


def _below_last_actual(kpi: Kpi, last: YearHistory | None) -> Flag | None:
    standard = kpi.standard_target
    if standard is None or last is None or last.value is None:
        return None
    if not less_ambitious(standard, last.value, kpi.direction):
        return None
    lower = kpi.direction == Direction.LOWER
    provisional_th = "" if last.is_final else " (ผลยังไม่ผ่านการตรวจสอบ)"
    provisional_en = "" if last.is_final else " (not yet verified)"
    return Flag(
        QualityFlag.BELOW_LAST_ACTUAL,
        f"ค่าเป้าหมายมาตรฐาน {_v(standard)} {'สูงกว่า' if lower else 'ต่ำกว่า'}ผลปี {last.year} ({_v(last.value)})"
        f"{' ซึ่งยิ่งน้อยยิ่งดี' if lower else ''}{provisional_th}",
        f"The standard target {_v(standard)} is {'above' if lower else 'below'} the"
        f" {format_fiscal_year(last.year, lang='en')} actual"
        f" ({_v(last.value)}){', and lower is better' if lower else ''}{provisional_en}",
        {
            "standard_target": standard,
            "last_actual": last.value,
            "last_year": last.year,
            "last_kpi": last.kpi_code,
            "last_is_final": last.is_final,
            "direction": kpi.direction,
        },
    )


def _below_plan(kpi: Kpi) -> Flag | None:
    if not kpi.is_below_plan:
        return None
    standard, plan = kpi.standard_target, kpi.national_target_value
    reason_th = kpi.below_plan_reason_th.strip()
    return Flag(
        QualityFlag.BELOW_PLAN,
        f"ค่าเป้าหมายมาตรฐาน {_v(standard)} ต่ำกว่าค่าเป้าหมายตามแผนระดับชาติ ({_v(plan)})"
        + (f" เหตุผลที่ระบุ: {reason_th}" if reason_th else " และไม่ได้ระบุเหตุผล"),
        f"The standard target {_v(standard)} is less ambitious than the national plan's target ({_v(plan)})"
        + ("; a reason is given" if reason_th else "; no reason is given"),
        {"standard_target": standard, "national_target": plan, "direction": kpi.direction, "reason_th": reason_th},
    )


def _unit_differs(kpi: Kpi) -> Flag | None:
    basket = kpi.basket
    if basket is None or not basket.unit_th.strip():
        return None
    mine, theirs = " ".join(kpi.unit_th.split()), " ".join(basket.unit_th.split())
    if mine == theirs:
        return None
    return Flag(
        QualityFlag.UNIT_DIFFERS,
        f"หน่วยนับ “{mine or '–'}” ต่างจากหน่วยของ KPI Basket {basket.code} (“{theirs}”)",
        f"The unit “{mine or '–'}” differs from Basket KPI {basket.code}'s (“{theirs}”)",
        {"unit_th": mine, "basket_unit_th": theirs, "basket": basket.code},
    )


def _near_duplicates(kpis: list[Kpi]) -> dict[int, Flag]:
    """The most similar other KPI of the same proposal, per KPI, at or above the threshold."""
    named = [(k, words(k.name_th)) for k in kpis]
    best: dict[int, tuple[Decimal, Kpi]] = {}
    for i, (a, a_words) in enumerate(named):
        for b, b_words in named[i + 1 :]:
            if joint_siblings(a, b):
                continue
            similarity = jaccard(a_words, b_words)
            if similarity < DUPLICATE_THRESHOLD:
                continue
            for one, other in ((a, b), (b, a)):
                if one.pk not in best or similarity > best[one.pk][0]:
                    best[one.pk] = (similarity, other)
    return {
        pk: Flag(
            QualityFlag.NEAR_DUPLICATE,
            f"ชื่อคล้ายตัวชี้วัด {other.code} {other.name_th} ของหน่วยงานเดียวกัน (ความคล้าย {similarity})",
            f"The name resembles KPI {other.code} of the same organisation (similarity {similarity})",
            {
                "other_kpi": other.code,
                "other_name_th": other.name_th,
                "similarity": similarity,
                "threshold": DUPLICATE_THRESHOLD,
            },
        )
        for pk, (similarity, other) in best.items()
    }


def kpi_flags(kpi: Kpi, quality: KpiQuality, duplicate: Flag | None) -> list[Flag]:
    found = [_below_last_actual(kpi, quality.last_actual), _below_plan(kpi), _unit_differs(kpi), duplicate]
    return [f for f in found if f is not None]


def proposal_quality_of(proposal: Proposal, *, viewer: Viewer) -> ProposalQuality:
    """History and flags of every KPI of a proposal the viewer may already see."""
    kpis = selectors.proposal_kpis(proposal)
    year = proposal.framework.fiscal_year.year
    years = list(range(year - HISTORY_YEARS, year))
    history = _history(viewer, proposal, kpis, years)
    duplicates = _near_duplicates(kpis)
    rows = []
    for kpi in kpis:
        quality = KpiQuality(kpi, years, history.get(kpi.pk, {}))
        quality.flags = kpi_flags(kpi, quality, duplicates.get(kpi.pk))
        rows.append(quality)
    return ProposalQuality(proposal, years, rows, comments.may_comment(viewer, proposal))


def proposal_quality(*, viewer: Viewer, proposal_id: int) -> ProposalQuality:
    """The proposal's target quality; NotFound for a proposal the viewer may not see (no leak)."""
    try:
        proposal = selectors.proposal_get(viewer=viewer, pk=proposal_id)
    except Proposal.DoesNotExist as exc:
        raise NotFound("ไม่พบข้อเสนอตัวชี้วัดนี้", "No such proposal") from exc
    return proposal_quality_of(proposal, viewer=viewer)


def quality_document(quality: ProposalQuality) -> dict[str, Any]:
    """The target quality as plain data: the API's answer and `govkpi quality --format json`."""
    proposal = quality.proposal

    def year_row(year: int, h: YearHistory | None) -> dict[str, Any]:
        return {
            "year": year,
            "kpi_code": h.kpi_code if h else None,
            "matched_by": h.matched_by if h else None,
            "unit_th": h.unit_th if h else None,
            "targets": list(h.targets) if h else [],
            "standard_target": h.standard if h else None,
            "value": h.value if h else None,
            "state": (h.state or None) if h else None,
            "is_final": bool(h and h.is_final),
        }

    return {
        "proposal_id": proposal.pk,
        "organisation": proposal.organisation.code,
        "year": proposal.framework.fiscal_year.year,
        "years": quality.years,
        "flag_count": quality.flag_count,
        "may_cite": quality.may_cite,
        "kpis": [
            {
                "kpi_id": q.kpi.pk,
                "code": q.kpi.code,
                "name_th": q.kpi.name_th,
                "direction": q.kpi.direction,
                "unit_th": q.kpi.unit_th,
                "targets": list(q.kpi.target_values()),
                "standard_target": q.kpi.standard_target,
                "history": [year_row(year, h) for year, h in q.rows],
                "flags": [
                    {
                        "code": f.code,
                        "label_th": f.label_th,
                        "message_th": f.message_th,
                        "message_en": f.message_en,
                        "evidence": f.evidence,
                    }
                    for f in q.flags
                ],
            }
            for q in quality.kpis
        ],
    }
