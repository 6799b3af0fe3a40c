"""Place names a user (or a script) should not have typed.

Very long names, NUL, control characters, terminal escapes, bidi overrides
and lone surrogates in ``--from`` and ``--highlight`` give one short line on
stderr and exit status 2, never a traceback, and write nothing. The "did you
mean" search (difflib) compares only the first ``_SUGGEST_CHARS`` characters
of a name, so its time does not grow with the name's length; names longer
than ``_MAX_NAME`` are refused before any matching.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

import pytest

from rangemap.errors import InputError, UnknownNameError
from rangemap.places import resolve as places
from rangemap.places import resolve_area, resolve_launch
from tests.cli_run import run

HOSTILE = {
    "100k": "Atlantis" * 12_500,
    "at-limit": ("Atlantis" * 25)[:200],
    "nul": "Ku\x00rsk",
    "only-nul": "\x00",
    "escape": "Kursk\x1b[31m\r\nX",
    "newline": "Atlan\ntis",
    "bell": "Sumy\x07",
    "bidi": "Kur\u202esk",
    "bidi-long": "\u202e" * 150,
    "surrogate": "Kursk\udcff",
    "spaces": " " * 1000,
}


@pytest.mark.parametrize("option", ["--from", "--highlight"])
@pytest.mark.parametrize("name", list(HOSTILE.values()), ids=list(HOSTILE))
def test_cli_refuses_hostile_names_in_one_line(tmp_path: Path, option: str, name: str) -> None:
    args = ["map", "--from", name if option == "--from" else "Sumy", "--range", "300km"]
    if option == "--highlight":
        args += ["--highlight", name]
    args += ["-o", "map.html"]
    code, out, err = run(args, tmp_path)
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2, err
    assert len(lines) == 1 and lines[0].startswith("rangemap: error: "), err
    assert "Traceback" not in err and out == ""
    assert len(lines[0]) <= len("rangemap: error: ") + 400  # the library's bound below
    assert lines[0].isprintable()  # no raw control, escape or bidi character
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("resolve", [resolve_launch, resolve_area])
@pytest.mark.parametrize("name", list(HOSTILE.values()), ids=list(HOSTILE))
def test_library_errors_are_short_escaped_lines(resolve: object, name: str) -> None:
    assert callable(resolve)
    with pytest.raises((InputError, UnknownNameError)) as info:
        resolve(name)
    message = str(info.value)
    assert "\n" not in message and message.isprintable()
    assert len(message) <= 400


def test_overlong_names_are_refused_before_any_matching(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_search(*args: object, **kwargs: object) -> list[str]:
        raise AssertionError("fuzzy matching ran on an overlong name")

    monkeypatch.setattr(difflib, "get_close_matches", no_search)
    for resolve in (resolve_launch, resolve_area):
        with pytest.raises(InputError, match=r"too long \(100,000 characters; at most 200\)"):
            resolve(HOSTILE["100k"])


def test_suggestions_compare_only_the_start_of_a_long_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[int] = []
    real = difflib.get_close_matches

    def spy(word: str, possibilities: Sequence[str], *args: object, **kwargs: object) -> list[str]:
        seen.append(len(word))
        return real(word, possibilities, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(difflib, "get_close_matches", spy)
    with pytest.raises(UnknownNameError):
        resolve_launch("Kursk " + "x" * 190)
    with pytest.raises(UnknownNameError):
        resolve_area("Kursk " + "x" * 190)
    assert seen and max(seen) <= places._SUGGEST_CHARS


def test_suggestions_still_found_for_a_misspelling() -> None:
    with pytest.raises(UnknownNameError) as info:
        resolve_area("Kursk\x00")
    assert "Kursk Oblast" in info.value.suggestions
    with pytest.raises(UnknownNameError) as info:
        resolve_launch("Kharkov\x07")
    assert info.value.suggestions


def test_long_names_are_cut_in_messages() -> None:
    with pytest.raises(UnknownNameError) as info:
        resolve_area("Atlantis" * 20)
    assert "AtlantisAtlantisAtlantisAtlan…'" in str(info.value)
    with pytest.raises(UnknownNameError) as info:
        resolve_area("\u202e" * 150)
    assert "\\u202e\\u202e…'" in str(info.value)
