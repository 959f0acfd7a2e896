"""The signed-in person's own things: `GET /api/v1/me/queue`, what needs them now (the home page's queue)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from govkpi.api.auth import login_required, viewer_of_api
from govkpi.api.schemas import ERRORS
from govkpi.worklist.selectors import work_for

router = Router(auth=login_required)


class QueueItemOut(Schema):
    kind: str
    title: str
    organisation: str
    organisation_code: str
    year: int | None
    round_months: int | None
    url: str
    due: dt.date | None
    days_left: int | None
    overdue: bool
    comment: str
    count: int
    agenda: list[str]


class QueueOut(Schema):
    today: dt.date
    items: list[QueueItemOut]


@router.get("/queue", response={200: QueueOut, **ERRORS}, summary="งานที่รอท่านอยู่ (what needs me now)")
def my_queue(request: HttpRequest) -> object:
    today = timezone.localdate()
    items = work_for(viewer_of_api(request), today)
    return {
        "today": today,
        "items": [
            QueueItemOut(
                kind=i.kind,
                title=i.title,
                organisation=i.organisation,
                organisation_code=i.organisation_code,
                year=i.year,
                round_months=i.round_months,
                url=i.url,
                due=i.due,
                days_left=i.days_left,
                overdue=i.overdue,
                comment=i.comment,
                count=i.count,
                agenda=list(i.agenda),
            )
            for i in items
        ],
    }
