"""Fill src/govkpi/locale/en/LC_MESSAGES/django.po from the glossary en.tsv (Thai msgid → English).

Run after `make messages`; msgids missing from the glossary are listed and stay untranslated (Thai shows).
The catalogue is read entry by entry (blank-line separated), so a wrapped msgstr is replaced whole,
never left with the tail of an older translation. msgmerge's fuzzy guesses (a translation borrowed
from a similar msgid, often another sentence altogether) are dropped: the glossary fills the entry
or it stays Thai. A translation whose %(name)s placeholders differ from its msgid's is refused, as
Django would fall back to Thai at best and show a raw placeholder at worst.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "src" / "govkpi" / "locale"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$")


def _text(quoted: list[str]) -> str:
    return "".join(q[1:-1] for q in quoted)


def _parse(block: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """An entry's comment lines, and its keywords in order with their quoted lines."""
    comments: list[str] = []
    fields: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("#"):
            comments.append(line)
        elif match := KEYWORD.match(line):
            fields.append((match.group(1), [match.group(2)]))
        elif line.startswith('"') and fields:
            fields[-1][1].append(line)
    return comments, fields


def _same_placeholders(msgid: str, en: str) -> bool:
    return set(PLACEHOLDER.findall(msgid)) == set(PLACEHOLDER.findall(en))


def _entry(block: str, glossary: dict[str, str], missing: list[str], refused: list[str]) -> str:
    comments, fields = _parse(block)
    keys = [k for k, _ in fields]
    if "msgid" not in keys:
        return block
    msgid = _text(dict(fields)["msgid"])
    if not msgid:
        return block  # the header
    fuzzy = any(c.startswith("#,") and "fuzzy" in c for c in comments)
    kept: list[str] = []
    for c in comments:
        if c.startswith("#|"):
            continue  # the msgid a fuzzy guess came from
        if c.startswith("#,"):
            flags = [f.strip() for f in c[2:].split(",") if f.strip() and f.strip() != "fuzzy"]
            if not flags:
                continue
            c = "#, " + ", ".join(flags)
        kept.append(c)
    en = glossary.get(msgid)
    if en is not None and not _same_placeholders(msgid, en):
        refused.append(msgid)
        en = None
    if en is None:
        missing.append(msgid)
    lines = list(kept)
    for key, quoted in fields:
        if key.startswith("msgstr"):
            if en is not None:
                quoted = [f'"{en}"']
            elif fuzzy or not _same_placeholders(msgid, _text(quoted)):
                quoted = ['""']
        lines.append(f"{key} {quoted[0]}")
        lines.extend(quoted[1:])
    return "\n".join(lines)


def main() -> int:
    glossary = {}
    for line in (LOCALE / "en.tsv").read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            th, en = line.split("\t", 1)
            glossary[th] = en
    po_path = LOCALE / "en" / "LC_MESSAGES" / "django.po"
    blocks = po_path.read_text(encoding="utf-8").strip("\n").split("\n\n")
    missing: list[str] = []
    refused: list[str] = []
    text = "\n\n".join(_entry(b, glossary, missing, refused) for b in blocks) + "\n"
    po_path.write_text(text, encoding="utf-8")
    for msgid in refused:
        print(f"placeholders differ, glossary entry ignored: {msgid}", file=sys.stderr)
    for msgid in missing:
        print(f"untranslated: {msgid}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
