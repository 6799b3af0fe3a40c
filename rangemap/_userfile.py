"""Reading a user's file once, with the checks users need: the one home for them.

Every file a user names (a news text, a launch file, a sites table, a control
file) is checked here before anything parses it: it must exist, be a file
(not a folder), be at most the caller's size limit and, for a text format,
be UTF-8 text (a byte-order mark is accepted) without NUL bytes. Each caller
words the problems for its kind of file (:class:`Wording`), so that every
refusal is one line that names the file, what is wrong and what is accepted.

A news text (:func:`read_text_file`) is read as UTF-8 and must be non-empty
text of at most :data:`MAX_TEXT_BYTES`: a folder, a missing file, a binary
file (NUL bytes, or many control characters) or text in another encoding is
refused in one message that says what is accepted.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from rangemap.errors import DataFileError

__all__ = [
    "MAX_TEXT_BYTES",
    "Wording",
    "check_user_file",
    "decode_user_text",
    "read_text_file",
    "read_user_bytes",
]

#: Largest text accepted, in bytes.
MAX_TEXT_BYTES = 5 * 1024 * 1024

_MIB = 1024 * 1024


@dataclass(frozen=True)
class Wording:
    """How a caller words the problems of its kind of file.

    Each field is a :meth:`str.format` template. Every template may use
    ``{name}`` (the file as the caller shows it); ``too_big`` also ``{size}``
    and ``{limit}`` (bytes), ``{mib}`` and ``{mb}`` (the size in MiB and in
    millions of bytes) and ``{limit_mib}`` and ``{limit_mb}``; ``unreadable``
    ``{error}``; ``not_utf8`` ``{start}`` (the offset of the bad byte),
    ``{byte}`` (its value) and ``{line}``;
    ``compressed`` ``{kind}`` (``"gzip-compressed"`` or ``"a ZIP archive"``).

    Attributes
    ----------
    missing, folder, too_big, unreadable : str
        The file does not exist, is a folder, is over the limit, or cannot be read.
    empty, binary, not_utf8 : str
        Text formats: the file is blank, holds NUL bytes, or is not UTF-8.
    not_regular : str or None
        The path is a device or a pipe; None reads those too (standard input
        given as a path).
    utf16 : str or None
        The text is UTF-16 (it starts with that byte-order mark); None words
        it as ``binary``.
    compressed : str or None
        The text is a gzip or ZIP archive; None words it as ``binary``.
    """

    missing: str
    folder: str
    too_big: str
    unreadable: str
    empty: str = "{name} is empty"
    binary: str = "{name} is a binary file, not text"
    not_utf8: str = "{name} is not UTF-8 text (byte {start}); save it as UTF-8"
    not_regular: str | None = None
    utf16: str | None = None
    compressed: str | None = None


_TEXT = Wording(
    missing="{name} does not exist; give a text file (UTF-8) or - for stdin",
    folder="{name} is a folder; give a text file (UTF-8) or - for stdin",
    too_big="{name} is larger than 5 MB; give a news text of at most 5 MB",
    unreadable="cannot read {name}: {error}",
    empty="{name} is empty; give a text that states a range or names a weapon",
    binary="{name} is a binary file, not text; give a UTF-8 text file",
    not_utf8="{name} is not valid UTF-8 (byte {start}); save the text as UTF-8",
)


def _error(exc: OSError | ValueError) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


def check_user_file(path: Path, wording: Wording, *, name: str, max_bytes: int) -> int:
    """Check that ``path`` is an existing file of at most ``max_bytes``; return its size.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    wording : Wording
        How the problems are said.
    name : str
        The file as messages show it.
    max_bytes : int
        The largest size accepted.

    Returns
    -------
    int
        The size in bytes (0 for a pipe or a device).

    Raises
    ------
    DataFileError
        If the file is missing, a folder, not a regular file (when the
        wording refuses those), unreadable or too large.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DataFileError(wording.missing.format(name=name)) from None
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte in the path
        raise DataFileError(wording.unreadable.format(name=name, error=_error(exc))) from None
    if stat.S_ISDIR(info.st_mode):
        raise DataFileError(wording.folder.format(name=name))
    if not stat.S_ISREG(info.st_mode) and wording.not_regular is not None:
        raise DataFileError(wording.not_regular.format(name=name))
    if info.st_size > max_bytes:
        raise DataFileError(_too_big(wording, name, info.st_size, max_bytes))
    return info.st_size


