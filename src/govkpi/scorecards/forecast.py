"""Early warning from stored results: each organisation's forecast year-end total and band from
what it reported at 6 or 9 months, and how good last years' forecasts were (calibration).

The maths is `scoring.forecast` (pure); this module reads its inputs: the scorecards of a round
(`build.build_scorecards`, so what is in force in the round is `kpis.selectors`' rule), the value
each KPI reported (a draft counts here: an early warning cannot wait for verification), and the
previous years' trajectories of the same KPI (its lineage), of the same Basket KPI, or of every KPI
of the group with the same direction. Only years before the forecast year are read, so a forecast
of a finished year (calibration) knows what it would have known at the time.
Access: `forecasts_for` keeps the organisations the viewer may see inside (`Viewer`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Q

from govkpi import scoring
from govkpi.core.errors import Invalid, NotAllowed, NotFound
from govkpi.frameworks.models import Framework, Round
from govkpi.frameworks.selectors import framework_for, frameworks_visible
from govkpi.organisations.access import Viewer
from govkpi.organisations.models import Organisation
from govkpi.results.models import SCORED_STATES, OrganisationScore, Result
from govkpi.scorecards.build import BuiltScorecard, ScorecardLine, build_scorecards
from govkpi.scoring.arith import FOUR_PLACES, plain, quantize
from govkpi.scoring.forecast import (
    MIN_HISTORY,
    Calibration,
    KpiForecast,
    OrganisationForecast,
    Outcome,
    Trajectory,
    calibrate,
    forecast_scorecard,
)
from govkpi.scoring.status import KpiStatus, kpi_status, standard_points

FORECAST_ROUNDS = (6, 9)


@dataclass(frozen=True)
class KpiRow:
    """One KPI of an organisation's forecast, as pages and the API show it."""

    line: ScorecardLine
    forecast: KpiForecast
    status: KpiStatus
    confidence: str
    reason_th: str
    reason_en: str

    @property
    def code(self) -> str:
        return self.line.kpi.code

    @property
    def name_th(self) -> str:
        return self.line.definition.name_th

    @property
    def name_en(self) -> str:
        return self.line.definition.name_en or self.name_th

    @property
    def monitor(self) -> bool:
        return self.line.input.monitor

    @property
    def at_risk(self) -> bool:
        return self.status in (KpiStatus.AT_RISK, KpiStatus.OFF_TRACK)


@dataclass(frozen=True)
class Forecast:
    """One organisation's forecast for the year-end, made at a round."""

    organisation: Organisation
    framework: Framework
    round: Round
    result: OrganisationForecast
    kpis: tuple[KpiRow, ...]

    @property
    def reason_th(self) -> str:
        r = self.result
        said = f"คาดว่าสิ้นปีได้ {plain(r.total, 2)} คะแนน ({r.band or '–'}) ช่วง {plain(r.low, 2)}–{plain(r.high, 2)}"
        if r.below_standard:
            return f"{said} ต่ำกว่าระดับมาตรฐาน"
        if r.crosses_boundary:
            return f"{said} อาจอยู่ได้ทั้ง{r.band_low or '–'}และ{r.band_high or '–'}"
        return said

    @property
    def reason_en(self) -> str:
        r = self.result
        said = f"forecast {plain(r.total, 2)} points, range {plain(r.low, 2)}–{plain(r.high, 2)}"
        if r.below_standard:
            return f"{said}: below the standard band"
        if r.crosses_boundary:
            low, high = self._band_en(r.band_low), self._band_en(r.band_high)
            return f"{said}: it may end {low} or {high}"
        return said

    def _band_en(self, name: str | None) -> str:
        english = {b.name_th: b.name_en or b.name_th for b in self.framework.bands.all()}
        return english.get(name or "", "–")

    @property
    def band_en(self) -> str:
        return self._band_en(self.result.band)

    @property
    def share_percent(self) -> Decimal:
        """The share of the scenarios in the forecast band, in percent (shown beside the band)."""
        return self.result.band_share * 100

    @property
    def risk_rank(self) -> tuple[int, Decimal]:
        """Most at risk first: below standard, then ranges crossing a boundary, lowest total first."""
        r = self.result
        return (0 if r.below_standard else 1 if r.crosses_boundary else 2, r.total)


