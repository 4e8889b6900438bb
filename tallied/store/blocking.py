"""The blocking index of reconciliation, in memory for the life of a Store.

Report events and their place keys are append-only and persisted (``report_events``,
``event_keys``), so any process can rebuild this index; a Store loads it once, on its first
ingest: what matching reads of every stored report event (its :class:`EventKey`), per place
key the events dated in each month (and the undated ones), each report's events, and the ids of
the stored reports (an exact duplicate is known without a query). A new event's candidates are the
events that share a place key within its date window, found by looking up the few months the
window touches: the cost of blocking does not grow with the store, where a join of
``event_keys`` with itself and ``report_events`` scanned them for every batch.

The window of a pair is the one matching applies (``match_date_window`` plus a week or a month
for an imprecise side, :func:`tallied.reconcile.match.date_gap`), so no pair that could match is
left out; as before, at most ``match_candidates`` candidates per new event, the smallest ids.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from ..reconcile.match import EventKey, date_gap, slack
from ..settings import Settings

_WIDEST = 31  # the largest slack of an imprecise date (month precision)
_LONG_MONTHS = 24  # an event spanning more months than this is looked at like an undated one


def _month(d: date) -> int:
    return d.year * 12 + d.month - 1


def _months(start: date, end: date) -> range:
    return range(_month(start), _month(end) + 1)


class EventIndex:
    """What matching reads of every stored report event, and where to find its candidates."""

    def __init__(self) -> None:
        self.keys: dict[str, EventKey] = {}
        self.by_report: dict[str, list[str]] = defaultdict(list)  # report id -> its events
        self.reports: set[str] = set()  # every stored report (exact duplicates)
        self._dated: dict[tuple[str, int], list[str]] = defaultdict(list)
        self._always: dict[str, list[str]] = defaultdict(list)  # undated or very long
        self._all: dict[str, list[str]] = defaultdict(list)  # every event of a key

    @classmethod
    def load(cls, con) -> "EventIndex":
        from .write import event_keys_sql, stored_report_ids  # the SQL stays in write.py

        index = cls()
        for key in event_keys_sql(con):
            index.add(key)
        index.reports = stored_report_ids(con)
        return index

    def add(self, key: EventKey) -> None:
        """A report event just written (or loaded)."""
        if key.id in self.keys:
            return
        self.keys[key.id] = key
        self.by_report[key.report_id].append(key.id)
        if key.date_start is None:
            spots = None
        else:
            end = key.date_end or key.date_start
            months = _months(min(key.date_start, end), max(key.date_start, end))
            spots = months if len(months) <= _LONG_MONTHS else None
        for k in key.keys:
            self._all[k].append(key.id)
            if spots is None:
                self._always[k].append(key.id)
            else:
                for m in spots:
                    self._dated[(k, m)].append(key.id)

    def _near(self, place: str, key: EventKey, window: int) -> set[str]:
        if key.date_start is None:
            return set(self._all.get(place, ()))  # an undated event is near every date
        found = set(self._always.get(place, ()))
        reach = window + _WIDEST
        lo = date.fromordinal(key.date_start.toordinal() - reach)
        hi = date.fromordinal((key.date_end or key.date_start).toordinal() + reach)
        for m in _months(lo, hi):
            found.update(self._dated.get((place, m), ()))
        return found

    def candidates(self, new_ids: list[str], settings: Settings) -> list[tuple[str, str]]:
        """(new event, stored or new event) pairs that share a place key, from other reports,
        within the pair's date window; at most ``match_candidates`` per new event."""
        out = []
        for a in sorted(set(new_ids)):
            ka = self.keys.get(a)
            if ka is None:
                continue
            found: set[str] = set()
            for place in ka.keys:
                found |= self._near(place, ka, settings.match_date_window)
            kept = []
            for b in found:
                kb = self.keys[b]
                if b == a or kb.report_id == ka.report_id:
                    continue
                gap = date_gap(ka, kb)
                if gap is not None and gap > settings.match_date_window + max(slack(ka), slack(kb)):
                    continue
                kept.append(b)
            out.extend((a, b) for b in sorted(kept)[:settings.match_candidates])
        return out
