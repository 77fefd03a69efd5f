"""Values kept for a while under random handles: answers waiting for DoGet, prepared statements.

Thread-safe (gRPC serves calls on several threads). A store keeps at most max_items values, dropping the
oldest first, and drops any value older than ttl_s, so clients that never come back cost nothing lasting.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from typing import Generic, TypeVar

from decision_lens.serve.guards import RequestRefused

HANDLE_BYTES = 16  # random bytes of a handle: not guessable by another client
Value = TypeVar("Value")


class HandleStore(Generic[Value]):
    def __init__(self, what: str, max_items: int, ttl_s: float) -> None:
        self._what = what  # named in the error for an unknown handle
        self._max_items = max_items
        self._ttl_s = ttl_s
        self._values: OrderedDict[bytes, tuple[float, Value]] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, value: Value) -> bytes:
        handle = secrets.token_bytes(HANDLE_BYTES)
        now = time.monotonic()
        with self._lock:
            for old in [key for key, (added, _) in self._values.items() if now - added > self._ttl_s]:
                del self._values[old]
            while len(self._values) >= self._max_items:
                self._values.popitem(last=False)
            self._values[handle] = (now, value)
        return handle

    def get(self, handle: bytes) -> Value:
        with self._lock:
            if handle in self._values:
                return self._values[handle][1]
        raise RequestRefused(f"This {self._what} is unknown or expired: execute the statement again.")

    def take(self, handle: bytes) -> Value:
        value = self.get(handle)
        self.drop(handle)
        return value

    def drop(self, handle: bytes) -> None:
        with self._lock:
            self._values.pop(handle, None)