# ---------------------------------------------------------------- history


@dataclass(frozen=True)
class History:
    """The past trajectories at one round, by lineage, by Basket KPI and by direction."""

    lineage: dict[str, list[Trajectory]]
    basket: dict[int, list[Trajectory]]
    pool: dict[str, list[Trajectory]]

    def for_line(self, line: ScorecardLine) -> tuple[list[Trajectory], list[Trajectory]]:
        """(lineage, similar) trajectories of one KPI: similar KPIs are the same Basket KPI's when
        there are enough, else every KPI of the group with the same direction."""
        kpi = line.kpi
        own = self.lineage.get(kpi.lineage, []) if kpi.lineage else []
        similar = self.basket.get(kpi.basket_id, []) if kpi.basket_id else []
        if len(similar) < MIN_HISTORY:
            similar = self.pool.get(line.definition.direction, [])
        return own, similar


def history_before(framework: Framework, months: int) -> History:
    """Trajectories (value at `months`, value at 12) of the group's counted results in the years
    before the framework's, read in one query."""
    earlier = Framework.objects.filter(group=framework.group, fiscal_year__year__lt=framework.fiscal_year.year)
    rows = (
        Result.objects.filter(
            round__framework__in=earlier, round__months__in=(months, 12), state__in=list(SCORED_STATES)
        )
        .filter(Q(value__isnull=False) | Q(verified_value__isnull=False))
        .values_list(
            "kpi_id", "round__months", "value", "verified_value", "kpi__lineage", "kpi__basket_id", "kpi__direction"
        )
    )
    at_round: dict[int, Decimal] = {}
    year_end: dict[int, Decimal] = {}
    about: dict[int, tuple[str, int | None, str]] = {}
    for kpi_id, m, value, verified, lineage, basket, direction in rows.iterator(chunk_size=5000):
        scored = verified if verified is not None else value
        if scored is None:
            continue
        (at_round if m == months else year_end)[kpi_id] = scored
        about[kpi_id] = (lineage, basket, direction)
    history = History(defaultdict(list), defaultdict(list), defaultdict(list))
    for kpi_id, start in at_round.items():
        end = year_end.get(kpi_id)
        if end is None:
            continue
        lineage_of, basket_of, direction_of = about[kpi_id]
        trajectory = Trajectory(start, end)
        if lineage_of:
            history.lineage[lineage_of].append(trajectory)
        if basket_of is not None:
            history.basket[basket_of].append(trajectory)
        history.pool[direction_of].append(trajectory)
    return history


# ---------------------------------------------------------------- forecasts


def check_months(months: int) -> None:
    if months not in FORECAST_ROUNDS:
        raise Invalid("คาดการณ์ได้จากรอบ 6 หรือ 9 เดือน", "Forecasts are made from the 6- or 9-month round.", field="round")


def check_round(framework: Framework, months: int) -> Round:
    check_months(months)
    round_ = next((r for r in framework.rounds.all() if r.months == months), None)
    if round_ is None:
        raise NotFound(
            f"กรอบการประเมินนี้ไม่มีรอบ {months} เดือน", f"This framework has no {months}-month round.", field="round"
        )
    return round_


def forecast_round(
    framework: Framework, months: int, *, organisations: Iterable[Organisation] | None = None
) -> list[Forecast]:
    """The forecast of every organisation of the framework (or the given ones) from its round of
    `months`; organisations whose scorecard breaks a rule (e.g. a draft) are left out."""
    round_ = check_round(framework, months)
    if framework.monitoring_only:
        return []
    history = history_before(framework, months)
    return [
        f
        for card in build_scorecards(framework, organisations=organisations, rounds=[round_])
        if (f := _forecast(card, history))
    ]


def _forecast(card: BuiltScorecard, history: History) -> Forecast | None:
    if not card.lines:
        return None
    lineage, similar, kpis = {}, {}, []
    for line in card.lines:
        lineage[line.kpi.code], similar[line.kpi.code] = history.for_line(line)
        # What the organisation reported, verified or not yet: the warning cannot wait.
        kpis.append(replace(line.input, result=line.reported))
    scorecard = scoring.Scorecard(framework=card.rules, kpis=tuple(kpis))
    try:
        result = forecast_scorecard(scorecard, months=card.round.months, lineage=lineage, similar=similar)
    except scoring.ScorecardInvalid:
        return None
    rows = tuple(_row(line, f, card.rules) for line, f in zip(card.lines, result.kpis, strict=True))
    return Forecast(card.organisation, card.framework, card.round, result, rows)


