"""The ACLED rule for a toll over several days: one event per day, the total split evenly
across the day-events and the remainder on the first day (``split_over_days``)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..models import Event
from ..resolve.dates import split_over_days

MAX_DAYS = 14  # longer spans are reported periods, not day-by-day fighting


def split_days(event: Event) -> list[Event]:
    """``event`` as ACLED day-events when it spans 2..MAX_DAYS days at day precision."""
    if not event.date_start or not event.date_end or event.date_start == event.date_end:
        return [event]
    start, end = date.fromisoformat(event.date_start), date.fromisoformat(event.date_end)
    days = (end - start).days + 1
    if days < 2 or days > MAX_DAYS:
        return [event]
    out = []
    shares = dict(split_over_days(event.fatalities, start, end))
    for i, (day, share) in enumerate(sorted(shares.items())):
        note = (f"day {i + 1} of {days}: {share} of {event.fatalities} fatalities reported for "
                f"{event.date_start} to {event.date_end}, split evenly (ACLED)")
        out.append(replace(event, event_date=day.isoformat(), date_start=day.isoformat(),
                           date_end=day.isoformat(), time_precision=1, fatalities=share,
                           primary=event.primary and i == 0,
                           notes=f"{event.notes or ''} [{note}]".strip()))
    return out
