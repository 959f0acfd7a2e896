"""The background half of notifying: e-mail copies of in-app notifications."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone
from django_tasks import task

from govkpi.notifications.models import Notification

log = logging.getLogger(__name__)


def site_url() -> str:
    """Where links in e-mails point: GOVKPI_SITE_URL (e.g. https://govkpi.opdc.go.th), else
    relative paths."""
    return str(settings.GOVKPI_SITE_URL).rstrip("/")


def message_for(notification: Notification) -> EmailMessage:
    lines = [notification.body_th.strip()] if notification.body_th.strip() else []
    if notification.url:
        lines.append(f"ดูรายละเอียด: {site_url()}{notification.url}")
    lines.append("")
    lines.append("ข้อความนี้ส่งจากระบบ govkpi (สำนักงาน ก.พ.ร.) โดยอัตโนมัติ โปรดอย่าตอบกลับ")
    return EmailMessage(
        subject=f"[govkpi] {notification.subject_th}",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.user.email],
    )


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail each notification not yet e-mailed to a user with an address; returns how many."""
    pending = list(
        Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
        .exclude(user__email="")
        .select_related("user")
    )
    if not pending:
        return 0
    connection = get_connection()
    sent = connection.send_messages([message_for(n) for n in pending]) or 0
    now = timezone.now()
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
    log.info("e-mailed %s notification(s)", sent)
    return sent
