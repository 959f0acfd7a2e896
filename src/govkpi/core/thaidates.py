"""Thai calendar formatting and parsing: Buddhist-era years, Thai month names, Thai numbers.

Django's `th` locale prints Christian-era years, so every date shown to a user goes through here.
"""

from __future__ import annotations

import datetime as dt
import re

BE_OFFSET = 543

MONTHS_TH = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_TH_ABBR = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
MONTHS_EN_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS_TH = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")


def be_year(year: int) -> int:
    return year + BE_OFFSET


def fiscal_year_of(day: dt.date) -> int:
    """The Buddhist-era fiscal year a date falls in (1 Oct starts the next year)."""
    year = day.year + 1 if day.month >= 10 else day.year
    return be_year(year)


def fiscal_year_bounds(fiscal_year_be: int) -> tuple[dt.date, dt.date]:
    ce = fiscal_year_be - BE_OFFSET
    return dt.date(ce - 1, 10, 1), dt.date(ce, 9, 30)


def format_fiscal_year(fiscal_year_be: int, *, lang: str = "th") -> str:
    """A fiscal year in one era per language: "ปีงบประมาณ พ.ศ. 2566" in Thai; in English the BE year
    the documents use with its Gregorian year in brackets, "FY2566 (2023)" (FY2566 ends in
    September 2023), so an English header reads one era beside Gregorian dates ("1 Apr 2023")."""
    if lang.startswith("en"):
        return f"FY{fiscal_year_be} ({fiscal_year_be - 543})"
    return f"ปีงบประมาณ พ.ศ. {fiscal_year_be}"


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def format_date(value: dt.date | dt.datetime | None, *, lang: str = "th", long: bool = False) -> str:
    """'4 ก.ค. 2565' (short), '4 กรกฎาคม 2565' (long), or '4 Jul 2022' in English."""
    if value is None:
        return "–"
    day = _as_date(value)
    if lang.startswith("en"):
        return f"{day.day} {MONTHS_EN_ABBR[day.month - 1]} {day.year}"
    months = MONTHS_TH if long else MONTHS_TH_ABBR
    return f"{day.day} {months[day.month - 1]} {be_year(day.year)}"


def format_datetime(value: dt.datetime | None, *, lang: str = "th") -> str:
    if value is None:
        return "–"
    from django.utils import timezone

    local = timezone.localtime(value) if timezone.is_aware(value) else value
    clock = f"{local:%H.%M} น." if not lang.startswith("en") else f"{local:%H:%M}"
    return f"{format_date(local, lang=lang)} {clock}"


_SPACED_RE = re.compile(r"^\s*(\d{1,2})\s+(\S+)\s+(\d{4})\s*$")
_DATE_RE = re.compile(r"^\s*(\d{1,2})\s*[/.\- ]\s*(\S+?)\s*[/.\- ]\s*(\d{4})\s*$")


def parse_thai_date(text: str) -> dt.date:
    """Parse '4/7/2565', '4 ก.ค. 2565', '4 กรกฎาคม 2565' or ISO '2022-07-04'.

    Years above 2400 are taken as Buddhist era, as Thai users type them.
    Raises ValueError with a Thai/English message.
    """
    text = text.strip()
    try:
        iso = dt.date.fromisoformat(text)
    except ValueError:
        iso = None
    if iso is not None:
        return iso.replace(year=iso.year - BE_OFFSET) if iso.year > 2400 else iso
    match = _SPACED_RE.match(text) or _DATE_RE.match(text)
    if not match:
        raise ValueError(f"รูปแบบวันที่ไม่ถูกต้อง / invalid date: {text!r} (เช่น 4/7/2565)")
    day_s, month_s, year_s = match.groups()
    month_s = month_s.strip()
    if month_s.isdigit():
        month = int(month_s)
    else:
        names = {m: i + 1 for i, m in enumerate(MONTHS_TH)}
        names.update({m: i + 1 for i, m in enumerate(MONTHS_TH_ABBR)})
        names.update({m.replace(".", ""): i + 1 for i, m in enumerate(MONTHS_TH_ABBR)})
        names.update({m.lower(): i + 1 for i, m in enumerate(MONTHS_EN_ABBR)})
        month = names.get(month_s) or names.get(month_s.lower()) or 0
    year = int(year_s)
    if year > 2400:
        year -= BE_OFFSET
    try:
        return dt.date(year, month, int(day_s))
    except ValueError as exc:
        raise ValueError(f"วันที่ไม่มีอยู่จริง / no such date: {text!r}") from exc
