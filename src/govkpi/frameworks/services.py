"""Writes of fiscal years and frameworks: the framework designer (docs/framework-designer.md).

`framework_copy` starts next year's framework as a copy of this year's, then OPDC adjusts it. It
copies the rules (components, target ladder, bands), the reporting rounds moved by the difference
in years, the participants and the KPI types; never KPIs, proposals or results, which belong to the
organisations of each year. A new or copied framework is a draft that only OPDC sees
(`selectors.frameworks_visible`) until `framework_announce`.

Each `framework_set_*` replaces one part of the designer at once and refuses (nothing saved) when
the part breaks a rule of `validation.framework_problems`; an announced framework must stay free of
every problem. Rows are updated in place (a component keeps its KPIs, a round its results), every
row saved with its history user, and an announced framework is rescored once at the end through
the one stored-score path (`score_inputs.rescore_once`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from govkpi import scoring
from govkpi.core.errors import Conflict, Invalid, NotAllowed, NotFound
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import Band, Component, FiscalYear, Framework, Round, TargetLevel
from govkpi.frameworks.score_inputs import rescore_once
from govkpi.frameworks.validation import (
    framework_problems,
    kpi_type_codes,
    problems_of_part,
    refuse_problems,
)
from govkpi.notifications.services import notify
from govkpi.organisations.access import viewer_for
from govkpi.organisations.choices import OrganisationKind
from govkpi.organisations.models import Organisation

_M = TypeVar("_M", bound=models.Model)


def shift_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 Feb becomes 28 Feb in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _renamed(text: str, source_year: int, year: int) -> str:
    return text.replace(str(source_year), str(year)).replace(str(source_year - 543), str(year - 543))


@transaction.atomic
def framework_copy(
    source: Framework,
    *,
    year: int,
    proposal_deadline: dt.date | None = None,
    by: Any = None,
) -> Framework:
    """A new framework of fiscal `year` (BE) for the source's group, with the source's rules and
    participants and its rounds moved to the new year. The proposal deadline moves too unless given.

    The copy is a draft (not announced). Raises Conflict when the year already has a framework for
    that group, NotAllowed when `by` is given and is not an OPDC administrator."""
    if by is not None:
        check_may_design(by)
    if year < 2500:
        raise Invalid("ปีงบประมาณต้องเป็นปี พ.ศ.", "The fiscal year must be in the Buddhist era.", field="year")
    if Framework.objects.filter(fiscal_year__year=year, group=source.group).exists():
        raise Conflict(
            f"ปีงบประมาณ {year} มีกรอบการประเมินกลุ่มนี้แล้ว",
            f"Fiscal year {year} already has a framework for this group.",
            field="year",
        )
    delta = year - source.fiscal_year.year
    fiscal_year, _ = FiscalYear.objects.get_or_create(year=year)
    framework = Framework(
        fiscal_year=fiscal_year,
        group=source.group,
        name_th=_renamed(source.name_th, source.fiscal_year.year, year),
        name_en=_renamed(source.name_en, source.fiscal_year.year, year),
        below_lowest_points=source.below_lowest_points,
        # A monitoring-only year (COVID-19) was an exception; the copy is an ordinary year.
        monitoring_only=False,
        proposal_deadline=proposal_deadline
        or (shift_years(source.proposal_deadline, delta) if source.proposal_deadline else None),
        appeal_window_days=source.appeal_window_days,
        distinct_opdc_reviewers=source.distinct_opdc_reviewers,
        kpi_types=list(source.kpi_types or kpi_type_codes()),
    )
    _audited(framework, by).save()
    rows: list[models.Model] = []
    rows += [
        Component(
            framework=framework,
            code=c.code,
            name_th=c.name_th,
            name_en=c.name_en,
            weight=c.weight,
            min_kpis=c.min_kpis,
            max_kpis=c.max_kpis,
            order=c.order,
        )
        for c in source.components.order_by("order")
    ]
    rows += [
        TargetLevel(framework=framework, order=lv.order, name_th=lv.name_th, name_en=lv.name_en, points=lv.points)
        for lv in source.target_levels.order_by("order")
    ]
    rows += [
        Band(framework=framework, name_th=b.name_th, name_en=b.name_en, min_score=b.min_score, colour=b.colour)
        for b in source.bands.order_by("-min_score")
    ]
    rows += [
        Round(
            framework=framework,
            months=r.months,
            opens_on=shift_years(r.opens_on, delta),
            closes_on=shift_years(r.closes_on, delta),
        )
        for r in source.rounds.order_by("months")
    ]
    # A new draft has no scores: nothing to rescore while its rows are made.
    with rescore_once(by):
        for row in rows:
            _audited(row, by).save()
    # One INSERT for the participants (76 provinces), not one per row; history records the set.
    framework.participants.set(source.participants.all())
    return framework


# --- who designs -----------------------------------------------------------------------------------


def check_may_design(by: Any) -> None:
    """Designing and announcing frameworks is the OPDC administrator's right (desk officers read)."""
    if not viewer_for(by).is_opdc_admin:
        raise NotAllowed(
            "เฉพาะผู้ดูแลระบบของสำนักงาน ก.พ.ร. ออกแบบและประกาศกรอบการประเมินได้",
            "Only an OPDC administrator may design and announce frameworks.",
        )


