"""Notifications: an in-app message for each user, and an e-mail copy sent in the background.

    from govkpi.notifications.services import notify
    notify(users, "ข้อเสนอตัวชี้วัดของท่านถูกส่งกลับแก้ไข", "ความเห็น: ...", "/kpis/?organisation=CDD")

`notify(users, subject_th, body_th, url)` is the stable interface the other apps call on every
workflow change (see docs/notifications.md). It writes one `notifications.Notification` per user at
once and, when the surrounding transaction commits, enqueues one django-tasks task that e-mails
them (Django's mail backend: console by default). A rolled-back write therefore notifies nobody,
and a slow mail server never slows the request.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from govkpi.core.errors import Invalid, NotFound
from govkpi.notifications.models import Notification
from govkpi.organisations.choices import Role

SUBJECT_MAX = Notification._meta.get_field("subject_th").max_length or 300
URL_MAX = Notification._meta.get_field("url").max_length or 300


def notify(
    users: Iterable[Any],
    subject_th: str,
    body_th: str = "",
    url: str = "",
    *,
    email: bool = True,
    subject_en: str = "",
) -> list[Notification]:
    """Notify each user (users or user ids; duplicates and inactive users are skipped) in the
    inbox and, unless `email=False`, by e-mail after the transaction commits.

    `url` is a path inside govkpi (e.g. `/scorecards/MOF/2565/12/`) the notification links to;
    `subject_en` is what English pages show (the Thai subject when blank)."""
    subject_th = subject_th.strip()
    if not subject_th:
        raise Invalid("ต้องระบุหัวข้อการแจ้งเตือน", "A notification needs a subject.", field="subject_th")
    if url and not url.startswith("/"):
        raise Invalid("ลิงก์ต้องเป็นหน้าในระบบ (ขึ้นต้นด้วย /)", "The link must be a path inside govkpi.", field="url")
    ids = {u if isinstance(u, int) else u.pk for u in users}
    recipients = list(get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk"))
    if not recipients:
        return []
    with transaction.atomic():
        created = Notification.objects.bulk_create(
            [
                Notification(
                    user=user,
                    subject_th=subject_th[:SUBJECT_MAX],
                    subject_en=subject_en.strip()[:SUBJECT_MAX],
                    body_th=body_th,
                    url=url[:URL_MAX],
                )
                for user in recipients
            ]
        )
        if email:
            notification_ids = [n.pk for n in created]
            transaction.on_commit(lambda: _enqueue_emails(notification_ids))
    return created


def _enqueue_emails(notification_ids: list[int]) -> None:
    from govkpi.notifications.tasks import send_notification_emails

    send_notification_emails.enqueue(notification_ids)


def coordinators_of(organisation_ids: Iterable[int]) -> QuerySet[Any]:
    """The active users coordinating these organisations: who reminders go to."""
    return get_user_model().objects.filter(
        is_active=True, person__role=Role.COORDINATOR, person__organisation_id__in=list(organisation_ids)
    )


def inbox(user: AbstractBaseUser, *, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(user_id=user.pk)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-pk")


def unread_count(user: AbstractBaseUser) -> int:
    return Notification.objects.filter(user_id=user.pk, read_at__isnull=True).count()


@transaction.atomic
def notification_read(*, user: AbstractBaseUser, notification_id: int) -> Notification:
    """Mark one of the user's own notifications read (again is harmless). Another user's
    notification is NotFound, so ids reveal nothing."""
    notification = Notification.objects.select_for_update().filter(pk=notification_id, user_id=user.pk).first()
    if notification is None:
        raise NotFound("ไม่พบการแจ้งเตือนนี้", "No such notification.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_all_read(*, user: AbstractBaseUser) -> int:
    return Notification.objects.filter(user_id=user.pk, read_at__isnull=True).update(read_at=timezone.now())