def _too_big(wording: Wording, name: str, size: int, limit: int) -> str:
    return wording.too_big.format(
        name=name,
        size=size,
        limit=limit,
        mib=size / _MIB,
        mb=size / 1e6,
        limit_mib=limit / _MIB,
        limit_mb=limit / 1e6,
    )


def read_user_bytes(path: Path, wording: Wording, *, name: str, max_bytes: int) -> bytes:
    """Check a user's file (:func:`check_user_file`) and read it whole.

    Parameters
    ----------
    path, wording, name, max_bytes
        As for :func:`check_user_file`.

    Returns
    -------
    bytes
        The content, at most ``max_bytes`` long.

    Raises
    ------
    DataFileError
        As :func:`check_user_file`, and if the file grew past the limit.
    """
    check_user_file(path, wording, name=name, max_bytes=max_bytes)
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise DataFileError(wording.missing.format(name=name)) from None
    except OSError as exc:
        raise DataFileError(wording.unreadable.format(name=name, error=_error(exc))) from None
    if len(data) > max_bytes:  # grew after stat, or a pipe
        raise DataFileError(_too_big(wording, name, len(data), max_bytes))
    return data


def decode_user_text(data: bytes, wording: Wording, *, name: str) -> str:
    """Decode a user's text file as UTF-8 (a byte-order mark is dropped).

    Parameters
    ----------
    data : bytes
        The file's content.
    wording : Wording
        How the problems are said.
    name : str
        The file as messages show it.

    Returns
    -------
    str
        The text, never blank.

    Raises
    ------
    DataFileError
        If the text is blank, UTF-16, a gzip or ZIP archive, holds NUL bytes
        or is not UTF-8.
    """
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        raise DataFileError(wording.empty.format(name=name))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and wording.utf16:
        raise DataFileError(wording.utf16.format(name=name))
    kind = _archive_kind(data)
    if kind is not None and wording.compressed:
        raise DataFileError(wording.compressed.format(name=name, kind=kind))
    if b"\x00" in data:
        raise DataFileError(wording.binary.format(name=name))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataFileError(
            wording.not_utf8.format(name=name, start=exc.start, byte=data[exc.start], line=line)
        ) from None


def _archive_kind(data: bytes) -> str | None:
    if data.startswith(b"\x1f\x8b"):
        return "gzip-compressed"
    if data.startswith(b"PK\x03\x04"):
        return "a ZIP archive"
    return None


def read_text_file(source: str | os.PathLike[str]) -> str:
    """Read a text file, or standard input for ``"-"``, with the checks users need.

    Parameters
    ----------
    source : str or path-like
        A file path, or ``"-"`` for standard input.

    Returns
    -------
    str
        The decoded text.

    Raises
    ------
    DataFileError
        If the file is missing, empty, larger than 5 MB, binary, or not UTF-8.
    """
    name = "standard input" if str(source) == "-" else repr(str(source))
    if str(source) == "-":
        raw = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        if len(raw) > MAX_TEXT_BYTES:
            raise DataFileError(_too_big(_TEXT, name, len(raw), MAX_TEXT_BYTES))
    else:
        raw = read_user_bytes(Path(source), _TEXT, name=name, max_bytes=MAX_TEXT_BYTES)
    text = decode_user_text(raw, _TEXT, name=name)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text) // 100):
        raise DataFileError(f"{name} looks binary (control characters); give a UTF-8 text file")
    return text
