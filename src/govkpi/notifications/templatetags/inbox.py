"""`{% load inbox %}{% unread_badge %}`: the unread count beside the inbox link in the menu.

`{% unread_badge oob=True %}` renders it for an htmx out-of-band swap, so marking a notification
read updates the menu too."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from govkpi.notifications.services import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_badge(context: template.Context, oob: bool = False) -> SafeString:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return mark_safe("")
    count = unread_count(user)
    swap = mark_safe(' hx-swap-oob="true"') if oob else ""
    if not count:
        return format_html('<span id="unread-count" data-testid="unread-count"{}></span>', swap)
    return format_html(
        '<span id="unread-count" class="tag" data-testid="unread-count"{}>{}</span>',
        swap,
        count,
    )
