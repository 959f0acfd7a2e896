"""The key pages and API calls run the same SQL queries in a small world and in one three times
its size: the number of queries of a page must not grow with the number of organisations."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

COUNT = """
import django, json; django.setup()
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from govkpi.organisations.models import Organisation, Person
setup_test_environment()
user = get_user_model().objects.create(username="opdc.counter")
Person.objects.create(user=user, organisation=Organisation.objects.filter(kind="ministry").first(), role="opdc_admin")
year = 2565
# The generator publishes a snapshot of every past year; the public pages read it.
from govkpi.frameworks.models import Framework
from govkpi.publication.selectors import latest
publication = latest(Framework.objects.get(fiscal_year__year=year, group="agencies"))
row = publication.organisations.filter(organisation__kind="department").order_by("code").first()
org, kpi = row.code, row.document["kpis"][0]["code"]
opdc, public = Client(), Client()
opdc.force_login(user)
coordinator = Client()
coordinator.force_login(get_user_model().objects.get(username=f"coord.{org.lower()}"))
pages = {
    "scorecard": (opdc, f"/scorecards/{org}/{year}/12/"),
    "national dashboard": (opdc, f"/dashboards/national/?year={year}"),
    "committee summary": (opdc, f"/reports/summary/?year={year}&group=agencies"),
    "KPI list": (opdc, f"/kpis/?year={year}&group=agencies&origin=basket"),
    "public scores": (public, f"/public/{year}/agencies/"),
    "public scorecard": (public, f"/public/{year}/agencies/{org}/"),
    "public year": (public, f"/public/{year}/"),
    "public KPI page": (public, f"/public/{year}/agencies/{org}/kpi/{kpi}/"),
    "API KPI list": (opdc, f"/api/v1/kpis/?year={year}&group=agencies"),
    "API national dashboard": (opdc, f"/api/v1/dashboards/national?year={year}"),
    "API public scores": (public, f"/api/v1/public/{year}/agencies/scores"),
    "home page (OPDC)": (opdc, "/"),
    "home page (coordinator)": (coordinator, "/"),
    "API my queue (OPDC)": (opdc, "/api/v1/me/queue"),
    "verification queue": (opdc, "/results/verify/"),
    # One round (a page's deadlines are read per round on it): the second page, and rows 40 on.
    "verification queue, page 2": (opdc, f"/results/verify/?state=approved&year={year}&group=agencies&round=12&page=2"),
    "API verification queue": (
        opdc,
        f"/api/v1/results/verification-queue?state=approved&year={year}&group=agencies&months=12&offset=40",
    ),
    "result sheet (OPDC)": (opdc, f"/results/{org}/{year}/12/"),
    "result sheet (coordinator)": (coordinator, f"/results/{org}/{year}/12/"),
}
counts = {}
for name, (client, url) in pages.items():
    client.get(url)  # the session and the per-process caches warm
    cache.clear()  # but the page itself built, not served from the cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    counts[name] = len(captured)
print(json.dumps(counts))
"""


def test_no_key_page_runs_more_queries_in_a_bigger_world(
    new_world: Callable[..., tuple[Path, str]], run_in: Callable[[Path, str], str]
) -> None:
    small, _ = new_world("--scale", "0.05", "--years", "2")
    big, _ = new_world("--scale", "0.15", "--years", "2")

    few = json.loads(run_in(small, COUNT))
    many = json.loads(run_in(big, COUNT))

    assert many == few
