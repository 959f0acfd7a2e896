"""How a deadline reads: days left, the last day, days overdue, in Thai and English, BE dates."""

import datetime as dt

from govkpi.core.deadlines import deadline_status

DUE = dt.date(2022, 8, 1)


def test_days_left_are_counted_to_the_deadline_and_shown_with_the_buddhist_era_date() -> None:
    status = deadline_status(DUE, dt.date(2022, 7, 27))
    assert status.days_left == 5 and status.overdue == 0 and not status.is_overdue
    assert status.label_th == "กำหนดส่ง 1 ส.ค. 2565 · เหลือ 5 วัน"
    assert status.label_en == "Due 1 Aug 2022 · 5 days left"
    assert status.is_near


def test_the_deadline_day_itself_is_still_on_time() -> None:
    status = deadline_status(DUE, DUE)
    assert not status.is_overdue
    assert "วันนี้เป็นวันสุดท้าย" in status.label_th


def test_a_passed_deadline_says_how_many_days_overdue() -> None:
    status = deadline_status(DUE, dt.date(2022, 8, 4))
    assert status.is_overdue and status.overdue == 3 and status.state == "overdue"
    assert status.label_th == "กำหนดส่ง 1 ส.ค. 2565 · เลยกำหนด 3 วัน"
    assert status.label_en == "Due 1 Aug 2022 · 3 days overdue"


def test_a_distant_deadline_is_neither_near_nor_overdue() -> None:
    status = deadline_status(DUE, dt.date(2022, 6, 1))
    assert status.state == "ok" and status.days_left == 61
