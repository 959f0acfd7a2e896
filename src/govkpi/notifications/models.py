"""Notifications themselves are `results.Notification`; this app only remembers reminders sent."""

from __future__ import annotations

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
