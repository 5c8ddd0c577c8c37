"""The server's guards: upload size limit, CSRF tokens, security headers, sign-in state.

Each is small and built on the framework: sessions are Starlette's signed cookies
(itsdangerous, HttpOnly, SameSite=Strict, with an age limit checked on the server); the CSRF
token is a random value kept in that session and compared with :func:`hmac.compare_digest`
(the synchronizer-token pattern: nothing a third-party page can read or forge).
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Room for the multipart envelope and the small fields around the uploaded file.
ENVELOPE = 64 * 1024


class UploadTooLarge(Exception):
    """The request body is over the limit (raised while it arrives, before it is stored)."""


class CsrfError(Exception):
    """A form that changes something came without the session's CSRF token."""


class NotSignedIn(Exception):
    """A pengelola page without a signed-in session (never signed in, or the session expired)."""


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes: at once when Content-Length says so, otherwise
    as soon as that many bytes have arrived (chunked uploads) — so a large upload never fills the
    disk. The error is raised inside the endpoint's form parsing and answered with a page."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit + ENVELOPE

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        too_big = declared is not None and (not declared.isdigit() or int(declared) > self.limit)
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            if too_big:
                raise UploadTooLarge
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise UploadTooLarge
            return message

        await self.app(scope, limited, send)


_HEADERS = [
    (b"content-security-policy", (b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                 b"form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # a bidang's link is its key: never send it to another site in a Referer header
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


class SecurityHeaders:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _v in message.get("headers", [])}
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *(h for h in _HEADERS if h[0] not in names)]
            await send(message)

        await self.app(scope, receive, with_headers)


def csrf_token(request: Request) -> str:
    """The session's CSRF token (made on first use); every form that changes something carries it."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def checked_form(request: Request, **limits: Any) -> FormData:
    """The posted form, after checking its CSRF token against the session's (constant time)."""
    form = await request.form(max_files=1, **limits)
    sent = form.get("csrf")
    expected = request.session.get("csrf")
    if not isinstance(sent, str) or not isinstance(expected, str) or not hmac.compare_digest(
            sent.encode(), expected.encode()):
        raise CsrfError
    return form


def signed_in(request: Request) -> str:
    """The pengelola's name, or :class:`NotSignedIn`."""
    name = request.session.get("pengelola")
    if not isinstance(name, str) or not name:
        raise NotSignedIn
    return name


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None
