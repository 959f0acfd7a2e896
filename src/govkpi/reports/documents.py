"""The committee summary as files: an .xlsx workbook and a PDF, both from one `CommitteeSummary`."""

from __future__ import annotations

import json
from dataclasses import dataclass

from govkpi.core.choices import thai
from govkpi.core.excel import XLSX_CONTENT_TYPE, Column, Sheet, workbook_xlsx
from govkpi.core.pdf import PDF_CONTENT_TYPE, render_pdf
from govkpi.kpis.choices import ChangeState
from govkpi.reports.summary import CommitteeSummary

FORMATS = ("json", "xlsx", "pdf")


@dataclass(frozen=True)
class Document:
    filename: str
    content_type: str
    content: bytes


def summary_title(s: CommitteeSummary) -> str:
    return f"สรุปตัวชี้วัด{s.group_th} ปีงบประมาณ พ.ศ. {s.year}"


def summary_filename(s: CommitteeSummary, fmt: str) -> str:
    return f"committee-summary-{s.year}-{s.group}.{fmt}"


def summary_xlsx(s: CommitteeSummary) -> bytes:
    title = summary_title(s)
    overview = [
        ("ส่วนราชการ/จังหวัดที่เข้ารับการประเมิน", s.organisations_total, None),
        *[(f"  {share.label_th}", share.count, share.percent) for share in s.organisations_by_kind],
        ("ตัวชี้วัดทั้งหมด", s.kpis_total, None),
        ("  ตัวชี้วัดที่ใช้ในการประเมินผล", s.kpis_scored, None),
        ("  ตัวชี้วัด Monitor", s.kpis_monitor, None),
        ("  คัดเลือกจาก KPI Basket", s.from_basket.count, s.from_basket.percent),
        ("  ส่วนราชการเสนอเพิ่มเติม", s.proposed.count, s.proposed.percent),
        *[(f"  {share.label_th}", share.count, share.percent) for share in s.by_type],
        *[(f"  {share.label_th}", share.count, share.percent) for share in s.by_theme],
        ("สนับสนุนเป้าหมายของประเทศ (โดยตรงและทางอ้อม)", None, s.supporting_percent),
        *[(f"  {share.label_th}", share.count, share.percent) for share in s.support],
    ]
    count_cols = [Column("รายการ", 48), Column("จำนวน", 10, "int"), Column("ร้อยละ", 10, "percent")]
    states = [cs for cs in ChangeState if cs != ChangeState.DRAFT]
    sheets = [
        Sheet("สรุป", count_cols, overview, title=title),
        Sheet(
            "แผนระดับชาติ",
            [Column("แผน", 48), Column("จำนวนตัวชี้วัด", 14, "int"), Column("ร้อยละ", 10, "percent")],
            [(share.label_th, share.count, share.percent) for share in s.by_plan_kind],
            title=f"{title}: ความเชื่อมโยงกับแผนระดับชาติ",
        ),
        Sheet(
            "Joint KPIs",
            [
                Column("ประเด็น", 40, "wrap"),
                Column("รหัส", 12),
                Column("ตัวชี้วัด", 50, "wrap"),
                Column("เจ้าภาพ", 30),
                Column("ส่วนราชการที่ร่วม", 60, "wrap"),
            ],
            [
                (issue.issue_th, entry.code, entry.name_th, entry.host_th, ", ".join(entry.organisations_th))
                for issue in s.joint_issues
                for entry in issue.kpis
            ],
            title=f"{title}: ตัวชี้วัดร่วม (Joint KPIs)",
        ),
        Sheet(
            "เป้าหมายต่ำกว่าแผน",
            [
                Column("ส่วนราชการ", 34),
                Column("รหัส", 14),
                Column("ตัวชี้วัด", 50, "wrap"),
                Column("ค่าเป้าหมายมาตรฐาน", 14, "decimal"),
                Column("เป้าหมายตามแผนฯ", 14, "decimal"),
                Column("เหตุผล", 40, "wrap"),
            ],
            [
                (b.organisation_th, b.code, b.name_th, b.standard_target, b.national_target, b.reason_th)
                for b in s.below_plan
            ],
            title=f"{title}: ตัวชี้วัดที่กำหนดค่าเป้าหมายต่ำกว่าเป้าหมายตามแผนฯ",
        ),
        Sheet(
            "การขอเปลี่ยนแปลง",
            [Column("ระดับ", 20), *[Column(thai(cs.label), 14, "int") for cs in states], Column("รวม", 10, "int")],
            [(row.label_th, *[row.by_state.get(cs.value, 0) for cs in states], row.total) for row in s.change_requests],
            title=f"{title}: การขอเปลี่ยนแปลงรายละเอียดตัวชี้วัด",
        ),
        Sheet(
            "ผลตามระดับ",
            [
                Column("ระดับ", 20),
                Column("จำนวน", 10, "int"),
                Column("ร้อยละ", 10, "percent"),
                Column("ส่วนราชการ/จังหวัด", 80, "wrap"),
            ],
            [(b.name_th, b.count, b.percent, ", ".join(b.organisations_th)) for b in s.bands],
            title=f"{title}: ผลการประเมินจำแนกตามระดับ {s.results_round_th}".strip(),
        ),
    ]
    return workbook_xlsx(sheets, title=title, subject=s.framework_name_th)


def summary_pdf(s: CommitteeSummary) -> bytes:
    return render_pdf(
        "reports/pdf/summary.html",
        {"s": s, "states": [cs for cs in ChangeState if cs != ChangeState.DRAFT]},
        title=summary_title(s),
    )


def summary_document(s: CommitteeSummary, fmt: str) -> Document:
    if fmt == "xlsx":
        return Document(summary_filename(s, fmt), XLSX_CONTENT_TYPE, summary_xlsx(s))
    if fmt == "pdf":
        return Document(summary_filename(s, fmt), PDF_CONTENT_TYPE, summary_pdf(s))
    body = json.dumps(s.as_json(), ensure_ascii=False, indent=2).encode()
    return Document(summary_filename(s, "json"), "application/json; charset=utf-8", body)
