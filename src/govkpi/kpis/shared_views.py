"""Pages of joint KPIs (host and participants) and cascaded KPIs (pushed to a whole group)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from govkpi.core.views import refusal_shown
from govkpi.frameworks.choices import Direction
from govkpi.frameworks.models import Framework
from govkpi.kpis import selectors, shared
from govkpi.kpis.models import JointKpi
from govkpi.organisations.access import Viewer, viewer_of
from govkpi.organisations.models import Organisation


class SharedForm(forms.Form):
    framework = forms.ModelChoiceField(label=_("กรอบการประเมิน"), queryset=Framework.objects.none())
    code = forms.CharField(label=_("รหัส"), max_length=30)
    name_th = forms.CharField(label=_("ชื่อตัวชี้วัด"), max_length=500)
    name_en = forms.CharField(label=_("ชื่อภาษาอังกฤษ"), max_length=500, required=False)
    definition_th = forms.CharField(label=_("คำอธิบาย"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    formula_th = forms.CharField(label=_("สูตรการคำนวณ"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    unit_th = forms.CharField(label=_("หน่วยวัด"), max_length=60, required=False)
    direction = forms.ChoiceField(label=_("ทิศทาง"), choices=Direction.choices)
    component = forms.CharField(label=_("องค์ประกอบ (รหัส)"), initial="performance")
    weight = forms.CharField(label=_("น้ำหนัก (ร้อยละ)"), initial="10")
    targets = forms.CharField(
        label=_("ค่าเป้าหมาย (หนึ่งค่าต่อขั้นของกรอบการประเมิน เรียงจากขั้นแรก คั่นด้วย /)"),
        help_text="เช่น 80 / 85 / 90",
    )

    def __init__(self, *args: Any, frameworks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = frameworks  # type: ignore[attr-defined]

    def clean_weight(self) -> Decimal:
        try:
            return Decimal(self.cleaned_data["weight"].replace(",", "").strip())
        except InvalidOperation as exc:
            raise forms.ValidationError("น้ำหนักต้องเป็นตัวเลข / The weight must be a number") from exc

    def template(self) -> shared.SharedTemplate:
        d = self.cleaned_data
        return shared.SharedTemplate(
            name_th=d["name_th"],
            name_en=d["name_en"],
            definition_th=d["definition_th"],
            formula_th=d["formula_th"],
            unit_th=d["unit_th"],
            direction=d["direction"],
            component=d["component"].strip(),
            weight=d["weight"],
            targets=[t.strip() for t in d["targets"].replace(",", "/").split("/") if t.strip()],
        )


class JointForm(SharedForm):
    issue_th = forms.CharField(label=_("ประเด็น"), max_length=300, required=False)
    host = forms.CharField(label=_("หน่วยงานเจ้าภาพ (รหัส)"))
    participants = forms.CharField(
        label=_("หน่วยงานที่ร่วม (รหัส คั่นด้วยจุลภาค)"), widget=forms.Textarea(attrs={"rows": 2}), help_text="เช่น CDD, MOF"
    )


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.replace("\n", ",").split(",") if c.strip()]


def _organisations(codes: list[str]) -> tuple[list[Organisation], list[str]]:
    found = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
    return [found[c] for c in codes if c in found], [c for c in codes if c not in found]


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _open_frameworks() -> Any:
    return (
        Framework.objects.filter(published_at__isnull=True)
        .select_related("fiscal_year")
        .order_by("-fiscal_year__year", "group")
    )


@login_required
def joint_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    joints = (
        selectors.joints_visible(viewer)
        .select_related("framework__fiscal_year", "host")
        .order_by("-framework__fiscal_year__year", "code")
    )
    may_create = viewer.is_opdc or viewer.is_coordinator
    return render(request, "kpis/shared/joint_list.html", {"joints": joints, "may_create": may_create})


@login_required
def joint_new(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    if not (viewer.is_opdc or viewer.is_coordinator):
        raise PermissionDenied("เฉพาะหน่วยงานเจ้าภาพหรือสำนักงาน ก.พ.ร. / Host organisation or OPDC only.")
    initial = {"host": viewer.organisation_code} if viewer.is_coordinator else {}
    form = JointForm(request.POST or None, frameworks=_open_frameworks(), initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        host = Organisation.objects.filter(code=d["host"].strip()).first()
        participants, missing = _organisations(_codes(d["participants"]))
        if host is None:
            form.add_error("host", f"ไม่พบหน่วยงานรหัส {d['host']}")
        elif missing:
            form.add_error("participants", f"ไม่พบหน่วยงานรหัส {', '.join(missing)}")
        else:
            with refusal_shown(request, form):
                joint = shared.joint_create(
                    framework=d["framework"],
                    by=_user(request),
                    code=d["code"],
                    issue_th=d["issue_th"],
                    host=host,
                    participants=participants,
                    template=form.template(),
                )
                messages.success(request, f"กำหนดตัวชี้วัดร่วม {joint.code} ให้ {len(participants)} หน่วยงานแล้ว")
                return redirect("joint-detail", pk=joint.pk)
    return render(request, "kpis/shared/shared_form.html", {"form": form, "joint": True})


def _joint(viewer: Viewer, pk: int) -> JointKpi:
    joint = selectors.joints_visible(viewer).select_related("framework__fiscal_year", "host").filter(pk=pk).first()
    if joint is None:
        raise Http404("ไม่พบตัวชี้วัดร่วมนี้ / No such joint KPI.")
    return joint


@login_required
def joint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    joint = _joint(viewer, pk)
    may_manage = shared.may_manage_joint(viewer, joint.host_id)
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied("เฉพาะหน่วยงานเจ้าภาพหรือสำนักงาน ก.พ.ร. / Host organisation or OPDC only.")
        participants, missing = _organisations(_codes(request.POST.get("participants", "")))
        if missing:
            messages.error(request, f"ไม่พบหน่วยงานรหัส {', '.join(missing)}")
        else:
            with refusal_shown(request):
                shared.joint_set_participants(joint=joint, by=_user(request), participants=participants)
                messages.success(request, "บันทึกหน่วยงานที่ร่วมตัวชี้วัดแล้ว")
        return redirect("joint-detail", pk=pk)
    visible = Organisation.objects.filter(viewer.organisation_q())
    rows = joint.kpis.select_related("organisation", "proposal", "component").order_by("organisation__code")
    return render(
        request,
        "kpis/shared/joint_detail.html",
        {
            "joint": joint,
            "rows": [
                r
                for r in rows
                if viewer.sees_all or viewer.organisation_id == joint.host_id or r.organisation in visible
            ],
            "may_manage": may_manage,
            "codes": ", ".join(joint.participants.order_by("code").values_list("code", flat=True)),
        },
    )


@login_required
def cascade_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    cascades = (
        shared.cascades_visible(viewer)
        .select_related("framework__fiscal_year", "owner")
        .order_by("-framework__fiscal_year__year", "code")
    )
    return render(
        request,
        "kpis/shared/cascade_list.html",
        {"cascades": cascades, "may_create": viewer.is_opdc or viewer.is_moi},
    )


@login_required
def cascade_new(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    if not (viewer.is_opdc or viewer.is_moi):
        raise PermissionDenied("เฉพาะสำนักงาน ก.พ.ร. หรือกระทรวงมหาดไทย / OPDC or MOI only.")
    form = SharedForm(request.POST or None, frameworks=_open_frameworks())
    if request.method == "POST" and form.is_valid():
        with refusal_shown(request, form):
            cascade, result = shared.cascade_push(
                framework=form.cleaned_data["framework"],
                by=_user(request),
                code=form.cleaned_data["code"],
                template=form.template(),
            )
            messages.success(request, f"ถ่ายทอดตัวชี้วัด {cascade.code} ไปยัง {len(result.created)} หน่วยงานแล้ว")
            if result.skipped:
                messages.warning(
                    request,
                    f"ข้ามหน่วยงานที่ข้อเสนอไม่อยู่ในสถานะแก้ไขได้ {len(result.skipped)} หน่วยงาน: "
                    + ", ".join(o.name_th for o in result.skipped[:10])
                    + (" …" if len(result.skipped) > 10 else ""),
                )
            return redirect("cascade-list")
    return render(request, "kpis/shared/shared_form.html", {"form": form, "joint": False})