def _audited(row: _M, by: Any) -> _M:
    if by is not None:
        row._history_user = by  # type: ignore[attr-defined]
    return row


def _default_name(year: int, group: str) -> tuple[str, str]:
    if group == GroupCode.PROVINCES:
        return (
            f"กรอบการประเมินผลการปฏิบัติราชการของจังหวัด ประจำปีงบประมาณ พ.ศ. {year}",
            f"Provinces' performance evaluation framework, fiscal year {year - 543}",
        )
    return (
        f"กรอบการประเมินผลการปฏิบัติราชการของส่วนราชการ ประจำปีงบประมาณ พ.ศ. {year}",
        f"Agencies' performance evaluation framework, fiscal year {year - 543}",
    )


# --- create ----------------------------------------------------------------------------------------


COMPONENT_NAMES = {
    "performance": ("การประเมินประสิทธิผลการดำเนินงาน (Performance Base)", "Performance Base"),
    "potential": ("การประเมินศักยภาพในการดำเนินงาน (Potential Base)", "Potential Base"),
}


@transaction.atomic
def framework_create(*, year: int, group: str, by: Any, name_th: str = "", name_en: str = "") -> Framework:
    """A new draft framework from scratch, filled with the usual rules (Performance 70% with 3–5
    KPIs, Potential 30% with 2, the 50/75/100 ladder, three bands, rounds of 6 and 12 months, every
    KPI type) for OPDC to adjust; no participants yet."""
    check_may_design(by)
    if year < 2500 or year > 2700:
        raise Invalid("ปีงบประมาณต้องเป็นปี พ.ศ.", "The fiscal year must be in the Buddhist era.", field="year")
    if group not in GroupCode.values:
        raise Invalid(
            f"ไม่รู้จักกลุ่ม '{group}' (ที่มี: {', '.join(GroupCode.values)})",
            f"Unknown group '{group}' (known: {', '.join(GroupCode.values)})",
            field="group",
        )
    if Framework.objects.filter(fiscal_year__year=year, group=group).exists():
        raise Conflict(
            f"ปีงบประมาณ {year} มีกรอบการประเมินกลุ่มนี้แล้ว",
            f"Fiscal year {year} already has a framework for this group.",
            field="year",
        )
    fiscal_year, _ = FiscalYear.objects.get_or_create(year=year)
    default_th, default_en = _default_name(year, group)
    framework = _audited(
        Framework(
            fiscal_year=fiscal_year,
            group=group,
            name_th=name_th.strip() or default_th,
            name_en=name_en.strip() or default_en,
            kpi_types=kpi_type_codes(),
            proposal_deadline=dt.date(year - 543, 1, 31),
        ),
        by,
    )
    framework.save()
    rules = scoring.DEFAULT_FRAMEWORK
    with rescore_once(by):
        for order, c in enumerate(rules.components):
            th, en = COMPONENT_NAMES.get(c.code, (c.code, c.code))
            _audited(
                Component(
                    framework=framework,
                    code=c.code,
                    name_th=th,
                    name_en=en,
                    weight=c.weight,
                    min_kpis=c.min_kpis,
                    max_kpis=c.max_kpis,
                    order=order,
                ),
                by,
            ).save()
        english = {"ขั้นต้น": "Basic", "มาตรฐาน": "Standard", "ขั้นสูง": "Advanced"}
        for order, lv in enumerate(rules.target_levels, start=1):
            _audited(
                TargetLevel(
                    framework=framework,
                    order=order,
                    name_th=lv.name,
                    name_en=english.get(lv.name, ""),
                    points=lv.points,
                ),
                by,
            ).save()
        colours = ("#1a7f37", "#0969da", "#cf222e")
        for b, colour in zip(rules.bands, colours, strict=False):
            _audited(Band(framework=framework, name_th=b.name, min_score=b.min_score, colour=colour), by).save()
        ce = year - 543
        for months, opens, closes in (
            (6, dt.date(ce, 3, 15), dt.date(ce, 4, 30)),
            (12, dt.date(ce, 9, 1), dt.date(ce, 10, 31)),
        ):
            _audited(Round(framework=framework, months=months, opens_on=opens, closes_on=closes), by).save()
    return framework


