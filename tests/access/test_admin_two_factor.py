"""The admin is for OPDC staff who have also typed the 6-digit code of their authenticator app."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "govkpi-demo"


def code_of(device: TOTPDevice, *, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits, drift=offset):06d}"


@pytest.fixture
def admin_device(user_of: Callable[[str], object]) -> TOTPDevice:
    """opdc.admin's authenticator, made afresh (the demo's own key is printed by demo_logins)."""
    admin = user_of("opdc_admin")
    TOTPDevice.objects.filter(user=admin).delete()
    return TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)  # type: ignore[misc]


def sign_in(client: Client, code: str) -> object:
    return client.post(
        "/admin/login/?next=/admin/", {"username": "opdc.admin", "password": PASSWORD, "otp_token": code}
    )


def test_the_admin_login_asks_in_thai_for_the_six_digit_code(client: Client) -> None:
    page = client.get("/admin/login/").content.decode()
    assert "รหัสยืนยัน 6 หลัก" in page
    assert 'name="otp_token"' in page


def test_an_opdc_administrator_without_a_device_cannot_open_the_admin(
    client_as: Callable[[str], Client], user_of: Callable[[str], object]
) -> None:
    TOTPDevice.objects.filter(user=user_of("opdc_admin")).delete()
    client = client_as("opdc_admin")
    for path in ("/admin/", "/admin/organisations/organisation/", "/admin/auth/user/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    refused = sign_in(Client(), "123456")
    assert refused.status_code == 200


def test_a_password_alone_does_not_open_the_admin(admin_device: TOTPDevice, client_as: Callable[[str], Client]) -> None:
    client = client_as("opdc_admin")
    assert client.get("/admin/").status_code == 302
    assert "กรุณากรอกรหัสยืนยัน" in sign_in(client, "").content.decode()
    assert client.get("/admin/").status_code == 302


def test_the_right_code_opens_the_admin(admin_device: TOTPDevice) -> None:
    client = Client()
    response = sign_in(client, code_of(admin_device))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/organisations/organisation/").status_code == 200


def test_a_wrong_code_is_refused(admin_device: TOTPDevice) -> None:
    client = Client()
    wrong = f"{(int(code_of(admin_device)) + 1) % 1_000_000:06d}"
    response = sign_in(client, wrong)
    assert response.status_code == 200
    assert "รหัสยืนยันไม่ถูกต้อง" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_people_who_are_not_staff_never_reach_the_admin(client_as: Callable[[str], Client]) -> None:
    for persona in ("opdc_desk", "cdd_coordinator", "committee_secretary"):
        assert client_as(persona).get("/admin/").status_code == 302


def test_the_otp_command_adds_lists_and_removes_a_device(user_of: Callable[[str], object], capsys: object) -> None:
    admin = user_of("opdc_admin")
    TOTPDevice.objects.filter(user=admin).delete()
    call_command("otp", "add", "opdc.admin")
    assert capsys.readouterr().out.startswith("otpauth://totp/govkpi%3Aopdc.admin?secret=")  # type: ignore[attr-defined]
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).count() == 1
    call_command("otp", "list")
    assert "opdc.admin" in capsys.readouterr().out  # type: ignore[attr-defined]
    call_command("otp", "remove", "opdc.admin")
    assert not TOTPDevice.objects.filter(user=admin).exists()


def test_the_demo_administrator_has_an_authenticator_and_demo_logins_shows_its_code(capsys: object) -> None:
    call_command("demo_logins")
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "otpauth://totp/govkpi%3Aopdc.admin" in out
    assert TOTPDevice.objects.filter(user__username="opdc.admin", confirmed=True).exists()
