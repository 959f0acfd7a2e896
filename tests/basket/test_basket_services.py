from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from govkpi.basket.models import BasketKpi
from govkpi.basket.selectors import basket_list
from govkpi.basket.services import basket_kpi_create, basket_kpi_restore, basket_kpi_retire, basket_kpi_update
from govkpi.core.errors import Invalid, NotAllowed, NotFound

pytestmark = pytest.mark.django_db


def problems_of(exc: pytest.ExceptionInfo[Invalid]) -> dict[str, str]:
    return {str(p["field"]): str(p["message_th"]) for p in exc.value.problems}


def test_opdc_creates_an_entry_with_the_full_template(user_of: Callable[[str], Any], template: dict[str, Any]) -> None:
    kpi = basket_kpi_create(by=user_of("opdc_admin"), data=template)
    kpi.refresh_from_db()
    assert kpi.baseline == [
        {"year": 2563, "value": "78.5"},
        {"year": 2564, "value": "80"},
        {"year": 2565, "value": "82.25"},
    ]
    assert kpi.recommended_targets == [["80", "85", "90"]]
    assert [p.code for p in kpi.plan_links.all()] == ["MP20"]
    assert kpi.applicable_kinds == ["ministry", "department"]
    assert kpi.history.filter(history_type="+").count() == 1
    assert {h.history_user for h in kpi.history.all()} == {user_of("opdc_admin")}
    assert kpi in basket_list(q="ดิจิทัล")


def test_a_coordinator_may_not_write_to_the_basket(user_of: Callable[[str], Any], template: dict[str, Any]) -> None:
    with pytest.raises(NotAllowed):
        basket_kpi_create(by=user_of("cdd_coordinator"), data=template)
    with pytest.raises(NotAllowed):
        basket_kpi_retire(by=user_of("moi_reviewer"), code="B65-001")
    assert not BasketKpi.objects.filter(code="T66-900").exists()


def test_every_problem_is_named_by_field_in_thai_and_english(
    user_of: Callable[[str], Any], template: dict[str, Any]
) -> None:
    bad = {
        **template,
        "code": "B65-001",
        "name_th": "",
        "direction": "sideways",
        "baseline": [{"year": 1999, "value": "x"}],
        "recommended_targets": ["90", "85", "80"],
        "plan_links": ["MP20", "NOPE"],
        "applicable_kinds": ["planet"],
        "ministry": "ZZZ",
    }
    with pytest.raises(Invalid) as exc:
        basket_kpi_create(by=user_of("opdc_admin"), data=bad)
    found = problems_of(exc)
    assert "มีอยู่แล้ว" in found["code"]
    assert found["name_th"] == "ต้องระบุ"
    assert "sideways" in found["direction"]
    assert "ปี พ.ศ." in found["baseline"]
    assert "เพิ่มขึ้นตามขั้น" in found["recommended_targets"]
    assert "NOPE" in found["plan_links"]
    assert "planet" in found["applicable_kinds"]
    assert "ZZZ" in found["ministry"]
    assert all(p["message_en"] for p in exc.value.problems)
    assert exc.value.status == 422


def test_lower_is_better_targets_must_go_down(user_of: Callable[[str], Any], template: dict[str, Any]) -> None:
    data = {**template, "direction": "lower_is_better"}
    with pytest.raises(Invalid) as exc:
        basket_kpi_create(by=user_of("opdc_admin"), data=data)
    assert "ลดลงตามขั้น" in problems_of(exc)["recommended_targets"]
    kpi = basket_kpi_create(by=user_of("opdc_admin"), data={**data, "recommended_targets": [12, 10.5, "9"]})
    assert kpi.recommended_targets == [["12", "10.5", "9"]]


def test_an_update_changes_only_the_fields_given_and_records_who(user_of: Callable[[str], Any]) -> None:
    before = BasketKpi.objects.get(code="B65-001")
    name = before.name_th
    kpi = basket_kpi_update(by=user_of("opdc_desk"), code="B65-001", data={"unit_th": "ครั้ง", "plan_links": ["MP01"]})
    kpi.refresh_from_db()
    assert kpi.unit_th == "ครั้ง" and kpi.name_th == name
    assert [p.code for p in kpi.plan_links.all()] == ["MP01"]
    latest = kpi.history.first()
    assert latest.history_user == user_of("opdc_desk") and latest.history_type == "~"


def test_the_code_cannot_be_changed(user_of: Callable[[str], Any]) -> None:
    with pytest.raises(Invalid) as exc:
        basket_kpi_update(by=user_of("opdc_admin"), code="B65-001", data={"code": "B65-999"})
    assert exc.value.field == "code"


def test_an_update_that_changes_nothing_writes_no_history(user_of: Callable[[str], Any]) -> None:
    kpi = BasketKpi.objects.get(code="B65-002")
    count = kpi.history.count()
    basket_kpi_update(by=user_of("opdc_admin"), code="B65-002", data={"name_th": kpi.name_th})
    assert kpi.history.count() == count


def test_a_retired_entry_is_hidden_from_pickers_but_still_readable(user_of: Callable[[str], Any]) -> None:
    code = "B65-003"
    basket_kpi_retire(by=user_of("opdc_admin"), code=code, reason="ซ้ำกับ B65-004")
    assert not basket_list().filter(code=code).exists()
    assert basket_list(include_retired=True).filter(code=code).exists()
    assert BasketKpi.objects.get(code=code).history.first().history_change_reason == "ซ้ำกับ B65-004"
    basket_kpi_restore(by=user_of("opdc_admin"), code=code)
    assert basket_list().filter(code=code).exists()


def test_retiring_an_unknown_code_is_not_found(user_of: Callable[[str], Any]) -> None:
    with pytest.raises(NotFound):
        basket_kpi_retire(by=user_of("opdc_admin"), code="NOPE-1")
