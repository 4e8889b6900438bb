"""An analyst's decisions: set a field or a report's count, approve, reject, merge, split.

Each is one row of the audit trail (who, when, what, old value, new value, reason) and outranks
anything derived: a merge is a persistent analyst link, a split a pin that ignores automatic
links, a field edit is re-applied whenever the incident is recomputed. A stale edit (the value
changed since the analyst read it) is refused with the current value.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from datetime import date

from ..errors import ConflictError, NotFoundError, UsageError
from ..reconcile.policy import COUNT_KINDS
from .incidents import (DATE_FIELDS, FLOAT_FIELDS, INCIDENT_COLUMNS, INT_FIELDS, recompute,
                        write_incidents)
from .write import _jsonable, now, store_match as _store_match

_UNSET = object()
COUNT_COLUMNS = tuple(COUNT_KINDS.values())  # the counts an analyst may correct per report
EDITABLE = set(INCIDENT_COLUMNS)


def _log(con, user, iid, action, field=None, old=None, new=None, reason=None, target=None) -> None:
    con.execute("INSERT INTO edits (edited_at, user_name, incident_id, action, field, old_value, new_value, "
                "reason, target) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [now(), user, iid, action, field,
                 None if old is None else json.dumps(old, default=_jsonable),
                 None if new is None else json.dumps(new, default=_jsonable), reason, target])


def _members(con, iid: str) -> list[str]:
    rows = [r[0] for r in con.execute("SELECT event_id FROM incident_links WHERE incident_id = ? "
                                      "ORDER BY event_id", [iid]).fetchall()]
    if not rows:
        raise NotFoundError(f"no incident {iid!r} in this database")
    return rows


def coerce(field: str, value):
    if value is None or value == "":
        return None
    try:
        if field in INT_FIELDS:
            v = int(value)
            if v < 0:
                raise ValueError
            return v
        if field in FLOAT_FIELDS:
            return float(value)
        if field in DATE_FIELDS:
            return date.fromisoformat(str(value)).isoformat()
    except (TypeError, ValueError):
        kind = "a whole number of 0 or more" if field in INT_FIELDS else \
            "a number" if field in FLOAT_FIELDS else "a date (YYYY-MM-DD)"
        raise UsageError(f"{field} must be {kind}, not {value!r}") from None
    return str(value)


def set_field(con, iid: str, field: str, value, user: str, reason: str | None, expected=_UNSET):
    if field not in EDITABLE:
        raise UsageError(f"{field!r} is not an incident field that can be set; one of: "
                         + ", ".join(sorted(EDITABLE)))
    members = _members(con, iid)
    new = coerce(field, value)
    old = con.execute(f"SELECT {field} FROM incidents WHERE id = ?", [iid]).fetchone()[0]
    old = old.isoformat() if isinstance(old, date) else old
    if expected is not _UNSET and coerce(field, expected) != old:
        raise ConflictError(f"{iid}: {field} was changed meanwhile (now {old!r}); reload and "
                            "edit again", current=old)
    _log(con, user, iid, "set_field", field, old, new, reason)
    write_incidents(con, {iid: members})
    return new


def set_figure(con, iid: str, event_id: str, field: str, value, user: str, reason: str | None,
               expected=_UNSET):
    """Correct one report's count for the incident (a figure of the toll history): its value
    (``fatalities``, ``injured``, ``captured``, ``displaced``) or its status."""
    members = _members(con, iid)
    if event_id not in members:
        raise NotFoundError(f"report event {event_id!r} is not part of incident {iid!r}")
    if field == "status":
        new = str(value)
        if new not in ("reported", "claimed", "denied", "disputed"):
            raise UsageError(f"status must be reported, claimed, denied or disputed, not {value!r}")
        old = None
    elif field in COUNT_COLUMNS:
        new = coerce("fatalities", value)
        data = json.loads(con.execute("SELECT data FROM report_events WHERE id = ?", [event_id]).fetchone()[0])
        old = data.get(field)
        for target, f, prev in con.execute(
                "SELECT target, field, new_value FROM edits WHERE incident_id = ? AND action = 'set_figure' "
                "ORDER BY id", [iid]).fetchall():
            if target == event_id and f == field:
                old = json.loads(prev)
    else:
        raise UsageError(f"a figure's field is one of {', '.join(COUNT_COLUMNS)} or status, not {field!r}")
    if expected is not _UNSET and field != "status" and coerce("fatalities", expected) != old:
        raise ConflictError(f"{iid}: that count was changed meanwhile (now {old!r}); reload and edit "
                            "again", current=old)
    _log(con, user, iid, "set_figure", field, old, new, reason, target=event_id)
    write_incidents(con, {iid: members})
    return new


def review(con, iid: str, action: str, user: str, reason: str | None) -> str:
    _members(con, iid)
    old = con.execute("SELECT review_status FROM incidents WHERE id = ?", [iid]).fetchone()[0]
    new = {"approve": "approved", "reject": "rejected", "reopen": "unreviewed"}[action]
    _log(con, user, iid, action, "review_status", old, new, reason)
    con.execute("UPDATE incidents SET review_status = ? WHERE id = ?", [new, iid])
    return new


def merge(con, a: str, b: str, user: str, reason: str | None) -> str:
    if a == b:
        raise UsageError("cannot merge an incident with itself")
    ma, mb = _members(con, a), _members(con, b)
    shared = {e.rsplit(":", 1)[0] for e in ma} & {e.rsplit(":", 1)[0] for e in mb}
    if shared:
        raise UsageError(f"cannot merge {a} and {b}: they hold two events of one report "
                         f"({min(shared)}), which tallied keeps apart; split one out first")
    _store_match(con, ma[0], mb[0], 100.0, [f"merged by {user}" + (f": {reason}" if reason else "")],
                 origin="analyst")
    _log(con, user, a, "merge", None, None, b, reason, target=b)
    recompute(con, set(ma) | set(mb))
    return con.execute("SELECT incident_id FROM incident_links WHERE event_id = ?", [ma[0]]).fetchone()[0]


def split(con, iid: str, event_id: str, user: str, reason: str | None) -> str:
    members = _members(con, iid)
    if event_id not in members:
        raise NotFoundError(f"report event {event_id!r} is not part of incident {iid!r}")
    if len(members) == 1:
        raise UsageError(f"incident {iid} has only one report event; nothing to split")
    con.execute("INSERT OR IGNORE INTO event_pins VALUES (?)", [event_id])
    con.execute("DELETE FROM matches WHERE origin = 'analyst' AND (a = ? OR b = ?)", [event_id, event_id])
    _log(con, user, iid, "split", None, None, None, reason, target=event_id)
    recompute(con, set(members), split_out=event_id)
    return con.execute("SELECT incident_id FROM incident_links WHERE event_id = ?", [event_id]).fetchone()[0]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(con, name: str) -> str:
    name = name.strip()
    if not name or len(name) > 64 or not name.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise UsageError(f"a user name is 1-64 letters, digits, '-', '_' or '.', not {name!r}")
    token = secrets.token_urlsafe(32)
    con.execute("INSERT OR REPLACE INTO users VALUES (?, ?, ?)", [name, _hash(token), now()])
    return token


def check_token(con, token: str | None) -> str | None:
    """The user a token belongs to, or None; compared in constant time."""
    if not token:
        return None
    digest = _hash(token)
    found = None
    for name, stored in con.execute("SELECT name, token_hash FROM users").fetchall():
        if hmac.compare_digest(stored, digest):
            found = name
    return found
