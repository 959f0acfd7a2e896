"""A held-out year with a five-level ladder, like the tester's FY2569 world: components 60/40, targets
worth 60/70/80/90/100 points, 30 points below the lowest target, four bands.

Built the way OPDC would until the designer pages exist: `framework_copy` of FY2566, then direct
edits of its rows. Idempotent, so the browser tests' app server (`run_in_app`) and the database
tests share it. The year is far ahead (the demo holds the live and previous years)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from govkpi.basket.models import BasketKpi
from govkpi.basket.services import basket_kpi_create
from govkpi.frameworks import services as framework_services
from govkpi.frameworks.models import Band, Framework, TargetLevel
from govkpi.kpis.models import Proposal
from govkpi.kpis.services import proposal_start

YEAR = 2575
GROUP = "agencies"
LADDER = (
    ("ขั้นต้น", "Threshold", 60),
    ("ขั้นพื้นฐาน", "Basic", 70),
    ("มาตรฐาน", "Standard", 80),
    ("ขั้นดี", "Good", 90),
    ("ขั้นสูง", "Advanced", 100),
)
BANDS = (("ดีเยี่ยม", "Excellent", 90), ("ดี", "Good", 75), ("พอใช้", "Fair", 60), ("ต้องปรับปรุง", "Needs work", 0))
#: A Basket entry recommending five targets only, and one recommending three only.
FIVE = "L75-005"
THREE = "L75-003"


def _user(username: str):  # type: ignore[no-untyped-def]
    return get_user_model().objects.get(username=username)


def five_level_framework() -> Framework:
    existing = Framework.objects.filter(fiscal_year__year=YEAR, group=GROUP).first()
    if existing is not None:
        return existing
    admin = _user("opdc.admin")
    source = Framework.objects.get(fiscal_year__year=2566, group=GROUP)
    today = dt.date.today()
    framework = framework_services.framework_copy(
        source, year=YEAR, proposal_deadline=today + dt.timedelta(days=60), by=admin
    )
    framework.below_lowest_points = Decimal(30)
    framework.save()
    for component, weight in (("performance", 60), ("potential", 40)):
        framework.components.filter(code=component).update(weight=Decimal(weight), min_kpis=1)
    framework.target_levels.all().delete()
    for order, (name_th, name_en, points) in enumerate(LADDER, start=1):
        TargetLevel.objects.create(
            framework=framework, order=order, name_th=name_th, name_en=name_en, points=Decimal(points)
        )
    framework.bands.all().delete()
    for name_th, name_en, minimum in BANDS:
        Band.objects.create(framework=framework, name_th=name_th, name_en=name_en, min_score=Decimal(minimum))
    # A copy is a draft; organisations see the year once OPDC announces it.
    framework_services.framework_announce(framework=framework, by=admin)
    # Reporting is open now, whatever today is, so results can be sent through the services (a
    # test's shortcut: the designer would refuse rounds outside the year).
    framework.rounds.update(opens_on=today - dt.timedelta(days=30), closes_on=today + dt.timedelta(days=60))
    return framework


def basket_entries() -> None:
    """Two entries OPDC curates for the year: one recommending five targets, one three only."""
    admin = _user("opdc.admin")
    for code, targets, name in (
        (FIVE, ["50", "60", "70", "80", "90"], "ร้อยละของบริการที่ยื่นคำขอผ่านช่องทางดิจิทัลได้ครบทุกขั้นตอน"),
        (THREE, ["10", "12", "15"], "จำนวนชุดข้อมูลเปิดที่เผยแพร่และปรับปรุงตามรอบ"),
    ):
        if not BasketKpi.objects.filter(code=code).exists():
            basket_kpi_create(
                by=admin,
                data={
                    "code": code,
                    "group": GROUP,
                    "name_th": name,
                    "unit_th": "ร้อยละ" if code == FIVE else "ชุด",
                    "direction": "higher_is_better",
                    "recommended_targets": targets,
                    "tunable_fields": ["targets", "weight"],
                },
            )


def cdd_proposal() -> Proposal:
    """CDD's draft proposal in the five-level year."""
    framework = five_level_framework()
    existing = Proposal.objects.filter(framework=framework, organisation__code="CDD").first()
    if existing is not None:
        return existing
    return proposal_start(framework=framework, by=_user("cdd.coord"))


def prepare() -> Proposal:
    five_level_framework()
    basket_entries()
    return cdd_proposal()
