"""Thin pages of results: a round sheet per organisation (a form per KPI, htmx saves), evidence
downloads, approval, publication, appeals and lessons learned."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from govkpi.core.errors import Invalid, NotFound, ServiceError
from govkpi.core.jobs import start_job
from govkpi.core.views import refusal_shown, see_other, show_refusal
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.forms import ExtensionDecisionForm, ExtensionRequestForm, RoundExtensionForm
from govkpi.frameworks.models import Framework, Round
from govkpi.frameworks.selectors import extension_panel, frameworks_visible
from govkpi.kpis.models import Kpi
from govkpi.organisations.access import viewer_of
from govkpi.organisations.choices import OrganisationKind
from govkpi.organisations.models import Organisation
from govkpi.results import appeals, bulk, excel, selectors, services
from govkpi.results import evidence as evidence_service
from govkpi.results.models import Appeal, Confidence, LessonsLearned, Result, ResultState


def _sheet_url(org_code: str, year: int, months: int) -> str:
    return reverse("result-sheet", args=[org_code, year, months])


def _organisation(code: str) -> Organisation:
    return get_object_or_404(Organisation, code=code)


def _framework(organisation: Organisation, year: int) -> Framework:
    return selectors.framework_of(organisation, year)


def result_index(request: HttpRequest) -> HttpResponse:
    """Where to report: the viewer's organisation's rounds, or for OPDC every framework."""
    viewer = viewer_of(request)
    frameworks = frameworks_visible(viewer).prefetch_related("rounds").order_by("-fiscal_year__year", "group")
    own = Organisation.objects.filter(pk=viewer.organisation_id).first() if viewer.organisation_id else None
    own_rounds = []
    if own is not None and not viewer.sees_all:
        for fw in frameworks:
            if fw.kpis.filter(organisation=own).exists():
                for rnd in fw.rounds.all():
                    own_rounds.append((fw, rnd, services.round_is_open(rnd, own), services.deadline_for(rnd, own)))
    return render(
        request,
        "results/index.html",
        {"frameworks": frameworks, "own": own, "own_rounds": own_rounds, "viewer": viewer},
    )


def framework_results(request: HttpRequest, year: int, group: str) -> HttpResponse:
    """A framework's organisations and their stored scores per round; OPDC publishes from here."""
    viewer = viewer_of(request)
    framework = get_object_or_404(Framework.objects.select_related("fiscal_year"), fiscal_year__year=year, group=group)
    if not viewer.sees_all and not framework.is_published:
        raise PermissionDenied(selectors.NO_ACCESS)
    if viewer.is_public:
        # The public reads the published snapshot, never the live scores (a correction in progress).
        return see_other(f"/public/{year}/{framework.group}/")
    scores = selectors.score_list(viewer=viewer, framework=framework)
    counts = (
        {s: Result.objects.filter(round__framework=framework, state=s).count() for s in ResultState.values}
        if viewer.sees_all
        else {}
    )
    return render(
        request,
        "results/framework.html",
        {
            "framework": framework,
            "scores": scores,
            "counts": counts,
            "states": ResultState,
            "deadline": appeals.appeal_deadline(framework),
            "rounds": framework.rounds.all(),
            "progress": selectors.round_progress(framework) if viewer.sees_all else [],
        },
    )


