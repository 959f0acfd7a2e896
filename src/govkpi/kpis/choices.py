"""States and kinds of KPI assignments, proposals and change requests."""

from django.db import models


class KpiType(models.TextChoices):
    STRATEGIC = "strategic", "Strategic KPI"
    JOINT = "joint", "Joint KPI"
    FUNCTION = "function", "Function KPI"
    AREA = "area", "Area KPI"
    POTENTIAL = "potential", "Potential KPI"


class Origin(models.TextChoices):
    BASKET = "basket", "เลือกจาก KPI Basket"
    PROPOSED = "proposed", "ส่วนราชการเสนอเพิ่มเติม"


class Support(models.TextChoices):
    DIRECT = "direct", "สนับสนุนเป้าหมายโดยตรง"
    INDIRECT = "indirect", "สนับสนุนเป้าหมายทางอ้อม"
    NONE = "none", "ไม่ระบุ"


class ProposalState(models.TextChoices):
    DRAFT = "draft", "ร่าง"
    SUBMITTED = "submitted", "ส่งแล้ว รอผู้บริหารรับรอง"
    MOI_REVIEW = "moi_review", "กระทรวงมหาดไทยพิจารณา"
    OPDC_REVIEW = "opdc_review", "สำนักงาน ก.พ.ร. พิจารณา"
    WORKING_GROUP = "working_group", "คณะทำงานพิจารณา"
    SUBCOMMITTEE = "subcommittee", "อ.ก.พ.ร. พิจารณา"
    MINISTER = "minister", "รัฐมนตรีพิจารณา"
    APPROVED = "approved", "อนุมัติแล้ว"
    RETURNED = "returned", "ส่งกลับแก้ไข"


class ChangeKind(models.TextChoices):
    TARGET = "target", "เปลี่ยนค่าเป้าหมาย"
    FORMULA = "formula", "เปลี่ยนสูตรการคำนวณ"
    WEIGHT = "weight", "เปลี่ยนน้ำหนัก"
    REMOVAL = "removal", "ยกเลิกตัวชี้วัด"
    ADDITION = "addition", "เพิ่มตัวชี้วัด"


class ChangeState(models.TextChoices):
    DRAFT = "draft", "ร่าง"
    SUBMITTED = "submitted", "รอคณะกรรมการพิจารณา"
    APPROVED = "approved", "อนุมัติ"
    REJECTED = "rejected", "ไม่อนุมัติ"
    ACKNOWLEDGED = "acknowledged", "รับทราบ"


class ChangeLevel(models.TextChoices):
    MINISTRY = "ministry", "ระดับกระทรวง"
    DEPARTMENT = "department", "ระดับกรม"
    PROVINCE = "province", "ระดับจังหวัด"
