"""The demo world is the seeds' world, and loading it twice changes nothing."""

import pytest
from django.apps import apps
from django.core.management import call_command

from govkpi.frameworks.models import Framework
from govkpi.kpis.models import CascadedKpi, JointKpi, Kpi
from govkpi.organisations.models import Organisation
from govkpi.plans.models import PlanNode

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label.startswith(
            ("organisations", "plans", "frameworks", "basket", "kpis", "reviews", "results")
        )
    }


def test_loading_the_demo_twice_changes_nothing() -> None:
    before = row_counts()
    call_command("loaddemo", verbosity=0)
    assert row_counts() == before


def test_fy2565_agencies_have_the_counts_of_seed_002() -> None:
    kpis = Kpi.objects.filter(framework__fiscal_year__year=2565, framework__group="agencies")
    orgs = Organisation.objects.filter(kpis__in=kpis).distinct()
    assert orgs.count() == 37
    assert orgs.filter(kind="ministry").count() == 18
    assert orgs.filter(kind="pm_agency").count() == 13
    assert orgs.filter(kind="independent").count() == 6
    assert kpis.count() == 232
    assert kpis.filter(is_monitor=False).count() == 210
    assert kpis.filter(is_monitor=True).count() == 22
    assert kpis.filter(origin="basket").count() == 212
    assert kpis.filter(origin="proposed").count() == 20


def test_fy2564_is_monitoring_only_with_the_five_cdd_kpis_of_seed_004() -> None:
    framework = Framework.objects.get(fiscal_year__year=2564, group="agencies")
    assert framework.monitoring_only
    kpis = Kpi.objects.filter(framework=framework, organisation__code="CDD").order_by("order")
    assert [int(k.weight) for k in kpis] == [20, 25, 25, 15, 15]
    assert "OTOP" in kpis[0].name_th


def test_76_provinces_are_evaluated_and_bangkok_is_not_in_the_group() -> None:
    framework = Framework.objects.get(fiscal_year__year=2566, group="provinces")
    participants = framework.participants.all()
    assert participants.count() == 76
    assert not participants.filter(name_th="กรุงเทพมหานคร").exists()
    assert Organisation.objects.filter(name_th="กรุงเทพมหานคร").exists()
    assert Organisation.objects.get(code="P24").name_th == "ฉะเชิงเทรา"


def test_the_moi_urgent_policy_kpi_is_cascaded_to_all_76_provinces() -> None:
    cascade = CascadedKpi.objects.get(framework__fiscal_year__year=2566, framework__group="provinces")
    assert "ขจัดความยากจน" in cascade.name_th
    assert cascade.kpis.values("organisation").distinct().count() == 76


def test_fy2566_provinces_have_the_three_joint_kpi_issues_of_seed_001() -> None:
    joints = JointKpi.objects.filter(framework__fiscal_year__year=2566, framework__group="provinces")
    issues = " ".join(j.issue_th + j.name_th for j in joints)
    assert joints.count() == 3
    for word in ("ก๊าซเรือนกระจก", "น้ำ", "ท่องเที่ยว"):
        assert word in issues
    assert all(j.participants.exists() for j in joints)


def test_the_e_service_agenda_is_a_joint_kpi_in_fy2565() -> None:
    joint = JointKpi.objects.get(framework__fiscal_year__year=2565, framework__group="agencies")
    assert "eservice" in joint.themes
    assert joint.kpis.count() >= 2


def test_the_national_plan_tree_has_the_expected_nodes() -> None:
    counts = {
        kind: PlanNode.objects.filter(kind=kind).count()
        for kind in ("strategy", "master_plan", "milestone", "reform", "sdg")
    }
    assert counts == {"strategy": 6, "master_plan": 23, "milestone": 13, "reform": 13, "sdg": 17}
