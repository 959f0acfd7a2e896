"""How long copying a framework and its participants takes (issue 17's closing figure).

Inside a transaction rolled back at the end (the database is left as it was), this copies the
provinces' framework of `--from` (76 provinces, its components, ladder, bands and rounds) to a
new year with `frameworks.services.framework_copy`, `--repeat` times, and prints the median and
worst time, the participants copied and the number of queries of one copy.

Run against a database with the demo loaded (`govkpi migrate && govkpi loaddemo`):
    DEBUG=1 .venv/bin/python scripts/bench_framework_copy.py [--from 2566 --group provinces --repeat 20]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/govkpi_designer DEBUG=1 .venv/bin/python scripts/bench_framework_copy.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--from", dest="source", type=int, default=2566)
    parser.add_argument("--group", default="provinces")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from govkpi.frameworks.models import Framework
    from govkpi.frameworks.services import framework_copy

    source = Framework.objects.select_related("fiscal_year").get(fiscal_year__year=args.source, group=args.group)
    admin = get_user_model().objects.get(username="opdc.admin")
    times: list[float] = []
    participants = queries = 0
    for i in range(args.repeat):
        try:
            with transaction.atomic(), CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                copy = framework_copy(source, year=2700 + i, by=admin)
                times.append(time.perf_counter() - started)
                participants, queries = copy.participants.count(), len(captured.captured_queries)
                raise Rollback
        except Rollback:
            pass
    print(
        f"{connection.vendor}: copy {args.source} {args.group} ({participants} participants): "
        f"median {statistics.median(times) * 1000:.1f} ms, worst {max(times) * 1000:.1f} ms "
        f"over {len(times)} copies, {queries} queries each"
    )


if __name__ == "__main__":
    main()
