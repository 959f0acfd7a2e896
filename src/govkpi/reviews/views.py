"""Pages of committees, meetings, agenda items, resolutions and recommendations (thin: services do the work)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from govkpi.core.views import int_param, paginate, refusal_shown
from govkpi.kpis import changes
from govkpi.kpis.models import Proposal
from govkpi.organisations.access import viewer_of
from govkpi.reviews import selectors, services
from govkpi.reviews.forms import AgendaItemForm, AnswerForm, MeetingForm, RecommendationForm, ResolutionForm
from govkpi.reviews.models import Committee


@login_required
def committee_list(request: HttpRequest) -> HttpResponse:
    visible = selectors.meetings_visible(viewer_of(request))
    committees = selectors.committee_list().annotate(n=Count("meetings", filter=Q(meetings__in=visible)))
    return render(request, "reviews/committees.html", {"committees": committees})


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    committee = request.GET.get("committee", "").strip()
    qs = selectors.meeting_list(viewer=viewer, committee=committee, year_be=int_param(request, "year"))
    page, querystring = paginate(request, qs, 30)
    return render(
        request,
        "reviews/meetings.html",
        {
            "page": page,
            "querystring": querystring,
            "committees": Committee.objects.order_by("code"),
            "committee": committee,
            "may_write": services.may_write(viewer),
        },
    )


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    if not services.may_write(viewer):
        raise PermissionDenied("เฉพาะฝ่ายเลขานุการคณะกรรมการหรือสำนักงาน ก.พ.ร. / Committee secretary or OPDC only.")
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(request, form):
            meeting = services.meeting_create(by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
            messages.success(request, f"บันทึกการประชุม {meeting.number_label} แล้ว")
            return redirect("meeting-detail", pk=meeting.pk)
    return render(request, "reviews/meeting_form.html", {"form": form})


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    meeting = selectors.meeting_get(viewer=viewer, pk=pk)
    may_write = services.may_write(viewer)
    context: dict[str, object] = {"meeting": meeting, "may_write": may_write}
    if may_write:
        context["agenda_form"] = _agenda_form(viewer)
        context["resolution_form"] = ResolutionForm()
        context["recommendation_form"] = RecommendationForm()
    return render(request, "reviews/meeting_detail.html", context)


def _agenda_form(viewer: object, data: object = None) -> AgendaItemForm:
    proposals = Proposal.objects.filter(state__in=services.COMMITTEE_STATES).select_related(
        "organisation", "framework__fiscal_year"
    )
    return AgendaItemForm(
        data,
        proposals=proposals,
        change_requests=changes.pending_for_agenda(viewer),  # type: ignore[arg-type]
    )


@login_required
@require_POST
def agenda_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    meeting = selectors.meeting_get(viewer=viewer, pk=pk)
    form = _agenda_form(viewer, request.POST)
    if not form.is_valid():
        messages.error(
            request, "; ".join(f"{form.fields[f].label}: {' '.join(str(m) for m in e)}" for f, e in form.errors.items())
        )
        return redirect("meeting-detail", pk=pk)
    with refusal_shown(request):
        services.agenda_item_add(
            by=request.user,  # type: ignore[arg-type]
            meeting=meeting,
            title_th=form.cleaned_data["title_th"],
            proposals=list(form.cleaned_data["proposals"]),
            change_requests=list(form.cleaned_data["change_requests"]),
        )
        messages.success(request, "เพิ่มวาระแล้ว")
    return redirect("meeting-detail", pk=pk)


@login_required
@require_POST
def resolution_record(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    item = selectors.agenda_item_get(viewer=viewer, pk=pk)
    form = ResolutionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "กรุณาเลือกมติ")
        return redirect("meeting-detail", pk=item.meeting_id)
    with refusal_shown(request):
        resolution = services.resolution_record(by=request.user, agenda_item=item, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, f"บันทึกมติ{resolution.get_decision_display()}ในวาระที่ {item.order} แล้ว")
    return redirect(f"/meetings/{item.meeting_id}/#item-{item.pk}")


@login_required
@require_POST
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    meeting = selectors.meeting_get(viewer=viewer, pk=pk)
    form = RecommendationForm(request.POST)
    if form.is_valid():
        with refusal_shown(request):
            services.recommendation_add(by=request.user, meeting=meeting, **form.cleaned_data)  # type: ignore[arg-type]
            messages.success(request, "บันทึกข้อเสนอแนะแล้ว")
    else:
        messages.error(request, "กรุณาระบุหน่วยงานและข้อเสนอแนะ")
    return redirect("meeting-detail", pk=pk)


@login_required
def recommendation_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    open_only = request.GET.get("open") == "1"
    qs = selectors.recommendation_list(viewer=viewer, open_only=open_only)
    page, querystring = paginate(request, qs, 30)
    return render(
        request,
        "reviews/recommendations.html",
        {
            "page": page,
            "querystring": querystring,
            "open_only": open_only,
            "answer_form": AnswerForm(),
            "answerable_org": viewer.organisation_id if viewer.is_coordinator or viewer.is_executive else None,
        },
    )


@login_required
@require_POST
def recommendation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    rec = selectors.recommendation_get(viewer=viewer, pk=pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "กรุณาระบุคำตอบ")
    else:
        with refusal_shown(request):
            services.recommendation_answer(
                by=request.user,  # type: ignore[arg-type]
                recommendation=rec,
                answer_th=form.cleaned_data["answer_th"],
            )
            messages.success(request, "บันทึกคำตอบแล้ว")
    return redirect("recommendation-list")
