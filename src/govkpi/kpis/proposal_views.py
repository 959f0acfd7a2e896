"""Proposal pages: the list, one proposal with its live rule check, timeline and actions, and the
coordinator's editor (Basket pick, new KPI, tune, remove). Thin: services and selectors do the work."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govkpi.basket.models import BasketKpi
from govkpi.basket.selectors import basket_list
from govkpi.core.errors import ServiceError
from govkpi.core.thaidates import format_date
from govkpi.core.views import int_param, paginate, refusal_shown, show_refusal
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.forms import ExtensionDecisionForm, ExtensionRequestForm
from govkpi.frameworks.models import FiscalYear, Framework
from govkpi.frameworks.selectors import LadderLevel, extension_panel, ladder_of
from govkpi.kpis import comments, field_rules, selectors, services, versions, workflow
from govkpi.kpis.choices import ProposalState, QualityFlag
from govkpi.kpis.forms import ExtensionForm, KpiForm, TransitionForm
from govkpi.kpis.models import Kpi, Proposal, ProposalComment
from govkpi.organisations.access import viewer_of


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    try:
        return selectors.proposal_get(viewer=viewer_of(request), pk=pk)
    except Proposal.DoesNotExist as exc:
        raise Http404("ไม่พบข้อเสนอตัวชี้วัดนี้ / No such proposal.") from exc


def _kpi(proposal: Proposal, kpi_pk: int) -> Kpi:
    kpi = proposal.kpis.select_related("component", "basket").filter(pk=kpi_pk).first()
    if kpi is None:
        raise Http404("ไม่พบตัวชี้วัดนี้ในข้อเสนอ / No such KPI in this proposal.")
    return kpi


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    state = request.GET.get("state", "")
    group = request.GET.get("group", "")
    organisation = request.GET.get("organisation", "").strip()[:30]  # a code: longer is no organisation's
    year = int_param(request, "year")
    group = group if group in GroupCode.values else ""
    qs = selectors.proposal_list(
        viewer=viewer,
        year=year,
        group=group,
        state=state if state in ProposalState.values else "",
        organisation=organisation,
    )
    counts = selectors.proposal_state_counts(viewer=viewer, year=year, group=group, organisation=organisation)
    base = {k: v for k, v in {"year": year, "group": group, "organisation": organisation}.items() if v}
    counters = [
        {"state": value, "label": label, "count": counts[value], "url": "?" + urlencode({**base, "state": value})}
        for value, label in ProposalState.choices
        if counts.get(value)
    ]
    page, querystring = paginate(request, qs, 50)
    return render(
        request,
        "kpis/proposals/list.html",
        {
            "page": page,
            "querystring": querystring,
            "years": FiscalYear.objects.values_list("year", flat=True),
            "groups": GroupCode.choices,
            "states": ProposalState.choices,
            "f": request.GET,
            "startable": services.startable_frameworks(viewer),
            "counters": counters,
        },
    )


@login_required
@require_POST
def proposal_start(request: HttpRequest) -> HttpResponse:
    framework = Framework.objects.filter(pk=int_param_post(request, "framework") or 0).first()
    if framework is None:
        raise Http404("ไม่พบกรอบการประเมินนี้ / No such framework.")
    try:
        proposal = services.proposal_start(framework=framework, by=_user(request))
    except ServiceError as exc:
        show_refusal(request, exc)
        return redirect("proposal-list")
    messages.success(request, f"เริ่มจัดทำข้อเสนอตัวชี้วัด {framework.name_th} แล้ว")
    return redirect("proposal-detail", pk=proposal.pk)


def _rules_context(proposal: Proposal, kpis: list[Kpi]) -> dict[str, Any]:
    problems = workflow.proposal_problems(proposal, kpis)
    components = []
    for c in proposal.framework.components.all():
        mine = [k for k in kpis if k.component_id == c.pk]
        scored = [k for k in mine if not k.is_monitor]
        total = sum((k.weight for k in scored), start=c.weight * 0)
        components.append(
            {
                "component": c,
                "total": total,
                "count": len(scored),
                "weight_ok": total == c.weight,
                "count_ok": c.min_kpis <= len(scored) <= c.max_kpis,
            }
        )
    return {"problems": problems, "rule_rows": components}


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    proposal = _proposal(request, pk)
    kpis = selectors.proposal_kpis(proposal)
    review = selectors.proposal_shows_review(viewer, proposal)
    groups: OrderedDict[int, dict[str, Any]] = OrderedDict()
    for c in proposal.framework.components.all():
        groups[c.pk] = {"component": c, "kpis": []}
    for k in kpis:
        groups[k.component_id]["kpis"].append(k)
    context: dict[str, Any] = {
        "proposal": proposal,
        "groups": list(groups.values()),
        "levels": list(proposal.framework.target_levels.all()),
        "events": workflow.events_of(proposal) if review else [],
        "actions": [(a, gettext(workflow.ACTION_LABELS[a][0])) for a in workflow.available_actions(proposal, viewer)]
        if review
        else [],
        "may_edit": services.may_edit(viewer, proposal),
        "deadline": workflow.deadline_for(proposal),
        "kpis": kpis,
        "version": versions.version_number(proposal),
        "review": review,
        "stages": workflow.stage_track(proposal),
        **_decision_context(proposal),
        **_rules_context(proposal, kpis),
    }
    context["takes_comment"] = workflow.takes_comment([a for a, _ in context["actions"]])
    context["comments"] = comments.comments_on_page(proposal, viewer)
    if context["comments"].may_comment:
        context["cite"] = _cite(request, kpis)
    if viewer.is_opdc and proposal.state in workflow.EDITABLE:
        context["extension_form"] = ExtensionForm()
    if proposal.state in workflow.EDITABLE:
        context["panel"] = extension_panel(
            viewer,
            framework=proposal.framework,
            organisation_id=proposal.organisation_id,
            round_=None,
            deadline=context["deadline"],
        )
        context["extension_request_form"] = ExtensionRequestForm()
        context["extension_decision_form"] = ExtensionDecisionForm()
    return render(request, "kpis/proposals/detail.html", context)


def _cite(request: HttpRequest, kpis: list[Kpi]) -> dict[str, Any] | None:
    """A reviewer's "cite" on a target quality flag (`?cite=<kpi id>&flag=<code>&note=<message>`):
    the comment form opens on that KPI row with the flag and its message filled in."""
    kpi_pk, flag = int_param(request, "cite"), request.GET.get("flag", "")
    if kpi_pk is None or flag not in QualityFlag.values or not any(k.pk == kpi_pk for k in kpis):
        return None
    return {"kpi": kpi_pk, "flag": flag, "label": QualityFlag(flag).label, "note": request.GET.get("note", "")[:1000]}


def _decision_context(proposal: Proposal) -> dict[str, Any]:
    """The meeting/resolution fields of a review stage and the approve confirmation's wording."""
    if not workflow.is_review_step(proposal):
        return {}
    meetings = {a.meeting for a in proposal.agenda_items.select_related("meeting__committee")}
    after = workflow.next_state(proposal, "approve") or ""
    if after == ProposalState.APPROVED:
        consequence = _("ตัวชี้วัดจะถูกตรึงเป็นฉบับที่ 1 หลังจากนี้เปลี่ยนได้ด้วยคำขอเปลี่ยนแปลงเท่านั้น")
    else:
        consequence = _("ข้อเสนอจะไปยังขั้น “%(next)s”") % {"next": workflow.state_label(after)}
    return {
        "decision_fields": True,
        "committee_stage": proposal.state in workflow.COMMITTEE_STEPS,
        "meetings": sorted(meetings, key=lambda m: (m.held_on, m.pk), reverse=True),
        "approve_message": _("เห็นชอบข้อเสนอของ %(org)s ในขั้น “%(stage)s”")
        % {
            "org": proposal.organisation.name_th,
            "stage": proposal.get_state_display(),
        }
        + " "
        + str(consequence),
    }


