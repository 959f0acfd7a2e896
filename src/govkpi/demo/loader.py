"""Load the seeds' world into the database: idempotent, so running it twice changes nothing.

Each step creates only what is missing, keyed on natural codes; a proposal that already exists
keeps its KPIs untouched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from govkpi.demo import frameworks_data as fw
from govkpi.demo import meetings_loader as reviews_demo
from govkpi.demo import results_loader as results_demo
from govkpi.demo.data import organisations as orgdata
from govkpi.demo.data import plans as plandata
from govkpi.frameworks.models import Band, Component, FiscalYear, Framework, Round, TargetLevel
from govkpi.kpis.choices import KpiType
from govkpi.organisations.access import viewer_for
from govkpi.organisations.choices import OrganisationKind
from govkpi.organisations.models import Organisation
from govkpi.plans.models import PlanNode
from govkpi.publication.selectors import publication_preview
from govkpi.publication.services import publication_publish
from govkpi.reviews.models import Committee

Say = Callable[[str], None]


def province_code(geocode: str) -> str:
    return f"P{geocode}"


def load_organisations() -> int:
    created = 0

    def ensure(
        code: str, kind: str, name_th: str, name_en: str, abbr: str, parent: Organisation | None = None, **extra: str
    ) -> Organisation:
        nonlocal created
        org, made = Organisation.objects.get_or_create(
            code=code,
            defaults={"kind": kind, "name_th": name_th, "name_en": name_en, "abbr_th": abbr, "parent": parent, **extra},
        )
        created += made
        return org

    ministries = {
        m.code: ensure(m.code, OrganisationKind.MINISTRY, m.name_th, m.name_en, m.abbr_th) for m in orgdata.MINISTRIES
    }
    opm = ministries[orgdata.PM_OFFICE_PARENT]
    for a in orgdata.PM_OFFICE_AGENCIES:
        ensure(a.code, OrganisationKind.PM_AGENCY, a.name_th, a.name_en, a.abbr_th, opm)
    for a in orgdata.INDEPENDENT_AGENCIES:
        ensure(a.code, OrganisationKind.INDEPENDENT, a.name_th, a.name_en, a.abbr_th)
    for d in orgdata.DEPARTMENTS:
        ensure(d.code, OrganisationKind.DEPARTMENT, d.name_th, d.name_en, d.abbr_th, ministries[d.ministry])
    for p in orgdata.PUBLIC_ORGANISATIONS:
        supervisor = Organisation.objects.get(code=p.supervisor)
        ensure(p.code, OrganisationKind.PUBLIC_ORG, p.name_th, p.name_en, p.abbr_th, supervisor)
    moi = ministries["MOI"]
    for prov in orgdata.provinces():
        ensure(
            province_code(prov.code),
            OrganisationKind.PROVINCE,
            prov.name_th,
            prov.name_en,
            "",
            moi,
            region=prov.region,
            geocode=prov.code,
        )
    bkk = orgdata.BANGKOK
    ensure(
        province_code(bkk.code),
        OrganisationKind.BANGKOK,
        bkk.name_th,
        bkk.name_en,
        "กทม.",
        None,
        region=bkk.region,
        geocode=bkk.code,
    )
    return created


def load_plans() -> int:
    created = 0
    by_code: dict[str, PlanNode] = {}
    for order, node in enumerate(plandata.PLAN_NODES):
        parent = by_code.get(node.parent) if node.parent else None
        obj, made = PlanNode.objects.get_or_create(
            code=node.code,
            defaults={
                "kind": node.kind,
                "parent": parent,
                "title_th": node.title_th,
                "title_en": node.title_en,
                "order": order,
            },
        )
        by_code[node.code] = obj
        created += made
    return created


def load_frameworks() -> int:
    created = 0
    for spec in fw.FRAMEWORKS:
        year, _ = FiscalYear.objects.get_or_create(
            year=spec.year,
            defaults={"note_th": "ปีแห่งการติดตามผล (Monitoring) จากสถานการณ์ COVID-19" if spec.monitoring_only else ""},
        )
        framework, made = Framework.objects.get_or_create(
            fiscal_year=year,
            group=spec.group,
            defaults={
                "name_th": spec.name_th,
                "name_en": spec.name_en,
                "monitoring_only": spec.monitoring_only,
                "proposal_deadline": spec.proposal_deadline,
                # The seeds' years were announced long ago; a deterministic moment, not the load's.
                "announced_at": dt.datetime(spec.year - 544, 10, 1, tzinfo=dt.UTC),
                "kpi_types": list(KpiType.values),
            },
        )
        if not made:
            continue
        created += 1
        for order, (code, name_th, name_en, weight, lo, hi) in enumerate(fw.COMPONENTS):
            Component.objects.create(
                framework=framework,
                code=code,
                name_th=name_th,
                name_en=name_en,
                weight=weight,
                min_kpis=lo,
                max_kpis=hi,
                order=order,
            )
        for order, (name_th, name_en, points) in enumerate(fw.LADDER, start=1):
            TargetLevel.objects.create(
                framework=framework, order=order, name_th=name_th, name_en=name_en, points=points
            )
        for name_th, name_en, min_score, colour in fw.BANDS:
            Band.objects.create(
                framework=framework, name_th=name_th, name_en=name_en, min_score=min_score, colour=colour
            )
        for months, opens, closes in fw.rounds_of(spec.year):
            Round.objects.create(framework=framework, months=months, opens_on=opens, closes_on=closes)
    return created


def load_committees() -> int:
    created = 0
    for code, kind, name_th, name_en in fw.COMMITTEES:
        _, made = Committee.objects.get_or_create(
            code=code, defaults={"kind": kind, "name_th": name_th, "name_en": name_en}
        )
        created += made
    return created


def participants_for(framework: Framework) -> list[Organisation]:
    if framework.group == "provinces":
        return list(Organisation.objects.filter(kind=OrganisationKind.PROVINCE))
    evaluated = [m.code for m in orgdata.MINISTRIES if m.evaluated_2565]
    return list(
        Organisation.objects.filter(code__in=evaluated)
        | Organisation.objects.filter(kind__in=[OrganisationKind.PM_AGENCY, OrganisationKind.INDEPENDENT])
    )


def load_participants() -> None:
    for framework in Framework.objects.all():
        if not framework.participants.exists():
            framework.participants.set(participants_for(framework))


ZERO = Decimal(0)


@transaction.atomic
def publish_demo() -> int:
    """FY2565 agencies published as OPDC did on 31 ม.ค. 2566: version 1 of its snapshot."""
    framework = Framework.objects.select_related("fiscal_year").get(fiscal_year__year=2565, group="agencies")
    admin = get_user_model().objects.filter(username="opdc.admin").first()
    if admin is None or framework.publications.exists():
        return 0
    viewer = viewer_for(admin)
    if not publication_preview(viewer=viewer, framework=framework).included:
        return 0  # GOVKPI_DEMO_RESULTS=0: nothing approved to publish
    publication_publish(
        viewer=viewer,
        user=admin,
        framework=framework,
        confirm=True,
        at=timezone.make_aware(dt.datetime(2023, 1, 31, 10, 0)),
    )
    return 1


def load_all(say: Say = print, *, today: dt.date | None = None) -> dict[str, int]:
    from govkpi.demo import forecast_loader, kpis_loader, live_year, people, strategic_year

    counts = {
        "organisations": load_organisations(),
        "plan nodes": load_plans(),
        "frameworks": load_frameworks(),
        "committees": load_committees(),
    }
    load_participants()
    counts.update(kpis_loader.load_kpis())
    counts["people"] = people.load_people()
    counts.update(reviews_demo.load())
    counts.update(results_demo.load())
    counts["publications"] = publish_demo()
    counts.update(live_year.load(today))
    counts.update(strategic_year.load())
    counts.update(forecast_loader.load(today))
    for name, n in counts.items():
        say(f"  {name}: {n} new")
    return counts
