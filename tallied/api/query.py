"""Query-string parameters shared by pages and API: filters, sort and paging.

HTML forms send empty fields as ``""``; those mean "no filter". Everything is parsed here so a
bad value is a 400 naming the parameter, in the one error shape.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi import Request

from ..web.context import Filters
from .errors import ApiError


def _blank(v: str | None) -> str | None:
    return v.strip() if v and v.strip() else None


def _date(name: str, v: str | None) -> date | None:
    v = _blank(v)
    if v is None:
        return None
    try:
        return date.fromisoformat(v)
    except ValueError:
        raise ApiError(400, f"{name} must be a date (YYYY-MM-DD), not {v!r}",
                       [{"loc": f"query.{name}", "msg": "not a date"}]) from None


def _int(name: str, v: str | None, minimum: int = 0) -> int | None:
    v = _blank(v)
    if v is None:
        return None
    try:
        n = int(v)
    except ValueError:
        n = None
    if n is None or n < minimum:
        raise ApiError(400, f"{name} must be a whole number of at least {minimum}, not {v!r}",
                       [{"loc": f"query.{name}", "msg": "not a valid number"}])
    return n


def filters(country: str | None = None, admin1: str | None = None, actor: str | None = None,
            event_type: str | None = None, date_from: str | None = None, date_to: str | None = None,
            min_fatalities: str | None = None, review_status: str | None = None) -> Filters:
    """FastAPI dependency: the incident filters (the same as ``tallied incidents``)."""
    return Filters(country=_blank(country), admin1=_blank(admin1), actor=_blank(actor),
                   event_type=_blank(event_type), date_from=_date("date_from", date_from),
                   date_to=_date("date_to", date_to),
                   min_fatalities=_int("min_fatalities", min_fatalities),
                   review_status=_blank(review_status))


@dataclass
class Paging:
    limit: int
    offset: int
    sort: str


def paging(request: Request, limit: str | None = None, offset: str | None = None,
           sort: str | None = None) -> Paging:
    """FastAPI dependency: ``limit`` (1..max_page_size), ``offset`` and ``sort``."""
    settings = request.app.state.settings
    n = _int("limit", limit, 1)
    if n is not None and n > settings.max_page_size:
        raise ApiError(400, f"limit must be at most {settings.max_page_size}, not {n}",
                       [{"loc": "query.limit", "msg": "too large"}])
    return Paging(limit=n or settings.default_page_size, offset=_int("offset", offset) or 0,
                  sort=_blank(sort) or "date")
