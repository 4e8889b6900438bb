"""Request bodies of the JSON API (pydantic models: FastAPI validates them and documents them in
the OpenAPI document; a bad body is a 422 in the one error shape)."""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class ReportIn(BaseModel):
    text: str = Field(min_length=1, description="the report's text (plain text or HTML)")
    published: date | None = Field(None, description="publication date, YYYY-MM-DD")
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    id: str | None = Field(None, description="the feed's own id for the report")


class IngestIn(BaseModel):
    reports: list[ReportIn] = Field(min_length=1, max_length=1000)


class FieldEditIn(BaseModel):
    field: str = Field(min_length=1)
    value: str | int | float | None
    reason: str = Field(min_length=1, description="why: goes into the audit trail")


class FigureEditIn(BaseModel):
    """A correction of one report's count behind the incident (a row of its toll history)."""

    event_id: str = Field(min_length=1, description="the report event whose count is corrected")
    field: str = Field("fatalities", description="fatalities, injured, captured, displaced or status")
    value: str | int = Field(description="the corrected count, or a status for field=status")
    reason: str = Field(min_length=1)


class DecisionIn(BaseModel):
    reason: str | None = None


class RejectIn(BaseModel):
    reason: str = Field(min_length=1)


class MergeIn(BaseModel):
    other: str = Field(min_length=1, description="the incident merged into this one")
    reason: str = Field(min_length=1)


class SplitIn(BaseModel):
    report_event: str | int = Field(description="the report event taken out of this incident")
    reason: str = Field(min_length=1)
