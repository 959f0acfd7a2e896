"""Fault: the evidence store's disk fills up, then turns read-only, while coordinators upload.

tests/results/test_evidence.py covers an evidence root that cannot be created; this script uses a
genuinely full filesystem: a 1 MiB tmpfs mounted as MEDIA_ROOT (needs root). As the MOF
coordinator, 300 KB PDFs are uploaded through the API until the disk is full, then the tmpfs is
remounted read-only and one more is tried. Checked: every refused upload answers 503 with the Thai
and English message; there is one Evidence row per accepted upload and one file per row (no orphan
row, no partial file). Everything runs in one transaction rolled back at the end, and the tmpfs is
unmounted, so the database (DATABASE_URL, with the demo loaded) is left as found.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/govkpi_faults python scripts/faults/evidence_disk_full.py
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any


class Rollback(Exception):
    pass


def pdf(size: int) -> bytes:
    return b"%PDF-1.4\n%" + b"0" * (size - 20) + b"\n%%EOF\n"


def main() -> None:
    store = Path(tempfile.mkdtemp(prefix="govkpi-full-"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(store)], check=False)
    if mounted.returncode != 0:
        raise SystemExit("cannot mount a tmpfs (needs root): nothing tested")
    report: dict[str, Any] = {}
    try:
        os.environ["GOVKPI_MEDIA_ROOT"] = str(store)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
        os.environ.setdefault("DEBUG", "1")  # a fault drill on a development machine
        import django

        django.setup()
        import datetime as dt

        from django.contrib.auth import get_user_model
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.db import transaction
        from django.test import Client

        from govkpi.frameworks.models import Round
        from govkpi.kpis.models import Kpi
        from govkpi.organisations.access import viewer_for
        from govkpi.results import services
        from govkpi.results.models import Evidence

        def stored_files() -> list[Path]:
            return [p for p in store.rglob("*") if p.is_file()]

        try:
            with transaction.atomic():
                round_ = Round.objects.get(framework__fiscal_year__year=2565, framework__group="agencies", months=6)
                today = dt.date.today()
                Round.objects.filter(pk=round_.pk).update(
                    opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=1)
                )
                round_.refresh_from_db()
                user = get_user_model().objects.get(username="mof.coord")
                result = services.result_save(
                    viewer=viewer_for(user), user=user, kpi=Kpi.objects.get(code="MOF-65-03"), round_=round_,
                    value="101", narrative_th="ทดสอบดิสก์เต็ม", lock_version=None,
                )  # fmt: skip
                client = Client(raise_request_exception=False)
                client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
                url = f"/api/v1/results/{result.pk}/evidence"
                before = Evidence.objects.filter(result=result).count()
                statuses: list[int] = []
                refused: list[dict[str, Any]] = []
                for n in range(8):
                    answer = client.post(url, {"file": SimpleUploadedFile(f"หลักฐาน{n}.pdf", pdf(300_000))})
                    statuses.append(answer.status_code)
                    if answer.status_code != 201 and answer.status_code != 200:
                        refused.append(answer.json())
                    if len(refused) >= 2:
                        break
                accepted = sum(1 for s in statuses if s in {200, 201})
                rows_full = Evidence.objects.filter(result=result).count() - before
                files_full = len(stored_files())
                subprocess.run(["mount", "-o", "remount,ro", str(store)], check=True)
                answer = client.post(url, {"file": SimpleUploadedFile("อ่านอย่างเดียว.pdf", pdf(10_000))})
                statuses.append(answer.status_code)
                refused.append(answer.json())
                report = {
                    "statuses": statuses,
                    "accepted": accepted,
                    "evidence_rows_added": Evidence.objects.filter(result=result).count() - before,
                    "rows_when_full": rows_full,
                    "files_on_disk_when_full": files_full,
                    "files_on_disk_at_end": len(stored_files()),
                    "files": sorted(f"{p.relative_to(store)} {p.stat().st_size}" for p in stored_files()),
                    "refusals": [r.get("detail", "")[:200] for r in refused],
                }
                raise Rollback
        except Rollback:
            pass
    finally:
        subprocess.run(["umount", str(store)], check=False)
        store.rmdir()
    print(json.dumps(report, ensure_ascii=False, indent=1))
    refusals_clear = all("ไม่มีข้อมูลใดถูกบันทึก" in r and "/" in r for r in report["refusals"])
    ok = (
        report["accepted"] >= 1
        and all(s in {200, 201, 503} for s in report["statuses"])
        and report["statuses"][-1] == 503
        and report["evidence_rows_added"] == report["accepted"] == report["files_on_disk_at_end"]
        and report["rows_when_full"] == report["files_on_disk_when_full"]
        and refusals_clear
    )
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
