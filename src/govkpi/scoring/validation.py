"""The rules a framework and a scorecard must satisfy before anything is scored.

Validation returns every problem at once, never only the first: an organisation fixing its KPI
sheet should see all that is wrong in one pass. Each problem names a stable rule code (listed in
docs/scorecard.md), the KPI or component, and the path of the value.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise

from govkpi.scoring.arith import CTX, HUNDRED, ZERO, is_number, plain
from govkpi.scoring.models import DIRECTIONS, Framework, KpiInput, Scorecard, TargetLevel
from govkpi.scoring.problems import Problem


def validate(scorecard: Scorecard) -> list[Problem]:
    """Every problem with the framework, each KPI, and each component's set of KPIs."""
    framework = scorecard.framework
    problems = validate_framework(framework)
    seen: dict[str, int] = {}
    for index, kpi in enumerate(scorecard.kpis):
        path = f"kpis[{index}]"
        problems.extend(kpi_problems(kpi, framework, path))
        if isinstance(kpi.code, str) and kpi.code:
            if kpi.code in seen:
                problems.append(
                    Problem(
                        "kpi_code_duplicate",
                        f"รหัสตัวชี้วัด {kpi.code} ซ้ำกับตัวชี้วัดลำดับที่ {seen[kpi.code] + 1}",
                        f"KPI code {kpi.code} is already used by KPI #{seen[kpi.code] + 1}",
                        kpi=kpi.code,
                        field=f"{path}.code",
                    )
                )
            else:
                seen[kpi.code] = index
    problems.extend(component_problems(scorecard))
    return problems


def validate_framework(framework: Framework) -> list[Problem]:
    """Every problem with the ladder, the components and the bands of a framework."""
    try:
        return list(_cached_framework_problems(framework))
    except TypeError:  # unhashable contents (a list inside a level, say): check uncached
        return list(_framework_problems(framework))


@lru_cache(maxsize=256)
def _cached_framework_problems(framework: Framework) -> tuple[Problem, ...]:
    # A framework is shared by every scorecard of a year, so checking it once per distinct
    # framework rather than once per scorecard takes most of validation's cost off scoring.
    return _framework_problems(framework)


def _framework_problems(framework: Framework) -> tuple[Problem, ...]:
    return (
        *_ladder_problems(framework),
        *_framework_component_problems(framework),
        *_band_problems(framework),
    )


def _ladder_problems(framework: Framework) -> list[Problem]:
    problems: list[Problem] = []
    levels = framework.target_levels
    if not levels:
        problems.append(
            Problem(
                "levels_missing",
                "กรอบการประเมินต้องมีค่าเป้าหมายอย่างน้อย 1 ขั้น",
                "The framework needs at least one target level",
                field="framework.target_levels",
            )
        )
    names: set[str] = set()
    previous: Decimal | None = None
    for i, level in enumerate(levels):
        path = f"framework.target_levels[{i}]"
        if not isinstance(level.name, str) or not level.name.strip():
            problems.append(
                Problem(
                    "level_name_invalid",
                    f"ค่าเป้าหมายขั้นที่ {i + 1} ต้องมีชื่อ",
                    f"Target level #{i + 1} needs a name",
                    field=f"{path}.name",
                )
            )
        elif level.name in names:
            problems.append(
                Problem(
                    "level_name_duplicate",
                    f"ชื่อขั้นค่าเป้าหมาย '{level.name}' ซ้ำกัน",
                    f"Target level name '{level.name}' is used twice",
                    field=f"{path}.name",
                )
            )
        else:
            names.add(level.name)
        if not is_number(level.points):
            problems.append(
                Problem(
                    "level_points_invalid",
                    f"คะแนนของค่าเป้าหมายขั้นที่ {i + 1} ต้องเป็นตัวเลข",
                    f"Points of target level #{i + 1} must be a finite number",
                    field=f"{path}.points",
                )
            )
            previous = None
            continue
        if previous is not None and not level.points > previous:
            problems.append(
                Problem(
                    "level_points_order",
                    f"คะแนนของค่าเป้าหมายต้องเพิ่มขึ้นตามขั้น: ขั้น '{level.name}' ได้"
                    f" {plain(level.points)} คะแนน ไม่มากกว่าขั้นก่อนหน้า ({plain(previous)})",
                    f"Target level points must strictly increase: '{level.name}'"
                    f" ({plain(level.points)}) is not above the level before it"
                    f" ({plain(previous)})",
                    field=f"{path}.points",
                )
            )
        previous = level.points

    below = framework.below_lowest_points
    if not is_number(below):
        problems.append(
            Problem(
                "below_lowest_points_invalid",
                "คะแนนเมื่อผลต่ำกว่าค่าเป้าหมายขั้นแรกต้องเป็นตัวเลข",
                "below_lowest_points must be a finite number",
                field="framework.below_lowest_points",
            )
        )
    elif levels and is_number(levels[0].points) and below > levels[0].points:
        # Otherwise reaching the lowest target would *lower* a KPI's points.
        problems.append(
            Problem(
                "below_lowest_points_too_high",
                f"คะแนนเมื่อผลต่ำกว่าค่าเป้าหมายขั้นแรก ({plain(below)}) ต้องไม่มากกว่าคะแนนของขั้นแรก ({plain(levels[0].points)})",
                f"Points below the lowest target ({plain(below)}) must not exceed the lowest"
                f" level's points ({plain(levels[0].points)})",
                field="framework.below_lowest_points",
            )
        )
    return problems


