"""Schemathesis against the OpenAPI document: no 500s and no answer that breaks the schema, whoever asks.

Every operation is called in-process (the whole Django stack, inside the test's transaction, on the
demo world) by the public and by each role with a bearer token. CI runs a few derandomized examples per
operation and role; a bigger campaign is `GOVKPI_FUZZ_EXAMPLES=100 GOVKPI_FUZZ_COVERAGE=1 pytest -m fuzz`
(docs/fuzzing.md).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from fuzz_counts import FuzzStats
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from govkpi.api.main import api
from govkpi.organisations.models import ApiToken

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("GOVKPI_FUZZ_EXAMPLES", "3"))
#: The coverage phase (boundary values, every wrong type, unexpected methods) is thorough and slow: campaigns only.
COVERAGE = os.environ.get("GOVKPI_FUZZ_COVERAGE", "0") == "1"
CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": 2566,
        "generation": {"max-examples": EXAMPLES, "deterministic": True, "database": "none"},
        "phases": {"coverage": {"enabled": COVERAGE}, "stateful": {"enabled": False}},
        "suppress-health-check": ["all"],
    }
)
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=CONFIG)
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]
#: The public, then a person of each kind of access (see govkpi/demo/people.py): OPDC administrator and desk
#: officer, an organisation's coordinator, the MOI reviewer of provinces.
ROLES = [None, "opdc.admin", "opdc.desk1", "cdd.coord", "moi.reviewer"]


@pytest.fixture
def app() -> Iterator[WSGIHandler]:
    """Django as a WSGI app that keeps the test's connection open (as Django's own test client does)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def headers_of(user_of: Callable[[str], object]) -> Callable[[str | None], dict[str, str]]:
    keys: dict[str, str] = {}

    def headers(username: str | None) -> dict[str, str]:
        if username is None:
            return {}
        if username not in keys:
            keys[username] = ApiToken.issue(user=user_of(username), name="fuzz")[1]
        return {"Authorization": f"Bearer {keys[username]}"}

    return headers


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
def test_no_operation_answers_a_server_error_or_breaks_its_schema(
    case: schemathesis.Case,
    role: str | None,
    app: WSGIHandler,
    headers_of: Callable[[str | None], dict[str, str]],
    fuzz_stats: FuzzStats,
) -> None:
    response = case.call_and_validate(app=app, headers=headers_of(role), checks=CHECKS)
    fuzz_stats.calls[(case.operation.label, role or "public")] += 1
    fuzz_stats.statuses[response.status_code] += 1
