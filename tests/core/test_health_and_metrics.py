"""The load balancer's health check and Prometheus's metrics."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db


def test_a_healthy_server_answers_ok_for_every_check(client: Client, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "task_queue": "ok", "evidence_store": "ok"},
    }
    assert list(tmp_path.iterdir()) == []  # its probe file is gone


def test_health_reveals_only_ok_or_fail(client: Client, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    body = client.get("/healthz").content.decode()
    for secret in (str(tmp_path), settings.DATABASES["default"]["NAME"], "version"):
        assert str(secret) not in body


def test_an_unwritable_evidence_store_fails_the_check(client: Client, settings: Any, tmp_path: Any) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.MEDIA_ROOT = str(blocker / "media")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["evidence_store"] == "fail"


def test_a_task_waiting_too_long_fails_the_queue_check(client: Client, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    settings.HEALTH_MAX_QUEUE_AGE_SECONDS = 60
    long_ago = timezone.now() - dt.timedelta(minutes=10)
    task = DBTaskResult.objects.create(
        status="READY",
        args_kwargs={"args": [], "kwargs": {}},
        task_path="govkpi.core.jobs.run_job",
        backend_name="default",
        run_after=long_ago,
        priority=0,
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=long_ago)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["checks"]["task_queue"] == "fail"


def test_the_metrics_need_the_metrics_token_or_an_opdc_login(client: Client, client_as: Any, settings: Any) -> None:
    settings.METRICS_TOKEN = "s3cret-metrics-token"
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    assert client_as("cdd_coordinator").get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-metrics-token").status_code == 200
    assert client_as("opdc_admin").get("/metrics").status_code == 200


def test_the_metrics_count_requests_by_view_queue_depth_and_login_failures(client: Client, client_as: Any) -> None:
    client.get("/api/v1/organisations/")
    client.post("/login/", {"username": "cdd.coord", "password": "wrong"})
    text = client_as("opdc_admin").get("/metrics").content.decode()
    assert 'govkpi_request_seconds_count{method="GET",status="2xx",view="api:list_organisations"}' in text
    assert "govkpi_task_queue_depth " in text and "govkpi_task_queue_oldest_seconds " in text
    assert "govkpi_login_failures_total " in text
    assert "govkpi_work_seconds" in text
