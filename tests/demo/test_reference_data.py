"""The reference and demo data modules are complete and consistent (plain pytest, no Django)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import geothai
import pytest

from govkpi.demo.data import basket, cdd_2564, meetings, organisations, people, plans
from govkpi.demo.data.basket import AGENCY_BASKET, PROVINCE_BASKET, BasketEntry, SpecialKpi
from govkpi.demo.data.records import Triple

ALL_SPECIAL_KPIS: tuple[SpecialKpi, ...] = (
    *basket.JOINT_ISSUES_2566,
    basket.URGENT_POLICY_2566,
    basket.ESERVICE_JOINT_2565,
    basket.ECO_INDUSTRIAL_2565,
)


def _org_codes() -> frozenset[str]:
    return organisations.organisation_codes()


def _all_codes() -> frozenset[str]:
    return _org_codes() | organisations.province_codes()


def _is_monotonic(targets: Triple, direction: str) -> bool:
    low, mid, high = targets
    if direction == "higher_is_better":
        return low < mid < high
    return low > mid > high


# --- organisations ---------------------------------------------------------------------


def test_there_are_twenty_ministries_and_eighteen_are_evaluated_in_2565() -> None:
    assert len(organisations.MINISTRIES) == 20
    evaluated = [m.code for m in organisations.MINISTRIES if m.evaluated_2565]
    assert len(evaluated) == 18
    assert "OPM" not in evaluated


def test_the_pm_office_has_thirteen_agencies_including_opdc() -> None:
    codes = [a.code for a in organisations.PM_OFFICE_AGENCIES]
    assert len(codes) == 13
    assert "OPDC" in codes


def test_there_are_six_independent_agencies() -> None:
    assert len(organisations.INDEPENDENT_AGENCIES) == 6


def test_organisation_codes_are_unique_ascii_slugs() -> None:
    groups = (
        organisations.MINISTRIES,
        organisations.PM_OFFICE_AGENCIES,
        organisations.INDEPENDENT_AGENCIES,
        organisations.DEPARTMENTS,
        organisations.PUBLIC_ORGANISATIONS,
    )
    codes = [o.code for group in groups for o in group]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert code.isascii() and code.isupper(), code
    assert not set(codes) & organisations.province_codes()


def test_every_organisation_has_thai_and_english_names_and_an_abbreviation() -> None:
    groups = (
        organisations.MINISTRIES,
        organisations.PM_OFFICE_AGENCIES,
        organisations.INDEPENDENT_AGENCIES,
        organisations.DEPARTMENTS,
        organisations.PUBLIC_ORGANISATIONS,
    )
    for group in groups:
        for org in group:
            assert org.name_th and not org.name_th.isascii(), org.code
            assert org.name_en.isascii(), org.code
            assert org.abbr_th, org.code


def test_departments_belong_to_real_ministries_and_include_cdd_under_interior() -> None:
    ministries = {m.code for m in organisations.MINISTRIES}
    for dept in organisations.DEPARTMENTS:
        assert dept.ministry in ministries, dept.code
    by_code = {d.code: d for d in organisations.DEPARTMENTS}
    assert by_code["CDD"].ministry == "MOI"
    assert by_code["CDD"].name_th == "กรมการพัฒนาชุมชน"
    assert by_code["DIW"].ministry == "MOIND"
    assert 20 <= len(organisations.DEPARTMENTS) <= 35


def test_public_organisations_include_dga_and_name_known_supervisors() -> None:
    codes = {p.code for p in organisations.PUBLIC_ORGANISATIONS}
    assert len(codes) == 4
    assert "DGA" in codes
    for org in organisations.PUBLIC_ORGANISATIONS:
        assert org.supervisor in _org_codes(), org.code


def test_there_are_76_provinces_with_geothai_codes_and_no_bangkok() -> None:
    provinces = organisations.provinces()
    assert len(provinces) == 76
    geothai_codes = {p.code for p in geothai.provinces()}
    assert {p.code for p in provinces} == geothai_codes - {"10"}
    assert organisations.BANGKOK.code == "10"
    assert organisations.BANGKOK.name_th == "กรุงเทพมหานคร"


def test_provinces_fall_into_the_six_regions_with_the_official_counts() -> None:
    counts = Counter(p.region for p in organisations.provinces())
    assert counts == {"north": 9, "northeast": 20, "central": 21, "east": 7, "west": 5, "south": 14}


def test_the_tile_map_places_every_province_on_its_own_tile_inside_the_grid() -> None:
    tile_map = organisations.TILE_MAP
    assert set(tile_map) == organisations.province_codes()
    tiles = list(tile_map.values())
    assert len(tiles) == len(set(tiles))
    assert organisations.BANGKOK_TILE not in tiles
    for col, row in [*tiles, organisations.BANGKOK_TILE]:
        assert 0 <= col < organisations.TILE_COLS
        assert 0 <= row < organisations.TILE_ROWS


def test_the_tile_map_keeps_north_at_the_top_and_the_south_at_the_bottom() -> None:
    region = {p.code: p.region for p in organisations.provinces()}
    rows: dict[str, list[int]] = {}
    for code, (_, row) in organisations.TILE_MAP.items():
        rows.setdefault(region[code], []).append(row)
    assert max(rows["north"]) < min(rows["south"])
    assert max(rows["north"]) <= min(rows["central"])
    assert max(rows["central"]) < min(rows["south"])
    # the north-east bulges right of the north
    cols = {code: col for code, (col, _) in organisations.TILE_MAP.items()}
    assert min(cols[c] for c in region if region[c] == "northeast") > max(
        cols[c] for c in region if region[c] == "north"
    )


def test_each_tile_touches_another_tile() -> None:
    tiles = set(organisations.TILE_MAP.values())
    for col, row in tiles:
        neighbours = {(col + dc, row + dr) for dc in (-1, 0, 1) for dr in (-1, 0, 1)} - {(col, row)}
        assert neighbours & tiles, (col, row)


# --- plans ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "count", "prefix"),
    [
        ("strategy", 6, "NS"),
        ("master_plan", 23, "MP"),
        ("milestone", 13, "M"),
        ("reform", 13, "RF"),
        ("sdg", 17, "SDG"),
    ],
)
def test_the_plan_tree_has_the_right_number_of_nodes_of_each_kind(kind: str, count: int, prefix: str) -> None:
    nodes = [n for n in plans.PLAN_NODES if n.kind == kind]
    assert len(nodes) == count
    assert all(n.code.startswith(prefix) for n in nodes)


def test_plan_codes_are_unique_and_parents_resolve() -> None:
    codes = [n.code for n in plans.PLAN_NODES]
    assert len(codes) == len(set(codes))
    by_code = {n.code: n for n in plans.PLAN_NODES}
    for node in plans.PLAN_NODES:
        if node.kind == "master_plan":
            assert node.parent is not None and by_code[node.parent].kind == "strategy"
        else:
            assert node.parent is None or node.parent in by_code
    assert any(n.kind == "policy" for n in plans.PLAN_NODES)
    assert "POL-ESERVICE" in by_code


# --- basket -----------------------------------------------------------------------------


def _check_entry(entry: BasketEntry) -> None:
    assert entry.name_th and entry.name_en and entry.unit_th, entry.code
    assert 1 <= len(entry.plan_links) <= 3, entry.code
    for link in entry.plan_links:
        assert link in plans.PLAN_CODES, (entry.code, link)
    assert _is_monotonic(entry.targets, entry.direction), entry.code
    assert entry.definition_th and entry.data_source_th and entry.evidence_th, entry.code
    if entry.kind == "numeric":
        assert entry.formula_th, entry.code
    else:
        assert entry.formula_th is None, entry.code
        assert entry.unit_th == "ระดับ", entry.code
        assert entry.direction == "higher_is_better", entry.code
        assert all(Decimal(1) <= t <= Decimal(5) for t in entry.targets), entry.code
        assert len(entry.milestone_steps_th) in (0, 5), entry.code
    assert len(entry.baseline) == 3
    if entry.ministry is not None:
        assert entry.ministry in _org_codes(), entry.code


def test_agency_basket_entries_are_complete_and_consistent() -> None:
    assert 170 <= len(AGENCY_BASKET) <= 190
    codes = [e.code for e in AGENCY_BASKET]
    assert len(codes) == len(set(codes))
    assert all(code.startswith("B65-") for code in codes)
    for entry in AGENCY_BASKET:
        _check_entry(entry)


def test_agency_basket_ministries_are_evaluated_bodies() -> None:
    allowed = {m.code for m in organisations.MINISTRIES if m.evaluated_2565} | {"OPM"}
    allowed |= {a.code for a in organisations.INDEPENDENT_AGENCIES}
    for entry in AGENCY_BASKET:
        assert entry.ministry is None or entry.ministry in allowed, entry.code


def test_agency_basket_counts_its_themes() -> None:
    covid = sum("covid19" in e.themes for e in AGENCY_BASKET)
    eservice = sum("eservice" in e.themes for e in AGENCY_BASKET)
    assert 12 <= covid <= 20
    assert 8 <= eservice <= 15


def test_agency_basket_has_the_potential_base_entries_every_organisation_picks() -> None:
    cross_cutting = {e.name_th for e in AGENCY_BASKET if e.ministry is None}
    assert "การพัฒนาองค์การสู่ดิจิทัล" in cross_cutting
    assert "การประเมินสถานะของหน่วยงานในการเป็นระบบราชการ 4.0 (PMQA 4.0)" in cross_cutting


def test_province_basket_covers_the_three_domains_of_seed_001() -> None:
    assert 40 <= len(PROVINCE_BASKET) <= 50
    codes = [e.code for e in PROVINCE_BASKET]
    assert len(codes) == len(set(codes))
    assert {e.domain for e in PROVINCE_BASKET} == {"economy", "society", "environment"}
    for entry in PROVINCE_BASKET:
        _check_entry(entry)


def test_kpi_names_are_unique_within_each_basket() -> None:
    for entries in (AGENCY_BASKET, PROVINCE_BASKET):
        names = [e.name_th for e in entries]
        assert len(names) == len(set(names))


def test_basket_codes_do_not_collide_across_baskets() -> None:
    codes = [e.code for e in AGENCY_BASKET + PROVINCE_BASKET]
    assert len(codes) == len(set(codes))
    assert basket.basket_entry("B65-002").kind == "numeric"


def test_special_kpis_reference_known_organisations_plans_and_basket_entries() -> None:
    special_codes = [k.code for k in ALL_SPECIAL_KPIS]
    assert len(special_codes) == len(set(special_codes))
    for kpi in ALL_SPECIAL_KPIS:
        assert kpi.host in _all_codes(), kpi.code
        for co_host in kpi.co_hosts:
            assert co_host in _all_codes(), kpi.code
        for participant in kpi.participants:
            assert participant.organisation in _all_codes(), kpi.code
        for link in kpi.plan_links:
            assert link in plans.PLAN_CODES, (kpi.code, link)
        assert _is_monotonic(kpi.targets, kpi.direction), kpi.code
        if kpi.basket_code is not None:
            basket.basket_entry(kpi.basket_code)


def test_joint_issues_2566_target_between_8_and_15_provinces_each() -> None:
    assert [k.issue_th for k in basket.JOINT_ISSUES_2566] == [
        "การลดการปล่อยก๊าซเรือนกระจก",
        "ความมั่นคงด้านน้ำอุปโภคบริโภค",
        "รายได้จากการท่องเที่ยว",
    ]
    provinces = organisations.province_codes()
    for kpi in basket.JOINT_ISSUES_2566:
        codes = [p.organisation for p in kpi.participants]
        assert 8 <= len(codes) <= 15
        assert len(codes) == len(set(codes))
        assert set(codes) <= provinces
    tourism = {p.organisation for p in basket.JOINT_ISSUES_2566[2].participants}
    assert {"83", "50", "20", "81"} <= tourism  # ภูเก็ต เชียงใหม่ ชลบุรี กระบี่


def test_the_urgent_policy_kpi_is_cascaded_to_all_76_provinces() -> None:
    kpi = basket.URGENT_POLICY_2566
    assert kpi.cascaded
    assert kpi.host == "MOI"
    assert {p.organisation for p in kpi.participants} == organisations.province_codes()
    assert "ศูนย์อำนวยการขจัดความยากจนและพัฒนาคนทุกช่วงวัยอย่างยั่งยืนตามหลักปรัชญาของเศรษฐกิจพอเพียง" in kpi.name_th


def test_the_eservice_joint_kpi_has_a_host_and_about_eight_agencies() -> None:
    kpi = basket.ESERVICE_JOINT_2565
    assert kpi.host in {"DGA", "OPDC"}
    assert 6 <= len(kpi.participants) <= 10
    assert "eservice" in kpi.themes


def test_chachoengsaos_eco_industrial_kpi_has_an_approved_12_month_result() -> None:
    kpi = basket.ECO_INDUSTRIAL_2565
    assert [p.organisation for p in kpi.participants] == ["24"]
    final = [r for r in kpi.results if r.round_months == 12]
    assert len(final) == 1 and final[0].status == "approved"
    assert kpi.approved_by_meeting in {m.code for m in meetings.MEETINGS}


# --- CDD 2564 ---------------------------------------------------------------------------


def test_cdd_2564_has_the_five_kpis_and_weights_of_seed_004() -> None:
    kpis = cdd_2564.KPIS
    assert len(kpis) == 5
    performance = [k for k in kpis if k.component == "performance"]
    potential = [k for k in kpis if k.component == "potential"]
    assert sum(k.weight for k in performance) == Decimal(70) == cdd_2564.COMPONENT_WEIGHTS["performance"]
    assert sum(k.weight for k in potential) == Decimal(30) == cdd_2564.COMPONENT_WEIGHTS["potential"]
    assert [(k.name_th, k.weight) for k in kpis] == [
        ("ระดับความสำเร็จของการส่งเสริมผลิตภัณฑ์ OTOP ในตลาดออนไลน์", Decimal(20)),
        ("ร้อยละหมู่บ้านที่ได้รับการพัฒนาตามหลักปรัชญาของเศรษฐกิจพอเพียงมีความสุขมวลรวมเพิ่มขึ้น", Decimal(25)),
        ("จำนวนกองทุนชุมชนเข้มแข็งที่สามารถยกระดับได้", Decimal(25)),
        ("การพัฒนาระบบลงทะเบียนผู้ผลิตประกอบการ OTOP", Decimal(15)),
        ("การประเมินสถานะของหน่วยงานในการเป็นระบบราชการ 4.0 (PMQA)", Decimal(15)),
    ]
    assert kpis[0].kind == "milestone"
    assert cdd_2564.MONITORING_ONLY


def test_cdd_2564_kpis_have_consistent_targets_results_and_lessons() -> None:
    for kpi in cdd_2564.KPIS:
        assert _is_monotonic(kpi.targets, kpi.direction), kpi.code
        assert any(r.round_months == 12 for r in kpi.results), kpi.code
        if kpi.basket_code is not None:
            basket.basket_entry(kpi.basket_code)
    assert len(cdd_2564.LESSONS_LEARNED_TH) > 300


# --- people and meetings ----------------------------------------------------------------


def test_demo_users_cover_every_role_and_belong_to_known_organisations() -> None:
    users = people.DEMO_USERS
    usernames = [u.username for u in users]
    assert len(usernames) == len(set(usernames))
    assert {u.role for u in users} == set(people.ROLE_NAMES_TH)
    for user in users:
        assert user.organisation in _all_codes(), user.username
        for code in user.assigned_organisations:
            assert code in _all_codes(), user.username
    pairs = {(u.organisation, u.role) for u in users}
    for org in ("CDD", "MOF", "24"):
        assert (org, "coordinator") in pairs
        assert (org, "executive") in pairs
    assert sum(u.role == "opdc_desk" for u in users) == 2


def test_meetings_of_the_seeds_carry_their_dates_counts_and_recommendations() -> None:
    by_code = {m.code: m for m in meetings.MEETINGS}
    assert len(by_code) == len(meetings.MEETINGS)

    wg = by_code["WG-2-2564"]
    assert wg.date.isoformat() == "2021-09-17"
    assert wg.electronic and wg.chair_th == "นายวรากรณ์ สามโกเศศ"
    recommendations = wg.agenda[0].recommendations
    assert [r.organisation for r in recommendations] == ["MOF", "MOC", "MOL", "MOE"]
    assert recommendations[2].text_th == "กระทรวงแรงงาน ควรเพิ่มตัวชี้วัดเกี่ยวกับการดูแลแรงงานต่างด้าว"

    sub = by_code["SUBC-6-2565"]
    assert sub.date.isoformat() == "2022-09-22"
    assert len(sub.agenda) == 4
    facts = {f.key: f.value for item in sub.agenda for f in item.facts}
    assert facts["change_requests_ministry_level"] == 20
    assert facts["change_requests_department_level"] == 19
    assert facts["change_request_provinces"] == 35
    assert facts["change_request_province_kpis"] == 9

    brief = by_code["BRIEF-2565-07-04"]
    assert brief.date.isoformat() == "2022-07-04"
    assert brief.deadline is not None and brief.deadline.isoformat() == "2022-08-01"

    for meeting in meetings.MEETINGS:
        assert meeting.organiser in _all_codes(), meeting.code
        for item in meeting.agenda:
            for rec in item.recommendations:
                assert rec.organisation in _all_codes()