def result_sheet(request: HttpRequest, org_code: str, year: int, months: int) -> HttpResponse:
    viewer = viewer_of(request)
    organisation = _organisation(org_code)
    try:
        sheet = selectors.round_sheet(viewer=viewer, organisation=organisation, year=year, months=months)
    except NotFound as exc:
        return render(request, "results/missing.html", {"message": exc.message_th}, status=404)
    if not sheet.internal:
        # Outsiders read the published snapshot, never the live sheet (its stored total may count
        # a correction in progress; its deadline extensions carry OPDC's internal reasons).
        return see_other(f"/public/{year}/{sheet.framework.group}/{organisation.code}/")
    appealable = sheet.framework.is_published and viewer.organisation_id == organisation.pk
    return render(
        request,
        "results/sheet.html",
        {
            "sheet": sheet,
            "viewer": viewer,
            "appealable": appealable,
            "may_edit": viewer.may_edit_for(organisation.pk),
            "confidence_choices": Confidence.choices,
            "may_endorse": viewer.is_executive and viewer.organisation_id == organisation.pk,
            "extensions": sheet.round.extensions.filter(organisation=organisation) if sheet.internal else [],
            "extend_form": RoundExtensionForm(),
            "panel": extension_panel(
                viewer,
                framework=sheet.framework,
                organisation_id=organisation.pk,
                round_=sheet.round,
                deadline=sheet.deadline if sheet.awaits_report else None,  # type: ignore[arg-type]
            ),
            "extension_request_form": ExtensionRequestForm(),
            "extension_decision_form": ExtensionDecisionForm(),
            "bulk_pending": _bulk_pending(sheet),
        },
    )


def _bulk_pending(sheet: selectors.Sheet) -> dict[str, int]:
    """How many of the sheet's results each round-level step would move (its buttons' counts)."""
    states = [row.result.state for row in sheet.rows if row.result is not None]
    return {action: states.count(state) for action, state in bulk.ROUND_STEPS.items()}


