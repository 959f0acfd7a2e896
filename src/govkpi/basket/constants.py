"""Names of the KPI template's fields, in Thai and English, shared by forms, the API and Excel."""

from __future__ import annotations

from typing import Final

#: field → (Thai label, English label); the order is the order of forms and Excel columns.
FIELD_LABELS: Final[dict[str, tuple[str, str]]] = {
    "code": ("รหัส", "Code"),
    "group": ("กลุ่ม", "Group"),
    "name_th": ("ชื่อตัวชี้วัด", "Name (Thai)"),
    "name_en": ("ชื่อภาษาอังกฤษ", "Name (English)"),
    "domain": ("ด้าน", "Domain"),
    "definition_th": ("คำอธิบาย", "Definition"),
    "formula_th": ("สูตรการคำนวณ", "Formula"),
    "unit_th": ("หน่วยวัด", "Unit"),
    "direction": ("ทิศทาง", "Direction"),
    "measure": ("ลักษณะการวัด", "Measure"),
    "baseline": ("ข้อมูลพื้นฐาน", "Baseline"),
    "recommended_targets": ("ค่าเป้าหมายที่แนะนำ", "Recommended targets"),
    "data_source_th": ("แหล่งข้อมูล", "Data source"),
    "evidence_th": ("หลักฐานที่คาดหวัง", "Evidence expected"),
    "plan_links": ("ความเชื่อมโยงกับแผน", "Plan links"),
    "applicable_kinds": ("ประเภทส่วนราชการที่ใช้ได้", "Applicable organisation kinds"),
    "themes": ("ประเด็น", "Themes"),
    "ministry": ("ส่วนราชการเจ้าของตัวชี้วัด", "Owning organisation"),
    "tunable_fields": ("ช่องที่ส่วนราชการปรับได้", "Fields organisations may tune"),
    "is_retired": ("สถานะ", "Status"),
}

#: How many past years of baseline an entry carries.
BASELINE_YEARS: Final = 3
#: A recommended ladder has between these many levels (a framework's ladder has at least two).
MIN_TARGET_LEVELS: Final = 2
MAX_TARGET_LEVELS: Final = 10
#: Headers of the three-level ladder in Basket workbooks exported before ladders of any length;
#: still read as the 3-level recommendation.
LEGACY_TARGET_HEADERS: Final = ("ค่าเป้าหมายขั้นต้น", "ค่าเป้าหมายมาตรฐาน", "ค่าเป้าหมายขั้นสูง")

#: KPI template fields an organisation may be allowed to tune after picking the entry.
TUNABLE: Final[dict[str, str]] = {
    "targets": "ค่าเป้าหมาย",
    "weight": "น้ำหนัก",
    "formula_th": "สูตรการคำนวณ",
    "definition_th": "คำอธิบาย",
    "unit_th": "หน่วยวัด",
    "data_source_th": "แหล่งข้อมูล",
    "responsible_th": "ผู้รับผิดชอบ",
    "evidence_th": "หลักฐาน",
}

STATUS_ACTIVE_TH: Final = "ใช้งาน"
STATUS_RETIRED_TH: Final = "เลิกใช้"


def label_th(field: str) -> str:
    return FIELD_LABELS.get(field, (field, field))[0]


def label_en(field: str) -> str:
    return FIELD_LABELS.get(field, (field, field))[1]
