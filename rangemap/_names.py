"""Name folding, country codes and "did you mean" suggestions: the one home for each.

A user types a place, a weapon, a site or a basemap by name, in any case
and with whatever punctuation. Each kind of name is matched in its folded
form, and an unknown name is answered with the closest known ones. The
folds differ by what a kind of name is made of:

- :func:`fold_place` for geographic names: case, accents, apostrophes and
  separators (space, hyphen, underscore, full stop) are ignored, so
  "Kursk-oblast", "kursk oblast" and "Kúrsk Oblast" are one name;
- :func:`fold_alnum` for designations (weapons, basemaps): only letters and
  digits count, so "Storm_Shadow", "storm shadow" and "STORM-SHADOW" are one;
- :func:`fold_words` for names whose word breaks matter (sites): case and
  hyphens aside, words stay apart ("Engels-2" is "engels 2");
- :func:`country_code` for a side of the war or an operator, an ISO 3166-1
  alpha-2 code in any case (``"ua"`` is ``"UA"``); data files write codes as
  :data:`COUNTRY_CODE` matches them, in upper case.

:func:`suggest` turns a folded key and a pool of folded known names into the
names to show; a :class:`NamePool` holds a large pool (the cities) ready to
be searched again and again. The standard library and :mod:`rangemap.errors`
only, and numpy once a :class:`NamePool` is made (importing this module, as
:mod:`rangemap.claims` does, loads no numpy).

>>> fold_place("Kúrsk-Oblast"), fold_alnum("Storm_Shadow"), fold_words("Engels-2")
('kursk oblast', 'stormshadow', 'engels 2')
>>> suggest("kursx", {"kursk": "Kursk", "kyiv": "Kyiv"})
['Kursk']
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping

from rangemap.errors import InputError

__all__ = [
    "COUNTRY_CODE",
    "NamePool",
    "country_code",
    "fold_alnum",
    "fold_place",
    "fold_words",
    "quoted",
    "slug",
    "suggest",
]

#: An ISO 3166-1 alpha-2 country code as data files write it (``fullmatch`` it).
COUNTRY_CODE = re.compile(r"[A-Z]{2}")

_APOSTROPHES = re.compile(r"['’ʼ`´]")
_SEPARATORS = re.compile(r"[\s\-_.]+")
#: What is not a letter or digit (as str.isalnum: checked over every code point).
_NOT_ALNUM = re.compile(r"[\W_]+")


def fold_place(text: str) -> str:
    """Fold a geographic name: case, accents, apostrophes and separators.

    Parameters
    ----------
    text : str
        The name as typed or as recorded.

    Returns
    -------
    str
        Lower case without accents or apostrophes, words joined by one space.
    """
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text)
    return " ".join(_SEPARATORS.split(text)).strip()


def fold_alnum(text: str) -> str:
    """Fold a designation to its letters and digits, in lower case.

    Parameters
    ----------
    text : str
        The name as typed or as recorded.

    Returns
    -------
    str
        The letters and digits of ``text``, case-folded.
    """
    return _NOT_ALNUM.sub("", text.casefold())


def fold_words(text: str) -> str:
    """Fold case and hyphens, keeping words apart.

    Parameters
    ----------
    text : str
        The name as typed or as recorded.

    Returns
    -------
    str
        Case-folded, hyphens as spaces, words joined by one space.
    """
    return " ".join(text.casefold().replace("-", " ").split())


def country_code(side: str) -> str:
    """Return a country code in upper case, checked.

    Parameters
    ----------
    side : str
        An ISO 3166-1 alpha-2 code, any case (``"UA"``, ``"ru"``).

    Returns
    -------
    str
        The code in upper case.

    Raises
    ------
    rangemap.errors.InputError
        If ``side`` is not two letters.

    Examples
    --------
    >>> country_code(" ru ")
    'RU'
    """
    code = side.strip().upper() if isinstance(side, str) else ""
    if not COUNTRY_CODE.fullmatch(code):
        raise InputError(
            f"side must be an ISO 3166-1 alpha-2 country code such as UA or RU, got {side!r}"
        )
    return code


class NamePool:
    """Folded known names, indexed so that :func:`suggest` need not try each of them.

    :func:`difflib.get_close_matches` scores a name only above its
    ``quick_ratio``, the share of characters the two have in common in any
    order. The pool keeps every name's character counts, so that one array
    operation gives each name's ``quick_ratio`` with a key and only the names
    that can pass the cutoff are scored: the same names, in the same order,
    as scoring all of them.

    Parameters
    ----------
    names : mapping of str to str
        Folded known name -> the name to show.
    """

    def __init__(self, names: Mapping[str, str]) -> None:
        import numpy as np

        self.names: Mapping[str, str] = names
        self._keys = list(names)
        alphabet = sorted(set("".join(self._keys)))
        self._column = {char: i for i, char in enumerate(alphabet)}
        lengths = np.array([len(key) for key in self._keys], dtype=np.intp)
        rows = np.repeat(np.arange(len(self._keys)), lengths)
        chars = "".join(self._keys)
        columns = np.fromiter((self._column[c] for c in chars), dtype=np.intp, count=len(chars))
        cells = len(self._keys) * len(alphabet)
        counts = np.bincount(rows * len(alphabet) + columns, minlength=cells)
        self._counts = counts.reshape(len(self._keys), len(alphabet)).astype(np.int32)
        self._lengths = lengths

    def candidates(self, key: str, cutoff: float) -> list[str]:
        """Return the names whose ``quick_ratio`` with ``key`` reaches ``cutoff``, in order."""
        import numpy as np

        wanted = np.zeros(self._counts.shape[1], dtype=np.int32)
        for char in key:
            column = self._column.get(char)
            if column is not None:
                wanted[column] += 1
        common = np.minimum(self._counts, wanted).sum(axis=1)
        total = self._lengths + len(key)
        # difflib's quick_ratio, the same float operations: 2.0 * common / total,
        # and 1.0 for two empty strings
        ratio = np.divide(2.0 * common, total, out=np.ones(len(total)), where=total > 0)
        return [self._keys[i] for i in np.flatnonzero(ratio >= cutoff)]


def suggest(
    key: str, pool: Mapping[str, str] | NamePool, *, n: int = 5, cutoff: float = 0.6
) -> list[str]:
    """Return the known names closest to a folded ``key``, best first.

    Parameters
    ----------
    key : str
        The unknown name, folded as the pool's keys are.
    pool : mapping of str to str, or NamePool
        Folded known name -> the name to show; a :class:`NamePool` for a pool
        searched often.
    n : int
        Most close keys taken (fewer names when several keys show as one).
    cutoff : float
        Least similarity (0..1, :func:`difflib.get_close_matches`) shown.

    Returns
    -------
    list of str
        Names to show, without repeats (several keys may show as one name).

    Examples
    --------
    >>> suggest("kursx", NamePool({"kursk": "Kursk", "kyiv": "Kyiv"}))
    ['Kursk']
    """
    if isinstance(pool, NamePool):
        names, tried = pool.names, pool.candidates(key, cutoff)
    else:
        names, tried = pool, list(pool)
    shown: list[str] = []
    for match in difflib.get_close_matches(key, tried, n=n, cutoff=cutoff):
        if names[match] not in shown:
            shown.append(names[match])
    return shown


def quoted(text: str, width: int = 40) -> str:
    """Return a user's value as a message shows it: a one-line ``repr``, cut to ``width``.

    Parameters
    ----------
    text : str
        The value as given.
    width : int, optional
        Most characters of the result, quotes included; a longer value is cut
        with ``…`` before its closing quote.

    Returns
    -------
    str
        ``repr(text)`` (control characters escaped), at most ``width`` long.

    Examples
    --------
    >>> quoted("Kursk")
    "'Kursk'"
    >>> quoted("a" * 50, 12)
    "'aaaaaaaaa…'"
    """
    shown = repr(text)
    if len(shown) <= width:
        return shown
    cut = text[:width]
    while len(repr(cut)) > width - 1:
        cut = cut[:-1]
    return repr(cut)[:-1] + "…" + repr(cut)[-1]


def slug(text: str) -> str:
    """Return a lower-case ASCII slug of ``text``: letters, digits and ``-`` (may be empty).

    Examples
    --------
    >>> slug("Khalino (Kursk-Vostochny)")
    'khalino-kursk-vostochny'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