def _framework_component_problems(framework: Framework) -> list[Problem]:
    problems: list[Problem] = []
    if not framework.components:
        problems.append(
            Problem(
                "components_missing",
                "กรอบการประเมินต้องมีองค์ประกอบอย่างน้อย 1 องค์ประกอบ",
                "The framework needs at least one component",
                field="framework.components",
            )
        )
    codes: set[str] = set()
    total = ZERO
    all_numeric = True
    for i, rule in enumerate(framework.components):
        path = f"framework.components[{i}]"
        code = rule.code if isinstance(rule.code, str) else None
        if not code:
            problems.append(
                Problem(
                    "component_code_invalid",
                    f"องค์ประกอบลำดับที่ {i + 1} ต้องมีรหัส",
                    f"Component #{i + 1} needs a code",
                    field=f"{path}.code",
                )
            )
        elif code in codes:
            problems.append(
                Problem(
                    "component_code_duplicate",
                    f"รหัสองค์ประกอบ {code} ซ้ำกัน",
                    f"Component code {code} is used twice",
                    field=f"{path}.code",
                    component=code,
                )
            )
        else:
            codes.add(code)
        if not is_number(rule.weight):
            all_numeric = False
            problems.append(
                Problem(
                    "component_weight_invalid",
                    f"น้ำหนักขององค์ประกอบ {code} ต้องเป็นตัวเลข",
                    f"The weight of component {code} must be a finite number",
                    field=f"{path}.weight",
                    component=code,
                )
            )
        elif rule.weight <= 0:
            all_numeric = False
            problems.append(
                Problem(
                    "component_weight_not_positive",
                    f"น้ำหนักขององค์ประกอบ {code} ต้องมากกว่า 0 (ได้ {plain(rule.weight)})",
                    f"The weight of component {code} must be positive (got {plain(rule.weight)})",
                    field=f"{path}.weight",
                    component=code,
                )
            )
        else:
            total = CTX.add(total, rule.weight)
        if not _is_count(rule.min_kpis) or not _is_count(rule.max_kpis) or (rule.max_kpis < rule.min_kpis):
            problems.append(
                Problem(
                    "component_kpi_range",
                    f"จำนวนตัวชี้วัดขั้นต่ำ–สูงสุดขององค์ประกอบ {code} ไม่ถูกต้อง ({rule.min_kpis}–{rule.max_kpis})",
                    f"Component {code} has an invalid range of KPI counts ({rule.min_kpis}–{rule.max_kpis})",
                    field=path,
                    component=code,
                )
            )
    # Weights are percent of the whole: only then is the total a score out of 100.
    if framework.components and all_numeric and total != HUNDRED:
        problems.append(
            Problem(
                "component_weights_total",
                f"น้ำหนักขององค์ประกอบทั้งหมดรวมกันต้องเท่ากับร้อยละ 100 (รวมได้ {plain(total)})",
                f"Component weights must add up to 100 (they add up to {plain(total)})",
                field="framework.components",
            )
        )
    return problems


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _band_problems(framework: Framework) -> list[Problem]:
    problems: list[Problem] = []
    if not framework.bands and not framework.monitoring_only:
        problems.append(
            Problem(
                "bands_missing",
                "กรอบการประเมินที่จัดระดับผลต้องมีเกณฑ์ระดับอย่างน้อย 1 ระดับ",
                "A framework that bands its results needs at least one band",
                field="framework.bands",
            )
        )
    names: set[str] = set()
    minimums: dict[Decimal, str] = {}
    for i, band in enumerate(framework.bands):
        path = f"framework.bands[{i}]"
        if not isinstance(band.name, str) or not band.name.strip():
            problems.append(
                Problem(
                    "band_name_invalid",
                    f"ระดับลำดับที่ {i + 1} ต้องมีชื่อ",
                    f"Band #{i + 1} needs a name",
                    field=f"{path}.name",
                )
            )
        elif band.name in names:
            problems.append(
                Problem(
                    "band_name_duplicate",
                    f"ชื่อระดับ '{band.name}' ซ้ำกัน",
                    f"Band name '{band.name}' is used twice",
                    field=f"{path}.name",
                )
            )
        else:
            names.add(band.name)
        if not is_number(band.min_score):
            problems.append(
                Problem(
                    "band_min_invalid",
                    f"คะแนนขั้นต่ำของระดับ '{band.name}' ต้องเป็นตัวเลข",
                    f"The minimum score of band '{band.name}' must be a finite number",
                    field=f"{path}.min_score",
                )
            )
        elif band.min_score in minimums:
            other = minimums[band.min_score]
            problems.append(
                Problem(
                    "band_min_duplicate",
                    f"คะแนนขั้นต่ำ {plain(band.min_score)} ของระดับ '{band.name}' ซ้ำกับระดับ '{other}'",
                    f"Band '{band.name}' has the same minimum score ({plain(band.min_score)}) as band '{other}'",
                    field=f"{path}.min_score",
                )
            )
        else:
            minimums[band.min_score] = band.name
    return problems


