"""`govkpi restore PATH.tar.gz`: replace every table and every file by the archive's, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from govkpi.core.backup import restore
from govkpi.core.errors import ServiceError


class Command(BaseCommand):
    help = (
        "กู้คืนฐานข้อมูลและไฟล์หลักฐานจากไฟล์สำรอง (แทนที่ข้อมูลเดิมทั้งหมด) / "
        "Restore every table and file from an archive, replacing what is there (docs/operations.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="an archive written by govkpi backup")
        parser.add_argument(
            "--no-migrate", action="store_true", help="do not migrate an empty database first (it must match)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"ไม่พบไฟล์สำรอง / no such archive: {path}")
        if not options["no_migrate"]:
            call_command("migrate", verbosity=0, interactive=False)
        say = self.stderr.write if options["verbosity"] else (lambda _m: None)
        try:
            report = restore(path, say=say)
        except ServiceError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            json.dumps(
                {
                    "archive": str(path),
                    "tables": report.tables,
                    "rows": report.rows,
                    "files": report.files,
                    "seconds": round(report.seconds, 1),
                }
            )
        )
