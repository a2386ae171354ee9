"""Capturing what a handler prints, for ``LogType="Tail"``, without touching other threads.

``contextlib.redirect_stdout`` swaps ``sys.stdout`` for the whole process: a thread printing
meanwhile would write into the invocation's log, and two threads redirecting at once can
leave ``sys.stdout`` redirected for good. Here ``sys.stdout`` becomes, only while some
capture is active, a proxy that sends each thread's writes to that thread's own buffer, or
to the original stream when the thread is not capturing.

Examples
--------
>>> import sys
>>> before = sys.stdout
>>> with capture_stdout() as printed:
...     print("inside")
>>> printed.getvalue(), sys.stdout is before
('inside\\n', True)
"""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["capture_stdout"]


class _ThreadRoutedStream(io.TextIOBase):
    """Writes go to the calling thread's buffer if it is capturing, else to ``fallback``."""

    def __init__(self, fallback) -> None:
        super().__init__()
        self.fallback = fallback
        self.buffers: dict[int, io.StringIO] = {}

    def write(self, text: str) -> int:
        buffer = self.buffers.get(threading.get_ident())
        return (self.fallback if buffer is None else buffer).write(text)

    def flush(self) -> None:
        if threading.get_ident() not in self.buffers:
            self.fallback.flush()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self):  # type: ignore[override]
        return getattr(self.fallback, "encoding", "utf-8")

    def isatty(self) -> bool:
        return self.fallback.isatty()

    def fileno(self) -> int:
        return self.fallback.fileno()

    def __repr__(self) -> str:
        return f"<thread-routed stdout over {self.fallback!r}>"


_lock = threading.Lock()
#: Every proxy ever installed, by the stream it stands in front of, kept alive for good:
#: ``print`` in CPython before 3.13 holds only a borrowed reference to ``sys.stdout`` while it
#: writes, so a proxy freed as another thread restores ``sys.stdout`` would be used after
#: being freed (a crash). Keeping them (one per distinct stream) makes the swap safe.
_proxies: dict[int, tuple[object, _ThreadRoutedStream]] = {}


@contextmanager
def capture_stdout() -> Iterator[io.StringIO]:
    """Collect what this thread prints inside the block; other threads print as usual."""
    buffer = io.StringIO()
    ident = threading.get_ident()
    with _lock:
        proxy = sys.stdout
        if not isinstance(proxy, _ThreadRoutedStream):
            kept = _proxies.get(id(proxy))
            if kept is None or kept[0] is not proxy:
                kept = _proxies[id(proxy)] = (proxy, _ThreadRoutedStream(proxy))
            proxy = sys.stdout = kept[1]
        previous = proxy.buffers.get(ident)
        proxy.buffers[ident] = buffer
    try:
        yield buffer
    finally:
        with _lock:
            if previous is None:
                del proxy.buffers[ident]
            else:
                proxy.buffers[ident] = previous
            if not proxy.buffers and sys.stdout is proxy:
                sys.stdout = proxy.fallback
