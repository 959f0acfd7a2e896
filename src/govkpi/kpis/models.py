"""KPI assignments: one KPI of one organisation in one year, its versions, joint and cascaded KPIs,
proposals that carry them through review, and change requests after approval."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from govkpi.frameworks.choices import Direction, Measure
from govkpi.kpis.choices import (
    ChangeKind,
    ChangeLevel,
    ChangeState,
    KpiType,
    Origin,
    ProposalState,
    QualityFlag,
    StrategicRelation,
    Support,
)
from govkpi.scoring.ambition import below_plan, standard_target


def decimals(values: list[object]) -> tuple[Decimal, ...]:
    return tuple(Decimal(str(v)) for v in values)


class Proposal(models.Model):
    """An organisation's set of KPIs for one framework, moving through review to approval."""

    framework = models.ForeignKey("frameworks.Framework", on_delete=models.PROTECT, related_name="proposals")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="proposals")
    state = models.CharField(max_length=20, choices=ProposalState.choices, default=ProposalState.DRAFT)
    lock_version = models.PositiveIntegerField(default=1, help_text="optimistic concurrency counter")
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "organisation__code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "organisation"], name="one_proposal_per_org_framework")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.framework}"

    @property
    def is_frozen(self) -> bool:
        return self.state == ProposalState.APPROVED


