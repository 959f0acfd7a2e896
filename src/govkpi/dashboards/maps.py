"""The province tile map: 76 square tiles in a hand-made grid, coloured by band or by a KPI's points.

The grid (province_tiles.json beside this file) is the project's own work, released under CC0;
see docs/portal.md. Bangkok is not evaluated as a province and its cell stays empty.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext

from govkpi.core.numbers import format_points, format_value
from govkpi.dashboards.scores import (
    BAND_PALETTE,
    BAND_SYMBOLS,
    NO_DATA,
    VALUE_INK,
    VALUE_PALETTE,
    BandStyle,
    band_styles,
    latest_scored_round,
    latest_scores,
    style_of,
)
from govkpi.frameworks.models import Framework, Round
from govkpi.organisations.choices import OrganisationKind
from govkpi.organisations.models import Organisation
from govkpi.results.models import SCORED_STATES, Result

TILE = 64  # px of one grid cell in the SVG's coordinates
GAP = 4


@functools.lru_cache(maxsize=1)
def grid() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((Path(__file__).with_name("province_tiles.json")).read_text("utf-8"))
    return loaded


@dataclass(frozen=True)
class Tile:
    code: str
    name_th: str
    name_en: str
    x: int
    y: int
    colour: str
    ink: str
    label: str  # what the colour means for this tile, e.g. "ระดับคุณภาพ 92.40"
    url: str
    mark: str = ""  # the band's symbol: the cue that does not depend on colour

    @property
    def squeeze(self) -> bool:
        """Long names are squeezed to the tile's width; short ones keep their natural spacing."""
        return sum(1 for ch in self.name_th if unicodedata.category(ch) != "Mn") > 7


@dataclass(frozen=True)
class LegendItem:
    label: str
    colour: str
    mark: str = ""


def band_legend(styles: list[BandStyle]) -> list[LegendItem]:
    """The legend of a map coloured by band: colour, symbol and name with its lowest score."""
    return [LegendItem(f"{s.name_th} (≥ {s.min_score})", s.colour, s.symbol) for s in styles]


@dataclass(frozen=True)
class ProvinceMap:
    tiles: list[Tile]
    legend: list[LegendItem]
    width: int
    height: int
    colour_by: str  # "band" or a KPI lineage
    kpi_options: list[tuple[str, str]]  # (lineage, name) to colour by
    round: Round | None


def kpi_options(framework: Framework) -> list[tuple[str, str]]:
    """KPI lineages of the provinces' framework (one entry per lineage, named by its first KPI).
    The framework's current KPI set (what can be picked), not a round's: a round's colours come
    from the stored points of results that count."""
    seen: dict[str, str] = {}
    for lineage, code, name in (
        framework.kpis.filter(is_removed=False)
        .exclude(Q(lineage="") & Q(code=""))
        .order_by("code")
        .values_list("lineage", "code", "name_th")
    ):
        key = lineage or code
        seen.setdefault(key, f"{key} {name}")
    return sorted(seen.items())


def band_colour(style: BandStyle | None, total: Decimal, *, amended: bool) -> tuple[str, str, str]:
    """A tile's colour, ink and label for a total and its band."""
    text = f"{total.quantize(Decimal('0.01'))}"
    if style is None:
        return (NO_DATA, "#000000", text)
    return (style.colour, style.ink, f"{style.name_th} {text}{' (' + gettext('แก้ไข') + ')' if amended else ''}")


def value_legend() -> list[LegendItem]:
    steps = ["0–20", "20–40", "40–60", "60–80", "80–100"]
    return [LegendItem(f"{s} {gettext('คะแนน')}", c) for s, c in zip(steps, VALUE_PALETTE, strict=True)]


