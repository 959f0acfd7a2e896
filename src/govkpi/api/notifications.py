"""The signed-in user's notifications: list them, mark them read."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from govkpi.api.auth import login_required
from govkpi.api.schemas import ERRORS, WRITE_ERRORS
from govkpi.notifications import services
from govkpi.notifications.models import Notification

#: Kept for the routers that import it; the shared session auth checks CSRF on writes.
login_required_csrf = login_required

router = Router(auth=login_required_csrf)


class NotificationOut(Schema):
    id: int
    subject_th: str
    body_th: str
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None
    emailed_at: dt.datetime | None
    organisation: str | None = Field(None, description="the organisation's code the message is about")
    round_label: str = Field("", description="the round or year it is about, e.g. รอบ 12 เดือน ปี 2566")
    kind: str = ""
    count: int = Field(1, description="how many steps of one kind this grouped message stands for")


class InboxOut(Schema):
    count: int
    unread: int
    items: list[NotificationOut]


class InboxQuery(Schema):
    unread: bool = Field(False, description="only notifications not yet read")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=2**31 - 1)  # past what a database OFFSET takes: 422, not 500


class ReadAllOut(Schema):
    updated: int


def _out(n: Notification) -> NotificationOut:
    return NotificationOut(
        id=n.pk,
        subject_th=n.subject_th,
        body_th=n.body_th,
        url=n.url,
        created_at=n.created_at,
        read_at=n.read_at,
        emailed_at=n.emailed_at,
        organisation=n.organisation.code if n.organisation else None,
        round_label=n.round_label,
        kind=n.kind,
        count=n.count,
    )


@router.get("", response={200: InboxOut, **ERRORS}, summary="My notifications, newest first")
def notification_list(request: HttpRequest, filters: Query[InboxQuery]) -> InboxOut:
    qs = services.inbox(request.user, unread_only=filters.unread)  # type: ignore[arg-type]
    items = list(qs[filters.offset : filters.offset + filters.limit])
    return InboxOut(
        count=qs.count(),
        unread=services.unread_count(request.user),  # type: ignore[arg-type]
        items=[_out(n) for n in items],
    )


@router.post("/read-all", response={200: ReadAllOut, **WRITE_ERRORS}, summary="Mark all my notifications read")
def notification_read_all(request: HttpRequest) -> ReadAllOut:
    return ReadAllOut(updated=services.notifications_all_read(user=request.user))  # type: ignore[arg-type]


@router.post("/{notification_id}/read", response={200: NotificationOut, **WRITE_ERRORS}, summary="Mark one read")
def notification_read(request: HttpRequest, notification_id: int) -> NotificationOut:
    return _out(services.notification_read(user=request.user, notification_id=notification_id))  # type: ignore[arg-type]


# --- /me/notification-settings: immediate e-mails or one daily digest ---------------------------

me_router = Router(auth=login_required_csrf)


class NotificationSettingsIn(Schema):
    digest: bool = Field(description="true: one e-mail a day (govkpi digest); false: an e-mail per message")


class NotificationSettingsOut(Schema):
    digest: bool
    digest_sent_on: dt.date | None


@me_router.get(
    "/notification-settings", response={200: NotificationSettingsOut, **ERRORS}, summary="My notification settings"
)
def notification_settings_get(request: HttpRequest) -> NotificationSettingsOut:
    setting = services.setting_of(request.user)  # type: ignore[arg-type]
    return NotificationSettingsOut(digest=setting.digest, digest_sent_on=setting.digest_sent_on)


@me_router.put(
    "/notification-settings",
    response={200: NotificationSettingsOut, **WRITE_ERRORS},
    summary="Choose immediate e-mails or a daily digest (the inbox gets every message either way)",
)
def notification_settings_put(request: HttpRequest, payload: NotificationSettingsIn) -> NotificationSettingsOut:
    setting = services.setting_update(user=request.user, digest=payload.digest)  # type: ignore[arg-type]
    return NotificationSettingsOut(digest=setting.digest, digest_sent_on=setting.digest_sent_on)
