"""`govkpi backup PATH.tar.gz`: every table and every evidence file in one verified archive."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from govkpi.core.backup import backup


class Command(BaseCommand):
    help = "สำรองฐานข้อมูลทุกตารางและไฟล์หลักฐานทั้งหมดเป็นไฟล์เดียว / Back up every table and file (docs/operations.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the archive to write, e.g. var/backup-2567-09-30.tar.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        say = self.stderr.write if options["verbosity"] else (lambda _m: None)
        report = backup(Path(options["path"]), say=say)
        self.stdout.write(
            json.dumps(
                {
                    "archive": options["path"],
                    "tables": report.tables,
                    "rows": report.rows,
                    "files": report.files,
                    "bytes": report.bytes,
                    "seconds": round(report.seconds, 1),
                }
            )
        )
