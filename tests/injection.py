"""SQL injection strings for the sweeps of the HTTP API (tests/api/test_api_injection.py) and
the CLI (tests/robust/test_cli_injection.py). None of them names a real country, admin1, actor,
event type or id, so a filter given one must match nothing (or, for the actor substring, only
what the documented substring rule matches)."""
from __future__ import annotations

PAYLOADS = [
    "' OR 1=1 --",
    "' OR '1'='1",
    "1' OR '1'='1' /*",
    '"; DROP TABLE incidents; --',
    "'; DROP TABLE users; --",
    "1; SELECT * FROM users",
    "inc-1' UNION SELECT name, token_hash, created_at FROM users --",
    "') OR 1=1; DELETE FROM edits; --",
    "' || (SELECT token_hash FROM users LIMIT 1) || '",
    "%27",
    "%27%20OR%201%3D1--",
    "\u2019 OR 1=1 --",  # right single quotation mark
    "\uff07 OR \uff071\uff07=\uff071",  # fullwidth apostrophes
    "\u02bc; DROP TABLE reports; --",  # modifier letter apostrophe
    "\\' OR 1=1 --",
    "%",
    "_",
    "%%' --",
    "a\x00b",
    "\x00' OR 1=1 --",
    "$$; DROP TABLE reports; $$",
    "1 AND (SELECT count(*) FROM range(100000000)) > 0",
    "?",
    "$1",
    "inc-1; ATTACH '/tmp/x.db' AS x; --",
    "x" * 4000 + "' OR 1=1 --",
]

# longer than uvicorn's request line limit (h11's 16 KB): refused before tallied sees it
LONG_QUERY = "' OR 1=1 -- " + "A" * 20_000
# a JSON body field of 200 kB (under the body limit)
LONG_BODY = "' OR 1=1 -- " + "B" * 200_000


def expected_matches(rows: list[dict], param: str, value: str) -> set[str] | None:
    """The ids of ``rows`` that the documented filter semantics give for ``param=value`` (the
    store's IncidentFilter), computed here in Python; None when the parameter is not a text
    filter. Blank means no filter, as in the API and the CLI."""
    v = value.strip()
    if not v:
        return {r["id"] for r in rows}
    low = v.lower()
    if param == "country":
        return {r["id"] for r in rows if (r["country"] or "").lower() == low
                or (r["iso3"] or "").upper() == v.upper()}
    if param in ("admin1", "event_type"):
        return {r["id"] for r in rows if (r[param] or "").lower() == low}
    if param == "actor":  # a substring, with LIKE's wildcards removed
        sub = v.replace("%", "").replace("_", "").lower()
        return {r["id"] for r in rows
                if any(a is not None and sub in a.lower() for a in (r["actor1"], r["actor2"]))}
    return None
