"""How a Strategic KPI's attached KPIs are doing in a round: counts, rows, the province map, Excel.

The roll-up lives here, above `results`, because it reads results. It reads them through the
results selectors (`visible_results`: an organisation sees its own rows, OPDC and the committees
all), takes what is in force in the round from the KPI selectors (`kpis_in_round`), and words each
row with the one status rule (`scoring.status.kpi_status`); it computes nothing of its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext

from govkpi.core.excel import Column, Sheet
from govkpi.core.numbers import format_value
from govkpi.dashboards import maps
from govkpi.dashboards.scores import BAND_INK, BAND_PALETTE, BAND_SYMBOLS
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import Framework, Round
from govkpi.frameworks.selectors import scoring_framework
from govkpi.kpis.choices import ProposalState, StrategicRelation
from govkpi.kpis.models import Kpi, KpiVersion, StrategicKpi
from govkpi.kpis.selectors import kpis_in_round
from govkpi.organisations.access import Viewer
from govkpi.organisations.models import Organisation
from govkpi.results.models import Result, counts_in_score
from govkpi.results.selectors import visible_results
from govkpi.scoring.status import KpiStatus, kpi_status

#: status → Thai word (English through gettext at render time).
STATUS_TH: dict[str, str] = {
    KpiStatus.NOT_REPORTED: "ยังไม่รายงาน",
    KpiStatus.ON_TARGET: "บรรลุค่าเป้าหมายมาตรฐาน",
    KpiStatus.AT_RISK: "มีความเสี่ยง",
    KpiStatus.OFF_TRACK: "ไม่เป็นไปตามแผน",
}
#: status → (fill, ink, symbol) on the map: the band palette's colours and symbols, best first, so a
#: tile reads without colour too. Not reported stays grey.
STATUS_STYLE: dict[str, tuple[str, str, str]] = {
    KpiStatus.ON_TARGET: (BAND_PALETTE[0], BAND_INK[0], BAND_SYMBOLS[0]),
    KpiStatus.AT_RISK: (BAND_PALETTE[2], BAND_INK[2], BAND_SYMBOLS[2]),
    KpiStatus.OFF_TRACK: (BAND_PALETTE[3], BAND_INK[3], BAND_SYMBOLS[3]),
    KpiStatus.NOT_REPORTED: ("#BBBBBB", "#000000", "○"),
}


def status_word(status: str) -> str:
    return gettext(STATUS_TH.get(status, status))


@dataclass(frozen=True)
class RollupRow:
    kpi: Kpi
    organisation: Organisation
    group: str
    relation: str
    result: Result | None
    status: KpiStatus

    @property
    def points(self) -> Decimal | None:
        return self.result.points if self.result is not None and counts_in_score(self.result.state) else None

    @property
    def value(self) -> Decimal | None:
        if self.result is None:
            return None
        return self.result.verified_value if self.result.verified_value is not None else self.result.value

    @property
    def status_label(self) -> str:
        return status_word(self.status)


@dataclass
class Rollup:
    """One round (by its months) of a Strategic KPI, as far as the viewer may see."""

    strategic: StrategicKpi
    months: int
    rounds: list[int]
    rows: list[RollupRow]
    counts: dict[str, int] = field(default_factory=dict)
    sees_all: bool = False

    @property
    def attached(self) -> int:
        return len(self.rows)

    @property
    def reported(self) -> int:
        return self.attached - self.counts.get(KpiStatus.NOT_REPORTED, 0)

    @property
    def on_target(self) -> int:
        return self.counts.get(KpiStatus.ON_TARGET, 0)

    @property
    def at_risk(self) -> int:
        return self.counts.get(KpiStatus.AT_RISK, 0)

    @property
    def off_track(self) -> int:
        return self.counts.get(KpiStatus.OFF_TRACK, 0)

    @property
    def not_reported(self) -> int:
        return self.counts.get(KpiStatus.NOT_REPORTED, 0)

    def organisations(self, status: str) -> list[Organisation]:
        """The organisations with a KPI of this status, each once (a province may carry two)."""
        return list({r.organisation.pk: r.organisation for r in self.rows if r.status == status}.values())

    @property
    def province_rows(self) -> list[RollupRow]:
        return [r for r in self.rows if r.group == GroupCode.PROVINCES]


def strategic_rounds(strategic: StrategicKpi) -> list[int]:
    """The round lengths (months) of the frameworks of the Strategic KPI's year."""
    return sorted(
        set(Round.objects.filter(framework__fiscal_year_id=strategic.fiscal_year_id).values_list("months", flat=True))
    )