class StageDecision(models.Model):
    """Who decided a review stage of a proposal, at which meeting, and the resolution (มติ) text.

    Written by `kpis.workflow.transition` for every approve/return at a review stage, so the stage
    history and the separation-of-duties rule read one record per decision. The meeting is an
    existing `reviews.Meeting` when one was picked; `meeting_label` always holds the text shown
    ("คณะทำงาน … ครั้งที่ 3/2565"), typed when the meeting is not in the system."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="stage_decisions")
    event = models.OneToOneField("core.WorkflowEvent", on_delete=models.CASCADE, related_name="stage_decision")
    stage = models.CharField(max_length=20, choices=ProposalState.choices)
    action = models.CharField(max_length=20)
    to_state = models.CharField(max_length=20, choices=ProposalState.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)
    meeting = models.ForeignKey(
        "reviews.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="stage_decisions"
    )
    meeting_label = models.CharField(max_length=500, blank=True)
    resolution_th = models.TextField(blank=True)

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal_id} {self.stage}: {self.action}"


class JointKpi(models.Model):
    """ตัวชี้วัดร่วม: one KPI shared by several organisations under a host."""

    framework = models.ForeignKey("frameworks.Framework", on_delete=models.PROTECT, related_name="joint_kpis")
    code = models.CharField(max_length=30)
    issue_th = models.CharField(max_length=300, help_text="ประเด็น")
    name_th = models.CharField(max_length=500)
    name_en = models.CharField(max_length=500, blank=True)
    definition_th = models.TextField(blank=True)
    host = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="hosted_joint_kpis")
    basket = models.ForeignKey("basket.BasketKpi", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    participants = models.ManyToManyField("organisations.Organisation", related_name="joint_kpis", blank=True)
    themes = models.JSONField(default=list, blank=True)
    history = HistoricalRecords(m2m_fields=[participants])

    class Meta:
        ordering = ["framework", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="joint_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name_th}"


class CascadedKpi(models.Model):
    """A KPI pushed by OPDC or MOI to every organisation of a group; participants cannot remove it."""

    framework = models.ForeignKey("frameworks.Framework", on_delete=models.PROTECT, related_name="cascaded_kpis")
    code = models.CharField(max_length=30)
    name_th = models.CharField(max_length=500)
    name_en = models.CharField(max_length=500, blank=True)
    definition_th = models.TextField(blank=True)
    owner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    basket = models.ForeignKey("basket.BasketKpi", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    component_code = models.CharField(max_length=30, default="performance")
    weight = models.DecimalField(max_digits=6, decimal_places=2)
    targets = models.JSONField(default=list)
    unit_th = models.CharField(max_length=60, blank=True)
    direction = models.CharField(max_length=20, choices=Direction.choices, default=Direction.HIGHER)
    measure = models.CharField(max_length=20, choices=Measure.choices, default=Measure.NUMERIC)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="cascade_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name_th}"


class StrategicKpi(models.Model):
    """A national Strategic KPI of a fiscal year (FY2567 on): one national measure, owned by OPDC or a
    lead agency and linked to the plan tree, to which agency and province KPIs attach as the same
    KPI or as a proxy (`Kpi.strategic`, `Kpi.strategic_relation`). It spans both evaluation groups,
    so it belongs to the fiscal year, not to a framework."""

    fiscal_year = models.ForeignKey("frameworks.FiscalYear", on_delete=models.PROTECT, related_name="strategic_kpis")
    code = models.CharField(max_length=30, help_text="เช่น SK-01")
    name_th = models.CharField(max_length=500)
    name_en = models.CharField(max_length=500, blank=True)
    definition_th = models.TextField(blank=True)
    unit_th = models.CharField(max_length=60, blank=True)
    direction = models.CharField(max_length=20, choices=Direction.choices, default=Direction.HIGHER)
    national_target_th = models.TextField(blank=True, help_text="ค่าเป้าหมายระดับประเทศ (ข้อความ)")
    national_target_value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="owned_strategic_kpis",
        help_text="สำนักงาน ก.พ.ร. หรือหน่วยงานเจ้าภาพหลัก",
    )
    plan_links = models.ManyToManyField("plans.PlanNode", blank=True, related_name="strategic_kpis")
    basket = models.ForeignKey(
        "basket.BasketKpi", null=True, blank=True, on_delete=models.SET_NULL, related_name="strategic_kpis"
    )
    history = HistoricalRecords(m2m_fields=[plan_links])

    class Meta:
        ordering = ["fiscal_year", "code"]
        constraints = [models.UniqueConstraint(fields=["fiscal_year", "code"], name="strategic_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name_th}"


#: The template fields a version freezes, in the order a diff shows them.
VERSION_FIELDS: tuple[str, ...] = (
    "name_th",
    "name_en",
    "definition_th",
    "formula_th",
    "unit_th",
    "direction",
    "measure",
    "component",
    "weight",
    "targets",
    "is_monitor",
    "baseline",
    "data_source_th",
    "responsible_th",
    "evidence_th",
    "scope_th",
    "collection_th",
    "criteria_th",
)


class KpiTemplate(models.Model):
    """The KPI template fields shared by an assignment's working copy and its frozen versions."""

    name_th = models.CharField(max_length=500)
    name_en = models.CharField(max_length=500, blank=True)
    definition_th = models.TextField(blank=True)
    formula_th = models.TextField(blank=True)
    unit_th = models.CharField(max_length=60, blank=True)
    direction = models.CharField(max_length=20, choices=Direction.choices, default=Direction.HIGHER)
    measure = models.CharField(max_length=20, choices=Measure.choices, default=Measure.NUMERIC)
    component = models.ForeignKey("frameworks.Component", on_delete=models.PROTECT, related_name="+")
    weight = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal(0))
    targets = models.JSONField(default=list, help_text="one value per target level, lowest level first")
    is_monitor = models.BooleanField(default=False, help_text="ตัวชี้วัด Monitor: รายงานผลแต่ไม่นำมาคิดคะแนน")
    baseline = models.JSONField(default=list, blank=True)
    data_source_th = models.TextField(blank=True)
    responsible_th = models.TextField(blank=True)
    evidence_th = models.TextField(blank=True)
    # What OPDC's public e-SAR page shows of a KPI beside its definition; the organisation writes them.
    scope_th = models.TextField(blank=True, help_text="ขอบเขตการประเมิน")
    collection_th = models.TextField(blank=True, help_text="วิธีการจัดเก็บข้อมูล")
    criteria_th = models.TextField(blank=True, help_text="ประเด็นการประเมิน / เกณฑ์การให้คะแนน")

    class Meta:
        abstract = True

    def target_values(self) -> tuple[Decimal, ...]:
        return decimals(list(self.targets))


