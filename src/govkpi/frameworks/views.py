"""Pages showing fiscal years and their frameworks."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from govkpi.core.history import history_for
from govkpi.frameworks import selectors
from govkpi.frameworks.models import Framework
from govkpi.organisations.access import viewer_of


def framework_list(request: HttpRequest) -> HttpResponse:
    return render(request, "frameworks/list.html", {"years": selectors.fiscal_year_list()})


def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        framework = selectors.framework_get(pk=pk)
    except Framework.DoesNotExist as exc:
        raise Http404("ไม่พบกรอบการประเมินนี้ / No such framework.") from exc
    viewer = viewer_of(request)
    return render(
        request,
        "frameworks/detail.html",
        {
            "framework": framework,
            "participants": framework.participants.order_by("kind", "code"),
            "history": history_for(framework) if viewer.is_opdc else None,
        },
    )
