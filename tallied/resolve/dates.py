"""Temporal expressions → dates with ACLED ``time_precision`` and UCDP ``date_prec``.

The grammar (``scan``) and the resolver (``resolve_match``) live together so that a pattern
and the code that reads its groups cannot drift apart; ``extract/times.py`` only decides
which spans of a report to send here and builds the :class:`TimeRef` objects.

ACLED time_precision: 1 exact day; 2 a week/weekend (the middle day is coded); 3 only the
month (the 15th, or the first/last day when the report says start/end).
UCDP date_prec: 1 exact; 2 a span of 2-6 days; 3 a week; 4 a month; 5 a year.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from ..models import Evidence, Report, TimeRef
from ..resources import load_lexicon

# A date this long before publication is history, not the report's event; a month of slack
# covers reports that sum up the last weeks of a campaign.
BACKGROUND_AFTER_DAYS = 60

NOTE_MONTH_START = "start of month"
NOTE_MONTH_END = "end of month"
# "officials said Wednesday": the day of a statement, which may be later than the event
NOTE_STATEMENT = "date of a statement"
# "Sanaa, May 18 -" or a "Thursday, August 8, 2019" line: when the report was written, which
# dates the events only when nothing else does
NOTE_DATELINE = "dateline (publication date)"

# a full date the report's weekday-dated days contradict ("March 3, 2024" atop a page whose story
# happened "on Friday, 9 June", which was a Friday in 2023): the page's, not the story's
NOTE_PAGE_DATE = "a page date its weekday-dated days contradict: not the report's year"

# a date flagged as history for its age alone
NOTE_LONG_BEFORE = "long before publication: background"
# ... that the report gives as its story's own date ("the attack took place in March 2019")
NOTE_STORY_DATE = "the date the report gives its story (a retrospective): the event's"

US = "us"
DAY_FIRST = "day-first"


@dataclass(frozen=True)
class Match:
    """One temporal expression found by :func:`scan`: its span, pattern name and groups."""

    start: int
    end: int
    kind: str
    groups: dict


@dataclass(frozen=True)
class Resolution:
    start: date | None = None
    end: date | None = None
    time_precision: int | None = None
    date_prec: int | None = None
    relative: bool = False
    background: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Context:
    """What a relative or partial date is resolved against.

    ``anchor`` is a full date written in the report itself; it only supplies a missing year
    when there is no publication date (never a weekday: "on Monday" has no meaning without
    the day the report was written).
    """

    published: date | None = None
    convention: str = DAY_FIRST
    convention_note: str = "month/day order: day-first (default)"
    anchor: date | None = None


# --------------------------------------------------------------------------- grammar


def _alt(words) -> str:
    forms = set()
    for w in words:
        forms.update({w, w.upper()})
    return "|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=1)
def _grammar() -> tuple[tuple[str, re.Pattern], ...]:
    words = load_lexicon("time_words")
    full = [m for m in words["months"] if len(m) > 4 or m in ("May", "June", "July")]
    abbr = [m for m in words["months"] if m not in full]
    MFULL = rf"(?:{_alt(full)})\b"
    M = rf"(?:{MFULL}|(?:{_alt(abbr)})\b\.?)"
    W = rf"(?:{_alt(words['weekdays'])})\b"
    D = r"\d{1,2}(?:st|nd|rd|th)?(?![\d:])"
    Y = r"(?:1[89]|20)\d{2}(?!\d)"
    N = r"(?:\d+|" + "|".join(sorted(map(re.escape, words["number_words"]), key=len, reverse=True)) + ")"
    PART = r"(?:early\s+|late\s+)?(?:morning|afternoon|evening|night)|midnight|dawn"
    PRE = rf"(?:(?P<pre>(?i:since|the\s+week\s+of|(?:in|on|during)\s+the\s+(?:{PART})\s+of))\s+)?"
    # "Tuesday [21 June]": the weekday only confirms the date; the bracket closes what it opened
    WD = rf"(?:(?P<wd>{W}),?\s*(?P<br>[\[(])?\s*)?"
    CLOSE = r"(?(br)\s*[\])])"
    DASH = r"\s*(?:-|–|—|(?i:to|and|until|till|through))\s*"
    MPART = r"(?P<part>(?i:early|late|mid-?|(?:the\s+)?(?:beginning|start|end|middle)\s+of))"
    rel = sorted(words["relative_days"], key=len, reverse=True)
    bg = sorted(words["background_phrases"], key=len, reverse=True)
    pats = [
        ("iso", rf"(?<![\d-])(?P<y>{Y})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?![\d-])"),
        ("numeric", r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"),
        ("numeric", r"(?i:\b(?:on|of)\s+(?:the\s+)?)(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/])"),
        ("range", rf"(?:(?P<pre>(?i:between|from))\s+)?(?P<d1>{D})(?:\s+(?P<m1>{M}))?(?:,?\s+(?P<y1>{Y}))?"
                  rf"{DASH}(?P<d2>{D})\s+(?P<m2>{M})(?:,?\s+(?P<y>{Y}))?"),
        ("range", rf"(?:(?P<pre>(?i:between|from))\s+)?(?P<m1>{M})\s+(?P<d1>{D}){DASH}"
                  rf"(?:(?P<m2>{M})\s+)?(?P<d2>{D})(?:,?\s+(?P<y>{Y}))?"),
        ("day", rf"{PRE}{WD}(?P<d>{D})(?:\s+of)?\s+(?P<m>{M})(?:,?\s+(?P<y>{Y}))?{CLOSE}"),
        ("day", rf"{PRE}{WD}(?P<m>{M})\s+(?P<d>{D})(?:,?\s+(?P<y>{Y}))?{CLOSE}"),
        ("month", rf"(?:(?P<pre>(?i:since))\s+)?(?:{MPART}\s*)?(?P<m>{M}),?\s+(?P<y>{Y})"),
        ("month", rf"(?:(?P<pre>(?i:in|during|since|by))\s+|{MPART}\s*)(?P<m>{MFULL})(?!\s*\d)"),
        ("year_range", rf"(?:(?P<pre>(?i:between|from))\s+)?(?<!\d)(?P<y1>{Y})"
                       rf"\s*(?:-|–|(?i:to|and|until))\s*(?P<y2>{Y})"),
        ("year", rf"(?P<pre>(?i:in|since|by|until|during|from|before|after|of))\s+(?P<y>{Y})(?![\d-])"),
        ("ago", rf"(?i:\b(?P<n>{N})\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+(?P<dir>ago|earlier))"),
        ("span", rf"(?i:\b(?:(?:over|for|in|during|within)\s+(?:the\s+)?(?:past\s+|last\s+|previous\s+)?"
                 rf"|(?:the\s+)?(?:past|last|previous)\s+)(?P<n>{N})\s+(?P<unit>days|weeks|months|years|hours|day))\b"),
        ("week", r"(?i:\b(?P<which>last|this|the\s+previous|earlier\s+this|the\s+past|this\s+past)\s+week\b)"),
        ("weekend", r"(?i:\b(?:(?:(?:at|over|during|on)\s+the|this|last|the\s+past)\s+)?weekend\b)"),
        ("month_rel", r"(?i:\b(?P<which>earlier\s+this|this|last|the\s+previous|earlier\s+in\s+the)\s+month\b)"),
        ("background", rf"(?i:\b(?:{'|'.join(map(re.escape, bg))})\b)"),
        ("relday", rf"(?i:\b(?P<rel>{'|'.join(map(re.escape, rel))})\b)(?:\s*\((?P<wd>{W})\))?"),
        ("weekday", rf"(?:(?P<pre>(?i:since|last|this\s+past|early|late|on))\s+)?(?<![\w-])(?P<wd>{W})"
                    rf"(?:\s+(?P<dp>(?i:{PART})))?\b"),
    ]
    return tuple((kind, re.compile(p)) for kind, p in pats)


def scan(text: str) -> list[Match]:
    """Non-overlapping temporal expressions in ``text``, in reading order.

    Longest match wins, so "Tuesday [21 June]" is one expression, not a weekday and a date.
    """
    found = []
    for rank, (kind, pat) in enumerate(_grammar()):
        for m in pat.finditer(text):
            if m.end() > m.start():
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                found.append((-(m.end() - m.start()), rank, m.start(), Match(m.start(), m.end(), kind, groups)))
    found.sort(key=lambda t: t[:3])
    taken: list[Match] = []
    for _, _, _, match in found:
        if all(match.end <= t.start or match.start >= t.end for t in taken):
            taken.append(match)
    return sorted(taken, key=lambda t: t.start)


# --------------------------------------------------------------------------- resolution


def _num(words: dict, s: str) -> int:
    return int(s) if s.isdigit() else words["number_words"].get(s.lower(), 1)


def _month(words: dict, s: str) -> int:
    s = s.rstrip(".")
    return words["months"].get(s) or words["months"][s.capitalize()]


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def date_prec_for(start: date, end: date) -> int:
    days = (end - start).days + 1
    return 1 if days <= 1 else 2 if days <= 6 else 3 if days <= 7 else 4 if days <= 31 else 5


def _year(m: int, d: int, ctx: Context) -> tuple[int | None, str]:
    """The year of a day-month date written without one: the most recent such day on or
    before the reference date (a June date in a May report is last June)."""
    ref, why = (ctx.published, "the publication date") if ctx.published else (ctx.anchor, "another date in the report")
    if ref is None:
        return None, "no year written and no publication date: not guessed"
    y = ref.year - 1 if (m, d) > (ref.month, ref.day) else ref.year
    return y, f"year from {why}"


def weekday_year(match: Match, ref: date, back: int = 6) -> int | None:
    """The year, ``ref``'s or one of the ``back`` before it, in which a weekday-dated day
    without a year ("Friday, 9 June") fell on that weekday: the most recent such year not after
    ``ref``; None when the match carries no weekday or no year fits."""
    words = load_lexicon("time_words")
    g = match.groups
    if "wd" not in g or "m" not in g or "d" not in g:
        return None
    wd = words["weekdays"].get(g["wd"].capitalize())
    m, d = _month(words, g["m"]), _day(g["d"])
    if wd is None:
        return None
    for y in range(ref.year, ref.year - back - 1, -1):
        day = _safe_date(y, m, d)
        if day is not None and day <= ref and day.weekday() == wd:
            return y
    return None


def _weekday_before(pub: date, wd: int, inclusive: bool = False) -> date:
    back = (pub.weekday() - wd) % 7
    if back == 0 and not inclusive:
        back = 7
    return pub - timedelta(days=back)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _order(a: int, b: int, ctx: Context) -> tuple[int, int, str]:
    """(month, day, note) for a numeric a/b date."""
    if a > 12 >= b:
        return b, a, "month/day order: day-first (a component > 12)"
    if b > 12 >= a:
        return a, b, "month/day order: US (a component > 12)"
    if ctx.convention == US:
        return a, b, ctx.convention_note
    return b, a, ctx.convention_note


def _exact(day: date | None, note: str, relative: bool = False) -> Resolution:
    if day is None:
        return Resolution(note=note, relative=relative)
    return Resolution(day, day, 1, 1, relative, False, note)


def _span(start: date, end: date, tp: int, note: str, relative: bool = False) -> Resolution:
    return Resolution(start, end, tp, date_prec_for(start, end), relative, False, note)


def _no_pub(note: str = "relative expression and no publication date: not guessed") -> Resolution:
    return Resolution(relative=True, note=note)


def _resolve_day(g: dict, ctx: Context, words: dict) -> Resolution:
    m, d = _month(words, g["m"]), _day(g["d"])
    if "y" in g:
        y, note = int(g["y"]), "absolute date"
    else:
        y, note = _year(m, d, ctx)
    day = _safe_date(y, m, d) if y else None
    if day is None:
        return Resolution(note=note if y is None else "not a valid calendar date")
    pre = (g.get("pre") or "").lower()
    if pre == "since":
        return _span(day, max(day, ctx.published or day), 1, note + "; ongoing since then")
    if pre.startswith("the week"):
        return _span(day, day + timedelta(days=6), 2, note + "; the week of the date")
    return _exact(day, note)


def _resolve_range(g: dict, ctx: Context, words: dict) -> Resolution:
    m2 = _month(words, g["m2"]) if "m2" in g else _month(words, g["m1"])
    m1 = _month(words, g["m1"]) if "m1" in g else m2
    d1, d2 = _day(g["d1"]), _day(g["d2"])
    if "y" in g:
        y2, note = int(g["y"]), "absolute date range"
    else:
        y2, note = _year(m2, d2, ctx)
    if y2 is None:
        return Resolution(note=note)
    y1 = int(g["y1"]) if "y1" in g else (y2 - 1 if m1 > m2 else y2)
    start, end = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
    if start is None or end is None or end < start:
        return Resolution(note="not a valid date range")
    # "between 27 and 29 April": one event on an unknown day of the window (ACLED codes the
    # middle day); "from 27 to 28 April": an event on each day (coded from the first).
    unknown_day = g.get("pre", "").lower() == "between"
    return _span(start, end, 2 if unknown_day else 1, note + ("; day unknown within" if unknown_day else ""))


def _resolve_month(g: dict, ctx: Context, words: dict) -> Resolution:
    m = _month(words, g["m"])
    if "y" in g:
        y, note = int(g["y"]), "month and year"
    else:
        y, note = _year(m, 1, ctx)
        if y is None:
            return Resolution(note=note)
    start, end = date(y, m, 1), _last_day(y, m)
    part = (g.get("part") or "").lower()
    if any(w in part for w in ("early", "beginning", "start")):
        note += "; " + NOTE_MONTH_START
    elif any(w in part for w in ("late", "end")):
        note += "; " + NOTE_MONTH_END
    if (g.get("pre") or "").lower() == "since":
        # "since May 2020": a state of affairs, not a dated event
        return Resolution(start, ctx.published or end, None, 5, False, True, note + "; since")
    return Resolution(start, end, 3, 4, False, False, note)


def _is_history(kind: str, g: dict) -> bool:
    """Months or years back: history whatever the publication date."""
    unit = g.get("unit", "").lower()
    return kind in ("ago", "span") and unit.startswith(("month", "year", "decade"))


def _resolve_relative(kind: str, g: dict, ctx: Context, words: dict) -> Resolution:
    pub = ctx.published
    if pub is None:
        if _is_history(kind, g):
            return Resolution(relative=True, background=True, note="history: background")
        return _no_pub()
    if kind == "relday":
        if "wd" in g:  # "today (Sunday)" inside a quote: the weekday is the better guide
            return _exact(_weekday_before(pub, words["weekdays"][g["wd"].capitalize()], True),
                          "weekday given in brackets", True)
        back = words["relative_days"][re.sub(r"\s+", " ", g["rel"].lower())]
        return _exact(pub + timedelta(days=back), "relative to the publication date", True)
    if kind == "weekday":
        # Wire style names today's weekday too ("officials said Wednesday" in a Wednesday
        # report); a week-old day would be "last Wednesday" or a date.
        pre = (g.get("pre") or "").lower()
        day = _weekday_before(pub, words["weekdays"][g["wd"].capitalize()],
                              inclusive=pre not in ("last", "this past", "since"))
        if pre == "since":
            return _span(day, pub, 1, "since the most recent such weekday before publication", True)
        if day == pub:
            return _exact(day, "weekday of publication: the publication day", True)
        return _exact(day, "most recent such weekday before publication", True)
    if kind == "week":
        which = " ".join(g["which"].lower().split())
        monday = pub - timedelta(days=pub.weekday())
        if which in ("last", "the previous"):
            return _span(monday - timedelta(days=7), monday - timedelta(days=1), 2, "the week before publication", True)
        if which in ("the past", "this past"):
            return _span(pub - timedelta(days=7), pub - timedelta(days=1), 2, "the seven days before publication", True)
        return _span(monday, max(monday, pub - timedelta(days=1)) if "earlier" in which else pub, 2,
                     "the week of publication", True)
    if kind == "weekend":
        sat = _weekday_before(pub, 5, inclusive=pub.weekday() == 6)
        return _span(sat, sat + timedelta(days=1), 2, "the most recent weekend before publication", True)
    if kind == "month_rel":
        which = " ".join(g["which"].lower().split())
        if which in ("last", "the previous"):
            end = pub.replace(day=1) - timedelta(days=1)
            return Resolution(end.replace(day=1), end, 3, 4, True, False, "the month before publication")
        return Resolution(pub.replace(day=1), pub, 3, 4, True, False, "the month of publication")
    if kind == "span":
        n, unit = _num(words, g["n"]), g["unit"].lower()
        if unit.startswith("hour"):
            return _span(pub - timedelta(days=max(1, -(-n // 24))), pub, 1, "hours before publication", True)
        days = n * words["units_days"][unit]
        if days > 31:
            return Resolution(pub - timedelta(days=days), pub, None, 5, True, True, "a long period: background")
        # the report sums up the days before it was written
        return _span(pub - timedelta(days=days), pub - timedelta(days=1), 2 if days <= 7 else 3,
                     "the days before publication", True)
    if kind == "ago":
        n, unit = _num(words, g["n"]), g["unit"].lower().rstrip("s")
        if g["dir"].lower() == "earlier" and unit in ("day", "week"):
            # "two days earlier" counts back from an event of the story, not from publication
            return Resolution(relative=True, note="relative to another event in the text: not resolved")
        days = n * words["units_days"][unit + "s"] if unit != "decade" else n * 3650
        day = pub - timedelta(days=days)
        if unit == "day":
            return _exact(day, "days before publication", True)
        if unit == "week":
            return _span(day - timedelta(days=3), day + timedelta(days=3), 2, "weeks before publication", True)
        return Resolution(day, day, None, 5 if unit in ("year", "decade") else 4, True, True, "history: background")
    raise ValueError(kind)


def resolve_match(match: Match, ctx: Context) -> Resolution:
    """Resolve one scanned expression; background and future dates are flagged here."""
    words = load_lexicon("time_words")
    g, kind = match.groups, match.kind
    if kind == "iso":
        res = _exact(_safe_date(int(g["y"]), int(g["m"]), int(g["d"])), "ISO date")
    elif kind == "numeric":
        mo, d, note = _order(int(g["a"]), int(g["b"]), ctx)
        if "y" in g:
            y = int(g["y"]) + (2000 if len(g["y"]) == 2 else 0)
        else:
            y, ynote = _year(mo, d, ctx)
            note = f"{note}; {ynote}"
        day = _safe_date(y, mo, d) if y else None
        res = _exact(day, note)
    elif kind == "day":
        res = _resolve_day(g, ctx, words)
    elif kind == "range":
        res = _resolve_range(g, ctx, words)
    elif kind == "month":
        res = _resolve_month(g, ctx, words)
    elif kind == "year_range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        res = Resolution(date(y1, 1, 1), date(y2, 12, 31), None, 5, False, True, "a span of years: background")
    elif kind == "year":
        y = int(g["y"])
        # a year alone never dates an ACLED event (no time_precision); only the publication
        # year itself can be the report's own time frame rather than history
        recent = ctx.published is not None and y == ctx.published.year
        res = Resolution(date(y, 1, 1), date(y, 12, 31), None, 5, False, not recent,
                         "year only: not an event date" if recent else "a past year: background")
    elif kind == "background":
        res = Resolution(relative=True, background=True, note="history: background")
    else:
        res = _resolve_relative(kind, g, ctx, words)
    return _flag_out_of_window(res, ctx.published)


def _flag_out_of_window(res: Resolution, pub: date | None) -> Resolution:
    if pub is None or res.start is None or res.background:
        return res
    if res.start > pub:
        return replace(res, background=True, note=f"{res.note}; after publication (a plan or deadline)")
    if res.end < pub - timedelta(days=BACKGROUND_AFTER_DAYS):
        return replace(res, background=True, note=f"{res.note}; {NOTE_LONG_BEFORE}")
    return res


def resolve(text: str, published: date | None = None, convention: str = DAY_FIRST) -> Resolution:
    """Resolve the first temporal expression in ``text`` (a convenience for tests and callers
    that hold a bare string)."""
    note = f"month/day order: {'US' if convention == US else 'day-first'} (given)"
    matches = scan(text)
    if not matches:
        return Resolution(note="no temporal expression recognised")
    return resolve_match(matches[0], Context(published, convention, note))


# --------------------------------------------------------------------------- picking


def usable(t: TimeRef) -> bool:
    return not t.background and t.start is not None and t.time_precision is not None


def pick_date(times: list[TimeRef], sentence: int) -> TimeRef | None:
    """The date of an event whose trigger is in ``sentence``: a usable date of that sentence,
    else of the nearest earlier dated sentence, else of the first dated sentence; the most
    precise date of the chosen sentence wins, and an event date beats the date of a statement
    about it. A dateline is used only when nothing else dates the report. None when nothing
    usable."""
    good = [t for t in times if usable(t) and NOTE_DATELINE not in (t.note or "")]
    if not good:
        return next((t for t in times if usable(t)), None)
    same = [t for t in good if t.sentence == sentence]
    if not same:
        earlier = [t for t in good if t.sentence < sentence]
        if earlier:
            nearest = max(t.sentence for t in earlier)
        else:
            nearest = min(t.sentence for t in good)
        same = [t for t in good if t.sentence == nearest]
    return min(same, key=lambda t: (NOTE_STATEMENT in (t.note or ""), t.time_precision, t.evidence.start))


def coded_date(t: TimeRef) -> date | None:
    """The single day ACLED codes for ``t``: exact day; middle day of a week or weekend;
    15th of the month (or its first/last day when the report said start/end)."""
    if t.start is None:
        return None
    end = t.end or t.start
    if t.time_precision == 2:
        return t.start + timedelta(days=(end - t.start).days // 2)
    if t.time_precision == 3:
        note = t.note or ""
        if NOTE_MONTH_START in note:
            return t.start.replace(day=1)
        if NOTE_MONTH_END in note:
            return _last_day(end.year, end.month)
        mid = t.start.replace(day=15)
        return min(max(mid, t.start), end)
    return t.start


def published_fallback(report: Report) -> TimeRef | None:
    """A TimeRef over the publication date, for a report whose text dates nothing. The
    evidence is the dateline when the text repeats the publication date near its top,
    otherwise an empty span at 0."""
    pub = report.published
    if pub is None:
        return None
    head = report.clean_text[:400]
    ctx = Context(pub)
    ev = Evidence(0, 0, "")
    for m in scan(head):
        res = resolve_match(m, ctx)
        if res.start == pub and res.end == pub and not res.relative:
            ev = Evidence(m.start, m.end, report.clean_text[m.start:m.end])
            break
    return TimeRef(text=ev.text, evidence=ev, start=pub, end=pub, time_precision=2, date_prec=3,
                   relative=True, note="publication date: the text gives no usable event date")


def split_over_days(total: int, start: date, end: date) -> list[tuple[date, int]]:
    """ACLED: a total over several days is split evenly across the day-events, the
    remainder going to the first day."""
    if end < start:
        raise ValueError(f"end {end} before start {start}")
    days = (end - start).days + 1
    each, rest = divmod(total, days)
    return [(start + timedelta(days=i), each + (rest if i == 0 else 0)) for i in range(days)]
