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

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from govkpi.core.errors import Invalid, NotFound
from govkpi.core.models import WorkflowEvent
from govkpi.core.thaidates import format_date
from govkpi.notifications.models import Notification, NotificationSetting
from govkpi.notifications.tasks import site_url
from govkpi.organisations.choices import Role
from govkpi.organisations.models import Organisation

SUBJECT_MAX = Notification._meta.get_field("subject_th").max_length or 300
URL_MAX = Notification._meta.get_field("url").max_length or 300


def notify(
    users: Iterable[Any],
    subject_th: str,
    body_th: str = "",
    url: str = "",
    *,
    email: bool = True,
    organisation: Organisation | int | None = None,
    round_label: str = "",
    group_key: str = "",
    kind: str = "",
    subject_en: str = "",
) -> list[Notification]:
    """Notify each user (users or user ids; duplicates and inactive users are skipped) in the
    inbox and, unless `email=False` or the user chose the daily digest, by e-mail after the
    transaction commits.

    `url` is a path inside govkpi (e.g. `/scorecards/MOF/2565/12/`) the notification links to.
    `organisation` and `round_label` ("รอบ 12 เดือน ปี 2566") are named in the subject. With a
    `group_key` (one per organisation + round + kind of step), a user's unread message with the same
    key from today is updated instead: its count rises, the body gains the new line, and it is not
    e-mailed again, so one step applied to many KPIs is one message. `subject_en` is what English
    pages show (the Thai subject when blank)."""
    subject_th = subject_th.strip()
    if not subject_th:
        raise Invalid("ต้องระบุหัวข้อการแจ้งเตือน", "A notification needs a subject.", field="subject_th")
    if url and not url.startswith("/"):
        raise Invalid("ลิงก์ต้องเป็นหน้าในระบบ (ขึ้นต้นด้วย /)", "The link must be a path inside govkpi.", field="url")
    ids = {u if isinstance(u, int) else u.pk for u in users}
    recipients = list(get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk"))
    if not recipients:
        return []
    org = _organisation(organisation)
    round_label = round_label.strip()[:100]
    with transaction.atomic():
        grown: list[Notification] = []
        if group_key:
            grown = _grow_groups(recipients, group_key, subject_th, subject_en.strip(), body_th, org, round_label)
            already = {n.user_id for n in grown}
            recipients = [u for u in recipients if u.pk not in already]
        created = Notification.objects.bulk_create(
            [
                Notification(
                    user=user,
                    subject_th=grouped_subject(subject_th, 1, org, round_label)[:SUBJECT_MAX],
                    subject_en=grouped_subject_en(subject_en.strip(), 1, org, round_label)[:SUBJECT_MAX],
                    body_th=body_th,
                    url=url[:URL_MAX],
                    organisation=org,
                    round_label=round_label,
                    kind=kind[:60],
                    group_key=group_key[:200],
                    updated_at=timezone.now(),
                )
                for user in recipients
            ]
        )
        if email:
            digest_users = set(
                NotificationSetting.objects.filter(user_id__in=[n.user_id for n in created], digest=True).values_list(
                    "user_id", flat=True
                )
            )
            notification_ids = [n.pk for n in created if n.user_id not in digest_users]
            if notification_ids:
                transaction.on_commit(lambda: _enqueue_emails(notification_ids))
    return [*grown, *created]


#: How many lines a grouped message's body keeps (the page it links to has the rest).
BODY_LINES_MAX = 20


def grouped_subject(subject_th: str, count: int, organisation: Organisation | None, round_label: str) -> str:
    """ "ผลการดำเนินงาน: ส่งแล้ว (5 รายการ) · กรมการพัฒนาชุมชน · รอบ 12 เดือน ปี 2566" """
    parts = [f"{subject_th} ({count} รายการ)" if count > 1 else subject_th]
    if organisation is not None and organisation.name_th not in subject_th:
        parts.append(organisation.name_th)
    if round_label and round_label not in subject_th:
        parts.append(round_label)
    return " · ".join(parts)


def grouped_subject_en(subject_en: str, count: int, organisation: Organisation | None, round_label: str) -> str:
    """The English subject grouped the same way ("… (5 items) · Community Development Department");
    blank when the caller gave no English subject, so English pages fall back to the Thai one. The
    round label is Thai (the caller's), so it is named only in the Thai subject."""
    if not subject_en:
        return ""
    parts = [f"{subject_en} ({count} items)" if count > 1 else subject_en]
    if organisation is not None:
        name = organisation.name_en or organisation.name_th
        if name not in subject_en:
            parts.append(name)
    return " · ".join(parts)


def _organisation(organisation: Organisation | int | None) -> Organisation | None:
    if organisation is None or isinstance(organisation, Organisation):
        return organisation
    return Organisation.objects.filter(pk=organisation).first()


def _grow_groups(
    recipients: list[Any],
    group_key: str,
    subject_th: str,
    subject_en: str,
    body_th: str,
    organisation: Organisation | None,
    round_label: str,
) -> list[Notification]:
    """Add one step to each recipient's unread message of this group from today, if any."""
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))
    open_groups = (
        Notification.objects.select_for_update()
        .filter(user__in=recipients, group_key=group_key[:200], read_at__isnull=True, created_at__gte=start)
        .order_by("user_id", "-created_at")
    )
    grown: dict[int, Notification] = {}
    for n in open_groups:
        if n.user_id in grown:
            continue
        n.count += 1
        n.subject_th = grouped_subject(subject_th, n.count, organisation, round_label)[:SUBJECT_MAX]
        n.subject_en = grouped_subject_en(subject_en, n.count, organisation, round_label)[:SUBJECT_MAX]
        lines = [line for line in n.body_th.splitlines() if line.strip()]
        if body_th.strip() and body_th.strip() not in lines and len(lines) < BODY_LINES_MAX:
            lines.append(body_th.strip())
        n.body_th = "\n".join(lines)
        n.updated_at = timezone.now()
        n.save(update_fields=["count", "subject_th", "subject_en", "body_th", "updated_at"])
        grown[n.user_id] = n
    return list(grown.values())


