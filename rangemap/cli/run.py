"""Running the command line: one error line, exit statuses, signals.

Every :class:`rangemap.errors.RangemapError`, every usage error and any
other error of the operating system (a name too long, a folder that cannot
be read) becomes one line on standard error, cut to about 220 characters,
and exit status 2, with nothing written. SIGINT and SIGTERM end a run with
one line and status 130 and 143 (128 + the signal's number), after the
temporary files and folders of an interrupted write are removed.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from rangemap.cli.commands import cli
from rangemap.errors import ParameterError, RangemapError
from rangemap.render.files import shorten

__all__ = ["fail", "main"]

#: Longest error line printed (characters after "rangemap: error: ").
_ERROR_WIDTH = 222  # with "rangemap: error: ", under 240 characters


#: Library parameters that open an error message, and the CLI flags they are given with.
_FLAGS = {"highlight": "--highlight", "standoff": "--standoff", "as_of": "--as-of"}
#: The CLI flag of every library parameter a :class:`ParameterError` names.
_PARAMETER_FLAGS = _FLAGS | {"control": "--control", "offline": "--offline", "cdn": "--cdn"}
_PARAMETER_FLAGS |= {"assets_dir": "--assets", "tiles": "--tiles"}
_PARAMETER_FLAGS |= {"width": "--width", "height": "--height", "dpi": "--dpi"}
_PARAMETER_FLAGS |= {"ranges": "--range", "weapons": "--weapon", "from_": "--from"}


def fail(message: str) -> None:
    """Print ``message`` as one error line, cut in the middle to about 220 characters.

    A message that opens with a library parameter's name (``highlight takes
    ...``) names the command-line flag instead.
    """
    one_line = " ".join(str(message).split())
    first, sep, rest = one_line.partition(" ")
    if first in _FLAGS:
        one_line = _FLAGS[first] + sep + rest
    one_line = shorten(one_line, _ERROR_WIDTH)
    click.echo(f"rangemap: error: {one_line}", err=True)


class _Signalled(BaseException):
    """SIGINT or SIGTERM, raised where the program stands so cleanup code runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: object) -> None:
    # One signal is enough: a second one must not cut the cleanup short.
    for each in (signal.SIGINT, signal.SIGTERM):
        signal.signal(each, signal.SIG_IGN)
    raise _Signalled(signum)


def _install_signal_handlers() -> dict[int, Any]:
    """Turn SIGINT and SIGTERM into :class:`_Signalled`; return the handlers replaced."""
    previous: dict[int, Any] = {}
    try:
        for signum in (signal.SIGINT, signal.SIGTERM):
            previous[signum] = signal.signal(signum, _on_signal)
    except ValueError:  # not the main thread: leave signals alone
        pass
    return previous


def _exit_signalled(signum: int) -> None:
    fail("interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}")
    sys.exit(128 + signum)


def main(argv: Sequence[str] | None = None) -> Any:
    """Run the command line and exit with its status.

    SIGINT and SIGTERM become one error line and exit status 130 or 143,
    after the cleanup of an interrupted write. Run as the console script
    (``argv`` not given), the process runs without the cyclic garbage
    collector and ends as soon as its outcome is decided and its output
    flushed (:func:`_end_process`); called with ``argv``, it raises
    ``SystemExit`` and leaves the signal handlers as they were.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments; ``sys.argv[1:]`` by default.
    """
    if argv is not None:
        _main(argv)
        return
    # The console script's process makes one map and ends: collecting
    # cycles would only pass over every object of the imports and the run
    # again and again (~0.09 s of the default job's 0.8 s; what a run frees
    # is freed by reference counts, and peak memory is the same). The batch
    # command, many maps in one process, turns it back on.
    gc.disable()
    try:
        _main(None)
    except SystemExit as exc:
        _end_process(exc.code)


def _main(argv: Sequence[str] | None) -> None:
    previous = _install_signal_handlers()
    try:
        _run(argv)
    except _Signalled as exc:
        _exit_signalled(exc.signum)
    except Exception as exc:
        # Python wraps what a class body raises (an import under way, e.g.
        # matplotlib's __set_name__) in a RuntimeError: find the signal inside.
        signalled = _signal_cause(exc)
        if signalled is None:
            raise
        _exit_signalled(signalled.signum)
    finally:
        for signum, handler in previous.items():
            # A signal that arrives once the outcome is decided is ignored
            # when run as the script: the process is ending.
            signal.signal(signum, handler if argv is not None else signal.SIG_IGN)


def _end_process(code: object) -> NoReturn:
    """End the console script's process with the status ``sys.exit(code)`` gives.

    Everything a run writes is closed before it decides its outcome; the
    log and the standard streams are flushed here. The interpreter's own
    shutdown (freeing every object of the run, module by module; ~0.02 s)
    is skipped, as mypy does.
    """
    if code is None or isinstance(code, int):
        status = code or 0
    else:  # sys.exit("message"): Python prints it and exits with 1
        print(code, file=sys.stderr)
        status = 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(status)


def _signal_cause(exc: BaseException) -> _Signalled | None:
    """Return the :class:`_Signalled` that ``exc`` was raised from, if any."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, _Signalled):
            return cause
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return None


def _run(argv: Sequence[str] | None) -> None:
    from rangemap.notices import deferred_notices

    args = list(argv) if argv is not None else None
    if args is not None and any("\x00" in arg for arg in args):
        # An exec'd argv cannot hold NUL; a caller's list can, and paths would fail in os.stat.
        fail("an argument contains a NUL character; give names, numbers and paths without it")
        sys.exit(2)
    try:
        # What a run assumed (the launch side, ...) is logged once it succeeds.
        with deferred_notices():
            cli.main(
                args=args,
                prog_name="rangemap",
                standalone_mode=False,
            )
    except RangemapError as exc:
        fail(exc.naming(_PARAMETER_FLAGS) if isinstance(exc, ParameterError) else str(exc))
        sys.exit(2)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else str(exc), err=True)
        sys.exit(2)
    except click.ClickException as exc:
        fail(exc.format_message())
        sys.exit(2)
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):  # SIGINT before our handler
            _exit_signalled(signal.SIGINT)
        fail("aborted")
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _exit_signalled(signal.SIGINT)
    except BrokenPipeError:
        sys.exit(0)
    except OSError as exc:  # the last resort at the edge: one line, not a traceback
        name = f" {shorten(exc.filename)!r}" if exc.filename else ""
        fail(f"cannot use{name}: {exc.strerror or exc}")
        sys.exit(2)
    sys.exit(0)
