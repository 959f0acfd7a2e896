"""The national plan tree KPIs link to (reference data)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanNode(models.Model):
    """A node of the national plans: strategy, master plan, NESDP milestone, reform area, SDG, policy."""

    class Kind(models.TextChoices):
        STRATEGY = "strategy", _("ยุทธศาสตร์ชาติ")
        MASTER_PLAN = "master_plan", _("แผนแม่บทภายใต้ยุทธศาสตร์ชาติ")
        MILESTONE = "milestone", _("หมุดหมายแผนพัฒนาฯ ฉบับที่ 13")
        REFORM = "reform", _("แผนการปฏิรูปประเทศ")
        SDG = "sdg", _("เป้าหมายการพัฒนาที่ยั่งยืน (SDGs)")
        POLICY = "policy", _("นโยบายสำคัญ")

    code = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    title_th = models.CharField(max_length=400)
    title_en = models.CharField(max_length=400, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind", "order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title_th}"
