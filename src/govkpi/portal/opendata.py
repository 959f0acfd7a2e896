"""Open data files: scores and results of a published framework as CSV (UTF-8 with BOM, so Excel
opens the Thai) and JSON, with a data dictionary describing every column.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from govkpi.core.excel_safety import csv_text
from govkpi.frameworks.models import Framework
from govkpi.portal import kpi_sheet, selectors
from govkpi.portal.kpi_sheet import PublicKpi
from govkpi.publication.models import Publication
from govkpi.publication.selectors import latest

BOM = "\ufeff"


@dataclass(frozen=True)
class ColumnDoc:
    name: str
    type: str
    description_th: str
    description_en: str


DICTIONARY: dict[str, list[ColumnDoc]] = {
    "scores": [
        ColumnDoc("fiscal_year", "integer", "ปีงบประมาณ (พ.ศ.)", "Fiscal year (Buddhist era)"),
        ColumnDoc("group", "text", "กลุ่มการประเมิน: agencies = ส่วนราชการ, provinces = จังหวัด", "Evaluation group"),
        ColumnDoc("organisation_code", "text", "รหัสหน่วยงาน (จังหวัด: P + รหัสจังหวัด)", "Organisation code"),
        ColumnDoc("organisation_name_th", "text", "ชื่อหน่วยงานภาษาไทย", "Organisation name in Thai"),
        ColumnDoc("organisation_name_en", "text", "ชื่อหน่วยงานภาษาอังกฤษ", "Organisation name in English"),
        ColumnDoc("kind", "text", "ประเภทหน่วยงาน (ministry, department, pm_agency, independent, province…)", "Kind"),
        ColumnDoc("round_months", "integer", "รอบการประเมิน (เดือน) ของคะแนนนี้", "Round of this score, in months"),
        ColumnDoc("total", "decimal(2)", "คะแนนรวม 0–100 ทศนิยม 2 ตำแหน่ง", "Total score, 0–100, two decimals"),
        ColumnDoc("band", "text", "ระดับผลการประเมิน (ว่าง = ปีติดตามผลไม่จัดระดับ)", "Band (empty: monitoring-only)"),
        ColumnDoc("is_amended", "boolean", "true = คะแนนแก้ไขหลังเผยแพร่ (เช่น ผลอุทธรณ์)", "Amended after publication"),
        ColumnDoc("amended_on", "date", "วันที่เผยแพร่ฉบับแก้ไข (ว่าง = ไม่เคยแก้ไข)", "Date of the amendment (empty: none)"),
        ColumnDoc("amendment_reason_th", "text", "เหตุผลการแก้ไขหลังเผยแพร่", "Reason for the amendment"),
    ],
    "results": [
        ColumnDoc("fiscal_year", "integer", "ปีงบประมาณ (พ.ศ.)", "Fiscal year (Buddhist era)"),
        ColumnDoc("group", "text", "กลุ่มการประเมิน", "Evaluation group"),
        ColumnDoc("organisation_code", "text", "รหัสหน่วยงาน", "Organisation code"),
        ColumnDoc("organisation_name_th", "text", "ชื่อหน่วยงานภาษาไทย", "Organisation name in Thai"),
        ColumnDoc("kpi_code", "text", "รหัสตัวชี้วัด", "KPI code"),
        ColumnDoc("kpi_name_th", "text", "ชื่อตัวชี้วัด", "KPI name in Thai"),
        ColumnDoc("component", "text", "องค์ประกอบ: performance หรือ potential", "Component"),
        ColumnDoc("unit_th", "text", "หน่วยนับ", "Unit"),
        ColumnDoc("direction", "text", "higher_is_better หรือ lower_is_better", "Direction"),
        ColumnDoc("is_monitor", "boolean", "true = ตัวชี้วัด Monitor ไม่นำมาคิดคะแนน", "Monitor KPI (not scored)"),
        ColumnDoc("weight", "decimal", "น้ำหนัก (ร้อยละของคะแนนรวม)", "Weight, percent of the total"),
        ColumnDoc("targets", "text", "ค่าเป้าหมายขั้นต้น / มาตรฐาน / ขั้นสูง", "Targets, lowest level first"),
        ColumnDoc("round_months", "integer", "รอบการประเมิน (เดือน)", "Round, in months"),
        ColumnDoc("value", "decimal", "ผลการดำเนินงาน (ค่าที่ตรวจสอบแล้ว ถ้ามี)", "Result (verified value if any)"),
        ColumnDoc("points", "decimal", "คะแนนที่ได้ 0–100 ตามขั้นบันไดค่าเป้าหมาย", "Points on the target ladder"),
        ColumnDoc("weighted", "decimal", "คะแนนถ่วงน้ำหนัก = คะแนน × น้ำหนัก / 100", "Weighted score"),
        ColumnDoc("is_amended", "boolean", "true = แก้ไขหลังเผยแพร่", "Amended after publication"),
    ],
    # The e-SAR sheet of every published KPI (the public KPI page, `portal.kpi_sheet`).
    "kpis": [
        ColumnDoc("fiscal_year", "integer", "ปีงบประมาณ (พ.ศ.)", "Fiscal year (Buddhist era)"),
        ColumnDoc("group", "text", "กลุ่มการประเมิน", "Evaluation group"),
        ColumnDoc("organisation_code", "text", "รหัสหน่วยงาน", "Organisation code"),
        ColumnDoc("organisation_name_th", "text", "ชื่อหน่วยงานภาษาไทย", "Organisation name in Thai"),
        ColumnDoc("kpi_code", "text", "รหัสตัวชี้วัด", "KPI code"),
        ColumnDoc("kpi_name_th", "text", "ชื่อตัวชี้วัด", "KPI name in Thai"),
        ColumnDoc("kpi_name_en", "text", "ชื่อตัวชี้วัดภาษาอังกฤษ", "KPI name in English"),
        ColumnDoc("kpi_type", "text", "ประเภท: strategic, joint, function, area, potential", "KPI type"),
        ColumnDoc("component", "text", "องค์ประกอบ", "Component"),
        ColumnDoc("weight", "decimal", "น้ำหนัก (ร้อยละของคะแนนรวม)", "Weight, percent of the total"),
        ColumnDoc("unit_th", "text", "หน่วยนับ", "Unit"),
        ColumnDoc("direction", "text", "higher_is_better หรือ lower_is_better", "Direction"),
        ColumnDoc("measure", "text", "numeric = ค่าตัวเลข, milestone = ระดับความสำเร็จ", "Measure"),
        ColumnDoc("definition_th", "text", "คำอธิบายตัวชี้วัด", "Definition"),
        ColumnDoc("scope_th", "text", "ขอบเขตการประเมิน", "Scope"),
        ColumnDoc("formula_th", "text", "สูตรการคำนวณ", "Formula"),
        ColumnDoc("criteria_th", "text", "ประเด็นการประเมิน / เกณฑ์การให้คะแนน", "Assessment points and criteria"),
        ColumnDoc("collection_th", "text", "วิธีการจัดเก็บข้อมูล", "Data collection method"),
        ColumnDoc("data_source_th", "text", "แหล่งข้อมูล", "Data source"),
        ColumnDoc("targets", "text", "ค่าเป้าหมายแต่ละขั้น จากขั้นต่ำสุด", "Targets, lowest level first"),
        ColumnDoc(
            "ladder", "text", "ขั้นบันได: ชื่อขั้น=ค่าเป้าหมาย:คะแนน คั่นด้วย ;", "Ladder: level=target:points, separated by ;"
        ),
        ColumnDoc("below_lowest_points", "decimal", "คะแนนเมื่อต่ำกว่าค่าเป้าหมายขั้นต่ำสุด", "Points below the lowest target"),
        ColumnDoc("round_months", "integer", "รอบการประเมิน (เดือน)", "Round, in months"),
        ColumnDoc("reported_value", "decimal", "ผลที่หน่วยงานรายงาน", "Value reported by the organisation"),
        ColumnDoc("verified_value", "decimal", "ผลที่ตรวจสอบแล้ว (ว่าง = ไม่ได้ปรับ)", "Verified value (empty: none)"),
        ColumnDoc("value", "decimal", "ผลที่ใช้คิดคะแนน", "Value scored"),
        ColumnDoc("is_monitor", "boolean", "true = ตัวชี้วัด Monitor ไม่นำมาคิดคะแนน", "Monitor KPI (not scored)"),
        ColumnDoc("points", "decimal", "คะแนนที่ได้ 0–100 ตามขั้นบันไดค่าเป้าหมาย", "Points on the target ladder"),
        ColumnDoc("weighted", "decimal", "คะแนนถ่วงน้ำหนัก (ส่วนที่นับในคะแนนรวม)", "Weighted score (contribution)"),
        ColumnDoc("explanation_th", "text", "ที่มาของคะแนน", "How the points were reached, in Thai"),
        ColumnDoc("explanation_en", "text", "ที่มาของคะแนน ภาษาอังกฤษ", "How the points were reached, in English"),
        ColumnDoc("themes", "text", "ประเด็น (รหัส คั่นด้วย ;)", "Themes (codes, separated by ;)"),
        ColumnDoc("plan_links", "text", "รหัสแผนระดับชาติที่เชื่อมโยง คั่นด้วย ;", "Linked national plan codes"),
        ColumnDoc("strategic_code", "text", "รหัส Strategic KPI ที่ถ่ายทอดมา (ถ้ามี)", "Strategic KPI code, if any"),
        ColumnDoc("strategic_relation", "text", "same = ตัวเดียวกัน, proxy = ตัวชี้วัดทดแทน", "same or proxy"),
        ColumnDoc("is_amended", "boolean", "true = แก้ไขหลังเผยแพร่", "Amended after publication"),
        ColumnDoc("url", "text", "ที่อยู่หน้าตัวชี้วัดบนเว็บไซต์เผยแพร่ผล", "Address of the public KPI page"),
    ],
}

DATASETS = tuple(DICTIONARY)


def _kpi_row(kpi: PublicKpi) -> dict[str, Any]:
    """One published KPI as the `kpis` dataset writes it (lists joined, the ladder as text)."""
    return {
        "fiscal_year": kpi.year,
        "group": kpi.group,
        "organisation_code": kpi.organisation.code,
        "organisation_name_th": kpi.organisation.name_th,
        "kpi_code": kpi.code,
        "kpi_name_th": kpi.name_th,
        "kpi_name_en": kpi.name_en,
        "kpi_type": kpi.kpi_type or "",
        "component": kpi.component_th,
        "weight": kpi.weight,
        "unit_th": kpi.unit_th,
        "direction": kpi.direction,
        "measure": kpi.measure or "",
        "definition_th": kpi.definition_th or "",
        "scope_th": kpi.scope_th or "",
        "formula_th": kpi.formula_th or "",
        "criteria_th": kpi.criteria_th or "",
        "collection_th": kpi.collection_th or "",
        "data_source_th": kpi.data_source_th or "",
        "targets": " / ".join(kpi.targets),
        "ladder": "; ".join(
            f"{r.name_th}={r.target or ''}:{r.points if r.points is not None else ''}" for r in kpi.ladder
        ),
        "below_lowest_points": kpi.below_lowest_points,
        "round_months": kpi.round_months,
        "reported_value": kpi.reported_value,
        "verified_value": kpi.verified_value,
        "value": kpi.value,
        "is_monitor": kpi.is_monitor,
        "points": kpi.points,
        "weighted": kpi.weighted,
        "explanation_th": kpi.explanation_th,
        "explanation_en": kpi.explanation_en,
        "themes": ";".join(kpi.themes),
        "plan_links": ";".join(p.code for p in kpi.plan_links),
        "strategic_code": kpi.strategic.code if kpi.strategic else "",
        "strategic_relation": kpi.strategic.relation if kpi.strategic else "",
        "is_amended": kpi.is_amended,
        "url": kpi.path,
    }


def _plain(value: object) -> object:
    """Decimals as text (totals and points with two decimals, as published), the same in CSV and JSON."""
    if isinstance(value, Decimal):
        return str(value)
    return value


def rows_of(dataset: str, framework: Framework, *, publication: Publication | None = None) -> list[dict[str, Any]]:
    """The rows of a dataset, from the framework's latest publication snapshot (or the one given)."""
    if dataset == "scores":
        return [
            {
                "fiscal_year": r.year,
                "group": r.group,
                "organisation_code": r.code,
                "organisation_name_th": r.name_th,
                "organisation_name_en": r.name_en,
                "kind": r.kind,
                "round_months": r.round_months,
                "total": r.total,
                "band": r.band,
                "is_amended": r.is_amended,
                "amended_on": r.amended_on.isoformat() if r.amended_on else "",
                "amendment_reason_th": r.amendment_reason_th,
            }
            for r in selectors.score_rows(framework, publication=publication)
        ]
    if dataset == "kpis":
        return [_kpi_row(k) for k in kpi_sheet.published_kpis(framework, publication=publication)]
    decimals = {c.name for c in DICTIONARY["results"] if c.type == "decimal"}
    return [
        {
            c.name: (Decimal(row[c.name]) if c.name in decimals and row[c.name] is not None else row[c.name])
            for c in DICTIONARY["results"]
        }
        for row in selectors.result_rows(framework, publication=publication)
    ]


