"""Fiscal years and their evaluation frameworks, stored as data (never code)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from govkpi.core.thaidates import fiscal_year_bounds
from govkpi.frameworks.choices import GroupCode


class FiscalYear(models.Model):
    """ปีงบประมาณ: year 2566 runs from 1 Oct 2022 to 30 Sep 2023."""

    year = models.PositiveIntegerField(unique=True, help_text="พ.ศ.")
    starts_on = models.DateField()
    ends_on = models.DateField()
    note_th = models.TextField(blank=True)

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"ปีงบประมาณ พ.ศ. {self.year}"

    @property
    def name_th(self) -> str:
        return f"ปีงบประมาณ พ.ศ. {self.year}"

    @property
    def name_en(self) -> str:
        return f"Fiscal year {self.year - 543} (B.E. {self.year})"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.starts_on or not self.ends_on:
            self.starts_on, self.ends_on = fiscal_year_bounds(self.year)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Framework(models.Model):
    """กรอบการประเมิน of one fiscal year for one evaluation group, with its participants."""

    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="frameworks")
    group = models.CharField(max_length=20, choices=GroupCode.choices)
    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    below_lowest_points = models.DecimalField(max_digits=7, decimal_places=2, default=Decimal(0))
    monitoring_only = models.BooleanField(
        default=False, help_text="รายงานผลเพื่อติดตาม ไม่จัดระดับ (เช่น ปี 2564 สถานการณ์ COVID-19)"
    )
    proposal_deadline = models.DateField(null=True, blank=True)
    distinct_opdc_reviewers = models.BooleanField(
        default=True,
        help_text="ผู้เห็นชอบขั้นสำนักงาน ก.พ.ร. ตรวจสอบ และขั้นคณะทำงาน ต้องเป็นคนละคน (separation of duties)",
    )
    appeal_window_days = models.PositiveIntegerField(default=15)
    participants = models.ManyToManyField("organisations.Organisation", related_name="frameworks", blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A framework is a draft, seen by OPDC only, until OPDC announces it to its participants
    # (`frameworks.services.framework_announce`); `published_at` is the later publication of results.
    announced_at = models.DateTimeField(null=True, blank=True)
    announced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Codes of `kpis.choices.KpiType` an organisation may propose under this framework; stored as
    # codes because kpis sits above frameworks (checked in `frameworks.validation`).
    kpi_types = models.JSONField(default=list, blank=True)
    history = HistoricalRecords(m2m_fields=[participants])

    class Meta:
        ordering = ["-fiscal_year__year", "group"]
        constraints = [models.UniqueConstraint(fields=["fiscal_year", "group"], name="one_framework_per_year_group")]

    def __str__(self) -> str:
        return self.name_th

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_announced(self) -> bool:
        return self.announced_at is not None


class Component(models.Model):
    """องค์ประกอบ: a part of the total with its weight and bounds on the number of scored KPIs."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="components")
    code = models.CharField(max_length=30)
    name_th = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    weight = models.DecimalField(max_digits=6, decimal_places=2)
    min_kpis = models.PositiveIntegerField(default=1)
    max_kpis = models.PositiveIntegerField(default=10)
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="component_code_unique")]

    def __str__(self) -> str:
        return f"{self.name_th} ({self.weight}%)"


class TargetLevel(models.Model):
    """A rung of the target ladder: ขั้นต้น, มาตรฐาน, ขั้นสูง, with the points it earns."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="target_levels")
    order = models.PositiveIntegerField()
    name_th = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    points = models.DecimalField(max_digits=7, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "order"], name="target_level_order_unique")]

    def __str__(self) -> str:
        return f"{self.name_th} = {self.points}"


class Band(models.Model):
    """ระดับ: a classification of the total score from its minimum upward."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="bands")
    name_th = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    min_score = models.DecimalField(max_digits=6, decimal_places=2)
    colour = models.CharField(max_length=7, default="#888888")
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "-min_score"]

    def __str__(self) -> str:
        return f"{self.name_th} ≥ {self.min_score}"


class Round(models.Model):
    """รอบการประเมิน: 6, 9 or 12 months, open for reporting between two dates."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="rounds")
    months = models.PositiveIntegerField()
    opens_on = models.DateField()
    closes_on = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "months"]
        constraints = [models.UniqueConstraint(fields=["framework", "months"], name="round_months_unique")]

    def __str__(self) -> str:
        return f"รอบ {self.months} เดือน"

    @property
    def name_th(self) -> str:
        return f"รอบ {self.months} เดือน"

    @property
    def name_en(self) -> str:
        return f"{self.months}-month round"

    def is_open_on(self, day: dt.date) -> bool:
        return self.opens_on <= day <= self.closes_on


class DeadlineExtension(models.Model):
    """OPDC's grant of more time to one organisation, for its proposal or for one round."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="extensions")
    round = models.ForeignKey(Round, null=True, blank=True, on_delete=models.CASCADE, related_name="extensions")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    new_deadline = models.DateField()
    reason = models.TextField()
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-granted_at"]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.new_deadline}"


class ExtensionRequest(models.Model):
    """A coordinator's request for more time (for the proposal when `round` is empty, else for that
    round); OPDC grants it, which records a `DeadlineExtension`, or refuses it with a note."""

    class State(models.TextChoices):
        PENDING = "pending", _("รอพิจารณา")
        GRANTED = "granted", _("อนุมัติแล้ว")
        REFUSED = "refused", _("ไม่อนุมัติ")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="extension_requests")
    round = models.ForeignKey(Round, null=True, blank=True, on_delete=models.CASCADE, related_name="extension_requests")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField()
    requested_deadline = models.DateField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    extension = models.ForeignKey(
        DeadlineExtension, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.requested_deadline} ({self.state})"

    @property
    def subject_th(self) -> str:
        return f"ส่งผล{self.round.name_th}" if self.round is not None else "ส่งข้อเสนอตัวชี้วัด"

    @property
    def subject_en(self) -> str:
        return f"{self.round.name_en} results" if self.round is not None else "KPI proposal"
