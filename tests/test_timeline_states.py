"""Where "today" stands among the phases (pure functions and SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import datetime

import pytest

from build_clock import today
from site_data.schema import PartialDate
from timeline.phases import CURRENT, FUTURE, PAST, state_of

PHASE = {"start": PartialDate(2016, 3), "end": PartialDate(2016, 4)}
ONGOING = {"start": PartialDate(2016, 6), "end": None}


@pytest.mark.parametrize("phase, day, state", [
    (PHASE, datetime.date(2016, 2, 29), FUTURE),
    (PHASE, datetime.date(2016, 3, 1), CURRENT),
    (PHASE, datetime.date(2016, 4, 30), CURRENT),
    (PHASE, datetime.date(2016, 5, 1), PAST),
    (ONGOING, datetime.date(2016, 5, 31), FUTURE),
    (ONGOING, datetime.date(2030, 12, 31), CURRENT),
])
def test_state_of(phase, day, state):
    assert state_of(phase, day) == state


@pytest.mark.parametrize("epoch, day", [
    ("1456786800", datetime.date(2016, 3, 1)),  # 2016-02-29T23:00:00Z is already March 1st in Paris
    ("1456786799", datetime.date(2016, 2, 29)),
])
def test_today_comes_from_source_date_epoch_in_paris_time(monkeypatch, epoch, day):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert today() == day
