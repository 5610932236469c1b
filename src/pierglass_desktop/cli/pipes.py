"""Standard output read by a program that may stop reading: `pierglass check | head -1`.

A closed pipe is not the command's failure. It still finishes its work (an import, a backup),
and what it prints after the reader left goes to the null device instead of ending it with a
traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress


def silence_stdout() -> None:
    """From now on, what is written to standard output goes nowhere."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


class _Tolerant:
    """``sys.stdout``, with a closed pipe turned into silence."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._closed()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._closed()

    def _closed(self) -> None:
        with suppress(OSError, ValueError):  # no descriptor (a test's captured output): dropped
            target = self._stream.fileno()
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, target)
            os.close(devnull)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextmanager
def tolerating_closed_pipe() -> Iterator[None]:
    original = sys.stdout
    sys.stdout = _Tolerant(original)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stdout = original