# --- edit the parts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComponentSpec:
    code: str
    name_th: str
    weight: Decimal
    min_kpis: int
    max_kpis: int
    name_en: str = ""


@dataclass(frozen=True)
class LevelSpec:
    name_th: str
    points: Decimal
    name_en: str = ""


@dataclass(frozen=True)
class BandSpec:
    name_th: str
    min_score: Decimal
    colour: str = "#888888"
    name_en: str = ""


@dataclass(frozen=True)
class RoundSpec:
    months: int
    opens_on: dt.date
    closes_on: dt.date


#: The Framework fields `framework_update` may change.
SETTINGS_FIELDS = (
    "name_th",
    "name_en",
    "monitoring_only",
    "proposal_deadline",
    "kpi_types",
    "appeal_window_days",
    "distinct_opdc_reviewers",
)


def _locked(framework: Framework, by: Any) -> Framework:
    check_may_design(by)
    locked = Framework.objects.select_for_update().select_related("fiscal_year").filter(pk=framework.pk).first()
    if locked is None:
        raise NotFound("ไม่พบกรอบการประเมินนี้", "No such framework.")
    if locked.published_at is not None:
        # Published results are fixed; a change of rules after that is an amendment, not a design edit.
        raise Conflict(
            "กรอบการประเมินนี้เผยแพร่ผลแล้ว แก้ไขกฎการประเมินไม่ได้",
            "This framework's results are published: its rules can no longer change.",
            field="framework",
        )
    return locked


def _check(framework: Framework, part: str) -> None:
    """Refuse the write when it broke a rule: of its own part for a draft (a draft may still be
    incomplete elsewhere), of any part for an announced framework (organisations work under it)."""
    problems = framework_problems(framework)
    refuse_problems(problems if framework.is_announced else problems_of_part(problems, part))


@transaction.atomic
def framework_update(*, framework: Framework, by: Any, values: Mapping[str, Any]) -> Framework:
    """Change the framework's own settings (names, monitoring only, proposal deadline, KPI types,
    appeal window); unknown keys are refused by name."""
    fw = _locked(framework, by)
    unknown = sorted(set(values) - set(SETTINGS_FIELDS))
    if unknown:
        raise Invalid(
            f"แก้ไขช่องนี้ไม่ได้: {', '.join(unknown)}",
            f"These fields cannot be changed here: {', '.join(unknown)}",
            field=unknown[0],
        )
    for name, value in values.items():
        if name in {"name_th", "name_en"}:
            value = str(value or "").strip()
        if name == "kpi_types":
            # In the choices' order; unknown codes stay so the check names them.
            chosen, known = {str(v) for v in (value or [])}, kpi_type_codes()
            value = [c for c in known if c in chosen] + sorted(chosen - set(known))
        setattr(fw, name, value)
    with rescore_once(by):
        _audited(fw, by).save()
        _check(fw, "settings")
    return fw


@transaction.atomic
def framework_set_components(*, framework: Framework, by: Any, components: Sequence[ComponentSpec]) -> Framework:
    """The components in the order given; matched by code, so one that keeps its code keeps its KPIs.
    A component that KPIs still use cannot be removed."""
    fw = _locked(framework, by)
    existing = {c.code: c for c in fw.components.all()}
    wanted = [c.code.strip() for c in components]
    for code in set(existing) - set(wanted):
        if existing[code].pk and _component_in_use(existing[code]):
            raise Conflict(
                f"ลบองค์ประกอบ {existing[code].name_th} ไม่ได้ เพราะมีตัวชี้วัดอยู่ในองค์ประกอบนี้",
                f"Component {code} cannot be removed: KPIs belong to it.",
                field="components",
            )
    with rescore_once(by):
        for code in set(existing) - set(wanted):
            _audited(existing[code], by).delete()
        for order, spec in enumerate(components):
            row = existing.get(spec.code.strip()) or Component(framework=fw, code=spec.code.strip())
            row.name_th, row.name_en = spec.name_th.strip(), spec.name_en.strip()
            row.weight, row.min_kpis, row.max_kpis, row.order = spec.weight, spec.min_kpis, spec.max_kpis, order
            _audited(row, by).save()
        _check(fw, "components")
    return fw