def validate_framework_design(framework: Framework) -> list[Problem]:
    """`validate_framework` plus the rules OPDC's designer holds a new framework to before it is
    announced: a ladder of at least two rungs, and bands listed from the highest minimum down,
    each within 0–100, the lowest starting at 0 so that every total has a band.

    Scoring itself stays lenient (a one-rung ladder or a gap under the lowest band still scores):
    frameworks stored before the designer must keep scoring as they did."""
    problems = validate_framework(framework)
    levels = framework.target_levels
    if len(levels) == 1:
        problems.append(
            Problem(
                "levels_too_few",
                "บันไดค่าเป้าหมายต้องมีอย่างน้อย 2 ขั้น",
                "The target ladder needs at least two levels",
                field="framework.target_levels",
            )
        )
    if framework.monitoring_only:
        return problems
    previous: Decimal | None = None
    for i, band in enumerate(framework.bands):
        if not is_number(band.min_score):
            previous = None
            continue
        path = f"framework.bands[{i}].min_score"
        if band.min_score < ZERO or band.min_score > HUNDRED:
            problems.append(
                Problem(
                    "band_min_out_of_range",
                    f"คะแนนขั้นต่ำของระดับ '{band.name}' ต้องอยู่ระหว่าง 0 ถึง 100 (ได้ {plain(band.min_score)})",
                    f"The minimum score of band '{band.name}' must be between 0 and 100 (got {plain(band.min_score)})",
                    field=path,
                )
            )
        if previous is not None and band.min_score > previous:
            problems.append(
                Problem(
                    "band_order",
                    f"ระดับต้องเรียงจากคะแนนขั้นต่ำมากไปน้อย: ระดับ '{band.name}' ({plain(band.min_score)})"
                    f" อยู่ต่ำกว่าระดับที่มีคะแนนขั้นต่ำ {plain(previous)}",
                    f"Bands must be listed from the highest minimum down: '{band.name}' ({plain(band.min_score)})"
                    f" comes after a band starting at {plain(previous)}",
                    field=path,
                )
            )
        previous = band.min_score
    numbers = [b.min_score for b in framework.bands if is_number(b.min_score)]
    if numbers and min(numbers) != ZERO:
        problems.append(
            Problem(
                "bands_not_from_zero",
                f"ระดับต่ำสุดต้องเริ่มที่ 0 คะแนน เพื่อให้ทุกคะแนนรวมมีระดับ (ต่ำสุดเริ่มที่ {plain(min(numbers))})",
                f"The lowest band must start at 0 so that every total has a band (it starts at {plain(min(numbers))})",
                field=f"framework.bands[{len(framework.bands) - 1}].min_score",
            )
        )
    return problems


