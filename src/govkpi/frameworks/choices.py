"""Choices shared by frameworks and the KPIs that live in them."""

from django.db import models


class GroupCode(models.TextChoices):
    AGENCIES = "agencies", "ส่วนราชการ"
    PROVINCES = "provinces", "จังหวัด"


class ComponentCode(models.TextChoices):
    PERFORMANCE = "performance", "การประเมินประสิทธิผลการดำเนินงาน (Performance Base)"
    POTENTIAL = "potential", "การประเมินศักยภาพในการดำเนินงาน (Potential Base)"


class Direction(models.TextChoices):
    HIGHER = "higher_is_better", "ยิ่งมากยิ่งดี"
    LOWER = "lower_is_better", "ยิ่งน้อยยิ่งดี"


class Measure(models.TextChoices):
    NUMERIC = "numeric", "ค่าตัวเลข"
    MILESTONE = "milestone", "ระดับความสำเร็จ (ขั้นตอน)"
