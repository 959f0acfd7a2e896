"""Template filters for Thai dates and bilingual fields; loaded as builtins in every template.

Numbers have their own filters in `numbers.py` (`kpi_value`, `points`, `total`, ...)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django import template
from django.utils import timezone, translation

from govkpi.core import thaidates
from govkpi.core.deadlines import DeadlineStatus, deadline_status

register = template.Library()


@register.filter
def thdate(value: dt.date | dt.datetime | None, style: str = "") -> str:
    return thaidates.format_date(value, lang=translation.get_language() or "th", long=style == "long")


@register.filter
def thdatetime(value: dt.datetime | None) -> str:
    return thaidates.format_datetime(value, lang=translation.get_language() or "th")


@register.filter
def fiscal_year(year: int | None, style: str = "") -> str:
    """{{ framework.fiscal_year.year|fiscal_year }}: "ปีงบประมาณ พ.ศ. 2566" / "FY2566 (2023)";
    `|fiscal_year:"short"` under a "ปีงบประมาณ" heading: "2566" / "FY2566 (2023)"."""
    if year is None:
        return "–"
    lang = translation.get_language() or "th"
    if style == "short" and not lang.startswith("en"):
        return str(year)
    return thaidates.format_fiscal_year(int(year), lang=lang)


@register.filter
def be(year: int | None) -> str:
    return "–" if year is None else str(thaidates.be_year(int(year)))


@register.simple_tag(takes_context=True)
def tr(context: template.Context, th: str, en: str = "") -> str:
    """Pick the Thai or English field of a model for the active language."""
    lang = translation.get_language() or "th"
    return en if lang.startswith("en") and en else th


@register.filter
def loc(obj: object, field: str = "name") -> str:
    """obj.name_th or obj.name_en by the active language."""
    lang = translation.get_language() or "th"
    th = getattr(obj, f"{field}_th", "") or ""
    en = getattr(obj, f"{field}_en", "") or ""
    return str(en if lang.startswith("en") and en else th)


@register.filter
def get_item(mapping: dict[object, object], key: object) -> object:
    return mapping.get(key) if mapping else None


@register.filter
def batched(items: Sequence[object], size: int) -> list[Sequence[object]]:
    """The items in runs of `size`: a list thousands of names long printed as many short paragraphs,
    which the PDF renderer lays out in linear time where one long paragraph takes minutes."""
    return [items[start : start + size] for start in range(0, len(items), size)]


@register.filter
def deadline_of(value: dt.date | None) -> DeadlineStatus | None:
    """The deadline's status today, for `core/_deadline.html`."""
    return None if value is None else deadline_status(value, timezone.localdate())
