"""Refuse oversized request bodies before anything reads them (pure ASGI, so uploads stream nowhere)."""

from __future__ import annotations

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 4 * 1024 * 1024


class BodyLimitMiddleware:
    """413 with a bilingual reason when a body is declared or turns out larger than the limit."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _refusal(self) -> PlainTextResponse:
        size = f"{self.max_bytes // (1024 * 1024)} MB"
        return PlainTextResponse(f"Yêu cầu quá lớn: tối đa {size}. / Request too large: at most {size}.",
                                 status_code=413)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refusal()(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge()
            return message

        try:
            await self.app(scope, limited_receive, send)
        except BodyTooLarge:
            await self._refusal()(scope, receive, send)


class BodyTooLarge(Exception):
    """A streamed body went past the limit its headers did not announce."""
