"""Demo users and their roles.

Illustrative: every name here is invented and belongs to no real official. Organisation
codes are those of ``organisations`` (provinces by geothai code: "24" ฉะเชิงเทรา, "40"
ขอนแก่น). E-mail addresses use the reserved ``example.go.th`` form. The loader sets
passwords; none are stored here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Role = Literal[
    "opdc_admin",
    "opdc_desk",
    "coordinator",
    "executive",
    "org_admin",
    "moi_reviewer",
    "committee_secretary",
    "committee_member",
]

ROLE_NAMES_TH: Final[dict[Role, str]] = {
    "opdc_admin": "ผู้ดูแลระบบ สำนักงาน ก.พ.ร.",
    "opdc_desk": "เจ้าหน้าที่ผู้รับผิดชอบ สำนักงาน ก.พ.ร.",
    "coordinator": "ผู้ประสานงานตัวชี้วัดของส่วนราชการ/จังหวัด",
    "executive": "ผู้บริหารส่วนราชการ/จังหวัด",
    "org_admin": "ผู้ดูแลผู้ใช้งานของหน่วยงาน",
    "moi_reviewer": "ผู้พิจารณาของกระทรวงมหาดไทย",
    "committee_secretary": "ฝ่ายเลขานุการคณะกรรมการ",
    "committee_member": "กรรมการ",
}


@dataclass(frozen=True, slots=True)
class DemoUser:
    """A demo account. ``assigned_organisations`` lists what an OPDC desk officer reviews."""

    username: str
    full_name_th: str
    full_name_en: str
    position_th: str
    role: Role
    organisation: str
    email: str
    assigned_organisations: tuple[str, ...] = ()


DEMO_USERS: Final[tuple[DemoUser, ...]] = (
    DemoUser(
        "opdc.admin",
        "นางสาวพิมพ์ชนก ศรีวัฒนา",
        "Pimchanok Sriwattana",
        "นักพัฒนาระบบราชการชำนาญการพิเศษ",
        "opdc_admin",
        "OPDC",
        "opdc.admin@example.go.th",
    ),
    DemoUser(
        "opdc.desk1",
        "นายธนกร วงศ์ประเสริฐ",
        "Thanakorn Wongprasert",
        "นักพัฒนาระบบราชการชำนาญการ",
        "opdc_desk",
        "OPDC",
        "opdc.desk1@example.go.th",
        assigned_organisations=("MOI", "CDD", "MOF", "MOC", "MOL", "MOE", "24", "40"),
    ),
    DemoUser(
        "opdc.desk2",
        "นางสาวกมลวรรณ แก้วมณี",
        "Kamonwan Kaewmanee",
        "นักพัฒนาระบบราชการปฏิบัติการ",
        "opdc_desk",
        "OPDC",
        "opdc.desk2@example.go.th",
        assigned_organisations=("MOPH", "MNRE", "MOTS", "MDES", "DGA", "20", "21", "50", "83"),
    ),
    DemoUser(
        "cdd.coord",
        "นางสุภาวดี ทองดี",
        "Supawadee Thongdee",
        "นักวิเคราะห์นโยบายและแผนชำนาญการ",
        "coordinator",
        "CDD",
        "cdd.coord@example.go.th",
    ),
    DemoUser(
        "cdd.exec",
        "นายประเสริฐ ชัยมงคล",
        "Prasert Chaimongkol",
        "รองอธิบดีกรมการพัฒนาชุมชน",
        "executive",
        "CDD",
        "cdd.exec@example.go.th",
    ),
    DemoUser(
        "cdd.admin",
        "นางสาวจันทร์จิรา มีสุข",
        "Janjira Meesuk",
        "นักทรัพยากรบุคคลชำนาญการ กรมการพัฒนาชุมชน",
        "org_admin",
        "CDD",
        "cdd.admin@example.go.th",
    ),
    DemoUser(
        "mof.coord",
        "นายวีรยุทธ มั่นคง",
        "Weerayut Mankong",
        "นักวิเคราะห์นโยบายและแผนชำนาญการพิเศษ",
        "coordinator",
        "MOF",
        "mof.coord@example.go.th",
    ),
    DemoUser(
        "mof.exec",
        "นางรัชนี อุดมทรัพย์",
        "Ratchanee Udomsap",
        "รองปลัดกระทรวงการคลัง",
        "executive",
        "MOF",
        "mof.exec@example.go.th",
    ),
    DemoUser(
        "ccs.coord",
        "นางสาวอรุณี เพชรรัตน์",
        "Arunee Phetcharat",
        "นักวิเคราะห์นโยบายและแผนชำนาญการ สำนักงานจังหวัดฉะเชิงเทรา",
        "coordinator",
        "24",
        "ccs.coord@example.go.th",
    ),
    DemoUser(
        "ccs.exec",
        "นายสมศักดิ์ รุ่งเรืองชัย",
        "Somsak Rungruangchai",
        "รองผู้ว่าราชการจังหวัดฉะเชิงเทรา",
        "executive",
        "24",
        "ccs.exec@example.go.th",
    ),
    DemoUser(
        "kkn.coord",
        "นายณัฐพล บุญมา",
        "Nattaphon Boonma",
        "นักวิเคราะห์นโยบายและแผนชำนาญการ สำนักงานจังหวัดขอนแก่น",
        "coordinator",
        "40",
        "kkn.coord@example.go.th",
    ),
    DemoUser(
        "kkn.exec",
        "นางวิไลวรรณ ศรีสุข",
        "Wilaiwan Srisuk",
        "รองผู้ว่าราชการจังหวัดขอนแก่น",
        "executive",
        "40",
        "kkn.exec@example.go.th",
    ),
    DemoUser(
        "moi.reviewer",
        "นายกิตติศักดิ์ พรหมวงศ์",
        "Kittisak Phromwong",
        "ผู้อำนวยการกองยุทธศาสตร์และแผนงาน สำนักงานปลัดกระทรวงมหาดไทย",
        "moi_reviewer",
        "MOI",
        "moi.reviewer@example.go.th",
    ),
    DemoUser(
        "committee.secretary",
        "นางสาวปวีณา จันทร์เพ็ญ",
        "Paweena Chanpen",
        "ผู้อำนวยการกองพัฒนาระบบราชการ สำนักงาน ก.พ.ร.",
        "committee_secretary",
        "OPDC",
        "committee.secretary@example.go.th",
    ),
    DemoUser(
        "committee.member",
        "ศาสตราจารย์วิชัย ธรรมวงศ์",
        "Professor Wichai Thammawong",
        "อนุกรรมการผู้ทรงคุณวุฒิ อ.ก.พ.ร.",
        "committee_member",
        "OPDC",
        "committee.member@example.go.th",
    ),
)
