"""Strategic KPIs and the KPIs attached to them: OPDC's audited attach, the organisation's own
choice while its proposal is open (the field rules), and the relation shown both ways."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from govkpi.core.errors import Invalid, NotAllowed
from govkpi.kpis.models import Kpi, StrategicKpi
from govkpi.kpis.services import kpi_update
from govkpi.kpis.strategic import kpi_strategic_attach, kpi_strategic_detach, strategic_kpi_create

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
UserOf = Callable[[str], object]


def sk(code: str, year: int = 2567) -> StrategicKpi:
    return StrategicKpi.objects.get(code=code, fiscal_year__year=year)


def test_the_demo_year_2567_has_strategic_kpis_with_same_and_proxy_kpis_of_agencies_and_provinces() -> None:
    assert set(StrategicKpi.objects.filter(fiscal_year__year=2567).values_list("code", flat=True)) == {
        "SK-01",
        "SK-02",
        "SK-03",
        "SK-04",
    }
    poverty = Kpi.objects.filter(strategic=sk("SK-01"))
    assert poverty.filter(organisation__code__in=["P24", "P40", "CDD"]).count() == 3
    assert poverty.filter(cascade__owner__code="MOI").count() >= 20  # cascaded by MOI to the provinces
    assert set(Kpi.objects.filter(strategic__fiscal_year__year=2567).values_list("strategic_relation", flat=True)) == {
        "same",
        "proxy",
    }


def test_opdc_attaches_an_approved_kpi_and_the_history_names_who_and_why(user_of: UserOf) -> None:
    kpi = Kpi.objects.get(code="MOF-67-03")
    assert kpi.proposal.state == "approved" and kpi.strategic is None
    before = kpi.lock_version
    kpi_strategic_attach(kpi=kpi, strategic=sk("SK-02"), relation="proxy", by=user_of("opdc_desk"))  # type: ignore[arg-type]
    kpi.refresh_from_db()
    assert kpi.strategic == sk("SK-02") and kpi.strategic_relation == "proxy"
    assert kpi.lock_version == before + 1
    last = kpi.history.first()
    assert last.history_user.username == "opdc.desk1"
    assert "SK-02" in last.history_change_reason
    kpi_strategic_detach(kpi=kpi, by=user_of("opdc_desk"))  # type: ignore[arg-type]
    kpi.refresh_from_db()
    assert kpi.strategic is None and kpi.strategic_relation == ""


def test_an_organisation_cannot_attach_through_opdcs_service(user_of: UserOf) -> None:
    with pytest.raises(NotAllowed):
        kpi_strategic_attach(
            kpi=Kpi.objects.get(code="MOF-67-03"),
            strategic=sk("SK-02"),
            relation="proxy",
            by=user_of("mof_coordinator"),  # type: ignore[arg-type]
        )


def test_a_kpi_of_another_year_cannot_attach_to_a_strategic_kpi(user_of: UserOf) -> None:
    kpi = Kpi.objects.filter(organisation__code="MOF", framework__fiscal_year__year=2566).first()
    assert kpi is not None
    with pytest.raises(Invalid, match="คนละปีงบประมาณ"):
        kpi_strategic_attach(kpi=kpi, strategic=sk("SK-02"), relation="proxy", by=user_of("opdc_admin"))  # type: ignore[arg-type]


def test_a_coordinator_attaches_a_draft_kpi_but_never_a_cascaded_one(user_of: UserOf) -> None:
    strategic_kpi_create(
        by=user_of("opdc_admin"),  # type: ignore[arg-type]
        year=2566,
        values={"code": "SK-T1", "name_th": "ตัวชี้วัดทดสอบ", "owner": "OPDC", "plan_links": ["M09"]},
    )
    coordinator = user_of("ccs_coordinator")
    own = Kpi.objects.get(code="P24-66-03")
    assert own.proposal.state == "draft"
    kpi_update(kpi=own, by=coordinator, values={"strategic": "SK-T1", "strategic_relation": "proxy"})  # type: ignore[arg-type]
    own.refresh_from_db()
    assert own.strategic.code == "SK-T1" and own.strategic_relation == "proxy"
    assert own.history.first().history_user == coordinator
    with pytest.raises(Invalid, match="ความสัมพันธ์กับ Strategic KPI"):
        kpi_update(kpi=own, by=coordinator, values={"strategic_relation": ""})  # type: ignore[arg-type]
    cascaded = Kpi.objects.get(organisation__code="P24", framework__fiscal_year__year=2566, cascade__isnull=False)
    with pytest.raises(Invalid, match="Strategic KPI"):
        kpi_update(kpi=cascaded, by=coordinator, values={"strategic": "SK-T1", "strategic_relation": "same"})  # type: ignore[arg-type]
    with pytest.raises(Invalid, match="SK-99"):
        kpi_update(kpi=own, by=coordinator, values={"strategic": "SK-99"})  # type: ignore[arg-type]


def test_the_kpi_page_and_the_proposal_row_say_proxy_of_and_link_the_strategic_kpi(client_as: ClientAs) -> None:
    client = client_as("mof_coordinator")
    kpi = Kpi.objects.get(code="MOF-67-01")
    page = client.get(f"/kpis/{kpi.pk}/").content.decode()
    assert "ตัวชี้วัดทดแทน (Proxy KPIs) ที่ถ่ายทอดจาก Strategic KPIs" in page
    assert f'href="/strategic-kpis/{sk("SK-02").pk}/"' in page
    row = client.get(f"/proposals/{kpi.proposal_id}/").content.decode()
    assert "Proxy ของ SK-02" in row
    client.cookies["django_language"] = "en"
    english = client.get(f"/kpis/{kpi.pk}/").content.decode()
    assert "Proxy KPI of the Strategic KPI" in english


def test_the_strategic_kpi_page_lists_its_attached_kpis_by_organisation(client_as: ClientAs) -> None:
    page = client_as("opdc_desk").get(f"/strategic-kpis/{sk('SK-04').pk}/").content.decode()
    assert 'data-testid="attached-CDD"' in page and 'data-testid="attached-MOF"' in page
    assert "CDD-67-02" in page and "MOF-67-02" in page


def test_the_list_filters_by_year_owner_and_plan(client_as: ClientAs) -> None:
    client = client_as("opdc_desk")
    every = client.get("/strategic-kpis/", {"year": 2567}).content.decode()
    assert all(f'data-strategic="{c}"' in every for c in ("SK-01", "SK-02", "SK-03", "SK-04"))
    owned = client.get("/strategic-kpis/", {"owner": "PCD"}).content.decode()
    assert 'data-strategic="SK-03"' in owned and 'data-strategic="SK-01"' not in owned
    planned = client.get("/strategic-kpis/", {"plan": "POL-ESERVICE"}).content.decode()
    assert 'data-strategic="SK-04"' in planned and 'data-strategic="SK-02"' not in planned


def test_the_kpi_list_filters_by_strategic_kpi(client_as: ClientAs) -> None:
    page = client_as("opdc_desk").get("/kpis/", {"strategic": "SK-04", "year": 2567}).content.decode()
    assert "CDD-67-02" in page and "MOF-67-02" in page and "MOF-67-03" not in page
