"""Thai text search without spaces between words: segment with PyThaiNLP, match every word.

PostgreSQL full-text search cannot split Thai, and a plain substring match misses a query whose
words are in another order; so both the stored text and the query are segmented into words.
"""

from __future__ import annotations

import functools
import re

from django.db.models import Q

_SPLIT = re.compile(r"[\s,;:()\[\]\"'/]+")


@functools.lru_cache(maxsize=1)
def _tokenizer() -> object:
    from pythainlp.tokenize import word_tokenize

    return word_tokenize


def segment(text: str) -> list[str]:
    """Lower-cased words of Thai (and any other) text, punctuation dropped."""
    words: list[str] = []
    tokenize = _tokenizer()
    for chunk in _SPLIT.split(text or ""):
        if not chunk:
            continue
        for word in tokenize(chunk, keep_whitespace=False):  # type: ignore[operator]
            word = word.strip().lower()
            if word and not _SPLIT.fullmatch(word):
                words.append(word)
    return words


def search_text(*parts: str) -> str:
    """What to store beside a record: its segmented words, space-separated, with spaces at both ends."""
    return " " + " ".join(segment(" ".join(p for p in parts if p))) + " "


def search_q(query: str, field: str = "search_text") -> Q:
    """Every word of the query must appear in the stored words (a word inside a phrase is found)."""
    q = Q()
    for word in dict.fromkeys(segment(query)):
        q &= Q(**{f"{field}__icontains": word})
    return q
