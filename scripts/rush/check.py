"""After the deadline rush: is every acknowledged write in the database exactly once?

A write is acknowledged when the API answered 200 with the result's id and `lock_version`. Each
acknowledged write must appear exactly once in the result's history (`results_historicalresult`,
one row per saved version), and the last acknowledged version of each KPI must be what the
`results_result` row holds now (same lock_version, value and state). There must be one row per
KPI and round. Counted:

- lost: an acknowledged write missing from the history, or a KPI whose row is older than, or
  different from, its last acknowledged write (or has no row at all);
- duplicated: an acknowledged write recorded more than once, or more than one row for a KPI;
- unacknowledged: versions in the database that no answer acknowledged; allowed only for KPIs
  with a failed or unanswered request (the locustfile writes a "sent" line before each request) (the server may have saved what the client never heard of).

    python scripts/rush/check.py var/rush/acks.jsonl      # exit 1 if anything was lost or duplicated
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Row:
    """One result as the database holds it."""

    id: int
    kpi: int
    lock_version: int
    value: Decimal | None
    state: str


@dataclass
class Findings:
    acknowledged: int = 0
    failed_requests: int = 0
    lost: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    unacknowledged: list[str] = field(default_factory=list)
    unexplained: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.lost or self.duplicated or self.unexplained)

    def summary(self) -> dict[str, Any]:
        return {
            "acknowledged_writes": self.acknowledged,
            "failed_requests": self.failed_requests,
            "lost": len(self.lost),
            "duplicated": len(self.duplicated),
            "unacknowledged": len(self.unacknowledged),
            "unexplained": len(self.unexplained),
            "examples": (self.lost + self.duplicated + self.unexplained)[:10],
        }


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def compare(acks: Iterable[dict[str, Any]], rows: Iterable[Row], history: Iterable[tuple[int, int]]) -> Findings:
    """Compare the server's answers (`acks`) with the rows and the (result id, lock_version) history."""
    found = Findings()
    acked: dict[int, list[dict[str, Any]]] = defaultdict(list)
    troubled: set[int] = set()
    sent: Counter[int] = Counter()
    answered: Counter[int] = Counter()
    for ack in acks:
        if ack.get("phase") == "sent":  # written before the request: an answer may never have come
            sent[int(ack["kpi"])] += 1
            continue
        answered[int(ack["kpi"])] += 1
        if ack.get("status") == 200 and ack.get("result") is not None:
            acked[int(ack["kpi"])].append(ack)
            found.acknowledged += 1
        else:
            found.failed_requests += 1
            troubled.add(int(ack["kpi"]))
    unanswered = {kpi for kpi, n in sent.items() if n > answered[kpi]}
    found.failed_requests += sum(max(n - answered[kpi], 0) for kpi, n in sent.items())
    troubled |= unanswered
    by_kpi: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        by_kpi[row.kpi].append(row)
    versions = Counter(history)
    for kpi, writes in sorted(acked.items()):
        held = by_kpi.get(kpi, [])
        if not held:
            found.lost.append(f"KPI {kpi}: {len(writes)} acknowledged writes, no row in the database")
            continue
        if len(held) > 1:
            found.duplicated.append(f"KPI {kpi}: {len(held)} rows for one KPI and round")
        row = held[0]
        for write in writes:
            seen = versions[(int(write["result"]), int(write["lock_version"]))]
            if seen == 0:
                found.lost.append(f"KPI {kpi}: acknowledged version {write['lock_version']} is not in the history")
            elif seen > 1:
                found.duplicated.append(f"KPI {kpi}: version {write['lock_version']} recorded {seen} times")
        last = max(writes, key=lambda w: int(w["lock_version"]))
        if row.lock_version < int(last["lock_version"]):
            found.lost.append(
                f"KPI {kpi}: the row is at version {row.lock_version}, {last['lock_version']} was acknowledged"
            )
        elif row.lock_version == int(last["lock_version"]):
            if row.value != _decimal(last["value"]) or row.state != last["state"]:
                found.lost.append(
                    f"KPI {kpi}: the row holds {row.value}/{row.state}, not {last['value']}/{last['state']}"
                )
        else:
            acked_versions = {int(w["lock_version"]) for w in writes}
            extra = [v for v in range(1, row.lock_version + 1) if v not in acked_versions and versions[(row.id, v)]]
            note = f"KPI {kpi}: versions {extra} saved but never acknowledged"
            (found.unacknowledged if kpi in troubled else found.unexplained).append(note)
    for kpi in by_kpi:
        if kpi not in acked:
            note = f"KPI {kpi}: a row no answer acknowledged"
            (found.unacknowledged if kpi in troubled else found.unexplained).append(note)
    return found


def read_database(kpis: set[int], months: int = 12) -> tuple[list[Row], list[tuple[int, int]]]:
    """The rows and history of the rush's KPIs (needs Django set up)."""
    from govkpi.results.models import Result

    rows = [
        Row(pk, kpi, lock, value, state)
        for pk, kpi, lock, value, state in Result.objects.filter(kpi__in=kpis, round__months=months).values_list(
            "pk", "kpi_id", "lock_version", "value", "state"
        )
    ]
    history = list(
        Result.history.filter(kpi__in=kpis, round__months=months).values_list("id", "lock_version")  # type: ignore[attr-defined]
    )
    return rows, history


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("acks", type=Path)
    parser.add_argument("--users", type=Path, default=Path("var/rush/users.json"))
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
    import django

    django.setup()
    acks = [json.loads(line) for line in args.acks.read_text().splitlines() if line.strip()]
    kpis = {k for user in json.loads(args.users.read_text()) for k in user["kpis"]}
    rows, history = read_database(kpis)
    findings = compare(acks, rows, history)
    print(json.dumps(findings.summary(), ensure_ascii=False, indent=1))
    raise SystemExit(0 if findings.ok else 1)


if __name__ == "__main__":
    main()
