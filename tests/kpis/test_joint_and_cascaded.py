"""Joint KPIs appear in each participant's proposal with its own weight and targets; cascaded KPIs
reach every organisation of the framework and cannot be removed."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from govkpi.core.errors import Conflict, NotAllowed
from govkpi.frameworks.models import Framework
from govkpi.kpis import services, shared
from govkpi.kpis.choices import KpiType
from govkpi.kpis.models import Kpi, Proposal
from govkpi.organisations.models import Organisation

pytestmark = pytest.mark.django_db

UserOf = Callable[[str], User]


def framework(year: int, group: str) -> Framework:
    return Framework.objects.get(fiscal_year__year=year, group=group)


def org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


TEMPLATE = shared.SharedTemplate(
    name_th="ร้อยละของผู้สูงอายุที่ได้รับการคัดกรองสุขภาพ",
    formula_th="(ผู้สูงอายุที่ได้รับการคัดกรอง / ผู้สูงอายุทั้งหมด) × 100",
    unit_th="ร้อยละ",
    weight=Decimal(10),
    targets=["80", "85", "90"],
)


def test_a_host_defines_a_joint_kpi_and_each_participant_gets_its_own_row(user_of: UserOf) -> None:
    fw = framework(2566, "agencies")
    joint = shared.joint_create(
        framework=fw,
        by=user_of("cdd_coordinator"),
        code="J66-99",
        issue_th="สังคมสูงวัย",
        host=org("CDD"),
        participants=[org("CDD"), org("MOF")],
        template=TEMPLATE,
    )
    rows = {k.organisation.code: k for k in joint.kpis.select_related("organisation", "proposal")}
    assert set(rows) == {"CDD", "MOF"}
    assert all(k.kpi_type == KpiType.JOINT and k.name_th == TEMPLATE.name_th for k in rows.values())
    assert rows["MOF"].proposal == Proposal.objects.get(framework=fw, organisation__code="MOF")
    services.kpi_update(
        kpi=rows["MOF"], by=user_of("mof_coordinator"), values={"weight": "5", "targets": ["70", "75", "80"]}
    )
    rows["CDD"].refresh_from_db()
    assert rows["CDD"].weight == Decimal(10) and rows["CDD"].targets == ["80", "85", "90"]
    assert Kpi.objects.get(pk=rows["MOF"].pk).targets == ["70", "75", "80"]


def test_only_the_host_or_opdc_defines_a_joint_kpi(user_of: UserOf) -> None:
    fw = framework(2566, "agencies")
    with pytest.raises(NotAllowed):
        shared.joint_create(
            framework=fw,
            by=user_of("mof_coordinator"),
            code="J66-98",
            issue_th="",
            host=org("CDD"),
            participants=[org("CDD")],
            template=TEMPLATE,
        )


def test_a_joint_kpi_cannot_reach_a_proposal_already_under_review(user_of: UserOf) -> None:
    fw = framework(2566, "provinces")
    with pytest.raises(Conflict) as exc:
        shared.joint_create(
            framework=fw,
            by=user_of("opdc_admin"),
            code="J66-97",
            issue_th="ผู้สูงอายุ",
            host=org("P24"),
            participants=[org("P24"), org("P40")],
            template=TEMPLATE,
        )
    assert org("P40").name_th in exc.value.message_th
    assert not Kpi.objects.filter(joint__code="J66-97").exists()


def test_dropping_a_participant_removes_its_row(user_of: UserOf) -> None:
    fw = framework(2566, "agencies")
    joint = shared.joint_create(
        framework=fw,
        by=user_of("opdc_desk"),
        code="J66-96",
        issue_th="x",
        host=org("CDD"),
        participants=[org("CDD"), org("MOF")],
        template=TEMPLATE,
    )
    shared.joint_set_participants(joint=joint, by=user_of("cdd_coordinator"), participants=[org("CDD")])
    assert list(joint.kpis.values_list("organisation__code", flat=True)) == ["CDD"]
    assert list(joint.participants.values_list("code", flat=True)) == ["CDD"]


def test_opdc_cascades_a_kpi_to_every_open_proposal_of_the_framework(user_of: UserOf) -> None:
    fw = framework(2566, "provinces")
    cascade, result = shared.cascade_push(framework=fw, by=user_of("moi_reviewer"), code="C66-02", template=TEMPLATE)
    # 74 provinces are already approved and P40 is under review: only Chachoengsao's draft is open.
    assert [k.organisation.code for k in result.created] == ["P24"]
    assert len(result.skipped) == fw.participants.count() - 1
    row = result.created[0]
    assert row.cascade == cascade and row.weight == Decimal(10)
    with pytest.raises(Conflict):
        services.kpi_remove(kpi=row, by=user_of("ccs_coordinator"))


def test_the_urgent_policy_kpi_is_cascaded_to_all_76_provinces_in_the_demo() -> None:
    fw = framework(2566, "provinces")
    cascade = fw.cascaded_kpis.get()
    assert cascade.kpis.values("organisation").distinct().count() == 76


def test_a_coordinator_cannot_cascade_and_moi_cannot_cascade_to_agencies(user_of: UserOf) -> None:
    with pytest.raises(NotAllowed):
        shared.cascade_push(
            framework=framework(2566, "provinces"), by=user_of("ccs_coordinator"), code="C", template=TEMPLATE
        )
    with pytest.raises(NotAllowed):
        shared.cascade_push(
            framework=framework(2566, "agencies"), by=user_of("moi_reviewer"), code="C", template=TEMPLATE
        )
