"""The KPIs of the seeds' years: the Basket, FY2564 CDD, FY2565 agencies, FY2566 provinces.

FY2565 agencies reproduce seed 002's counts exactly: 37 organisations, 232 KPIs, 210 scored and
22 Monitor, 212 from the Basket and 20 proposed. Which KPI goes to which organisation, the
weights and targets are illustrative (the Basket entries of each organisation's ministry first).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from simple_history.utils import bulk_create_with_history

from govkpi.basket.models import BasketKpi
from govkpi.core.thaisearch import search_text
from govkpi.demo.data import basket as basketdata
from govkpi.demo.data import cdd_2564
from govkpi.demo.data import organisations as orgdata
from govkpi.demo.data._basket_common import BasketEntry
from govkpi.demo.people import org_code
from govkpi.frameworks.models import Component, Framework
from govkpi.kpis.choices import KpiType, Origin, ProposalState, Support
from govkpi.kpis.models import VERSION_FIELDS, CascadedKpi, JointKpi, Kpi, KpiVersion, Proposal
from govkpi.organisations.choices import OrganisationKind
from govkpi.organisations.models import Organisation
from govkpi.plans.models import PlanNode

POTENTIAL_CODES = ("B65-001", "B65-002")
BELOW_PLAN_REASONS = (
    "ข้อจำกัดด้านงบประมาณ",
    "ผลกระทบจากสถานการณ์การแพร่ระบาดของโรคโควิด-19",
    "ข้อจำกัดด้านอัตรากำลังและระยะเวลาดำเนินการ",
)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def load_basket() -> int:
    if BasketKpi.objects.exists():
        return 0
    plans = {p.code: p for p in PlanNode.objects.all()}
    orgs = {o.code: o for o in Organisation.objects.all()}
    rows: list[BasketKpi] = []
    links: list[tuple[str, list[str]]] = []
    for group, entries, first_year in (
        ("agencies", basketdata.AGENCY_BASKET, 2562),
        ("provinces", basketdata.PROVINCE_BASKET, 2563),
    ):
        for e in entries:
            rows.append(
                BasketKpi(
                    code=e.code,
                    group=group,
                    name_th=e.name_th,
                    name_en=e.name_en,
                    definition_th=e.definition_th,
                    formula_th=e.formula_th or "",
                    unit_th=e.unit_th,
                    direction=e.direction,
                    measure=e.kind,
                    domain=e.domain,
                    data_source_th=e.data_source_th,
                    evidence_th=e.evidence_th,
                    baseline=[
                        {"year": first_year + i, "value": _text(v)} for i, v in enumerate(e.baseline) if v is not None
                    ],
                    recommended_targets=[[str(t) for t in e.targets]] if e.targets else [],
                    themes=sorted(e.themes),
                    ministry=orgs.get(e.ministry) if e.ministry else None,
                    applicable_kinds=["province"]
                    if group == "provinces"
                    else ["ministry", "department", "pm_agency", "independent"],
                    tunable_fields=["targets", "weight", "data_source_th", "responsible_th"],
                    search_text=search_text(e.code, e.name_th, e.name_en, e.definition_th),
                )
            )
            links.append((e.code, [c for c in e.plan_links if c in plans]))
    bulk_create_with_history(rows, BasketKpi, default_change_reason="ข้อมูลตัวอย่าง (demo)")
    by_code = {b.code: b for b in BasketKpi.objects.all()}
    Through = BasketKpi.plan_links.through
    Through.objects.bulk_create(
        [Through(basketkpi_id=by_code[code].pk, plannode_id=plans[p].pk) for code, ps in links for p in ps]
    )
    return len(rows)


class Builder:
    """Collects the KPIs of one proposal, then writes them (and version 1 if approved) in bulk."""

    def __init__(self, framework: Framework, organisation: Organisation, state: str) -> None:
        self.framework = framework
        self.organisation = organisation
        self.state = state
        self.components = {c.code: c for c in framework.components.all()}
        self.kpis: list[tuple[Kpi, list[str]]] = []

    def add(
        self,
        *,
        name_th: str,
        component: str,
        weight: Decimal | int,
        targets: Iterable[Decimal],
        plan_links: Iterable[str] = (),
        **fields: Any,
    ) -> Kpi:
        n = len(self.kpis) + 1
        kpi = Kpi(
            framework=self.framework,
            organisation=self.organisation,
            code=f"{self.organisation.code}-{self.framework.fiscal_year.year % 100}-{n:02d}",
            order=n,
            name_th=name_th,
            component=self.components[component],
            weight=Decimal(weight),
            targets=[str(t) for t in targets],
            **fields,
        )
        self.kpis.append((kpi, list(plan_links)))
        return kpi

    def add_entry(
        self,
        entry: BasketEntry,
        *,
        component: str,
        weight: Decimal | int,
        basket: dict[str, BasketKpi],
        origin: str = Origin.BASKET,
        **fields: Any,
    ) -> Kpi:
        years = 2562 if entry.code.startswith("B") else 2563
        return self.add(
            name_th=entry.name_th,
            name_en=entry.name_en,
            definition_th=entry.definition_th,
            formula_th=entry.formula_th or "",
            unit_th=entry.unit_th,
            direction=entry.direction,
            measure=entry.kind,
            component=component,
            weight=weight,
            targets=entry.targets,
            plan_links=entry.plan_links,
            themes=sorted(entry.themes),
            baseline=[{"year": years + i, "value": _text(v)} for i, v in enumerate(entry.baseline) if v is not None],
            data_source_th=entry.data_source_th,
            evidence_th=entry.evidence_th,
            responsible_th=f"ผู้ประสานงานตัวชี้วัด {self.organisation.name_th}",
            origin=origin,
            basket=basket.get(entry.code) if origin == Origin.BASKET else None,
            lineage=entry.code,
            **fields,
        )

    def save(self, plans: dict[str, PlanNode]) -> int:
        proposal = Proposal.objects.create(framework=self.framework, organisation=self.organisation, state=self.state)
        for kpi, _ in self.kpis:
            kpi.proposal = proposal
        bulk_create_with_history([k for k, _ in self.kpis], Kpi, default_change_reason="ข้อมูลตัวอย่าง (demo)")
        Through = Kpi.plan_links.through
        Through.objects.bulk_create(
            [Through(kpi_id=k.pk, plannode_id=plans[p].pk) for k, ps in self.kpis for p in ps if p in plans],
            ignore_conflicts=True,
        )
        if self.state == ProposalState.APPROVED:
            KpiVersion.objects.bulk_create(
                [KpiVersion(kpi=k, number=1, **{f: getattr(k, f) for f in VERSION_FIELDS}) for k, _ in self.kpis]
            )
        return len(self.kpis)


def _framework(year: int, group: str) -> Framework:
    return Framework.objects.select_related("fiscal_year").get(fiscal_year__year=year, group=group)


def _participants_2565() -> list[Organisation]:
    order = [m.code for m in orgdata.MINISTRIES if m.evaluated_2565]
    order += [a.code for a in orgdata.PM_OFFICE_AGENCIES] + [a.code for a in orgdata.INDEPENDENT_AGENCIES]
    orgs = {o.code: o for o in Organisation.objects.filter(code__in=order)}
    return [orgs[c] for c in order]


def load_agencies_2565(basket: dict[str, BasketKpi], plans: dict[str, PlanNode]) -> int:
    framework = _framework(2565, "agencies")
    if framework.proposals.exists():
        return 0
    participants = _participants_2565()
    entries = [e for e in basketdata.AGENCY_BASKET if e.code not in POTENTIAL_CODES]
    by_owner: dict[str | None, list[BasketEntry]] = {}
    for e in entries:
        by_owner.setdefault(e.ministry, []).append(e)
    spare = list(by_owner.get(None, []))
    used: set[str] = set()

    def take(owner: str) -> BasketEntry:
        for pool in (by_owner.get(owner, []), spare, entries):
            for e in pool:
                if e.code not in used:
                    used.add(e.code)
                    return e
        raise LookupError("the Basket ran out of entries")

    eservice = basketdata.ESERVICE_JOINT_2565
    dept_parent = {d.code: d.ministry for d in orgdata.DEPARTMENTS}
    joint_orgs = {dept_parent.get(p.organisation, p.organisation) for p in eservice.participants}
    joint = JointKpi.objects.create(
        framework=framework,
        code=eservice.code,
        issue_th=eservice.issue_th or "e-Service",
        name_th=eservice.name_th,
        name_en=eservice.name_en,
        definition_th=eservice.definition_th,
        host=Organisation.objects.get(code=eservice.host),
        themes=sorted(eservice.themes),
    )
    potential = [basketdata.basket_entry(c) for c in POTENTIAL_CODES]
    count = 0
    for i, org in enumerate(participants):
        b = Builder(framework, org, ProposalState.APPROVED)
        n_perf = 4 if i < 25 else 3
        weights = (
            [Decimal(20), Decimal(20), Decimal(15), Decimal(15)]
            if n_perf == 4
            else [Decimal(25), Decimal(25), Decimal(20)]
        )
        for j, weight in enumerate(weights):
            is_joint = j == 0 and org.code in joint_orgs
            proposed = j == n_perf - 1 and i < 20
            support = Support.NONE if (i + j) % 8 == 7 else (Support.DIRECT if j == 0 else Support.INDIRECT)
            extra: dict[str, Any] = {
                "support": support,
                "kpi_type": KpiType.JOINT if is_joint else (KpiType.STRATEGIC if j == 0 else KpiType.FUNCTION),
            }
            if is_joint:
                kpi = b.add(
                    name_th=eservice.name_th,
                    name_en=eservice.name_en,
                    definition_th=eservice.definition_th,
                    formula_th=eservice.formula_th or "",
                    unit_th=eservice.unit_th,
                    direction=eservice.direction,
                    measure=eservice.kind,
                    component="performance",
                    weight=weight,
                    targets=eservice.targets,
                    plan_links=eservice.plan_links,
                    themes=sorted(eservice.themes),
                    joint=joint,
                    origin=Origin.BASKET,
                    lineage=eservice.code,
                    **extra,
                )
                joint.participants.add(org)
                continue
            entry = take(org.code)
            kpi = b.add_entry(
                entry,
                component="performance",
                weight=weight,
                basket=basket,
                origin=Origin.PROPOSED if proposed else Origin.BASKET,
                **extra,
            )
            if (i * 4 + j) % 17 == 3:
                standard = Decimal(str(entry.targets[1]))
                step = abs(Decimal(str(entry.targets[2])) - standard) or Decimal(1)
                kpi.national_target_value = standard - step if entry.direction == "lower_is_better" else standard + step
                kpi.national_target_th = (
                    f"ค่าเป้าหมายตามแผนแม่บทฯ {kpi.national_target_value.normalize():f} {entry.unit_th}"
                )
                kpi.below_plan_reason_th = BELOW_PLAN_REASONS[(i + j) % len(BELOW_PLAN_REASONS)]
        for entry in potential:
            b.add_entry(
                entry,
                component="potential",
                weight=15,
                basket=basket,
                kpi_type=KpiType.POTENTIAL,
                support=Support.INDIRECT,
            )
        if i < 22:
            b.add_entry(
                take(org.code),
                component="performance",
                weight=0,
                basket=basket,
                is_monitor=True,
                kpi_type=KpiType.FUNCTION,
                support=Support.INDIRECT,
            )
        count += b.save(plans)
    return count


def load_cdd_2564(basket: dict[str, BasketKpi], plans: dict[str, PlanNode]) -> int:
    framework = _framework(2564, "agencies")
    cdd = Organisation.objects.get(code=cdd_2564.ORGANISATION)
    if Proposal.objects.filter(framework=framework, organisation=cdd).exists():
        return 0
    if not framework.participants.filter(pk=cdd.pk).exists():
        framework.participants.add(cdd)
    b = Builder(framework, cdd, ProposalState.APPROVED)
    for k in cdd_2564.KPIS:
        b.add(
            name_th=k.name_th,
            name_en=k.name_en,
            definition_th=k.definition_th,
            formula_th=k.formula_th or "",
            unit_th=k.unit_th,
            direction=k.direction,
            measure=k.kind,
            component=k.component,
            weight=k.weight,
            targets=k.targets,
            plan_links=k.plan_links,
            basket=basket.get(k.basket_code or ""),
            origin=Origin.BASKET if k.basket_code else Origin.PROPOSED,
            kpi_type=KpiType.POTENTIAL if k.component == "potential" else KpiType.FUNCTION,
            responsible_th="กลุ่มพัฒนาระบบบริหาร กรมการพัฒนาชุมชน",
            lineage=k.basket_code or k.code,
        )
    return b.save(plans)


def load_chachoengsao_2565(basket: dict[str, BasketKpi], plans: dict[str, PlanNode]) -> int:
    framework = _framework(2565, "provinces")
    eco = basketdata.ECO_INDUSTRIAL_2565
    province = Organisation.objects.get(code=org_code(eco.host))
    if Proposal.objects.filter(framework=framework, organisation=province).exists():
        return 0
    b = Builder(framework, province, ProposalState.APPROVED)
    b.add(
        name_th=eco.name_th,
        name_en=eco.name_en,
        definition_th=eco.definition_th,
        formula_th=eco.formula_th or "",
        unit_th=eco.unit_th,
        direction=eco.direction,
        measure=eco.kind,
        component="performance",
        weight=30,
        targets=eco.targets,
        plan_links=eco.plan_links,
        kpi_type=KpiType.AREA,
        origin=Origin.PROPOSED,
        lineage=eco.code,
        support=Support.DIRECT,
    )
    for entry, weight in zip(basketdata.PROVINCE_BASKET[:2], (20, 20), strict=True):
        b.add_entry(entry, component="performance", weight=weight, basket=basket, kpi_type=KpiType.AREA)
    for code in POTENTIAL_CODES:
        b.add_entry(
            basketdata.basket_entry(code), component="potential", weight=15, basket=basket, kpi_type=KpiType.POTENTIAL
        )
    return b.save(plans)


def load_provinces_2566(basket: dict[str, BasketKpi], plans: dict[str, PlanNode]) -> int:
    framework = _framework(2566, "provinces")
    if framework.proposals.exists():
        return 0
    urgent = basketdata.URGENT_POLICY_2566
    moi = Organisation.objects.get(code="MOI")
    cascade = CascadedKpi.objects.create(
        framework=framework,
        code=urgent.code,
        name_th=urgent.name_th,
        name_en=urgent.name_en,
        definition_th=urgent.definition_th,
        owner=moi,
        component_code="performance",
        weight=Decimal(20),
        targets=[str(t) for t in urgent.targets],
        unit_th=urgent.unit_th,
        direction=urgent.direction,
        measure=urgent.kind,
    )
    joints: dict[str, list[tuple[JointKpi, Any]]] = {}
    for issue in basketdata.JOINT_ISSUES_2566:
        joint = JointKpi.objects.create(
            framework=framework,
            code=issue.code,
            issue_th=issue.issue_th or issue.name_th,
            name_th=issue.name_th,
            name_en=issue.name_en,
            definition_th=issue.definition_th,
            host=Organisation.objects.get(code=org_code(issue.host)),
            themes=sorted(issue.themes),
        )
        members = Organisation.objects.filter(code__in=[org_code(p.organisation) for p in issue.participants])
        joint.participants.set(members)
        for p in issue.participants:
            joints.setdefault(org_code(p.organisation), []).append((joint, issue))
    pool = list(basketdata.PROVINCE_BASKET)
    potential = [basketdata.basket_entry(c) for c in POTENTIAL_CODES]
    count = 0
    provinces = Organisation.objects.filter(kind=OrganisationKind.PROVINCE).order_by("geocode")
    not_yet = {"P24": ProposalState.DRAFT, "P40": ProposalState.MOI_REVIEW}
    for i, province in enumerate(provinces):
        b = Builder(framework, province, not_yet.get(province.code, ProposalState.APPROVED))
        b.add(
            name_th=urgent.name_th,
            name_en=urgent.name_en,
            definition_th=urgent.definition_th,
            formula_th=urgent.formula_th or "",
            unit_th=urgent.unit_th,
            direction=urgent.direction,
            measure=urgent.kind,
            component="performance",
            weight=20,
            targets=urgent.targets,
            plan_links=urgent.plan_links,
            cascade=cascade,
            kpi_type=KpiType.STRATEGIC,
            origin=Origin.BASKET,
            lineage=urgent.code,
            support=Support.DIRECT,
            themes=sorted(urgent.themes),
        )
        mine = joints.get(province.code, [])[:2]
        for joint, issue in mine:
            b.add(
                name_th=issue.name_th,
                name_en=issue.name_en,
                definition_th=issue.definition_th,
                formula_th=issue.formula_th or "",
                unit_th=issue.unit_th,
                direction=issue.direction,
                measure=issue.kind,
                component="performance",
                weight=15,
                targets=issue.targets,
                plan_links=issue.plan_links,
                joint=joint,
                kpi_type=KpiType.JOINT,
                origin=Origin.BASKET,
                lineage=issue.code,
                support=Support.DIRECT,
                themes=sorted(issue.themes),
            )
        rest = {0: [25, 25], 1: [20, 15], 2: [20]}[len(mine)]
        for k, weight in enumerate(rest):
            entry = pool[(i * 3 + k * 7) % len(pool)]
            b.add_entry(
                entry,
                component="performance",
                weight=weight,
                basket=basket,
                kpi_type=KpiType.AREA,
                support=Support.INDIRECT,
            )
        for entry in potential:
            b.add_entry(
                entry,
                component="potential",
                weight=15,
                basket=basket,
                kpi_type=KpiType.POTENTIAL,
                support=Support.INDIRECT,
            )
        count += b.save(plans)
    return count


def load_agency_drafts_2566(basket: dict[str, BasketKpi], plans: dict[str, PlanNode]) -> int:
    """Two proposals still in draft, so access rules have something to protect."""
    framework = _framework(2566, "agencies")
    count = 0
    for code in ("CDD", "MOF"):
        org = Organisation.objects.get(code=code)
        if Proposal.objects.filter(framework=framework, organisation=org).exists():
            continue
        framework.participants.add(org)
        b = Builder(framework, org, ProposalState.DRAFT)
        owner = "MOI" if code == "CDD" else "MOF"
        entries = [e for e in basketdata.AGENCY_BASKET if e.ministry == owner][:3]
        for entry, weight in zip(entries, (30, 20, 20), strict=False):
            b.add_entry(entry, component="performance", weight=weight, basket=basket, kpi_type=KpiType.FUNCTION)
        for c in POTENTIAL_CODES:
            b.add_entry(
                basketdata.basket_entry(c), component="potential", weight=15, basket=basket, kpi_type=KpiType.POTENTIAL
            )
        count += b.save(plans)
    return count


def load_kpis() -> dict[str, int]:
    counts = {"basket entries": load_basket()}
    basket = {b.code: b for b in BasketKpi.objects.all()}
    plans = {p.code: p for p in PlanNode.objects.all()}
    counts["KPIs FY2564"] = load_cdd_2564(basket, plans)
    counts["KPIs FY2565 agencies"] = load_agencies_2565(basket, plans)
    counts["KPIs FY2565 provinces"] = load_chachoengsao_2565(basket, plans)
    counts["KPIs FY2566 provinces"] = load_provinces_2566(basket, plans)
    counts["KPIs FY2566 agencies (drafts)"] = load_agency_drafts_2566(basket, plans)
    return counts


__all__ = ["Component", "load_kpis"]
