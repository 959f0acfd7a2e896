"""Proposal pages: scoped list and detail, live rule check, editor, conflicts, actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from govkpi.frameworks.models import DeadlineExtension
from govkpi.kpis.choices import ProposalState as S
from govkpi.kpis.models import Kpi, Proposal

pytestmark = pytest.mark.django_db

ClientAs = Callable[[str], Client]
UserOf = Callable[[str], User]


def proposal(org: str, year: int = 2566) -> Proposal:
    return Proposal.objects.get(organisation__code=org, framework__fiscal_year__year=year)


def test_a_coordinator_cannot_see_another_departments_draft_in_the_list_or_detail(client_as: ClientAs) -> None:
    mof = proposal("MOF")
    client = client_as("cdd_coordinator")
    listing = client.get("/proposals/?year=2566").content.decode()
    assert "กรมการพัฒนาชุมชน" in listing
    assert f"/proposals/{mof.pk}/" not in listing
    assert client.get(f"/proposals/{mof.pk}/").status_code == 404
    assert client.get(f"/proposals/{mof.pk}/rules/").status_code == 404
    assert client_as("mof_coordinator").get(f"/proposals/{mof.pk}/").status_code == 200


def test_the_public_is_sent_to_log_in(client: Client) -> None:
    response = client.get("/proposals/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_detail_groups_kpis_by_component_with_the_rule_check_and_the_viewers_actions(
    client_as: ClientAs,
) -> None:
    p = proposal("P24")
    page = client_as("ccs_coordinator").get(f"/proposals/{p.pk}/").content.decode()
    assert "ประสิทธิผล" in page or "Performance" in page
    assert 'data-testid="rules-ok"' in page
    assert 'data-testid="action-submit"' in page and 'data-testid="pick-basket"' in page
    assert 'data-testid="remove-P24-66-01"' not in page  # cascaded: no remove button
    page = client_as("ccs_executive").get(f"/proposals/{p.pk}/").content.decode()
    assert 'data-testid="action-' not in page and 'data-testid="pick-basket"' not in page


def test_the_page_needs_the_same_number_of_queries_whatever_the_number_of_kpis(
    client_as: ClientAs, django_assert_max_num_queries: Callable[..., object]
) -> None:
    small = proposal("CDD")  # 5 KPIs
    big = proposal("P24")  # 6 KPIs and a cascaded one
    client = client_as("opdc_desk")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for p in (small, big):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/proposals/{p.pk}/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] and counts[0] < 40


def test_the_live_check_shows_what_typed_values_would_break_without_saving(client_as: ClientAs) -> None:
    p = proposal("P24")
    k = Kpi.objects.get(code="P24-66-03")
    response = client_as("ccs_coordinator").post(
        f"/proposals/{p.pk}/rules/",
        {"kpi": k.pk, "component": "performance", "weight": "30", "target_0": "5", "target_1": "7", "target_2": "10"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="problems"' in html and "80" in html
    assert Kpi.objects.get(pk=k.pk).weight == 20


def _form(k: Kpi, **changes: str) -> dict[str, object]:
    data: dict[str, object] = {
        "lock_version": k.lock_version,
        "component": k.component.code,
        "weight": str(k.weight),
        "support": k.support,
        "national_target_th": "",
        "national_target_value": "",
        "below_plan_reason_th": "",
        "responsible_th": k.responsible_th,
        "plan_links": ", ".join(k.plan_links.values_list("code", flat=True)),
        "kpi_type": k.kpi_type,
    }
    for i, t in enumerate(k.targets):
        data[f"target_{i}"] = t
    data.update(changes)
    return data


def test_two_coordinators_saving_the_same_kpi_the_second_sees_a_thai_conflict_with_the_current_values(
    client_as: ClientAs,
) -> None:
    p = proposal("P24")
    k = Kpi.objects.select_related("component").get(code="P24-66-03")
    first, second = client_as("ccs_coordinator"), client_as("ccs_coordinator")
    read_by_both = _form(k)
    url = f"/proposals/{p.pk}/kpis/{k.pk}/edit/"
    assert first.post(url, {**read_by_both, "weight": "15"}).status_code == 302
    response = second.post(url, {**read_by_both, "weight": "25"})
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="conflict"' in html
    assert "มีผู้อื่นบันทึก" in html and "15" in html
    assert Kpi.objects.get(pk=k.pk).weight == 15


def test_saving_with_a_broken_value_names_the_field(client_as: ClientAs) -> None:
    p = proposal("P24")
    k = Kpi.objects.select_related("component").get(code="P24-66-03")
    response = client_as("ccs_coordinator").post(f"/proposals/{p.pk}/kpis/{k.pk}/edit/", _form(k, target_1="abc"))
    assert (
        response.status_code == 200 and "ค่าเป้าหมาย" in response.content.decode() and "abc" in response.content.decode()
    )


def test_a_coordinator_searches_the_basket_in_thai_and_picks_an_entry(client_as: ClientAs) -> None:
    p = proposal("P24")
    client = client_as("ccs_coordinator")
    html = client.get(f"/proposals/{p.pk}/basket/?q=ท่องเที่ยว", headers={"HX-Request": "true"}).content.decode()
    assert 'data-testid="basket-results"' in html and "<html" not in html
    from govkpi.basket.models import BasketKpi

    entry = BasketKpi.objects.filter(group="provinces").exclude(assignments__proposal=p).first()
    assert entry is not None
    response = client.post(f"/proposals/{p.pk}/basket/{entry.code}/add/", {"lock_version": p.lock_version})
    assert response.status_code == 302 and "/edit/" in response["Location"]
    assert p.kpis.filter(basket=entry).exists()


def test_submitting_through_the_page_when_late_shows_the_deadline_message(client_as: ClientAs) -> None:
    p = proposal("P24")
    response = client_as("ccs_coordinator").post(
        f"/proposals/{p.pk}/transition/", {"action": "submit", "lock_version": p.lock_version}, follow=True
    )
    assert "เลยกำหนดส่ง" in response.content.decode()
    assert proposal("P24").state == S.DRAFT


def test_opdc_grants_an_extension_and_the_coordinator_submits(client_as: ClientAs) -> None:
    p = proposal("P24")
    later = timezone.localdate() + dt.timedelta(days=14)
    response = client_as("opdc_admin").post(
        f"/proposals/{p.pk}/extension/", {"new_deadline": later.isoformat(), "reason": "ระบบขัดข้อง"}, follow=True
    )
    assert "ขยายเวลา" in response.content.decode()
    assert DeadlineExtension.objects.filter(organisation=p.organisation, new_deadline=later).exists()
    client_as("ccs_coordinator").post(
        f"/proposals/{p.pk}/transition/", {"action": "submit", "lock_version": p.lock_version}
    )
    assert proposal("P24").state == S.SUBMITTED


def test_a_coordinator_cannot_grant_an_extension(client_as: ClientAs) -> None:
    p = proposal("P24")
    client_as("ccs_coordinator").post(f"/proposals/{p.pk}/extension/", {"new_deadline": "2099-01-01", "reason": "x"})
    assert not DeadlineExtension.objects.filter(organisation=p.organisation).exists()


def test_the_new_kpi_form_and_joint_and_cascade_pages_render(client_as: ClientAs) -> None:
    p = proposal("P24")
    client = client_as("ccs_coordinator")
    assert client.get(f"/proposals/{p.pk}/kpis/new/").status_code == 200
    assert client.get("/joint-kpis/").status_code == 200
    assert client.get("/cascaded-kpis/").status_code == 200
    assert client.get("/cascaded-kpis/new/").status_code == 403
    assert client_as("moi_reviewer").get("/cascaded-kpis/new/").status_code == 200
    joint = Kpi.objects.filter(proposal=p).exclude(joint=None).first()
    assert joint is not None and joint.joint is not None
    assert client.get(f"/joint-kpis/{joint.joint.pk}/").status_code == 200


def test_a_coordinator_starts_a_draft_for_a_new_framework_from_the_list(client_as: ClientAs) -> None:
    from govkpi.frameworks.models import FiscalYear, Framework
    from govkpi.organisations.models import Organisation

    year = FiscalYear.objects.create(year=2568)
    fw = Framework.objects.create(
        fiscal_year=year, group="agencies", name_th="กรอบการประเมิน 2568", announced_at=timezone.now()
    )
    fw.participants.add(Organisation.objects.get(code="CDD"))
    client = client_as("cdd_coordinator")
    assert f'data-testid="start-{fw.pk}"' in client.get("/proposals/").content.decode()
    assert f'data-testid="start-{fw.pk}"' not in client_as("mof_coordinator").get("/proposals/").content.decode()
    response = client.post("/proposals/start/", {"framework": fw.pk})
    made = Proposal.objects.get(framework=fw, organisation__code="CDD")
    assert response.status_code == 302 and response["Location"] == f"/proposals/{made.pk}/" and made.state == S.DRAFT
    client_as("mof_coordinator").post("/proposals/start/", {"framework": fw.pk})
    assert not Proposal.objects.filter(framework=fw, organisation__code="MOF").exists()
