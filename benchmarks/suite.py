"""The national benchmark: key pages, API calls, reports, rescoring and imports on a generated world,
each beside its floor measured in the same run.

Run against a database built by `govkpi generate --scale N` (`make bench SCALE=N DB=sqlite|postgres`
builds it if missing and runs this):
    DATABASE_URL=... .venv/bin/python benchmarks/suite.py --scale N [--repeat 20] [--json var/bench/x.json]

What is measured, and its floor:
- pages and API calls through Django's test client in-process (every middleware, the session, the
  template): median and p95 over `--repeat` requests after one warm-up request, and the SQL queries
  of one request. Floor: a bare Django view returning the same bytes through the same middleware.
  Published public pages are served from the cache after the warm-up, as in production.
- the committee summary (data) and its PDF. Floor: a plain SELECT of the framework's KPIs and
  results (the rows the summary reads).
- re-scoring a fiscal year (both groups) after the ladder's middle level changes from 75 to 70
  points, and again with nothing changed. Floor: one UPDATE touching every result of the year.
- one verification of a result by OPDC's desk (the service end to end) and the rescoring it causes
  (one organisation's scorecard): median and p95 over `--repeat` runs. Floor: one UPDATE of the row.
- the public pages again with the cache cleared before each request (`--only public`): the snapshot
  read itself; and the public KPI page.
- publishing a year (both groups, version 1 each) as the background job does (`--only publication`).
  Floor: a plain SELECT of the year's KPIs and results.
- importing a 300-KPI proposal and 2,000 results from Excel. Floor: openpyxl's own read of the file.
Everything that writes runs inside a transaction that is rolled back: the database is left as found.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import statistics
import sys
import time
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
django.setup()

import compare  # noqa: E402  (benchmarks/compare.py: this run beside the previous one)
import openpyxl  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings, setup_test_environment  # noqa: E402
from django.urls import clear_url_caches, include, path  # noqa: E402

from govkpi.core.jobs import run as run_job  # noqa: E402
from govkpi.core.models import Job  # noqa: E402
from govkpi.frameworks.models import Framework, TargetLevel  # noqa: E402
from govkpi.kpis.choices import Origin  # noqa: E402
from govkpi.kpis.models import Kpi, Proposal  # noqa: E402
from govkpi.organisations.models import Organisation, Person  # noqa: E402
from govkpi.publication.jobs import PUBLISH_JOB  # noqa: E402
from govkpi.publication.selectors import latest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Row:
    what: str
    kind: str  # page, api, report, rescore, import
    median_ms: float
    p95_ms: float
    queries: int | None
    floor_ms: float
    floor: str
    sql_ms: float | None = None  # pages: the page's own SELECTs run again straight through a cursor

    @property
    def ratio(self) -> float:
        return self.median_ms / self.floor_ms if self.floor_ms else float("nan")

    @property
    def sql_ratio(self) -> float | None:
        """The median over the page's own SQL: what the ORM, the view and the template add (target ≤ 3)."""
        return self.median_ms / self.sql_ms if self.sql_ms else None


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and p95 in milliseconds over `repeat` runs."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), percentile(samples, 0.95)


# -- the floor view: the same bytes through the same middleware ----------------------------------

_FLOOR: dict[str, tuple[bytes, str]] = {"body": (b"", "text/html")}


def floor_view(request: HttpRequest) -> HttpResponse:
    body, content_type = _FLOOR["body"]
    return HttpResponse(body, content_type=content_type)


_urls = types.ModuleType("govkpi_bench_urls")
_urls.urlpatterns = [path("__floor__/", floor_view), path("", include(settings.ROOT_URLCONF))]  # type: ignore[attr-defined]
sys.modules["govkpi_bench_urls"] = _urls


class Rollback(Exception):
    pass


