"""One error shape for every JSON response that is not a success (Datasette's habit):

    {"ok": false, "error": "what went wrong, in words a person can act on",
     "errors": [{"loc": "query.limit", "msg": "..."}], "status": 422}

HTML pages get the same message in a small error page. :class:`ApiError` is what routes raise;
the handlers below turn it, FastAPI's validation errors, Starlette's HTTP errors and
TalliedError into that shape. Only this boundary catches broad exceptions.
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import TalliedError

log = logging.getLogger("tallied.api")

_REASONS = {400: "bad request", 401: "a user token is needed for this",
            403: "this token is not allowed to do that", 404: "not found",
            405: "method not allowed", 413: "request body too large",
            422: "invalid request", 500: "internal error"}


class ApiError(Exception):
    """An error a client can act on: a status and a one-line message (plus optional details)."""

    def __init__(self, status: int, message: str, errors: list[dict] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or []


def error_body(status: int, message: str, errors: list[dict] | None = None) -> dict:
    return {"ok": False, "error": message, "errors": errors or [], "status": status}


def wants_json(request: Request) -> bool:
    """JSON for the API, the pages' .json twins and clients that ask for it; HTML otherwise."""
    path = request.url.path
    if path.startswith("/api/") or path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "text/html" not in accept


def error_response(request: Request, status: int, message: str,
                   errors: list[dict] | None = None, headers: dict | None = None):
    if wants_json(request):
        return JSONResponse(error_body(status, message, errors), status_code=status, headers=headers)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html",
                                      {"status": status, "message": message, "errors": errors or []},
                                      status_code=status, headers=headers)


def _status_of(exc: TalliedError) -> int:
    """404 for an unknown incident, report or user; 409 for a stale edit; 400 otherwise."""
    from .. import errors as e

    if isinstance(exc, getattr(e, "NotFoundError", ())):
        return 404
    if isinstance(exc, getattr(e, "ConflictError", ())):
        return 409
    return 400


def _loc(parts) -> str:
    return ".".join(str(p) for p in parts)


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return error_response(request, exc.status, exc.message, exc.errors, headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        raw = exc.errors()
        if any(e.get("type") == "json_invalid" for e in raw):
            return error_response(request, 400, "the request body is not valid JSON "
                                                f"({raw[0].get('ctx', {}).get('error', 'parse error')})")
        errors = [{"loc": _loc(e.get("loc", ())), "msg": e.get("msg", "")} for e in raw]
        first = errors[0] if errors else {"loc": "", "msg": "invalid request"}
        message = f"{first['loc']}: {first['msg']}" if first["loc"] else first["msg"]
        return error_response(request, 422, message, errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail else None
        if exc.status_code == 404 and detail in (None, "Not Found"):
            detail = f"no page or endpoint at {request.url.path}"
        message = detail or _REASONS.get(exc.status_code, "error")
        return error_response(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(TalliedError)
    async def _tallied(request: Request, exc: TalliedError):
        return error_response(request, _status_of(exc), str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):  # noqa: BLE001 - the API boundary
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(request, 500, f"tallied failed on this request ({type(exc).__name__}); "
                                            "the server log has the details")