def _row(line: ScorecardLine, f: KpiForecast, rules: scoring.Framework) -> KpiRow:
    result = line.result
    confidence = result.confidence if result is not None else ""
    reported = f.reported is not None
    status = kpi_status(points=f.forecast_points if reported else None, framework=rules, confidence=confidence)
    given = result.confidence_reason_th if result is not None else ""
    if given:
        th = en = given
    elif not reported:
        th, en = "ยังไม่รายงานผลรอบนี้", "not reported in this round"
    else:
        standard = plain(standard_points(rules), 2)
        points = plain(f.forecast_points, 2)
        th = f"คาดว่าสิ้นปีได้ {points} คะแนน (มาตรฐาน {standard})"
        en = f"forecast {points} points at year end (standard {standard})"
    return KpiRow(line, f, status, confidence, th, en)


def _frameworks(viewer: Viewer, year: int, group: str) -> list[Framework]:
    """The year's frameworks the viewer may see (one group's, or every group's), loaded for scoring."""
    groups = frameworks_visible(viewer).filter(fiscal_year__year=year).order_by("group").values_list("group", flat=True)
    chosen = [g for g in groups if not group or g == group]
    if group and not chosen:
        raise NotFound(f"ไม่พบกรอบการประเมินปี {year} กลุ่ม {group}", f"No {group} framework in {year}.", field="group")
    return [framework_for(year=year, group=g) for g in chosen]


def forecasts_for(*, viewer: Viewer, year: int, months: int, group: str = "", organisation: str = "") -> list[Forecast]:
    """The forecasts of the organisations the viewer may see inside, for a year's round (every
    group, or one), most at risk first."""
    if viewer.is_public:
        raise NotAllowed("กรุณาเข้าสู่ระบบเพื่อดูการคาดการณ์", "Sign in to see forecasts.")
    check_months(months)
    visible = Organisation.objects.filter(viewer.organisation_q())
    if organisation:
        visible = visible.filter(code=organisation)
    out: list[Forecast] = []
    for framework in _frameworks(viewer, year, group):
        if not group and not any(r.months == months for r in framework.rounds.all()):
            continue  # a group without a 9-month round this year
        orgs = list(visible.filter(Q(kpis__framework=framework) | Q(frameworks=framework)).distinct())
        if orgs:
            out.extend(forecast_round(framework, months, organisations=orgs))
    return sorted(out, key=lambda f: f.risk_rank)


def at_risk_organisations(forecasts: Sequence[Forecast], limit: int = 20) -> list[Forecast]:
    """Organisations whose forecast band is below standard or whose range crosses a band boundary."""
    return [f for f in sorted(forecasts, key=lambda f: f.risk_rank) if f.result.at_risk][:limit]


def at_risk_kpis(forecasts: Sequence[Forecast], limit: int = 20) -> list[tuple[Forecast, KpiRow]]:
    """Scored KPIs off track or at risk (`scoring.status.kpi_status` with the owner's confidence),
    off track first, then by forecast points."""
    order = {KpiStatus.OFF_TRACK: 0, KpiStatus.AT_RISK: 1}
    rows = [(f, row) for f in forecasts for row in f.kpis if row.at_risk and not row.monitor]
    rows.sort(key=lambda fr: (order[fr[1].status], fr[1].forecast.forecast_points, fr[0].organisation.code))
    return rows[:limit]


# ---------------------------------------------------------------- calibration


@dataclass(frozen=True)
class RoundCalibration:
    """How the forecasts made at one round of a finished year fared against its 12-month scores."""

    months: int
    calibration: Calibration
    outcomes: tuple[tuple[Forecast, OrganisationScore], ...]

    @property
    def band_percent(self) -> Decimal | None:
        share = self.calibration.band_share
        return None if share is None else share * 100

    @property
    def coverage_percent(self) -> Decimal | None:
        share = self.calibration.coverage
        return None if share is None else share * 100


