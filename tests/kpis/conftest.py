"""`chonburi_coordinator`: a coordinator of ชลบุรี (P20), whose FY2566 KPIs are approved and have no locked results yet:
the organisation that files change requests in these tests (FY2565 results are locked)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from govkpi.organisations.models import Organisation, Person


@pytest.fixture
def chonburi_coordinator(db: None) -> object:
    user = get_user_model().objects.create_user("chonburi.coord", password="govkpi-demo")
    Person.objects.create(
        user=user,
        organisation=Organisation.objects.get(code="P20"),
        role="coordinator",
        full_name_th="นางสาวทดสอบ ชลบุรี",
    )
    return user
