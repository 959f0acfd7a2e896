"""The demo's FY2567: the first year of Strategic KPIs, with their proxies and results.

Frameworks for agencies and provinces copied from FY2566 (`frameworks.services.framework_copy`);
four national Strategic KPIs modelled on the seeds' plans (poverty, growth, PM2.5, digital
government), owned by OPDC or a lead agency; approved proposals of the demo agencies (CDD, MOF)
and of 26 provinces (Chachoengsao P24, Khon Kaen P40, the North for PM2.5, one or two from every
region) whose KPIs are the same as or proxies of them; the provinces' poverty KPI is cascaded by
MOI; verified-and-approved results in the 6- and 12-month rounds, some on target, some at risk,
some not reported, so a Strategic KPI's roll-up and map say something. Values are illustrative.

Deterministic (positions from a hash of the codes) and idempotent: a year whose frameworks have
proposals is left as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from govkpi.basket.models import BasketKpi
from govkpi.core.signals import announce_score_inputs_changed
from govkpi.demo.data import basket as basketdata
from govkpi.demo.kpis_loader import POTENTIAL_CODES, Builder
from govkpi.demo.results_loader import ILLUSTRATIVE, value_at, wanted
from govkpi.frameworks.models import FiscalYear, Framework
from govkpi.frameworks.services import framework_announce, framework_copy
from govkpi.kpis.choices import KpiType, ProposalState, StrategicRelation, Support
from govkpi.kpis.models import CascadedKpi, Kpi, Proposal, StrategicKpi
from govkpi.kpis.selectors import reportable_in_round
from govkpi.organisations.models import Organisation
from govkpi.plans.models import PlanNode
from govkpi.results.models import Result, ResultState

YEAR = 2567
SOURCE_YEAR = 2566
SAME, PROXY = StrategicRelation.SAME, StrategicRelation.PROXY


@dataclass(frozen=True)
class StrategicSpec:
    code: str
    name_th: str
    name_en: str
    definition_th: str
    unit_th: str
    direction: str
    national_target_th: str
    national_target_value: Decimal
    owner: str
    plans: tuple[str, ...]
    basket: str = ""


STRATEGIC_KPIS = (
    StrategicSpec(
        "SK-01",
        "สัดส่วนครัวเรือนยากจนเป้าหมายที่หลุดพ้นความยากจน",
        "Share of targeted poor households lifted out of poverty",
        "ครัวเรือนยากจนเป้าหมายตามระบบ TPMAP ที่ได้รับการแก้ไขปัญหาและพ้นเกณฑ์ความยากจนในมิติที่ขาด",
        "ร้อยละ",
        "higher_is_better",
        "ครัวเรือนยากจนเป้าหมายพ้นเกณฑ์ไม่น้อยกว่าร้อยละ 70",
        Decimal(70),
        "MOI",
        ("POL-POVERTY", "M09", "SDG01"),
        "B65-101",
    ),
    StrategicSpec(
        "SK-02",
        "อัตราการขยายตัวของผลิตภัณฑ์มวลรวมในประเทศ",
        "Growth of gross domestic product",
        "การขยายตัวทางเศรษฐกิจของประเทศ วัดจากผลิตภัณฑ์มวลรวมในประเทศ (GDP) ณ ราคาคงที่",
        "ร้อยละ",
        "higher_is_better",
        "เศรษฐกิจขยายตัวไม่น้อยกว่าร้อยละ 3 ต่อปี",
        Decimal(3),
        "NESDC",
        ("NS2", "MP16"),
    ),
    StrategicSpec(
        "SK-03",
        "จำนวนวันที่ค่าฝุ่นละออง PM2.5 เกินค่ามาตรฐานในพื้นที่วิกฤต",
        "Days with PM2.5 above the standard in critical areas",
        "จำนวนวันที่ค่าเฉลี่ย 24 ชั่วโมงของฝุ่นละอองขนาดไม่เกิน 2.5 ไมครอนเกินค่ามาตรฐานในพื้นที่ภาคเหนือ",
        "วัน",
        "lower_is_better",
        "ไม่เกิน 25 วันต่อปีในพื้นที่วิกฤต",
        Decimal(25),
        "PCD",
        ("MP18", "SDG11"),
    ),
    StrategicSpec(
        "SK-04",
        "ร้อยละของงานบริการภาครัฐที่ให้บริการผ่านระบบดิจิทัลได้ครบวงจร",
        "Share of government services delivered fully online",
        "งานบริการของหน่วยงานของรัฐที่ประชาชนยื่นคำขอ ชำระค่าธรรมเนียม และรับผลผ่านระบบดิจิทัลได้ครบวงจร",
        "ร้อยละ",
        "higher_is_better",
        "ไม่น้อยกว่าร้อยละ 60 ของงานบริการ",
        Decimal(60),
        "OPDC",
        ("MP20", "POL-ESERVICE", "M13"),
        "B65-009",
    ),
)

#: agency → (Basket code, weight, Strategic KPI code or "", relation) of its performance KPIs.
AGENCY_KPIS: dict[str, tuple[tuple[str, int, str, str], ...]] = {
    "CDD": (("B65-101", 30, "SK-01", SAME), ("B65-009", 20, "SK-04", SAME), ("B65-097", 20, "", "")),
    "MOF": (("B65-017", 30, "SK-02", PROXY), ("B65-016", 20, "SK-04", PROXY), ("B65-015", 20, "", "")),
}
#: Provinces with approved FY2567 proposals: the demo's two, the North (PM2.5), and some of every region.
NORTH = ("P50", "P51", "P52", "P53", "P54", "P55", "P56", "P57", "P58")
PROVINCES: tuple[str, ...] = (
    *("P24", "P40", *NORTH),
    *("P22", "P21", "P30", "P33", "P34", "P41", "P44", "P60", "P65", "P80", "P84", "P90", "P71", "P13", "P19"),
)
POVERTY = "P66-015"  # cascaded by MOI to every province above, the same KPI as SK-01
GROWTH = "P66-002"  # GPP growth: a proxy of SK-02
PM25 = "P66-036"  # days of PM2.5 above the standard: the same as SK-03 (the North)
BURNING = "P66-041"  # less open burning: a proxy of SK-03 (the North, besides PM2.5)
TOURISM = "P66-001"  # attached to nothing: provinces outside the North
#: Rounds reported: 6 months (some not yet reported) and 12 months.
ROUNDS = (6, 12)


def _position(key: str, months: int) -> Decimal | None:
    """Where on the ladder a result lands (0 = ขั้นต้น, 1 = มาตรฐาน, 2 = ขั้นสูง), or None: not reported.
    Stable across loads (a hash of the key), spread so some KPIs are at risk and some on target."""
    n = int(hashlib.sha256(f"{key}:{months}".encode()).hexdigest()[:8], 16)
    if months == 6 and n % 6 == 0:
        return None
    return Decimal(n % 250) / Decimal(100) + (Decimal("0.3") if months == 12 else Decimal(0))


def _framework(group: str) -> Framework:
    existing = Framework.objects.filter(fiscal_year__year=YEAR, group=group).first()
    if existing is not None:
        return existing
    source = Framework.objects.select_related("fiscal_year").get(fiscal_year__year=SOURCE_YEAR, group=group)
    # A copy is a draft; the demo's FY2567 was announced long ago, so nobody is notified now.
    return framework_announce(framework=framework_copy(source, year=YEAR), by=None, notify_participants=False)


def load_strategic_kpis() -> dict[str, StrategicKpi]:
    fiscal_year = FiscalYear.objects.get(year=YEAR)
    plans = {p.code: p for p in PlanNode.objects.all()}
    made: dict[str, StrategicKpi] = {}
    for spec in STRATEGIC_KPIS:
        sk, created = StrategicKpi.objects.get_or_create(
            fiscal_year=fiscal_year,
            code=spec.code,
            defaults={
                "name_th": spec.name_th,
                "name_en": spec.name_en,
                "definition_th": spec.definition_th,
                "unit_th": spec.unit_th,
                "direction": spec.direction,
                "national_target_th": spec.national_target_th,
                "national_target_value": spec.national_target_value,
                "owner": Organisation.objects.get(code=spec.owner),
                "basket": BasketKpi.objects.filter(code=spec.basket).first() if spec.basket else None,
            },
        )
        if created:
            sk.plan_links.set([plans[c] for c in spec.plans if c in plans])
        made[spec.code] = sk
    return made


def _attach(sk: dict[str, StrategicKpi], code: str, relation: str) -> dict[str, Any]:
    return {"strategic": sk[code], "strategic_relation": relation} if code else {}


def _agencies(framework: Framework, sk: dict[str, StrategicKpi], basket: dict[str, BasketKpi]) -> int:
    plans = {p.code: p for p in PlanNode.objects.all()}
    count = 0
    for code, rows in AGENCY_KPIS.items():
        org = Organisation.objects.get(code=code)
        framework.participants.add(org)
        b = Builder(framework, org, ProposalState.APPROVED)
        for basket_code, weight, sk_code, relation in rows:
            b.add_entry(
                basketdata.basket_entry(basket_code),
                component="performance",
                weight=weight,
                basket=basket,
                kpi_type=KpiType.STRATEGIC if sk_code else KpiType.FUNCTION,
                support=Support.DIRECT if sk_code else Support.INDIRECT,
                **_attach(sk, sk_code, relation),
            )
        for c in POTENTIAL_CODES:
            b.add_entry(
                basketdata.basket_entry(c), component="potential", weight=15, basket=basket, kpi_type=KpiType.POTENTIAL
            )
        count += b.save(plans)
    return count


def _provinces(framework: Framework, sk: dict[str, StrategicKpi], basket: dict[str, BasketKpi]) -> int:
    plans = {p.code: p for p in PlanNode.objects.all()}
    poverty = basketdata.basket_entry(POVERTY)
    cascade = CascadedKpi.objects.create(
        framework=framework,
        code=f"MOI-{YEAR % 100}-01",
        name_th=poverty.name_th,
        name_en=poverty.name_en,
        definition_th=poverty.definition_th,
        owner=Organisation.objects.get(code="MOI"),
        component_code="performance",
        weight=Decimal(20),
        targets=[str(t) for t in poverty.targets],
        unit_th=poverty.unit_th,
        direction=poverty.direction,
        measure=poverty.kind,
    )
    count = 0
    for code in PROVINCES:
        org = Organisation.objects.get(code=code)
        b = Builder(framework, org, ProposalState.APPROVED)
        b.add_entry(
            poverty,
            component="performance",
            weight=20,
            basket=basket,
            cascade=cascade,
            kpi_type=KpiType.STRATEGIC,
            support=Support.DIRECT,
            **_attach(sk, "SK-01", SAME),
        )
        b.add_entry(
            basketdata.basket_entry(GROWTH),
            component="performance",
            weight=25,
            basket=basket,
            kpi_type=KpiType.STRATEGIC,
            support=Support.INDIRECT,
            **_attach(sk, "SK-02", PROXY),
        )
        if code in NORTH:
            for entry_code, relation in ((PM25, SAME), (BURNING, PROXY)):
                b.add_entry(
                    basketdata.basket_entry(entry_code),
                    component="performance",
                    weight=Decimal("12.5"),
                    basket=basket,
                    kpi_type=KpiType.STRATEGIC,
                    support=Support.DIRECT,
                    **_attach(sk, "SK-03", relation),
                )
        else:
            b.add_entry(
                basketdata.basket_entry(TOURISM),
                component="performance",
                weight=25,
                basket=basket,
                kpi_type=KpiType.AREA,
            )
        for c in POTENTIAL_CODES:
            b.add_entry(
                basketdata.basket_entry(c), component="potential", weight=15, basket=basket, kpi_type=KpiType.POTENTIAL
            )
        count += b.save(plans)
    return count


def _results(framework: Framework) -> int:
    rows: list[Result] = []
    organisations = list(Organisation.objects.filter(proposals__framework=framework).order_by("code"))
    for months in ROUNDS:
        round_ = framework.rounds.get(months=months)
        when = timezone.make_aware(dt.datetime.combine(round_.closes_on, dt.time(10, 0)))
        for kpi, version in reportable_in_round(framework, round_, organisations=[o.pk for o in organisations]):
            position = _position(f"{kpi.organisation_id}:{kpi.lineage}", months)
            if position is None:
                continue
            rows.append(
                Result(
                    kpi=kpi,
                    round=round_,
                    version=version,
                    organisation_id=kpi.organisation_id,
                    value=value_at(version, position),
                    narrative_th=ILLUSTRATIVE,
                    state=ResultState.APPROVED,
                    submitted_at=when,
                    endorsed_at=when,
                    verified_at=when,
                    approved_at=when,
                    approval_ref_th=f"ผลการดำเนินงานรอบ {months} เดือน ปีงบประมาณ พ.ศ. {YEAR} (ตัวอย่าง)",
                    is_locked=True,
                )
            )
    bulk_create_with_history(rows, Result, batch_size=500, default_change_reason="ข้อมูลตัวอย่าง (demo)")
    # The one stored-score path computes every result's points and the scorecards.
    announce_score_inputs_changed(framework_id=framework.pk, organisation_ids=None, round_id=None)
    return len(rows)


@transaction.atomic
def load() -> dict[str, int]:
    agencies, provinces = _framework("agencies"), _framework("provinces")
    if Proposal.objects.filter(framework__in=[agencies, provinces]).exists():
        return {}
    basket = {b.code: b for b in BasketKpi.objects.all()}
    sk = load_strategic_kpis()
    counts = {
        f"Strategic KPIs FY{YEAR}": len(sk),
        f"KPIs FY{YEAR}": _agencies(agencies, sk, basket) + _provinces(provinces, sk, basket),
    }
    if wanted():
        counts[f"results FY{YEAR}"] = _results(agencies) + _results(provinces)
    counts[f"KPIs attached FY{YEAR}"] = Kpi.objects.filter(
        framework__fiscal_year__year=YEAR, strategic__isnull=False
    ).count()
    return counts