def value_colour(points: Decimal, value: object, unit: str) -> tuple[str, str, str]:
    """A tile's colour, ink and label for one KPI's points."""
    step = min(int(points // 20), 4)
    return (
        VALUE_PALETTE[step],
        VALUE_INK[step],
        gettext("%(points)s คะแนน (ผล %(value)s %(unit)s)")
        % {"points": format_points(points), "value": format_value(None if value is None else str(value)), "unit": unit},
    )


def province_map(
    framework: Framework, *, colour_by: str = "band", link: Callable[[Organisation, Round | None], str]
) -> ProvinceMap:
    """Tiles for every active province, coloured by its band or by its points on one KPI lineage."""
    options = kpi_options(framework)
    if colour_by != "band" and colour_by not in dict(options):
        colour_by = "band"
    round_ = latest_scored_round(framework)
    legend: list[LegendItem] = []
    colours: dict[int, tuple[str, str, str]] = {}  # organisation id → colour, ink, label
    if colour_by == "band":
        styles = band_styles(framework)
        legend = band_legend(styles)
        for score in latest_scores(framework):
            style = style_of(score.band, styles)
            colours[score.organisation_id] = band_colour(style, score.total, amended=score.is_amended)
    else:
        legend = value_legend()
        # The stored points of results that count: rescoring keeps no points on a result of a KPI
        # not in force in its round (removed from it or earlier), so no is_removed filter here.
        results = Result.objects.filter(kpi__framework=framework, points__isnull=False, state__in=SCORED_STATES).filter(
            Q(kpi__lineage=colour_by) | Q(kpi__lineage="", kpi__code=colour_by)
        )
        latest_round = round_ or (
            Round.objects.filter(results__in=results).order_by("-months").first() if results.exists() else None
        )
        round_ = latest_round
        for result in results.filter(round=latest_round).select_related("kpi"):
            assert result.points is not None
            colours[result.organisation_id] = value_colour(result.points, result.scored_value, result.kpi.unit_th)
    return paint(framework, colour_by=colour_by, colours=colours, legend=legend, round_=round_, link=link)


def paint(
    framework: Framework,
    *,
    colour_by: str,
    colours: dict[int, tuple[str, str, str]],
    legend: list[LegendItem],
    round_: Round | None,
    link: Callable[[Organisation, Round | None], str],
    options: list[tuple[str, str]] | None = None,
    marks: dict[str, str] | None = None,
) -> ProvinceMap:
    """The 76 tiles painted with `colours` (organisation id → colour, ink, label): the live
    dashboard's from stored scores, the public portal's from its publication snapshot, a Strategic
    KPI's roll-up from its statuses (`marks`: colour → the symbol written on the tile)."""
    layout: dict[str, list[int]] = grid()["tiles"]
    provinces = {
        o.geocode: o for o in Organisation.objects.filter(kind=OrganisationKind.PROVINCE, is_active=True) if o.geocode
    }
    legend = [*legend, LegendItem(gettext("ไม่มีข้อมูล"), NO_DATA)]
    # On a band map each tile also carries its band's symbol (colour → symbol, from the one palette).
    if marks is None:
        marks = dict(zip(BAND_PALETTE, BAND_SYMBOLS, strict=True)) if colour_by == "band" else {}
    tiles = []
    for geocode, (col, row) in sorted(layout.items()):
        org = provinces.get(geocode)
        if org is None:
            continue
        colour, ink, label = colours.get(org.pk, (NO_DATA, "#000000", gettext("ไม่มีข้อมูล")))
        tiles.append(
            Tile(
                code=org.code,
                name_th=org.name_th,
                name_en=org.name_en,
                x=col * TILE,
                y=row * TILE,
                colour=colour,
                ink=ink,
                label=label,
                url=link(org, round_),
                mark=marks.get(colour, ""),
            )
        )
    return ProvinceMap(
        tiles=tiles,
        legend=legend,
        width=int(grid()["columns"]) * TILE,
        height=int(grid()["rows"]) * TILE,
        colour_by=colour_by,
        kpi_options=kpi_options(framework) if options is None else options,
        round=round_,
    )
