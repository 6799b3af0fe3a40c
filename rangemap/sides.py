"""The sides of the war: who launches, and the words for whose ground a place is.

A launch has a side: ``UA`` or ``RU`` (a launch from Belarus is the Russian
side, ``BY`` is accepted and counts as ``RU``). Ground is "Ukrainian-held",
"Russian-held" or "Belarusian-held".
"""

from __future__ import annotations

from rangemap.errors import InputError

__all__ = ["SIDES", "check_side", "held_word", "war_side"]

#: Sides a launch can have. Belarus launches are inferred as the Russian side.
SIDES = ("UA", "RU", "BY")

_WORD = {"UA": "Ukrainian", "RU": "Russian", "BY": "Belarusian"}


def war_side(code: str | None) -> str | None:
    """Return the side of the war a holder stands for: UA, or RU for Russia and Belarus."""
    if code == "UA":
        return "UA"
    if code in ("RU", "BY"):
        return "RU"
    return None


def held_word(code: str) -> str:
    """Return the word for ground a side holds: ``"Ukrainian-held"``."""
    return f"{_WORD.get(code, code)}-held"


def check_side(side: str) -> str:
    """Return a side given by a user, upper-cased.

    Parameters
    ----------
    side : str
        ``"UA"``, ``"RU"`` or ``"BY"``, any case.

    Returns
    -------
    str

    Raises
    ------
    InputError
        For anything else.
    """
    code = side.strip().upper() if isinstance(side, str) else ""
    if code not in SIDES:
        raise InputError(f"side must be UA or RU (or BY), got {str(side)[:20]!r}")
    return code
