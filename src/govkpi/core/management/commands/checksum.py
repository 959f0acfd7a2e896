"""`govkpi checksum`: the SHA-256 of every table and every file, to prove two systems hold the same."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from govkpi.core.backup import checksums


class Command(BaseCommand):
    help = "checksum ของทุกตารางและทุกไฟล์ (JSON) / The checksum of every table and file, as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tables-only", action="store_true", help="leave the files out")
        parser.add_argument("--table", action="append", default=None, help="only this table (repeatable)")

    def handle(self, *args: Any, **options: Any) -> None:
        sums = checksums(files=not options["tables_only"] and not options["table"], only=options["table"])
        body = sums.as_dict()
        whole = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
        self.stdout.write(json.dumps({"sha256": whole, **body}, ensure_ascii=False, indent=1))
