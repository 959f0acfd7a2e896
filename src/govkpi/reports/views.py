"""Pages of reports: the committee summary, the meeting pack, and Excel exports of the lists."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from govkpi.basket.models import Domain
from govkpi.core.errors import NotAllowed, ServiceError
from govkpi.core.excel import XLSX_CONTENT_TYPE
from govkpi.core.jobs import start_job
from govkpi.core.views import bool_param, file_response, int_param
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import FiscalYear
from govkpi.kpis.choices import ChangeState, KpiType, Origin
from govkpi.kpis.selectors import KpiFilters
from govkpi.organisations.access import viewer_of
from govkpi.organisations.choices import OrganisationKind
from govkpi.reports import exports
from govkpi.reports.documents import FORMATS, summary_document, summary_title
from govkpi.reports.jobs import MEETING_PACK_JOB, SUMMARY_JOB
from govkpi.reports.meeting_pack import meeting_for, meeting_pack
from govkpi.reports.summary import committee_summary


def _year_group(request: HttpRequest) -> tuple[int, str]:
    raw = (request.POST.get("year") or request.GET.get("year") or "").strip()
    year = int(raw) if raw.isdigit() else None
    if year is None:
        latest = FiscalYear.objects.order_by("-year").values_list("year", flat=True).first()
        year = latest or 0
    group = request.GET.get("group", "") or request.POST.get("group", "") or GroupCode.AGENCIES
    return year, group


#: Names of a band the committee summary page shows before the link to the band's whole list.
SUMMARY_NAMES_SHOWN = 50


def summary_page(request: HttpRequest) -> HttpResponse:
    year, group = _year_group(request)
    context: dict[str, object] = {
        "year": year,
        "group": group,
        "years": FiscalYear.objects.values_list("year", flat=True),
        "groups": GroupCode.choices,
        "states": [cs for cs in ChangeState if cs != ChangeState.DRAFT],
        # A national year has thousands of organisations in a band: the page shows the first ones of
        # each band and links to the band's whole list (`?band=`); the PDF lists them all.
        "names_shown": SUMMARY_NAMES_SHOWN,
        "names_slice": f":{SUMMARY_NAMES_SHOWN}",
        "band_open": request.GET.get("band", ""),
    }
    try:
        summary = committee_summary(viewer=viewer_of(request), year=year, group=group)
    except ServiceError as exc:
        context["error"] = exc.message_th
        return render(request, "reports/summary.html", context, status=exc.status)
    context.update({"s": summary, "title": summary_title(summary)})
    return render(request, "reports/summary.html", context)


def summary_download(request: HttpRequest) -> HttpResponse:
    """json (and, for the public, every format) at once; xlsx and pdf as a background job otherwise."""
    year, group = _year_group(request)
    fmt = (request.POST.get("format") or request.GET.get("format") or "json").lower()
    if fmt not in FORMATS:
        messages.error(request, f"ไม่รู้จักรูปแบบไฟล์ {fmt} (json, xlsx, pdf)")
        return redirect(f"/reports/summary/?year={year}&group={group}")
    viewer = viewer_of(request)
    try:
        summary = committee_summary(viewer=viewer, year=year, group=group)
    except ServiceError as exc:
        raise Http404(exc.message_th) from exc
    if fmt != "json" and request.method == "POST" and request.user.is_authenticated:
        job = start_job(
            SUMMARY_JOB,
            title=f"{summary_title(summary)} ({fmt})",
            owner=request.user,
            params={"year": year, "group": group, "format": fmt},
        )
        return redirect(job.get_absolute_url())
    document = summary_document(summary, fmt)
    return file_response(document.content, document.filename, document.content_type)


@login_required
def meeting_pack_page(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    try:
        pack = meeting_pack(viewer=viewer, meeting_id=pk)
    except NotAllowed as exc:
        return render(request, "reports/meeting_pack.html", {"error": exc.message_th}, status=403)
    return render(request, "reports/meeting_pack.html", {"pack": pack})


@login_required
@require_POST
def meeting_pack_start(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    try:
        meeting = meeting_for(viewer=viewer, meeting_id=pk)
    except NotAllowed as exc:
        return render(request, "reports/meeting_pack.html", {"error": exc.message_th}, status=403)
    job = start_job(
        MEETING_PACK_JOB,
        title=f"เอกสารประกอบการประชุม {meeting}",
        owner=request.user,  # type: ignore[arg-type]
        params={"meeting": meeting.pk},
    )
    return redirect(job.get_absolute_url())


# --- Excel exports of the list pages, scoped exactly like the pages ---------------------------


@login_required  # the public reads published KPIs from the portal's snapshots and open data
def kpi_export(request: HttpRequest) -> HttpResponse:
    group = request.GET.get("group", "")
    kpi_type = request.GET.get("type", "")
    origin = request.GET.get("origin", "")
    filters = KpiFilters(
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
    content = exports.kpi_list_xlsx(viewer=viewer_of(request), filters=filters)
    return file_response(content, "kpis.xlsx", XLSX_CONTENT_TYPE)


def organisation_export(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    content = exports.organisation_list_xlsx(
        viewer=viewer_of(request),
        kind=kind if kind in OrganisationKind.values else "",
        q=request.GET.get("q", "").strip(),
    )
    return file_response(content, "organisations.xlsx", XLSX_CONTENT_TYPE)


def basket_export(request: HttpRequest) -> HttpResponse:
    group = request.GET.get("group", "")
    domain = request.GET.get("domain", "")
    content = exports.basket_list_xlsx(
        q=request.GET.get("q", "").strip(),
        group=group if group in GroupCode.values else "",
        domain=domain if domain in Domain.values else "",
        plan=request.GET.get("plan", "").strip(),
        theme=request.GET.get("theme", "").strip(),
    )
    return file_response(content, "basket.xlsx", XLSX_CONTENT_TYPE)


def framework_export(request: HttpRequest) -> HttpResponse:
    return file_response(exports.framework_list_xlsx(viewer_of(request)), "frameworks.xlsx", XLSX_CONTENT_TYPE)
