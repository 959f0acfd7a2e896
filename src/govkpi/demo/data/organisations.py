"""Organisations evaluated under the measures (ส่วนราชการและจังหวัด).

Names (Thai, English, Thai abbreviations) are those of the real organisations. The ASCII
``code`` slugs are the project's own. What is illustrative here:

- ``evaluated_2565``: the FY2565 agency evaluation counted "18 กระทรวง" (seed 002). We
  exclude สำนักนายกรัฐมนตรี (its agencies are counted separately as the 13
  ส่วนราชการในสังกัดสำนักนายกรัฐมนตรี) and กระทรวงกลาโหม. Which ministry besides the
  Prime Minister's Office was left out is our choice, not taken from a source.
- ``PUBLIC_ORGANISATIONS`` is a small sample of four real องค์การมหาชน.

Provinces come from ``geothai`` (DOPA province codes, e.g. "24" ฉะเชิงเทรา); the region
of each province follows the 6-region system of the National Geographical Committee.

``TILE_MAP`` is a tile-grid layout of the 76 evaluated provinces drawn by hand for this
project: it is original work of the govkpi project, released under CC0 1.0 (public domain
dedication). Coordinates are ``(col, row)`` with ``(0, 0)`` at the top left: north at the
top, the north-east bulging right, the southern peninsula trailing down on the left. The
grid is ``TILE_COLS`` × ``TILE_ROWS``. Bangkok, not evaluated, has its own empty tile
``BANGKOK_TILE`` inside the grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Final, Literal

import geothai

Region = Literal["north", "northeast", "central", "east", "west", "south"]


@dataclass(frozen=True, slots=True)
class Ministry:
    """A ministry-level body: สำนักนายกรัฐมนตรี or one of the 19 กระทรวง."""

    code: str
    name_th: str
    name_en: str
    abbr_th: str
    evaluated_2565: bool


@dataclass(frozen=True, slots=True)
class Agency:
    """A department-level agency outside the ministries' departments list.

    Used for ส่วนราชการในสังกัดสำนักนายกรัฐมนตรี (parent "OPM") and for
    ส่วนราชการไม่สังกัดสำนักนายกรัฐมนตรี กระทรวง หรือทบวง (no parent).
    """

    code: str
    name_th: str
    name_en: str
    abbr_th: str


@dataclass(frozen=True, slots=True)
class Department:
    """A department (กรม or equivalent) under a ministry; ``ministry`` is a ``Ministry.code``."""

    code: str
    name_th: str
    name_en: str
    abbr_th: str
    ministry: str


@dataclass(frozen=True, slots=True)
class PublicOrganisation:
    """An องค์การมหาชน; ``supervisor`` is the code of the ministry or agency overseeing it."""

    code: str
    name_th: str
    name_en: str
    abbr_th: str
    supervisor: str


@dataclass(frozen=True, slots=True)
class Province:
    """A province; ``code`` is the geothai (DOPA) two-digit code."""

    code: str
    name_th: str
    name_en: str
    region: Region


MINISTRIES: Final[tuple[Ministry, ...]] = (
    Ministry("OPM", "สำนักนายกรัฐมนตรี", "Office of the Prime Minister", "นร.", False),
    Ministry("MOD", "กระทรวงกลาโหม", "Ministry of Defence", "กห.", False),
    Ministry("MOF", "กระทรวงการคลัง", "Ministry of Finance", "กค.", True),
    Ministry("MFA", "กระทรวงการต่างประเทศ", "Ministry of Foreign Affairs", "กต.", True),
    Ministry("MOTS", "กระทรวงการท่องเที่ยวและกีฬา", "Ministry of Tourism and Sports", "กก.", True),
    Ministry(
        "MSDHS",
        "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์",
        "Ministry of Social Development and Human Security",
        "พม.",
        True,
    ),
    Ministry(
        "MHESI",
        "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม",
        "Ministry of Higher Education, Science, Research and Innovation",
        "อว.",
        True,
    ),
    Ministry("MOAC", "กระทรวงเกษตรและสหกรณ์", "Ministry of Agriculture and Cooperatives", "กษ.", True),
    Ministry("MOT", "กระทรวงคมนาคม", "Ministry of Transport", "คค.", True),
    Ministry("MDES", "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", "Ministry of Digital Economy and Society", "ดศ.", True),
    Ministry("MNRE", "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม", "Ministry of Natural Resources and Environment", "ทส.", True),
    Ministry("MOEN", "กระทรวงพลังงาน", "Ministry of Energy", "พน.", True),
    Ministry("MOC", "กระทรวงพาณิชย์", "Ministry of Commerce", "พณ.", True),
    Ministry("MOI", "กระทรวงมหาดไทย", "Ministry of Interior", "มท.", True),
    Ministry("MOJ", "กระทรวงยุติธรรม", "Ministry of Justice", "ยธ.", True),
    Ministry("MOL", "กระทรวงแรงงาน", "Ministry of Labour", "รง.", True),
    Ministry("MOCU", "กระทรวงวัฒนธรรม", "Ministry of Culture", "วธ.", True),
    Ministry("MOE", "กระทรวงศึกษาธิการ", "Ministry of Education", "ศธ.", True),
    Ministry("MOPH", "กระทรวงสาธารณสุข", "Ministry of Public Health", "สธ.", True),
    Ministry("MOIND", "กระทรวงอุตสาหกรรม", "Ministry of Industry", "อก.", True),
)

PM_OFFICE_AGENCIES: Final[tuple[Agency, ...]] = (
    Agency(
        "OPSPM", "สำนักงานปลัดสำนักนายกรัฐมนตรี", "Office of the Permanent Secretary, Office of the Prime Minister", "สป.นร."
    ),
    Agency("PRD", "กรมประชาสัมพันธ์", "Government Public Relations Department", "กปส."),
    Agency("OCPB", "สำนักงานคณะกรรมการคุ้มครองผู้บริโภค", "Office of the Consumer Protection Board", "สคบ."),
    Agency("SOPM", "สำนักเลขาธิการนายกรัฐมนตรี", "Secretariat of the Prime Minister", "สลน."),
    Agency("SOC", "สำนักเลขาธิการคณะรัฐมนตรี", "Secretariat of the Cabinet", "สลค."),
    Agency("NIA", "สำนักข่าวกรองแห่งชาติ", "National Intelligence Agency", "สขช."),
    Agency("BB", "สำนักงบประมาณ", "Bureau of the Budget", "สงป."),
    Agency("NSC", "สำนักงานสภาความมั่นคงแห่งชาติ", "Office of the National Security Council", "สมช."),
    Agency("OCS", "สำนักงานคณะกรรมการกฤษฎีกา", "Office of the Council of State", "สคก."),
    Agency("OCSC", "สำนักงานคณะกรรมการข้าราชการพลเรือน", "Office of the Civil Service Commission", "สำนักงาน ก.พ."),
    Agency(
        "NESDC",
        "สำนักงานสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ",
        "Office of the National Economic and Social Development Council",
        "สศช.",
    ),
    Agency(
        "OPDC",
        "สำนักงานคณะกรรมการพัฒนาระบบราชการ",
        "Office of the Public Sector Development Commission",
        "สำนักงาน ก.พ.ร.",
    ),
    Agency("BOI", "สำนักงานคณะกรรมการส่งเสริมการลงทุน", "Office of the Board of Investment", "สกท."),
)
"""The 13 ส่วนราชการในสังกัดสำนักนายกรัฐมนตรี counted in the FY2565 evaluation (seed 002)."""

PM_OFFICE_PARENT: Final = "OPM"

INDEPENDENT_AGENCIES: Final[tuple[Agency, ...]] = (
    Agency(
        "ORDPB",
        "สำนักงานคณะกรรมการพิเศษเพื่อประสานงานโครงการอันเนื่องมาจากพระราชดำริ",
        "Office of the Royal Development Projects Board",
        "สำนักงาน กปร.",
    ),
    Agency("NOB", "สำนักงานพระพุทธศาสนาแห่งชาติ", "National Office of Buddhism", "พศ."),
    Agency("ORST", "สำนักงานราชบัณฑิตยสภา", "Office of the Royal Society", "สร."),
    Agency("RTP", "สำนักงานตำรวจแห่งชาติ", "Royal Thai Police", "ตร."),
    Agency("AMLO", "สำนักงานป้องกันและปราบปรามการฟอกเงิน", "Anti-Money Laundering Office", "ปปง."),
    Agency(
        "PACC",
        "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ",
        "Office of the Public Sector Anti-Corruption Commission",
        "สำนักงาน ป.ป.ท.",
    ),
)
"""The 6 ส่วนราชการไม่สังกัดสำนักนายกรัฐมนตรี กระทรวง หรือทบวง (seed 002 counts six).

