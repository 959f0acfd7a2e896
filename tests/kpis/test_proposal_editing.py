"""The coordinator edits its own draft: pick from the Basket, propose, tune, remove; nobody else may."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from govkpi.basket.models import BasketKpi
from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.kpis import services, workflow
from govkpi.kpis.choices import Origin
from govkpi.kpis.choices import ProposalState as S
from govkpi.kpis.models import Kpi, Proposal

pytestmark = pytest.mark.django_db

UserOf = Callable[[str], User]


def proposal(org: str, year: int = 2566) -> Proposal:
    return Proposal.objects.select_related("framework", "organisation").get(
        organisation__code=org, framework__fiscal_year__year=year
    )


def kpi(code: str) -> Kpi:
    return Kpi.objects.select_related("component", "basket").get(code=code)


NEW = {
    "name_th": "ร้อยละของครัวเรือนที่มีรายได้เพิ่มขึ้น",
    "definition_th": "ครัวเรือนเป้าหมายที่มีรายได้เพิ่มขึ้นจากปีก่อน",
    "formula_th": "(ครัวเรือนที่มีรายได้เพิ่มขึ้น / ครัวเรือนเป้าหมาย) × 100",
    "unit_th": "ร้อยละ",
    "direction": "higher_is_better",
    "baseline": [{"year": 2563, "value": "60"}, {"year": 2564, "value": "62"}, {"year": 2565, "value": "65"}],
    "data_source_th": "สำนักงานสถิติจังหวัด",
    "evidence_th": "รายงานผลการสำรวจ",
    "domain": "economy",
    "component": "performance",
    "weight": "10",
    "targets": ["66", "68", "70"],
    "plan_links": [],
    "support": "indirect",
}


def test_a_coordinator_picks_a_kpi_from_the_basket_and_its_template_is_copied(user_of: UserOf) -> None:
    p = proposal("P24")
    entry = BasketKpi.objects.filter(group="provinces", is_retired=False).exclude(assignments__proposal=p).first()
    assert entry is not None
    before = p.lock_version
    k = services.kpi_add_from_basket(
        proposal=p, basket=entry, by=user_of("ccs_coordinator"), values={"weight": "5", "targets": ["1", "2", "3"]}
    )
    assert k.origin == Origin.BASKET and k.basket == entry and k.lineage == entry.code
    assert k.name_th == entry.name_th and k.formula_th == entry.formula_th and k.unit_th == entry.unit_th
    assert k.targets == ["1", "2", "3"] and k.weight == Decimal(5)
    assert set(k.plan_links.values_list("code", flat=True)) == set(entry.plan_links.values_list("code", flat=True))
    p.refresh_from_db()
    assert p.lock_version == before + 1


def test_a_basket_template_field_that_is_not_tunable_cannot_be_changed(user_of: UserOf) -> None:
    p = proposal("P24")
    entry = BasketKpi.objects.filter(group="provinces").first()
    assert entry is not None and "formula_th" not in entry.tunable_fields
    with pytest.raises(Invalid) as exc:
        services.kpi_add_from_basket(
            proposal=p, basket=entry, by=user_of("ccs_coordinator"), values={"formula_th": "x"}
        )
    assert exc.value.field == "formula_th"
    with pytest.raises(Invalid):
        services.kpi_update(kpi=kpi("P24-66-03"), by=user_of("ccs_coordinator"), values={"formula_th": "สูตรใหม่"})


def test_a_coordinator_proposes_a_new_kpi_with_the_full_template(user_of: UserOf) -> None:
    p = proposal("P24")
    k = services.kpi_propose(proposal=p, by=user_of("ccs_coordinator"), values=NEW)
    assert k.origin == Origin.PROPOSED and k.basket is None and k.domain == "economy"
    assert k.targets == ["66", "68", "70"] and len(k.baseline) == 3 and k.code.startswith("P24-66-")


def test_a_proposed_kpi_needs_its_formula_and_one_target_per_level(user_of: UserOf) -> None:
    p = proposal("P24")
    with pytest.raises(Invalid) as exc:
        services.kpi_propose(proposal=p, by=user_of("ccs_coordinator"), values={**NEW, "formula_th": ""})
    assert exc.value.field == "formula_th"
    with pytest.raises(Invalid) as exc:
        services.kpi_propose(proposal=p, by=user_of("ccs_coordinator"), values={**NEW, "targets": ["1", "2"]})
    assert exc.value.field == "targets" and "3" in exc.value.message_th
    with pytest.raises(Invalid) as exc:
        services.kpi_propose(proposal=p, by=user_of("ccs_coordinator"), values={**NEW, "weight": "abc"})
    assert exc.value.field == "weight"


def test_a_target_below_the_national_plan_needs_a_reason(user_of: UserOf) -> None:
    k = kpi("P24-66-03")
    with pytest.raises(Invalid) as exc:
        services.kpi_update(kpi=k, by=user_of("ccs_coordinator"), values={"national_target_value": "100"})
    assert exc.value.field == "below_plan_reason_th"
    saved = services.kpi_update(
        kpi=k,
        by=user_of("ccs_coordinator"),
        values={"national_target_value": "100", "below_plan_reason_th": "ฐานข้อมูลจังหวัดต่ำกว่าค่าเฉลี่ยประเทศ"},
    )
    assert saved.is_below_plan and saved.below_plan_reason_th


def test_a_coordinator_tunes_weight_and_targets_and_the_kpi_lock_version_moves(user_of: UserOf) -> None:
    k = kpi("P24-66-03")
    saved = services.kpi_update(
        kpi=k,
        by=user_of("ccs_coordinator"),
        values={"weight": "10", "targets": ["6", "8", "11"], "is_monitor": False},
        expected_lock_version=k.lock_version,
    )
    assert saved.weight == Decimal(10) and saved.targets == ["6", "8", "11"]
    assert saved.lock_version == k.lock_version + 1


def test_the_second_of_two_saves_read_at_the_same_version_is_a_conflict_with_the_current_values(
    user_of: UserOf,
) -> None:
    k = kpi("P24-66-03")
    read_at = k.lock_version
    services.kpi_update(kpi=k, by=user_of("ccs_coordinator"), values={"weight": "12"}, expected_lock_version=read_at)
    with pytest.raises(Conflict) as exc:
        services.kpi_update(
            kpi=k, by=user_of("ccs_coordinator"), values={"weight": "30"}, expected_lock_version=read_at
        )
    assert exc.value.current is not None and exc.value.current["weight"] == "12"
    assert "12" in exc.value.message_th
    assert kpi("P24-66-03").weight == Decimal(12)


def test_a_cascaded_kpi_cannot_be_removed_but_another_can(user_of: UserOf) -> None:
    cascaded = kpi("P24-66-01")
    assert cascaded.cascade_id is not None
    with pytest.raises(Conflict) as exc:
        services.kpi_remove(kpi=cascaded, by=user_of("ccs_coordinator"))
    assert "ถ่ายทอด" in exc.value.message_th
    services.kpi_remove(kpi=kpi("P24-66-04"), by=user_of("ccs_coordinator"))
    assert not Kpi.objects.filter(code="P24-66-04").exists()
    assert Kpi.objects.filter(code="P24-66-01").exists()


def test_the_weight_of_a_cascaded_kpi_is_fixed(user_of: UserOf) -> None:
    with pytest.raises(Invalid) as exc:
        services.kpi_update(kpi=kpi("P24-66-01"), by=user_of("ccs_coordinator"), values={"weight": "25"})
    assert exc.value.field == "weight"


def test_only_the_own_coordinator_edits_and_only_a_draft_or_returned_proposal(user_of: UserOf) -> None:
    k = kpi("P24-66-03")
    for persona in ("kkn_coordinator", "ccs_executive", "moi_reviewer", "opdc_desk"):
        with pytest.raises(NotAllowed):
            services.kpi_update(kpi=k, by=user_of(persona), values={"weight": "10"})
    p = proposal("P40")
    assert p.state == S.MOI_REVIEW
    other = p.kpis.first()
    assert other is not None
    with pytest.raises(Conflict):
        services.kpi_update(kpi=other, by=user_of("opdc_admin"), values={"weight": "10"})


def test_the_live_rule_check_reports_a_broken_weight_sum(user_of: UserOf) -> None:
    p = proposal("P24")
    assert workflow.proposal_problems(p) == []
    services.kpi_update(kpi=kpi("P24-66-03"), by=user_of("ccs_coordinator"), values={"weight": "5"})
    problems = workflow.proposal_problems(p)
    assert problems and any(pr.component == "performance" for pr in problems)
