"""Pages listing organisations and showing one (with its KPIs: it lives in `web`, above both apps)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from govkpi.core.history import history_for
from govkpi.core.thaisort import thai_sort_key
from govkpi.core.views import paginate
from govkpi.kpis.selectors import KpiFilters, kpi_list
from govkpi.organisations import selectors
from govkpi.organisations.access import viewer_of
from govkpi.organisations.choices import OrganisationKind
from govkpi.organisations.models import Organisation


def organisation_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    kind = request.GET.get("kind", "")
    if kind and kind not in OrganisationKind.values:
        kind = ""
    qs = selectors.organisation_list(viewer=viewer, kind=kind, q=request.GET.get("q", "").strip())
    # By kind, then by Thai name in dictionary order (a few hundred rows: sorted here, not in SQL).
    ordered = sorted(qs, key=lambda o: (o.kind, thai_sort_key(o.name_th)))
    page, querystring = paginate(request, ordered, 100)
    return render(
        request,
        "organisations/list.html",
        {"page": page, "querystring": querystring, "kinds": OrganisationKind.choices, "kind": kind},
    )


def organisation_detail(request: HttpRequest, code: str) -> HttpResponse:
    viewer = viewer_of(request)
    try:
        org = selectors.organisation_get(code=code)
    except Organisation.DoesNotExist as exc:
        raise Http404("ไม่พบส่วนราชการนี้ / No such organisation.") from exc
    kpis = kpi_list(viewer=viewer, filters=KpiFilters(organisation=org.code))
    return render(
        request,
        "organisations/detail.html",
        {
            "org": org,
            "children": org.children.all(),
            "kpis": kpis,
            "people": selectors.people_of(viewer=viewer, organisation=org),
            "history": history_for(org) if viewer.is_opdc else None,
        },
    )
