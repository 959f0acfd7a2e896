"""Results reported each round, their evidence, scores, appeals and lessons learned."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from govkpi.scoring import status


class ResultState(models.TextChoices):
    DRAFT = "draft", _("ร่าง")
    SUBMITTED = "submitted", _("ส่งแล้ว รอผู้บริหารรับรอง")
    ENDORSED = "endorsed", _("ผู้บริหารรับรองแล้ว")
    RETURNED = "returned", _("ส่งกลับแก้ไข")
    VERIFIED = "verified", _("ตรวจสอบแล้ว")
    APPROVED = "approved", _("คณะกรรมการเห็นชอบ")


class Confidence(models.TextChoices):
    """ความมั่นใจในการบรรลุค่าเป้าหมาย: what the organisation says of the year-end beside a
    round's value (codes of `scoring.status`)."""

    ON_TRACK = status.ON_TRACK, _("เป็นไปตามแผน")
    AT_RISK = status.AT_RISK, _("มีความเสี่ยง")
    OFF_TRACK = status.OFF_TRACK, _("ไม่เป็นไปตามแผน")


#: The states whose value counts in a score: verified by OPDC's desk, or approved by the committee.
#: A draft, a submitted or endorsed result not yet verified, and a result returned (or unlocked) for
#: correction count as no result until the desk verifies it again, so a coordinator's unverified
#: number never moves a stored score (and reporting a draft need not rescore anything).
SCORED_STATES = frozenset({ResultState.VERIFIED, ResultState.APPROVED})


def counts_in_score(state: str) -> bool:
    """Whether a result in this state is scored (else it is scored as a missing result)."""
    return state in SCORED_STATES


class Result(models.Model):
    """ผลการดำเนินงาน of one KPI in one round, scored from the version in force."""

    kpi = models.ForeignKey("kpis.Kpi", on_delete=models.PROTECT, related_name="results")
    round = models.ForeignKey("frameworks.Round", on_delete=models.PROTECT, related_name="results")
    version = models.ForeignKey("kpis.KpiVersion", on_delete=models.PROTECT, related_name="results")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="results")
    value = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    narrative_th = models.TextField(blank=True)
    confidence = models.CharField(
        max_length=20,
        choices=Confidence.choices,
        blank=True,
        help_text="ความมั่นใจว่าจะบรรลุค่าเป้าหมายเมื่อสิ้นปี (ว่าง = ไม่ได้ระบุ)",
    )
    confidence_reason_th = models.TextField(blank=True, help_text="เหตุผลเมื่อมีความเสี่ยงหรือไม่เป็นไปตามแผน")
    state = models.CharField(max_length=20, choices=ResultState.choices, default=ResultState.DRAFT)
    verified_value = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    verification_note_th = models.TextField(blank=True)
    points = models.DecimalField(max_digits=9, decimal_places=4, null=True, blank=True)
    weighted = models.DecimalField(max_digits=9, decimal_places=4, null=True, blank=True)
    explanation = models.JSONField(default=dict, blank=True)
    is_locked = models.BooleanField(default=False)
    is_amended = models.BooleanField(default=False)
    lock_version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(null=True, blank=True)
    endorsed_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approval_ref_th = models.CharField(
        max_length=300, blank=True, help_text="มติที่ประชุมที่เห็นชอบผล เช่น อ.ก.พ.ร. ครั้งที่ 6/2565"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "kpi__order"]
        constraints = [models.UniqueConstraint(fields=["kpi", "round"], name="one_result_per_kpi_round")]
        indexes = [
            models.Index(fields=["organisation", "round"]),
            # Reporting progress joins a round's results to its KPIs and reads their state: from
            # this index alone on PostgreSQL (the table itself is the largest of a national world).
            models.Index(fields=["round", "kpi"], include=["state"], name="result_round_kpi_state"),
            # OPDC's verification queue and work list read the results in one state across the
            # country (the endorsed ones awaiting verification), never scanning every result.
            models.Index(fields=["state", "round", "organisation"], name="result_state_round_org_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kpi.code} {self.round}: {self.value}"

    @property
    def scored_value(self) -> object:
        return self.verified_value if self.verified_value is not None else self.value


class Evidence(models.Model):
    """A file supporting a result, stored under a name the uploader cannot choose."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="evidence")
    appeal = models.ForeignKey(
        "results.Appeal", null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(upload_to="evidence/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class OrganisationScore(models.Model):
    """The stored total and band of one organisation for one round; recomputed when inputs change."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="scores")
    framework = models.ForeignKey("frameworks.Framework", on_delete=models.CASCADE, related_name="scores")
    round = models.ForeignKey("frameworks.Round", on_delete=models.CASCADE, related_name="scores")
    total = models.DecimalField(max_digits=7, decimal_places=4)
    band = models.CharField(max_length=100, blank=True)
    components = models.JSONField(default=list, blank=True)
    is_amended = models.BooleanField(default=False)
    computed_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "organisation__code"]
        constraints = [models.UniqueConstraint(fields=["organisation", "round"], name="one_score_per_org_round")]

    def __str__(self) -> str:
        return f"{self.organisation} {self.round}: {self.total}"


class Appeal(models.Model):
    """อุทธรณ์: an organisation asks the committee to reconsider one KPI's published score."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("รอพิจารณา")
        UPHELD = "upheld", _("เห็นชอบให้แก้ไข")
        DISMISSED = "dismissed", _("ไม่เห็นชอบให้แก้ไข")

    result = models.ForeignKey(Result, on_delete=models.PROTECT, related_name="appeals")
    reason_th = models.TextField()
    requested_value = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.SUBMITTED)
    old_points = models.DecimalField(max_digits=9, decimal_places=4, null=True, blank=True)
    new_points = models.DecimalField(max_digits=9, decimal_places=4, null=True, blank=True)
    decision_note_th = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"อุทธรณ์ {self.result}"


class LessonsLearned(models.Model):
    """ถอดบทเรียน an organisation submits in a monitoring-only year."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="lessons")
    framework = models.ForeignKey("frameworks.Framework", on_delete=models.CASCADE, related_name="lessons")
    text_th = models.TextField()
    submitted_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "framework"], name="one_lesson_per_org")]

    def __str__(self) -> str:
        return f"ถอดบทเรียน {self.organisation}"


class LessonsSummary(models.Model):
    """OPDC's summary of the lessons learned across organisations in one monitoring-only framework."""

    framework = models.OneToOneField("frameworks.Framework", on_delete=models.CASCADE, related_name="lessons_summary")
    text_th = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"สรุปบทเรียน {self.framework}"
