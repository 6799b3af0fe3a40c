"""Notices: what a run assumed, logged as warnings once the run succeeds."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["deferred_notices", "notice"]

log = logging.getLogger("rangemap")

_deferred: list[list[str]] = []


@contextmanager
def deferred_notices() -> Iterator[None]:
    """Hold the :func:`notice` lines of a run until it succeeds; drop them if it fails.

    The command line runs each command inside this, so that a run that fails
    prints its one error line and nothing else, and a run that succeeds
    prints what it assumed.
    """
    buffer: list[str] = []
    _deferred.append(buffer)
    try:
        yield
    finally:
        _deferred.remove(buffer)
    for message in buffer:
        log.warning("%s", message)


def notice(message: str) -> None:
    """Log an assumption as a warning (shown by default), or hold it in :func:`deferred_notices`."""
    if _deferred:
        _deferred[-1].append(message)
    else:
        log.warning("%s", message)
