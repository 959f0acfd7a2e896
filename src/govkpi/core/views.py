"""Small helpers shared by the thin views of every app."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect

from govkpi.core.errors import ServiceError
from govkpi.core.excel import XLSX_CONTENT_TYPE
from govkpi.core.models import Job


def paginate(request: HttpRequest, qs: QuerySet | Sequence, per_page: int = 50) -> tuple[Page, str]:  # type: ignore[type-arg]
    """A page of the queryset and the querystring without `page`, for the pager links."""
    page = Paginator(qs, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()


def int_param(request: HttpRequest, name: str) -> int | None:
    """An integer filter; a malformed one is ignored rather than turned into a 500."""
    raw = request.GET.get(name, "").strip()
    return int(raw) if raw.isdigit() else None


def bool_param(request: HttpRequest, name: str) -> bool | None:
    raw = request.GET.get(name, "").strip().lower()
    if raw in {"1", "true", "yes"}:
        return True
    if raw in {"0", "false", "no"}:
        return False
    return None


def attachment_header(filename: str) -> str:
    """Content-Disposition of a download: an ASCII fallback and the real (Thai) name for browsers."""
    ascii_name = filename.encode("ascii", "ignore").decode() or "govkpi"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def file_response(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment_header(filename)
    return response


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    return file_response(content, filename, XLSX_CONTENT_TYPE)


def download_response(job: Job) -> FileResponse:
    if not job.result_file:
        raise Http404("งานนี้ยังไม่มีไฟล์ให้ดาวน์โหลด / Nothing to download yet.")
    response = FileResponse(job.result_file.open("rb"), as_attachment=True)
    name = job.result_name or str(job.result_file.name).rsplit("/", 1)[-1]
    response["Content-Disposition"] = attachment_header(name)
    return response


def show_refusal(request: HttpRequest, exc: ServiceError, form: forms.BaseForm | None = None) -> None:
    """A service's refusal shown on the page: on the form's field when it names one, else as a message."""
    if form is not None:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message_th)
    else:
        messages.error(request, exc.message_th)


@contextmanager
def refusal_shown(request: HttpRequest, form: forms.BaseForm | None = None) -> Iterator[None]:
    """Run a service call; if it refuses, show why (`show_refusal`) and carry on after the block.

        with refusal_shown(request):
            services.meeting_cancel(by=request.user, meeting=meeting)
            messages.success(request, "ยกเลิกการประชุมแล้ว")
        return redirect("meeting-detail", pk=meeting.pk)

    Refusals a page does not handle itself are answered by `web.errors.ServiceErrorMiddleware`."""
    try:
        yield
    except ServiceError as exc:
        show_refusal(request, exc, form)


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


def see_other(location: str) -> HttpResponse:
    """303 See Other: the reader is sent to where this is published (an outsider to the public snapshot)."""
    return HttpResponseSeeOther(location)
