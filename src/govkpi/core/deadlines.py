"""How a deadline reads to the person facing it: the date in the Buddhist era, the days left or
the days overdue, in Thai and English. Pure (no database): which date IS the deadline is decided by
its owners (`kpis.workflow.deadline_for`, `results.services.deadline_for`); this only says it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govkpi.core.thaidates import format_date

#: Within this many days a deadline is "near": the page offers an extension request and warns.
NEAR_DAYS = 7


@dataclass(frozen=True, slots=True)
class DeadlineStatus:
    deadline: dt.date
    today: dt.date
    #: Days from today to the deadline; 0 on the day itself, negative once it has passed.
    days_left: int

    @property
    def overdue(self) -> int:
        """Days past the deadline (0 while there is still time)."""
        return max(0, -self.days_left)

    @property
    def is_overdue(self) -> bool:
        return self.days_left < 0

    @property
    def is_near(self) -> bool:
        return 0 <= self.days_left <= NEAR_DAYS

    @property
    def date_th(self) -> str:
        return format_date(self.deadline)

    @property
    def date_en(self) -> str:
        return format_date(self.deadline, lang="en")

    @property
    def state(self) -> str:
        return "overdue" if self.is_overdue else ("near" if self.is_near else "ok")

    @property
    def label_th(self) -> str:
        if self.is_overdue:
            return f"กำหนดส่ง {self.date_th} · เลยกำหนด {self.overdue} วัน"
        if self.days_left == 0:
            return f"กำหนดส่ง {self.date_th} · วันนี้เป็นวันสุดท้าย"
        return f"กำหนดส่ง {self.date_th} · เหลือ {self.days_left} วัน"

    @property
    def label_en(self) -> str:
        if self.is_overdue:
            days = "day" if self.overdue == 1 else "days"
            return f"Due {self.date_en} · {self.overdue} {days} overdue"
        if self.days_left == 0:
            return f"Due {self.date_en} · today is the last day"
        days = "day" if self.days_left == 1 else "days"
        return f"Due {self.date_en} · {self.days_left} {days} left"

    def label(self, lang: str = "th") -> str:
        return self.label_en if lang.startswith("en") else self.label_th


def deadline_status(deadline: dt.date, today: dt.date) -> DeadlineStatus:
    """The status of `deadline` seen on `today` (a deadline day itself is still on time)."""
    if isinstance(deadline, dt.datetime):
        deadline = deadline.date()
    return DeadlineStatus(deadline=deadline, today=today, days_left=(deadline - today).days)
