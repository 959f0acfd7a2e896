"""Scorecard pages: the index, one scorecard, its Excel download, and the what-if simulator.

Thin: selectors find and build the scorecard (and check who may see it) and lay out its STORED
scores (`selectors.scorecard_view`) for the page and the Excel. The simulator saves nothing; it
scores the numbers typed, live, with the engine (`present`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from govkpi.core.errors import NotAllowed
from govkpi.core.views import int_param
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import FiscalYear
from govkpi.organisations.access import viewer_of
from govkpi.scorecards import selectors
from govkpi.scorecards.build import BuiltScorecard
from govkpi.scorecards.excel import scorecard_workbook
from govkpi.scorecards.present import Row, present

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def scorecard_index(request: HttpRequest) -> HttpResponse:
    group = request.GET.get("group", "")
    group = group if group in GroupCode.values else ""
    organisation = request.GET.get("organisation", "").strip().upper()
    year = int_param(request, "year")
    entries = selectors.scorecard_index(viewer=viewer_of(request), year=year, group=group, organisation=organisation)
    return render(
        request,
        "scorecards/index.html",
        {
            "entries": entries,
            "year": year,
            "group": group,
            "organisation": organisation,
            "years": FiscalYear.objects.values_list("year", flat=True),
            "groups": GroupCode.choices,
        },
    )


def _card(request: HttpRequest, org_code: str, year: int, months: int) -> BuiltScorecard | HttpResponse:
    public = selectors.public_url_for(viewer=viewer_of(request), org_code=org_code, year=year, months=months)
    if public is not None:
        return redirect(public)  # outsiders read the published snapshot, never live tables
    try:
        return selectors.scorecard_get(viewer=viewer_of(request), org_code=org_code, year=year, months=months)
    except NotAllowed as exc:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied(f"{exc.message_th} / {exc.message_en}") from exc


def scorecard_detail(request: HttpRequest, org_code: str, year: int, months: int) -> HttpResponse:
    card = _card(request, org_code, year, months)
    if isinstance(card, HttpResponse):
        return card
    return render(request, "scorecards/detail.html", {"view": selectors.scorecard_view(card), "card": card})


def scorecard_excel(request: HttpRequest, org_code: str, year: int, months: int) -> HttpResponse:
    card = _card(request, org_code, year, months)
    if isinstance(card, HttpResponse):
        return card
    content = scorecard_workbook(selectors.scorecard_view(card))
    response = HttpResponse(content, content_type=XLSX)
    filename = f"scorecard-{card.organisation.code}-{year}-{months}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def parse_result(raw: str) -> Decimal | None:
    """A typed result: blank is "no result"; Thai digits and thousands commas are accepted.
    Raises ValueError for anything else."""
    text = raw.strip().translate(_THAI_DIGITS).replace(",", "").replace(" ", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value


@dataclass(frozen=True)
class SimRow:
    """A simulator row: the presented KPI, what was typed, and whether it was a number."""

    row: Row
    typed: str
    error: bool

    def __getattr__(self, name: str) -> Any:
        return getattr(self.row, name)

    @property
    def component_code(self) -> str:
        return self.row.line.component.code


@require_http_methods(["GET", "POST"])
def scorecard_simulate(request: HttpRequest, org_code: str, year: int, months: int) -> HttpResponse:
    """Nothing typed here is saved: the engine scores the typed results (blank = no result)."""
    card = _card(request, org_code, year, months)
    if isinstance(card, HttpResponse):
        return card
    typed: dict[str, str] = {}
    results: dict[str, Decimal | None] = {}
    errors: set[str] = set()
    for line in card.lines:
        code = line.kpi.code
        if request.method == "POST":
            raw = request.POST.get(f"r_{code}", "")
        else:
            raw = "" if line.reported is None else format(line.reported.normalize(), "f")
        typed[code] = raw
        try:
            results[code] = parse_result(raw)
        except ValueError:
            results[code] = None  # scored as missing while the field says what is wrong
            errors.add(code)
    view = present(card, results, solve=True)
    rows = [SimRow(row, typed[row.code], row.code in errors) for row in view.rows]
    context = {"card": card, "view": view, "rows": rows, "errors": sorted(errors)}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "scorecards/_simulation.html", context)
    return render(request, "scorecards/simulate.html", context)
