"""The inbox: a user's notifications, newest first and grouped by organisation and round, marked read
one by one or all at once; and the person's choice of immediate e-mails or a daily digest."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govkpi.core.views import bool_param, paginate
from govkpi.notifications import services


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    unread_only = bool(bool_param(request, "unread"))
    page, querystring = paginate(request, services.inbox(request.user, unread_only=unread_only), 30)  # type: ignore[arg-type]
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "groups": services.grouped(page.object_list),
            "querystring": querystring,
            "unread_only": unread_only,
            "unread": services.unread_count(request.user),  # type: ignore[arg-type]
        },
    )


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = services.notification_read(user=request.user, notification_id=pk)  # type: ignore[arg-type]
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "notifications/_item.html", {"n": notification, "oob_count": True})
    return redirect("inbox")


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark read and follow the notification's link (only ever to a page of this site)."""
    notification = services.notification_read(user=request.user, notification_id=pk)  # type: ignore[arg-type]
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return redirect("inbox")


@login_required
@require_POST
def notifications_all_read(request: HttpRequest) -> HttpResponse:
    services.notifications_all_read(user=request.user)  # type: ignore[arg-type]
    return redirect("inbox")


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    """Immediate e-mails or one daily digest; the inbox gets every message either way."""
    if request.method == "POST":
        digest = request.POST.get("delivery") == "digest"
        services.setting_update(user=request.user, digest=digest)  # type: ignore[arg-type]
        messages.success(request, _("บันทึกการตั้งค่าการแจ้งเตือนแล้ว"))
        return redirect("notification-settings")
    return render(
        request,
        "notifications/settings.html",
        {"setting": services.setting_of(request.user)},  # type: ignore[arg-type]
    )
