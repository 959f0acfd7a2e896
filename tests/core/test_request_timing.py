"""Every request is timed by the app itself: one log line and a Server-Timing header (core/monitoring.py).

The deadline rush (scripts/rush/summary.py) reads these lines to report the server's own times.
"""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client

from govkpi.core.logs import JsonFormatter

pytestmark = pytest.mark.django_db


def timing_lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, object]]:
    return [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "govkpi.requests"]


def test_a_request_writes_one_json_line_with_its_route_status_and_duration(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="govkpi.requests")
    response = client.get("/api/v1/organisations/")
    assert response.status_code == 200
    (line,) = timing_lines(caplog)
    assert line["logger"] == "govkpi.requests" and line["message"] == "request"
    assert line["method"] == "GET" and line["route"] == "api:list_organisations" and line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert isinstance(line["cpu_ms"], float) and line["cpu_ms"] >= 0


def test_the_route_is_the_url_name_not_the_path_and_errors_are_timed_too(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="govkpi.requests")
    client.get("/api/v1/organisations/987654321")
    client.get("/no-such-page/")
    found, missing = timing_lines(caplog)
    assert "987654321" not in str(found["route"]) and found["status"] == 404
    assert missing["route"] == "unmatched" and missing["status"] == 404


def test_the_answer_carries_the_server_time_in_a_server_timing_header(client: Client) -> None:
    header = client.get("/healthz")["Server-Timing"]
    assert header.startswith("app;dur=")
    assert float(header.removeprefix("app;dur=")) >= 0


def test_nothing_is_logged_per_request_when_request_logging_is_off(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="govkpi.requests")
    client.get("/api/v1/organisations/")
    assert timing_lines(caplog) == []