class Kpi(KpiTemplate):
    """ตัวชี้วัด: one KPI of one organisation in one framework (the working copy; versions freeze it)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="kpis")
    framework = models.ForeignKey("frameworks.Framework", on_delete=models.PROTECT, related_name="kpis")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="kpis")
    code = models.CharField(max_length=40)
    order = models.PositiveIntegerField(default=0)
    kpi_type = models.CharField(max_length=20, choices=KpiType.choices, default=KpiType.FUNCTION)
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.BASKET)
    basket = models.ForeignKey(
        "basket.BasketKpi", null=True, blank=True, on_delete=models.SET_NULL, related_name="assignments"
    )
    joint = models.ForeignKey(JointKpi, null=True, blank=True, on_delete=models.PROTECT, related_name="kpis")
    cascade = models.ForeignKey(CascadedKpi, null=True, blank=True, on_delete=models.PROTECT, related_name="kpis")
    strategic = models.ForeignKey(
        StrategicKpi, null=True, blank=True, on_delete=models.PROTECT, related_name="kpis", help_text="Strategic KPI"
    )
    strategic_relation = models.CharField(max_length=10, choices=StrategicRelation.choices, blank=True)
    plan_links = models.ManyToManyField("plans.PlanNode", blank=True, related_name="kpis")
    support = models.CharField(max_length=10, choices=Support.choices, default=Support.NONE)
    national_target_th = models.TextField(blank=True, help_text="ค่าเป้าหมายตามแผนระดับชาติ")
    national_target_value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    below_plan_reason_th = models.TextField(blank=True)
    themes = models.JSONField(default=list, blank=True)
    is_removed = models.BooleanField(default=False)
    lineage = models.CharField(max_length=60, blank=True, db_index=True, help_text="links the same KPI across years")
    domain = models.CharField(max_length=20, blank=True, help_text="ด้าน (basket.Domain) of a proposed KPI")
    lock_version = models.PositiveIntegerField(default=1, help_text="optimistic concurrency counter")
    history = HistoricalRecords(m2m_fields=[plan_links])

    class Meta:
        ordering = ["framework", "organisation__code", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "organisation", "code"], name="kpi_code_unique"),
            # A KPI attached to a Strategic KPI always says how (same or proxy), and only then.
            models.CheckConstraint(
                condition=models.Q(strategic__isnull=True, strategic_relation="")
                | (models.Q(strategic__isnull=False) & ~models.Q(strategic_relation="")),
                name="kpi_strategic_relation_with_strategic",
            ),
        ]
        indexes = [
            models.Index(fields=["framework", "organisation"]),
            # The home page's count of each framework's KPIs (and of its approved ones) read from the
            # index alone: counting through the table read all 239 MB of it at scale 30.
            models.Index(
                fields=["framework", "proposal"], condition=models.Q(is_removed=False), name="kpi_live_framework_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_th}"

    @property
    def is_below_plan(self) -> bool:
        """The standard target is less ambitious than the national plan's (`scoring.ambition`)."""
        return below_plan(self.target_values(), self.national_target_value, self.direction)

    @property
    def standard_target(self) -> Decimal | None:
        return standard_target(self.target_values())


class KpiVersion(KpiTemplate):
    """A frozen definition: version 1 at approval, a new one for each approved change request."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    effective_from = models.ForeignKey(
        "frameworks.Round",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="รอบที่เริ่มใช้ (ว่าง = ตั้งแต่ต้นปี)",
    )
    change_request = models.ForeignKey(
        "kpis.ChangeRequest", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["kpi", "number"]
        constraints = [models.UniqueConstraint(fields=["kpi", "number"], name="kpi_version_unique")]
        # Whether a KPI has a version in force in a round (`in_force.reportable_in_round_q`) is
        # answered from this index alone, not from the versions' wide rows.
        indexes = [models.Index(fields=["kpi", "effective_from"], name="kpi_version_in_force")]

    def __str__(self) -> str:
        return f"{self.kpi.code} v{self.number}"


class ChangeRequest(models.Model):
    """ขอเปลี่ยนแปลงรายละเอียดตัวชี้วัด: a request to change a frozen KPI from a round on."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="change_requests"
    )
    framework = models.ForeignKey("frameworks.Framework", on_delete=models.PROTECT, related_name="change_requests")
    kpi = models.ForeignKey(Kpi, null=True, blank=True, on_delete=models.PROTECT, related_name="change_requests")
    round = models.ForeignKey("frameworks.Round", on_delete=models.PROTECT, related_name="change_requests")
    kind = models.CharField(max_length=20, choices=ChangeKind.choices)
    level = models.CharField(max_length=20, choices=ChangeLevel.choices)
    reason_th = models.TextField()
    proposed = models.JSONField(default=dict, blank=True, help_text="the fields to change and their new values")
    state = models.CharField(max_length=20, choices=ChangeState.choices, default=ChangeState.SUBMITTED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note_th = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_kind_display()}"


class ProposalComment(models.Model):
    """A reviewer's comment on a proposal, on one KPI row or (kpi empty) on the whole proposal.

    Open until the coordinator replies or a reviewer resolves it: open comments show on their
    KPI's row and as a banner at the top of the proposal (`kpis.comments`)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    kpi = models.ForeignKey(
        "kpis.Kpi", null=True, blank=True, on_delete=models.SET_NULL, related_name="review_comments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    state_at = models.CharField(max_length=20, blank=True, help_text="the proposal's state when commented")
    text_th = models.TextField()
    flag = models.CharField(
        max_length=30, blank=True, choices=QualityFlag.choices, help_text="the target quality flag the comment cites"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reply_th = models.TextField(blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text_th[:60]

    @property
    def is_open(self) -> bool:
        return self.replied_at is None and self.resolved_at is None
