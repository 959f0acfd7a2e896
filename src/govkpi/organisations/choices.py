"""Kinds of organisation and the roles people hold in them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("กระทรวง")
    DEPARTMENT = "department", _("กรม")
    PM_AGENCY = "pm_agency", _("ส่วนราชการในสังกัดสำนักนายกรัฐมนตรี")
    INDEPENDENT = "independent", _("ส่วนราชการไม่สังกัดสำนักนายกรัฐมนตรี กระทรวง หรือทบวง")
    PROVINCE = "province", _("จังหวัด")
    PUBLIC_ORG = "public_org", _("องค์การมหาชน")
    BANGKOK = "bangkok", _("กรุงเทพมหานคร")


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
    OPDC_ADMIN = "opdc_admin", _("ผู้ดูแลระบบ สำนักงาน ก.พ.ร.")
    OPDC_DESK = "opdc_desk", _("เจ้าหน้าที่ สำนักงาน ก.พ.ร.")
    COORDINATOR = "coordinator", _("ผู้ประสานงานตัวชี้วัด")
    EXECUTIVE = "executive", _("ผู้บริหารส่วนราชการ")
    ORG_ADMIN = "org_admin", _("ผู้ดูแลผู้ใช้งานของหน่วยงาน")
    MOI_REVIEWER = "moi_reviewer", _("ผู้พิจารณา กระทรวงมหาดไทย")
    COMMITTEE_SECRETARY = "committee_secretary", _("ฝ่ายเลขานุการคณะกรรมการ")
    COMMITTEE_MEMBER = "committee_member", _("กรรมการ")


ROLE_EN = {
    "opdc_admin": "OPDC administrator",
    "opdc_desk": "OPDC desk officer",
    "coordinator": "Organisation coordinator",
    "executive": "Organisation executive",
    "org_admin": "Organisation's user administrator",
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