def kpi_problems(kpi: KpiInput, framework: Framework, path: str = "kpi") -> list[Problem]:
    """Problems with one KPI on its own: code, component, weight, direction, targets, result.

    What needs the other KPIs (duplicate codes, weight sums, counts) is `validate`'s job."""
    problems: list[Problem] = []
    code = kpi.code if isinstance(kpi.code, str) and kpi.code else None
    if code is None:
        problems.append(
            Problem(
                "kpi_code_invalid",
                "ตัวชี้วัดต้องมีรหัส",
                "A KPI needs a code",
                field=f"{path}.code",
            )
        )
    label = code or path
    if framework.component(kpi.component) is None:
        problems.append(
            Problem(
                "kpi_component_unknown",
                f"ตัวชี้วัด {label} อยู่ในองค์ประกอบ '{kpi.component}' ซึ่งไม่มีในกรอบการประเมิน",
                f"KPI {label} names component '{kpi.component}', which the framework does not have",
                kpi=code,
                field=f"{path}.component",
            )
        )
    problems.extend(_weight_problems(kpi, label, code, path))
    if kpi.direction not in DIRECTIONS:
        problems.append(
            Problem(
                "kpi_direction_invalid",
                f"ทิศทางของตัวชี้วัด {label} ต้องเป็น higher_is_better (ยิ่งมากยิ่งดี) หรือ"
                f" lower_is_better (ยิ่งน้อยยิ่งดี) ไม่ใช่ '{kpi.direction}'",
                f"KPI {label} direction must be higher_is_better or lower_is_better, not '{kpi.direction}'",
                kpi=code,
                field=f"{path}.direction",
            )
        )
    problems.extend(_target_problems(kpi, framework, label, code, path))
    if kpi.result is not None and not is_number(kpi.result):
        problems.append(
            Problem(
                "kpi_result_invalid",
                f"ผลการดำเนินงานของตัวชี้วัด {label} ต้องเป็นตัวเลข หรือเว้นว่างหากยังไม่มีผล",
                f"KPI {label} result must be a finite number, or null while there is none",
                kpi=code,
                field=f"{path}.result",
            )
        )
    return problems


def _weight_problems(kpi: KpiInput, label: str, code: str | None, path: str) -> list[Problem]:
    if not is_number(kpi.weight):
        return [
            Problem(
                "kpi_weight_invalid",
                f"น้ำหนักของตัวชี้วัด {label} ต้องเป็นตัวเลข",
                f"KPI {label} weight must be a finite number",
                kpi=code,
                field=f"{path}.weight",
            )
        ]
    if kpi.monitor and kpi.weight < 0:
        return [
            Problem(
                "kpi_weight_not_positive",
                f"น้ำหนักของตัวชี้วัด Monitor {label} ต้องไม่ติดลบ (ได้ {plain(kpi.weight)})",
                f"Monitor KPI {label} weight must not be negative (got {plain(kpi.weight)})",
                kpi=code,
                field=f"{path}.weight",
            )
        ]
    if not kpi.monitor and kpi.weight <= 0:
        return [
            Problem(
                "kpi_weight_not_positive",
                f"น้ำหนักของตัวชี้วัด {label} ต้องมากกว่า 0 (ได้ {plain(kpi.weight)})",
                f"KPI {label} weight must be positive (got {plain(kpi.weight)})",
                kpi=code,
                field=f"{path}.weight",
            )
        ]
    return []


def target_count_problem(
    count: int, levels: Sequence[TargetLevel], *, label: str, code: str | None = None, path: str = "kpi"
) -> Problem | None:
    """The one rule on how many targets a KPI gives: exactly one per level of the framework's ladder.

    Every way targets come in (forms, the API, Excel imports, the pick page, scoring) asks this."""
    if count == len(levels):
        return None
    names = ", ".join(level.name for level in levels)
    # Without a label (a form before the KPI has a code) the sentence speaks of "the KPI".
    th = f"ตัวชี้วัด {label} " if label else "ตัวชี้วัด"
    en = f"KPI {label}" if label else "The KPI"
    return Problem(
        "kpi_targets_count",
        f"{th}ต้องมีค่าเป้าหมายขั้นละ 1 ค่า รวม {len(levels)} ค่า ({names}) แต่มี {count} ค่า",
        f"{en} needs exactly one target per level, {len(levels)} in all ({names}), but has {count}",
        kpi=code,
        field=f"{path}.targets",
    )


