"""Choice labels in Thai, whatever the page's language.

Model choices carry translatable labels (English pages show English), but Excel files, PDFs and
imports are Thai documents: they write and read the Thai label. These helpers give it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils import translation


def thai(label: object) -> str:
    """A (lazy) label as its Thai text."""
    with translation.override("th"):
        return str(label)


def thai_choices(choices: type[models.Choices] | Iterable[tuple[str, object]]) -> list[tuple[str, str]]:
    """(code, Thai label) pairs of a choices class or of a list of choices."""
    pairs = choices.choices if isinstance(choices, type) else choices
    with translation.override("th"):
        return [(str(code), str(label)) for code, label in pairs]
