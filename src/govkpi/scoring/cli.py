"""`govkpi score FILE.json`: score a scorecard document from the command line.

Prints the result document on success (exit 0). Anything wrong with the file (unreadable, not
JSON, not a valid scorecard) is printed as one problem per line on stderr, Thai then English,
with the path or KPI it concerns, and exits 2. It never shows a traceback: the people running
it are KPI coordinators checking their sheet, not programmers.
"""

from __future__ import annotations

import json
from typing import TextIO

from govkpi.scoring.document import parse_document, result_to_document
from govkpi.scoring.engine import score
from govkpi.scoring.problems import ScorecardInvalid

USAGE = "usage: govkpi score FILE.json"
EXIT_OK = 0
EXIT_INVALID = 2


def run(argv: list[str], stdout: TextIO, stderr: TextIO) -> int:
    """Run with `argv` the arguments after `score` (just the file name)."""
    if argv in (["-h"], ["--help"]):
        stdout.write(f"{USAGE}\n\nScore a scorecard document; see docs/scorecard.md.\n")
        return EXIT_OK
    if len(argv) != 1:
        stderr.write(f"{USAGE}\n")
        return EXIT_INVALID
    path = argv[0]
    try:
        # utf-8-sig: files saved by Windows editors start with a byte-order mark.
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        stderr.write(f"{path}: อ่านไฟล์ไม่ได้ / cannot read the file: {reason}\n")
        return EXIT_INVALID
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as error:
        stderr.write(f"{path}:{error.lineno}:{error.colno}: ไฟล์ไม่ใช่ JSON ที่ถูกต้อง / not valid JSON: {error.msg}\n")
        return EXIT_INVALID
    try:
        result = score(parse_document(doc))
    except ScorecardInvalid as error:
        for problem in error.problems:
            stderr.write(f"{path}: {problem}\n")
        return EXIT_INVALID
    stdout.write(json.dumps(result_to_document(result), ensure_ascii=False, indent=2))
    stdout.write("\n")
    return EXIT_OK
