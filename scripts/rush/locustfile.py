"""The deadline rush: every coordinator reports all of their KPIs at once through the API.

Each simulated coordinator (one per entry of RUSH_USERS, default var/rush/users.json) starts at the
same moment and, for each of their KPIs: reports a value; for one KPI in three corrects it (with
the lock_version the server returned); for their first KPI also double-clicks (two identical reports
sent at the same instant); then submits the result. Every answer is appended to RUSH_ACKS
(default var/rush/acks.jsonl) so scripts/rush/check.py can compare what the server acknowledged
with what the database holds. When every coordinator is done, locust stops.

RUSH_HOSTS (comma-separated base URLs, default locust's --host) spreads the coordinators over
several app instances: coordinator n talks to host n mod len(RUSH_HOSTS) for the whole run.
geventhttpclient (FastHttpUser) keeps the load generator's share of the 2 cores small; it never
retries, so every write is sent exactly as often as the locustfile says.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
from pathlib import Path
from typing import Any

import gevent
from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser

USERS: list[dict[str, Any]] = json.loads(Path(os.environ.get("RUSH_USERS", "var/rush/users.json")).read_text())
ACKS = Path(os.environ.get("RUSH_ACKS", "var/rush/acks.jsonl"))
HOSTS = [h.strip().rstrip("/") for h in os.environ.get("RUSH_HOSTS", "").split(",") if h.strip()]
_next = itertools.count()
_done = itertools.count(1)
_log = ACKS.open("a", encoding="utf-8")


def _record(**fields: Any) -> None:
    _log.write(json.dumps({"t": time.time(), **fields}) + "\n")
    _log.flush()


@events.quitting.add_listener
def _close(**_kwargs: Any) -> None:
    _log.close()


class Coordinator(FastHttpUser):
    wait_time = constant(0)
    network_timeout = 120.0  # as long as gunicorn's own timeout: a slow answer is measured, not dropped
    connection_timeout = 120.0

    def on_start(self) -> None:
        index = next(_next)
        if index >= len(USERS):
            raise StopUser()
        self.me = USERS[index]
        if HOSTS:
            self.client.base_url = HOSTS[index % len(HOSTS)]
        self.auth = {"Authorization": f"Bearer {self.me['token']}"}
        self.rng = random.Random(index)

    def _write(self, kind: str, kpi: int, path: str, body: dict[str, Any], name: str) -> dict[str, Any] | None:
        _record(phase="sent", user=self.me["username"], kind=kind, kpi=kpi, sent=body.get("value"))
        with self.client.post(path, json=body, name=name, headers=self.auth, catch_response=True) as response:
            status = response.status_code
            data: dict[str, Any] = {}
            try:
                data = response.json() if response.content else {}
            except ValueError:
                data = {}
            _record(
                user=self.me["username"],
                kind=kind,
                kpi=kpi,
                sent=body.get("value"),
                status=status,
                result=data.get("id"),
                value=data.get("value"),
                state=data.get("state"),
                lock_version=data.get("lock_version"),
            )
            if status == 200:
                response.success()
                return data
            response.failure(f"{status}: {str(data.get('detail', ''))[:120]}")
            return None

    def _report(self, kpi: int, value: str, lock_version: int | None, kind: str) -> dict[str, Any] | None:
        body = {"kpi_id": kpi, "months": self.me["months"], "value": value, "narrative_th": f"รายงานผล {kind}"}
        if lock_version is not None:
            body["lock_version"] = lock_version
        return self._write(kind, kpi, "/api/v1/results/report", body, "report")

    @task
    def deadline(self) -> None:
        for n, kpi in enumerate(self.me["kpis"]):
            value = f"{self.rng.uniform(40, 110):.2f}"
            if n == 0:  # a double click: the same report twice at the same instant
                first = gevent.spawn(self._report, kpi, value, None, "report")
                second = gevent.spawn(self._report, kpi, value, None, "double")
                gevent.joinall([first, second])
                saved = first.value or second.value
            else:
                saved = self._report(kpi, value, None, "report")
            if saved is not None and n % 3 == 1:
                corrected = f"{self.rng.uniform(40, 110):.2f}"
                saved = self._report(kpi, corrected, saved["lock_version"], "edit") or saved
            if saved is not None:
                self._write(
                    "submit",
                    kpi,
                    f"/api/v1/results/{saved['id']}/submit",
                    {"lock_version": saved["lock_version"]},
                    "submit",
                )
        runner = self.environment.runner
        if next(_done) >= len(USERS) and runner is not None:
            gevent.spawn_later(0.5, runner.quit)  # everyone is done: stop (from outside this user)
        raise StopUser()
