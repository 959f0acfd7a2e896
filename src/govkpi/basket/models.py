"""The KPI Basket (รายการตัวชี้วัด): OPDC's catalogue organisations pick from."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from govkpi.frameworks.choices import Direction, GroupCode, Measure

#: Themes a KPI may carry (`themes` lists their codes); their labels, never the bare code, are shown.
THEME_LABELS = {
    "covid19": _("การฟื้นฟู/แก้ปัญหาสถานการณ์โควิด-19"),
    "eservice": _("งานบริการ Agenda (e-Service)"),
}


def theme_label(code: str) -> str:
    return str(THEME_LABELS.get(code, code))


class Domain(models.TextChoices):
    ECONOMY = "economy", _("ด้านเศรษฐกิจ")
    SOCIETY = "society", _("ด้านสังคม/ความมั่นคง")
    ENVIRONMENT = "environment", _("ด้านสิ่งแวดล้อม")
    GOVERNANCE = "governance", _("ด้านการบริหารจัดการภาครัฐ")


class BasketKpi(models.Model):
    """A catalogue entry with the full KPI template."""

    code = models.CharField(max_length=30, unique=True)
    group = models.CharField(max_length=20, choices=GroupCode.choices, default=GroupCode.AGENCIES)
    name_th = models.CharField(max_length=500)
    name_en = models.CharField(max_length=500, blank=True)
    definition_th = models.TextField(blank=True)
    formula_th = models.TextField(blank=True)
    unit_th = models.CharField(max_length=60, blank=True)
    direction = models.CharField(max_length=20, choices=Direction.choices, default=Direction.HIGHER)
    measure = models.CharField(max_length=20, choices=Measure.choices, default=Measure.NUMERIC)
    domain = models.CharField(max_length=20, choices=Domain.choices, default=Domain.GOVERNANCE)
    baseline = models.JSONField(default=list, blank=True, help_text='[{"year": 2562, "value": "81.5"}, …]')
    recommended_targets = models.JSONField(
        default=list,
        blank=True,
        help_text='ค่าเป้าหมายที่แนะนำ ชุดละหนึ่งจำนวนขั้น เรียงจากขั้นแรก: [["80", "85", "90"], ["60", …, "100"]]',
    )
    data_source_th = models.TextField(blank=True)
    evidence_th = models.TextField(blank=True)
    applicable_kinds = models.JSONField(default=list, blank=True)
    themes = models.JSONField(default=list, blank=True)
    ministry = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    plan_links = models.ManyToManyField("plans.PlanNode", blank=True, related_name="basket_kpis")
    tunable_fields = models.JSONField(default=list, blank=True, help_text="ช่องที่ส่วนราชการปรับได้เมื่อเลือกจาก Basket")
    is_retired = models.BooleanField(default=False)
    search_text = models.TextField(blank=True, editable=False, help_text="คำที่ตัดแล้วสำหรับค้นหา")
    history = HistoricalRecords(m2m_fields=[plan_links], excluded_fields=["search_text"])

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_th}"

    @property
    def recommendations(self) -> list[list[str]]:
        """The recommended ladders, one per ladder length, shortest first (a flat list, the shape
        before ladders of any length, reads as one ladder)."""
        stored = list(self.recommended_targets or [])
        if stored and not all(isinstance(item, list) for item in stored):
            stored = [stored]
        return [[str(v) for v in ladder] for ladder in stored if ladder]

    def recommended_for(self, levels: int) -> list[str] | None:
        """The recommended targets for a framework whose ladder has `levels` levels, if OPDC gave some."""
        return next((ladder for ladder in self.recommendations if len(ladder) == levels), None)
