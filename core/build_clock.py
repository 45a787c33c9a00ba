"""The build's "today": SOURCE_DATE_EPOCH when set (reproducible builds), else the clock.

Not a Pelican plugin: a shared helper for plugins that compute date-driven
states (current phase, open consultation). Dates are taken in the site's
time zone (Europe/Paris).
"""

from __future__ import annotations

import datetime
import os
from zoneinfo import ZoneInfo

SITE_TIMEZONE = ZoneInfo("Europe/Paris")


def now() -> datetime.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), tz=SITE_TIMEZONE)
    return datetime.datetime.now(tz=SITE_TIMEZONE)


def today() -> datetime.date:
    return now().date()