สำนักงานการวิจัยแห่งชาติ (วช.) is not here: since 2562 it is a department of กระทรวง
การอุดมศึกษาฯ. สำนักงาน กปร. is the sixth independent department-level office.
"""

DEPARTMENTS: Final[tuple[Department, ...]] = (
    # กระทรวงมหาดไทย
    Department("OPSMOI", "สำนักงานปลัดกระทรวงมหาดไทย", "Office of the Permanent Secretary for Interior", "สป.มท.", "MOI"),
    Department("CDD", "กรมการพัฒนาชุมชน", "Community Development Department", "พช.", "MOI"),
    Department("DOPA", "กรมการปกครอง", "Department of Provincial Administration", "ปค.", "MOI"),
    Department("DLA", "กรมส่งเสริมการปกครองท้องถิ่น", "Department of Local Administration", "สถ.", "MOI"),
    Department("DPT", "กรมโยธาธิการและผังเมือง", "Department of Public Works and Town & Country Planning", "ยผ.", "MOI"),
    Department("DDPM", "กรมป้องกันและบรรเทาสาธารณภัย", "Department of Disaster Prevention and Mitigation", "ปภ.", "MOI"),
    Department("DOL", "กรมที่ดิน", "Department of Lands", "ทด.", "MOI"),
    # กระทรวงการคลัง
    Department("CGD", "กรมบัญชีกลาง", "The Comptroller General's Department", "บก.", "MOF"),
    Department("RD", "กรมสรรพากร", "The Revenue Department", "สพ.", "MOF"),
    Department("CUSTOMS", "กรมศุลกากร", "The Customs Department", "ศก.", "MOF"),
    # กระทรวงการต่างประเทศ
    Department("DCA", "กรมการกงสุล", "Department of Consular Affairs", "กส.", "MFA"),
    # กระทรวงการท่องเที่ยวและกีฬา
    Department("DOT", "กรมการท่องเที่ยว", "Department of Tourism", "ทท.", "MOTS"),
    # กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์
    Department("DSDW", "กรมพัฒนาสังคมและสวัสดิการ", "Department of Social Development and Welfare", "พส.", "MSDHS"),
    # กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม
    Department("PCD", "กรมควบคุมมลพิษ", "Pollution Control Department", "คพ.", "MNRE"),
    Department("DWR", "กรมทรัพยากรน้ำ", "Department of Water Resources", "ทน.", "MNRE"),
    Department(
        "DCCE", "กรมการเปลี่ยนแปลงสภาพภูมิอากาศและสิ่งแวดล้อม", "Department of Climate Change and Environment", "สส.", "MNRE"
    ),
    # กระทรวงเกษตรและสหกรณ์
    Department("RID", "กรมชลประทาน", "Royal Irrigation Department", "ชป.", "MOAC"),
    Department("DOAE", "กรมส่งเสริมการเกษตร", "Department of Agricultural Extension", "กสก.", "MOAC"),
    # กระทรวงพาณิชย์
    Department("DIT", "กรมการค้าภายใน", "Department of Internal Trade", "คน.", "MOC"),
    Department("DBD", "กรมพัฒนาธุรกิจการค้า", "Department of Business Development", "พค.", "MOC"),
    # กระทรวงแรงงาน
    Department("DOE", "กรมการจัดหางาน", "Department of Employment", "กกจ.", "MOL"),
    Department("DLPW", "กรมสวัสดิการและคุ้มครองแรงงาน", "Department of Labour Protection and Welfare", "กสร.", "MOL"),
    Department("DSD", "กรมพัฒนาฝีมือแรงงาน", "Department of Skill Development", "กพร.", "MOL"),
    # กระทรวงสาธารณสุข
    Department("DDC", "กรมควบคุมโรค", "Department of Disease Control", "คร.", "MOPH"),
    # กระทรวงอุตสาหกรรม
    Department("DIW", "กรมโรงงานอุตสาหกรรม", "Department of Industrial Works", "กรอ.", "MOIND"),
    # กระทรวงศึกษาธิการ
    Department("OBEC", "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", "Office of the Basic Education Commission", "สพฐ.", "MOE"),
    # กระทรวงพลังงาน
    Department(
        "DEDE",
        "กรมพัฒนาพลังงานทดแทนและอนุรักษ์พลังงาน",
        "Department of Alternative Energy Development and Efficiency",
        "พพ.",
        "MOEN",
    ),
    # กระทรวงคมนาคม
    Department("DLT", "กรมการขนส่งทางบก", "Department of Land Transport", "ขบ.", "MOT"),
    # กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม
    Department(
        "OPSDES",
        "สำนักงานปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
        "Office of the Permanent Secretary, Ministry of Digital Economy and Society",
        "สป.ดศ.",
        "MDES",
    ),
)

PUBLIC_ORGANISATIONS: Final[tuple[PublicOrganisation, ...]] = (
    PublicOrganisation(
        "DGA",
        "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)",
        "Digital Government Development Agency (Public Organization)",
        "สพร.",
        "OPM",
    ),
    PublicOrganisation(
        "TGO",
        "องค์การบริหารจัดการก๊าซเรือนกระจก (องค์การมหาชน)",
        "Thailand Greenhouse Gas Management Organization (Public Organization)",
        "อบก.",
        "MNRE",
    ),
    PublicOrganisation(
        "DASTA",
        "องค์การบริหารการพัฒนาพื้นที่พิเศษเพื่อการท่องเที่ยวอย่างยั่งยืน (องค์การมหาชน)",
        "Designated Areas for Sustainable Tourism Administration (Public Organization)",
        "อพท.",
        "MOTS",
    ),
    PublicOrganisation(
        "CODI",
        "สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)",
        "Community Organizations Development Institute (Public Organization)",
        "พอช.",
        "MSDHS",
    ),
)

BANGKOK_CODE: Final = "10"

# The 6-region system (ภาค 6 ภาค of the National Geographical Committee), by geothai code.
PROVINCE_REGIONS: Final[dict[str, Region]] = {
    # north (9)
    "50": "north",
    "51": "north",
    "52": "north",
    "53": "north",
    "54": "north",
    "55": "north",
    "56": "north",
    "57": "north",
    "58": "north",
    # northeast (20)
    "30": "northeast",
    "31": "northeast",
    "32": "northeast",
    "33": "northeast",
    "34": "northeast",
    "35": "northeast",
    "36": "northeast",
    "37": "northeast",
    "38": "northeast",
    "39": "northeast",
    "40": "northeast",
    "41": "northeast",
    "42": "northeast",
    "43": "northeast",
    "44": "northeast",
    "45": "northeast",
    "46": "northeast",
    "47": "northeast",
    "48": "northeast",
    "49": "northeast",
    # central (21 + Bangkok)
    "10": "central",
    "11": "central",
    "12": "central",
    "13": "central",
    "14": "central",
    "15": "central",
    "16": "central",
    "17": "central",
    "18": "central",
    "19": "central",
    "26": "central",
    "60": "central",
    "61": "central",
    "62": "central",
    "64": "central",
    "65": "central",
    "66": "central",
    "67": "central",
    "72": "central",
    "73": "central",
    "74": "central",
    "75": "central",
    # east (7)
    "20": "east",
    "21": "east",
    "22": "east",
    "23": "east",
    "24": "east",
    "25": "east",
    "27": "east",
    # west (5)
    "63": "west",
    "70": "west",
    "71": "west",
    "76": "west",
    "77": "west",
    # south (14)
    "80": "south",
    "81": "south",
    "82": "south",
    "83": "south",
    "84": "south",
    "85": "south",
    "86": "south",
    "90": "south",
    "91": "south",
    "92": "south",
    "93": "south",
    "94": "south",
    "95": "south",
    "96": "south",
}

REGION_NAMES_TH: Final[dict[Region, str]] = {
    "north": "ภาคเหนือ",
    "northeast": "ภาคตะวันออกเฉียงเหนือ",
    "central": "ภาคกลาง",
    "east": "ภาคตะวันออก",
    "west": "ภาคตะวันตก",
    "south": "ภาคใต้",
}


@cache
def _all_provinces() -> tuple[Province, ...]:
    return tuple(Province(p.code, p.name_th, p.name_en, PROVINCE_REGIONS[p.code]) for p in geothai.provinces())


def provinces() -> tuple[Province, ...]:
    """The 76 evaluated provinces (every province but Bangkok), sorted by geothai code."""
    return tuple(p for p in _all_provinces() if p.code != BANGKOK_CODE)


def _bangkok() -> Province:
    return next(p for p in _all_provinces() if p.code == BANGKOK_CODE)


BANGKOK: Final[Province] = _bangkok()
"""กรุงเทพมหานคร: a special local administration, not in the provinces' evaluation."""