def _enqueue_emails(notification_ids: list[int]) -> None:
    from govkpi.notifications.tasks import send_notification_emails

    send_notification_emails.enqueue(notification_ids)


def coordinators_of(organisation_ids: Iterable[int]) -> QuerySet[Any]:
    """The active users coordinating these organisations: who reminders go to."""
    return get_user_model().objects.filter(
        is_active=True, person__role=Role.COORDINATOR, person__organisation_id__in=list(organisation_ids)
    )


def inbox(user: AbstractBaseUser, *, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(user_id=user.pk).select_related("organisation")
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


# --- grouping for the inbox -----------------------------------------------------------------------


@dataclass(frozen=True)
class InboxGroup:
    """The messages of one organisation and round (either may be blank: "ทั่วไป")."""

    organisation: Organisation | None
    round_label: str
    items: list[Notification]

    @property
    def unread(self) -> int:
        return sum(1 for n in self.items if n.read_at is None)


def grouped(notifications: Iterable[Notification]) -> list[InboxGroup]:
    """Group messages (already in the order to show) by organisation and round, keeping the order
    of each group's first message."""
    groups: dict[tuple[int | None, str], InboxGroup] = {}
    for n in notifications:
        key = (n.organisation_id, n.round_label)
        if key not in groups:
            groups[key] = InboxGroup(n.organisation, n.round_label, [])
        groups[key].items.append(n)
    return list(groups.values())


# --- the daily digest ----------------------------------------------------------------------------


def setting_of(user: AbstractBaseUser) -> NotificationSetting:
    """The user's notification setting (the default, immediate e-mails, when never saved)."""
    return NotificationSetting.objects.filter(user_id=user.pk).first() or NotificationSetting(user_id=user.pk)


@transaction.atomic
def setting_update(*, user: AbstractBaseUser, digest: bool) -> NotificationSetting:
    """Choose the daily digest (True) or immediate e-mails (False); audited in the model's history
    of WorkflowEvents."""
    setting, _ = NotificationSetting.objects.select_for_update().get_or_create(user_id=user.pk)
    if setting.digest != digest:
        before = "digest" if setting.digest else "immediate"
        setting.digest = digest
        setting.save(update_fields=["digest", "updated_at"])
        WorkflowEvent.objects.create(
            content_type=ContentType.objects.get_for_model(NotificationSetting),
            object_id=setting.pk,
            action="notification_setting",
            from_state=before,
            to_state="digest" if digest else "immediate",
            actor_id=user.pk,
        )
    return setting


@dataclass(frozen=True)
class DigestSent:
    user_id: int
    email: str
    messages: int


def digest_send(*, day: dt.date | None = None) -> list[DigestSent]:
    """E-mail each person who chose the digest ONE message listing their unread notifications of
    `day` (yesterday by default), grouped by organisation and round. A person already sent the
    digest of that day, or with nothing unread, gets nothing; the listed messages count as
    e-mailed."""
    day = day or timezone.localdate() - dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    end = start + dt.timedelta(days=1)
    sent: list[DigestSent] = []
    settings_ = (
        NotificationSetting.objects.filter(digest=True, user__is_active=True)
        .exclude(user__email="")
        .exclude(digest_sent_on__gte=day)
        .select_related("user")
        .order_by("user_id")
    )
    for setting in settings_:
        with transaction.atomic():
            items = list(
                Notification.objects.select_for_update(of=("self",))
                .filter(user_id=setting.user_id, read_at__isnull=True, created_at__gte=start, created_at__lt=end)
                .select_related("organisation")
                .order_by("organisation__name_th", "round_label", "created_at")
            )
            setting.digest_sent_on = day
            setting.save(update_fields=["digest_sent_on", "updated_at"])
            if not items:
                continue
            message = digest_message(setting.user, day, grouped(items))
            get_connection().send_messages([message])
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=timezone.now())
            sent.append(DigestSent(setting.user_id, setting.user.email, len(items)))
    return sent


def digest_message(user: Any, day: dt.date, groups: list[InboxGroup]) -> EmailMessage:
    count = sum(len(g.items) for g in groups)
    lines = [f"การแจ้งเตือนที่ยังไม่ได้อ่านประจำวันที่ {format_date(day)} จำนวน {count} รายการ", ""]
    for group in groups:
        heading = " · ".join(
            part for part in (group.organisation.name_th if group.organisation else "", group.round_label) if part
        )
        lines.append(f"■ {heading or 'ทั่วไป'}")
        for n in group.items:
            lines.append(f"  - {n.subject_th}")
            if n.url:
                lines.append(f"    {site_url()}{n.url}")
        lines.append("")
    lines.append(f"กล่องข้อความ: {site_url()}/inbox/")
    lines.append(f"เปลี่ยนการตั้งค่า: {site_url()}/account/notifications/")
    lines.append("ข้อความนี้ส่งจากระบบ govkpi (สำนักงาน ก.พ.ร.) โดยอัตโนมัติ โปรดอย่าตอบกลับ")
    return EmailMessage(
        subject=f"[govkpi] สรุปการแจ้งเตือนประจำวันที่ {format_date(day)} ({count} รายการ)",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
