"""Reading a user's text file (or standard input) once, with the checks users need.

A text is read as UTF-8 (a BOM is accepted) and must be non-empty text of at
most :data:`MAX_TEXT_BYTES`: a folder, a missing file, a binary file (NUL
bytes, or many control characters) or text in another encoding is refused
in one message that says what is accepted.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rangemap.errors import DataFileError

__all__ = ["MAX_TEXT_BYTES", "read_text_file"]

#: Largest text accepted, in bytes.
MAX_TEXT_BYTES = 5 * 1024 * 1024


def read_text_file(source: str | Path) -> str:
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
    try:
        if str(source) == "-":
            raw = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        else:
            path = Path(source)
            if path.is_dir():
                raise DataFileError(f"{name} is a folder; give a text file (UTF-8) or - for stdin")
            with path.open("rb") as fh:
                raw = fh.read(MAX_TEXT_BYTES + 1)
    except FileNotFoundError:
        raise DataFileError(
            f"{name} does not exist; give a text file (UTF-8) or - for stdin"
        ) from None
    except OSError as exc:
        raise DataFileError(f"cannot read {name}: {exc.strerror or exc}") from None
    if len(raw) > MAX_TEXT_BYTES:
        raise DataFileError(f"{name} is larger than 5 MB; give a news text of at most 5 MB")
    if not raw.strip():
        raise DataFileError(f"{name} is empty; give a text that states a range or names a weapon")
    if b"\x00" in raw:
        raise DataFileError(f"{name} is a binary file, not text; give a UTF-8 text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(
            f"{name} is not valid UTF-8 (byte {exc.start}); save the text as UTF-8"
        ) from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text) // 100):
        raise DataFileError(f"{name} looks binary (control characters); give a UTF-8 text file")
    return text