def strategic_rollup(*, viewer: Viewer, strategic: StrategicKpi, months: int | None = None) -> Rollup:
    """The attached KPIs in force in the round of `months` (default: the latest round with a
    scored result, else the first), each with its result and status, and the counts."""
    rounds = strategic_rounds(strategic)
    # Approved KPIs only: what organisations report on. The viewer's own (or, for OPDC and the
    # committees, every) organisation: the roll-up shows live results, never another's.
    attached = list(
        Kpi.objects.filter(viewer.organisation_q("organisation__"))
        .filter(strategic=strategic, proposal__state=ProposalState.APPROVED)
        .select_related("organisation", "framework", "component", "joint")
        .prefetch_related(
            Prefetch("versions", queryset=KpiVersion.objects.select_related("effective_from").order_by("number"))
        )
        .order_by("framework__group", "organisation__code", "code")
    )
    if months is None or months not in rounds:
        months = _default_months(viewer, attached, rounds)
    rows: list[RollupRow] = []
    by_framework: dict[int, list[Kpi]] = {}
    for kpi in attached:
        by_framework.setdefault(kpi.framework_id, []).append(kpi)
    for framework in Framework.objects.filter(pk__in=by_framework).prefetch_related(
        "target_levels", "components", "bands"
    ):
        round_ = framework.rounds.filter(months=months).first()
        if round_ is None:
            continue
        in_force = kpis_in_round(framework, round_, kpis=by_framework[framework.pk])
        results = {
            r.kpi_id: r for r in visible_results(viewer).filter(round=round_, kpi__in=[row.kpi for row in in_force])
        }
        rules = scoring_framework(framework)
        for row in in_force:
            result = results.get(row.kpi.pk)
            points = result.points if result is not None and counts_in_score(result.state) else None
            # The owner's delivery confidence can only make the word worse (scoring.status).
            status = kpi_status(points=points, framework=rules, confidence=result.confidence if result else "")
            rows.append(
                RollupRow(
                    kpi=row.kpi,
                    organisation=row.kpi.organisation,
                    group=framework.group,
                    relation=row.kpi.strategic_relation,
                    result=result,
                    status=status,
                )
            )
    rows.sort(key=lambda r: (r.group, r.organisation.code, r.kpi.code))
    counts = Counter(r.status for r in rows)
    return Rollup(
        strategic=strategic,
        months=months,
        rounds=rounds,
        rows=rows,
        counts={str(k): v for k, v in counts.items()},
        sees_all=viewer.sees_all,
    )


def _default_months(viewer: Viewer, attached: list[Kpi], rounds: list[int]) -> int:
    scored = (
        visible_results(viewer)
        .filter(kpi__in=attached, points__isnull=False)
        .order_by("-round__months")
        .values_list("round__months", flat=True)
        .first()
    )
    return scored or (rounds[0] if rounds else 12)


