"""Two pieces of ASGI middleware that every response and request passes through.

* :class:`SecurityHeaders`: a Content-Security-Policy without inline script or style (all
  JavaScript and CSS are static files served by tallied; report text is scraped from the open
  web and must never run), ``frame-ancestors 'none'``, ``X-Content-Type-Options: nosniff``,
  ``Referrer-Policy: no-referrer``.
* :class:`BodyLimit`: refuses a request body larger than the limit with 413 in the one error
  shape, whether it declares its length or streams it.
"""
from __future__ import annotations

import json

from .errors import error_body

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")

HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + [
                    (n, v) for n, v in HEADERS if n not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_bytes
            except ValueError:
                return await self._refuse(send, 400, "Content-Length is not a number")
            if too_big:
                return await self._refuse(send, 413, self._message())
        # Read the body here (at most max_bytes + one chunk), then replay it to the app: a
        # streamed body without Content-Length is limited exactly like a declared one.
        chunks, seen = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            seen += len(chunks[-1])
            if seen > self.max_bytes:
                return await self._refuse(send, 413, self._message())
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _message(self) -> str:
        return (f"request body is larger than {self.max_bytes:,} bytes; "
                "send fewer or shorter reports per request")

    @staticmethod
    async def _refuse(send, status: int, message: str):
        body = json.dumps(error_body(status, message)).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