@login_required
def proposal_rules(request: HttpRequest, pk: int) -> HttpResponse:
    """The live rule check (htmx partial): weights per component, counts, ladders.

    A POST from the KPI form checks the proposal as it would stand with the values being typed
    (nothing is saved), so the coordinator sees the effect before saving."""
    proposal = _proposal(request, pk)
    kpis = selectors.proposal_kpis(proposal)
    error = ""
    if request.method == "POST":
        kpis, error = _with_typed_values(proposal, kpis, request)
    context = {"proposal": proposal, "preview": request.method == "POST", "preview_error": error}
    return render(request, "kpis/proposals/_rules.html", {**context, **_rules_context(proposal, kpis)})


def _with_typed_values(proposal: Proposal, kpis: list[Kpi], request: HttpRequest) -> tuple[list[Kpi], str]:
    data = request.POST
    levels = len(ladder_of(proposal.framework))
    raw: dict[str, Any] = {
        "component": data.get("component", ""),
        "weight": data.get("weight", ""),
        "targets": [data.get(f"target_{i}", "") for i in range(levels)],
        "is_monitor": bool(data.get("is_monitor")),
    }
    kpi_pk = int_param_post(request, "kpi")
    current = next((k for k in kpis if k.pk == kpi_pk), None)
    if current is not None:
        locked = field_rules.locked_fields(current)
        raw = {f: v for f, v in raw.items() if f not in locked}
    try:
        values = services.clean_values(proposal.framework, raw)
    except ServiceError as exc:
        return kpis, exc.message_th
    typed = current if current is not None else Kpi(proposal=proposal, code="ใหม่", component=values["component"])
    if current is None:
        kpis = [*kpis, typed]
    for field, value in values.items():
        setattr(typed, field, value)
    return kpis, ""


