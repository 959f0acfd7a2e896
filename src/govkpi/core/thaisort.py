"""Thai collation for lists sorted by name: the order of a Thai dictionary, not of code points.

PyICU (ICU's Thai collation) is not installed here, so the two rules that matter for names are
implemented: a leading vowel (เ แ โ ใ ไ) sorts after the consonant it is written before
("เชียงใหม่" files under ช, after "ชลบุรี"), and tone marks and other signs only break ties.
Latin letters compare case-insensitively. One helper for every Thai-name list.
"""

from __future__ import annotations

LEADING_VOWELS = frozenset("เแโใไ")
#: Signs that do not change where a word files: tone marks, ็ (mai taikhu), ์ (thanthakhat), ํ.
TIE_BREAKERS = frozenset("\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")


def _is_consonant(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e2e"


def _swap_leading_vowels(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in LEADING_VOWELS and i + 1 < len(text) and _is_consonant(text[i + 1]):
            out += [text[i + 1], ch]
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def thai_sort_key(text: str | None) -> tuple[str, str, str]:
    """A key for `sorted()`: dictionary order of Thai names (and of Latin ones, case-insensitive)."""
    swapped = _swap_leading_vowels((text or "").strip().casefold())
    primary = "".join(ch for ch in swapped if ch not in TIE_BREAKERS)
    return (primary, swapped, text or "")
