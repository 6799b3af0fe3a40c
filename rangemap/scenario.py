"""Scenario files: the options of ``rangemap map`` in a TOML file, read, checked and recorded.

A scenario is a TOML table whose keys are the long option names of
``rangemap map`` (``from``, ``range``, ``weapon``, ``highlight``,
``standoff``, ``side``, ``control``, ``as-of``, ``sites``, ``title``,
``format``, ``output``, ``width``, ``tiles``, ...). A repeatable option takes
a list (``range = ["300km", "165 km"]``) or one value; a number is read as
the text it spells (``range = 300`` is ``"300"``). The keys accepted are
derived from the click command's own parameters (:func:`scenario_keys`), so
that the command is the one home of the options.

Relative paths in a scenario (``sites``, ``control``, ``assets``,
``output``, and a ``from`` value naming a file there) are relative to the
scenario file's folder. A table ``[rangemap]`` (what a recording adds: the
rangemap version and the data versions) is ignored on reading.

:func:`build` is the one home of what those options mean: it checks the
page options (:func:`page_of`) and the output (:func:`output_of`) before any
work and makes the map (:func:`scene_map`). ``rangemap map`` calls it with
its options, a batch with each scenario's.

What a map records of its scenario is in :mod:`rangemap.recording`.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rangemap.errors import InputError, ParameterError

if TYPE_CHECKING:
    from rangemap.output import RangeMap
    from rangemap.page import PageOptions
    from rangemap.render.files import OutputTarget

__all__ = [
    "DEFAULT_OUTPUT",
    "PAGE_FIELDS",
    "PLACE_FILE_KEYS",
    "RECORD_KEY",
    "Key",
    "build",
    "check_table",
    "file_part",
    "output_of",
    "page_of",
    "read_scenario",
    "scenario_keys",
    "scene_map",
    "shown_path",
]

#: The table a recording adds (version and data versions); ignored on reading.
RECORD_KEY = "rangemap"
#: Options that are not part of a scenario.
_NOT_KEYS = frozenset({"help", "scenario"})
#: Keys whose values may name a file as well as a place.
PLACE_FILE_KEYS = frozenset({"from"})
#: The map written when no output is given (its suffix that of the format).
DEFAULT_OUTPUT = Path("output") / "rangemap.html"
#: The page options, by parameter name: the fields of :class:`~rangemap.page.PageOptions`.
PAGE_FIELDS = ("width", "height", "dpi", "tiles", "offline", "cdn", "assets_dir")
_KINDS = {"str": "a string", "int": "an integer", "bool": "true or false", "path": "a path"}


@dataclass(frozen=True)
class Key:
    """One key of a scenario: an option of ``rangemap map``.

    Attributes
    ----------
    name : str
        The option's long name without ``--`` (``"from"``, ``"as-of"``).
    dest : str
        The parameter's name in the command (``"from_"``, ``"as_of"``).
    multiple : bool
        Whether the option is repeatable (a list in TOML).
    kind : {"str", "int", "bool", "path"}
        What one value is.
    choices : tuple of str
        The values accepted, when the option is a choice.
    default : object
        The option's default (None when it has none).
    """

    name: str
    dest: str
    multiple: bool = False
    kind: str = "str"
    choices: tuple[str, ...] = ()
    default: Any = None


def scenario_keys(command: click.Command) -> dict[str, Key]:
    """Return the scenario keys of a click command: one per option with a long name.

    Parameters
    ----------
    command : click.Command
        The command whose options a scenario gives (``rangemap map``).

    Returns
    -------
    dict
        Key name (``"from"``) to :class:`Key`, in the command's order.
    """
    keys: dict[str, Key] = {}
    for param in command.params:
        longs = [opt for opt in param.opts if opt.startswith("--")]
        if not isinstance(param, click.Option) or not longs or param.name is None:
            continue
        name = longs[0][2:]
        if name in _NOT_KEYS:
            continue
        kind = "str"
        if param.is_flag:
            kind = "bool"
        elif isinstance(param.type, click.Path):
            kind = "path"
        elif isinstance(param.type, click.types.IntParamType):
            kind = "int"
        choices = tuple(param.type.choices) if isinstance(param.type, click.Choice) else ()
        default = param.default if isinstance(param.default, str | int | Path) else None
        if kind == "bool":
            default = bool(default)
        keys[name] = Key(name, param.name, param.multiple, kind, tuple(map(str, choices)), default)
    return keys


def shown_path(path: str | os.PathLike[str]) -> str:
    """Return a path as messages show it (cut in the middle when long)."""
    from rangemap.render.files import shorten

    return shorten(path)


def read_scenario(path: str | os.PathLike[str], keys: Mapping[str, Key]) -> dict[str, Any]:
    """Read and check a scenario file.

    Parameters
    ----------
    path : str or path-like
        The TOML file.
    keys : mapping of str to Key
        The keys accepted (:func:`scenario_keys` of ``rangemap map``).

    Returns
    -------
    dict
        The options by parameter name (``dest``): lists as tuples, paths as
        :class:`pathlib.Path` resolved against the file's folder.

    Raises
    ------
    InputError
        For a missing or unreadable file, broken TOML, an unknown key or a
        value of the wrong type; the message names the file and the key.
    """
    source = Path(path)
    try:
        text = source.read_bytes().decode("utf-8")
        table = tomllib.loads(text)
    except FileNotFoundError:
        raise InputError(f"scenario {shown_path(source)!r}: no such file") from None
    except OSError as exc:
        raise InputError(f"scenario {shown_path(source)!r}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"scenario {shown_path(source)!r}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"scenario {shown_path(source)!r}: not valid TOML ({exc})") from None
    return check_table(table, keys, where=f"scenario {shown_path(source)!r}", folder=source.parent)


def check_table(
    table: Mapping[str, Any], keys: Mapping[str, Key], *, where: str, folder: Path
) -> dict[str, Any]:
    """Check one scenario table and return its options by parameter name.

    Parameters
    ----------
    table : mapping
        The TOML table (key names as in :func:`scenario_keys`).
    keys : mapping of str to Key
        The keys accepted.
    where : str
        What to name in a message (``"scenario 'a.toml'"``).
    folder : pathlib.Path
        The folder relative paths are relative to.

    Returns
    -------
    dict
        Parameter name (``dest``) to value, as :func:`read_scenario` returns.
    """
    options: dict[str, Any] = {}
    for name, value in table.items():
        if name == RECORD_KEY and isinstance(value, dict):
            continue
        key = keys.get(name)
        if key is None:
            accepted = ", ".join(keys)
            raise InputError(f"{where}: unknown key {name!r}; the keys are {accepted}")
        if key.multiple:
            values = value if isinstance(value, list) else [value]
            options[key.dest] = tuple(_value(key, v, where, folder) for v in values)
        else:
            options[key.dest] = _value(key, value, where, folder)
    return options


def _value(key: Key, value: Any, where: str, folder: Path) -> Any:
    """Check one value of ``key`` and return it as the command takes it."""
    wanted = _KINDS[key.kind] + (" (or a list of them)" if key.multiple else "")
    if key.choices:
        wanted = "one of " + ", ".join(key.choices)
    if key.kind == "bool":
        ok = isinstance(value, bool)
    elif key.kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, str) or (
            key.kind == "str" and isinstance(value, int | float) and not isinstance(value, bool)
        )
    if ok and key.choices:
        ok = str(value).upper() in {c.upper() for c in key.choices}
    if not ok:
        shown = json.dumps(value, default=str)[:40]
        raise InputError(f"{where}: key {key.name!r} must be {wanted}, not {shown}")
    if key.kind == "path":
        return _rebase_path(Path(value), folder)
    if key.name in PLACE_FILE_KEYS:
        return _rebase_place(str(value), folder)
    return value if key.kind in ("bool", "int") else str(value)


def _rebase_path(path: Path, folder: Path) -> Path:
    if str(path) == "-" or path.is_absolute():
        return path
    return folder / path


def file_part(value: str) -> str:
    """Return the file a ``from`` value names (``FILE`` or ``FILE:LAYER``).

    >>> file_part("no-such-file.gpkg:roads")
    'no-such-file.gpkg'
    """
    head, sep, _ = value.rpartition(":")
    return head if sep and head and not Path(value).exists() else value


def _rebase_place(value: str, folder: Path) -> str:
    """Return a ``from`` value with the file it names in ``folder`` (if any) under ``folder``."""
    if Path(value).is_absolute():
        return value
    part = file_part(value) if not (folder / value).exists() else value
    if (folder / part).is_file():
        return str(folder / value)
    return value


def page_of(options: Mapping[str, Any]) -> PageOptions:
    """Return the page options of ``rangemap map``'s options (by parameter name), checked.

    Without ``tiles``, the page has the default basemap, or none with
    ``offline``; an option not given takes :class:`~rangemap.page.PageOptions`'s default.
    """
    from rangemap.page import PageOptions
    from rangemap.render.assets import DEFAULT_TILES

    flags = {name: options[name] for name in PAGE_FIELDS if options.get(name) is not None}
    if "tiles" not in flags:
        flags["tiles"] = None if options.get("offline") else DEFAULT_TILES
    return PageOptions(**flags)


def output_of(output: str | os.PathLike[str] | None, fmt: str | None) -> OutputTarget:
    """Check ``output`` and ``fmt`` before any work; nothing is created.

    Parameters
    ----------
    output : str or path-like, optional
        The file, ``-`` for standard output; by default
        :data:`DEFAULT_OUTPUT` with the suffix of ``fmt``.
    fmt : str, optional
        The format; by default the one the suffix names.

    Returns
    -------
    OutputTarget
        The checked target, with its format (see :func:`rangemap.render.files.check_output`).
    """
    from rangemap.render.files import SUFFIXES, check_output

    if output is None:
        output = DEFAULT_OUTPUT.with_suffix(SUFFIXES[fmt or "html"])
    return check_output(output, fmt)


def scene_map(
    options: Mapping[str, Any], *, page: PageOptions | None = None, coverage: bool = True
) -> RangeMap:
    """Make the map of the scene options of ``rangemap map`` (by parameter name).

    Parameters
    ----------
    options : mapping
        ``from_``, ``ranges``, ``weapons``, ``highlight``, ``title``,
        ``standoff``, ``sites``, ``side``, ``control`` and ``as_of``, as the
        command (or :func:`read_scenario`) gives them; others are ignored.
    page : PageOptions, optional
        The page options (:func:`page_of`).
    coverage : bool, optional
        Compute the coverage the map shows (see :func:`rangemap.api.make_map`).

    Raises
    ------
    ParameterError
        If no launch place, or neither a range nor a weapon, is given.
    """
    from rangemap.api import make_map

    ranges, weapons = list(options.get("ranges") or ()), list(options.get("weapons") or ())
    if not ranges and not weapons:
        raise ParameterError(
            "give at least one {ranges} (e.g. {ranges} 300km) or {weapons} (e.g. ATACMS)"
        )
    if not options.get("from_"):
        raise ParameterError("give a launch place ({from_}, e.g. Sumy)")
    side = options.get("side")
    return make_map(
        list(options["from_"]),
        ranges,
        weapons=weapons,
        highlight=list(options.get("highlight") or ()),
        title=options.get("title"),
        standoff=options.get("standoff"),
        sites=options.get("sites"),
        coverage=coverage,
        page=page,
        side=side.upper() if side else None,
        control=options.get("control"),
        as_of=options.get("as_of"),
    )


def build(
    options: Mapping[str, Any], *, keys: Mapping[str, Key] | None = None
) -> tuple[RangeMap, OutputTarget]:
    """Make the map of ``rangemap map``'s options (by parameter name), as the command does.

    The one home of what the options mean: the command calls it with its
    options, a scenario file and a batch with theirs. The page options and
    the output are checked first, before any work.

    Parameters
    ----------
    options : mapping
        Options by parameter name, as the command or :func:`read_scenario`
        gives them; an option not given takes the command's default.
    keys : mapping of str to Key, optional
        The scenario keys (:func:`scenario_keys`): a
        :class:`~rangemap.errors.ParameterError` then names the keys
        (``as-of``) instead of the parameters (``as_of``).

    Returns
    -------
    RangeMap
        The map (its :attr:`~rangemap.output.RangeMap.scenario` is not set).
    OutputTarget
        Where it is to be written, checked: give it to
        :meth:`~rangemap.output.RangeMap.save`.
    """
    try:
        page = page_of(options)
        target = output_of(options.get("output"), options.get("fmt"))
        return scene_map(options, page=page), target
    except ParameterError as exc:
        if keys is None:
            raise
        raise InputError(exc.naming({key.dest: key.name for key in keys.values()})) from None
