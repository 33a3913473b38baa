"""Bounds on what one request may cost: its body, its running time, the runs at once.

* :class:`BodyLimit` reads at most ``max_bytes`` of a request body and answers
  413 beyond that, before any route sees it (a declared ``Content-Length``
  over the limit is refused without reading).
* :class:`RunSlots` runs the blocking work of a request (load, simulate,
  render) on a pool of ``runs`` threads.  A request waits at most ``wait``
  seconds for a free slot, then gets 503; a run that takes longer than
  ``timeout`` seconds gets 504.  Python cannot stop a thread, so a run past
  its limit finishes in the background *holding its slot*: the number of
  runs using the processor never exceeds ``runs``.  Inputs are bounded by the
  same limits as files, so every run ends.
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Awaitable, Callable, TypeVar

__all__ = ["BodyLimit", "Busy", "RunSlots", "TooSlow", "error_body"]

T = TypeVar("T")

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class Busy(Exception):
    """Every run slot stayed taken for the whole wait (HTTP 503)."""


class TooSlow(Exception):
    """A run went past the time limit (HTTP 504)."""


def error_body(message: str, **extra: Any) -> bytes:
    """The JSON body of every error answer: ``{"error": message, ...}``."""
    return json.dumps({"error": message, **extra}, ensure_ascii=False).encode()


class BodyLimit:
    """ASGI middleware: refuse request bodies larger than ``max_bytes`` with 413."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send) -> None:
        body = error_body(f"the request body is larger than the limit of {self.max_bytes:,} bytes",
                          hint="send a smaller scenario, or start the server with a larger SAHEL_SIM_MAX_BYTES")
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class RunSlots:
    """At most ``runs`` blocking runs at once, each answered within ``timeout`` seconds."""

    def __init__(self, runs: int, *, timeout: float, wait: float) -> None:
        if runs < 1 or timeout <= 0 or wait < 0:
            raise ValueError("runs must be at least 1, timeout positive and wait not negative")
        self.runs = runs
        self.timeout = timeout
        self.wait = wait
        self._pool = ThreadPoolExecutor(max_workers=runs, thread_name_prefix="sahel-sim-run")
        self._free: asyncio.Semaphore | None = None

    async def call(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on a free slot.

        Raises:
            Busy: no slot came free within ``wait`` seconds.
            TooSlow: ``fn`` did not return within ``timeout`` seconds.
        """
        if self._free is None:  # created here, on the server's event loop
            self._free = asyncio.Semaphore(self.runs)
        free = self._free
        try:
            await asyncio.wait_for(free.acquire(), self.wait)
        except asyncio.TimeoutError:
            raise Busy from None
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._pool, fn)
        future.add_done_callback(lambda _: free.release())
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.timeout)
        except asyncio.TimeoutError:
            future.add_done_callback(_consume)
            raise TooSlow from None

    def close(self) -> None:
        """Stop taking runs; those under way finish."""
        self._pool.shutdown(wait=False, cancel_futures=True)


def _consume(future: asyncio.Future[Any]) -> None:
    """Read the outcome of a run nobody waits for any more, so that its error is not reported as unhandled."""
    if not future.cancelled():
        future.exception()
