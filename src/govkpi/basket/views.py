"""Pages browsing, searching and (for OPDC) curating the KPI Basket, with its Excel export and import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govkpi.basket import selectors, services
from govkpi.basket.constants import TUNABLE
from govkpi.basket.excel import basket_export_xlsx, basket_precheck
from govkpi.basket.forms import BasketKpiForm
from govkpi.basket.models import BasketKpi, Domain
from govkpi.core.errors import ServiceError
from govkpi.core.excel_safety import MAX_UPLOAD
from govkpi.core.history import history_for
from govkpi.core.jobs import start_job
from govkpi.core.views import paginate, refusal_shown, xlsx_response
from govkpi.frameworks.choices import GroupCode
from govkpi.organisations.access import viewer_of
from govkpi.organisations.choices import OrganisationKind


def _curator(request: HttpRequest) -> None:
    if not viewer_of(request).is_opdc:
        raise PermissionDenied("เฉพาะสำนักงาน ก.พ.ร. เท่านั้นที่แก้ไข KPI Basket ได้ / Only OPDC may change the Basket.")


def _get(code: str) -> BasketKpi:
    try:
        return selectors.basket_get(code=code)
    except BasketKpi.DoesNotExist as exc:
        raise Http404("ไม่พบตัวชี้วัดใน KPI Basket / No such Basket entry.") from exc


def basket_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    group = request.GET.get("group", "")
    domain = request.GET.get("domain", "")
    qs = selectors.basket_list(
        q=request.GET.get("q", "").strip(),
        group=group if group in GroupCode.values else "",
        domain=domain if domain in Domain.values else "",
        plan=request.GET.get("plan", "").strip(),
        theme=request.GET.get("theme", "").strip(),
        include_retired=request.GET.get("retired") == "1",
    )
    page, querystring = paginate(request, qs, 50)
    template = "basket/_results.html" if request.htmx else "basket/list.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {
            "page": page,
            "querystring": querystring,
            "groups": GroupCode.choices,
            "domains": Domain.choices,
            "may_curate": viewer.is_opdc,
        },
    )


def basket_detail(request: HttpRequest, code: str) -> HttpResponse:
    kpi = _get(code)
    viewer = viewer_of(request)
    return render(
        request,
        "basket/detail.html",
        {
            "kpi": kpi,
            "history": history_for(kpi) if viewer.is_opdc else None,
            "may_curate": viewer.is_opdc,
            "kinds": [dict(OrganisationKind.choices).get(k, k) for k in kpi.applicable_kinds or []],
            "tunable": [TUNABLE.get(k, k) for k in kpi.tunable_fields or []],
        },
    )


@login_required
def basket_create(request: HttpRequest) -> HttpResponse:
    _curator(request)
    form = BasketKpiForm(request.POST or None, initial={"applicable_kinds": [], "tunable_fields": ["targets"]})
    if request.method == "POST" and form.is_valid():
        try:
            kpi = services.basket_kpi_create(by=request.user, data=form.template_data())  # type: ignore[arg-type]
        except ServiceError as exc:
            form.add_problems(exc.problems or [{"field": exc.field, "message": exc.message_th}])
        else:
            messages.success(request, _("เพิ่มตัวชี้วัด %(code)s ใน KPI Basket แล้ว") % {"code": kpi.code})
            return redirect("basket-detail", code=kpi.code)
    return render(request, "basket/form.html", {"form": form, "kpi": None}, status=422 if form.errors else 200)


@login_required
def basket_edit(request: HttpRequest, code: str) -> HttpResponse:
    _curator(request)
    kpi = _get(code)
    form = BasketKpiForm(request.POST or None, instance=kpi, initial=BasketKpiForm.initial_of(kpi))
    if request.method == "POST" and form.is_valid():
        try:
            services.basket_kpi_update(by=request.user, code=kpi.code, data=form.template_data())  # type: ignore[arg-type]
        except ServiceError as exc:
            form.add_problems(exc.problems or [{"field": exc.field, "message": exc.message_th}])
        else:
            messages.success(request, _("บันทึกการแก้ไขตัวชี้วัด %(code)s แล้ว") % {"code": kpi.code})
            return redirect("basket-detail", code=kpi.code)
    return render(request, "basket/form.html", {"form": form, "kpi": kpi}, status=422 if form.errors else 200)


@login_required
@require_POST
def basket_retire(request: HttpRequest, code: str) -> HttpResponse:
    _curator(request)
    with refusal_shown(request):
        services.basket_kpi_retire(by=request.user, code=code, reason=request.POST.get("reason", ""))  # type: ignore[arg-type]
        messages.success(request, _("เลิกใช้ตัวชี้วัด %(code)s แล้ว (ยังเปิดอ่านได้)") % {"code": code})
    return redirect("basket-detail", code=code)


@login_required
@require_POST
def basket_restore(request: HttpRequest, code: str) -> HttpResponse:
    _curator(request)
    with refusal_shown(request):
        services.basket_kpi_restore(by=request.user, code=code)  # type: ignore[arg-type]
        messages.success(request, _("นำตัวชี้วัด %(code)s กลับมาใช้แล้ว") % {"code": code})
    return redirect("basket-detail", code=code)


def basket_template(request: HttpRequest) -> HttpResponse:
    """The whole Basket (it is public), which is also the import template."""
    return xlsx_response(basket_export_xlsx(), "KPI-Basket.xlsx")


@login_required
def basket_import(request: HttpRequest) -> HttpResponse:
    _curator(request)
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = _("กรุณาเลือกไฟล์ Excel (.xlsx)")
        elif upload.size and upload.size > MAX_UPLOAD:
            error = _("ไฟล์ใหญ่เกิน 10 MB")
        else:
            data = upload.read()
            try:
                basket_precheck(data)  # a broken file, wrong sheet or columns, too many rows: refused before any job
            except ServiceError as exc:
                error = exc.message_th
            else:
                job = start_job(
                    "basket.import",
                    title=f"นำเข้า KPI Basket จาก {upload.name}",
                    owner=request.user,  # type: ignore[arg-type]
                    input_file=(upload.name or "basket.xlsx", data),
                )
                return redirect(job.get_absolute_url())
    return render(request, "basket/import.html", {"error": error}, status=422 if error else 200)
