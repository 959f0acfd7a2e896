"""A framework's allowed KPI types (set in the designer) hold for every way a KPI is written."""

from __future__ import annotations

import pytest

from govkpi.core.errors import Invalid
from govkpi.frameworks.models import Framework
from govkpi.kpis.services import clean_values

pytestmark = pytest.mark.django_db


def test_a_kpi_type_the_year_does_not_accept_is_refused_naming_the_field() -> None:
    framework = Framework.objects.get(fiscal_year__year=2566, group="agencies")
    framework.kpi_types = ["function", "joint", "potential"]
    with pytest.raises(Invalid) as refused:
        clean_values(framework, {"kpi_type": "area"})
    assert refused.value.field == "kpi_type" and "Area KPI" in str(refused.value.message_en)
    assert clean_values(framework, {"kpi_type": "function"}) == {"kpi_type": "function"}


def test_a_framework_that_names_no_types_accepts_every_type() -> None:
    framework = Framework.objects.get(fiscal_year__year=2566, group="agencies")
    framework.kpi_types = []
    assert clean_values(framework, {"kpi_type": "area"}) == {"kpi_type": "area"}
