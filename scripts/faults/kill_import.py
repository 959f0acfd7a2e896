"""Fault: the worker running a 2,000-row results import is killed (SIGKILL) in the middle.

Against a THROWAWAY database (DATABASE_URL; migrated and loaded with the demo if empty), the
FY2565 agencies 6-month round is given 2,000 KPIs in force and no results, and a filled import
workbook is written. Then, for each kill point, the import is started as a background job, a real
`govkpi db_worker` process picks it up and is killed with SIGKILL:

- `validating`: as soon as the job is running (reading and checking the workbook);
- `writing`: on PostgreSQL, the moment the worker's connection is seen inserting results
  (pg_stat_activity); on SQLite, a moment after the checks are done.

After each kill the checksum of every table (but the job queue's own two) must equal the one
before: nothing of the import is in the database. The job row still says "running" (nothing is
left to finish it); the job pages show it failed once JOB_STALE_MINUTES have passed, which the
script checks by asking as if that time had come. Last, the same import is run to the end, to show
the kills interrupted a real 2,000-row write. Exit 1 if anything changed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/govkpi_faults python scripts/faults/kill_import.py
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GOVKPI = [sys.executable, "-m", "govkpi.manage"]
QUEUE_TABLES = {"core_job", "django_tasks_database_dbtaskresult"}


def prepare(rows: int) -> tuple[Any, Any, bytes]:
    """The round with `rows` KPIs in force and no results, and the filled workbook."""
    import openpyxl
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from govkpi.frameworks.models import Framework
    from govkpi.kpis.models import Kpi, KpiVersion
    from govkpi.organisations.access import viewer_for
    from govkpi.results import excel
    from govkpi.results.models import Result

    framework = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    round_ = framework.rounds.get(months=6)
    user = get_user_model().objects.get(username="opdc.admin")
    with transaction.atomic():
        originals = list(
            Kpi.objects.filter(framework=framework, proposal__state="approved", is_removed=False)
            .exclude(code__contains="-F")
            .order_by("pk")
            .prefetch_related("versions")
        )
        have = Kpi.objects.filter(framework=framework, proposal__state="approved", is_removed=False).count()
        copies: list[tuple[Any, list[Any]]] = []
        n = have
        while n < rows:
            for original in originals:
                if n >= rows:
                    break
                kpi = copy.copy(original)
                kpi.pk = kpi.id = None
                kpi.code = f"{original.code}-F{n}"
                kpi._state.adding = True
                copies.append((kpi, [copy.copy(v) for v in original.versions.all()]))
                n += 1
        Kpi.objects.bulk_create([k for k, _ in copies])
        versions = []
        for kpi, kept in copies:
            for v in kept:
                v.pk = v.id = None
                v.kpi = kpi
                v._state.adding = True
                versions.append(v)
        KpiVersion.objects.bulk_create(versions)
        Result.objects.filter(round=round_).delete()
    workbook = openpyxl.load_workbook(
        io.BytesIO(excel.template(viewer=viewer_for(user), framework=framework, round_=round_))
    )
    sheet = workbook.active
    assert sheet is not None
    for row in sheet.iter_rows(min_row=2):
        targets = str(row[6].value).split(" / ")
        row[7].value = float(targets[len(targets) // 2])
        row[8].value = "ผลตามเป้าหมาย (ทดสอบการหยุดกลางคัน)"
    out = io.BytesIO()
    workbook.save(out)
    return round_, user, out.getvalue()


def table_sums() -> dict[str, Any]:
    from govkpi.core.backup import checksums

    sums = checksums(files=False).as_dict()["tables"]
    return {t: s for t, s in sums.items() if t not in QUEUE_TABLES}


def writing_now() -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND state = 'active' AND query ILIKE 'INSERT INTO \"results_%%'"
        )
        return bool(cursor.fetchone()[0])


def kill_once(point: str, round_: Any, user: Any, data: bytes, env: dict[str, str]) -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection

    from govkpi.core.jobs import fail_stale_jobs, start_job
    from govkpi.core.models import Job

    before = table_sums()
    job = start_job(
        "results.import",
        title=f"fault: kill while {point}",
        owner=user,
        params={"framework_id": round_.framework_id, "months": round_.months},
        input_file=("results.xlsx", data),
    )
    worker = subprocess.Popen(
        [*GOVKPI, "db_worker", "--interval", "0.1"], env=env, cwd=ROOT, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    seen_running = seen_writing = False
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and worker.poll() is None:
            state = Job.objects.filter(pk=job.pk).values_list("state", flat=True).first()
            if state == Job.State.RUNNING:
                seen_running = True
                if point == "validating":
                    break
                if connection.vendor == "postgresql":
                    if writing_now():
                        seen_writing = True
                        break
                else:
                    time.sleep(2.0)
                    break
            if state in {Job.State.DONE, Job.State.FAILED}:
                break
            time.sleep(0.01)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
    time.sleep(0.5)
    after = table_sums()
    job.refresh_from_db()
    state_after_kill = job.state
    later = job.started_at + dt.timedelta(minutes=settings.JOB_STALE_MINUTES + 1) if job.started_at else None
    fail_stale_jobs(now=later)
    job.refresh_from_db()
    changed = sorted(t for t in before if before[t] != after.get(t))
    return {
        "kill_point": point,
        "seen_running": seen_running,
        "seen_inserting_results": seen_writing,
        "job_state_after_kill": state_after_kill,
        "job_state_an_hour_later": job.state,
        "tables_changed": changed,
        "database_unchanged": not changed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=2000)
    args = parser.parse_args()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "govkpi.settings",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "DEBUG": os.environ.get("DEBUG", "1"),  # a fault drill on a development machine
    }
    os.environ.update(env)
    import django

    django.setup()
    from govkpi.organisations.models import Organisation

    subprocess.run([*GOVKPI, "migrate", "-v0"], env=env, check=True)
    if not Organisation.objects.exists():
        subprocess.run([*GOVKPI, "loaddemo", "-v0"], env=env, check=True)
    from django.db import connection

    from govkpi.core.models import Job
    from govkpi.results.models import Result

    round_, user, data = prepare(args.rows)
    outcomes = [kill_once(point, round_, user, data, env) for point in ("validating", "writing")]
    # the same import, left alone, writes every row: the kills interrupted real work
    from govkpi.core.jobs import start_job

    job = start_job(
        "results.import", title="fault: finish", owner=user,
        params={"framework_id": round_.framework_id, "months": round_.months}, input_file=("results.xlsx", data),
    )  # fmt: skip
    subprocess.run([*GOVKPI, "db_worker", "--batch", "--interval", "0.1"], env=env, cwd=ROOT, check=True, timeout=600)
    job.refresh_from_db()
    report = {
        "engine": connection.vendor,
        "rows": args.rows,
        "kills": outcomes,
        "uninterrupted_import": {"job": job.state, "results_written": Result.objects.filter(round=round_).count()},
    }
    print(json.dumps(report, ensure_ascii=False, indent=1))
    ok = all(o["database_unchanged"] and o["job_state_an_hour_later"] == Job.State.FAILED for o in outcomes)
    ok = ok and job.state == Job.State.DONE
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
