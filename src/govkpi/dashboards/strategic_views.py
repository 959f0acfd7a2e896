"""Strategic KPI pages: the list (by year, owner, plan), one Strategic KPI with its attached KPIs
and its roll-up per round (counts, organisations, the province map) and the roll-up as Excel."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from govkpi.core.excel import workbook_xlsx
from govkpi.core.views import int_param
from govkpi.dashboards.strategic import STATUS_STYLE, rollup_map, rollup_sheets, status_word, strategic_rollup
from govkpi.dashboards.views import scorecard_url
from govkpi.frameworks.models import FiscalYear
from govkpi.kpis.strategic import StrategicFilters, attached_kpis, strategic_get, strategic_list
from govkpi.organisations.access import viewer_of
from govkpi.organisations.models import Organisation
from govkpi.plans.models import PlanNode
from govkpi.scoring.status import KpiStatus


def _filters(request: HttpRequest) -> StrategicFilters:
    return StrategicFilters(
        year=int_param(request, "year"),
        owner=request.GET.get("owner", "").strip()[:30],
        plan=request.GET.get("plan", "").strip()[:20],
        q=request.GET.get("q", "").strip()[:100],
    )


@login_required
def strategic_list_page(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    items = list(strategic_list(filters=filters))
    owners = Organisation.objects.filter(owned_strategic_kpis__isnull=False).distinct().order_by("code")
    plans = PlanNode.objects.filter(strategic_kpis__isnull=False).distinct().order_by("code")
    return render(
        request,
        "dashboards/strategic_list.html",
        {
            "items": items,
            "filters": filters,
            "years": FiscalYear.objects.filter(strategic_kpis__isnull=False).distinct().values_list("year", flat=True),
            "owners": owners,
            "plans": plans,
        },
    )


@login_required
def strategic_detail_page(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    strategic = strategic_get(pk=pk)
    rollup = strategic_rollup(viewer=viewer, strategic=strategic, months=int_param(request, "round"))
    year = strategic.fiscal_year.year
    tile_map = rollup_map(rollup, link=lambda org, round_: scorecard_url(org, year, round_))
    attached = list(attached_kpis(viewer=viewer, strategic=strategic))
    by_organisation: dict[Organisation, list[object]] = {}
    for kpi in attached:
        by_organisation.setdefault(kpi.organisation, []).append(kpi)
    statuses = [
        (str(s), status_word(s), STATUS_STYLE[s], rollup.organisations(s))
        for s in (KpiStatus.ON_TARGET, KpiStatus.AT_RISK, KpiStatus.OFF_TRACK, KpiStatus.NOT_REPORTED)
    ]
    return render(
        request,
        "dashboards/strategic_detail.html",
        {
            "sk": strategic,
            "rollup": rollup,
            "map": tile_map,
            "by_organisation": list(by_organisation.items()),
            "statuses": statuses,
        },
    )


@login_required
def strategic_export(request: HttpRequest, pk: int) -> HttpResponse:
    strategic = strategic_get(pk=pk)
    rollup = strategic_rollup(viewer=viewer_of(request), strategic=strategic, months=int_param(request, "round"))
    data = workbook_xlsx(rollup_sheets(rollup), title=f"{strategic.code} {strategic.name_th}")
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = f"strategic-{strategic.code}-{strategic.fiscal_year.year}-{rollup.months}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
