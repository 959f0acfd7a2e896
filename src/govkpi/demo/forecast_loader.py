"""Early-warning demo: the live previous year's 6-month results of the demo organisations, some
with a delivery confidence of at risk or off track and a reason, so the dashboards' "most at
risk" lists and the forecast pages have something to show after `make run`.

Deterministic and small (four organisations); nothing is loaded when "today" is inside the seeds'
own years (the live year module loads nothing then either)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from govkpi.core.signals import announce_score_inputs_changed
from govkpi.core.thaidates import fiscal_year_of
from govkpi.demo.results_loader import ILLUSTRATIVE, value_at
from govkpi.frameworks.models import Framework
from govkpi.kpis.selectors import reportable_in_round
from govkpi.organisations.models import Organisation
from govkpi.results.models import Confidence, Result, ResultState

#: organisation → where its 6-month values sit on the ladder (0 = lowest target, 2 = top)
POSITIONS = {"CDD": Decimal("1.6"), "MOF": Decimal("0.2"), "P24": Decimal("0.9"), "P40": Decimal("-0.6")}
#: (organisation, KPI order) → what its coordinator says of the year-end
SAID = {
    ("MOF", 1): (Confidence.OFF_TRACK, "งบประมาณลงทุนได้รับจัดสรรล่าช้า 3 เดือน โครงการหลักยังไม่เริ่ม (ข้อมูลตัวอย่าง)"),
    ("MOF", 2): (Confidence.AT_RISK, "รอผลการจัดซื้อจัดจ้างระบบใหม่ (ข้อมูลตัวอย่าง)"),
    ("P24", 1): (Confidence.AT_RISK, "ภัยแล้งกระทบผลผลิตการเกษตรไตรมาส 2 (ข้อมูลตัวอย่าง)"),
    ("P40", 2): (Confidence.OFF_TRACK, "ผู้รับจ้างทิ้งงาน ต้องประกวดราคาใหม่ (ข้อมูลตัวอย่าง)"),
    ("CDD", 1): (Confidence.ON_TRACK, ""),
}


@transaction.atomic
def load(today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    framework_year = fiscal_year_of(today) - 1
    made = 0
    for framework in Framework.objects.filter(fiscal_year__year=framework_year, published_at__isnull=True):
        round_ = framework.rounds.filter(months=6).first()
        if round_ is None or Result.objects.filter(round=round_).exists():
            continue
        when = timezone.make_aware(dt.datetime.combine(round_.closes_on, dt.time(10, 0)))
        rows: list[Result] = []
        for code, position in POSITIONS.items():
            organisation = Organisation.objects.filter(code=code).first()
            if organisation is None:
                continue
            in_round = reportable_in_round(framework, round_, organisations=[organisation.pk])
            for order, (kpi, version) in enumerate(in_round, start=1):
                confidence, reason = SAID.get((code, order), ("", ""))
                rows.append(
                    Result(
                        kpi=kpi,
                        round=round_,
                        version=version,
                        organisation=organisation,
                        value=value_at(version, position + Decimal(order % 3) / 4),
                        narrative_th=ILLUSTRATIVE,
                        confidence=confidence,
                        confidence_reason_th=reason,
                        state=ResultState.VERIFIED,
                        submitted_at=when,
                        endorsed_at=when,
                        verified_at=when,
                    )
                )
        bulk_create_with_history(rows, Result, default_change_reason="ข้อมูลตัวอย่าง (demo)")
        # The one stored-score path gives these results their points and the round its scorecards.
        announce_score_inputs_changed(
            framework_id=framework.pk, organisation_ids=sorted({r.organisation_id for r in rows}), round_id=round_.pk
        )
        made += len(rows)
    return {"6-month results with confidence (early warning)": made}
