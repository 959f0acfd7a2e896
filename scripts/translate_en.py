"""Fill src/govkpi/locale/en/LC_MESSAGES/django.po from the glossary en.tsv (Thai msgid → English).

Run after `make messages`; msgids missing from the glossary are listed and stay untranslated (Thai shows).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "src" / "govkpi" / "locale"


def main() -> int:
    glossary = {}
    for line in (LOCALE / "en.tsv").read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            th, en = line.split("\t", 1)
            glossary[th] = en
    po_path = LOCALE / "en" / "LC_MESSAGES" / "django.po"
    text = po_path.read_text(encoding="utf-8")
    missing: list[str] = []

    def fill(match: re.Match[str]) -> str:
        msgid = match.group(1)
        en = glossary.get(msgid)
        if en is None:
            missing.append(msgid)
            return match.group(0)
        return f'msgid "{msgid}"\nmsgstr "{en}"'

    # A fuzzy entry is msgmerge's guess from a similar msgid (often another sentence altogether):
    # forget the guess, so the glossary fills it or it stays Thai.
    text = re.sub(
        r'^#, fuzzy\n(?:#\|.*\n)*(msgid ".*"\n(?:".*"\n)*)msgstr ".*"\n(?:".*"\n)*',
        lambda m: f'{m.group(1)}msgstr ""\n',
        text,
        flags=re.M,
    )
    text = re.sub(r'^msgid "(.+)"\nmsgstr ""$', fill, text, flags=re.M)
    text = text.replace("#, fuzzy\n", "")

    # Plural entries: msgid/msgid_plural/msgstr[0..]
    def fill_plural(match: re.Match[str]) -> str:
        en = glossary.get(match.group(1))
        if en is None:
            missing.append(match.group(1))
            return match.group(0)
        return f'msgid "{match.group(1)}"\nmsgid_plural "{match.group(2)}"\nmsgstr[0] "{en}"\nmsgstr[1] "{en}"'

    text = re.sub(
        r'^msgid "(.+)"\nmsgid_plural "(.+)"\nmsgstr\[0\] ".*"\nmsgstr\[1\] ".*"$', fill_plural, text, flags=re.M
    )
    po_path.write_text(text, encoding="utf-8")
    for msgid in missing:
        print(f"untranslated: {msgid}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
