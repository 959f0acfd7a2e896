"""govkpi generate --scale N: a synthetic national world for benchmarks, into an empty database."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govkpi.core.errors import ServiceError
from govkpi.synth.world import generate


class Command(BaseCommand):
    help = "สร้างข้อมูลจำลองระดับประเทศ (scale 1 ≈ 320 หน่วยงาน × 10 ปี) ลงในฐานข้อมูลว่าง / Generate a synthetic world."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=float, default=1, help="1 = today's country; 100 ≈ 32,000 organisations; 0.05 for tests"
        )
        parser.add_argument("--seed", type=int, default=1, help="the same seed builds the same world")
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--last-year", type=int, default=2566, help="last fiscal year (พ.ศ.)")
        parser.add_argument(
            "--rounds", default="6,12", help="rounds of every year in months, e.g. 6,9,12 (12 is always one)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["scale"] <= 0 or options["years"] < 1:
            raise CommandError("--scale must be above 0 and --years at least 1")
        try:
            rounds = tuple(int(m) for m in options["rounds"].split(","))
        except ValueError as exc:
            raise CommandError("--rounds takes months such as 6,9,12") from exc
        if 12 not in rounds or any(m not in (6, 9, 12) for m in rounds):
            raise CommandError("--rounds takes 6, 9 and 12 months, and must include 12")
        say = self.stdout.write if options["verbosity"] else (lambda _msg: None)
        try:
            counts = generate(
                scale=options["scale"],
                seed=options["seed"],
                years=options["years"],
                last_year=options["last_year"],
                say=say,
                rounds=rounds,
            )
        except ServiceError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps({"seconds": round(counts.seconds, 1), "rows": counts.rows}, ensure_ascii=False))
