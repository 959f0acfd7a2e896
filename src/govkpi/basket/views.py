"""Pages browsing and searching the KPI Basket."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from govkpi.basket import selectors
from govkpi.basket.models import BasketKpi, Domain
from govkpi.core.history import history_for
from govkpi.core.views import paginate, viewer_of
from govkpi.frameworks.choices import GroupCode


def basket_list(request: HttpRequest) -> HttpResponse:
    group = request.GET.get("group", "")
    domain = request.GET.get("domain", "")
    qs = selectors.basket_list(
        q=request.GET.get("q", "").strip(),
        group=group if group in GroupCode.values else "",
        domain=domain if domain in Domain.values else "",
        plan=request.GET.get("plan", "").strip(),
        theme=request.GET.get("theme", "").strip(),
    )
    page, querystring = paginate(request, qs, 50)
    template = "basket/_results.html" if request.htmx else "basket/list.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {"page": page, "querystring": querystring, "groups": GroupCode.choices, "domains": Domain.choices},
    )


def basket_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        kpi = selectors.basket_get(code=code)
    except BasketKpi.DoesNotExist as exc:
        raise Http404("ไม่พบตัวชี้วัดใน KPI Basket / No such Basket entry.") from exc
    viewer = viewer_of(request)
    return render(
        request,
        "basket/detail.html",
        {"kpi": kpi, "history": history_for(kpi) if viewer.is_opdc else None},
    )
