"""Pages listing KPI assignments and showing one with its versions and history."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from govkpi.core.history import history_for
from govkpi.core.views import bool_param, int_param, paginate
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import FiscalYear
from govkpi.kpis import selectors
from govkpi.kpis.choices import KpiType, Origin
from govkpi.kpis.models import Kpi, StrategicKpi
from govkpi.organisations.access import viewer_of


def filters_from(request: HttpRequest) -> selectors.KpiFilters:
    group = request.GET.get("group", "")
    kpi_type = request.GET.get("type", "")
    origin = request.GET.get("origin", "")
    return selectors.KpiFilters(
        year=int_param(request, "year"),
        group=group if group in GroupCode.values else "",
        organisation=request.GET.get("organisation", "").strip(),
        kpi_type=kpi_type if kpi_type in KpiType.values else "",
        origin=origin if origin in Origin.values else "",
        monitor=bool_param(request, "monitor"),
        joint=bool_param(request, "joint"),
        theme=request.GET.get("theme", "").strip(),
        q=request.GET.get("q", "").strip(),
        strategic=request.GET.get("strategic", "").strip()[:30],
    )


def public_or_login(request: HttpRequest, pk: int) -> HttpResponse:
    """Where a logged-out visitor of a KPI's internal page goes: the public KPI page of a published
    KPI (the portal reads it from the publication snapshot, never from these live tables), else
    the login page. The public never reads a KPI's live definition."""
    kpi = (
        selectors.visible_kpis(viewer_of(request))
        .filter(pk=pk)
        .select_related("organisation", "framework__fiscal_year")
    )
    found = kpi.first()
    if found is None:
        return redirect_to_login(request.get_full_path())
    framework = found.framework
    return redirect("public-kpi", framework.fiscal_year.year, framework.group, found.organisation.code, found.code)


@login_required
def kpi_list(request: HttpRequest) -> HttpResponse:
    filters = filters_from(request)
    qs = selectors.kpi_list(viewer=viewer_of(request), filters=filters)
    page, querystring = paginate(request, qs, 50)
    return render(
        request,
        "kpis/list.html",
        {
            "page": page,
            "querystring": querystring,
            "filters": filters,
            "years": FiscalYear.objects.values_list("year", flat=True),
            "groups": GroupCode.choices,
            "types": KpiType.choices,
            "origins": Origin.choices,
            "strategics": StrategicKpi.objects.select_related("fiscal_year").order_by("-fiscal_year__year", "code"),
        },
    )


def kpi_detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    if not viewer.is_authenticated:
        return public_or_login(request, pk)
    try:
        kpi = selectors.kpi_get(viewer=viewer, pk=pk)
    except Kpi.DoesNotExist as exc:
        raise Http404("ไม่พบตัวชี้วัดนี้ / No such KPI.") from exc
    levels = list(kpi.framework.target_levels.order_by("order"))
    return render(
        request,
        "kpis/detail.html",
        {
            "kpi": kpi,
            "targets": list(zip(levels, kpi.targets, strict=False)),
            "versions": list(kpi.versions.all()),
            "history": history_for(kpi) if viewer.is_opdc or viewer.may_edit_for(kpi.organisation_id) else None,
        },
    )
