"""Choices shared by frameworks and the KPIs that live in them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupCode(models.TextChoices):
    AGENCIES = "agencies", _("ส่วนราชการ")
    PROVINCES = "provinces", _("จังหวัด")


class ComponentCode(models.TextChoices):
    PERFORMANCE = "performance", _("การประเมินประสิทธิผลการดำเนินงาน (Performance Base)")
    POTENTIAL = "potential", _("การประเมินศักยภาพในการดำเนินงาน (Potential Base)")


class Direction(models.TextChoices):
    HIGHER = "higher_is_better", _("ยิ่งมากยิ่งดี")
    LOWER = "lower_is_better", _("ยิ่งน้อยยิ่งดี")


class Measure(models.TextChoices):
    NUMERIC = "numeric", _("ค่าตัวเลข")
    MILESTONE = "milestone", _("ระดับความสำเร็จ (ขั้นตอน)")
