"""Request bodies over the server's limit are refused with 413 before anything reads them.

An ASGI middleware, outside routing, authentication and JSON parsing: a declared Content-Length over the
limit is answered at once, without reading the body; a body sent without one (chunked) is counted as it
arrives and refused as soon as it passes the limit. So an unauthenticated client cannot make the server
read, parse or hold a large body.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from decision_lens.serve.errors import ApiError, error_response


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        received = 0
        refused = False

        async def counted() -> Message:
            """Past the limit: answer 413 here, and tell the app the client has gone (it stops reading)."""
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request" and not refused:
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    refused = True
                    await self._refuse(scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        async def unless_refused(message: Message) -> None:
            if not refused:
                await send(message)

        await self.app(scope, counted, unless_refused)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        error = ApiError(
            413,
            "request_too_large",
            f"The request body is over this server's limit of {self.max_bytes:,} bytes "
            "(lens serve --max-request-bytes).",
        )
        await error_response(error, headers={"connection": "close"})(scope, receive, send)
