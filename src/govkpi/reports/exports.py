"""Excel exports of the tables users see, scoped by the same selectors as the pages."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count

from govkpi.basket import selectors as basket_selectors
from govkpi.core.excel import Column, table_xlsx
from govkpi.frameworks.selectors import frameworks_visible, ladder_of
from govkpi.kpis import selectors as kpi_selectors
from govkpi.organisations import selectors as organisation_selectors
from govkpi.organisations.access import Viewer


def kpi_columns(target_headers: list[str]) -> list[Column]:
    """The KPI list's columns, with one target column per ladder level."""
    return [
        Column("ปีงบประมาณ", 11),
        Column("กลุ่ม", 12),
        Column("รหัสหน่วยงาน", 12),
        Column("ส่วนราชการ/จังหวัด", 36),
        Column("รหัสตัวชี้วัด", 14),
        Column("ชื่อตัวชี้วัด", 60, "wrap"),
        Column("ประเภท", 14),
        Column("ที่มา", 22),
        Column("องค์ประกอบ", 14),
        Column("น้ำหนัก (ร้อยละ)", 12, "decimal"),
        *[Column(header, 14, "decimal") for header in target_headers],
        Column("หน่วยนับ", 14),
        Column("ตัวชี้วัด Monitor", 12, "bool"),
        Column("Joint KPI", 10, "bool"),
        Column("สถานะ", 24),
        Column("วันที่อนุมัติ", 14, "date"),
    ]


#: The columns of a year with the usual three-level ladder.
KPI_COLUMNS = kpi_columns(["ค่าเป้าหมายขั้นต้น", "ค่าเป้าหมายมาตรฐาน", "ค่าเป้าหมายขั้นสูง"])


def target_headers(ladders: list[tuple[str, ...]]) -> list[str]:
    """Headed by the level names when every row's framework has the same ladder ("ค่าเป้าหมายมาตรฐาน"),
    else by position ("ค่าเป้าหมายขั้นที่ 4") as long as the longest ladder."""
    distinct = set(ladders)
    if len(distinct) == 1:
        return [f"ค่าเป้าหมาย{name}" for name in next(iter(distinct))]
    longest = max((len(names) for names in distinct), default=3)
    return [f"ค่าเป้าหมายขั้นที่ {i}" for i in range(1, longest + 1)]


def kpi_list_xlsx(*, viewer: Viewer, filters: kpi_selectors.KpiFilters) -> bytes:
    kpis = list(kpi_selectors.kpi_list(viewer=viewer, filters=filters))
    ladders: dict[int, tuple[str, ...]] = {}
    for k in kpis:
        if k.framework_id not in ladders:
            ladders[k.framework_id] = tuple(level.name_th for level in ladder_of(k.framework))
    headers = target_headers([ladders[k.framework_id] for k in kpis])
    rows = []
    for k in kpis:
        targets: list[Decimal | None] = list(k.target_values())
        targets += [None] * (len(headers) - len(targets))
        rows.append(
            (
                k.framework.fiscal_year.year,
                k.framework.get_group_display(),
                k.organisation.code,
                k.organisation.name_th,
                k.code,
                k.name_th,
                k.get_kpi_type_display(),
                k.get_origin_display(),
                "Performance Base" if k.component.code == "performance" else "Potential Base",
                k.weight,
                *targets[: len(headers)],
                k.unit_th,
                k.is_monitor,
                k.joint_id is not None,
                k.proposal.get_state_display(),
                k.proposal.approved_at,
            )
        )
    title = "ตัวชี้วัด" + (f" ปีงบประมาณ พ.ศ. {filters.year}" if filters.year else "")
    return table_xlsx(columns=kpi_columns(headers), rows=rows, sheet_name="ตัวชี้วัด", title=title)


ORGANISATION_COLUMNS = [
    Column("รหัส", 12),
    Column("ชื่อ", 48),
    Column("ชื่อภาษาอังกฤษ", 40),
    Column("อักษรย่อ", 12),
    Column("ประเภท", 30),
    Column("สังกัด", 36),
    Column("รหัสจังหวัด", 10),
    Column("หน่วยงานในสังกัด", 12, "int"),
]


def organisation_list_xlsx(*, viewer: Viewer, kind: str = "", q: str = "") -> bytes:
    rows = [
        (
            o.code,
            o.name_th,
            o.name_en,
            o.abbr_th,
            o.get_kind_display(),
            o.parent.name_th if o.parent else "",
            o.geocode,
            getattr(o, "children_count", 0),
        )
        for o in organisation_selectors.organisation_list(viewer=viewer, kind=kind, q=q)
    ]
    return table_xlsx(columns=ORGANISATION_COLUMNS, rows=rows, sheet_name="ส่วนราชการ", title="ส่วนราชการและจังหวัด")


BASKET_COLUMNS = [
    Column("รหัส", 12),
    Column("ตัวชี้วัด", 60, "wrap"),
    Column("กลุ่ม", 12),
    Column("ด้าน", 22),
    Column("หน่วยนับ", 14),
    Column("ทิศทาง", 14),
    Column("ค่าเป้าหมายที่แนะนำ", 24),
    Column("แหล่งข้อมูล", 36, "wrap"),
    Column("ประเด็น", 16),
    Column("ส่วนราชการที่เลือกใช้", 14, "int"),
]


def basket_list_xlsx(*, q: str = "", group: str = "", domain: str = "", plan: str = "", theme: str = "") -> bytes:
    rows = [
        (
            k.code,
            k.name_th,
            k.get_group_display(),
            k.get_domain_display(),
            k.unit_th,
            k.get_direction_display(),
            "; ".join(" / ".join(ladder) for ladder in k.recommendations),
            k.data_source_th,
            list(k.themes or []),
            getattr(k, "assignment_count", 0),
        )
        for k in basket_selectors.basket_list(q=q, group=group, domain=domain, plan=plan, theme=theme)
    ]
    return table_xlsx(columns=BASKET_COLUMNS, rows=rows, sheet_name="KPI Basket", title="รายการตัวชี้วัด (KPI Basket)")


FRAMEWORK_COLUMNS = [
    Column("ปีงบประมาณ", 11),
    Column("วันเริ่มปีงบประมาณ", 16, "date"),
    Column("วันสิ้นปีงบประมาณ", 16, "date"),
    Column("กลุ่ม", 12),
    Column("กรอบการประเมิน", 60, "wrap"),
    Column("ติดตามผลเท่านั้น", 12, "bool"),
    Column("ผู้รับการประเมิน", 12, "int"),
    Column("กำหนดส่งข้อเสนอ", 16, "date"),
    Column("เผยแพร่เมื่อ", 16, "date"),
]


def framework_list_xlsx(viewer: Viewer) -> bytes:
    frameworks = (
        frameworks_visible(viewer)
        .annotate(participant_count=Count("participants", distinct=True))
        .order_by("-fiscal_year__year", "group")
    )
    rows = [
        (
            f.fiscal_year.year,
            f.fiscal_year.starts_on,
            f.fiscal_year.ends_on,
            f.get_group_display(),
            f.name_th,
            f.monitoring_only,
            getattr(f, "participant_count", 0),
            f.proposal_deadline,
            f.published_at,
        )
        for f in frameworks
    ]
    return table_xlsx(
        columns=FRAMEWORK_COLUMNS, rows=rows, sheet_name="กรอบการประเมิน", title="ปีงบประมาณและกรอบการประเมิน"
    )
