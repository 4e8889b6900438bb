"""Reading the careful reader's expected codings in ../shared/examples and comparing them with
tallied's output. Shared by the acceptance tests; the texts stay in shared/, never in the repo."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
EXAMPLES = SHARED / "examples"

KIND_ALIASES = {
    "kidnapped": "abducted", "hostages": "abducted", "hostage": "abducted", "abducted": "abducted",
    "captured": "arrested", "detained": "arrested", "arrested": "arrested", "recaptured": "arrested",
    "freed": "freed", "released": "freed", "escaped": "freed", "rescued": "freed",
    "killed": "killed", "dead": "killed", "injured": "injured", "wounded": "injured",
    "missing": "missing", "displaced": "displaced", "attackers": "attackers", "other": "other",
}
# the reader's "other" (a force's size, a crowd, victims of rape) is any count that is no casualty
OTHER_KINDS = ("other", "attackers")
COUNTED_SCOPES = ("main", "related")
NOT_CASUALTY_KINDS = ("freed", "arrested", "attackers")


@dataclass
class Case:
    name: str
    text_path: Path
    published: date | None
    outlet: str | None
    expected: dict


def cases() -> list[Case]:
    out = []
    for exp in sorted(EXAMPLES.rglob("*.expected.json")):
        data = json.loads(exp.read_text(encoding="utf-8"))
        txt = exp.with_name(exp.name.replace(".expected.json", ".txt"))
        run = data.get("run_with", {})
        pub = run.get("published")
        out.append(Case(exp.stem.replace(".expected", ""), txt,
                        date.fromisoformat(pub) if pub else None, run.get("outlet"), data))
    return out


def expected_figures(case: Case) -> list[dict]:
    data = case.expected
    if "facts" in data:
        return data["facts"].get("figures", [])
    # the Hasakah file lists figures without scope: all of them are the report's own
    figs = []
    for f in data.get("figures", []):
        low = f.get("low", f.get("best"))
        figs.append({"kind": f["kind"], "low": low, "high": f.get("best", low) if "best" in f else None,
                     "who": f.get("who"), "according_to": f.get("according_to"),
                     "quote": f["text"], "count_text": f["text"], "scope": "main"})
    return figs


def locate(clean: str, quote: str) -> tuple[int, int] | None:
    """Where a quote sits in the clean text, tolerant of spacing and quote-mark differences."""
    def norm(s):
        return re.sub(r"\s+", " ", s.replace("’", "'").replace("“", '"').replace("”", '"'))
    c, q = norm(clean), norm(quote)
    i = c.find(q)
    if i < 0:
        i = c.find(q[:60])
        if i < 0:
            return None
    # map back: positions shift only by collapsed whitespace, so walk the original text
    pos = clean_index(clean, i)
    return pos, clean_index(clean, min(len(c), i + len(q)))


def clean_index(clean: str, norm_index: int) -> int:
    n = 0
    prev_space = False
    for i, ch in enumerate(clean):
        if n >= norm_index:
            return i
        is_space = ch.isspace()
        if is_space and prev_space:
            continue
        prev_space = is_space
        n += 1
    return len(clean)


def words(text: str | None) -> set[str]:
    stop = {"the", "a", "an", "of", "in", "and", "to", "by", "at", "on", "for", "with", "its", "his", "her", "their"}
    return {w.rstrip("s") for w in re.findall(r"[a-z]+", (text or "").lower()) if w not in stop}


def figure_found(exp: dict, figures: list[dict], clean: str) -> bool:
    """An expected figure is found when a figure of the same kind and count lies in its quote,
    and, where the reader named them, shares a word with its victim group and its source."""
    span = locate(clean, exp["quote"])
    kind = KIND_ALIASES.get(exp["kind"], exp["kind"])
    low = exp.get("low")
    for f in figures:
        if span and not (span[0] <= f["evidence"]["start"] < span[1] + 1):
            continue
        got = KIND_ALIASES.get(f["kind"], f["kind"])
        if got != kind and not (kind == "other" and got in OTHER_KINDS):
            continue
        if low is not None and low not in (f["low"], f["best"], f.get("stated")):
            continue
        if exp.get("according_to") and not _source_matches(exp["according_to"], f.get("according_to")):
            continue
        return True
    return False


def _source_matches(expected: str, got: str | None) -> bool:
    if expected.lower().startswith("the report"):
        return True
    return bool(words(expected) & words(got))


def counted_evidence(events: list[dict]) -> list[tuple[int, int]]:
    spans = []
    for e in events:
        for key in ("fatalities", "injured"):
            spans += [(ev["start"], ev["end"]) for ev in e.get("evidence", {}).get(key, [])]
    return spans


def wrongly_counted(exp: dict, events: list[dict], clean: str) -> bool:
    """A context figure (or a count of another kind) that an event counts as a casualty."""
    span = locate(clean, exp.get("count_text") or exp["quote"]) or locate(clean, exp["quote"])
    if span is None:
        return False
    quote_span = locate(clean, exp["quote"])
    q0, q1 = quote_span if quote_span else span
    count_pos = clean.find((exp.get("count_text") or "").strip("“”\""), q0, q1 + 1)
    if count_pos < 0:
        return False
    return any(s <= count_pos < e for s, e in counted_evidence(events))
