"""The framework designer's pages (OPDC): new framework, the designer with its sections, the
impact/confirm page of a change to an announced framework, and announcing.

These pages live in `web` because a change's impact reads proposals and scores
(`scorecards.framework_change`), above frameworks in the layers. OPDC administrators edit;
desk officers read the same page without its forms.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govkpi.core.errors import Invalid, ServiceError
from govkpi.core.history import history_for
from govkpi.frameworks import forms as ff
from govkpi.frameworks import selectors, services
from govkpi.frameworks.models import Framework
from govkpi.frameworks.validation import framework_problems, problems_of_part
from govkpi.organisations.access import Viewer, viewer_of
from govkpi.organisations.models import Organisation
from govkpi.scorecards.framework_change import framework_change

PARTS = ("settings", "components", "ladder", "bands", "rounds", "participants")


def _opdc(request: HttpRequest, *, admin: bool = False) -> Viewer:
    viewer = viewer_of(request)
    if not (viewer.is_opdc_admin if admin else viewer.is_opdc):
        raise PermissionDenied(_("เฉพาะผู้ดูแลระบบของสำนักงาน ก.พ.ร.") if admin else _("เฉพาะสำนักงาน ก.พ.ร."))
    return viewer


def _message(exc_or_problem: Any) -> str:
    english = (get_language() or "th").startswith("en")
    return str(exc_or_problem.message_en if english and exc_or_problem.message_en else exc_or_problem.message_th)


@login_required
@require_POST
def framework_new(request: HttpRequest) -> HttpResponse:
    _opdc(request, admin=True)
    form = ff.NewFrameworkForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("framework-list")
    data = form.cleaned_data
    try:
        if data["copy_from"] is not None:
            source: Framework = data["copy_from"]
            if source.group != data["group"]:
                messages.error(request, _("กรอบการประเมินที่คัดลอกต้องเป็นกลุ่มเดียวกัน"))
                return redirect("framework-list")
            framework = services.framework_copy(source, year=data["year"], by=request.user)
        else:
            framework = services.framework_create(year=data["year"], group=data["group"], by=request.user)
    except ServiceError as exc:
        messages.error(request, _message(exc))
        return redirect("framework-list")
    messages.success(request, _("สร้างร่างกรอบการประเมินแล้ว ยังไม่ประกาศให้หน่วยงานเห็น"))
    return redirect("framework-design", pk=framework.pk)


def _initial_forms(framework: Framework) -> dict[str, Any]:
    return {
        "settings": ff.SettingsForm(
            initial={
                "name_th": framework.name_th,
                "name_en": framework.name_en,
                "proposal_deadline": framework.proposal_deadline,
                "monitoring_only": framework.monitoring_only,
                "kpi_types": framework.kpi_types,
                "appeal_window_days": framework.appeal_window_days,
            },
            prefix="settings",
        ),
        "components": ff.ComponentFormSet(
            initial=[
                {
                    "code": c.code,
                    "name_th": c.name_th,
                    "name_en": c.name_en,
                    "weight": c.weight,
                    "min_kpis": c.min_kpis,
                    "max_kpis": c.max_kpis,
                }
                for c in framework.components.all()
            ],
            prefix="components",
        ),
        "ladder": ff.LadderForm(initial={"below_lowest_points": framework.below_lowest_points}, prefix="ladder"),
        "levels": ff.LevelFormSet(
            initial=[
                {"name_th": t.name_th, "name_en": t.name_en, "points": t.points} for t in framework.target_levels.all()
            ],
            prefix="levels",
        ),
        "bands": ff.BandFormSet(
            initial=[
                {"name_th": b.name_th, "name_en": b.name_en, "min_score": b.min_score, "colour": b.colour}
                for b in framework.bands.all()
            ],
            prefix="bands",
        ),
        "rounds": ff.RoundFormSet(
            initial=[
                {"months": r.months, "opens_on": r.opens_on, "closes_on": r.closes_on} for r in framework.rounds.all()
            ],
            prefix="rounds",
        ),
        "participants": ff.ParticipantsForm(
            initial={"codes": " ".join(framework.participants.order_by("code").values_list("code", flat=True))},
            prefix="participants",
        ),
    }


def _rows(formset: forms.BaseFormSet[Any]) -> list[dict[str, Any]]:
    """The filled rows of a formset in order, without the deleted and the blank extra ones."""
    return [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


def _write_of(part: str, bound: dict[str, Any]) -> Callable[[Any, Framework], object] | None:
    """The designer write a valid posted section asks for (None when the forms are invalid)."""
    if part == "settings":
        form = bound["settings"]
        if not form.is_valid():
            return None
        values = dict(form.cleaned_data)
        return lambda by, fw: services.framework_update(framework=fw, by=by, values=values)
    if part == "components":
        fs = bound["components"]
        if not fs.is_valid():
            return None
        specs = [services.ComponentSpec(**{k: v for k, v in row.items() if k != "DELETE"}) for row in _rows(fs)]
        return lambda by, fw: services.framework_set_components(framework=fw, by=by, components=specs)
    if part == "ladder":
        fs, form = bound["levels"], bound["ladder"]
        if not (fs.is_valid() and form.is_valid()):
            return None
        levels = [services.LevelSpec(**{k: v for k, v in row.items() if k != "DELETE"}) for row in _rows(fs)]
        below = form.cleaned_data["below_lowest_points"]
        return lambda by, fw: services.framework_set_ladder(
            framework=fw, by=by, levels=levels, below_lowest_points=below
        )
    if part == "bands":
        fs = bound["bands"]
        if not fs.is_valid():
            return None
        bands = [services.BandSpec(**{k: v for k, v in row.items() if k != "DELETE"}) for row in _rows(fs)]
        return lambda by, fw: services.framework_set_bands(framework=fw, by=by, bands=bands)
    if part == "rounds":
        fs = bound["rounds"]
        if not fs.is_valid():
            return None
        rounds = [services.RoundSpec(**{k: v for k, v in row.items() if k != "DELETE"}) for row in _rows(fs)]
        return lambda by, fw: services.framework_set_rounds(framework=fw, by=by, rounds=rounds)
    if part == "participants":
        form = bound["participants"]
        if not form.is_valid():
            return None
        codes = form.code_list()
        provinces = form.cleaned_data["all_provinces"]
        ministry = form.cleaned_data["ministry"]

        def write(by: Any, fw: Framework) -> object:
            found = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
            unknown = [c for c in codes if c not in found]
            if unknown:
                raise Invalid(
                    f"ไม่พบหน่วยงานรหัส {', '.join(unknown)}",
                    f"Unknown organisation code(s): {', '.join(unknown)}",
                    field="framework.participants",
                )
            chosen = list(found.values()) + services.quick_participants(
                all_provinces=provinces, ministry_code=ministry.code if ministry else ""
            )
            return services.framework_set_participants(framework=fw, by=by, organisations=chosen)

        return write
    return None


def _bind(part: str, data: Any, framework: Framework) -> dict[str, Any]:
    forms_ = _initial_forms(framework)
    if part == "settings":
        forms_["settings"] = ff.SettingsForm(data, prefix="settings")
    elif part == "components":
        forms_["components"] = ff.ComponentFormSet(data, prefix="components")
    elif part == "ladder":
        forms_["levels"] = ff.LevelFormSet(data, prefix="levels")
        forms_["ladder"] = ff.LadderForm(data, prefix="ladder")
    elif part == "bands":
        forms_["bands"] = ff.BandFormSet(data, prefix="bands")
    elif part == "rounds":
        forms_["rounds"] = ff.RoundFormSet(data, prefix="rounds")
    elif part == "participants":
        forms_["participants"] = ff.ParticipantsForm(data, prefix="participants")
    return forms_


@login_required
def framework_design(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _opdc(request)
    try:
        framework = selectors.framework_visible_get(viewer, pk)
    except ServiceError as exc:
        raise Http404(exc.message_th) from exc
    bound = _initial_forms(framework)
    refusals: dict[str, list[str]] = {}
    if request.method == "POST":
        if not viewer.is_opdc_admin:
            raise PermissionDenied(_("เฉพาะผู้ดูแลระบบของสำนักงาน ก.พ.ร."))
        part = request.POST.get("part", "")
        if part not in PARTS:
            raise Http404("unknown part")
        bound = _bind(part, request.POST, framework)
        write = _write_of(part, bound)
        if write is None:
            refusals[part] = [_("แก้ไขช่องที่ไม่ถูกต้องด้านล่าง")]
        else:
            confirm = request.POST.get("confirm") == "1"
            try:
                impact = framework_change(
                    framework=framework, by=request.user, change=lambda: write(request.user, framework), confirm=confirm
                )
            except ServiceError as exc:
                refusals[part] = [_message(p) for p in _problems_of(exc)] or [_message(exc)]
            else:
                if not impact.applied:
                    return render(
                        request,
                        "frameworks/impact.html",
                        {"framework": framework, "impact": impact, "posted": _posted(request), "part": part},
                    )
                messages.success(request, _("บันทึกแล้ว"))
                return redirect(f"{request.path}#{part}")
        framework = selectors.framework_get(pk=framework.pk)
    problems = framework_problems(framework)
    return render(
        request,
        "frameworks/design.html",
        {
            "framework": framework,
            "f": bound,
            "refusals": refusals,
            "problems": [(p, _message(p)) for p in problems],
            "part_problems": {part: [_message(p) for p in problems_of_part(problems, part)] for part in PARTS},
            "may_edit": viewer.is_opdc_admin and not framework.is_published,
            "history": history_for(framework),
        },
    )


class _P:
    def __init__(self, d: dict[str, Any]) -> None:
        self.message_th, self.message_en = d.get("th", ""), d.get("en", "")


def _problems_of(exc: ServiceError) -> list[_P]:
    return [_P(p) for p in exc.problems if isinstance(p, dict)]


def _posted(request: HttpRequest) -> list[tuple[str, str]]:
    """The section's posted fields, carried through the confirm page unchanged."""
    return [
        (k, v) for k in request.POST for v in request.POST.getlist(k) if k not in {"csrfmiddlewaretoken", "confirm"}
    ]


@login_required
@require_POST
def framework_announce(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _opdc(request, admin=True)
    try:
        framework = selectors.framework_visible_get(viewer, pk)
        services.framework_announce(framework=framework, by=request.user)
    except ServiceError as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, _("ประกาศกรอบการประเมินแล้ว แจ้งหน่วยงานที่รับการประเมินทุกหน่วยงานแล้ว"))
    return redirect("framework-design", pk=pk)
