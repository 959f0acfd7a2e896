"""Fault: PostgreSQL restarts while gunicorn serves steady traffic; the app must recover by itself.

gunicorn (2 workers x 2 threads, persistent connections with health checks) serves the database in
DATABASE_URL on 127.0.0.1. Four client threads request a page (/), a public API read
(/api/v1/organisations/) and a token-authenticated API read (/api/v1/organisations/me) in a loop.
After a few seconds PostgreSQL is restarted (`pg_ctlcluster 15 main restart`). Checked:

- no answer is a 500 and none fails to arrive: while the database is away, each answer is a 503
  carrying the Thai and English message;
- a few seconds after PostgreSQL is back, every answer is 200 again, from the same gunicorn worker
  processes (nothing was restarted but PostgreSQL).

The load is bounded (about 30 s) and goes to the loopback address only. Restarting PostgreSQL
disturbs every other user of the cluster: run it on a machine of your own.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/govkpi_faults python scripts/faults/pg_restart.py
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PATHS = ["/", "/api/v1/organisations/", "/api/v1/organisations/me"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def token() -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
    import django

    django.setup()
    from govkpi.organisations.models import ApiToken, Person

    person = Person.objects.filter(user__is_active=True).select_related("user").order_by("pk").first()
    if person is None:
        raise SystemExit("the database has no people: load the demo or generate a world first")
    _, key = ApiToken.issue(user=person.user, name="fault-pg-restart")
    return key


def get(url: str, key: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"} if url.endswith("/me") else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError) as exc:
        return 0, str(exc)


def readable(body: str) -> str:
    """The text of an answer: the API's JSON escapes Thai, so read its messages."""
    try:
        data = json.loads(body)
    except ValueError:
        return body
    return f"{data.get('message_th', '')} {data.get('message_en', '')}" if isinstance(data, dict) else body


def worker_pids(master: int) -> set[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True, check=False)
    return {int(p) for p in out.stdout.split()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cluster", default="15 main", help="pg_ctlcluster version and name")
    args = parser.parse_args()
    key = token()
    port = free_port()
    # Production mode on plain HTTP over the loopback: a throwaway key, the HTTPS parts off explicitly.
    plain_http = {"SECRET_KEY": secrets.token_urlsafe(50), "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0"}
    env = {**os.environ, "DB_CONN_MAX_AGE": "60", "DEBUG": "0", "LOG_LEVEL": "ERROR", **plain_http}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "govkpi.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "-k", "gthread",
         "--threads", "2", "--timeout", "60"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    log: list[dict[str, Any]] = []
    stop = threading.Event()
    try:
        for _ in range(60):
            if get(base + "/api/v1/organisations/", key)[0] == 200:
                break
            time.sleep(1)
        before_pids = worker_pids(server.pid)

        def load(n: int) -> None:
            i = n
            while not stop.is_set():
                path = PATHS[i % len(PATHS)]
                status, body = get(base + path, key)
                log.append({"t": time.time(), "path": path, "status": status, "body": body[:2000]})
                i += 1
                time.sleep(0.05)

        threads = [threading.Thread(target=load, args=(n,), daemon=True) for n in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(5)
        restart_started = time.time()
        version, name = args.cluster.split()
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart"], check=True)
        restart_done = time.time()
        time.sleep(15)
        stop.set()
        for thread in threads:
            thread.join(timeout=35)
        after_pids = worker_pids(server.pid)
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)

    def phase(entry: dict[str, Any]) -> str:
        if entry["t"] < restart_started:
            return "before"
        return "during" if entry["t"] < restart_done + 5 else "after"

    counts: dict[str, Counter[int]] = {"before": Counter(), "during": Counter(), "after": Counter()}
    for entry in log:
        counts[phase(entry)][entry["status"]] += 1
    unavailable = [e for e in log if e["status"] == 503]
    clear = all(
        "ระบบฐานข้อมูลไม่พร้อมใช้งานชั่วคราว" in readable(e["body"])
        and "database is briefly unavailable" in readable(e["body"])
        for e in unavailable
    )
    by_path = Counter(f"{e['path']} {e['status']}" for e in log if phase(e) == "during")
    first_ok_after = min((e["t"] for e in log if e["t"] > restart_done and e["status"] == 200), default=None)
    report = {
        "requests": len(log),
        "restart_seconds": round(restart_done - restart_started, 1),
        "statuses": {p: dict(c) for p, c in counts.items()},
        "during_by_path": dict(sorted(by_path.items())),
        "503_with_thai_and_english": clear,
        "first_200_after_restart_s": None if first_ok_after is None else round(first_ok_after - restart_done, 2),
        "same_gunicorn_workers": before_pids == after_pids and bool(before_pids),
    }
    print(json.dumps(report, ensure_ascii=False, indent=1))
    ok = (
        not any(s not in {200, 503} for c in counts.values() for s in c)
        and clear
        and set(counts["after"]) == {200}
        and report["same_gunicorn_workers"]
    )
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
