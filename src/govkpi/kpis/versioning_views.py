"""Pages of change requests (file, list, show, decide) and of a KPI's version history with diffs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from govkpi.core.errors import ServiceError
from govkpi.core.views import int_param, paginate, refusal_shown
from govkpi.frameworks.models import Round
from govkpi.kpis import changes, field_rules, selectors
from govkpi.kpis.choices import ChangeKind, ChangeLevel, ChangeState
from govkpi.kpis.models import Kpi
from govkpi.kpis.views import public_or_login
from govkpi.organisations.access import viewer_of
from govkpi.organisations.models import Organisation


class KpiChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.framework.fiscal_year.year} · {obj.code} {obj.name_th[:80]}"


class RoundChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.framework.fiscal_year.year} {obj.framework.get_group_display()} · {obj.name_th}"


class ChangeRequestForm(forms.Form):
    kpi = KpiChoice(Kpi.objects.none(), required=False, label=_("ตัวชี้วัด"))
    round = RoundChoice(Round.objects.none(), label=_("มีผลตั้งแต่รอบ"))
    kind = forms.ChoiceField(choices=ChangeKind.choices, label=_("ประเภทการเปลี่ยนแปลง"))
    reason_th = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("เหตุผล"))
    targets = forms.CharField(required=False, label=_("ค่าเป้าหมายใหม่ (เรียงจากขั้นต้น คั่นด้วย /)"))
    weight = forms.DecimalField(required=False, label=_("น้ำหนักใหม่ (ร้อยละ)"))
    weights = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "รหัสตัวชี้วัด=น้ำหนัก บรรทัดละ 1 ตัว"}),
        label=_("ปรับน้ำหนักตัวชี้วัดอื่นในองค์ประกอบเดียวกัน"),
    )
    formula_th = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("สูตรการคำนวณใหม่"))
    name_th = forms.CharField(required=False, label=_("ชื่อตัวชี้วัดที่เพิ่ม"))
    component = forms.CharField(required=False, label=_("องค์ประกอบของตัวชี้วัดที่เพิ่ม (performance / potential)"))
    unit_th = forms.CharField(required=False, label=_("หน่วยวัด"))

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kpis = changes.kpis_open_to_change(viewer)
        self.fields["kpi"].queryset = kpis  # type: ignore[attr-defined]
        self.fields["round"].queryset = (  # type: ignore[attr-defined]
            Round.objects.filter(framework__kpis__in=kpis).distinct().select_related("framework__fiscal_year")
        )

    def proposed(self) -> dict[str, Any]:
        data = self.cleaned_data
        kind = data["kind"]
        out: dict[str, Any] = {}
        if data.get("targets"):
            out["targets"] = [t.strip() for t in data["targets"].replace(",", "/").split("/") if t.strip()]
        if data.get("weight") is not None:
            out["weight"] = str(data["weight"])
        if data.get("weights"):
            pairs = [line.split("=", 1) for line in data["weights"].splitlines() if "=" in line]
            out["weights"] = {code.strip(): w.strip() for code, w in pairs}
        for f in ("formula_th", "name_th", "component", "unit_th"):
            if data.get(f):
                out[f] = data[f]
        return {k: v for k, v in out.items() if k in changes.ALLOWED[kind]}


@login_required
def change_request_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    state = request.GET.get("state", "")
    level = request.GET.get("level", "")
    qs = changes.change_request_list(
        viewer=viewer,
        year=int_param(request, "year"),
        state=state if state in ChangeState.values else "",
        level=level if level in ChangeLevel.values else "",
        organisation=request.GET.get("organisation", "").strip(),
    )
    page, querystring = paginate(request, qs, 50)
    return render(
        request,
        "changes/list.html",
        {
            "page": page,
            "querystring": querystring,
            "states": ChangeState.choices,
            "levels": ChangeLevel.choices,
            "may_file": viewer.is_coordinator,
        },
    )


@login_required
def change_request_create(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    if not viewer.is_coordinator:
        raise PermissionDenied("เฉพาะผู้ประสานงานตัวชี้วัดของหน่วยงาน / Coordinators only.")
    initial = {"kpi": int_param(request, "kpi")} if int_param(request, "kpi") else None
    form = ChangeRequestForm(request.POST or None, viewer=viewer, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            cr = changes.change_request_file(
                by=request.user,  # type: ignore[arg-type]
                kpi=form.cleaned_data["kpi"],
                organisation=Organisation.objects.get(pk=viewer.organisation_id or 0),
                round_=form.cleaned_data["round"],
                kind=form.cleaned_data["kind"],
                reason_th=form.cleaned_data["reason_th"],
                proposed=form.proposed(),
            )
        except ServiceError as exc:
            form.add_error(None, exc.message_th)
            for p in exc.problems:
                form.add_error(None, str(p.get("message_th", "")))
        else:
            messages.success(request, f"ยื่นคำขอเปลี่ยนแปลง #{cr.pk} แล้ว รอคณะกรรมการพิจารณา")
            return redirect("change-request-detail", pk=cr.pk)
    return render(request, "changes/form.html", {"form": form})


@login_required
def change_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    cr = changes.change_request_get(viewer=viewer, pk=pk)
    proposed = [
        (field_rules.label(k)[0], " / ".join(v) if isinstance(v, list) else v)
        for k, v in cr.proposed.items()
        if k != "weights"
    ]
    return render(
        request,
        "changes/detail.html",
        {
            "cr": cr,
            "proposed": proposed,
            "weights": cr.proposed.get("weights", {}),
            "events": changes.events_of(cr),
            "agenda_items": cr.agenda_items.select_related("meeting__committee"),
            "may_decide": changes.may_decide(viewer) and cr.state == ChangeState.SUBMITTED,
        },
    )


@login_required
@require_POST
def change_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    with refusal_shown(request):
        cr = changes.change_request_get(viewer=viewer, pk=pk)
        changes.change_request_decide(
            change_request=cr,
            decision=request.POST.get("decision", ""),
            by=request.user,  # type: ignore[arg-type]
            note_th=request.POST.get("note_th", ""),
        )
        messages.success(request, "บันทึกผลการพิจารณาแล้ว")
    return redirect("change-request-detail", pk=pk)


def kpi_versions(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    if not viewer.is_authenticated:
        return public_or_login(request, pk)
    try:
        kpi = selectors.kpi_get(viewer=viewer, pk=pk)
    except Kpi.DoesNotExist as exc:
        raise Http404("ไม่พบตัวชี้วัดนี้ / No such KPI.") from exc
    return render(
        request,
        "changes/versions.html",
        {
            "kpi": kpi,
            "rows": changes.version_history(kpi),
            "removed_from": changes.removed_from(kpi),
            "may_file": viewer.may_edit_for(kpi.organisation_id) and not kpi.is_removed,
        },
    )
