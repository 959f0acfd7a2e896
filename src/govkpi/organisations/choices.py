"""Kinds of organisation and the roles people hold in them."""

from django.db import models


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", "กระทรวง"
    DEPARTMENT = "department", "กรม"
    PM_AGENCY = "pm_agency", "ส่วนราชการในสังกัดสำนักนายกรัฐมนตรี"
    INDEPENDENT = "independent", "ส่วนราชการไม่สังกัดสำนักนายกรัฐมนตรี กระทรวง หรือทบวง"
    PROVINCE = "province", "จังหวัด"
    PUBLIC_ORG = "public_org", "องค์การมหาชน"
    BANGKOK = "bangkok", "กรุงเทพมหานคร"


KIND_EN = {
    "ministry": "Ministry",
    "department": "Department",
    "pm_agency": "Agency under the Prime Minister's Office",
    "independent": "Independent agency",
    "province": "Province",
    "public_org": "Public organisation",
    "bangkok": "Bangkok Metropolitan Administration",
}


class Role(models.TextChoices):
    OPDC_ADMIN = "opdc_admin", "ผู้ดูแลระบบ สำนักงาน ก.พ.ร."
    OPDC_DESK = "opdc_desk", "เจ้าหน้าที่ สำนักงาน ก.พ.ร."
    COORDINATOR = "coordinator", "ผู้ประสานงานตัวชี้วัด"
    EXECUTIVE = "executive", "ผู้บริหารส่วนราชการ"
    MOI_REVIEWER = "moi_reviewer", "ผู้พิจารณา กระทรวงมหาดไทย"
    COMMITTEE_SECRETARY = "committee_secretary", "ฝ่ายเลขานุการคณะกรรมการ"
    COMMITTEE_MEMBER = "committee_member", "กรรมการ"


ROLE_EN = {
    "opdc_admin": "OPDC administrator",
    "opdc_desk": "OPDC desk officer",
    "coordinator": "Organisation coordinator",
    "executive": "Organisation executive",
    "moi_reviewer": "MOI reviewer",
    "committee_secretary": "Committee secretary",
    "committee_member": "Committee member",
}

REGIONS = {
    "north": ("ภาคเหนือ", "North"),
    "northeast": ("ภาคตะวันออกเฉียงเหนือ", "Northeast"),
    "central": ("ภาคกลาง", "Central"),
    "east": ("ภาคตะวันออก", "East"),
    "west": ("ภาคตะวันตก", "West"),
    "south": ("ภาคใต้", "South"),
}
