"""{% load themes %}{{ code|theme_label }}: a KPI theme's label in the active language, not its code."""

from __future__ import annotations

from django import template

from govkpi.basket.models import theme_label as label_of

register = template.Library()


@register.filter
def theme_label(code: str) -> str:
    return label_of(code)
