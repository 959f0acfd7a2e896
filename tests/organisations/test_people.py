"""People's accounts: who manages whom, creating, binding, deactivating, and the audit trail."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from govkpi.core.errors import Invalid, NotAllowed, NotFound
from govkpi.organisations import people
from govkpi.organisations.access import viewer_for
from govkpi.organisations.models import Person
from govkpi.organisations.tokens import api_token_create

pytestmark = pytest.mark.django_db

ORG_ADMIN = "cdd.admin"
ME = "/api/v1/organisations/me"


def can_log_in(username: str, password: str) -> bool:
    """Through the login form, as a person would (django-axes wants the request)."""
    response = Client().post("/login/", {"username": username, "password": password})
    return response.status_code == 302


def viewer(user_of: Any, persona: str) -> Any:
    return viewer_for(user_of(persona))


def make(user_of: Any, by: str = "opdc_admin", **kwargs: Any) -> people.AccountResult:
    values: dict[str, Any] = {
        "username": "new.person",
        "full_name_th": "นางสาวทดสอบ ระบบดี",
        "organisation_code": "CDD",
        "role": "coordinator",
        "email": "new.person@example.go.th",
    }
    return people.person_create(viewer=viewer(user_of, by), **(values | kwargs))


# --- who manages whom -------------------------------------------------------------------------


def test_an_organisation_admin_lists_only_its_own_organisations_staff(client_as: Any) -> None:
    page = client_as(ORG_ADMIN).get("/people/").content.decode()
    assert "cdd.coord" in page and "cdd.exec" in page
    assert "mof.coord" not in page and "ccs.coord" not in page and "opdc.admin" not in page


def test_opdc_admin_lists_everyone_and_filters_by_organisation_role_and_state(client_as: Any) -> None:
    client = client_as("opdc_admin")
    page = client.get("/people/").content.decode()
    assert "mof.coord" in page and "ccs.coord" in page and "cdd.admin" in page
    filtered = client.get("/people/?organisation=P24&role=executive&active=1").content.decode()
    assert "ccs.exec" in filtered and "ccs.coord" not in filtered and "cdd.exec" not in filtered


def test_an_organisation_admin_cannot_open_or_change_another_organisations_person(client_as: Any) -> None:
    client = client_as(ORG_ADMIN)
    assert client.get("/people/mof.coord/").status_code == 404
    assert client.get("/people/mof.coord/edit/").status_code == 404
    assert client.post("/people/mof.coord/deactivate/").status_code == 404
    assert get_user_model().objects.get(username="mof.coord").is_active


def test_an_organisation_admin_cannot_grant_an_opdc_role_or_bind_to_another_organisation(user_of: Any) -> None:
    with pytest.raises(NotAllowed) as refused:
        make(user_of, by=ORG_ADMIN, role="opdc_admin")
    assert refused.value.field == "role"
    with pytest.raises(NotAllowed) as elsewhere:
        make(user_of, by=ORG_ADMIN, organisation_code="MOF")
    assert elsewhere.value.field == "organisation"
    with pytest.raises(NotAllowed):
        people.person_update(viewer=viewer(user_of, ORG_ADMIN), username="cdd.coord", role="moi_reviewer")
    assert not get_user_model().objects.filter(username="new.person").exists()
    assert Person.objects.get(user__username="cdd.coord").role == "coordinator"


def test_an_organisation_admin_manages_its_own_staff(user_of: Any) -> None:
    created = make(user_of, by=ORG_ADMIN, role="executive")
    assert created.person.organisation.code == "CDD" and created.person.role == "executive"
    people.person_update(viewer=viewer(user_of, ORG_ADMIN), username="new.person", role="org_admin")
    assert Person.objects.get(user__username="new.person").role == "org_admin"


def test_people_pages_are_for_administrators_only(client_as: Any) -> None:
    assert client_as("cdd_coordinator").get("/people/").status_code == 403
    assert client_as("opdc_desk").get("/people/new/").status_code == 403
    assert Client().get("/people/").status_code == 302


def test_nobody_deactivates_or_rebinds_their_own_account(user_of: Any, client_as: Any) -> None:
    with pytest.raises(NotAllowed):
        people.person_deactivate(viewer=viewer(user_of, ORG_ADMIN), username=ORG_ADMIN)
    with pytest.raises(NotAllowed):
        people.person_update(viewer=viewer(user_of, "opdc_admin"), username="opdc.admin", role="opdc_desk")
    page = client_as(ORG_ADMIN).get(f"/people/{ORG_ADMIN}/").content.decode()
    assert 'data-testid="own-account"' in page and 'data-testid="person-deactivate"' not in page
    assert user_of(ORG_ADMIN).is_active


# --- creating ---------------------------------------------------------------------------------


def test_a_new_account_without_a_password_gets_a_set_password_link_by_email(
    user_of: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        created = make(user_of)
    user = created.person.user
    assert not user.has_usable_password()
    assert created.set_password_path.startswith("/account/set-password/")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new.person@example.go.th"]
    assert created.set_password_path in mail.outbox[0].body

    client = Client()
    page = client.get(created.set_password_path, follow=True)
    assert page.status_code == 200 and "new.person" in page.content.decode()
    form_url = page.redirect_chain[-1][0]
    done = client.post(form_url, {"new_password1": "Kpi-2569-strong!", "new_password2": "Kpi-2569-strong!"})
    assert done.status_code == 302
    assert can_log_in("new.person", "Kpi-2569-strong!")
    # Used once: the link no longer works.
    again = Client().get(created.set_password_path, follow=True).content.decode()
    assert 'data-testid="set-password-invalid"' in again


def test_a_new_account_with_an_initial_password_logs_in_and_is_audited(user_of: Any) -> None:
    created = make(user_of, password="Kpi-2569-strong!")
    assert created.set_password_path == ""
    assert can_log_in("new.person", "Kpi-2569-strong!")
    record = created.person.history.first()
    assert record.history_user == user_of("opdc_admin") and record.history_type == "+"
    assert [e.action for e in people.account_events(created.person)] == ["account.create"]


def test_bad_input_is_refused_naming_the_field(user_of: Any) -> None:
    cases = [
        ({"username": "cdd.coord"}, "username"),
        ({"username": "CDD.Coord"}, "username"),
        ({"username": "มีช่อง ว่าง"}, "username"),
        ({"username": "new"}, "username"),
        ({"organisation_code": "NOPE"}, "organisation"),
        ({"role": "king"}, "role"),
        ({"email": "not-an-email"}, "email"),
        ({"email": ""}, "email"),
        ({"password": "123"}, "password"),
    ]
    for values, field in cases:
        with pytest.raises(Invalid) as refused:
            make(user_of, **values)
        assert refused.value.field == field, values


def test_the_create_page_creates_and_shows_the_link_once(client_as: Any) -> None:
    client = client_as(ORG_ADMIN)
    form = client.get("/people/new/").content.decode()
    assert 'value="opdc_admin"' not in form and 'value="MOF"' not in form
    response = client.post(
        "/people/new/",
        {
            "username": "cdd.staff9",
            "full_name_th": "นายทดสอบ เก้า",
            "position_th": "นักวิเคราะห์",
            "email": "cdd.staff9@example.go.th",
            "organisation": "CDD",
            "role": "coordinator",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/people/cdd.staff9/"
    first = client.get("/people/cdd.staff9/").content.decode()
    assert re.search(r"/account/set-password/[^/]+/[^/]+/", first)
    assert "/account/set-password/" not in client.get("/people/cdd.staff9/").content.decode()


def test_a_refused_create_on_the_page_names_the_field(client_as: Any) -> None:
    response = client_as("opdc_admin").post(
        "/people/new/",
        {"username": "cdd.coord", "full_name_th": "ซ้ำ", "organisation": "CDD", "role": "coordinator", "email": ""},
    )
    assert response.status_code == 422
    assert "ชื่อผู้ใช้ cdd.coord มีอยู่แล้ว" in response.content.decode()


# --- deactivating -----------------------------------------------------------------------------


def test_a_deactivated_person_cannot_log_in_nor_use_their_api_token_but_keeps_their_history(
    user_of: Any, client_as: Any
) -> None:
    coordinator = user_of("cdd_coordinator")
    _token, key = api_token_create(viewer=viewer_for(coordinator), name="script")
    assert Client().get(ME, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    history_before = Person.objects.get(user=coordinator).history.count()

    admin = client_as(ORG_ADMIN)
    assert admin.post("/people/cdd.coord/deactivate/", {"reason": "ย้ายไปหน่วยงานอื่น"}).status_code == 302

    assert not can_log_in("cdd.coord", "govkpi-demo")
    assert Client().get(ME, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    person = Person.objects.get(user=coordinator)
    assert person.history.count() == history_before + 1
    assert person.history.first().history_user == user_of(ORG_ADMIN)
    event = people.account_events(person)[0]
    assert (event.action, event.from_state, event.to_state) == ("account.deactivate", "active", "inactive")
    assert event.comment == "ย้ายไปหน่วยงานอื่น" and event.actor == user_of(ORG_ADMIN)
    assert "ระงับแล้ว" in admin.get("/people/cdd.coord/").content.decode()

    assert admin.post("/people/cdd.coord/reactivate/").status_code == 302
    assert can_log_in("cdd.coord", "govkpi-demo")


def test_a_deactivated_persons_open_session_ends(user_of: Any, client_as: Any) -> None:
    coordinator = client_as("cdd_coordinator")
    assert coordinator.get("/people/").status_code == 403  # logged in (an administrator-only page)
    people.person_deactivate(viewer=viewer(user_of, "opdc_admin"), username="cdd.coord")
    assert coordinator.get("/inbox/")["Location"].startswith("/login/")


def test_a_password_reset_ends_the_persons_api_tokens(user_of: Any) -> None:
    _token, key = api_token_create(viewer=viewer_for(user_of("cdd_executive")), name="script")
    done = people.person_reset_password(viewer=viewer(user_of, ORG_ADMIN), username="cdd.exec")
    assert done.set_password_path
    assert Client().get(ME, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    assert not can_log_in("cdd.exec", "govkpi-demo")


def test_moving_a_system_administrator_out_of_the_admin_role_ends_their_superuser_rights(user_of: Any) -> None:
    make(user_of, username="second.admin", organisation_code="OPDC", role="opdc_admin", password="Kpi-2569-strong!")
    user = get_user_model().objects.get(username="second.admin")
    user.is_superuser = user.is_staff = True
    user.save()
    people.person_update(viewer=viewer(user_of, "opdc_admin"), username="second.admin", role="opdc_desk")
    user.refresh_from_db()
    assert not user.is_superuser and not user.is_staff


def test_an_organisation_admin_cannot_touch_a_superuser_even_in_its_organisation(user_of: Any) -> None:
    make(user_of, username="cdd.super", role="coordinator", password="Kpi-2569-strong!")
    get_user_model().objects.filter(username="cdd.super").update(is_superuser=True)
    with pytest.raises(NotFound):
        people.person_deactivate(viewer=viewer(user_of, ORG_ADMIN), username="cdd.super")


def test_the_people_link_is_in_the_menu_of_administrators_only(client_as: Any) -> None:
    assert 'data-testid="nav-people"' in client_as(ORG_ADMIN).get("/").content.decode()
    assert 'data-testid="nav-people"' in client_as("opdc_admin").get("/").content.decode()
    assert 'data-testid="nav-people"' not in client_as("cdd_coordinator").get("/").content.decode()