def _component_in_use(component: Component) -> bool:
    from django.apps import apps

    # kpis sits above frameworks: ask through the app registry rather than import it.
    return bool(apps.get_model("kpis", "Kpi").objects.filter(component=component).exists())


@transaction.atomic
def framework_set_ladder(
    *, framework: Framework, by: Any, levels: Sequence[LevelSpec], below_lowest_points: Decimal | None = None
) -> Framework:
    """The target ladder, lowest rung first, and the points below its lowest target."""
    fw = _locked(framework, by)
    existing = {lv.order: lv for lv in fw.target_levels.all()}
    with rescore_once(by):
        for order in sorted(set(existing) - set(range(1, len(levels) + 1))):
            _audited(existing[order], by).delete()
        for order, spec in enumerate(levels, start=1):
            row = existing.get(order) or TargetLevel(framework=fw, order=order)
            row.name_th, row.name_en, row.points = spec.name_th.strip(), spec.name_en.strip(), spec.points
            _audited(row, by).save()
        if below_lowest_points is not None and below_lowest_points != fw.below_lowest_points:
            fw.below_lowest_points = below_lowest_points
            _audited(fw, by).save()
        _check(fw, "ladder")
    return fw


@transaction.atomic
def framework_set_bands(*, framework: Framework, by: Any, bands: Sequence[BandSpec]) -> Framework:
    """The bands from the highest minimum down (the order given is checked, not silently sorted)."""
    fw = _locked(framework, by)
    existing = list(fw.bands.order_by("-min_score", "pk"))
    with rescore_once(by):
        for row in existing[len(bands) :]:
            _audited(row, by).delete()
        for i, spec in enumerate(bands):
            row = existing[i] if i < len(existing) else Band(framework=fw)
            row.name_th, row.name_en = spec.name_th.strip(), spec.name_en.strip()
            row.min_score, row.colour = spec.min_score, (spec.colour or "#888888")[:7]
            _audited(row, by).save()
        _check_band_order(bands)
        _check(fw, "bands")
    return fw


def _check_band_order(bands: Sequence[BandSpec]) -> None:
    # The table stores bands by minimum, so the order typed is checked here, before it is lost.
    refuse_problems(
        [
            p
            for p in scoring.validate_framework_design(
                scoring.Framework(
                    target_levels=(),
                    components=(),
                    bands=tuple(scoring.Band(name=b.name_th, min_score=b.min_score) for b in bands),
                )
            )
            if p.rule == "band_order"
        ]
    )


@transaction.atomic
def framework_set_rounds(*, framework: Framework, by: Any, rounds: Sequence[RoundSpec]) -> Framework:
    """The rounds (6, 9, 12 months) with their dates; matched by months, so a round keeps its
    results. A round with results or publications cannot be removed."""
    fw = _locked(framework, by)
    months = [r.months for r in rounds]
    if len(set(months)) != len(months):
        raise Invalid("รอบการประเมินซ้ำกัน", "A round is listed twice.", field="rounds")
    existing = {r.months: r for r in fw.rounds.all()}
    with rescore_once(by):
        for m in sorted(set(existing) - set(months)):
            try:
                with transaction.atomic():
                    _audited(existing[m], by).delete()
            except models.ProtectedError as exc:
                raise Conflict(
                    f"ลบรอบ {m} เดือนไม่ได้ เพราะมีผลการดำเนินงานหรือการเผยแพร่ในรอบนี้แล้ว",
                    f"The {m}-month round cannot be removed: it has results or publications.",
                    field="rounds",
                ) from exc
        for spec in rounds:
            row = existing.get(spec.months) or Round(framework=fw, months=spec.months)
            row.opens_on, row.closes_on = spec.opens_on, spec.closes_on
            _audited(row, by).save()
        _check(fw, "rounds")
    return fw


