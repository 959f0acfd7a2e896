"""Everything wrong with a stored framework, in one list: the designer's page, the API and
`govkpi framework check` all call `framework_problems`, and announcing refuses while it is not empty.

The scoring rules (ladder, components and weights, bands) are the pure engine's
(`scoring.validate_framework_design`); the rules that need the database or the calendar (rounds in
the fiscal year, deadlines, participants, KPI types) are here. Field paths follow the engine's
(`framework.rounds[0].closes_on`), so a page can put each message beside its field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.apps import apps

from govkpi import scoring
from govkpi.core.errors import Invalid
from govkpi.core.thaidates import format_date
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import Framework
from govkpi.frameworks.selectors import scoring_framework
from govkpi.scoring import Problem

ROUND_MONTHS = (6, 9, 12)


def kpi_type_codes() -> list[str]:
    """The KPI types there are (`kpis.choices.KpiType`), read through the Kpi model's field: kpis
    sits above frameworks in the layers, so frameworks stores codes and never imports it."""
    field = apps.get_model("kpis", "Kpi")._meta.get_field("kpi_type")
    return [str(code) for code, _label in field.choices or []]


def framework_problems(framework: Framework) -> list[Problem]:
    """Every broken rule of the framework, scoring's and the database's, all at once."""
    problems = list(scoring.validate_framework_design(scoring_framework(framework)))
    problems += _name_problems(framework)
    problems += _round_problems(framework)
    problems += _kpi_type_problems(framework)
    problems += _participant_problems(framework)
    return problems


def problems_of_part(problems: Sequence[Problem], part: str) -> list[Problem]:
    """The problems whose field lies under `framework.<part>` (e.g. "target_levels")."""
    prefixes = _PARTS.get(part, (f"framework.{part}",))
    return [p for p in problems if (p.field or "").startswith(prefixes)]


#: A part of the designer and the fields its problems may name.
_PARTS: dict[str, tuple[str, ...]] = {
    "ladder": ("framework.target_levels", "framework.below_lowest_points"),
    "components": ("framework.components",),
    "bands": ("framework.bands",),
    "rounds": ("framework.rounds", "framework.proposal_deadline"),
    "participants": ("framework.participants",),
    "settings": ("framework.name_th", "framework.kpi_types", "framework.proposal_deadline"),
}


def refuse_problems(problems: Sequence[Problem]) -> None:
    """Raise `Invalid` naming the first problem and listing all (nothing is saved)."""
    if not problems:
        return
    first = problems[0]
    raise Invalid(
        f"กรอบการประเมินยังไม่ถูกต้อง {len(problems)} ข้อ: {first.message_th}",
        f"The framework has {len(problems)} problem(s): {first.message_en}",
        field=first.field,
        problems=[p.as_dict() for p in problems],
    )


def _name_problems(framework: Framework) -> list[Problem]:
    if framework.name_th.strip():
        return []
    return [Problem("name_missing", "ต้องระบุชื่อกรอบการประเมิน", "The framework needs a name", field="framework.name_th")]


def _round_problems(framework: Framework) -> list[Problem]:
    problems: list[Problem] = []
    year = framework.fiscal_year
    rounds = sorted(framework.rounds.all(), key=lambda r: r.months)
    if not rounds:
        problems.append(
            Problem(
                "rounds_missing",
                "กรอบการประเมินต้องมีรอบการประเมินอย่างน้อย 1 รอบ",
                "The framework needs at least one round",
                field="framework.rounds",
            )
        )
    for i, r in enumerate(rounds):
        path = f"framework.rounds[{i}]"
        if r.months not in ROUND_MONTHS:
            problems.append(
                Problem(
                    "round_months_invalid",
                    f"รอบการประเมินต้องเป็น 6, 9 หรือ 12 เดือน (ได้ {r.months})",
                    f"A round is of 6, 9 or 12 months (got {r.months})",
                    field=f"{path}.months",
                )
            )
        if r.closes_on <= r.opens_on:
            problems.append(
                Problem(
                    "round_closes_before_opens",
                    f"รอบ {r.months} เดือน: วันปิดรับรายงาน ({format_date(r.closes_on)}) ต้องอยู่หลังวันเปิด"
                    f" ({format_date(r.opens_on)})",
                    f"{r.months}-month round: it must close ({r.closes_on}) after it opens ({r.opens_on})",
                    field=f"{path}.closes_on",
                )
            )
        # A round reports on the fiscal year, so it opens inside it; reports of the last round are
        # sent in the weeks after the year ends, so the close may fall up to six months later.
        if not year.starts_on <= r.opens_on <= year.ends_on:
            problems.append(
                Problem(
                    "round_outside_year",
                    f"รอบ {r.months} เดือน: วันเปิดรับรายงาน ({format_date(r.opens_on)}) ต้องอยู่ในปีงบประมาณ"
                    f" พ.ศ. {year.year} ({format_date(year.starts_on)} – {format_date(year.ends_on)})",
                    f"{r.months}-month round: it must open ({r.opens_on}) inside fiscal year {year.year}"
                    f" ({year.starts_on} – {year.ends_on})",
                    field=f"{path}.opens_on",
                )
            )
        if r.closes_on > _latest_close(year.ends_on):
            problems.append(
                Problem(
                    "round_closes_too_late",
                    f"รอบ {r.months} เดือน: วันปิดรับรายงาน ({format_date(r.closes_on)}) ต้องไม่เกิน 6 เดือนหลังสิ้นปีงบประมาณ",
                    f"{r.months}-month round: it must close ({r.closes_on}) within six months of the fiscal year's end",
                    field=f"{path}.closes_on",
                )
            )
    deadline = framework.proposal_deadline
    if deadline is not None and deadline > year.ends_on:
        problems.append(
            Problem(
                "proposal_deadline_after_year",
                f"กำหนดส่งข้อเสนอตัวชี้วัด ({format_date(deadline)}) ต้องไม่เกินวันสิ้นปีงบประมาณ ({format_date(year.ends_on)})",
                f"The proposal deadline ({deadline}) must not be after the fiscal year ends ({year.ends_on})",
                field="framework.proposal_deadline",
            )
        )
    return problems


def _latest_close(ends_on: dt.date) -> dt.date:
    return ends_on + dt.timedelta(days=183)


def _kpi_type_problems(framework: Framework) -> list[Problem]:
    known = kpi_type_codes()
    types = framework.kpi_types if isinstance(framework.kpi_types, list) else []
    if not types:
        return [
            Problem(
                "kpi_types_missing",
                "ต้องเลือกประเภทตัวชี้วัดที่เสนอได้อย่างน้อย 1 ประเภท",
                "Choose at least one KPI type organisations may propose",
                field="framework.kpi_types",
            )
        ]
    return [
        Problem(
            "kpi_type_unknown",
            f"ไม่รู้จักประเภทตัวชี้วัด '{code}' (ที่มี: {', '.join(known)})",
            f"Unknown KPI type '{code}' (known: {', '.join(known)})",
            field="framework.kpi_types",
        )
        for code in types
        if code not in known
    ]


def _participant_problems(framework: Framework) -> list[Problem]:
    participants = list(framework.participants.order_by("code").values_list("code", "kind"))
    if not participants:
        return [
            Problem(
                "participants_missing",
                "กรอบการประเมินต้องมีหน่วยงานรับการประเมินอย่างน้อย 1 หน่วยงาน",
                "The framework needs at least one participating organisation",
                field="framework.participants",
            )
        ]
    province_group = framework.group == GroupCode.PROVINCES
    wrong = [code for code, kind in participants if (kind == "province") != province_group]
    if not wrong:
        return []
    shown = ", ".join(wrong[:10]) + (" …" if len(wrong) > 10 else "")
    if province_group:
        th, en = f"กรอบการประเมินของจังหวัดรับเฉพาะจังหวัด: {shown}", f"A provinces' framework takes provinces only: {shown}"
    else:
        th, en = f"กรอบการประเมินของส่วนราชการไม่รับจังหวัด: {shown}", f"An agencies' framework takes no provinces: {shown}"
    return [Problem("participant_wrong_group", th, en, field="framework.participants")]