def _target_problems(kpi: KpiInput, framework: Framework, label: str, code: str | None, path: str) -> list[Problem]:
    problems: list[Problem] = []
    levels = framework.target_levels
    targets = kpi.targets
    counted = target_count_problem(len(targets), levels, label=label, code=code, path=path)
    if counted is not None:
        problems.append(counted)
    numeric = True
    for i, target in enumerate(targets):
        if not is_number(target):
            numeric = False
            level = levels[i].name if i < len(levels) else f"ขั้นที่ {i + 1}"
            problems.append(
                Problem(
                    "kpi_target_invalid",
                    f"ค่าเป้าหมาย{level}ของตัวชี้วัด {label} ต้องเป็นตัวเลข",
                    f"KPI {label} target #{i + 1} must be a finite number",
                    kpi=code,
                    field=f"{path}.targets[{i}]",
                )
            )
    if numeric and kpi.direction in DIRECTIONS and not strictly_ordered(targets, kpi.direction):
        shown = ", ".join(plain(t) for t in targets)
        if kpi.direction == "higher_is_better":
            th = f"ค่าเป้าหมายของตัวชี้วัด {label} ต้องเพิ่มขึ้นตามขั้น (ยิ่งมากยิ่งดี): {shown}"
            en = f"KPI {label} targets must strictly increase level by level (higher is better): {shown}"
        else:
            th = f"ค่าเป้าหมายของตัวชี้วัด {label} ต้องลดลงตามขั้น (ยิ่งน้อยยิ่งดี): {shown}"
            en = f"KPI {label} targets must strictly decrease level by level (lower is better): {shown}"
        problems.append(Problem("kpi_targets_order", th, en, kpi=code, field=f"{path}.targets"))
    return problems


def strictly_ordered(targets: Sequence[Decimal], direction: str) -> bool:
    """Targets of a ladder (or a Basket recommendation) run from the lowest level to the highest:
    rising when higher is better, falling when lower is better."""
    if direction == "higher_is_better":
        return all(a < b for a, b in pairwise(targets))
    return all(a > b for a, b in pairwise(targets))


def component_problems(scorecard: Scorecard) -> list[Problem]:
    """Each component's scored KPIs: how many there are, and whether their weights add up."""
    problems: list[Problem] = []
    for i, rule in enumerate(scorecard.framework.components):
        if not isinstance(rule.code, str) or not rule.code or not is_number(rule.weight):
            continue  # already reported by the framework checks
        scored = [k for k in scorecard.kpis if k.component == rule.code and not k.monitor]
        path = f"framework.components[{i}]"
        if (
            _is_count(rule.min_kpis)
            and _is_count(rule.max_kpis)
            and not (rule.min_kpis <= len(scored) <= rule.max_kpis)
        ):
            wanted = str(rule.min_kpis) if rule.min_kpis == rule.max_kpis else f"{rule.min_kpis}–{rule.max_kpis}"
            problems.append(
                Problem(
                    "component_kpi_count",
                    f"องค์ประกอบ “{rule.label_th}” มีตัวชี้วัดที่ใช้ประเมิน {len(scored)} ตัวชี้วัด แต่ต้องมี {wanted} ตัวชี้วัด",
                    f"Component “{rule.label_en}” has {len(scored)} scored KPI(s); it needs {wanted}",
                    field=path,
                    component=rule.code,
                )
            )
        weights = [k.weight for k in scored]
        if not all(is_number(w) for w in weights):
            continue  # each bad weight is already reported on its KPI
        total = ZERO
        for weight in weights:
            total = CTX.add(total, weight)
        if total != rule.weight:
            problems.append(
                Problem(
                    "component_weight_sum",
                    f"น้ำหนักของตัวชี้วัดที่ใช้ประเมินในองค์ประกอบ “{rule.label_th}” รวมกันได้"
                    f" {plain(total)} แต่ต้องเท่ากับน้ำหนักขององค์ประกอบ ({plain(rule.weight)})",
                    f"Scored KPI weights in component “{rule.label_en}” add up to {plain(total)},"
                    f" but must equal the component's weight ({plain(rule.weight)})",
                    field=path,
                    component=rule.code,
                )
            )
    return problems
