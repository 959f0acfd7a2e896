"""States and kinds of KPI assignments, proposals and change requests."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KpiType(models.TextChoices):
    STRATEGIC = "strategic", "Strategic KPI"
    JOINT = "joint", "Joint KPI"
    FUNCTION = "function", "Function KPI"
    AREA = "area", "Area KPI"
    POTENTIAL = "potential", "Potential KPI"


class StrategicRelation(models.TextChoices):
    """How an agency or province KPI carries a national Strategic KPI (OPDC's e-SAR labels, FY2567)."""

    SAME = "same", _("ตัวชี้วัดที่ถ่ายทอดเป็นตัวเดียวกับ Strategic KPIs")
    PROXY = "proxy", _("ตัวชี้วัดทดแทน (Proxy KPIs) ที่ถ่ายทอดจาก Strategic KPIs")


class Origin(models.TextChoices):
    BASKET = "basket", _("เลือกจาก KPI Basket")
    PROPOSED = "proposed", _("ส่วนราชการเสนอเพิ่มเติม")


class Support(models.TextChoices):
    DIRECT = "direct", _("สนับสนุนเป้าหมายโดยตรง")
    INDIRECT = "indirect", _("สนับสนุนเป้าหมายทางอ้อม")
    NONE = "none", _("ไม่ระบุ")


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("ร่าง")
    SUBMITTED = "submitted", _("ส่งแล้ว รอผู้บริหารรับรอง")
    MOI_REVIEW = "moi_review", _("กระทรวงมหาดไทยพิจารณา")
    OPDC_REVIEW = "opdc_review", _("สำนักงาน ก.พ.ร. พิจารณา")
    WORKING_GROUP = "working_group", _("คณะทำงานพิจารณา")
    SUBCOMMITTEE = "subcommittee", _("อ.ก.พ.ร. พิจารณา")
    MINISTER = "minister", _("รัฐมนตรีพิจารณา")
    APPROVED = "approved", _("อนุมัติแล้ว")
    RETURNED = "returned", _("ส่งกลับแก้ไข")


class ChangeKind(models.TextChoices):
    TARGET = "target", _("เปลี่ยนค่าเป้าหมาย")
    FORMULA = "formula", _("เปลี่ยนสูตรการคำนวณ")
    WEIGHT = "weight", _("เปลี่ยนน้ำหนัก")
    REMOVAL = "removal", _("ยกเลิกตัวชี้วัด")
    ADDITION = "addition", _("เพิ่มตัวชี้วัด")


class ChangeState(models.TextChoices):
    DRAFT = "draft", _("ร่าง")
    SUBMITTED = "submitted", _("รอคณะกรรมการพิจารณา")
    APPROVED = "approved", _("อนุมัติแล้ว")
    REJECTED = "rejected", _("ไม่อนุมัติ")
    ACKNOWLEDGED = "acknowledged", _("รับทราบแล้ว")


class ChangeLevel(models.TextChoices):
    MINISTRY = "ministry", _("ระดับกระทรวง")
    DEPARTMENT = "department", _("ระดับกรม")
    PROVINCE = "province", _("ระดับจังหวัด")


class QualityFlag(models.TextChoices):
    """A target quality flag of a KPI row under review (computed by `dashboards.target_quality`,
    which needs results; named here so a review comment can cite one)."""

    BELOW_LAST_ACTUAL = "below_last_actual", _("ค่าเป้าหมายต่ำกว่าผลปีก่อน")
    BELOW_PLAN = "below_plan", _("ค่าเป้าหมายต่ำกว่าเป้าหมายตามแผน")
    UNIT_DIFFERS = "unit_differs", _("หน่วยนับต่างจาก KPI Basket")
    NEAR_DUPLICATE = "near_duplicate", _("คล้ายตัวชี้วัดอื่นของหน่วยงาน")
