"""A browser session cannot be borrowed by another site to write through the API."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from govkpi.basket.models import BasketKpi


def _session_client(user: object, *, csrf: bool) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")  # type: ignore[arg-type]
    return client


def test_a_session_write_without_its_csrf_token_is_refused(user_of: Callable[[str], object]) -> None:
    entry = BasketKpi.objects.filter(is_retired=False).first()
    assert entry is not None

    forged = _session_client(user_of("opdc_admin"), csrf=True).delete(f"/api/v1/basket/{entry.code}")

    assert forged.status_code == 403
    assert "กรุณาโหลดหน้าใหม่" in forged.json()["detail"]
    entry.refresh_from_db()
    assert not entry.is_retired


def test_a_session_read_needs_no_csrf_token(user_of: Callable[[str], object]) -> None:
    assert _session_client(user_of("cdd_coordinator"), csrf=True).get("/api/v1/proposals/").status_code == 200


def test_a_write_without_any_credentials_is_asked_to_log_in_not_refused_for_csrf() -> None:
    answer = Client(enforce_csrf_checks=True).post("/api/v1/basket/", {}, content_type="application/json")

    assert answer.status_code == 401
    assert "กรุณาเข้าสู่ระบบ" in answer.json()["detail"]
