"""Forecast accuracy on a generated world: build a world with 6-, 9- and 12-month rounds, calibrate
its last year's forecasts (made from the earlier years only) against its 12-month scores, print
the shares, beside a naive baseline (last year's band again).

    DEBUG=1 .venv/bin/python scripts/bench_forecast.py --scale 1 --years 6 [--seed 1]

The world goes to a fresh SQLite file under var/bench (kept, so a second run only calibrates).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOVKPI = [sys.executable, "-m", "govkpi.manage"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="1")
    parser.add_argument("--years", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--last-year", type=int, default=2566)
    args = parser.parse_args()
    name = f"forecast_{args.scale.replace('.', '_')}_{args.years}y_seed{args.seed}_{args.last_year}"
    path = ROOT / "var" / "bench" / f"{name}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DATABASE_URL=f"sqlite:///{path}", DJANGO_SETTINGS_MODULE="govkpi.settings", DEBUG=os.environ.get("DEBUG", "1")
    )
    if not path.exists():
        part = path.with_suffix(".part")
        part.unlink(missing_ok=True)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{part}"}
        subprocess.run([*GOVKPI, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        subprocess.run(
            [*GOVKPI, "generate", "--scale", args.scale, "--years", str(args.years), "--seed", str(args.seed),
             "--last-year", str(args.last_year), "--rounds", "6,9,12", "-v0"],
            env=env, check=True, cwd=ROOT,
        )  # fmt: skip
        part.rename(path)

    import django

    django.setup()
    from govkpi.frameworks.selectors import framework_for
    from govkpi.results.models import OrganisationScore
    from govkpi.scorecards.forecast import calibrate_framework

    print(f"world: scale {args.scale}, {args.years} years to {args.last_year}, seed {args.seed}, rounds 6/9/12")
    for group in ("agencies", "provinces"):
        framework = framework_for(year=args.last_year, group=group)
        started = time.perf_counter()
        found = calibrate_framework(framework)
        seconds = time.perf_counter() - started
        # Baseline: "the band of last year's 12-month round again".
        last = dict(
            OrganisationScore.objects.filter(
                round__months=12, framework__group=group, framework__fiscal_year__year=args.last_year - 1
            ).values_list("organisation_id", "band")
        )
        outcome = dict(
            OrganisationScore.objects.filter(round__months=12, framework=framework).values_list(
                "organisation_id", "band"
            )
        )
        same = sum(1 for org, band in outcome.items() if last.get(org) == band)
        for rc in found:
            c = rc.calibration
            print(
                f"{args.last_year} {group:<9} {rc.months:>2} months: {c.organisations:>4} organisations  "
                f"band right {float(c.band_share or 0):6.1%}  inside range {float(c.coverage or 0):6.1%}  "
                f"mean error {float(c.mean_absolute_error or 0):5.2f} points"
            )
        if outcome:
            print(
                f"{args.last_year} {group:<9} baseline (last year's band): {same / len(outcome):6.1%}  ({seconds:.1f} s)"
            )


if __name__ == "__main__":
    main()
