"""Which field of a KPI may change in which state: the rule table, and the same table checked
against the form, the API, the proposal Excel import and change requests."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from openpyxl import load_workbook

from govkpi.core.errors import Invalid
from govkpi.kpis import changes, field_rules
from govkpi.kpis.choices import ChangeKind, ProposalState
from govkpi.kpis.excel import KPI_SHEET, proposal_export_xlsx
from govkpi.kpis.field_rules import KpiKind, may_change
from govkpi.kpis.forms import KpiForm
from govkpi.kpis.importing import proposal_import
from govkpi.kpis.models import Kpi, Proposal
from govkpi.kpis.services import kpi_update
from govkpi.organisations.choices import Role

pytestmark = pytest.mark.django_db
DRAFT, RETURNED, SUBMITTED, APPROVED = (
    ProposalState.DRAFT,
    ProposalState.RETURNED,
    ProposalState.SUBMITTED,
    ProposalState.APPROVED,
)
TUNABLE = ("targets", "weight", "data_source_th", "responsible_th")  # the demo Basket's

# state × field × kind → may the organisation change it (approved: through a change request of that kind)
TABLE: list[tuple[str, str | None, str, KpiKind, bool]] = [
    (DRAFT, None, "weight", KpiKind.OWN, True),
    (DRAFT, None, "formula_th", KpiKind.OWN, True),
    (DRAFT, None, "unit_th", KpiKind.OWN, True),
    (DRAFT, None, "formula_th", KpiKind.BASKET, False),
    (DRAFT, None, "unit_th", KpiKind.BASKET, False),
    (DRAFT, None, "targets", KpiKind.BASKET, True),
    (DRAFT, None, "weight", KpiKind.BASKET, True),
    (DRAFT, None, "name_th", KpiKind.JOINT, False),
    (DRAFT, None, "targets", KpiKind.JOINT, True),
    (DRAFT, None, "weight", KpiKind.JOINT, True),
    (DRAFT, None, "weight", KpiKind.CASCADED, False),
    (DRAFT, None, "targets", KpiKind.CASCADED, False),
    (DRAFT, None, "unit_th", KpiKind.CASCADED, False),
    (DRAFT, None, "formula_th", KpiKind.CASCADED, False),
    (DRAFT, None, "responsible_th", KpiKind.CASCADED, True),
    (RETURNED, None, "weight", KpiKind.BASKET, True),
    (SUBMITTED, None, "weight", KpiKind.OWN, False),
    (SUBMITTED, None, "responsible_th", KpiKind.OWN, False),
    (APPROVED, None, "targets", KpiKind.OWN, False),
    (APPROVED, ChangeKind.TARGET, "targets", KpiKind.OWN, True),
    (APPROVED, ChangeKind.TARGET, "weight", KpiKind.OWN, False),
    (APPROVED, ChangeKind.TARGET, "targets", KpiKind.BASKET, True),
    (APPROVED, ChangeKind.TARGET, "targets", KpiKind.CASCADED, False),
    (APPROVED, ChangeKind.WEIGHT, "weight", KpiKind.CASCADED, False),
    (APPROVED, ChangeKind.WEIGHT, "weight", KpiKind.JOINT, True),
    (APPROVED, ChangeKind.FORMULA, "formula_th", KpiKind.OWN, True),
    (APPROVED, ChangeKind.FORMULA, "formula_th", KpiKind.BASKET, False),
    (APPROVED, ChangeKind.FORMULA, "unit_th", KpiKind.BASKET, False),
    (APPROVED, ChangeKind.FORMULA, "formula_th", KpiKind.JOINT, False),
]


@pytest.mark.parametrize(("state", "change", "field", "kind", "allowed"), TABLE)
def test_the_rule_table_says_which_field_may_change(
    state: str, change: str | None, field: str, kind: KpiKind, allowed: bool
) -> None:
    tunable = TUNABLE if kind == KpiKind.BASKET else ()
    assert may_change(kind, field, state, tunable=tunable, change=change) is allowed


def test_every_field_has_one_label_in_thai_and_english() -> None:
    assert set(field_rules.ALL_FIELDS) <= set(field_rules.LABELS)
    assert field_rules.label("baseline") == ("ข้อมูลพื้นฐาน 3 ปี", "Baseline (3 years)")


def kpi(code: str) -> Kpi:
    return Kpi.objects.select_related("proposal", "component", "basket", "framework").get(code=code)


# The draft demo KPIs of each kind (P24's proposal is a draft with a cascaded and a joint KPI).
DRAFT_KPIS = {KpiKind.BASKET: "CDD-66-01", KpiKind.CASCADED: "P24-66-01", KpiKind.JOINT: "P24-66-02"}
NEW_VALUE: dict[str, object] = {"unit_th": "หน่วยใหม่", "formula_th": "สูตรใหม่", "weight": "7", "name_th": "ชื่อใหม่"}


def new_targets(k: Kpi) -> list[str]:
    return [str(float(t) + 1) for t in k.targets]


DRAFT_ROWS = [
    (kind, field, may_change(kind, field, DRAFT, tunable=TUNABLE if kind == KpiKind.BASKET else ()))
    for kind in DRAFT_KPIS
    for field in ("unit_th", "formula_th", "weight", "targets")
]


@pytest.mark.parametrize(("kind", "field", "allowed"), DRAFT_ROWS)
def test_the_form_shows_exactly_the_tables_locked_fields_as_locked(kind: KpiKind, field: str, allowed: bool) -> None:
    k = kpi(DRAFT_KPIS[kind])
    form = KpiForm(framework=k.framework, locked=field_rules.locked_fields(k), initial=KpiForm.initial_for(k))
    name = "target_0" if field == "targets" else field
    assert form.fields[name].disabled is (not allowed)


@pytest.mark.parametrize(("kind", "field", "allowed"), DRAFT_ROWS)
def test_the_api_service_follows_the_table(kind: KpiKind, field: str, allowed: bool, user_of: Any) -> None:
    k = kpi(DRAFT_KPIS[kind])
    coordinator = user_of("cdd_coordinator") if k.organisation.code == "CDD" else _coordinator_of(k)
    value = new_targets(k) if field == "targets" else NEW_VALUE[field]
    if allowed:
        kpi_update(kpi=k, by=coordinator, values={field: value})
    else:
        with pytest.raises(Invalid) as refused:
            kpi_update(kpi=k, by=coordinator, values={field: value})
        assert refused.value.field == field and k.code in refused.value.message_th


def _coordinator_of(k: Kpi) -> Any:
    user = get_user_model().objects.filter(person__organisation=k.organisation, person__role=Role.COORDINATOR).first()
    if user is None:
        pytest.skip(f"no coordinator of {k.organisation.code} in the demo")
    return user


def _workbook_with(proposal: Proposal, code: str, header: str, value: object) -> bytes:
    wb = load_workbook(io.BytesIO(proposal_export_xlsx(proposal)))
    ws = wb[KPI_SHEET]
    headers = {c.value: c.column for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, headers["รหัสตัวชี้วัด"]).value == code)
    ws.cell(row, headers[header]).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_proposal_import_refuses_a_new_weight_for_a_cascaded_kpi_naming_the_row() -> None:
    k = kpi("P24-66-01")
    before = (k.weight, k.lock_version)
    data = _workbook_with(k.proposal, k.code, "น้ำหนัก (ร้อยละ)", float(k.weight) + 5)
    with pytest.raises(Invalid) as refused:
        proposal_import(by=None, data=data, proposal=k.proposal)
    messages = [p["message"] for p in refused.value.problems]
    assert any(m.startswith("แถว ") and "น้ำหนัก" in m and k.code in m for m in messages), messages
    k.refresh_from_db()
    assert (k.weight, k.lock_version) == before


@pytest.mark.parametrize(
    ("code", "header", "value", "allowed"),
    [
        ("P24-66-01", "สูตรการคำนวณ", "สูตรใหม่", False),  # cascaded: formula
        ("P24-66-01", "หน่วยวัด", "หน่วยใหม่", False),  # cascaded: unit
        ("P24-66-01", "ขั้นต้น", 1.0, False),  # cascaded: targets
        ("CDD-66-01", "สูตรการคำนวณ", "สูตรใหม่", False),  # Basket: formula
        ("CDD-66-01", "หน่วยวัด", "หน่วยใหม่", False),  # Basket: unit
        ("CDD-66-01", "แหล่งข้อมูล", "แหล่งใหม่", True),  # Basket: tunable
    ],
)
def test_the_proposal_import_follows_the_same_table(code: str, header: str, value: object, allowed: bool) -> None:
    k = kpi(code)
    data = _workbook_with(k.proposal, code, header, value)
    if allowed:
        proposal_import(by=None, data=data, proposal=k.proposal)
    else:
        with pytest.raises(Invalid) as refused:
            proposal_import(by=None, data=data, proposal=k.proposal)
        assert any(header in p["message"] and code in p["message"] for p in refused.value.problems)


@pytest.mark.parametrize(
    ("code", "kind", "proposed", "allowed"),
    [
        ("P20-66-01", ChangeKind.TARGET, "targets", False),  # cascaded
        ("P20-66-01", ChangeKind.WEIGHT, "weight", False),  # cascaded
        ("P20-66-03", ChangeKind.TARGET, "targets", True),  # Basket: targets tunable
        ("P20-66-03", ChangeKind.FORMULA, "formula_th", False),  # Basket: formula fixed
        ("P20-66-03", ChangeKind.FORMULA, "unit_th", False),  # Basket: unit fixed
    ],
)
def test_a_change_request_follows_the_same_table(code: str, kind: str, proposed: str, allowed: bool) -> None:
    k = kpi(code)
    assert k.proposal.state == ProposalState.APPROVED
    value: object = new_targets(k) if proposed == "targets" else NEW_VALUE.get(proposed, "ใหม่")
    check = lambda: changes.check_kind_rules(  # noqa: E731
        kind, {proposed: value}, kpi=k, framework=k.framework, organisation=k.organisation
    )
    if allowed:
        check()
    else:
        with pytest.raises(Invalid) as refused:
            check()
        assert refused.value.field == proposed


def test_a_change_request_cannot_rebalance_a_cascaded_kpis_weight() -> None:
    k, cascaded = kpi("P20-66-03"), kpi("P20-66-01")
    with pytest.raises(Invalid) as refused:
        changes.check_kind_rules(
            ChangeKind.WEIGHT,
            {"weight": "10", "weights": {cascaded.code: str(cascaded.weight + 5)}},
            kpi=k,
            framework=k.framework,
            organisation=k.organisation,
        )
    assert cascaded.code in refused.value.message_th


def test_the_form_page_marks_locked_fields(client_as: Callable[[str], Client]) -> None:
    k = kpi("CDD-66-01")
    page = client_as("cdd_coordinator").get(f"/proposals/{k.proposal_id}/kpis/{k.pk}/edit/").content.decode()
    assert 'data-locked="1"' in page
