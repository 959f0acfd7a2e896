"""How many schemathesis examples a run made, by operation and role, and the statuses they got."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class FuzzStats:
    calls: Counter[tuple[str, str]] = field(default_factory=Counter)  # (operation, role) → examples
    statuses: Counter[int] = field(default_factory=Counter)

    def summary(self) -> str:
        operations = {operation for operation, _ in self.calls}
        roles = {role for _, role in self.calls}
        return (
            f"schemathesis: {self.calls.total():,} examples over {len(operations)} operations and {len(roles)} roles;"
            f" statuses {dict(sorted(self.statuses.items()))}"
        )


STATS = FuzzStats()
