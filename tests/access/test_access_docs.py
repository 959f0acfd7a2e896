"""docs/access.md shows the very matrices the tests enforce (ACCESS_DOCS_WRITE=1 rewrites them)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from access_matrix import Row
from access_world import PERSONAS
from test_api_matrix import API
from test_page_matrix import PAGES

DOCS = Path(__file__).resolve().parents[2] / "docs" / "access.md"
HEADINGS = ["public", "OPDC admin", "OPDC desk", "secretary", "member", "MOI", "coordinator", "executive"]


def table(rows: dict[str, Row], *, first: str, show_url: bool) -> str:
    head = f"| {first} |" + (" URL |" if show_url else "") + " " + " | ".join(HEADINGS) + " |"
    lines = [head, "|" + "---|" * (len(HEADINGS) + 1 + show_url)]
    for name, row in rows.items():
        tokens = " | ".join(f"`{row.tokens()[p]}`" for p in PERSONAS)
        label = f"{name} ({row.method})" if show_url and row.method != "GET" else name
        url = f" `{row.url}` |" if show_url else ""
        lines.append(f"| {label} |{url} {tokens} |")
    return "\n".join(lines)


def rendered() -> dict[str, str]:
    return {
        "pages": table(PAGES, first="page", show_url=True),
        "api": table(API, first="operation", show_url=False),
    }


def block(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- matrix:{name} -->)\n(.*?)\n?(<!-- /matrix:{name} -->)", re.DOTALL)


def test_the_documented_matrices_are_the_tested_ones() -> None:
    text = DOCS.read_text()
    tables = rendered()
    if os.environ.get("ACCESS_DOCS_WRITE"):
        for name, body in tables.items():
            text = block(name).sub(lambda m, body=body: f"{m.group(1)}\n{body}\n{m.group(3)}", text)
        DOCS.write_text(text)
    for name, body in tables.items():
        found = block(name).search(text)
        assert found is not None, f"docs/access.md has no <!-- matrix:{name} --> block"
        assert found.group(2) == body, (
            f"docs/access.md's {name} matrix is out of date: ACCESS_DOCS_WRITE=1 pytest {__file__}"
        )
