"""Change requests after approval: filing, validation, decisions, and the versions they make."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.core.models import WorkflowEvent
from govkpi.frameworks.models import Round
from govkpi.kpis import changes
from govkpi.kpis.choices import ChangeKind, ChangeLevel, ChangeState
from govkpi.kpis.models import ChangeRequest, Kpi
from govkpi.kpis.selectors import kpi_in_round, version_in_force

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("chonburi_coordinator")]

User = Callable[[str], object]


def kpi(code: str) -> Kpi:
    return Kpi.objects.select_related("framework", "organisation").get(code=code)


def round_of(k: Kpi, months: int) -> Round:
    return Round.objects.get(framework=k.framework, months=months)


def file_target_change(user_of: User, code: str = "P20-66-03", targets: list[str] | None = None) -> ChangeRequest:
    k = kpi(code)
    return changes.change_request_file(
        by=user_of("chonburi.coord"),  # type: ignore[arg-type]
        kpi=k,
        round_=round_of(k, 12),
        kind=ChangeKind.TARGET,
        reason_th="ผลกระทบจากโควิด-19",
        proposed={"targets": targets or ["15", "25", "35"]},
    )


def test_approval_makes_version_2_effective_from_the_round_while_version_1_stays_readable(user_of: User) -> None:
    cr = file_target_change(user_of)
    assert cr.state == ChangeState.SUBMITTED and cr.level == ChangeLevel.PROVINCE

    made = changes.change_request_decide(change_request=cr, decision="approve", by=user_of("committee_secretary"))  # type: ignore[arg-type]

    k = kpi("P20-66-03")
    assert [v.number for v in made] == [2]
    v1, v2 = version_in_force(k, 6), version_in_force(k, 12)
    assert v1 is not None and v1.number == 1 and v1.targets == ["20", "30", "40"]
    assert v2 is not None and v2.number == 2 and v2.targets == ["15", "25", "35"]
    assert v2.effective_from is not None and v2.effective_from.months == 12 and v2.change_request_id == cr.pk
    assert k.targets == ["15", "25", "35"]
    cr.refresh_from_db()
    assert cr.state == ChangeState.APPROVED and cr.decided_at is not None


def test_filing_and_deciding_write_workflow_events_and_history(user_of: User) -> None:
    cr = file_target_change(user_of)
    changes.change_request_decide(
        change_request=cr, decision="approve", by=user_of("committee_secretary"), note_th="ok"
    )  # type: ignore[arg-type]
    actions = [(e.action, e.to_state, e.actor.get_username()) for e in changes.events_of(cr)]  # type: ignore[union-attr]
    assert actions == [("file", "submitted", "chonburi.coord"), ("approve", "approved", "committee.secretary")]
    assert WorkflowEvent.objects.filter(object_id=cr.pk, kpi__code="P20-66-03").count() == 2
    users = {h.history_user.get_username() for h in cr.history.all() if h.history_user}  # type: ignore[attr-defined]
    assert users == {"chonburi.coord", "committee.secretary"}


def test_targets_that_break_the_ladder_are_refused(user_of: User) -> None:
    with pytest.raises(Invalid) as exc:
        file_target_change(user_of, targets=["35", "25", "15"])
    assert any(p["rule"] == "kpi_targets_order" for p in exc.value.problems)
    assert not ChangeRequest.objects.filter(kpi__code="P20-66-03").exists()


def test_a_weight_change_alone_that_breaks_the_component_sum_is_refused(user_of: User) -> None:
    k = kpi("P20-66-03")
    with pytest.raises(Invalid) as exc:
        changes.change_request_file(
            by=user_of("chonburi.coord"),  # type: ignore[arg-type]
            kpi=k,
            round_=round_of(k, 12),
            kind=ChangeKind.WEIGHT,
            reason_th="ปรับน้ำหนัก",
            proposed={"weight": "10"},
        )
    assert [p["rule"] for p in exc.value.problems] == ["component_weight_sum"]


def test_a_weight_change_rebalanced_within_the_component_makes_versions_of_both_kpis(user_of: User) -> None:
    k = kpi("P20-66-03")
    cr = changes.change_request_file(
        by=user_of("chonburi.coord"),  # type: ignore[arg-type]
        kpi=k,
        round_=round_of(k, 12),
        kind=ChangeKind.WEIGHT,
        reason_th="ปรับน้ำหนัก",
        proposed={"weight": "10", "weights": {"P20-66-04": "25"}},
    )
    changes.change_request_decide(change_request=cr, decision="approve", by=user_of("opdc_admin"))  # type: ignore[arg-type]
    assert kpi("P20-66-03").weight == Decimal(10)
    assert kpi("P20-66-04").weight == Decimal(25)
    assert version_in_force(kpi("P20-66-04"), 6).weight == Decimal(20)  # type: ignore[union-attr]


def test_a_coordinator_of_another_organisation_cannot_file_for_it(user_of: User) -> None:
    k = kpi("P20-66-03")
    with pytest.raises(NotAllowed):
        changes.change_request_file(
            by=user_of("cdd_coordinator"),  # type: ignore[arg-type]
            kpi=k,
            round_=round_of(k, 12),
            kind=ChangeKind.TARGET,
            reason_th="x",
            proposed={"targets": ["15", "25", "35"]},
        )


def test_a_coordinator_cannot_decide_a_change_request(user_of: User) -> None:
    cr = file_target_change(user_of)
    with pytest.raises(NotAllowed):
        changes.change_request_decide(change_request=cr, decision="approve", by=user_of("chonburi.coord"))  # type: ignore[arg-type]


def test_rejection_records_the_decision_and_makes_no_version(user_of: User) -> None:
    cr = file_target_change(user_of)
    made = changes.change_request_decide(
        change_request=cr,
        decision="reject",
        by=user_of("committee_secretary"),  # type: ignore[arg-type]
        note_th="เหตุผลไม่เพียงพอ",
    )
    cr.refresh_from_db()
    assert made == [] and cr.state == ChangeState.REJECTED and cr.decision_note_th == "เหตุผลไม่เพียงพอ"
    assert kpi("P20-66-03").versions.count() == 1


def test_a_decided_request_cannot_be_decided_again(user_of: User) -> None:
    cr = file_target_change(user_of)
    changes.change_request_decide(change_request=cr, decision="reject", by=user_of("committee_secretary"), note_th="x")  # type: ignore[arg-type]
    with pytest.raises(Conflict):
        changes.change_request_decide(change_request=cr, decision="approve", by=user_of("committee_secretary"))  # type: ignore[arg-type]


def test_a_second_pending_request_for_the_same_kpi_is_a_conflict(user_of: User) -> None:
    file_target_change(user_of)
    with pytest.raises(Conflict):
        file_target_change(user_of, targets=["16", "25", "35"])


def test_removal_takes_the_kpi_out_from_that_round_on(user_of: User) -> None:
    k = kpi("P20-66-03")
    cr = changes.change_request_file(
        by=user_of("chonburi.coord"),  # type: ignore[arg-type]
        kpi=k,
        round_=round_of(k, 12),
        kind=ChangeKind.REMOVAL,
        reason_th="ภารกิจโอนไปหน่วยงานอื่น",
        proposed={"weights": {"P20-66-04": "35"}},
    )
    changes.change_request_decide(change_request=cr, decision="approve", by=user_of("committee_secretary"))  # type: ignore[arg-type]
    k = kpi("P20-66-03")
    assert k.is_removed
    assert kpi_in_round(k, 6) and not kpi_in_round(k, 12)
    assert changes.removed_from(k).months == 12  # type: ignore[union-attr]


def test_addition_creates_a_new_kpi_with_version_1_from_that_round(user_of: User) -> None:
    k = kpi("P20-66-03")
    cr = changes.change_request_file(
        by=user_of("chonburi.coord"),  # type: ignore[arg-type]
        organisation=k.organisation,
        round_=round_of(k, 12),
        kind=ChangeKind.ADDITION,
        reason_th="ตามข้อเสนอแนะของคณะทำงาน",
        proposed={
            "code": "P20-66-07",
            "name_th": "ร้อยละของปริมาณขยะมูลฝอยที่ได้รับการจัดการอย่างถูกต้อง",
            "component": "performance",
            "weight": "5",
            "targets": ["70", "65", "60"],
            "direction": "lower_is_better",
            "weights": {"P20-66-04": "15"},
        },
    )
    changes.change_request_decide(change_request=cr, decision="approve", by=user_of("committee_secretary"))  # type: ignore[arg-type]
    new = kpi("P20-66-07")
    v1 = new.versions.get()
    assert v1.number == 1 and v1.effective_from.months == 12  # type: ignore[union-attr]
    assert not kpi_in_round(new, 6) and kpi_in_round(new, 12)
    cr.refresh_from_db()
    assert cr.kpi_id == new.pk


def test_the_level_comes_from_the_organisation_kind(user_of: User) -> None:
    assert changes.level_for(kpi("P20-66-03").organisation) == ChangeLevel.PROVINCE
    assert changes.level_for(Kpi.objects.get(code="MOF-65-03").organisation) == ChangeLevel.MINISTRY


def test_a_kind_may_not_change_fields_of_another_kind(user_of: User) -> None:
    k = kpi("P20-66-03")
    with pytest.raises(Invalid) as exc:
        changes.change_request_file(
            by=user_of("chonburi.coord"),  # type: ignore[arg-type]
            kpi=k,
            round_=round_of(k, 12),
            kind=ChangeKind.TARGET,
            reason_th="x",
            proposed={"targets": ["15", "25", "35"], "weight": "5"},
        )
    assert exc.value.field == "proposed.weight"


def test_a_round_of_another_framework_is_refused(user_of: User) -> None:
    k = kpi("P20-66-03")
    other = Round.objects.exclude(framework=k.framework).first()
    with pytest.raises(Invalid) as exc:
        changes.change_request_file(
            by=user_of("chonburi.coord"),  # type: ignore[arg-type]
            kpi=k,
            round_=other,  # type: ignore[arg-type]
            kind=ChangeKind.TARGET,
            reason_th="x",
            proposed={"targets": ["15", "25", "35"]},
        )
    assert exc.value.field == "round"


def test_a_change_cannot_reach_back_into_a_round_whose_results_are_locked(user_of: User) -> None:
    k = kpi("MOF-65-03")  # FY2565 round-12 results are approved and locked in the demo
    for months in (6, 12):
        with pytest.raises(Conflict) as exc:
            changes.change_request_file(
                by=user_of("mof_coordinator"),  # type: ignore[arg-type]
                kpi=k,
                round_=round_of(k, months),
                kind=ChangeKind.TARGET,
                reason_th="x",
                proposed={"targets": ["90", "95", "100"]},
            )
        assert exc.value.field == "round"


def test_a_cascaded_kpi_cannot_be_removed(user_of: User) -> None:
    k = kpi("P20-66-01")  # the MOI urgent-policy KPI cascaded to every province
    assert k.cascade_id is not None
    with pytest.raises(Conflict):
        changes.change_request_file(
            by=user_of("chonburi.coord"),  # type: ignore[arg-type]
            kpi=k,
            round_=round_of(k, 12),
            kind=ChangeKind.REMOVAL,
            reason_th="x",
            proposed={"weights": {"P20-66-04": "40"}},
        )