@transaction.atomic
def framework_set_participants(*, framework: Framework, by: Any, organisations: Iterable[Organisation]) -> Framework:
    """Exactly these organisations take part (inactive ones are refused by code)."""
    fw = _locked(framework, by)
    chosen = list(organisations)
    inactive = sorted(o.code for o in chosen if not o.is_active)
    if inactive:
        raise Invalid(
            f"หน่วยงานนี้ยกเลิกแล้ว: {', '.join(inactive)}",
            f"These organisations are inactive: {', '.join(inactive)}",
            field="participants",
        )
    _audited(fw, by)
    fw.participants.set(chosen)
    _check(fw, "participants")
    return fw


def quick_participants(*, group: str = "", all_provinces: bool = False, ministry_code: str = "") -> list[Organisation]:
    """The organisations of a quick add: every active province, or every active organisation under
    a ministry (its departments and agencies)."""
    found: list[Organisation] = []
    if all_provinces:
        found += list(Organisation.objects.filter(kind=OrganisationKind.PROVINCE, is_active=True).order_by("code"))
    if ministry_code:
        ministry = Organisation.objects.filter(code=ministry_code.strip(), kind=OrganisationKind.MINISTRY).first()
        if ministry is None:
            raise Invalid(
                f"ไม่พบกระทรวงรหัส {ministry_code}",
                f"No ministry with code {ministry_code}",
                field="ministry",
            )
        # Provinces hang under MOI in the tree but are evaluated as provinces, not as its departments.
        found += list(
            Organisation.objects.filter(parent=ministry, is_active=True)
            .exclude(kind=OrganisationKind.PROVINCE)
            .order_by("code")
        )
    return found


@transaction.atomic
def framework_add_participants(
    *, framework: Framework, by: Any, all_provinces: bool = False, ministry_code: str = "", codes: Sequence[str] = ()
) -> int:
    """Add organisations to the participants (quick adds and codes); how many were new."""
    fw = _locked(framework, by)
    adding = quick_participants(all_provinces=all_provinces, ministry_code=ministry_code)
    if codes:
        by_code = {o.code: o for o in Organisation.objects.filter(code__in=[c.strip() for c in codes])}
        unknown = [c for c in codes if c.strip() not in by_code]
        if unknown:
            raise Invalid(
                f"ไม่พบหน่วยงานรหัส {', '.join(unknown)}",
                f"Unknown organisation code(s): {', '.join(unknown)}",
                field="codes",
            )
        adding += list(by_code.values())
    before = set(fw.participants.values_list("pk", flat=True))
    new = [o for o in {o.pk: o for o in adding}.values() if o.pk not in before]
    _audited(fw, by)
    fw.participants.add(*new)
    _check(fw, "participants")
    return len(new)


# --- announce --------------------------------------------------------------------------------------


@transaction.atomic
def framework_announce(*, framework: Framework, by: Any, notify_participants: bool = True) -> Framework:
    """Announce a draft: its participants now see it, start proposals under it and are told so (one
    notification each). Refused while the framework has any problem, or when already announced.
    `notify_participants=False` is for loading a world whose announcement is in the past (demo)."""
    if by is not None:
        check_may_design(by)
    fw = Framework.objects.select_for_update().select_related("fiscal_year").get(pk=framework.pk)
    if fw.announced_at is not None:
        raise Conflict("กรอบการประเมินนี้ประกาศแล้ว", "This framework is already announced.", field="framework")
    refuse_problems(framework_problems(fw))
    fw.announced_at = timezone.now()
    fw.announced_by = by
    _audited(fw, by).save(update_fields=["announced_at", "announced_by"])
    if notify_participants:
        users = (
            get_user_model()
            .objects.filter(is_active=True, person__organisation__in=fw.participants.all())
            .values_list("pk", flat=True)
        )
        notify(
            list(users),
            f"สำนักงาน ก.พ.ร. ประกาศ{fw.name_th}",
            "เริ่มจัดทำข้อเสนอตัวชี้วัดได้ตามกรอบการประเมินนี้",
            f"/frameworks/{fw.pk}/",
            group_key=f"framework-announced-{fw.pk}",
            kind="framework_announced",
            subject_en=f"OPDC announced {fw.name_en or fw.name_th}",
        )
    return fw
