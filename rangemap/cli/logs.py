"""Log lines of a run on standard error, as ``rangemap: LEVEL: message``."""

from __future__ import annotations

import logging
import sys
from typing import Any

__all__ = ["log_to_stderr"]

class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Log lines to whatever ``sys.stderr`` is when each is written.

    A run inside another program (a test, a notebook) may swap
    ``sys.stderr`` between runs; a handler bound to the stream of the first
    run would write later runs' lines there.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter("rangemap: %(levelname)s: %(message)s"))

    @property
    def stream(self) -> Any:
        """The current standard error."""
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def log_to_stderr(level: int) -> None:
    """Send rangemap's log lines at ``level`` and above to standard error, once per process."""
    logger = logging.getLogger("rangemap")
    logger.setLevel(level)
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        logger.addHandler(_StderrHandler())
