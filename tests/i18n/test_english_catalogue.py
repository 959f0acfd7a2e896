"""The English catalogue says what the Thai says: no borrowed guesses, no broken placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

CATALOGUE = Path(__file__).resolve().parents[2] / "src" / "govkpi" / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _entries() -> list[tuple[str, str, str]]:
    """(msgid, first msgstr, the entry's text) of every translated entry."""
    found = []
    for block in CATALOGUE.read_text(encoding="utf-8").split("\n\n"):
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgstr = re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', block, re.M)
        if msgid and msgstr:
            text = ["".join(re.findall(r'"(.*)"', m.group(1))) for m in (msgid, msgstr)]
            if text[0]:
                found.append((text[0], text[1], block))
    return found


def test_no_entry_of_the_english_catalogue_is_a_fuzzy_guess() -> None:
    fuzzy = [msgid for msgid, _, block in _entries() if re.search(r"^#,.*\bfuzzy\b", block, re.M)]
    assert fuzzy == []


def test_every_english_translation_keeps_the_placeholders_of_its_thai() -> None:
    broken = [
        (msgid, msgstr)
        for msgid, msgstr, _ in _entries()
        if msgstr and set(PLACEHOLDER.findall(msgid)) != set(PLACEHOLDER.findall(msgstr))
    ]
    assert broken == []


@pytest.mark.django_db
def test_the_home_page_reads_in_english_when_the_user_chooses_english(client: Client) -> None:
    client.cookies["django_language"] = "en"
    html = client.get("/").content.decode()
    assert ">Published results and open data<" in html
    assert ">Sign in (officials)<" in html
    assert "%(" not in html
