"""`govkpi framework copy|check|announce|show`: the framework designer for batch work and scripts.

    govkpi framework copy --from 2566 --to 2567 --group agencies [--announce] [--user NAME]
    govkpi framework check --year 2567 --group agencies     (exit 1 with every problem listed)
    govkpi framework announce --year 2567 --group agencies [--user NAME]
    govkpi framework show --year 2567 --group agencies

An operator's command (a shell on the server); `--user` acts as that person, who must be an OPDC
administrator, and is recorded in history.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from govkpi.core.errors import ServiceError
from govkpi.frameworks import services
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import Framework
from govkpi.frameworks.selectors import framework_get
from govkpi.frameworks.validation import framework_problems


class Command(BaseCommand):
    help = "Copy, check, announce or show a year's framework (กรอบการประเมิน)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        copy = sub.add_parser("copy", help="copy a year's framework to another year as a draft")
        copy.add_argument("--from", dest="source", type=int, required=True, help="fiscal year to copy, B.E.")
        copy.add_argument("--to", dest="target", type=int, required=True, help="new fiscal year, B.E.")
        copy.add_argument("--announce", action="store_true", help="announce the copy at once (checked first)")
        for name in ("check", "announce", "show"):
            p = sub.add_parser(name)
            p.add_argument("--year", type=int, required=True, help="fiscal year, B.E.")
        for p in (copy, *[sub.choices[n] for n in ("check", "announce", "show")]):
            p.add_argument("--group", required=True, choices=list(GroupCode.values), help="evaluation group")
            p.add_argument("--user", help="act as this OPDC administrator (recorded in history)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            by = self._user(options.get("user"))
            if action == "copy":
                self._copy(options, by)
            elif action == "check":
                self._check(self._framework(options["year"], options["group"]))
            elif action == "announce":
                framework = self._framework(options["year"], options["group"])
                services.framework_announce(framework=framework, by=by)
                self.stdout.write(f"ประกาศแล้ว / announced: {framework.name_th}")
            else:
                self._show(self._framework(options["year"], options["group"]))
        except ServiceError as exc:
            lines = [f"{exc.message_th} / {exc.message_en}"]
            lines += [f"  {p.get('field')}: {p.get('th')} / {p.get('en')}" for p in exc.problems]
            raise CommandError("\n".join(lines)) from exc

    def _user(self, username: str | None) -> Any:
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"ไม่พบผู้ใช้ / unknown user: {username}")
        services.check_may_design(user)
        return user

    def _framework(self, year: int, group: str) -> Framework:
        found = Framework.objects.filter(fiscal_year__year=year, group=group).first()
        if found is None:
            raise CommandError(f"ไม่มีกรอบการประเมินปี {year} กลุ่ม {group} / no such framework")
        return framework_get(pk=found.pk)

    def _copy(self, options: dict[str, Any], by: Any) -> None:
        source = self._framework(options["source"], options["group"])
        started = time.perf_counter()
        framework = services.framework_copy(source, year=options["target"], by=by)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"คัดลอกแล้ว / copied: {framework.name_th} (id {framework.pk}, "
            f"{framework.participants.count()} participants) in {elapsed:.2f} s — ร่าง / draft"
        )
        if options["announce"]:
            services.framework_announce(framework=framework, by=by)
            self.stdout.write("ประกาศแล้ว / announced")

    def _check(self, framework: Framework) -> None:
        problems = framework_problems(framework)
        if not problems:
            self.stdout.write(f"ไม่พบปัญหา / no problems: {framework.name_th}")
            return
        for p in problems:
            self.stderr.write(f"{p.field}: {p.message_th} / {p.message_en}")
        raise CommandError(f"{len(problems)} problem(s) / พบปัญหา {len(problems)} ข้อ")

    def _show(self, fw: Framework) -> None:
        state = f"announced {fw.announced_at:%Y-%m-%d}" if fw.announced_at else "draft"
        self.stdout.write(f"{fw.name_th} [{fw.fiscal_year.year} {fw.group}] {state}")
        for c in fw.components.all():
            self.stdout.write(f"  component {c.code}: {c.weight}% ({c.min_kpis}–{c.max_kpis} KPIs)")
        ladder = " / ".join(f"{t.name_th} {t.points}" for t in fw.target_levels.all())
        self.stdout.write(f"  ladder: {ladder}; below lowest {fw.below_lowest_points}")
        self.stdout.write("  bands: " + ", ".join(f"{b.name_th} ≥ {b.min_score}" for b in fw.bands.all()))
        for r in fw.rounds.all():
            self.stdout.write(f"  round {r.months} months: {r.opens_on} – {r.closes_on}")
        self.stdout.write(f"  proposal deadline: {fw.proposal_deadline}; KPI types: {', '.join(fw.kpi_types)}")
        self.stdout.write(f"  participants: {fw.participants.count()}")
