import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/login/", "/basket/", "/api/v1/frameworks/"])
def test_every_response_carries_a_content_security_policy_without_cdns(client: Client, path: str) -> None:
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "http" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_forms_are_protected_against_cross_site_requests() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "cdd.coord", "password": "govkpi-demo"})
    assert response.status_code == 403


def test_pages_are_thai_even_when_the_browser_asks_for_english(client: Client) -> None:
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "เข้าสู่ระบบ" in page
