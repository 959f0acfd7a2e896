"""Early-warning pages: forecasts from the 6- or 9-month round, the organisations and KPIs most at
risk, and how accurate last years' forecasts were. Thin views over `scorecards.forecast`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from govkpi.core.views import int_param
from govkpi.dashboards import selectors
from govkpi.frameworks.models import Round
from govkpi.organisations.access import viewer_of
from govkpi.results.models import Result
from govkpi.scorecards.forecast import (
    FORECAST_ROUNDS,
    at_risk_kpis,
    at_risk_organisations,
    calibration_for,
    forecasts_for,
)


def default_round(year: int | None) -> int:
    """The latest forecast round of the year with any result reported, else 6."""
    for months in sorted(FORECAST_ROUNDS, reverse=True):
        if Result.objects.filter(round__framework__fiscal_year__year=year or 0, round__months=months).exists():
            return months
    return 6


def _params(request: HttpRequest) -> tuple[int | None, int, str, str]:
    year = int_param(request, "year") or selectors.default_year()
    months = int_param(request, "round") or default_round(year)
    group = request.GET.get("group", "")
    group = group if group in ("agencies", "provinces") else ""
    return year, months, group, request.GET.get("organisation", "").strip()


@login_required
def forecast(request: HttpRequest) -> HttpResponse:
    """Every organisation the viewer sees: the forecast list, most at risk first; one
    organisation's KPIs when `organisation` is given."""
    year, months, group, organisation = _params(request)
    forecasts = forecasts_for(
        viewer=viewer_of(request), year=year or 0, months=months, group=group, organisation=organisation
    )
    return render(
        request,
        "dashboards/forecast.html",
        {
            "year": year,
            "months": months,
            "group": group,
            "organisation": organisation,
            "years": selectors.years(),
            "rounds": FORECAST_ROUNDS,
            "forecasts": forecasts,
            "risky_organisations": at_risk_organisations(forecasts),
            "risky_kpis": at_risk_kpis(forecasts),
            "one": forecasts[0] if organisation and forecasts else None,
        },
    )


@login_required
def at_risk(request: HttpRequest) -> HttpResponse:
    """The "most at risk" lists a dashboard loads after it shows (htmx), scoped like the page."""
    year, months, group, organisation = _params(request)
    viewer = viewer_of(request)
    forecasts = forecasts_for(viewer=viewer, year=year or 0, months=months, group=group)
    if organisation:
        # A ministry's dashboard: the organisation and those under it that the viewer sees.
        forecasts = [
            f
            for f in forecasts
            if f.organisation.code == organisation
            or (f.organisation.parent and f.organisation.parent.code == organisation)
        ]
    return render(
        request,
        "dashboards/_at_risk.html",
        {
            "year": year,
            "months": months,
            "risky_organisations": at_risk_organisations(forecasts, limit=10),
            "risky_kpis": at_risk_kpis(forecasts, limit=10),
            "count": len(forecasts),
        },
    )


@login_required
def calibration(request: HttpRequest) -> HttpResponse:
    """ความแม่นยำของการคาดการณ์: a finished year's forecasts against its 12-month scores."""
    year = int_param(request, "year") or _last_finished_year()
    group = request.GET.get("group", "")
    group = group if group in ("agencies", "provinces") else ""
    found = calibration_for(viewer=viewer_of(request), year=year or 0, group=group)
    return render(
        request,
        "dashboards/forecast_calibration.html",
        {"year": year, "group": group, "years": selectors.years(), "found": found},
    )


def _last_finished_year() -> int | None:
    """The newest year with 12-month scores and a 6- or 9-month round to compare."""
    years = (
        Round.objects.filter(months=12, scores__isnull=False)
        .order_by("-framework__fiscal_year__year")
        .values_list("framework__fiscal_year__year", flat=True)
    )
    return years.first()
