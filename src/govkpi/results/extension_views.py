"""Pages of extension requests: the coordinator's request form (on the proposal page and the result
sheet), OPDC's list of requests with grant and refuse."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from govkpi.core.errors import Invalid
from govkpi.core.thaidates import format_date
from govkpi.core.views import refusal_shown
from govkpi.frameworks import selectors as framework_selectors
from govkpi.frameworks.forms import ExtensionDecisionForm, ExtensionRequestForm
from govkpi.frameworks.models import ExtensionRequest, Framework
from govkpi.organisations.access import viewer_of
from govkpi.organisations.models import Organisation
from govkpi.results import extension_requests as service
from govkpi.results.services import sheet_path


@login_required
def extension_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    if viewer.is_public or (not viewer.sees_all and viewer.organisation_id is None):
        raise PermissionDenied
    state = request.GET.get("state", "")
    if state not in ExtensionRequest.State.values:
        state = ExtensionRequest.State.PENDING if viewer.is_opdc and "state" not in request.GET else ""
    requests = list(framework_selectors.extension_request_list(viewer, state=state)[:200])
    for req in requests:
        req.link = service.link_of(req)  # type: ignore[attr-defined]
        req.current = service.current_deadline(req)  # type: ignore[attr-defined]
    return render(
        request,
        "results/extensions.html",
        {
            "requests": requests,
            "state": state,
            "states": ExtensionRequest.State.choices,
            "may_decide": viewer.is_opdc,
            "extension_decision_form": ExtensionDecisionForm(),
        },
    )


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    nxt = request.POST.get("next", "")
    return redirect(nxt if nxt.startswith("/") and not nxt.startswith("//") else fallback)


def _pk(raw: str | None) -> int:
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 12 else 0


@login_required
@require_POST
def extension_new(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    framework = get_object_or_404(Framework, pk=_pk(request.POST.get("framework")))
    organisation = get_object_or_404(
        Organisation, pk=_pk(request.POST.get("organisation")) or viewer.organisation_id or 0
    )
    if not viewer.may_edit_for(organisation.pk):
        raise PermissionDenied
    round_pk = _pk(request.POST.get("round"))
    round_ = get_object_or_404(framework.rounds, pk=round_pk) if round_pk else None
    back = "/extensions/"
    if round_ is not None:
        back = sheet_path(organisation.code, round_)
    elif framework.proposals.filter(organisation=organisation).exists():
        back = f"/proposals/{framework.proposals.get(organisation=organisation).pk}/"
    form = ExtensionRequestForm(request.POST)
    with refusal_shown(request):
        if not form.is_valid():
            field, errors = next(iter(form.errors.items()))
            raise Invalid("; ".join(str(e) for e in errors), "; ".join(str(e) for e in errors), field=field)
        req = service.extension_request_create(
            viewer=viewer,
            user=request.user,
            framework=framework,
            organisation=organisation,
            round_=round_,
            requested_deadline=form.cleaned_data["requested_deadline"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, f"ส่งคำขอขยายเวลาถึง {format_date(req.requested_deadline)} แล้ว รอสำนักงาน ก.พ.ร. พิจารณา")
    return redirect(back)


def _decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    viewer = viewer_of(request)
    req = framework_selectors.extension_request_get(viewer, pk)
    if not viewer.is_opdc:
        raise PermissionDenied
    form = ExtensionDecisionForm(request.POST)
    with refusal_shown(request):
        if not form.is_valid():
            field, errors = next(iter(form.errors.items()))
            raise Invalid("; ".join(str(e) for e in errors), "; ".join(str(e) for e in errors), field=field)
        if action == "grant":
            req = service.extension_request_grant(
                viewer=viewer,
                user=request.user,
                req=req,
                new_deadline=form.cleaned_data["new_deadline"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, f"อนุมัติการขยายเวลาถึง {format_date(req.extension.new_deadline)} แล้ว")  # type: ignore[union-attr]
        else:
            service.extension_request_refuse(viewer=viewer, user=request.user, req=req, note=form.cleaned_data["note"])
            messages.success(request, "บันทึกการไม่อนุมัติคำขอแล้ว")
    return _back(request, "/extensions/")


@login_required
@require_POST
def extension_grant(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, "grant")


@login_required
@require_POST
def extension_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, "refuse")