@login_required
@require_POST
def proposal_transition(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "คำขอไม่ถูกต้อง / Invalid request.")
        return redirect("proposal-detail", pk=pk)
    data = form.cleaned_data
    kpi = proposal.kpis.filter(pk=data["kpi"]).first() if data.get("kpi") else None
    try:
        workflow.transition(
            proposal,
            data["action"],
            by=_user(request),
            comment=data.get("comment") or "",
            kpi=kpi,
            expected_lock_version=data.get("lock_version"),
            meeting_id=data.get("meeting_id"),
            meeting_label=data.get("meeting") or "",
            resolution=data.get("resolution") or "",
        )
    except ServiceError as exc:
        show_refusal(request, exc)
        for problem in exc.problems[:10]:
            messages.error(request, f"• {problem.get('th')}")
    else:
        proposal.refresh_from_db()
        messages.success(
            request,
            gettext("%(action)s แล้ว — สถานะ: %(state)s")
            % {"action": gettext(workflow.ACTION_LABELS[data["action"]][0]), "state": proposal.get_state_display()},
        )
    return redirect("proposal-detail", pk=pk)


@login_required
@require_POST
def proposal_extension(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "; ".join(str(e) for e in errors))
        return redirect("proposal-detail", pk=pk)
    with refusal_shown(request):
        ext = workflow.deadline_extension_grant(
            proposal=proposal,
            by=_user(request),
            new_deadline=form.cleaned_data["new_deadline"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, f"ขยายเวลาส่งข้อเสนอถึง {format_date(ext.new_deadline)} แล้ว")
    return redirect("proposal-detail", pk=pk)


# --- the editor ----------------------------------------------------------------------------------


def _conflict_context(exc: ServiceError) -> dict[str, Any]:
    return {"conflict": exc.message_th, "current": exc.current}


@login_required
def kpi_edit(request: HttpRequest, pk: int, kpi_pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    kpi = _kpi(proposal, kpi_pk)
    locked = field_rules.locked_fields(kpi)
    context: dict[str, Any] = {
        "proposal": proposal,
        "kpi": kpi,
        "may_edit": services.may_edit(viewer_of(request), proposal),
        **_rules_context(proposal, selectors.proposal_kpis(proposal)),
    }
    if request.method == "POST":
        form = KpiForm(request.POST, framework=proposal.framework, locked=locked, initial=KpiForm.initial_for(kpi))
        if form.is_valid():
            try:
                services.kpi_update(
                    kpi=kpi,
                    by=_user(request),
                    values=form.values(),
                    expected_lock_version=form.cleaned_data.get("lock_version"),
                )
            except ServiceError as exc:
                if exc.current is not None:
                    context.update(_conflict_context(exc))
                else:
                    form.add_error(form.field_of(exc.field), exc.message_th)
            else:
                messages.success(request, f"บันทึกตัวชี้วัด {kpi.code} แล้ว")
                return redirect("proposal-detail", pk=pk)
    else:
        form = KpiForm(initial=KpiForm.initial_for(kpi), framework=proposal.framework, locked=locked)
    context["form"] = form
    return render(request, "kpis/proposals/kpi_form.html", context)


@login_required
def kpi_new(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    context: dict[str, Any] = {
        "proposal": proposal,
        "kpi": None,
        "may_edit": services.may_edit(viewer_of(request), proposal),
        **_rules_context(proposal, selectors.proposal_kpis(proposal)),
    }
    initial = {"lock_version": proposal.lock_version, "support": "indirect"}
    if request.method == "POST":
        form = KpiForm(request.POST, framework=proposal.framework, initial=initial)
        if form.is_valid():
            try:
                kpi = services.kpi_propose(
                    proposal=proposal,
                    by=_user(request),
                    values=form.values(),
                    expected_lock_version=form.cleaned_data.get("lock_version"),
                )
            except ServiceError as exc:
                if exc.current is not None:
                    context.update(_conflict_context(exc))
                else:
                    form.add_error(form.field_of(exc.field), exc.message_th)
            else:
                messages.success(request, f"เพิ่มตัวชี้วัด {kpi.code} แล้ว")
                return redirect("proposal-detail", pk=pk)
    else:
        form = KpiForm(initial=initial, framework=proposal.framework)
    context["form"] = form
    return render(request, "kpis/proposals/kpi_form.html", context)


@login_required
@require_POST
def kpi_remove(request: HttpRequest, pk: int, kpi_pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    kpi = _kpi(proposal, kpi_pk)
    with refusal_shown(request):
        services.kpi_remove(kpi=kpi, by=_user(request), expected_lock_version=int_param_post(request, "lock_version"))
        messages.success(request, f"นำตัวชี้วัด {kpi.code} ออกจากข้อเสนอแล้ว")
    return redirect("proposal-detail", pk=pk)


def int_param_post(request: HttpRequest, name: str) -> int | None:
    raw = request.POST.get(name, "").strip()
    return int(raw) if raw.isdigit() else None


@dataclass(frozen=True)
class PickOffer:
    """A Basket entry on the pick page with the targets it would bring into this framework's ladder."""

    entry: BasketKpi
    inputs: list[tuple[LadderLevel, str]]  # each level and its value: the recommendation, else blank
    recommended: bool  # the Basket recommends targets for this ladder length
    editable: bool  # the organisation sets or tunes them (else the recommendation is copied as is)


def pick_offers(entries: list[BasketKpi], ladder: tuple[LadderLevel, ...]) -> list[PickOffer]:
    offers = []
    levels = len(ladder)
    for entry in entries:
        recommended = entry.recommended_for(levels)
        offers.append(
            PickOffer(
                entry=entry,
                inputs=list(zip(ladder, recommended or [""] * levels, strict=True)),
                recommended=recommended is not None,
                editable="targets" in field_rules.basket_tunable(entry, levels=levels),
            )
        )
    return offers


@login_required
def basket_pick(request: HttpRequest, pk: int) -> HttpResponse:
    """Search the Basket (Thai words in any order) and pick an entry into the proposal, giving the
    targets the framework's ladder needs (prefilled with the Basket's recommendation for it)."""
    proposal = _proposal(request, pk)
    q = request.GET.get("q", "").strip()
    taken = set(proposal.kpis.exclude(basket=None).values_list("basket_id", flat=True))
    entries = list(basket_list(q=q, group=request.GET.get("group", proposal.framework.group))[:40])
    ladder = ladder_of(proposal.framework)
    context = {
        "proposal": proposal,
        "q": q,
        "offers": pick_offers(entries, ladder),
        "ladder": ladder,
        "taken": taken,
        "may_edit": services.may_edit(viewer_of(request), proposal),
        "group": request.GET.get("group", proposal.framework.group),
        "groups": GroupCode.choices,
    }
    template = "kpis/proposals/_basket_results.html" if request.htmx else "kpis/proposals/basket_pick.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
@require_POST
def basket_add(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    proposal = _proposal(request, pk)
    entry = BasketKpi.objects.filter(code=code).first()
    if entry is None:
        raise Http404("ไม่พบตัวชี้วัดใน KPI Basket / No such Basket KPI.")
    levels = len(ladder_of(proposal.framework))
    typed = [request.POST.get(f"target_{i}", "").strip() for i in range(levels)]
    values: dict[str, Any] = {}
    # Targets typed on the pick page go in when the organisation may set them; otherwise the
    # service copies the Basket's recommendation (and says what is missing if there is none).
    if any(typed) and "targets" in field_rules.basket_tunable(entry, levels=levels):
        values["targets"] = typed
    try:
        kpi = services.kpi_add_from_basket(
            proposal=proposal,
            basket=entry,
            by=_user(request),
            values=values,
            expected_lock_version=int_param_post(request, "lock_version"),
        )
    except ServiceError as exc:
        show_refusal(request, exc)
        return redirect(f"{reverse('proposal-basket', args=[pk])}?{urlencode({'q': entry.code})}")
    messages.success(request, f"เพิ่ม {entry.code} เป็นตัวชี้วัด {kpi.code} แล้ว — กำหนดน้ำหนักและค่าเป้าหมาย")
    return redirect("proposal-kpi-edit", pk=pk, kpi_pk=kpi.pk)


# --- reviewers' comments on KPI rows -------------------------------------------------------------


def _comment(proposal: Proposal, comment_pk: int) -> ProposalComment:
    comment = proposal.comments.filter(pk=comment_pk).first()
    if comment is None:
        raise Http404("ไม่พบความเห็นนี้ / No such comment.")
    return comment


@login_required
@require_POST
def proposal_comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    kpi_pk = int_param_post(request, "kpi")
    kpi = _kpi(proposal, kpi_pk) if kpi_pk else None
    with refusal_shown(request):
        comments.comment_add(
            proposal=proposal,
            by=_user(request),
            text=request.POST.get("text_th", ""),
            kpi=kpi,
            flag=request.POST.get("flag", ""),
        )
        messages.success(request, _("บันทึกความเห็นแล้ว"))
    return redirect("proposal-detail", pk=pk)


@login_required
@require_POST
def proposal_comment_reply(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    with refusal_shown(request):
        comments.comment_reply(
            comment=_comment(proposal, comment_pk), by=_user(request), text=request.POST.get("reply_th", "")
        )
        messages.success(request, _("ตอบความเห็นแล้ว"))
    return redirect("proposal-detail", pk=pk)


@login_required
@require_POST
def proposal_comment_resolve(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    with refusal_shown(request):
        comments.comment_resolve(comment=_comment(proposal, comment_pk), by=_user(request))
        messages.success(request, _("ปิดความเห็นแล้ว"))
    return redirect("proposal-detail", pk=pk)