class Suite:
    def __init__(
        self,
        *,
        repeat: int,
        scale: str,
        pdf: bool = True,
        previous: dict[str, dict[str, Any]] | None = None,
        page_filter: str = "",
    ) -> None:
        self.repeat = repeat
        #: `--pages`: measure only the pages whose name holds one of these words (comma-separated)
        self.page_filter = [w.strip().lower() for w in page_filter.split(",") if w.strip()]
        self.previous = previous or {}
        self.pdf = pdf
        self.scale = scale
        self.rows: list[Row] = []
        last = Framework.objects.filter(published_at__isnull=False).order_by("-fiscal_year__year").first()
        if last is None:
            raise SystemExit("no published framework: build the world with `govkpi generate --scale N` first")
        self.year = last.fiscal_year.year
        self.agencies = Framework.objects.get(fiscal_year__year=self.year, group="agencies")
        self.opdc = self._opdc_user()
        # A department in the year's published snapshot (one with a KPI never reported is not included).
        snapshot = latest(self.agencies)
        assert snapshot is not None, "the generator publishes a snapshot of every published year"
        row = snapshot.organisations.filter(organisation__kind="department").order_by("code").first()
        assert row is not None
        self.organisation = row.organisation

    def _opdc_user(self) -> Any:
        """An OPDC administrator (the generated world has only coordinators); kept for the next run."""
        user_model = get_user_model()
        user, made = user_model.objects.get_or_create(username="bench.opdc")
        if made:
            ministry = Organisation.objects.filter(kind="ministry").order_by("code").first()
            Person.objects.create(user=user, organisation=ministry, role="opdc_admin", full_name_th="ผู้ทดสอบสมรรถนะ")
        return user

    def add(self, row: Row) -> None:
        self.rows.append(row)
        before = compare.beside(
            self.previous.get(row.what), median_ms=row.median_ms, p95_ms=row.p95_ms, queries=row.queries
        )
        print(f"{_line(row)}  {before}", flush=True)

    # -- pages and API calls ------------------------------------------------------------------

    def page(self, what: str, url: str, *, client: Client, kind: str = "page", uncached: bool = False) -> None:
        """One page's row. `uncached`: the cache is cleared before every request, so each one builds
        the page (a published year's national dashboard is otherwise served from the cache)."""
        if self.page_filter and not any(word in what.lower() for word in self.page_filter):
            return
        if uncached:
            what = f"{what} (uncached)"
            get = client.get

            def fresh(url: str) -> Any:
                cache.clear()
                return get(url)

            client = types.SimpleNamespace(get=fresh)  # type: ignore[assignment]
        first = client.get(url)
        assert first.status_code == 200, (url, first.status_code, first.content[:300])
        body = first.content
        statements: list[tuple[str, Any]] = []

        def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            statements.append((sql, params))
            return execute(sql, params, many, context)

        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(record):
            client.get(url)
        queries = len(captured)  # now: the next request clears the log it reads
        sql_median, _ = timed(lambda: _replay(statements), self.repeat)
        median, p95 = timed(lambda: client.get(url), self.repeat)
        _FLOOR["body"] = (body, first.get("Content-Type", "text/html"))
        floor = client.get("/__floor__/")
        assert floor.content == body
        floor_median, _ = timed(lambda: client.get("/__floor__/"), self.repeat)
        self.add(Row(what, kind, median, p95, queries, floor_median, "bare view, same bytes", sql_median))

    def pages(self) -> None:
        opdc = Client()
        opdc.force_login(self.opdc)
        public = Client()
        year, org = self.year, self.organisation.code
        self.page("scorecard (OPDC)", f"/scorecards/{org}/{year}/12/", client=opdc)
        self.page("national dashboard", f"/dashboards/national/?year={year}", client=opdc)
        self.page("national dashboard", f"/dashboards/national/?year={year}", client=opdc, uncached=True)
        self.page("committee summary page", f"/reports/summary/?year={year}&group=agencies", client=opdc)
        self.page("KPI list, filtered", f"/kpis/?year={year}&group=agencies&type=function&origin=basket", client=opdc)
        self.page("public portal: year", f"/public/{year}/", client=public)
        self.page("public portal: score list", f"/public/{year}/agencies/", client=public)
        self.page("public portal: scorecard", f"/public/{year}/agencies/{org}/", client=public)
        self.page(
            "API KPI list, filtered", f"/api/v1/kpis/?year={year}&group=agencies&origin=basket", client=opdc, kind="api"
        )
        self.page("API national dashboard", f"/api/v1/dashboards/national?year={year}", client=opdc, kind="api")
        national_api = f"/api/v1/dashboards/national?year={year}"
        self.page("API national dashboard", national_api, client=opdc, kind="api", uncached=True)
        self.page("API public scores", f"/api/v1/public/{year}/agencies/scores", client=public, kind="api")

    # -- the officer's work pages ---------------------------------------------------------------

    @contextmanager
    def queue_world(self) -> Iterator[tuple[int, dict[str, Client]]]:
        """The world in the middle of a reporting round, rolled back on leaving: the last (unpublished)
        year's 12-month rounds opened today and every result endorsed (OPDC's desk holds every
        organisation's round), the scorecard organisation's own results returned (2), draft (1) and
        submitted (2). Yields that year and a signed-in client for OPDC, the organisation's
        coordinator (`coord.<code>`) and an executive made for the run."""
        from django.utils import timezone

        from govkpi.frameworks.models import Round
        from govkpi.results.models import Result, ResultState

        today = timezone.localdate()
        org = self.organisation
        user_model = get_user_model()
        try:
            with transaction.atomic():
                last = Round.objects.order_by("-framework__fiscal_year__year").values_list(
                    "framework__fiscal_year__year", flat=True
                )[0]
                rounds = list(Round.objects.filter(framework__fiscal_year__year=last, months=12))
                Round.objects.filter(pk__in=[r.pk for r in rounds]).update(
                    opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=30)
                )
                Result.objects.filter(round__in=rounds).update(state=ResultState.ENDORSED)
                own = list(
                    Result.objects.filter(round__in=rounds, organisation=org)
                    .order_by("kpi__order")
                    .values_list("pk", flat=True)
                )
                steps = (
                    (own[:2], ResultState.RETURNED),
                    (own[2:3], ResultState.DRAFT),
                    (own[3:5], ResultState.SUBMITTED),
                )
                for ids, state in steps:
                    Result.objects.filter(pk__in=ids).update(state=state, verification_note_th="โปรดแนบหลักฐานเพิ่ม")
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:  # as autovacuum would after a round's worth of steps
                        cursor.execute("ANALYZE results_result")
                coordinator = user_model.objects.get(username=f"coord.{org.code.lower()}")
                executive = user_model.objects.create(username="bench.executive")
                Person.objects.create(user=executive, organisation=org, role="executive", full_name_th="ผู้บริหารทดสอบ")
                clients = {}
                for name, user in (("OPDC", self.opdc), ("coordinator", coordinator), ("executive", executive)):
                    clients[name] = Client()
                    clients[name].force_login(user)
                yield last, clients
                raise Rollback
        except Rollback:
            pass

    def queues(self) -> None:
        """The officer's work pages in the middle of a round (`queue_world`)."""
        org = self.organisation.code
        with self.queue_world() as (last, clients):
            opdc = clients["OPDC"]
            self.page("work list: home page (OPDC)", "/", client=opdc)
            self.page("work list: home page (coordinator)", "/", client=clients["coordinator"])
            self.page("work list: home page (executive)", "/", client=clients["executive"])
            self.page("API my queue (OPDC)", "/api/v1/me/queue", client=opdc, kind="api")
            self.page("API my queue (coordinator)", "/api/v1/me/queue", client=clients["coordinator"], kind="api")
            self.page("verification queue (OPDC)", "/results/verify/", client=opdc)
            self.page(
                "verification queue, one round (OPDC)",
                f"/results/verify/?organisation={org}&year={last}&round=12",
                client=opdc,
            )
            self.page("API verification queue", "/api/v1/results/verification-queue", client=opdc, kind="api")
            self.page("result sheet (OPDC)", f"/results/{org}/{self.year}/12/", client=opdc)
            self.page(
                "result sheet, open round (coordinator)", f"/results/{org}/{last}/12/", client=clients["coordinator"]
            )

    # -- the public pages of a published year, from the cache and uncached -------------------

    def uncached_page(self, what: str, url: str, *, client: Client, kind: str = "page") -> None:
        """Like `page`, with the cache cleared before each request (not timed): the snapshot read itself."""
        cache.clear()
        first = client.get(url)
        assert first.status_code == 200, (url, first.status_code, first.content[:300])
        body = first.content
        statements: list[tuple[str, Any]] = []

        def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            statements.append((sql, params))
            return execute(sql, params, many, context)

        cache.clear()
        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(record):
            client.get(url)
        queries = len(captured)
        sql_median, _ = timed(lambda: _replay(statements), self.repeat)
        samples = []
        for _ in range(self.repeat):
            cache.clear()
            started = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
        _FLOOR["body"] = (body, first.get("Content-Type", "text/html"))
        floor_median, _ = timed(lambda: client.get("/__floor__/"), self.repeat)
        median, p95 = statistics.median(samples), percentile(samples, 0.95)
        self.add(Row(what, kind, median, p95, queries, floor_median, "bare view, same bytes", sql_median))

    def public_pages(self) -> None:
        public = Client()
        year, org = self.year, self.organisation.code
        snapshot = latest(self.agencies)
        assert snapshot is not None
        document = snapshot.organisations.get(code=org).document
        kpi = document["kpis"][0]["code"]
        self.page("public portal: KPI page", f"/public/{year}/agencies/{org}/kpi/{kpi}/", client=public)
        for what, url, kind in (
            ("public portal: year", f"/public/{year}/", "page"),
            ("public portal: score list", f"/public/{year}/agencies/", "page"),
            ("public portal: scorecard", f"/public/{year}/agencies/{org}/", "page"),
            ("public portal: KPI page", f"/public/{year}/agencies/{org}/kpi/{kpi}/", "page"),
            ("API public scores", f"/api/v1/public/{year}/agencies/scores", "api"),
        ):
            self.uncached_page(f"{what}, uncached", url, client=public, kind=kind)

    # -- publication --------------------------------------------------------------------------

    def publication(self) -> None:
        """Publishing the last published year again (both groups, version 1 each) as the background
        job does it, its earlier snapshot removed inside the rolled-back transaction."""
        frameworks = list(Framework.objects.filter(fiscal_year__year=self.year).order_by("group"))
        included = 0
        elapsed = 0.0
        try:
            with transaction.atomic():
                ids = [f.pk for f in frameworks]
                with connection.cursor() as cursor:  # snapshots refuse deletion through the ORM
                    cursor.execute(
                        "DELETE FROM publication_publishedorganisation WHERE publication_id IN "
                        "(SELECT id FROM publication_publication WHERE framework_id = ANY(%s))",
                        [ids],
                    )
                    cursor.execute("DELETE FROM publication_historicalpublication WHERE framework_id = ANY(%s)", [ids])
                    cursor.execute("DELETE FROM publication_publication WHERE framework_id = ANY(%s)", [ids])
                for framework in frameworks:
                    months = framework.rounds.order_by("-months").values_list("months", flat=True).first()
                    job = Job.objects.create(
                        kind=PUBLISH_JOB,
                        title="bench",
                        owner=self.opdc,
                        params={"framework": framework.pk, "months": months, "confirm": True, "gap_reason": "bench"},
                    )
                    started = time.perf_counter()
                    run_job(job)
                    elapsed += time.perf_counter() - started
                    assert job.state == Job.State.DONE, job.message
                    included += job.total
                raise Rollback
        except Rollback:
            pass
        floor_ms = sum(_timed_once(self._plain_select(f)) for f in frameworks)
        ms = elapsed * 1000
        self.add(
            Row(
                f"publication of a year ({included:,} organisations)",
                "publish",
                ms,
                ms,
                None,
                floor_ms,
                "plain SELECT of the year's KPIs and results",
            )
        )

    # -- reports ------------------------------------------------------------------------------

    def _plain_select(self, framework: Framework) -> Callable[[], object]:
        def select() -> object:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT k.id, k.code, k.name_th, k.weight, k.targets, k.organisation_id, r.value, r.points,"
                    " r.weighted, r.round_id FROM kpis_kpi k LEFT JOIN results_result r ON r.kpi_id = k.id"
                    " WHERE k.framework_id = %s",
                    [framework.pk],
                )
                return cursor.fetchall()

        return select

    def reports(self) -> None:
        from govkpi.reports.documents import summary_pdf
        from govkpi.reports.management.commands.report import SYSTEM_VIEWER
        from govkpi.reports.summary import committee_summary

        def summary() -> object:
            return committee_summary(viewer=SYSTEM_VIEWER, year=self.year, group="agencies")

        floor, _ = timed(self._plain_select(self.agencies), self.repeat)
        summary()
        with CaptureQueriesContext(connection) as captured:
            summary()
        queries = len(captured)
        median, p95 = timed(summary, self.repeat)
        self.add(Row("committee summary (data)", "report", median, p95, queries, floor, "plain SELECT"))
        if not self.pdf:
            return
        # One build, timed with the data: WeasyPrint lays out every organisation's name, which takes
        # minutes at scale 10 and more; its import is paid before the clock starts.
        import weasyprint  # noqa: F401

        started = time.perf_counter()
        summary_pdf(summary())  # type: ignore[arg-type]
        elapsed = (time.perf_counter() - started) * 1000
        self.add(Row("committee summary PDF (one build)", "report", elapsed, elapsed, None, floor, "plain SELECT"))

    # -- rescoring ----------------------------------------------------------------------------

    def rescoring(self) -> None:
        from govkpi.scorecards.services import rescore_report

        frameworks = list(Framework.objects.filter(fiscal_year__year=self.year))
        rounds = [r.pk for f in frameworks for r in f.rounds.all()]
        marks = ", ".join("%s" for _ in rounds)

        def bulk_update() -> None:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE results_result SET points = points, weighted = weighted WHERE round_id IN ({marks})",
                    rounds,
                )

        try:
            with transaction.atomic():
                started = time.perf_counter()
                bulk_update()
                floor = (time.perf_counter() - started) * 1000
                TargetLevel.objects.filter(framework__in=frameworks, order=2).update(points=Decimal(70))
                started = time.perf_counter()
                updated = sum(rescore_report(f).results_updated for f in frameworks)
                changed = (time.perf_counter() - started) * 1000
                started = time.perf_counter()
                again = sum(rescore_report(f).results_updated for f in frameworks)
                unchanged = (time.perf_counter() - started) * 1000
                raise Rollback
        except Rollback:
            pass
        name = f"re-scoring FY{self.year} ({updated:,} results changed)"
        self.add(Row(name, "rescore", changed, changed, None, floor, "one UPDATE"))
        self.add(
            Row(
                f"re-scoring FY{self.year}, nothing changed ({again})",
                "rescore",
                unchanged,
                unchanged,
                None,
                floor,
                "one UPDATE",
            )
        )

    def one_verification(self) -> None:
        """An OPDC desk officer verifies one result of the year's 12-month round: the real service
        (`results.services.result_verify`, what the click calls) end to end, and apart from it the
        rescoring it causes (`scorecards.receivers.rescore_on_change`: one organisation's scorecard).
        The result is first set back to endorsed (and its scorecard rescored without it) inside a
        transaction that is rolled back; each repetition runs in a savepoint of its own."""
        from govkpi.organisations.access import viewer_for
        from govkpi.results.models import Result
        from govkpi.results.services import result_verify
        from govkpi.scorecards.receivers import rescore_on_change

        round_ = self.agencies.rounds.get(months=12)
        result = (
            Result.objects.filter(organisation=self.organisation, round=round_, value__isnull=False)
            .order_by("kpi__code")
            .first()
        )
        assert result is not None, "the generator reports nearly every KPI"
        viewer = viewer_for(self.opdc)
        signal = {
            "framework_id": self.agencies.pk,
            "organisation_ids": [self.organisation.pk],
            "round_id": round_.pk,
            "by": self.opdc,
        }

        def repeated(action: Callable[[], object]) -> tuple[float, float, int]:
            samples: list[float] = []
            queries = 0
            for _ in range(self.repeat):
                with CaptureQueriesContext(connection) as captured:
                    try:
                        with transaction.atomic():
                            started = time.perf_counter()
                            action()
                            samples.append((time.perf_counter() - started) * 1000)
                            raise Rollback
                    except Rollback:
                        pass
                queries = len(captured) - 2  # the savepoint and its rollback are the harness's
            return statistics.median(samples), percentile(samples, 0.95), queries

        def verify() -> None:
            result_verify(viewer=viewer, user=self.opdc, result=result, action="accept")

        def rescoring() -> None:
            Result.objects.filter(pk=result.pk).update(state="verified")
            started = time.perf_counter()
            rescore_on_change(None, **signal)
            rescored.append((time.perf_counter() - started) * 1000)

        def one_update() -> None:
            with connection.cursor() as cursor:
                cursor.execute("UPDATE results_result SET points = points WHERE id = %s", [result.pk])

        rescored: list[float] = []
        try:
            with transaction.atomic():
                Result.objects.filter(pk=result.pk).update(state="endorsed", is_locked=False)
                rescore_on_change(None, **signal)  # the scorecard as it stands before the click
                floor, _, _ = repeated(one_update)
                median, p95, queries = repeated(verify)
                self.add(
                    Row("one verification (service, end to end)", "rescore", median, p95, queries, floor, "one UPDATE")
                )
                _, _, queries = repeated(rescoring)
                self.add(
                    Row(
                        "rescoring after one verification",
                        "rescore",
                        statistics.median(rescored),
                        percentile(rescored, 0.95),
                        queries - 1,  # the harness's UPDATE that verifies the result
                        floor,
                        "one UPDATE",
                    )
                )
                raise Rollback
        except Rollback:
            pass

    # -- imports ------------------------------------------------------------------------------

    def proposal_import(self, kpis: int = 300) -> None:
        from govkpi.kpis.excel import KPI_SHEET, proposal_export_xlsx
        from govkpi.kpis.importing import proposal_import

        framework = (
            Framework.objects.filter(published_at__isnull=True, group="agencies").order_by("-fiscal_year__year").first()
        )
        assert framework is not None, "the last year is left unpublished by the generator"
        try:
            with transaction.atomic():
                proposal = Proposal.objects.get(framework=framework, organisation=self.organisation)
                Proposal.objects.filter(pk=proposal.pk).update(state="draft")
                proposal.refresh_from_db()
                wb = openpyxl.load_workbook(io.BytesIO(proposal_export_xlsx(proposal)))
                ws = wb[KPI_SHEET]
                headers = {c.value: c.column for c in ws[1]}
                template = [c.value for c in ws[ws.max_row]]
                for row in range(2, ws.max_row + 1):  # no Basket in the generated world
                    ws.cell(row, headers["ที่มา"]).value = str(Origin.PROPOSED.label)
                    ws.cell(row, headers["รหัส KPI Basket"]).value = None
                template = [c.value for c in ws[ws.max_row]]
                for n in range(kpis - (ws.max_row - 1)):
                    row = ws.max_row + 1
                    for column, value in enumerate(template, start=1):
                        ws.cell(row, column).value = value
                    ws.cell(row, headers["รหัสตัวชี้วัด"]).value = f"{self.organisation.code}-M{n + 1:03d}"
                    ws.cell(row, headers["ชื่อตัวชี้วัด"]).value = f"ตัวชี้วัด Monitor จำลองที่ {n + 1}"
                out = io.BytesIO()
                wb.save(out)
                data = out.getvalue()
                started = time.perf_counter()
                summary = proposal_import(by=None, data=data, proposal=proposal)
                elapsed = (time.perf_counter() - started) * 1000
                raise Rollback
        except Rollback:
            pass
        floor, _ = timed(lambda: _openpyxl_read(data), 3)
        self.add(
            Row(
                f"import a {kpis}-KPI proposal ({summary.created} new)",
                "import",
                elapsed,
                elapsed,
                None,
                floor,
                "openpyxl read",
            )
        )

    def results_import(self, rows: int = 2000) -> None:
        from govkpi.organisations.access import viewer_for
        from govkpi.results import excel
        from govkpi.results.models import Result

        framework = self.agencies
        round_ = framework.rounds.get(months=6)
        kpis = list(
            Kpi.objects.filter(framework=framework, is_removed=False)
            .select_related("organisation")
            .order_by("organisation__code", "order")[:rows]
        )
        wb = openpyxl.Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = excel.SHEET
        ws.append(list(excel.HEADERS))
        for kpi in kpis:
            targets = [str(t) for t in kpi.targets]
            ws.append(
                [
                    kpi.organisation.code,
                    kpi.organisation.name_th,
                    kpi.code,
                    kpi.name_th,
                    kpi.unit_th,
                    "ตัวเลข",
                    " / ".join(targets),
                    float(targets[1]),
                    "ผลจำลอง",
                ]
            )
        out = io.BytesIO()
        wb.save(out)
        data = out.getvalue()
        try:
            with transaction.atomic():
                Result.objects.filter(round=round_, kpi__in=kpis).delete()
                started = time.perf_counter()
                count = excel.import_results(
                    viewer=viewer_for(self.opdc), user=self.opdc, framework=framework, round_=round_, data=data
                )
                elapsed = (time.perf_counter() - started) * 1000
                raise Rollback
        except Rollback:
            pass
        floor, _ = timed(lambda: _openpyxl_read(data), 3)
        self.add(Row(f"import {count:,} results", "import", elapsed, elapsed, None, floor, "openpyxl read"))


