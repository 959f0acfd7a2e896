"""Reporting: coordinators enter results, executives endorse, states and optimistic locks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.core.models import WorkflowEvent
from govkpi.frameworks.models import Round
from govkpi.kpis.models import Kpi
from govkpi.kpis.selectors import reportable_in_round
from govkpi.results import services
from govkpi.results.models import Result, ResultState

pytestmark = pytest.mark.django_db


def test_a_coordinator_reports_a_result_as_a_draft(flow: Callable[..., Result]) -> None:
    result = flow("draft", value="1,000.5")
    assert result.state == ResultState.DRAFT
    assert result.value == Decimal("1000.5")
    assert result.version.number == 1
    assert result.lock_version == 1


def test_submitting_and_endorsing_are_recorded_as_workflow_events(flow: Callable[..., Result]) -> None:
    result = Result.objects.get(pk=flow("endorsed").pk)
    assert result.state == ResultState.ENDORSED
    actions = list(
        WorkflowEvent.objects.filter(object_id=result.pk, action__startswith="result_").values_list("action", flat=True)
    )
    assert actions == ["result_submit", "result_endorse"]


def test_every_state_is_reached(flow: Callable[..., Result], mof_kpi: Kpi) -> None:
    seen = {
        flow(state, kpi=Kpi.objects.get(code=code)).state
        for state, code in [
            ("draft", "MOF-65-03"),
            ("submitted", "MOF-65-04"),
            ("endorsed", "MOF-65-06"),
            ("verified", "MOF-65-02"),
        ]
    }
    assert seen == {"draft", "submitted", "endorsed", "verified"}


def test_another_organisations_coordinator_cannot_report(as_viewer, open_round: Round, mof_kpi: Kpi) -> None:  # type: ignore[no-untyped-def]
    user, viewer = as_viewer("cdd_coordinator")
    with pytest.raises(NotAllowed):
        services.result_save(
            viewer=viewer, user=user, kpi=mof_kpi, round_=open_round, value="1", narrative_th="", lock_version=None
        )


def test_an_executive_cannot_enter_a_result(as_viewer, open_round: Round, mof_kpi: Kpi) -> None:  # type: ignore[no-untyped-def]
    user, viewer = as_viewer("mof.exec")
    with pytest.raises(NotAllowed):
        services.result_save(
            viewer=viewer, user=user, kpi=mof_kpi, round_=open_round, value="1", narrative_th="", lock_version=None
        )


def test_a_milestone_kpi_takes_a_whole_step_number(flow: Callable[..., Result], milestone_kpi: Kpi) -> None:
    assert flow("draft", value="4", kpi=milestone_kpi).value == 4
    with pytest.raises(Invalid) as error:
        flow("draft", value="3.5", kpi=milestone_kpi)
    assert "ขั้นตอน" in error.value.message_th


def test_a_result_that_is_not_a_number_is_refused_with_the_field_named(flow: Callable[..., Result]) -> None:
    with pytest.raises(Invalid) as error:
        flow("draft", value="ร้อยละเก้าสิบ")
    assert error.value.field == "value"


def test_a_stale_save_is_a_conflict(flow: Callable[..., Result], as_viewer, open_round: Round, mof_kpi: Kpi) -> None:  # type: ignore[no-untyped-def]
    result = flow("draft")
    user, viewer = as_viewer("mof_coordinator")
    services.result_save(
        viewer=viewer,
        user=user,
        kpi=mof_kpi,
        round_=open_round,
        value="99",
        narrative_th="",
        lock_version=result.lock_version,
    )
    with pytest.raises(Conflict) as error:
        services.result_save(
            viewer=viewer,
            user=user,
            kpi=mof_kpi,
            round_=open_round,
            value="98",
            narrative_th="",
            lock_version=result.lock_version,
        )
    assert error.value.current and error.value.current["value"] == "99.0000"


def test_a_submitted_result_cannot_be_edited(
    flow: Callable[..., Result], as_viewer, open_round: Round, mof_kpi: Kpi
) -> None:  # type: ignore[no-untyped-def]
    flow("submitted")
    user, viewer = as_viewer("mof_coordinator")
    with pytest.raises(Conflict):
        services.result_save(
            viewer=viewer, user=user, kpi=mof_kpi, round_=open_round, value="1", narrative_th="", lock_version=None
        )


def test_a_result_cannot_be_submitted_without_a_value(as_viewer, open_round: Round, mof_kpi: Kpi) -> None:  # type: ignore[no-untyped-def]
    user, viewer = as_viewer("mof_coordinator")
    result = services.result_save(
        viewer=viewer, user=user, kpi=mof_kpi, round_=open_round, value="", narrative_th="รอข้อมูล", lock_version=None
    )
    with pytest.raises(Invalid):
        services.result_submit(viewer=viewer, user=user, result=result)


def test_the_executive_returns_a_result_with_a_reason_and_the_coordinator_corrects_it(
    flow: Callable[..., Result], as_viewer, open_round: Round, mof_kpi: Kpi
) -> None:  # type: ignore[no-untyped-def]
    result = flow("submitted")
    user, viewer = as_viewer("mof.exec")
    with pytest.raises(Invalid):
        services.result_endorse(viewer=viewer, user=user, result=result, approve=False)
    result = services.result_endorse(viewer=viewer, user=user, result=result, approve=False, comment="ตรวจตัวเลขอีกครั้ง")
    assert result.state == ResultState.RETURNED
    user, viewer = as_viewer("mof_coordinator")
    result = services.result_save(
        viewer=viewer,
        user=user,
        kpi=mof_kpi,
        round_=open_round,
        value="100",
        narrative_th="แก้ไขแล้ว",
        lock_version=result.lock_version,
    )
    assert result.value == 100


def test_another_organisations_executive_cannot_endorse(flow: Callable[..., Result], as_viewer) -> None:  # type: ignore[no-untyped-def]
    result = flow("submitted")
    user, viewer = as_viewer("cdd_executive")
    with pytest.raises(NotAllowed):
        services.result_endorse(viewer=viewer, user=user, result=result)


def test_a_closed_round_refuses_reports(as_viewer, mof_kpi: Kpi) -> None:  # type: ignore[no-untyped-def]
    round_ = Round.objects.get(framework=mof_kpi.framework, months=6)  # demo dates: April–May 2022
    user, viewer = as_viewer("mof_coordinator")
    with pytest.raises(Conflict) as error:
        services.result_save(
            viewer=viewer, user=user, kpi=mof_kpi, round_=round_, value="1", narrative_th="", lock_version=None
        )
    assert "ขยายเวลา" in error.value.message_th


def test_opdc_extends_a_round_for_one_organisation_with_a_reason(as_viewer, mof_kpi: Kpi) -> None:  # type: ignore[no-untyped-def]
    round_ = Round.objects.get(framework=mof_kpi.framework, months=6)
    user, viewer = as_viewer("opdc_admin")
    with pytest.raises(Invalid):
        services.round_extend(
            viewer=viewer,
            user=user,
            round_=round_,
            organisation=mof_kpi.organisation,
            new_deadline=dt.date.today() + dt.timedelta(days=3),
            reason=" ",
        )
    ext = services.round_extend(
        viewer=viewer,
        user=user,
        round_=round_,
        organisation=mof_kpi.organisation,
        new_deadline=dt.date.today() + dt.timedelta(days=3),
        reason="ระบบข้อมูลกลางขัดข้อง",
    )
    assert ext.history.count() == 1
    assert WorkflowEvent.objects.filter(action="round_extend", object_id=ext.pk, comment="ระบบข้อมูลกลางขัดข้อง").exists()
    assert services.round_is_open(round_, mof_kpi.organisation, today=dt.date.today())
    assert not services.round_is_open(round_, Kpi.objects.get(code="MOC-65-01").organisation_id, today=dt.date.today())
    user, viewer = as_viewer("mof_coordinator")
    result = services.result_save(
        viewer=viewer, user=user, kpi=mof_kpi, round_=round_, value="1", narrative_th="", lock_version=None
    )
    assert result.pk


def test_only_opdc_extends_a_round(as_viewer, mof_kpi: Kpi) -> None:  # type: ignore[no-untyped-def]
    round_ = Round.objects.get(framework=mof_kpi.framework, months=6)
    user, viewer = as_viewer("mof_coordinator")
    with pytest.raises(NotAllowed):
        services.round_extend(
            viewer=viewer,
            user=user,
            round_=round_,
            organisation=mof_kpi.organisation,
            new_deadline=dt.date.today(),
            reason="x",
        )


def test_monitor_kpis_are_reported_the_same_way(flow: Callable[..., Result]) -> None:
    monitor = Kpi.objects.get(code="MOF-65-07")
    assert monitor.is_monitor
    assert flow("verified", kpi=monitor).state == ResultState.VERIFIED


def test_each_participant_of_a_joint_kpi_reports_its_own_result(as_viewer, open_round: Round) -> None:  # type: ignore[no-untyped-def]
    joint = Kpi.objects.filter(framework=open_round.framework, joint__isnull=False, proposal__state="approved")
    orgs = {k.organisation_id for k in joint}
    assert len(orgs) >= 2
    kpi = joint.filter(organisation__code="MOF").first() or joint.first()
    assert kpi is not None
    assert kpi.joint is not None
    rows = reportable_in_round(open_round.framework, open_round, organisations=[kpi.organisation_id])
    assert kpi.pk in {k.pk for k, _ in rows}


def test_the_organisation_hears_of_every_workflow_change_in_its_inbox(flow: Callable[..., Result], user_of) -> None:  # type: ignore[no-untyped-def]
    from govkpi.notifications.models import Notification

    flow("endorsed")
    executive_inbox = Notification.objects.filter(user=user_of("mof.exec"))
    subjects = list(executive_inbox.values_list("subject_th", flat=True))
    # Each message names the step, the organisation and the round; the KPI is a line of its body.
    assert "ผลการดำเนินงาน: ส่งแล้ว รอผู้บริหารรับรอง · กระทรวงการคลัง · รอบ 6 เดือน ปี 2565" in subjects
    assert "ผลการดำเนินงาน: ผู้บริหารรับรองแล้ว · กระทรวงการคลัง · รอบ 6 เดือน ปี 2565" in subjects
    assert all("MOF-65-03" in body for body in executive_inbox.values_list("body_th", flat=True))
    assert executive_inbox.first().url == "/results/MOF/2565/6/"  # type: ignore[union-attr]