def as_csv(dataset: str, framework: Framework) -> bytes:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = [c.name for c in DICTIONARY[dataset]]
    writer.writerow(columns)
    for row in rows_of(dataset, framework):
        writer.writerow(
            [
                ("true" if row[c] else "false")
                if isinstance(row[c], bool)
                else (csv_text(row[c]) if isinstance(row[c], str) else _plain(row[c]))
                for c in columns
            ]
        )
    return buffer.getvalue().encode("utf-8")


def as_json(dataset: str, framework: Framework) -> bytes:
    publication = latest(framework)
    body = {
        "dataset": dataset,
        "fiscal_year": framework.fiscal_year.year,
        "group": framework.group,
        "round_months": publication.round.months if publication else None,
        "version": publication.version if publication else None,
        "published_at": publication.published_at.isoformat() if publication else None,
        "source": "สำนักงาน ก.พ.ร. · govkpi",
        "columns": [asdict(c) for c in DICTIONARY[dataset]],
        "rows": [
            {k: _plain(v) for k, v in row.items()} for row in rows_of(dataset, framework, publication=publication)
        ],
    }
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")


def dictionary_json() -> bytes:
    return json.dumps(
        {name: [asdict(c) for c in columns] for name, columns in DICTIONARY.items()}, ensure_ascii=False, indent=1
    ).encode("utf-8")
