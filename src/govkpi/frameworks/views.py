"""Pages showing fiscal years and their frameworks."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from govkpi.core.errors import NotFound
from govkpi.core.history import history_for
from govkpi.frameworks import selectors
from govkpi.frameworks.forms import NewFrameworkForm
from govkpi.organisations.access import viewer_of


def framework_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    return render(
        request,
        "frameworks/list.html",
        {
            # A year whose only framework is a draft is not shown to organisations at all.
            "years": [
                y
                for y in selectors.fiscal_year_list(viewer)
                if getattr(y, "visible_frameworks", None) or viewer.is_opdc
            ],
            "new_form": NewFrameworkForm() if viewer.is_opdc_admin else None,
            "is_opdc": viewer.is_opdc,
        },
    )


def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    try:
        framework = selectors.framework_visible_get(viewer, pk)
    except NotFound as exc:
        raise Http404("ไม่พบกรอบการประเมินนี้ / No such framework.") from exc
    return render(
        request,
        "frameworks/detail.html",
        {
            "framework": framework,
            "participants": framework.participants.order_by("kind", "code"),
            "history": history_for(framework) if viewer.is_opdc else None,
            "is_opdc": viewer.is_opdc,
        },
    )
