"""The readable table the CLI prints: each event, then each figure with who said it."""
from __future__ import annotations

from ..models import Event, Figure, Result


def _place(e: Event) -> str:
    parts = [p for p in (e.location, e.admin1, e.country) if p]
    text = ", ".join(dict.fromkeys(parts)) or "(no place found)"
    if e.geo_precision:
        text += f"  [geo_precision {e.geo_precision}]"
    return text


def _figure_line(f: Figure) -> str:
    if f.low is not None and f.high is not None and f.low != f.high:
        count = f"{f.low}-{f.high}"
    elif f.qualifier in ("at least", "more than") and f.low is not None:
        count = f"{f.low}+"
    else:
        count = str(f.best if f.best is not None else "?")
    if f.vague:
        count += "~"  # a vague word coded the ACLED way ("several" 3, "dozens" 12)
    who = f" {f.who}" if f.who else ""
    source = f.according_to or "the report"
    status = "" if f.status == "reported" else f" ({f.status})"
    scope = "" if f.scope == "event" else "  [context: not counted]"
    return f"    {f.kind:<10} {count:>7}{who} — per {source}{status}{scope}"


def render(result: Result) -> str:
    lines = [f"== {result.id}  ({result.source})"]
    if result.skipped:
        lines.append(f"   skipped: {result.skipped.reason}: {result.skipped.message}")
        return "\n".join(lines)
    if not result.events:
        lines.append("   no event found")
    for i, e in enumerate(result.events, 1):
        tag = "primary" if e.primary else f"event {i}"
        date = e.event_date or "(no date)"
        if e.date_end and e.date_end != e.date_start:
            date += f" ({e.date_start} to {e.date_end})"
        lines.append(f"-- {tag}: {date}  {e.event_type or '?'} / {e.sub_event_type or '?'}")
        lines.append(f"   where:  {_place(e)}")
        lines.append(f"   who:    {e.actor1 or '?'}  vs  {e.actor2 or '-'}")
        lines.append(f"   deaths: {e.fatalities} (ACLED)   UCDP best {e.best} [low {e.low}, high {e.high}]"
                     f"  side A {e.deaths_a}, side B {e.deaths_b}, civilians {e.deaths_civilians},"
                     f" unknown {e.deaths_unknown}   injured {e.injured or 0}")
    if result.figures:
        lines.append("   figures:")
        lines.extend(_figure_line(f) for f in result.figures)
    return "\n".join(lines)
