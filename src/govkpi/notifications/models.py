"""In-app notifications (e-mailed by a background task) and the deadline reminders already sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReminderSent(models.Model):
    """One deadline reminder already sent, so `govkpi remind` never sends it twice.

    `key` names the deadline, its date and the reminder's lead time, e.g.
    `proposal:3:MOF:2021-08-31:7`: an extended deadline has a new date, hence new reminders."""

    key = models.CharField(max_length=200, unique=True)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    deadline = models.DateField()
    days_before = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.key


class Notification(models.Model):
    """An in-app message; e-mail copies are sent by a background task.

    A grouped message (`group_key` set) stands for `count` steps of one kind for one organisation
    and round: later steps of the same day update the unread message instead of adding one."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    subject_th = models.CharField(max_length=300)
    #: The subject in English for English pages (blank: the Thai subject shows).
    subject_en = models.CharField(max_length=300, blank=True)
    body_th = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    round_label = models.CharField(max_length=100, blank=True, help_text="e.g. รอบ 12 เดือน ปี 2566")
    kind = models.CharField(max_length=60, blank=True)
    group_key = models.CharField(max_length=200, blank=True, db_index=True)
    count = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # The table keeps its first name: the model moved from `results` without copying rows.
        db_table = "results_notification"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject_th


class NotificationSetting(models.Model):
    """A person's choice of how e-mail reaches them: each message at once, or one daily digest.

    The inbox always gets every message; `digest` only stops the immediate e-mails."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_setting")
    digest = models.BooleanField(default=False)
    digest_sent_on = models.DateField(null=True, blank=True, help_text="the day of the last digest sent")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {'digest' if self.digest else 'immediate'}"
