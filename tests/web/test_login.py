import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

PASSWORD = "govkpi-demo"


def test_a_coordinator_logs_in_with_the_demo_password() -> None:
    client = Client()
    response = client.post("/login/", {"username": "cdd.coord", "password": PASSWORD})
    assert response.status_code == 302
    home = client.get("/").content.decode()
    assert "กรมการพัฒนาชุมชน" in home


def test_a_wrong_password_gets_a_clear_message_and_no_session() -> None:
    client = Client()
    response = client.post("/login/", {"username": "cdd.coord", "password": "wrong"})
    assert response.status_code == 200
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_wrong_passwords_lock_the_account_out() -> None:
    client = Client()
    for _ in range(3):
        client.post("/login/", {"username": "mof.coord", "password": "wrong"})
    response = client.post("/login/", {"username": "mof.coord", "password": PASSWORD})
    assert response.status_code == 429
    assert "ระงับชั่วคราว" in response.content.decode()


def test_passwords_are_stored_hashed() -> None:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="cdd.coord")
    assert user.password.startswith(("pbkdf2_sha256$", "argon2", "scrypt"))
    assert PASSWORD not in user.password


def test_the_interface_switches_to_english() -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Sign in" in client.get("/login/").content.decode()