def calibrate_framework(framework: Framework) -> list[RoundCalibration]:
    """For each forecast round of a finished framework (12-month scores stored), the share of
    organisations whose year-end band the forecast got right, and of outcomes inside the range."""
    year_end = next((r for r in framework.rounds.all() if r.months == 12), None)
    if year_end is None:
        raise NotFound("กรอบการประเมินนี้ไม่มีรอบ 12 เดือน", "This framework has no 12-month round.", field="round")
    if framework.monitoring_only:
        return []
    scores = {s.organisation_id: s for s in OrganisationScore.objects.filter(round=year_end)}
    out = []
    for round_ in framework.rounds.all():
        if round_.months not in FORECAST_ROUNDS:
            continue
        pairs = [
            (f, scores[f.organisation.pk])
            for f in forecast_round(framework, round_.months)
            if f.organisation.pk in scores
        ]
        outcomes = [Outcome(f.result, s.total, s.band or None) for f, s in pairs]
        out.append(RoundCalibration(round_.months, calibrate(outcomes), tuple(pairs)))
    return out


def calibration_for(*, viewer: Viewer, year: int, group: str = "") -> list[tuple[Framework, list[RoundCalibration]]]:
    """Calibration is about the method, across every organisation: OPDC and committees see it."""
    if not viewer.sees_all:
        raise NotAllowed(
            "เฉพาะสำนักงาน ก.พ.ร. และคณะกรรมการดูความแม่นยำของการคาดการณ์ได้",
            "Only OPDC and committees see forecast calibration.",
        )
    return [
        (framework, calibrate_framework(framework))
        for framework in _frameworks(viewer, year, group)
        if any(r.months == 12 for r in framework.rounds.all())
    ]


# ---------------------------------------------------------------- documents (API, command)


def _q(value: Decimal) -> Decimal:
    return quantize(value, FOUR_PLACES)


def kpi_document(row: KpiRow) -> dict[str, object]:
    f = row.forecast
    low, high = f.value_range if f.reported is not None else (None, None)
    return {
        "code": row.code,
        "name_th": row.name_th,
        "monitor": row.monitor,
        "reported": f.reported,
        "confidence": row.confidence,
        "method": f.method,
        "source": f.source,
        "history": f.history,
        "value": None if f.reported is None else _q(f.value),
        "value_low": None if low is None else _q(low),
        "value_high": None if high is None else _q(high),
        "points": _q(f.forecast_points),
        "points_low": _q(f.points_low),
        "points_high": _q(f.points_high),
        "status": str(row.status),
        "reason_th": row.reason_th,
        "reason_en": row.reason_en,
    }


def forecast_document(forecasts: Sequence[Forecast], *, with_kpis: bool = False) -> list[dict[str, object]]:
    out = []
    for f in forecasts:
        r = f.result
        doc: dict[str, object] = {
            "organisation": f.organisation.code,
            "organisation_name_th": f.organisation.name_th,
            "year": f.framework.fiscal_year.year,
            "group": f.framework.group,
            "months": f.round.months,
            "total": r.total,
            "low": r.low,
            "high": r.high,
            "band": r.band,
            "band_low": r.band_low,
            "band_high": r.band_high,
            "band_share": _q(r.band_share) if r.band is not None else None,
            "band_shares": [{"band": b, "share": _q(s)} for b, s in r.band_shares().items()],
            "below_standard": r.below_standard,
            "crosses_boundary": r.crosses_boundary,
            "at_risk": r.at_risk,
            "reason_th": f.reason_th,
            "reason_en": f.reason_en,
        }
        if with_kpis:
            doc["kpis"] = [kpi_document(row) for row in f.kpis]
        out.append(doc)
    return out


def calibration_document(found: Sequence[tuple[Framework, Sequence[RoundCalibration]]]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for framework, rounds in found:
        for rc in rounds:
            c = rc.calibration
            out.append(
                {
                    "year": framework.fiscal_year.year,
                    "group": framework.group,
                    "months": rc.months,
                    "organisations": c.organisations,
                    "band_right": c.band_right,
                    "covered": c.covered,
                    "band_share": None if c.band_share is None else _q(c.band_share),
                    "coverage": None if c.coverage is None else _q(c.coverage),
                    "mean_absolute_error": None if c.mean_absolute_error is None else _q(c.mean_absolute_error),
                }
            )
    return out