def _openpyxl_read(data: bytes) -> int:
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    n = sum(1 for ws in wb.worksheets for _ in ws.iter_rows(values_only=True))
    wb.close()
    return n


HEADER = (
    f"{'what':52} {'median ms':>10} {'p95 ms':>9} {'queries':>8} {'floor ms':>9} {'ratio':>7} {'SQL ms':>8}"
    f" {'×SQL':>6}  ก่อนหน้า/previous median / p95 (change)"
)


def _timed_once(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _replay(statements: list[tuple[str, Any]]) -> None:
    """The page's own SELECTs, with their parameters, straight through a cursor: the time its data
    costs the database and the driver, without Django's ORM, views or templates."""
    with connection.cursor() as cursor:
        for sql, params in statements:
            if sql.lstrip().upper().startswith("SELECT"):
                cursor.execute(sql, params)
                cursor.fetchall()


def _line(row: Row) -> str:
    queries = "" if row.queries is None else str(row.queries)
    sql = "" if row.sql_ms is None else f"{row.sql_ms:.1f}"
    sql_ratio = "" if row.sql_ratio is None else f"{row.sql_ratio:.1f}"
    return (
        f"{row.what:52} {row.median_ms:10.1f} {row.p95_ms:9.1f} {queries:>8} {row.floor_ms:9.1f} {row.ratio:7.1f}"
        f" {sql:>8} {sql_ratio:>6}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="?", help="the scale the database was generated at (a label)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", type=Path, default=None, help="where to write the figures")
    parser.add_argument("--only", default="pages,queues,public,publication,reports,pdf,rescoring,verification,imports")
    parser.add_argument("--pages", default="", help="only the pages whose name holds one of these words (a,b)")
    args = parser.parse_args()
    setup_test_environment()
    only = set(args.only.split(","))
    # Read before this run overwrites it: the figures every line is compared with.
    previous = compare.previous_rows(args.json)
    if connection.vendor == "postgresql":
        # Each run's rolled-back writes leave dead rows that autovacuum would clear in production;
        # without this, every later run measures the bloat of the earlier ones.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE) results_result, results_organisationscore, kpis_kpi, kpis_proposal")
    with override_settings(ROOT_URLCONF="govkpi_bench_urls", ALLOWED_HOSTS=["testserver"]):
        clear_url_caches()
        suite = Suite(
            repeat=args.repeat, scale=args.scale, pdf="pdf" in only, previous=previous, page_filter=args.pages
        )
        organisations = Organisation.objects.count()
        load = os.getloadavg()
        print(
            f"scale {args.scale} on {connection.vendor}: {organisations:,} organisations, FY{suite.year}; "
            f"load average {load[0]:.1f}"
        )
        print(HEADER)
        if "pages" in only:
            suite.pages()
        if "queues" in only:
            suite.queues()
        if "public" in only:
            suite.public_pages()
        if "publication" in only:
            suite.publication()
        if "reports" in only:
            suite.reports()
        if "rescoring" in only:
            suite.rescoring()
        if "verification" in only:
            suite.one_verification()
        if "imports" in only:
            suite.proposal_import()
            suite.results_import()
    slower = compare.slower_items(previous, [asdict(r) for r in suite.rows])
    if previous:
        heading = f"slower than the previous run (p95 +{compare.SLOWER_SHARE:.0%} and > {compare.NOISE_MS} ms):"
        print(f"{heading} none" if not slower else "\n  ".join([heading, *slower]))
    else:
        print("no previous run of this database and scale to compare with")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        measured_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        args.json.write_text(
            json.dumps(
                {
                    "scale": args.scale,
                    "database": connection.vendor,
                    "organisations": organisations,
                    "year": suite.year,
                    "repeat": args.repeat,
                    "load_average": load,
                    "python": platform.python_version(),
                    "measured_at": measured_at,
                    "rows": [
                        asdict(r)
                        | {
                            "ratio": round(r.ratio, 2),
                            "sql_ratio": None if r.sql_ratio is None else round(r.sql_ratio, 2),
                        }
                        for r in suite.rows
                    ],
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        print(f"written: {args.json} (and {compare.keep_run(args.json, measured_at)})")


if __name__ == "__main__":
    main()
