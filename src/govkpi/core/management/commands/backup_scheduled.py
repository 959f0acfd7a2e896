"""`govkpi backup_scheduled`: the timer's backup (deploy/systemd/govkpi-backup.timer) into
BACKUP_DIR, keeping BACKUP_KEEP_DAYS days of archives (docs/operations.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from govkpi.core.backup_schedule import backup_scheduled


class Command(BaseCommand):
    help = "สำรองข้อมูลตามกำหนดเวลาและลบไฟล์เก่า / A scheduled backup into BACKUP_DIR, with retention."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", default=None, help="instead of BACKUP_DIR")
        parser.add_argument("--keep-days", type=int, default=None, help="instead of BACKUP_KEEP_DAYS")

    def handle(self, *args: Any, **options: Any) -> None:
        done = backup_scheduled(
            directory=Path(options["dir"] or settings.BACKUP_DIR),
            keep_days=options["keep_days"] if options["keep_days"] is not None else int(settings.BACKUP_KEEP_DAYS),
        )
        self.stdout.write(
            json.dumps(
                {
                    "archive": str(done.archive),
                    "rows": done.report.rows,
                    "files": done.report.files,
                    "bytes": done.report.bytes,
                    "seconds": round(done.report.seconds, 1),
                    "removed": [str(p) for p in done.removed],
                }
            )
        )
