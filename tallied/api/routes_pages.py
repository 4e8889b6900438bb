"""HTML pages, each registered with its JSON twin through :func:`tallied.api.pages.page`."""
from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse

router = APIRouter()


@router.get("/", include_in_schema=False)
def home() -> RedirectResponse:
    return RedirectResponse("/incidents", status_code=307)
