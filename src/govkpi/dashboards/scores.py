"""Shared reads of stored scores: which round is a framework's latest scored one, and its rows.

Dashboards, the province map and the public portal all show "the" score of an organisation for a
year: the stored OrganisationScore of the latest round that has any scores (12 months once it is
computed, the 6-month one before). Nothing here checks rights; callers narrow first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, FilteredRelation, Q, QuerySet

from govkpi.frameworks.models import Band, DeadlineExtension, Framework, Round
from govkpi.kpis.models import Kpi
from govkpi.kpis.selectors import reportable_in_round_q
from govkpi.results.models import OrganisationScore, ResultState

#: Band colours, best band first: Paul Tol's colour-blind safe schemes, picked so the first three
#: (every framework so far has three bands) differ in lightness too (CIE L* 29, 64, 83) and stay
#: apart when printed in grey. The CSS variables --band-1…--band-5 (app.css) hold the same values
#: (a test keeps them equal). Never colour alone: a symbol and the band's name go beside it.
BAND_PALETTE = ["#004488", "#44AA99", "#EECC66", "#994455", "#EE99AA"]
#: Text colour readable on each BAND_PALETTE colour (contrast ≥ 4.5).
BAND_INK = ["#FFFFFF", "#000000", "#000000", "#FFFFFF", "#000000"]
#: A shape per band (best first) written beside the colour: the cue that survives any printer.
BAND_SYMBOLS = ["●", "◆", "▲", "■", "✕"]
NO_DATA = "#E8E8E8"
#: viridis in five steps, low → high, for any KPI's points on the map.
VALUE_PALETTE = ["#440154", "#3B528B", "#21918C", "#5EC962", "#FDE725"]
#: Text colour readable on each VALUE_PALETTE step.
VALUE_INK = ["#FFFFFF", "#FFFFFF", "#FFFFFF", "#000000", "#000000"]


@dataclass(frozen=True)
class BandStyle:
    name_th: str
    name_en: str
    min_score: Decimal
    colour: str
    ink: str
    rank: int = 1  # 1 = best; the CSS class band-<rank> paints it
    symbol: str = "●"


def band_styles(framework: Framework) -> list[BandStyle]:
    """The framework's bands, best first, each with a colour-blind safe colour (not the stored one)."""
    bands: list[Band] = sorted(framework.bands.all(), key=lambda b: b.min_score, reverse=True)
    styles = []
    for index, band in enumerate(bands):
        step = min(index, len(BAND_PALETTE) - 1)
        styles.append(
            BandStyle(
                band.name_th,
                band.name_en,
                band.min_score,
                BAND_PALETTE[step],
                BAND_INK[step],
                step + 1,
                BAND_SYMBOLS[step],
            )
        )
    return styles


def latest_scored_round(framework: Framework) -> Round | None:
    """The latest round with any stored score, else None (nothing computed yet)."""
    months = (
        OrganisationScore.objects.filter(framework=framework)
        .order_by("-round__months")
        .values_list("round_id", flat=True)
        .first()
    )
    return Round.objects.filter(pk=months).first() if months else None


def latest_scores(framework: Framework) -> QuerySet[OrganisationScore]:
    round_ = latest_scored_round(framework)
    if round_ is None:
        return OrganisationScore.objects.none()
    return (
        OrganisationScore.objects.filter(framework=framework, round=round_)
        .select_related("organisation", "round")
        .order_by("organisation__code")
    )


def scored_kpis(framework: Framework, round_: Round) -> QuerySet[Kpi]:
    """The KPIs of a framework that organisations report on in a round: approved, frozen and in
    force in it (`kpis.selectors.reportable_in_round_q`; a KPI removed from round 12 still counts in
    round 6)."""
    return Kpi.objects.filter(reportable_in_round_q(round_), framework=framework)


@dataclass(frozen=True)
class RoundProgress:
    round: Round
    expected: int
    reported: int
    late: list[tuple[str, str, int]]  # (code, name_th, missing results)
    is_closed: bool

    @property
    def percent(self) -> Decimal:
        if not self.expected:
            return Decimal(0)
        return (Decimal(self.reported) * 100 / Decimal(self.expected)).quantize(Decimal("0.01"))


def reporting_progress(framework: Framework, *, today: dt.date | None = None) -> list[RoundProgress]:
    """Per round: organisations with every KPI reported (submitted or further), and the late ones.

    An organisation is late for a round once the round has closed (or the extension OPDC granted it
    for that round has passed) and any of its approved KPIs has no result beyond draft; an
    organisation with no approved KPI is not expected to report.
    """
    today = today or dt.date.today()
    progress = []
    for round_ in framework.rounds.all().order_by("months"):
        # Counted in the database, one row per organisation: a national framework has 200,000 KPIs.
        # One pass over the round's KPIs counts both: each joined to its result of this round (at
        # most one), reported when that result is beyond draft.
        needed: dict[int, int] = {}
        reported: dict[int, int] = {}
        for org_id, n, done in (
            scored_kpis(framework, round_)
            .annotate(this_round=FilteredRelation("results", condition=Q(results__round=round_)))
            .order_by()
            .values("organisation_id")
            .annotate(n=Count("pk"), done=Count("this_round__state", filter=~Q(this_round__state=ResultState.DRAFT)))
            .values_list("organisation_id", "n", "done")
        ):
            needed[org_id] = n
            reported[org_id] = done
        extended = {
            e.organisation_id: e.new_deadline
            for e in DeadlineExtension.objects.filter(framework=framework, round=round_).order_by("new_deadline")
        }
        closed = round_.closes_on < today
        short = {org_id: n - reported.get(org_id, 0) for org_id, n in needed.items() if reported.get(org_id, 0) < n}
        late_ids = [org_id for org_id in short if max(round_.closes_on, extended.get(org_id, round_.closes_on)) < today]
        late = [
            (code, name, short[pk])
            # [0] (no such id) keeps the query when nobody is late: the same queries at any size.
            for pk, code, name in framework.participants.filter(pk__in=late_ids or [0])
            .order_by("code")
            .values_list("pk", "code", "name_th")
        ]
        progress.append(RoundProgress(round_, len(needed), len(needed) - len(short), late, closed))
    return progress


def style_of(band: str, styles: list[BandStyle]) -> BandStyle | None:
    """The colours of a stored band (the band the scoring engine gave the total, stored with the
    score by rescoring); None for no band (monitoring-only years, nothing scored). Never a band
    worked out here from the total: only `govkpi.scoring.band_for` says that."""
    for style in styles:
        if style.name_th == band:
            return style
    return None


@dataclass(frozen=True)
class ComponentScore:
    code: str
    name_th: str
    name_en: str
    weight: Decimal | None
    score: Decimal | None


def component_scores(framework: Framework, stored: object) -> list[ComponentScore]:
    """The stored components of a score ({"code", "weight", "score"} as the scorer writes them), named."""
    names = {c.code: c for c in framework.components.all()}
    rows = []
    for item in stored if isinstance(stored, list) else []:
        if not isinstance(item, dict):
            continue
        code = str(item.get("code", ""))
        component = names.get(code)

        def dec(value: object) -> Decimal | None:
            return None if value is None else Decimal(str(value))

        rows.append(
            ComponentScore(
                code,
                component.name_th if component else str(item.get("name_th", code)),
                component.name_en if component else "",
                dec(item.get("weight")),
                dec(item.get("score")),
            )
        )
    return rows
