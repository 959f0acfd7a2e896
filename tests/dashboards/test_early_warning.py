"""Early warning on the demo's live previous year (its 6-month round, demo confidences): the
forecast per organisation, the "most at risk" lists scoped to the viewer, the API and the command."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import Client

from govkpi.core.errors import Invalid, NotAllowed
from govkpi.core.thaidates import fiscal_year_of
from govkpi.organisations.access import PUBLIC, viewer_for
from govkpi.scorecards.forecast import at_risk_kpis, at_risk_organisations, forecasts_for

ClientAs = Callable[[str], Client]
YEAR = fiscal_year_of(__import__("datetime").date.today()) - 1


@pytest.fixture
def opdc(user_of: Callable[[str], object]) -> object:
    return viewer_for(user_of("opdc_admin"))


def test_opdc_sees_every_demo_organisations_forecast_with_a_range(opdc: object, db: None) -> None:
    forecasts = forecasts_for(viewer=opdc, year=YEAR, months=6)  # type: ignore[arg-type]
    assert {f.organisation.code for f in forecasts} >= {"CDD", "MOF", "P24", "P40"}
    for f in forecasts:
        assert f.result.low <= f.result.total <= f.result.high


def test_a_kpi_its_owner_calls_off_track_is_listed_with_the_owners_reason(opdc: object, db: None) -> None:
    rows = at_risk_kpis(forecasts_for(viewer=opdc, year=YEAR, months=6))  # type: ignore[arg-type]
    off = [(f.organisation.code, row) for f, row in rows if row.status == "off_track"]
    assert ("MOF", "งบประมาณลงทุนได้รับจัดสรรล่าช้า 3 เดือน โครงการหลักยังไม่เริ่ม (ข้อมูลตัวอย่าง)") in [
        (code, row.reason_th) for code, row in off
    ]
    assert rows[0][1].status == "off_track"  # off track first


def test_a_coordinator_sees_only_its_own_organisations_forecast(user_of: Callable[[str], object]) -> None:
    forecasts = forecasts_for(viewer=viewer_for(user_of("mof_coordinator")), year=YEAR, months=6)
    assert [f.organisation.code for f in forecasts] == ["MOF"]
    assert all(f.organisation.code == "MOF" for f in at_risk_organisations(forecasts))


def test_the_moi_reviewer_sees_provinces_not_departments(user_of: Callable[[str], object]) -> None:
    codes = {
        f.organisation.code for f in forecasts_for(viewer=viewer_for(user_of("moi_reviewer")), year=YEAR, months=6)
    }
    assert {"P24", "P40"} <= codes and "CDD" not in codes and "MOF" not in codes


def test_the_public_sees_no_forecast_and_a_12_month_forecast_is_refused(opdc: object, db: None) -> None:
    with pytest.raises(NotAllowed):
        forecasts_for(viewer=PUBLIC, year=YEAR, months=6)
    with pytest.raises(Invalid):
        forecasts_for(viewer=opdc, year=YEAR, months=12)  # type: ignore[arg-type]


def test_the_api_lists_forecasts_and_one_organisations_kpis(client_as: ClientAs) -> None:
    listed = client_as("opdc_admin").get(f"/api/v1/forecast/?year={YEAR}&round=6")
    assert listed.status_code == 200
    assert {"MOF", "P40"} <= {row["organisation"] for row in listed.json()}
    one = client_as("mof_coordinator").get(f"/api/v1/forecast/MOF?year={YEAR}&round=6")
    assert one.status_code == 200
    assert {k["status"] for k in one.json()["kpis"]} & {"off_track", "at_risk"}
    assert client_as("mof_coordinator").get(f"/api/v1/forecast/CDD?year={YEAR}&round=6").status_code == 404
    assert client_as("opdc_admin").get(f"/api/v1/forecast/?year={YEAR}&round=12").status_code == 422
    assert Client().get(f"/api/v1/forecast/?year={YEAR}&round=6").status_code == 401


def test_the_national_dashboard_loads_the_at_risk_lists(client_as: ClientAs) -> None:
    client = client_as("opdc_admin")
    page = client.get(f"/dashboards/national/?year={YEAR}")
    assert "/dashboards/forecast/at-risk/" in page.content.decode()
    lists = client.get(f"/dashboards/forecast/at-risk/?year={YEAR}&round=6").content.decode()
    assert 'data-kpi="MOF-' in lists and "ผู้รับจ้างทิ้งงาน" in lists


def test_a_ministry_list_keeps_to_what_its_staff_may_see(client_as: ClientAs) -> None:
    lists = client_as("mof_coordinator").get(f"/dashboards/forecast/at-risk/?year={YEAR}&round=6&organisation=MOF")
    text = lists.content.decode()
    assert 'data-kpi="MOF-' in text and "P40-" not in text


def test_the_forecast_page_shows_one_organisation_in_english(client_as: ClientAs) -> None:
    client = client_as("mof_coordinator")
    client.cookies["django_language"] = "en"
    page = client.get(f"/dashboards/forecast/?year={YEAR}&round=6&organisation=MOF")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="forecast-total"' in text and "Forecast year-end total" in text


def test_calibration_is_for_opdc_and_committees(client_as: ClientAs) -> None:
    assert client_as("mof_coordinator").get("/dashboards/forecast/calibration/").status_code == 403
    assert client_as("committee_secretary").get("/dashboards/forecast/calibration/").status_code == 200


def test_the_command_prints_json(capsys: pytest.CaptureFixture[str], db: None) -> None:
    call_command("forecast", "--year", str(YEAR), "--round", "6", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert {"MOF", "P40"} <= {row["organisation"] for row in rows}
