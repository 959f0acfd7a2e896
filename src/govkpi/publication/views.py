"""OPDC's publication page: the preview of what publishing covers, confirmation with a gap
reason, amendments, and the list of every version published; and the download of an evidence
file, whose public side is decided by the snapshot."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from govkpi.core.errors import ServiceError
from govkpi.core.views import int_param, show_refusal
from govkpi.frameworks.models import Framework
from govkpi.organisations.access import viewer_of
from govkpi.publication import jobs, selectors, services


@login_required
def publication_page(request: HttpRequest, year: int, group: str) -> HttpResponse:
    framework = get_object_or_404(Framework.objects.select_related("fiscal_year"), fiscal_year__year=year, group=group)
    viewer = viewer_of(request)
    months = int_param(request, "round")
    # NotAllowed → 403 and NotFound → 404 are answered in one place (web.errors).
    preview = selectors.publication_preview(viewer=viewer, framework=framework, months=months)
    if request.method == "POST":
        # Every refusal is answered here at once; the writing is a background job with progress.
        action = request.POST.get("action", "publish")
        months = preview.round.months
        confirm = request.POST.get("confirm") == "1"
        try:
            if action == "amend":
                reason = request.POST.get("reason", "")
                organisations = [c for c in request.POST.getlist("organisations") if c] or None
                services.publication_amend_check(
                    viewer=viewer,
                    user=request.user,
                    framework=framework,
                    months=months,
                    reason=reason,
                    organisations=organisations,
                    confirm=confirm,
                )
                job = jobs.start_publication_job(
                    jobs.AMEND_JOB,
                    user=request.user,
                    framework=framework,
                    months=months,
                    reason=reason,
                    organisations=organisations or [],
                    confirm=confirm,
                )
            else:
                gap_reason = request.POST.get("gap_reason", "")
                services.publication_publish_check(
                    viewer=viewer, framework=framework, months=months, confirm=confirm, gap_reason=gap_reason
                )
                job = jobs.start_publication_job(
                    jobs.PUBLISH_JOB,
                    user=request.user,
                    framework=framework,
                    months=months,
                    gap_reason=gap_reason,
                    confirm=confirm,
                )
        except ServiceError as exc:
            show_refusal(request, exc)
            return render(
                request,
                "publication/page.html",
                {"framework": framework, "preview": preview, "versions": selectors.publication_list(framework)},
                status=exc.status,
            )
        return redirect(job.get_absolute_url())
    return render(
        request,
        "publication/page.html",
        {"framework": framework, "preview": preview, "versions": selectors.publication_list(framework)},
    )


def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file under its original (Thai) name, for those who may see the result
    (`selectors.evidence_for`: inside, or a file of the latest snapshot)."""
    evidence = selectors.evidence_for(viewer=viewer_of(request), pk=pk)
    inline = request.GET.get("inline") == "1" and evidence.content_type in {
        "application/pdf",
        "image/png",
        "image/jpeg",
    }
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=not inline,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
