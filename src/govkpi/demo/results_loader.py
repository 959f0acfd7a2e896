"""Demo results: FY2565 agencies' 12-month results (illustrative values, scored, approved and
published), Chachoengsao's eco-industrial-town KPI as seed 000 tells it, and FY2564 CDD's
monitoring-only results with its lessons learned. Idempotent: a round that has results is skipped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from govkpi.core.signals import announce_score_inputs_changed
from govkpi.demo.data import basket as basketdata
from govkpi.demo.data import cdd_2564
from govkpi.frameworks.choices import Measure
from govkpi.frameworks.models import Framework, Round
from govkpi.kpis.models import Kpi, KpiVersion
from govkpi.kpis.selectors import reportable_in_round
from govkpi.organisations.models import Organisation
from govkpi.results.models import LessonsLearned, Result, ResultState

ILLUSTRATIVE = "ข้อมูลตัวอย่าง (illustrative) ไม่ใช่ผลการดำเนินงานจริง"
#: where on the target ladder (0 = ขั้นต้น, 1 = มาตรฐาน, 2 = ขั้นสูง) an organisation's KPIs
#: land on average: a spread from below the ladder to beyond its top, so the bands vary.
PROFILES = (Decimal("2.2"), Decimal("1.8"), Decimal("1.4"), Decimal("1.0"), Decimal("0.6"), Decimal("0.1"))
APPROVAL_2565 = "ก.พ.ร. เห็นชอบผลการประเมินส่วนราชการ ปีงบประมาณ พ.ศ. 2565 (ตัวอย่าง)"


def _jitter(key: str) -> Decimal:
    """A stable pseudo-random offset in [-0.6, 0.6] from a key (the same on every load)."""
    n = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    return Decimal(n % 121 - 60) / Decimal(100)


def value_at(version: KpiVersion, position: Decimal) -> Decimal:
    """The result that sits at `position` on the version's target ladder (works for either direction)."""
    targets = [Decimal(str(t)) for t in version.targets]
    if len(targets) < 2:
        return targets[0] if targets else Decimal(0)
    top = len(targets) - 1
    index = min(max(int(position), 0), top - 1)
    step = targets[index + 1] - targets[index]
    value = targets[index] + (position - index) * step
    if version.measure == Measure.MILESTONE:
        return max(Decimal(0), value.to_integral_value(rounding=ROUND_HALF_UP))
    return max(Decimal(0), value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _results_for(
    framework: Framework, round_: Round, organisations: list[Organisation], state: str, when: dt.datetime
) -> list[Result]:
    rows: list[Result] = []
    for i, org in enumerate(organisations):
        profile = PROFILES[int(hashlib.sha256(org.code.encode()).hexdigest()[:4], 16) % len(PROFILES)]
        if i == 0:
            profile = PROFILES[0]
        for kpi, version in reportable_in_round(framework, round_, organisations=[org.pk]):
            position = profile + _jitter(f"{org.code}:{kpi.code}")
            rows.append(
                Result(
                    kpi=kpi,
                    round=round_,
                    version=version,
                    organisation=org,
                    value=value_at(version, position),
                    narrative_th=ILLUSTRATIVE,
                    state=state,
                    submitted_at=when,
                    endorsed_at=when,
                    verified_at=when,
                    approved_at=when if state == ResultState.APPROVED else None,
                    approval_ref_th=APPROVAL_2565 if state == ResultState.APPROVED else "",
                    is_locked=state == ResultState.APPROVED,
                )
            )
    return rows


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def load_agencies_2565() -> int:
    framework = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    round_ = framework.rounds.get(months=12)
    if Result.objects.filter(round=round_).exists():
        return 0
    orgs = list(Organisation.objects.filter(kpis__framework=framework).distinct().order_by("code"))
    rows = _results_for(framework, round_, orgs, ResultState.APPROVED, _aware(dt.date(2022, 12, 20)))
    bulk_create_with_history(rows, Result, batch_size=500, default_change_reason="ข้อมูลตัวอย่าง (demo)")
    announce_score_inputs_changed(framework_id=framework.pk, organisation_ids=None, round_id=round_.pk)
    return len(rows)  # published through a snapshot by demo.loader.publish_demo (31 ม.ค. 2566)


def load_chachoengsao_2565() -> int:
    """Seed 000: อ.ก.พ.ร. ครั้งที่ 6/2565 (22 ก.ย. 2565) approved Chachoengsao's eco-industrial-town result."""
    eco = basketdata.ECO_INDUSTRIAL_2565
    framework = Framework.objects.get(fiscal_year__year=2565, group="provinces")
    kpi = Kpi.objects.filter(framework=framework, lineage=eco.code).select_related("organisation").first()
    if kpi is None or Result.objects.filter(kpi=kpi).exists():
        return 0
    made = 0
    for rr in eco.results:
        round_ = framework.rounds.get(months=rr.round_months)
        version = kpi.versions.order_by("-number").first()
        if version is None:
            continue
        approved = rr.status == "approved"
        when = _aware(eco.result_approved_on or dt.date(2022, 9, 22))
        Result.objects.create(
            kpi=kpi,
            round=round_,
            version=version,
            organisation=kpi.organisation,
            value=rr.value,
            narrative_th=rr.note_th,
            state=ResultState.APPROVED if approved else ResultState.VERIFIED,
            verified_at=when,
            approved_at=when if approved else None,
            approval_ref_th="มติ อ.ก.พ.ร. เกี่ยวกับการประเมินส่วนราชการฯ ครั้งที่ 6/2565 (22 ก.ย. 2565)" if approved else "",
            is_locked=approved,
        )
        made += 1
    announce_score_inputs_changed(framework_id=framework.pk, organisation_ids=[kpi.organisation_id], round_id=None)
    return made


def load_cdd_2564() -> int:
    framework = Framework.objects.get(fiscal_year__year=2564, group="agencies")
    cdd = Organisation.objects.get(code=cdd_2564.ORGANISATION)
    if Result.objects.filter(round__framework=framework, organisation=cdd).exists():
        return 0
    kpis = list(Kpi.objects.filter(framework=framework, organisation=cdd).order_by("order", "pk"))
    rows: list[Result] = []
    for kpi, spec in zip(kpis, cdd_2564.KPIS, strict=False):
        version = kpi.versions.order_by("-number").first()
        if version is None:
            continue
        for rr in spec.results:
            round_ = framework.rounds.get(months=rr.round_months)
            rows.append(
                Result(
                    kpi=kpi,
                    round=round_,
                    version=version,
                    organisation=cdd,
                    value=rr.value,
                    narrative_th=rr.note_th or ILLUSTRATIVE,
                    state=ResultState.VERIFIED,
                    verified_at=_aware(round_.closes_on),
                )
            )
    bulk_create_with_history(rows, Result, default_change_reason="ข้อมูลตัวอย่าง (demo)")
    LessonsLearned.objects.get_or_create(
        framework=framework, organisation=cdd, defaults={"text_th": cdd_2564.LESSONS_LEARNED_TH}
    )
    announce_score_inputs_changed(framework_id=framework.pk, organisation_ids=[cdd.pk], round_id=None)
    return len(rows)


def wanted() -> bool:
    """`GOVKPI_DEMO_RESULTS=0` leaves the demo's results out (a world before reporting began)."""
    return bool(settings.GOVKPI_DEMO_RESULTS)


@transaction.atomic
def load(*, force: bool = False) -> dict[str, int]:
    if not (force or wanted()):
        return {}
    return {
        "results FY2565 agencies": load_agencies_2565(),
        "results FY2565 Chachoengsao": load_chachoengsao_2565(),
        "results FY2564 CDD": load_cdd_2564(),
    }