def _row_response(request: HttpRequest, kpi: Kpi, org_code: str, year: int, months: int) -> HttpResponse:
    if not request.htmx:  # type: ignore[attr-defined]
        return redirect(_sheet_url(org_code, year, months) + f"#kpi-{kpi.pk}")
    viewer = viewer_of(request)
    sheet = selectors.round_sheet(viewer=viewer, organisation=kpi.organisation, year=year, months=months)
    row = next((r for r in sheet.rows if r.kpi.pk == kpi.pk), None)
    if row is None:
        # The KPI has no row on this round's sheet (not in force in the round): nothing to swap in.
        list(messages.get_messages(request))  # the message is this answer's, not the next page's
        return HttpResponse(
            f"ตัวชี้วัด {kpi.code} ไม่มีผลบังคับใช้ใน{sheet.round.name_th} / KPI {kpi.code} is not in force in this round.",
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    # The row, and the round's buttons out of band: saving the last draft offers "send the round" at once.
    response = render(
        request,
        "results/_row_answer.html",
        {
            "row": row,
            "sheet": sheet,
            "viewer": viewer,
            "may_edit": viewer.may_edit_for(kpi.organisation_id),
            "confidence_choices": Confidence.choices,
            "may_endorse": viewer.is_executive and viewer.organisation_id == kpi.organisation_id,
            "bulk_pending": _bulk_pending(sheet),
        },
    )
    return response


@require_POST
@login_required
def result_action(
    request: HttpRequest, org_code: str, year: int, months: int, kpi_id: int, action: str
) -> HttpResponse:
    """Every per-KPI write of the sheet; answers the htmx row, or redirects back with a message."""
    viewer = viewer_of(request)
    organisation = _organisation(org_code)
    kpi = get_object_or_404(Kpi.objects.select_related("organisation"), pk=kpi_id, organisation=organisation)
    framework = _framework(organisation, year)
    round_ = get_object_or_404(framework.rounds, months=months)
    result = Result.objects.filter(kpi=kpi, round=round_).first()
    post = request.POST
    lock = int(post["lock_version"]) if post.get("lock_version", "").isdigit() else None
    try:
        if action == "save":
            services.result_save(
                viewer=viewer,
                user=request.user,
                kpi=kpi,
                round_=round_,
                value=post.get("value", ""),
                narrative_th=post.get("narrative_th", ""),
                lock_version=lock,
                confidence=post.get("confidence"),
                confidence_reason_th=post.get("confidence_reason_th", ""),
            )
            messages.success(request, f"บันทึกผล {kpi.code} แล้ว")
        elif result is None:
            raise Invalid("ยังไม่ได้บันทึกผลของตัวชี้วัดนี้", "No result has been entered yet.")
        elif action == "submit":
            services.result_submit(viewer=viewer, user=request.user, result=result, lock_version=lock)
            messages.success(request, f"ส่งผล {kpi.code} ให้ผู้บริหารรับรองแล้ว")
        elif action in {"endorse", "return"}:
            services.result_endorse(
                viewer=viewer,
                user=request.user,
                result=result,
                approve=action == "endorse",
                comment=post.get("comment", ""),
                lock_version=lock,
            )
            messages.success(request, f"{'รับรอง' if action == 'endorse' else 'ส่งกลับ'}ผล {kpi.code} แล้ว")
        elif action == "verify":
            services.result_verify(
                viewer=viewer,
                user=request.user,
                result=result,
                action=post.get("verify_action", "accept"),
                comment=post.get("comment", ""),
                verified_value=post.get("verified_value"),
                lock_version=lock,
            )
            messages.success(request, f"บันทึกผลการตรวจสอบ {kpi.code} แล้ว")
        elif action == "unlock":
            services.result_unlock(viewer=viewer, user=request.user, result=result, reason=post.get("reason", ""))
            messages.success(request, f"ปลดล็อกผล {kpi.code} แล้ว")
        elif action == "evidence":
            upload = request.FILES.get("file")
            if upload is None:
                raise Invalid("กรุณาเลือกไฟล์หลักฐาน", "Choose a file.", field="file")
            evidence_service.evidence_add(
                viewer=viewer,
                user=request.user,
                result=result,
                name=upload.name or "file",
                stream=upload,
                size=upload.size or 0,
            )
            messages.success(request, f"แนบไฟล์ {upload.name} แล้ว")
        else:
            raise NotFound("ไม่รู้จักคำสั่งนี้", "Unknown action.")
    except ServiceError as exc:
        show_refusal(request, exc)
        if request.htmx:  # type: ignore[attr-defined]
            response = _row_response(request, kpi, org_code, year, months)
            if response.status_code < 400:
                response.status_code = 200  # htmx swaps only 2xx; the row shows the message
            return response
    return _row_response(request, kpi, org_code, year, months)


@require_POST
@login_required
def evidence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    evidence = selectors.evidence_get(viewer=viewer, pk=pk)
    result = evidence.result
    with refusal_shown(request):
        evidence_service.evidence_remove(viewer=viewer, user=request.user, evidence=evidence)
        messages.success(request, f"ลบไฟล์ {evidence.original_name} แล้ว")
    return redirect(_sheet_url(result.organisation.code, result.round.framework.fiscal_year.year, result.round.months))


@require_POST
@login_required
def round_action(request: HttpRequest, org_code: str, year: int, months: int, action: str) -> HttpResponse:
    """OPDC's round-level actions on one organisation: extend the deadline, record approval."""
    viewer = viewer_of(request)
    organisation = _organisation(org_code)
    framework = _framework(organisation, year)
    round_ = get_object_or_404(framework.rounds, months=months)
    with refusal_shown(request):
        if action == "extend":
            form = RoundExtensionForm(request.POST)
            if not form.is_valid() and "new_deadline" in form.errors:
                raise Invalid("วันที่ขยายไม่ถูกต้อง", "Invalid date.", field="new_deadline")
            new_deadline = form.cleaned_data["new_deadline"]
            services.round_extend(
                viewer=viewer,
                user=request.user,
                round_=round_,
                organisation=organisation,
                new_deadline=new_deadline,
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, "ขยายเวลารายงานผลแล้ว")
        elif action == "approve":
            count = services.round_approve(
                viewer=viewer,
                user=request.user,
                round_=round_,
                organisation=organisation,
                reference_th=request.POST.get("reference_th", ""),
            )
            messages.success(request, f"บันทึกมติเห็นชอบผล {count} ตัวชี้วัดแล้ว")
        else:
            raise NotFound("ไม่รู้จักคำสั่งนี้", "Unknown action.")
    return redirect(_sheet_url(org_code, year, months))


# ---------------------------------------------------------------- bulk steps


def _may_take_round_step(viewer: Any, organisation: Organisation, action: str) -> bool:
    """Who is offered a round-level step (the services still check every result)."""
    if action == "submit":
        return bool(viewer.may_edit_for(organisation.pk))
    return bool(viewer.is_executive and viewer.organisation_id == organisation.pk)


@login_required
def round_bulk(request: HttpRequest, org_code: str, year: int, months: int, action: str) -> HttpResponse:
    """The coordinator's "submit this round" and the executive's "endorse this round": a
    confirmation page listing what will be sent, then one all-or-nothing step."""
    viewer = viewer_of(request)
    organisation = _organisation(org_code)
    if action not in bulk.ROUND_STEPS:
        raise NotFound("ไม่รู้จักคำสั่งนี้", "Unknown action.")
    if not _may_take_round_step(viewer, organisation, action):
        raise PermissionDenied(selectors.NO_ACCESS)
    framework = _framework(organisation, year)
    round_ = get_object_or_404(framework.rounds, months=months)
    summary: bulk.BulkSummary | None = None
    status = 200
    if request.method == "POST":
        try:
            done = bulk.round_bulk_transition(organisation=organisation, round_=round_, action=action, by=request.user)
        except bulk.BulkRefused as exc:
            summary, status = exc.summary, exc.status
            messages.error(request, exc.message_th)
        except ServiceError as exc:
            show_refusal(request, exc)
            return redirect(_sheet_url(org_code, year, months))
        else:
            messages.success(
                request,
                gettext("%(action)sแล้ว %(count)s ตัวชี้วัด") % {"action": done.action_label, "count": len(done.done)},
            )
            return redirect(_sheet_url(org_code, year, months))
    pending = bulk.round_pending(organisation=organisation, round_=round_, action=action)
    return render(
        request,
        "results/bulk_confirm.html",
        {
            "organisation": organisation,
            "framework": framework,
            "round": round_,
            "action": action,
            "pending": pending,
            "summary": summary,
        },
        status=status,
    )


QUEUE_PAGE = 50
SESSION_SUMMARY = "results_bulk_summary"


def _int_between(raw: str | None, low: int, high: int) -> int | None:
    """A whole number from a query parameter, or None when it is absent or out of bounds."""
    return int(raw) if raw and raw.isdigit() and low <= int(raw) <= high else None


@login_required
def verification_queue(request: HttpRequest) -> HttpResponse:
    """OPDC's worklist across organisations: filter, tick several, verify or return them at once."""
    viewer = viewer_of(request)
    if not viewer.is_opdc:
        raise PermissionDenied("เฉพาะสำนักงาน ก.พ.ร. / OPDC only.")
    if request.method == "POST":
        action = request.POST.get("action", "")
        ids = [int(i) for i in request.POST.getlist("result") if i.isdigit()]
        summary: bulk.BulkSummary | None = None
        try:
            if action not in {"verify", "return"}:
                raise Invalid("ไม่รู้จักคำสั่งนี้", "Unknown action.", field="action")
            summary = bulk.results_bulk_transition(
                result_ids=ids, action=action, by=request.user, note=request.POST.get("note", "")
            )
        except bulk.BulkRefused as exc:
            summary = exc.summary
        except ServiceError as exc:
            show_refusal(request, exc)
        if summary is not None:
            request.session[SESSION_SUMMARY] = summary.as_dict()
        return redirect(request.get_full_path())
    get = request.GET
    filters = {
        "group": get.get("group", "") if get.get("group", "") in GroupCode.values else "",
        "ministry": get.get("ministry", "")[:20],
        "year": _int_between(get.get("year"), 2400, 2800),
        "months": _int_between(get.get("round"), 1, 12),
        "state": get.get("state", selectors.QUEUE_DEFAULT_STATE),
        "organisation": get.get("organisation", "")[:20],
    }
    if filters["state"] not in ResultState.values:
        filters["state"] = ""
    results = selectors.verification_queue(viewer=viewer, **filters)  # type: ignore[arg-type]
    page: Page[Result] = Paginator(selectors.QueueSlices(results), QUEUE_PAGE).get_page(  # type: ignore[arg-type]
        get.get("page")
    )
    rows = list(page.object_list)
    deadlines = selectors.deadlines_of(rows)
    stored = request.session.pop(SESSION_SUMMARY, None)
    query = get.copy()
    query.pop("page", None)
    return render(
        request,
        "results/verify_queue.html",
        {
            "page": page,
            "rows": [(r, deadlines[r.pk]) for r in rows],
            "filters": filters,
            "query": query.urlencode(),
            "summary": bulk.BulkSummary.from_dict(stored) if stored else None,
            "groups": GroupCode.choices,
            "ministries": Organisation.objects.filter(kind=OrganisationKind.MINISTRY).order_by("code"),
            "years": sorted(
                set(Round.objects.values_list("framework__fiscal_year__year", flat=True).distinct()), reverse=True
            ),
            "months_choices": sorted(set(Round.objects.values_list("months", flat=True).distinct())),
            "states": ResultState.choices,
        },
    )


# ---------------------------------------------------------------- appeals


@login_required
def appeal_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    items = selectors.appeal_list(viewer=viewer, state=request.GET.get("state", ""))
    return render(request, "results/appeals.html", {"appeals": items, "viewer": viewer, "states": Appeal.State})


@login_required
def appeal_new(request: HttpRequest, result_id: int) -> HttpResponse:
    viewer = viewer_of(request)
    result = selectors.result_get(viewer=viewer, pk=result_id)
    if request.method == "POST":
        files = [(f.name or "file", f, f.size or 0) for f in request.FILES.getlist("files")]
        with refusal_shown(request):
            appeal = appeals.appeal_file(
                viewer=viewer,
                user=request.user,
                result=result,
                reason_th=request.POST.get("reason_th", ""),
                requested_value=request.POST.get("requested_value"),
                files=files,  # type: ignore[arg-type]
            )
            messages.success(request, "ยื่นอุทธรณ์แล้ว")
            return redirect("appeal-detail", appeal.pk)
    return render(
        request,
        "results/appeal_new.html",
        {"result": result, "deadline": appeals.appeal_deadline(result.round.framework)},
    )


@login_required
def appeal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    appeal = selectors.appeal_get(viewer=viewer, pk=pk)
    if request.method == "POST":
        with refusal_shown(request):
            appeals.appeal_decide(
                viewer=viewer,
                user=request.user,
                appeal=appeal,
                upheld=request.POST.get("decision") == "upheld",
                note_th=request.POST.get("note_th", ""),
                value=request.POST.get("value"),
            )
            messages.success(request, "บันทึกผลการพิจารณาอุทธรณ์แล้ว")
            return redirect("appeal-detail", pk)
    return render(
        request,
        "results/appeal_detail.html",
        {"appeal": appeal, "viewer": viewer, "may_decide": viewer.is_opdc or viewer.is_committee},
    )


# ---------------------------------------------------------------- lessons learned


# Lessons are not part of a publication snapshot and stay editable after publishing: the public
# never reads them live, so the page asks to log in (signed-in users read published years' lessons).
@login_required
def lessons_framework(request: HttpRequest, year: int, group: str) -> HttpResponse:
    """Every organisation's lessons and OPDC's summary across them (monitoring-only years)."""
    viewer = viewer_of(request)
    framework = get_object_or_404(
        Framework.objects.select_related("fiscal_year"), fiscal_year__year=year, group=group, monitoring_only=True
    )
    if request.method == "POST":
        with refusal_shown(request):
            appeals.lessons_summary_save(
                viewer=viewer, user=request.user, framework=framework, text_th=request.POST.get("text_th", "")
            )
            messages.success(request, "บันทึกสรุปบทเรียนแล้ว")
            return redirect("lessons-framework", year, group)
    summary = selectors.lessons_summary(viewer=viewer, framework=framework)
    return render(
        request,
        "results/lessons_framework.html",
        {
            "framework": framework,
            "lessons": selectors.lessons_list(viewer=viewer, framework=framework),
            "summary": summary,
            "may_write": viewer.is_opdc,
        },
    )


@login_required
def lessons_organisation(request: HttpRequest, org_code: str, year: int) -> HttpResponse:
    viewer = viewer_of(request)
    organisation = _organisation(org_code)
    if not selectors.sees_internal(viewer, organisation):
        raise PermissionDenied(selectors.NO_ACCESS)
    framework = _framework(organisation, year)
    lesson = LessonsLearned.objects.filter(framework=framework, organisation=organisation).first()
    text: Any = lesson.text_th if lesson else ""
    if request.method == "POST":
        text = request.POST.get("text_th", "")
        with refusal_shown(request):
            appeals.lessons_save(
                viewer=viewer, user=request.user, framework=framework, organisation=organisation, text_th=text
            )
            messages.success(request, "บันทึกบทเรียนแล้ว")
            return redirect("lessons-organisation", org_code, year)
    return render(
        request,
        "results/lessons_organisation.html",
        {
            "framework": framework,
            "organisation": organisation,
            "lesson": lesson,
            "text": text,
            "may_edit": viewer.may_edit_for(organisation.pk) and framework.monitoring_only,
        },
    )


# ---------------------------------------------------------------- Excel import


def _framework_round(year: int, group: str, months: int) -> tuple[Framework, Any]:
    framework = get_object_or_404(Framework.objects.select_related("fiscal_year"), fiscal_year__year=year, group=group)
    return framework, get_object_or_404(framework.rounds, months=months)


@login_required
def import_template(request: HttpRequest, year: int, group: str, months: int) -> HttpResponse:
    framework, round_ = _framework_round(year, group, months)
    code = request.GET.get("organisation", "")
    organisation = Organisation.objects.filter(code=code).first() if code else None
    try:
        data = excel.template(viewer=viewer_of(request), framework=framework, round_=round_, organisation=organisation)
    except ServiceError as exc:
        raise PermissionDenied(exc.message_th) from exc
    response = HttpResponse(data, content_type=evidence_service.XLSX)
    name = f"แบบฟอร์มผลการดำเนินงาน-{year}-{months}เดือน{'-' + code if code else ''}.xlsx"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


@require_POST
@login_required
def import_upload(request: HttpRequest, year: int, group: str, months: int) -> HttpResponse:
    viewer = viewer_of(request)
    framework, round_ = _framework_round(year, group, months)
    upload = request.FILES.get("file")
    if not (viewer.is_opdc or viewer.is_coordinator):
        raise PermissionDenied("คุณไม่มีสิทธิ์นำเข้าผลการดำเนินงาน")
    if upload is None:
        messages.error(request, "กรุณาเลือกไฟล์ Excel")
        return redirect(request.META.get("HTTP_REFERER") or reverse("result-framework", args=[year, group]))
    data = upload.read()
    try:
        excel.precheck(data)  # a broken file, wrong sheet or columns, too many rows: refused before any job
    except ServiceError as exc:
        context = {"framework": framework, "months": months, "org_code": "", "error": exc}
        return render(request, "results/import_refused.html", context, status=exc.status)
    job = start_job(
        "results.import",
        title=f"นำเข้าผลการดำเนินงาน {round_.name_th} ปี {year}",
        owner=request.user,  # type: ignore[arg-type]
        params={"framework_id": framework.pk, "months": months},
        input_file=(upload.name or "results.xlsx", data),
    )
    return redirect(job.get_absolute_url())
