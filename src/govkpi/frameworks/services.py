"""Writes of fiscal years and frameworks.

`framework_copy` is the start of the framework designer (issue 17): next year's framework begins as
a copy of this year's, then OPDC adjusts it. It copies the rules (components, target ladder, bands),
the reporting rounds moved by the difference in years, and the participants; never KPIs, proposals
or results, which belong to the organisations of each year.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from govkpi.core.errors import Conflict, Invalid
from govkpi.frameworks.models import Band, Component, FiscalYear, Framework, Round, TargetLevel


def shift_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 Feb becomes 28 Feb in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _renamed(text: str, source_year: int, year: int) -> str:
    return text.replace(str(source_year), str(year)).replace(str(source_year - 543), str(year - 543))


@transaction.atomic
def framework_copy(
    source: Framework,
    *,
    year: int,
    proposal_deadline: dt.date | None = None,
    by: Any = None,
) -> Framework:
    """A new framework of fiscal `year` (BE) for the source's group, with the source's rules and
    participants and its rounds moved to the new year. The proposal deadline moves too unless given.

    Raises Conflict when the year already has a framework for that group."""
    if year < 2500:
        raise Invalid("ปีงบประมาณต้องเป็นปี พ.ศ.", "The fiscal year must be in the Buddhist era.", field="year")
    if Framework.objects.filter(fiscal_year__year=year, group=source.group).exists():
        raise Conflict(
            f"ปีงบประมาณ {year} มีกรอบการประเมินกลุ่มนี้แล้ว",
            f"Fiscal year {year} already has a framework for this group.",
            field="year",
        )
    delta = year - source.fiscal_year.year
    fiscal_year, _ = FiscalYear.objects.get_or_create(year=year)
    framework = Framework(
        fiscal_year=fiscal_year,
        group=source.group,
        name_th=_renamed(source.name_th, source.fiscal_year.year, year),
        name_en=_renamed(source.name_en, source.fiscal_year.year, year),
        below_lowest_points=source.below_lowest_points,
        # A monitoring-only year (COVID-19) was an exception; the copy is an ordinary year.
        monitoring_only=False,
        proposal_deadline=proposal_deadline
        or (shift_years(source.proposal_deadline, delta) if source.proposal_deadline else None),
        appeal_window_days=source.appeal_window_days,
    )
    if by is not None:
        framework._history_user = by  # type: ignore[attr-defined]
    framework.save()
    for c in source.components.order_by("order"):
        Component.objects.create(
            framework=framework,
            code=c.code,
            name_th=c.name_th,
            name_en=c.name_en,
            weight=c.weight,
            min_kpis=c.min_kpis,
            max_kpis=c.max_kpis,
            order=c.order,
        )
    for level in source.target_levels.order_by("order"):
        TargetLevel.objects.create(
            framework=framework, order=level.order, name_th=level.name_th, name_en=level.name_en, points=level.points
        )
    for band in source.bands.order_by("-min_score"):
        Band.objects.create(
            framework=framework,
            name_th=band.name_th,
            name_en=band.name_en,
            min_score=band.min_score,
            colour=band.colour,
        )
    for r in source.rounds.order_by("months"):
        Round.objects.create(
            framework=framework,
            months=r.months,
            opens_on=shift_years(r.opens_on, delta),
            closes_on=shift_years(r.closes_on, delta),
        )
    framework.participants.set(source.participants.all())
    return framework