TILE_COLS: Final = 10
TILE_ROWS: Final = 17
BANGKOK_TILE: Final[tuple[int, int]] = (2, 8)

# Rows top to bottom; each row lists (col, province code). See the module docstring.
_TILE_ROWS: Final[tuple[tuple[tuple[int, str], ...], ...]] = (
    ((3, "57"),),  # เชียงราย
    ((2, "50"), (3, "56"), (4, "55")),  # เชียงใหม่ พะเยา น่าน
    ((1, "58"), (2, "51"), (3, "52"), (4, "54")),  # แม่ฮ่องสอน ลำพูน ลำปาง แพร่
    # ตาก สุโขทัย อุตรดิตถ์ พิษณุโลก เลย หนองคาย บึงกาฬ
    ((1, "63"), (2, "64"), (3, "53"), (4, "65"), (5, "42"), (6, "43"), (7, "38")),
    # กำแพงเพชร นครสวรรค์ พิจิตร เพชรบูรณ์ หนองบัวลำภู อุดรธานี สกลนคร นครพนม
    ((1, "62"), (2, "60"), (3, "66"), (4, "67"), (5, "39"), (6, "41"), (7, "47"), (8, "48")),
    # อุทัยธานี ชัยนาท สิงห์บุรี ลพบุรี ชัยภูมิ ขอนแก่น กาฬสินธุ์ มุกดาหาร
    ((1, "61"), (2, "18"), (3, "17"), (4, "16"), (5, "36"), (6, "40"), (7, "46"), (8, "49")),
    # กาญจนบุรี สุพรรณบุรี อ่างทอง อยุธยา สระบุรี นครราชสีมา มหาสารคาม ร้อยเอ็ด ยโสธร อำนาจเจริญ
    ((0, "71"), (1, "72"), (2, "15"), (3, "14"), (4, "19"), (5, "30"), (6, "44"), (7, "45"), (8, "35"), (9, "37")),
    # ราชบุรี นครปฐม นนทบุรี ปทุมธานี นครนายก ปราจีนบุรี บุรีรัมย์ สุรินทร์ ศรีสะเกษ อุบลราชธานี
    ((0, "70"), (1, "73"), (2, "12"), (3, "13"), (4, "26"), (5, "25"), (6, "31"), (7, "32"), (8, "33"), (9, "34")),
    # สมุทรสงคราม สมุทรสาคร [กรุงเทพฯ] สมุทรปราการ ฉะเชิงเทรา สระแก้ว
    ((0, "75"), (1, "74"), (3, "11"), (4, "24"), (5, "27")),
    ((0, "76"), (4, "20"), (5, "22")),  # เพชรบุรี ชลบุรี จันทบุรี
    ((0, "77"), (4, "21"), (6, "23")),  # ประจวบคีรีขันธ์ ระยอง ตราด
    ((0, "85"), (1, "86")),  # ระนอง ชุมพร
    ((0, "82"), (1, "84")),  # พังงา สุราษฎร์ธานี
    ((0, "83"), (1, "81"), (2, "80")),  # ภูเก็ต กระบี่ นครศรีธรรมราช
    ((1, "92"), (2, "93")),  # ตรัง พัทลุง
    ((1, "91"), (2, "90"), (3, "94")),  # สตูล สงขลา ปัตตานี
    ((3, "95"), (4, "96")),  # ยะลา นราธิวาส
)

TILE_MAP: Final[dict[str, tuple[int, int]]] = {
    code: (col, row) for row, cells in enumerate(_TILE_ROWS) for col, code in cells
}
"""Province code → (col, row). Original work of the govkpi project, licence CC0 1.0."""


def organisation_codes() -> frozenset[str]:
    """Every non-province organisation code (ministries, agencies, departments, public orgs)."""
    return frozenset(
        o.code
        for group in (
            MINISTRIES,
            PM_OFFICE_AGENCIES,
            INDEPENDENT_AGENCIES,
            DEPARTMENTS,
            PUBLIC_ORGANISATIONS,
        )
        for o in group
    )


def province_codes() -> frozenset[str]:
    """The geothai codes of the 76 evaluated provinces."""
    return frozenset(p.code for p in provinces())
