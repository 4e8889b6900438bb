"""Small SVG charts computed on the server (no chart library, no script): the toll over time
of one incident and the deaths per day by side of a selection. Only numbers and coordinates
come out of here; the template draws them."""
from __future__ import annotations

from datetime import date

from .context import Chart, DayBar, TollPoint

SIDES = ["a", "b", "civilians", "unknown"]


def _days(d: str) -> int:
    return date.fromisoformat(d[:10]).toordinal()


def toll_chart(points: list[TollPoint], width: int = 420, height: int = 160) -> Chart | None:
    """A step line of the toll as each report published it (x: publication date, y: toll)."""
    dated = [p for p in points if p.published]
    if len(dated) < 2:
        return None
    left, right, top, bottom = 30, width - 10, 10, height - 20
    d0 = min(_days(p.published) for p in dated)
    d1 = max(_days(p.published) for p in dated)
    top_value = max(p.value for p in dated) or 1
    span = max(d1 - d0, 1)
    for p in dated:
        p.x = round(left + (right - left) * (_days(p.published) - d0) / span, 1)
        p.y = round(bottom - (bottom - top) * p.value / top_value, 1)
    path = f"M{dated[0].x},{dated[0].y}" + "".join(f" H{p.x} V{p.y}" for p in dated[1:])
    labels = [{"x": left - 3, "y": top + 8, "anchor": "end", "text": str(top_value)},
              {"x": left - 3, "y": bottom, "anchor": "end", "text": "0"},
              {"x": left, "y": height - 5, "anchor": "start", "text": dated[0].published[:10]},
              {"x": right, "y": height - 5, "anchor": "end", "text": dated[-1].published[:10]}]
    return Chart(width, height, path, dated, labels)


def timeline_chart(days: list[DayBar], width: int = 900, height: int = 260) -> Chart | None:
    """Stacked bars, one per day that has deaths, sides in SIDES order."""
    if not days or not any(d.total for d in days):
        return None
    left, right, top, bottom = 40, width - 10, 10, height - 30
    top_value = max(d.total for d in days)
    slot = (right - left) / len(days)
    bar_w = min(max(slot * 0.8, 1.0), 48.0)
    bars = []
    for i, d in enumerate(days):
        x = left + i * slot + (slot - bar_w) / 2
        y = float(bottom)
        for side in SIDES:
            value = d.sides.get(side, 0)
            if not value:
                continue
            h = (bottom - top) * value / top_value
            y -= h
            bars.append({"day": d.day, "side": side, "value": value, "x": round(x, 1),
                         "y": round(y, 1), "w": round(bar_w, 1), "h": round(h, 1)})
    labels = [{"x": left - 4, "y": top + 8, "anchor": "end", "text": str(top_value)},
              {"x": left - 4, "y": bottom, "anchor": "end", "text": "0"},
              {"x": left, "y": height - 12, "anchor": "start", "text": days[0].day},
              {"x": right, "y": height - 12, "anchor": "end", "text": days[-1].day}]
    return Chart(width, height, "", bars, labels)
