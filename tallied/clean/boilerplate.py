"""Find the boilerplate in a scraped report: the spans that clean deletes.

Two kinds of evidence, applied in this order:

1. Named furniture, from ``data/boilerplate.json``: photo credits cut out of a line, and whole
   lines that are share buttons, "Read more", bylines, timestamps, paywalls and the like.
2. Shape, in code, because spam lists and headline rails differ from site to site but look
   alike: a line repeated (in a row, glued twice, or a caption repeating the headline); a
   block of short non-sentence lines after the last sentence of the article; a run of short
   non-sentence lines in the middle (menus, "related headlines").

Conservative by design: a line that ends like a sentence, or is long, is prose and is only
ever dropped by an explicit pattern; the headline (first surviving line) and datelines are
never dropped by the shape rules; a list introduced by a line ending in ":" is left alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from tallied.clean.spans import Line, line_span, split_lines

_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_GLUED_SENTENCE = re.compile(
    r"(?<!\S)(?P<s>[A-Z0-9\"“‘'][^.!?\n]{10,400}?[.!?][\"”’']?)(?P<gap>\s+)(?P=s)(?!\S)"
)
_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")


@dataclass(frozen=True)
class Rules:
    """Compiled ``data/boilerplate.json``."""

    lines: tuple[tuple[str, re.Pattern], ...]
    spans: tuple[tuple[str, re.Pattern], ...]
    protected: tuple[re.Pattern, ...]
    stamp_categories: frozenset[str]
    max_line_chars: int
    short_line_chars: int
    min_run_lines: int
    min_repeat_words: int
    min_glued_sentence_words: int

    @classmethod
    def from_table(cls, table: dict) -> Rules:
        limits = table["limits"]
        return cls(
            lines=_compile(table["lines"], re.IGNORECASE),
            spans=_compile(table["spans"], 0),
            protected=tuple(p for _, p in _compile(table["protected_lines"], re.IGNORECASE)),
            stamp_categories=frozenset(table["stamp_categories"]),
            max_line_chars=limits["max_boilerplate_line_chars"],
            short_line_chars=limits["short_line_chars"],
            min_run_lines=limits["min_run_lines"],
            min_repeat_words=limits["min_repeat_words"],
            min_glued_sentence_words=limits["min_glued_sentence_words"],
        )


def _compile(groups: dict, flags: int) -> tuple[tuple[str, re.Pattern], ...]:
    return tuple(
        (category, re.compile(pattern, flags))
        for category, patterns in groups.items()
        if not category.startswith("_")
        for pattern in patterns
    )


@dataclass
class Found:
    """What to delete: ``spans`` are (start, end, why) in the raw text; ``stamps`` are the
    removed timestamp texts, which may carry the publication date."""

    spans: list[tuple[int, int, str]] = field(default_factory=list)
    stamps: list[str] = field(default_factory=list)


@dataclass
class _State:
    line: Line
    cuts: list[tuple[int, int, str]] = field(default_factory=list)
    removed: str | None = None
    protected: bool = False

    def visible(self) -> tuple[str, list[int]]:
        """The line without its cuts, stripped, and the raw index of each character."""
        if not self.cuts:  # most lines: no per-character work
            text = self.line.text
            left = len(text) - len(text.lstrip())
            right = len(text.rstrip())
            return text[left:right], list(range(self.line.start + left, self.line.start + right))
        cut = set()
        for start, end, _ in self.cuts:
            cut.update(range(start, end))
        idx = [self.line.start + i for i in range(len(self.line.text))
               if self.line.start + i not in cut]
        text = "".join(self.line.text[i - self.line.start] for i in idx)
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        return text[left:right], idx[left:right]

    @property
    def text(self) -> str:
        return self.visible()[0] if self.cuts else self.line.text.strip()


def find_boilerplate(raw: str, rules: Rules) -> Found:
    found = Found()
    states = [_State(line) for line in split_lines(raw)]
    _cut_spans(states, rules, found)
    _drop_pattern_lines(states, rules, found)
    _cut_glued_repeats(states, rules)
    _drop_menu_runs(states, rules)
    _protect(states, rules)
    _drop_repeated_lines(states, rules)
    _drop_trailing_block(states, rules)
    _drop_rails(states, rules)
    for state in states:
        if state.removed:
            start, end = line_span(state.line, len(raw))
            found.spans.append((start, end, state.removed))
        else:
            found.spans += state.cuts
    return found


def _live(states: list[_State]) -> list[_State]:
    """Lines still in the text that have something on them."""
    return [s for s in states if not s.removed and s.text]


def _cut_spans(states: list[_State], rules: Rules, found: Found) -> None:
    for state in states:
        if not state.line.text.strip():
            continue
        for category, pattern in rules.spans:
            for match in pattern.finditer(state.line.text):
                if match.end() > match.start():
                    state.cuts.append(
                        (state.line.start + match.start(), state.line.start + match.end(), category)
                    )
                    if category in rules.stamp_categories:
                        found.stamps.append(match.group())
        if state.cuts and not state.text:
            state.removed = state.cuts[0][2]


def _drop_pattern_lines(states: list[_State], rules: Rules, found: Found) -> None:
    for state in _live(states):
        text = state.text
        if len(text) > rules.max_line_chars:
            continue
        for category, pattern in rules.lines:
            if pattern.fullmatch(text):
                state.removed = category
                if category in rules.stamp_categories:
                    found.stamps.append(text)
                break


def _cut_glued_repeats(states: list[_State], rules: Rules) -> None:
    """A caption or sentence pasted twice in one line ("A photo caption A photo caption"):
    the second copy goes."""
    for state in _live(states):
        text, idx = state.visible()
        half = _doubled(text)
        if half is not None and _words(text[:half]) >= rules.min_repeat_words:
            start = len(text) - half
            gap = len(text[:start]) - len(text[:start].rstrip())
            state.cuts.append((idx[start - gap], idx[-1] + 1, "repeated"))
            continue
        for match in _GLUED_SENTENCE.finditer(text):
            if _words(match["s"]) >= rules.min_glued_sentence_words:
                state.cuts.append((idx[match.start("gap")], idx[match.end() - 1] + 1, "repeated"))


def _doubled(text: str) -> int | None:
    """Length of X when ``text`` is X, whitespace, X; else None."""
    for gap in (1, 2, 3):
        half, odd = divmod(len(text) - gap, 2)
        if not odd and half > 0 and text[:half] == text[-half:] and text[half:-half].isspace():
            return half
    return None


def _drop_menu_runs(states: list[_State], rules: Rules) -> None:
    """Menus: runs of one-to-three-word capitalised lines ("World", "Middle East", "Sport")."""
    for run in _runs(states, lambda s: _menu_like(s.text)):
        # only live lines count here, or a short headline beside share buttons would go
        if sum(1 for s in run if not s.removed) >= rules.min_run_lines:
            for state in run:
                state.removed = state.removed or "navigation"


def _protect(states: list[_State], rules: Rules) -> None:
    live = _live(states)
    if live:
        live[0].protected = True  # the headline
    for state in live:
        if any(p.fullmatch(state.text) for p in rules.protected):
            state.protected = True


def _drop_repeated_lines(states: list[_State], rules: Rules) -> None:
    """A line seen before: a caption repeating the headline, a paragraph scraped twice."""
    seen: set[str] = set()
    previous = None
    for state in _live(states):
        key = " ".join(state.text.split()).casefold()
        if key in seen and (key == previous or _words(key) >= rules.min_repeat_words):
            state.removed = "repeated"
            continue
        seen.add(key)
        previous = key


def _drop_trailing_block(states: list[_State], rules: Rules) -> None:
    """Everything after the article's last sentence that is not itself a sentence: comment
    prompts, video rails, spam link lists, the outlet's name, a paywall's price list."""
    live = _live(states)
    last = max((i for i, s in enumerate(live) if _prose(s.text, rules)), default=None)
    if last is None or live[last].text.endswith(":"):
        return
    for state in live[last + 1 :]:
        if not state.protected:
            state.removed = "trailing_block"


def _drop_rails(states: list[_State], rules: Rules) -> None:
    """Runs of short non-sentence lines inside the text: related headlines, menus."""
    def member(state: _State) -> bool:
        text = state.text
        return not state.protected and not _prose(text, rules) and not text.endswith(":")

    for run in _runs(states, member):
        if len(run) >= rules.min_run_lines:
            for state in run:
                state.removed = state.removed or "rail"


def _runs(states: list[_State], member) -> list[list[_State]]:
    """Live lines of each run of at least ``min`` lines for which ``member`` holds, where
    lines already dropped as boilerplate count towards the run (a headline between "Related:"
    and "Sign up" is part of the rail). A run introduced by a line ending in ":" is a list
    the article announces, and is left out."""
    groups: list[tuple[_State | None, list[_State]]] = []
    before: _State | None = None
    inside = False
    for state in states:
        if not state.line.text.strip():
            continue
        live = not state.removed and bool(state.text)
        if not live or member(state):
            if not inside:
                groups.append((before, []))
                inside = True
            groups[-1][1].append(state)
        else:
            inside = False
        if live:
            before = state
    return [
        run
        for intro, run in groups
        if any(not s.removed for s in run) and (intro is None or not intro.text.endswith(":"))
    ]


def _prose(text: str, rules: Rules) -> bool:
    return len(text) > rules.short_line_chars or bool(_SENTENCE_END.search(text))


def _menu_like(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 3
        and text[0].isupper()
        and not any(ch.isdigit() for ch in text)
        and not _SENTENCE_END.search(text)
    )


def _words(text: str) -> int:
    return len(_WORD.findall(text))
