"""The alignment and ambition analysis page and its Excel export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from govkpi.core.excel import workbook_xlsx
from govkpi.core.views import int_param
from govkpi.dashboards import selectors
from govkpi.dashboards.alignment import DUPLICATE_THRESHOLD, alignment_sheets
from govkpi.dashboards.alignment import alignment as alignment_of
from govkpi.frameworks.choices import GroupCode
from govkpi.organisations.access import viewer_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def alignment(request: HttpRequest) -> HttpResponse:
    year = int_param(request, "year") or selectors.default_year()
    group = request.GET.get("group", GroupCode.AGENCIES)
    if group not in GroupCode.values:
        group = GroupCode.AGENCIES
    result = alignment_of(viewer=viewer_of(request), year=year, group=group)
    if request.GET.get("format") == "xlsx":
        data = workbook_xlsx(alignment_sheets(result), title=f"การวิเคราะห์ความสอดคล้อง {year} {group}")
        response = HttpResponse(data, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="alignment-{year}-{group}.xlsx"'
        return response
    return render(
        request,
        "dashboards/alignment.html",
        {
            "result": result,
            "year": year,
            "group": group,
            "groups": GroupCode.choices,
            "years": selectors.years(),
            "threshold": DUPLICATE_THRESHOLD,
        },
    )
