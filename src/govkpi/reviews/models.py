"""Committees, meetings, agenda items, resolutions and recommendations (workflow events: `core.models`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Committee(models.Model):
    """คณะทำงาน / อ.ก.พ.ร. / ก.พ.ร. / คณะกรรมการกำกับการประเมินผลการปฏิบัติราชการของจังหวัด."""

    class Kind(models.TextChoices):
        WORKING_GROUP = "working_group", _("คณะทำงาน")
        SUBCOMMITTEE = "subcommittee", _("อ.ก.พ.ร.")
        COMMISSION = "commission", _("ก.พ.ร.")
        MOI_PROVINCIAL = "moi_provincial", _("คณะกรรมการกำกับการประเมินผลการปฏิบัติราชการของจังหวัด")

    code = models.CharField(max_length=30, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name_th = models.CharField(max_length=400)
    name_en = models.CharField(max_length=400, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.name_th


class Meeting(models.Model):
    """A committee meeting, numbered like ครั้งที่ 6/2565."""

    class Mode(models.TextChoices):
        ELECTRONIC = "electronic", _("ผ่านสื่ออิเล็กทรอนิกส์")
        ONSITE = "onsite", _("ณ ห้องประชุม")
        HYBRID = "hybrid", _("ผสม")

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveIntegerField()
    year_be = models.PositiveIntegerField()
    held_on = models.DateField()
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.ELECTRONIC)
    chair_th = models.CharField(max_length=200, blank=True)
    title_th = models.CharField(max_length=500, blank=True)
    summary_th = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on"]
        constraints = [models.UniqueConstraint(fields=["committee", "number", "year_be"], name="meeting_number_unique")]

    def __str__(self) -> str:
        return f"{self.committee.name_th} ครั้งที่ {self.number}/{self.year_be}"

    @property
    def number_label(self) -> str:
        return gettext("ครั้งที่ %(number)s/%(year)s") % {"number": self.number, "year": self.year_be}


class AgendaItem(models.Model):
    """วาระ: an item a meeting takes, pointing at what it decides."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveIntegerField()
    title_th = models.TextField()
    framework = models.ForeignKey(
        "frameworks.Framework", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposals = models.ManyToManyField("kpis.Proposal", blank=True, related_name="agenda_items")
    change_requests = models.ManyToManyField("kpis.ChangeRequest", blank=True, related_name="agenda_items")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.title_th[:60]}"


class Resolution(models.Model):
    """มติ: what the meeting decided on an agenda item."""

    class Decision(models.TextChoices):
        APPROVE = "approve", _("เห็นชอบ")
        ACKNOWLEDGE = "acknowledge", _("รับทราบ")
        COMMENT = "comment", _("ให้ความคิดเห็น")
        REJECT = "reject", _("ไม่เห็นชอบ")

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="resolutions")
    decision = models.CharField(max_length=20, choices=Decision.choices)
    text_th = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.get_decision_display()


class Recommendation(models.Model):
    """ข้อเสนอแนะ of a meeting to a named organisation, which answers it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="recommendations")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="recommendations"
    )
    text_th = models.TextField()
    answer_th = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.organisation}: {self.text_th[:60]}"
