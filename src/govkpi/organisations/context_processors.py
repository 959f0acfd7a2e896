"""Template context every page gets: who is looking, and what they may do."""

from __future__ import annotations

from django.http import HttpRequest

from govkpi.organisations.access import viewer_for


def viewer(request: HttpRequest) -> dict[str, object]:
    return {"viewer": viewer_for(request.user)}