def rollup_map(rollup: Rollup, *, link: Callable[[Organisation, Round | None], str]) -> maps.ProvinceMap | None:
    """The provinces' tiles coloured by their attached KPI's status (the shared tile map), or None
    when no province KPI is attached (as far as the viewer sees)."""
    rows = rollup.province_rows
    if not rows:
        return None
    framework = rows[0].kpi.framework
    colours: dict[int, tuple[str, str, str]] = {}
    worst: dict[int, RollupRow] = {}
    order = [KpiStatus.OFF_TRACK, KpiStatus.AT_RISK, KpiStatus.NOT_REPORTED, KpiStatus.ON_TARGET]
    for row in rows:
        # A province with two attached KPIs shows the worse of them (the table lists both).
        seen = worst.get(row.organisation.pk)
        if seen is None or order.index(row.status) < order.index(seen.status):
            worst[row.organisation.pk] = row
    for org_id, row in worst.items():
        fill, ink, _ = STATUS_STYLE[row.status]
        detail = "" if row.value is None else f" ({format_value(row.value)} {row.kpi.unit_th})".rstrip()
        colours[org_id] = (fill, ink, f"{row.status_label}{detail}")
    legend = [maps.LegendItem(status_word(status), fill, mark) for status, (fill, _ink, mark) in STATUS_STYLE.items()]
    round_ = framework.rounds.filter(months=rollup.months).first()
    marks = {fill: mark for fill, _ink, mark in STATUS_STYLE.values()}
    return maps.paint(
        framework,
        colour_by="strategic",
        colours=colours,
        legend=legend,
        round_=round_,
        link=link,
        options=[],
        marks=marks,
    )


def relation_word(relation: str) -> str:
    return gettext("ตัวเดียวกัน") if relation == StrategicRelation.SAME else gettext("Proxy")


def rollup_sheets(rollup: Rollup) -> list[Sheet]:
    """The roll-up as workbook sheets: the counts, then one row per attached KPI."""
    sk = rollup.strategic
    title = f"{sk.code} {sk.name_th} · ปีงบประมาณ {sk.fiscal_year.year} · รอบ {rollup.months} เดือน"
    summary = Sheet(
        name="สรุป",
        title=title,
        columns=[Column("รายการ", 40), Column("จำนวน", 12, "int")],
        rows=[
            ("ตัวชี้วัดที่ถ่ายทอด", rollup.attached),
            ("รายงานผลแล้ว (ผ่านการตรวจสอบ)", rollup.reported),
            (STATUS_TH[KpiStatus.ON_TARGET], rollup.on_target),
            (STATUS_TH[KpiStatus.AT_RISK], rollup.at_risk),
            (STATUS_TH[KpiStatus.OFF_TRACK], rollup.off_track),
            (STATUS_TH[KpiStatus.NOT_REPORTED], rollup.not_reported),
        ],
    )
    detail = Sheet(
        name="ตัวชี้วัด",
        title=title,
        columns=[
            Column("กลุ่ม", 14),
            Column("รหัสหน่วยงาน", 12),
            Column("หน่วยงาน", 36),
            Column("รหัสตัวชี้วัด", 14),
            Column("ตัวชี้วัด", 60, "wrap"),
            Column("ความสัมพันธ์", 16),
            Column("ผล", 14, "decimal"),
            Column("หน่วย", 12),
            Column("คะแนน", 10, "points"),
            Column("สถานะ", 24),
        ],
        rows=[
            (
                str(GroupCode(r.group).label) if r.group in GroupCode.values else r.group,
                r.organisation.code,
                r.organisation.name_th,
                r.kpi.code,
                r.kpi.name_th,
                "ตัวเดียวกัน" if r.relation == StrategicRelation.SAME else "Proxy",
                r.value,
                r.kpi.unit_th,
                r.points,
                STATUS_TH[r.status],
            )
            for r in rollup.rows
        ],
    )
    return [summary, detail]


def rollup_as_dict(rollup: Rollup) -> dict[str, object]:
    """The roll-up for the API and the command (numbers as strings, codes not labels)."""
    return {
        "strategic": rollup.strategic.code,
        "year": rollup.strategic.fiscal_year.year,
        "months": rollup.months,
        "rounds": rollup.rounds,
        "attached": rollup.attached,
        "reported": rollup.reported,
        "on_target": rollup.on_target,
        "at_risk": rollup.at_risk,
        "off_track": rollup.off_track,
        "not_reported": rollup.not_reported,
        "rows": [
            {
                "kpi_id": r.kpi.pk,
                "kpi": r.kpi.code,
                "organisation": r.organisation.code,
                "group": r.group,
                "relation": r.relation,
                "value": None if r.value is None else str(r.value),
                "points": None if r.points is None else str(r.points),
                "status": str(r.status),
            }
            for r in rollup.rows
        ],
    }
