"""National Strategic KPIs (FY2567 on) and the KPIs attached to them: reads and OPDC's writes.

A Strategic KPI is one national measure of a fiscal year. Agency and province KPIs carry it either
as the same KPI ("ตัวชี้วัดที่ถ่ายทอดเป็นตัวเดียวกับ Strategic KPIs") or as a proxy ("ตัวชี้วัดทดแทน
(Proxy KPIs) ที่ถ่ายทอดจาก Strategic KPIs"). An organisation sets the relation while its proposal is
open, like any other assignment field (`kpis.field_rules`, `kpis.services.kpi_update`); OPDC
attaches or detaches any KPI, approved ones included, through `kpi_strategic_attach` here. Every
write is audited through simple-history with the user and a reason.

Strategic KPIs themselves are national reference data (like the plan tree): everyone reads their
definitions; which attached KPIs a viewer sees is the KPI selectors' rule (`visible_kpis`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Q, QuerySet

from govkpi.basket.models import BasketKpi
from govkpi.core.errors import Conflict, Invalid, NotAllowed, NotFound
from govkpi.frameworks.choices import Direction
from govkpi.frameworks.models import FiscalYear
from govkpi.kpis.choices import StrategicRelation
from govkpi.kpis.models import Kpi, StrategicKpi
from govkpi.kpis.selectors import visible_kpis
from govkpi.organisations.access import Viewer, viewer_for
from govkpi.organisations.models import Organisation
from govkpi.plans.models import PlanNode

#: Relation → (Thai, English) short words for rows and badges ("Proxy of SK-01 …").
RELATION_SHORT: dict[str, tuple[str, str]] = {
    StrategicRelation.SAME: ("ตัวเดียวกับ", "Same as"),
    StrategicRelation.PROXY: ("ตัวชี้วัดทดแทน (Proxy) ของ", "Proxy of"),
}

# --- reads ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StrategicFilters:
    year: int | None = None
    owner: str = ""  # organisation code
    plan: str = ""  # plan node code
    q: str = ""


def strategic_list(*, filters: StrategicFilters = StrategicFilters()) -> QuerySet[StrategicKpi]:
    """Strategic KPIs (national reference data, readable by all) with how many KPIs attach to each."""
    qs = StrategicKpi.objects.all()
    if filters.year:
        qs = qs.filter(fiscal_year__year=filters.year)
    if filters.owner:
        qs = qs.filter(owner__code=filters.owner)
    if filters.plan:
        qs = qs.filter(plan_links__code=filters.plan)
    if filters.q:
        qs = qs.filter(Q(code__icontains=filters.q) | Q(name_th__icontains=filters.q) | Q(name_en__icontains=filters.q))
    return (
        qs.select_related("fiscal_year", "owner", "basket")
        .prefetch_related("plan_links")
        .annotate(attached=Count("kpis", filter=Q(kpis__is_removed=False), distinct=True))
        .order_by("-fiscal_year__year", "code")
    )


def strategic_get(*, pk: int) -> StrategicKpi:
    try:
        return (
            StrategicKpi.objects.select_related("fiscal_year", "owner", "basket")
            .prefetch_related("plan_links")
            .get(pk=pk)
        )
    except StrategicKpi.DoesNotExist as exc:
        raise NotFound("ไม่พบ Strategic KPI นี้", "No such Strategic KPI.") from exc


def strategic_by_code(*, code: str, year: int | None = None) -> StrategicKpi:
    """A Strategic KPI by code (the latest year's when the year is not given)."""
    qs = StrategicKpi.objects.filter(code=code.strip())
    if year:
        qs = qs.filter(fiscal_year__year=year)
    found = qs.order_by("-fiscal_year__year").first()
    if found is None:
        where = f" ปี {year}" if year else ""
        raise NotFound(
            f"ไม่พบ Strategic KPI รหัส {code}{where}", f"No Strategic KPI {code}{' in ' if year else ''}{year or ''}."
        )
    return strategic_get(pk=found.pk)


def attached_kpis(*, viewer: Viewer, strategic: StrategicKpi) -> QuerySet[Kpi]:
    """The KPIs attached to a Strategic KPI that this viewer may see, by organisation."""
    return (
        visible_kpis(viewer)
        .filter(strategic=strategic, is_removed=False)
        .select_related("organisation", "framework__fiscal_year", "proposal")
        .order_by("framework__group", "organisation__code", "code")
    )


def relation_text(kpi: Kpi, *, english: bool = False) -> str:
    """ "ตัวชี้วัดทดแทน (Proxy) ของ SK-01 …" / "Proxy of SK-01 …"; empty for a KPI not attached."""
    if not kpi.strategic_id or kpi.strategic is None:
        return ""
    words = RELATION_SHORT.get(kpi.strategic_relation, ("", ""))
    name = kpi.strategic.name_en or kpi.strategic.name_th if english else kpi.strategic.name_th
    return f"{words[1] if english else words[0]} {kpi.strategic.code} {name}".strip()


# --- writes ---------------------------------------------------------------------------------------

#: Fields of a Strategic KPI that `strategic_kpi_create` and `strategic_kpi_update` take.
FIELDS: tuple[str, ...] = (
    "code",
    "name_th",
    "name_en",
    "definition_th",
    "unit_th",
    "direction",
    "national_target_th",
    "national_target_value",
    "owner",
    "plan_links",
    "basket",
)


def _opdc(by: User, *, admin: bool) -> Viewer:
    viewer = viewer_for(by)
    allowed = viewer.is_opdc_admin if admin else viewer.is_opdc
    if not allowed:
        raise NotAllowed(
            "เฉพาะสำนักงาน ก.พ.ร. เท่านั้นที่จัดการ Strategic KPI ได้",
            "Only OPDC may manage Strategic KPIs.",
        )
    return viewer


#: field → (Thai, English) names, for messages that name the field.
LABELS: dict[str, tuple[str, str]] = {
    "code": ("รหัส", "Code"),
    "name_th": ("ชื่อ Strategic KPI", "Name"),
    "name_en": ("ชื่อภาษาอังกฤษ", "English name"),
    "definition_th": ("คำอธิบาย", "Definition"),
    "unit_th": ("หน่วยวัด", "Unit"),
    "direction": ("ทิศทาง", "Direction"),
    "national_target_th": ("ค่าเป้าหมายระดับประเทศ", "National target"),
    "national_target_value": ("ค่าเป้าหมายระดับประเทศ (ตัวเลข)", "National target value"),
    "owner": ("หน่วยงานเจ้าภาพ", "Owner"),
    "plan_links": ("ความเชื่อมโยงกับแผนระดับชาติ", "Plan links"),
    "basket": ("KPI Basket", "Basket KPI"),
    "strategic_relation": ("ความสัมพันธ์กับ Strategic KPI", "Relation to the Strategic KPI"),
}


def _bad(field: str, th: str, en: str) -> Invalid:
    label_th, label_en = LABELS.get(field, (field, field))
    return Invalid(f"{label_th}: {th}", f"{label_en}: {en}", field=field)


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Check and convert the given fields; Invalid names the first bad one."""
    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        raise _bad(unknown[0], "ไม่รู้จักช่องนี้", "unknown field")
    out: dict[str, Any] = {}
    for field, value in values.items():
        if field == "owner":
            owner = value if isinstance(value, Organisation) else Organisation.objects.filter(code=value).first()
            if owner is None:
                raise _bad(field, f"ไม่พบหน่วยงานรหัส “{value}”", f"no organisation '{value}'")
            out[field] = owner
        elif field == "basket":
            if value in (None, ""):
                out[field] = None
            else:
                basket = value if isinstance(value, BasketKpi) else BasketKpi.objects.filter(code=value).first()
                if basket is None:
                    raise _bad(field, f"ไม่พบ KPI Basket รหัส “{value}”", f"no Basket KPI '{value}'")
                out[field] = basket
        elif field == "plan_links":
            codes = [str(getattr(c, "code", c)).strip() for c in list(value or []) if str(c).strip()]
            nodes = list(PlanNode.objects.filter(code__in=codes))
            missing = sorted(set(codes) - {n.code for n in nodes})
            if missing:
                raise _bad(field, f"ไม่พบแผนรหัส {', '.join(missing)}", f"unknown plan codes {', '.join(missing)}")
            out[field] = nodes
        elif field == "direction":
            if value not in Direction.values:
                raise _bad(field, "ต้องเป็นยิ่งมากยิ่งดีหรือยิ่งน้อยยิ่งดี", f"one of {Direction.values}")
            out[field] = value
        elif field == "national_target_value":
            if value in (None, ""):
                out[field] = None
            else:
                try:
                    number = Decimal(str(value).replace(",", "").strip())
                except (InvalidOperation, ValueError) as exc:
                    raise _bad(field, f"“{value}” ไม่ใช่ตัวเลข", f"'{value}' is not a number") from exc
                if not number.is_finite():
                    raise _bad(field, "ต้องเป็นตัวเลข", "must be a number")
                out[field] = number
        else:
            text = str(value or "").strip()
            if field in {"code", "name_th"} and not text:
                raise _bad(field, "ต้องระบุ", "is required")
            out[field] = text
    return out


def _save(strategic: StrategicKpi, values: dict[str, Any], by: User, reason: str) -> StrategicKpi:
    links = values.pop("plan_links", None)
    for field, value in values.items():
        setattr(strategic, field, value)
    if (
        StrategicKpi.objects.filter(fiscal_year_id=strategic.fiscal_year_id, code=strategic.code)
        .exclude(pk=strategic.pk)
        .exists()
    ):
        raise Conflict(
            f"ปีงบประมาณนี้มี Strategic KPI รหัส {strategic.code} แล้ว",
            f"This fiscal year already has Strategic KPI {strategic.code}.",
            field="code",
        )
    strategic._history_user = by  # type: ignore[attr-defined]
    strategic._change_reason = reason  # type: ignore[attr-defined]
    strategic.full_clean(exclude=["fiscal_year", "owner", "basket"])
    strategic.save()
    if links is not None:
        strategic.plan_links.set(links)
    return strategic


@transaction.atomic
def strategic_kpi_create(*, by: User, year: int, values: dict[str, Any]) -> StrategicKpi:
    """A new Strategic KPI of fiscal `year` (OPDC administrators). `values`: FIELDS (owner by code)."""
    _opdc(by, admin=True)
    fiscal_year = FiscalYear.objects.filter(year=year).first()
    if fiscal_year is None:
        raise Invalid(f"ไม่มีปีงบประมาณ {year}", f"No fiscal year {year}.", field="year")
    cleaned = _clean(values)
    for required in ("code", "name_th", "owner"):
        if required not in cleaned:
            raise _bad(required, "ต้องระบุ", "is required")
    return _save(StrategicKpi(fiscal_year=fiscal_year), cleaned, by, "สร้าง Strategic KPI")


@transaction.atomic
def strategic_kpi_update(*, strategic: StrategicKpi, by: User, values: dict[str, Any]) -> StrategicKpi:
    """Change the given fields of a Strategic KPI (OPDC administrators)."""
    _opdc(by, admin=True)
    strategic = StrategicKpi.objects.select_for_update().get(pk=strategic.pk)
    return _save(strategic, _clean(values), by, "แก้ไข Strategic KPI")


@transaction.atomic
def kpi_strategic_attach(*, kpi: Kpi, strategic: StrategicKpi, relation: str, by: User) -> Kpi:
    """OPDC attaches a KPI (in any state, approved ones included) to a Strategic KPI of its year.

    The KPI's lock_version moves on, so an organisation editing the same KPI on an old view gets a
    Conflict rather than silently undoing OPDC's attachment."""
    _opdc(by, admin=False)
    if relation not in StrategicRelation.values:
        raise _bad("strategic_relation", "ต้องเป็น same หรือ proxy", "must be same or proxy")
    kpi = Kpi.objects.select_for_update(of=("self",)).select_related("framework").get(pk=kpi.pk)
    if kpi.framework.fiscal_year_id != strategic.fiscal_year_id:
        raise Invalid(
            f"ตัวชี้วัด {kpi.code} อยู่คนละปีงบประมาณกับ Strategic KPI {strategic.code}",
            f"KPI {kpi.code} is of another fiscal year than Strategic KPI {strategic.code}.",
            field="strategic",
        )
    if kpi.is_removed:
        raise Conflict(f"ตัวชี้วัด {kpi.code} ถูกยกเลิกแล้ว", f"KPI {kpi.code} has been removed.", field="kpi")
    kpi.strategic = strategic
    kpi.strategic_relation = relation
    return _save_kpi(kpi, by, f"สำนักงาน ก.พ.ร. เชื่อมกับ Strategic KPI {strategic.code} ({relation})")


@transaction.atomic
def kpi_strategic_detach(*, kpi: Kpi, by: User) -> Kpi:
    """OPDC detaches a KPI from its Strategic KPI."""
    _opdc(by, admin=False)
    kpi = Kpi.objects.select_for_update(of=("self",)).get(pk=kpi.pk)
    if kpi.strategic_id is None:
        return kpi
    kpi.strategic = None
    kpi.strategic_relation = ""
    return _save_kpi(kpi, by, "สำนักงาน ก.พ.ร. ยกเลิกการเชื่อมกับ Strategic KPI")


def _save_kpi(kpi: Kpi, by: User, reason: str) -> Kpi:
    kpi.lock_version += 1
    kpi._history_user = by  # type: ignore[attr-defined]
    kpi._change_reason = reason  # type: ignore[attr-defined]
    kpi.save(update_fields=["strategic", "strategic_relation", "lock_version"])
    return kpi
