"""The weapons catalogue: published ranges of named weapons.

rangemap ships a small catalogue, ``data/weapons.toml``, of the missiles,
rockets and glide bombs that news about Ukraine and Russia names. Each
:class:`Weapon` has one or more :class:`Variant` records, and each variant has
a published range in kilometres with the source it was taken from.

What a range means
------------------
``max_range_km`` is the maximum range *published* by the named source (the
maker, an operator or an open-source analyst), as reported. It is not a
measured or guaranteed reach: real range depends on payload, flight profile,
launch altitude and speed and on the target. Where a source says "in excess
of 250 km", 250 km is recorded, so a map drawn from it is a lower bound; the
variant's ``note`` says so where sources disagree. ``min_range_km`` is a
published minimum engagement range, or ``None`` where none is published. For
air- and sea-launched weapons the range counts from the point of release, not
from the airbase or port.

Spreads
-------
Where published maximum ranges disagree by more than 10 %, the variant also
carries the spread of the published figures, ``range_km_low`` to
``range_km_high`` (:attr:`Variant.spread`), and its ``source`` names the
publications at both ends. ``max_range_km`` stays the catalogue's nominal
figure, the one drawn as a ring and used to say what a weapon reaches; it
lies within the spread. The Kh-101, for example, is recorded at 4,500 km
(the figure President Putin gave in 2017) within a spread of 2,500 km (CSIS)
to 5,500 km (Ukraine's Air Force).

Roles
-----
Every weapon has a ``role``: ``"strike"`` (the default: what it can hit) or
``"air defence"`` (a surface-to-air system such as the S-400 or Patriot,
whose range is the radius of the umbrella it holds over the ground *around
where it stands*, not a reach into the other side's territory). A map draws an
air-defence system as an umbrella around its position, never as a strike
ring from a launch area. :func:`strike_weapons` and, by default,
:func:`weapons_for_side` list strike weapons only, so the range a target
needs is never compared with an interceptor's reach.

Names
-----
Names are matched ignoring case and any punctuation or spacing, so
``"storm shadow"``, ``"Storm-Shadow"`` and ``"STORMSHADOW"`` are the same, as
are ``"KN-23"`` and ``"kn23"``. :func:`find_weapon` takes a weapon's id, name or
alias; :func:`find_weapon_variants` also takes a variant's id, name or alias,
alone or after the weapon's name (``"ATACMS M39A1"``). An unknown name raises
:class:`~rangemap.errors.UnknownNameError` (a ``LookupError``) with close
suggestions.

Operators
---------
Every variant names who fields it, as ISO 3166-1 alpha-2 codes
(``operators``, e.g. ``("US", "UA")`` for ATACMS M39A1; ``"GB"`` is the
United Kingdom), with the publication that says so (``operators_source``). A
country counts as an operator when its forces hold and use the variant, not
when it has been promised or has asked for it: Ukraine does not operate Taurus,
which Germany has refused to supply. :meth:`Weapon.operated_by` and
:func:`weapons_for_side` give the weapons a side of the war can launch; the
lists are checked for Ukraine and Russia and their suppliers, and further
export customers may be missing.

The catalogue is read on first use and cached; nothing is read at import time.

Examples
--------
>>> weapon, variants = find_weapon_variants("ATACMS M39A1")
>>> weapon.name, [v.max_range_km for v in variants]
('ATACMS', [300.0])
>>> [v.id for v in find_weapon("storm-shadow").variants]
['storm-shadow']
>>> [(w.id, text) for w, _, _, text in find_weapons_in_text("Taurus, not ATACMS")]
[('taurus', 'Taurus'), ('atacms', 'ATACMS')]
>>> find_weapon("taurus").operated_by("UA")
False

"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rangemap._names import fold_alnum, suggest
from rangemap._paths import data_path
from rangemap.errors import DataFileError, InputError, UnknownNameError

__all__ = [
    "CATALOGUE_FILE",
    "DEFAULT_ROLE",
    "WEAPON_ROLES",
    "WEAPON_TYPES",
    "Variant",
    "Weapon",
    "find_weapon",
    "find_weapon_variants",
    "find_weapons_in_text",
    "load_catalogue",
    "strike_weapons",
    "weapon_names",
    "weapons_for_side",
]

#: File name of the bundled catalogue inside the data folder.
CATALOGUE_FILE = "weapons.toml"

#: The kinds of weapon the catalogue accepts in its ``type`` field.
WEAPON_TYPES: tuple[str, ...] = (
    "ballistic missile",
    "cruise missile",
    "rocket",
    "glide bomb",
    "missile-drone",
    "one-way attack drone",
    "surface-to-air missile",
)

#: What a weapon is for, in its ``role`` field: ``"strike"`` (the default) or
#: ``"air defence"`` (drawn as an umbrella around where the system stands).
WEAPON_ROLES: tuple[str, ...] = ("strike", "air defence")
#: The role of a weapon whose entry gives none.
DEFAULT_ROLE = "strike"

_SCHEMA = 1
_WEAPON_KEYS = frozenset(
    {"id", "name", "aliases", "type", "role", "country", "note", "text_case_sensitive", "variants"}
)
_VARIANT_KEYS = frozenset(
    {
        "id",
        "name",
        "aliases",
        "min_range_km",
        "max_range_km",
        "range_km_low",
        "range_km_high",
        "source",
        "url",
        "note",
        "operators",
        "operators_source",
    }
)
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# An ISO 3166-1 alpha-2 country code as written in the catalogue.
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")
_MAX_SUGGESTIONS = 5

# Text matching: a run of letters and digits is one token; a change between
# letters and digits inside a token may carry a hyphen ("3M14" ~ "3M-14"), and
# tokens may be separated by up to three spaces, hyphens, dashes, underscores or
# slashes ("Storm Shadow" ~ "Storm-Shadow", "KN-23" ~ "KN 23" ~ "KN23").
_TOKEN = re.compile(r"[^\W_]+")
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
_SEP_INNER = r"[\-\u2010-\u2015]?"
_SEP_OUTER = r"[\s_/\-\u2010-\u2015]{0,3}"
# A mention ends at a word boundary, optionally after a plural or possessive
# ending that is not part of the match ("Kalibrs", "ATACMS's").
_MENTION_END = r"(?=(?:s|['\u2019]s)?(?!\w))"


@dataclass(frozen=True)
class Variant:
    """One variant of a weapon and its published range.

    Attributes
    ----------
    id : str
        Short lowercase slug, unique in the catalogue, e.g. ``"m39a1"``.
    name : str
        Display name, e.g. ``"M39A1 (Block IA)"``.
    min_range_km : float or None
        Published minimum range in kilometres, or None where none is published.
    max_range_km : float
        Published maximum range in kilometres (see the module notes): the
        nominal figure drawn as a ring, within :attr:`spread` where there is
        one.
    source : str
        Publisher, document title and year, and what the figures mean; for a
        spread, the publications at both ends.
    url : str or None
        Exact address of the source, where known.
    note : str or None
        Where sources disagree, or what the figure leaves out.
    aliases : tuple of str
        Other names of this variant, e.g. ``("Block IA", "MGM-140B")``.
    operators : tuple of str
        Who fields the variant: ISO 3166-1 alpha-2 codes, e.g.
        ``("US", "UA")``. Never empty in a loaded catalogue.
    operators_source : str or None
        Publisher, document and date that say who fields it.
    range_km_low, range_km_high : float or None
        The lowest and highest published maximum range in kilometres where
        sources disagree by more than 10 %; both None otherwise. In a loaded
        catalogue ``range_km_low <= max_range_km <= range_km_high``.

    """

    id: str
    name: str
    min_range_km: float | None
    max_range_km: float
    source: str
    url: str | None = None
    note: str | None = None
    aliases: tuple[str, ...] = ()
    operators: tuple[str, ...] = ()
    operators_source: str | None = None
    range_km_low: float | None = None
    range_km_high: float | None = None

    def __post_init__(self) -> None:
        low, high = self.range_km_low, self.range_km_high
        if (low is None) != (high is None):
            raise InputError(
                f"variant {self.id!r}: range_km_low and range_km_high are given together or not"
            )
        if low is not None and high is not None and not 0 < low <= high:
            raise InputError(
                f"variant {self.id!r}: the spread must satisfy 0 < low <= high, "
                f"got {low:g}-{high:g} km"
            )

    @property
    def spread(self) -> tuple[float, float] | None:
        """The spread of published maximum ranges, ``(low_km, high_km)``, or None.

        Examples
        --------
        >>> find_weapon_variants("Kh-101")[1][0].spread
        (2500.0, 5500.0)
        >>> find_weapon_variants("ATACMS M39A1")[1][0].spread is None
        True

        """
        if self.range_km_low is None or self.range_km_high is None:
            return None
        return (self.range_km_low, self.range_km_high)

    def operated_by(self, side: str) -> bool:
        """Return whether the country `side` fields this variant.

        Parameters
        ----------
        side : str
            ISO 3166-1 alpha-2 code, any case (``"UA"``, ``"ru"``).

        Returns
        -------
        bool

        Raises
        ------
        rangemap.errors.InputError
            If `side` is not a two-letter code.

        """
        return _side_code(side) in self.operators

    def to_dict(self) -> dict[str, Any]:
        """Return the variant as a JSON-ready dictionary.

        Returns
        -------
        dict
            Every field, with ``aliases`` as a list.

        """
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "min_range_km": self.min_range_km,
            "max_range_km": self.max_range_km,
            "range_km_low": self.range_km_low,
            "range_km_high": self.range_km_high,
            "source": self.source,
            "url": self.url,
            "note": self.note,
            "operators": list(self.operators),
            "operators_source": self.operators_source,
        }


@dataclass(frozen=True)
class Weapon:
    """A weapon in the catalogue.

    Attributes
    ----------
    id : str
        Short lowercase slug, unique in the catalogue, e.g. ``"atacms"``.
    name : str
        Display name, e.g. ``"ATACMS"``.
    aliases : tuple of str
        Other names, e.g. ``("MGM-140", "Army Tactical Missile System")``.
    type : str
        One of :data:`WEAPON_TYPES`.
    country : str
        Country (or countries) of origin.
    variants : tuple of Variant
        At least one; in catalogue order.
    note : str or None
        Remarks that apply to every variant.
    text_case_sensitive : tuple of str
        Aliases that :func:`find_weapons_in_text` matches only with their exact
        capitalisation, because they are also ordinary words (``"SCALP"``).
    role : str
        One of :data:`WEAPON_ROLES`: ``"strike"`` (the default) or
        ``"air defence"``. An air-defence system's range is the radius of the
        umbrella it holds around where it stands; it is drawn there, never as
        a reach from a launch area, and never offered as a way to reach a
        target.

    """

    id: str
    name: str
    aliases: tuple[str, ...]
    type: str
    country: str
    variants: tuple[Variant, ...]
    note: str | None = None
    text_case_sensitive: tuple[str, ...] = ()
    role: str = DEFAULT_ROLE

    def __post_init__(self) -> None:
        if self.role not in WEAPON_ROLES:
            raise InputError(
                f"weapon {self.id!r}: role must be one of {', '.join(WEAPON_ROLES)}; "
                f"got {self.role!r}"
            )

    @property
    def is_strike(self) -> bool:
        """True for a strike weapon, False for an air-defence system."""
        return self.role == "strike"

    @property
    def max_range_km(self) -> float:
        """Largest published maximum range over the variants, in kilometres."""
        return max(v.max_range_km for v in self.variants)

    @property
    def operators(self) -> tuple[str, ...]:
        """Every country that fields some variant, in catalogue order, without repeats."""
        return tuple(dict.fromkeys(code for v in self.variants for code in v.operators))

    def operated_by(self, side: str) -> bool:
        """Return whether the country `side` fields at least one variant.

        Parameters
        ----------
        side : str
            ISO 3166-1 alpha-2 code, any case (``"UA"``, ``"ru"``).

        Returns
        -------
        bool

        Raises
        ------
        rangemap.errors.InputError
            If `side` is not a two-letter code.

        Examples
        --------
        >>> find_weapon("ATACMS").operated_by("UA"), find_weapon("Iskander").operated_by("UA")
        (True, False)

        """
        return any(v.operated_by(side) for v in self.variants)

    def variants_for(self, side: str) -> tuple[Variant, ...]:
        """Return the variants the country `side` fields, in catalogue order.

        Parameters
        ----------
        side : str
            ISO 3166-1 alpha-2 code, any case.

        Returns
        -------
        tuple of Variant
            Possibly empty.

        Examples
        --------
        >>> [v.id for v in find_weapon("ATACMS").variants_for("UA")]
        ['m39', 'm39a1']

        """
        return tuple(v for v in self.variants if v.operated_by(side))

    def to_dict(self) -> dict[str, Any]:
        """Return the weapon as a JSON-ready dictionary.

        Returns
        -------
        dict
            Every field, with tuples as lists and each variant as a dictionary
            (see :meth:`Variant.to_dict`).

        Examples
        --------
        >>> d = find_weapon("taurus").to_dict()
        >>> d["name"], d["variants"][0]["max_range_km"]
        ('Taurus KEPD 350', 500.0)

        """
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "type": self.type,
            "role": self.role,
            "country": self.country,
            "note": self.note,
            "text_case_sensitive": list(self.text_case_sensitive),
            "variants": [v.to_dict() for v in self.variants],
        }


@dataclass(frozen=True)
class _Catalogue:
    """A validated catalogue with its lookup tables (private)."""

    weapons: tuple[Weapon, ...]
    # normalised key -> weapon, for ids, names and aliases of weapons
    weapon_keys: Mapping[str, Weapon]
    # normalised key -> (weapon, variant), for variant ids, names, aliases and
    # each of those after a weapon key ("atacmsm39a1")
    variant_keys: Mapping[str, tuple[Weapon, Variant]]
    # normalised key -> display string, for suggestions
    weapon_display: Mapping[str, str]
    variant_display: Mapping[str, str]
    # every name spotted in text: (label, weapon, case-sensitive); the pattern
    # over them is compiled per text, for the names the text can contain
    text_labels: tuple[tuple[str, Weapon, bool], ...]


def _side_code(side: str) -> str:
    """Return `side` as an upper-case ISO 3166-1 alpha-2 code, or raise InputError."""
    code = side.strip().upper() if isinstance(side, str) else ""
    if not _COUNTRY_CODE.fullmatch(code):
        raise InputError(
            f"side must be an ISO 3166-1 alpha-2 country code such as UA or RU, got {side!r}"
        )
    return code


def _catalogue_path() -> Path:
    """Return the path of the bundled catalogue.

    Returns
    -------
    pathlib.Path
        ``weapons.toml`` in the data folder (``data/`` of a source checkout,
        ``rangemap/data/`` of an installed wheel).

    """
    return data_path(CATALOGUE_FILE)


# ---------------------------------------------------------------------------
# Loading and validation
# ---------------------------------------------------------------------------


class _Reader:
    """Checks one catalogue's raw values, naming the file and entry on error."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> DataFileError:
        """Return the error to raise for `problem` at `where`."""
        place = f"{where}: " if where else ""
        return DataFileError(f"weapons catalogue {self.path}: {place}{problem}")

    def table(self, value: object, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"must be a table, got {type(value).__name__}")
        return value

    def keys(self, table: Mapping[str, Any], allowed: Iterable[str], where: str) -> None:
        allowed = frozenset(allowed)
        unknown = sorted(set(table) - allowed)
        if unknown:
            raise self.fail(
                where,
                f"unknown key(s) {', '.join(map(repr, unknown))}; "
                f"must be one of {', '.join(sorted(allowed))}",
            )

    def text(self, table: Mapping[str, Any], key: str, where: str, *, required: bool) -> str | None:
        if key not in table:
            if required:
                raise self.fail(where, f"{key!r} is missing")
            return None
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"{key!r} must be a non-empty string, got {value!r}")
        return value.strip()

    def slug(self, table: Mapping[str, Any], where: str) -> str:
        value = self.text(table, "id", where, required=True)
        assert value is not None
        if not _SLUG.fullmatch(value):
            raise self.fail(
                where, f"'id' must be a lowercase slug (a-z, 0-9, single hyphens), got {value!r}"
            )
        return value

    def texts(self, table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() for item in value
        ):
            raise self.fail(where, f"{key!r} must be a list of non-empty strings, got {value!r}")
        return tuple(item.strip() for item in value)

    def countries(self, table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = table.get(key)
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(item, str) and _COUNTRY_CODE.fullmatch(item) for item in value)
        ):
            raise self.fail(
                where,
                f"{key!r} must be a non-empty list of ISO 3166-1 alpha-2 codes "
                f'(two upper-case letters, e.g. "UA"), got {value!r}',
            )
        if len(set(value)) != len(value):
            raise self.fail(where, f"{key!r} lists a country twice: {value!r}")
        return tuple(value)

    def number(self, table: Mapping[str, Any], key: str, where: str) -> float | None:
        if key not in table:
            return None
        value = table[key]
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise self.fail(where, f"{key!r} must be a finite number of kilometres, got {value!r}")
        return float(value)


def _read_variant(reader: _Reader, raw: object, where: str) -> Variant:
    table = reader.table(raw, where)
    reader.keys(table, _VARIANT_KEYS, where)
    variant_id = reader.slug(table, where)
    where = f"{where} ({variant_id})"
    name = reader.text(table, "name", where, required=True)
    source = reader.text(table, "source", where, required=True)
    url = reader.text(table, "url", where, required=False)
    note = reader.text(table, "note", where, required=False)
    aliases = reader.texts(table, "aliases", where)
    operators = reader.countries(table, "operators", where)
    operators_source = reader.text(table, "operators_source", where, required=True)
    max_km = reader.number(table, "max_range_km", where)
    min_km = reader.number(table, "min_range_km", where)
    if max_km is None:
        raise reader.fail(where, "'max_range_km' is missing")
    if max_km <= 0:
        raise reader.fail(where, f"'max_range_km' must be greater than 0, got {max_km:g}")
    if min_km is not None:
        if min_km < 0:
            raise reader.fail(where, f"'min_range_km' must not be negative, got {min_km:g}")
        if min_km > max_km:
            raise reader.fail(
                where,
                f"'min_range_km' ({min_km:g}) must not exceed 'max_range_km' ({max_km:g})",
            )
    low_km = reader.number(table, "range_km_low", where)
    high_km = reader.number(table, "range_km_high", where)
    if (low_km is None) != (high_km is None):
        raise reader.fail(where, "'range_km_low' and 'range_km_high' must be given together")
    if low_km is not None and high_km is not None:
        if low_km <= 0:
            raise reader.fail(where, f"'range_km_low' must be greater than 0, got {low_km:g}")
        if low_km > high_km:
            raise reader.fail(
                where,
                f"'range_km_low' ({low_km:g}) must not exceed 'range_km_high' ({high_km:g})",
            )
        if not low_km <= max_km <= high_km:
            raise reader.fail(
                where,
                f"'max_range_km' ({max_km:g}) must lie within the spread "
                f"{low_km:g}-{high_km:g} km",
            )
    if url is not None and not url.startswith(("https://", "http://")):
        raise reader.fail(where, f"'url' must be an http(s) address, got {url!r}")
    assert name is not None
    assert source is not None
    return Variant(
        id=variant_id,
        name=name,
        min_range_km=min_km,
        max_range_km=max_km,
        source=source,
        url=url,
        note=note,
        aliases=aliases,
        operators=operators,
        operators_source=operators_source,
        range_km_low=low_km,
        range_km_high=high_km,
    )


def _read_weapon(reader: _Reader, raw: object, where: str) -> Weapon:
    table = reader.table(raw, where)
    reader.keys(table, _WEAPON_KEYS, where)
    weapon_id = reader.slug(table, where)
    where = f"{where} ({weapon_id})"
    name = reader.text(table, "name", where, required=True)
    kind = reader.text(table, "type", where, required=True)
    country = reader.text(table, "country", where, required=True)
    note = reader.text(table, "note", where, required=False)
    aliases = reader.texts(table, "aliases", where)
    case_sensitive = reader.texts(table, "text_case_sensitive", where)
    role = reader.text(table, "role", where, required=False) or DEFAULT_ROLE
    assert name is not None
    assert kind is not None
    assert country is not None
    if kind not in WEAPON_TYPES:
        raise reader.fail(where, f"'type' must be one of {', '.join(WEAPON_TYPES)}; got {kind!r}")
    if role not in WEAPON_ROLES:
        raise reader.fail(where, f"'role' must be one of {', '.join(WEAPON_ROLES)}; got {role!r}")
    for alias in case_sensitive:
        if alias not in (weapon_id, name, *aliases):
            raise reader.fail(
                where, f"'text_case_sensitive' entry {alias!r} is not the weapon's name or alias"
            )
    raw_variants = table.get("variants")
    if not isinstance(raw_variants, list) or not raw_variants:
        raise reader.fail(where, "needs at least one [[weapons.variants]] entry")
    variants = tuple(
        _read_variant(reader, item, f"{where} variants[{j}]") for j, item in enumerate(raw_variants)
    )
    return Weapon(
        id=weapon_id,
        name=name,
        aliases=aliases,
        type=kind,
        country=country,
        variants=variants,
        note=note,
        text_case_sensitive=case_sensitive,
        role=role,
    )


def _weapon_labels(weapon: Weapon) -> tuple[str, ...]:
    """Display names of a weapon, best first: name, aliases, id."""
    return (weapon.name, *weapon.aliases, weapon.id)


def _variant_labels(variant: Variant) -> tuple[str, ...]:
    """Display names of a variant, best first: name, aliases, id."""
    return (variant.name, *variant.aliases, variant.id)


def _text_regex(label: str, *, case_sensitive: bool) -> str:
    """Return a regular expression matching `label` in running text."""
    tokens = [
        _SEP_INNER.join(re.escape(part) for part in _LETTER_DIGIT.split(token))
        for token in _TOKEN.findall(label)
    ]
    body = _SEP_OUTER.join(tokens)
    return f"(?-i:{body})" if case_sensitive else body


def _text_matcher(
    labels: Iterable[tuple[str, Weapon, bool]],
) -> tuple[re.Pattern[str], dict[str, Weapon]]:
    """Compile one pattern that finds every label in running text.

    Parameters
    ----------
    labels : iterable of (str, Weapon, bool)
        Each name to find, the weapon it stands for, and whether it must match
        with its exact capitalisation.

    Returns
    -------
    tuple
        The pattern and a map from its group names to weapons.

    Notes
    -----
    Within each group of names sharing a first character the longest comes
    first, so at any one place the longest name wins. The groups are
    dispatched on that first character, so at a word start only the names
    that can match there are tried.

    """
    ordered = sorted(labels, key=lambda item: (-len(fold_alnum(item[0])), -len(item[0])))
    groups: dict[str, Weapon] = {}
    by_initial: dict[str, list[str]] = {}
    seen: set[str] = set()
    for label, weapon, case_sensitive in ordered:
        regex = _text_regex(label, case_sensitive=case_sensitive)
        if regex in seen:
            continue
        seen.add(regex)
        group = f"g{len(groups)}"
        groups[group] = weapon
        initial = fold_alnum(label)[0]
        by_initial.setdefault(initial, []).append(f"(?P<{group}>{regex})")
    branches = [
        f"(?={re.escape(initial)}){'(?:' + '|'.join(alternatives) + ')'}"
        for initial, alternatives in by_initial.items()
    ]
    pattern = re.compile(rf"(?<!\w)(?:{'|'.join(branches)}){_MENTION_END}", re.IGNORECASE)
    return pattern, groups


def _index(reader: _Reader, weapons: tuple[Weapon, ...]) -> _Catalogue:
    """Check names for clashes and build the lookup tables."""
    weapon_keys: dict[str, Weapon] = {}
    weapon_display: dict[str, str] = {}
    variant_keys: dict[str, tuple[Weapon, Variant]] = {}
    variant_display: dict[str, str] = {}
    variant_ids: dict[str, str] = {}
    # (label, weapon, case sensitive) spotted in prose
    text_labels: list[tuple[str, Weapon, bool]] = []

    for weapon in weapons:
        if weapon.id in (w.id for w in weapon_keys.values()):
            raise reader.fail("", f"weapon id {weapon.id!r} is used twice")
        for label in _weapon_labels(weapon):
            key = fold_alnum(label)
            if not key:
                raise reader.fail(weapon.id, f"name {label!r} has no letters or digits")
            other = weapon_keys.get(key)
            if other is not None and other is not weapon:
                raise reader.fail(weapon.id, f"name {label!r} also names weapon {other.id!r}")
            weapon_keys[key] = weapon
            weapon_display.setdefault(key, label)
            text_labels.append((label, weapon, label in weapon.text_case_sensitive))

    for weapon in weapons:
        own_keys = [fold_alnum(label) for label in _weapon_labels(weapon)]
        for variant in weapon.variants:
            where = f"{weapon.id} variant {variant.id}"
            if variant.id in variant_ids:
                raise reader.fail(
                    where, f"variant id {variant.id!r} is also used by {variant_ids[variant.id]!r}"
                )
            variant_ids[variant.id] = weapon.id
            for label in _variant_labels(variant):
                key = fold_alnum(label)
                if not key:
                    raise reader.fail(where, f"name {label!r} has no letters or digits")
                owner = weapon_keys.get(key)
                if owner is not None and owner is not weapon:
                    raise reader.fail(where, f"name {label!r} also names weapon {owner.id!r}")
                if owner is weapon and len(weapon.variants) > 1:
                    raise reader.fail(
                        where,
                        f"name {label!r} is also the weapon's name, which selects every variant",
                    )
                variant_display.setdefault(key, label)
                if any(own in key for own in own_keys):
                    text_labels.append((label, weapon, False))
                candidates = [key, *(own + key for own in own_keys)]
                for candidate in candidates:
                    other_weapon = weapon_keys.get(candidate)
                    if other_weapon is not None and other_weapon is not weapon:
                        raise reader.fail(
                            where, f"name {label!r} after the weapon's name names another weapon"
                        )
                    seen = variant_keys.get(candidate)
                    if seen is not None and seen[1] is not variant:
                        raise reader.fail(
                            where, f"name {label!r} also names variant {seen[1].id!r}"
                        )
                    variant_keys[candidate] = (weapon, variant)
                for weapon_label in _weapon_labels(weapon):
                    text_labels.append((f"{weapon_label} {label}", weapon, False))

    return _Catalogue(
        weapons=weapons,
        weapon_keys=weapon_keys,
        variant_keys=variant_keys,
        weapon_display=weapon_display,
        variant_display=variant_display,
        text_labels=tuple(text_labels),
    )


def _read_catalogue(path: Path) -> _Catalogue:
    """Read, validate and index the catalogue at `path` (uncached)."""
    reader = _Reader(path)
    try:
        raw_text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise reader.fail("", "file not found") from None
    except OSError as exc:
        raise reader.fail("", f"cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise reader.fail("", f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        data = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as exc:
        raise reader.fail("", f"is not valid TOML ({exc})") from None

    reader.keys(data, {"schema", "weapons"}, "top level")
    if data.get("schema") != _SCHEMA:
        raise reader.fail("top level", f"'schema' must be {_SCHEMA}, got {data.get('schema')!r}")
    raw_weapons = data.get("weapons")
    if not isinstance(raw_weapons, list) or not raw_weapons:
        raise reader.fail("top level", "needs at least one [[weapons]] entry")
    weapons = tuple(
        _read_weapon(reader, item, f"weapons[{i}]") for i, item in enumerate(raw_weapons)
    )
    return _index(reader, weapons)


@cache
def _default_catalogue() -> _Catalogue:
    """Return the bundled catalogue, read once per process."""
    return _read_catalogue(_catalogue_path())


def _catalogue(path: str | Path | None) -> _Catalogue:
    return _default_catalogue() if path is None else _read_catalogue(Path(path))


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def load_catalogue(path: str | Path | None = None) -> tuple[Weapon, ...]:
    """Load and validate the weapons catalogue.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A catalogue file in the format of the bundled ``weapons.toml``. By
        default the bundled catalogue, which is read once and cached; a given
        path is read afresh on every call.

    Returns
    -------
    tuple of Weapon
        The weapons in file order.

    Raises
    ------
    rangemap.errors.DataFileError
        If the file is missing, not TOML, or breaks a rule: every weapon has an
        id (a lowercase slug), name, type (one of :data:`WEAPON_TYPES`),
        country and at least one variant; every variant has an id,
        name, non-empty ``source`` and ``max_range_km`` > 0, and
        ``0 <= min_range_km <= max_range_km`` where given,
        ``0 < range_km_low <= max_range_km <= range_km_high`` where a spread
        is given (both ends or neither), a ``role`` (if given) one of
        :data:`WEAPON_ROLES`, and ``operators``
        (a non-empty list of distinct two-letter upper-case ISO 3166-1
        codes) with a non-empty ``operators_source``; ids are unique and
        no name means two different weapons or variants.

    Examples
    --------
    >>> weapons = load_catalogue()
    >>> "atacms" in [w.id for w in weapons]
    True

    """
    return _catalogue(path).weapons


def _unknown(name: str, display: Mapping[str, str]) -> UnknownNameError:
    """Return the error for an unknown weapon `name` with close suggestions."""
    suggestions = suggest(fold_alnum(name), display, n=_MAX_SUGGESTIONS * 2)
    return UnknownNameError(
        f"unknown weapon {name!r}; see 'rangemap weapons' for the list",
        suggestions[:_MAX_SUGGESTIONS],
    )


def find_weapon(name: str) -> Weapon:
    """Return the weapon with id, name or alias `name`.

    Parameters
    ----------
    name : str
        Matched ignoring case, spaces, hyphens, underscores and other
        punctuation (``"Storm-Shadow"``, ``"kn23"``). Variant names are not
        accepted here; see :func:`find_weapon_variants`.

    Returns
    -------
    Weapon

    Raises
    ------
    rangemap.errors.UnknownNameError
        If no weapon has that name; ``suggestions`` holds up to five close
        names.

    Examples
    --------
    >>> find_weapon("storm shadow").id
    'storm-shadow'
    >>> find_weapon("Army Tactical Missile System").name
    'ATACMS'

    """
    catalogue = _default_catalogue()
    weapon = catalogue.weapon_keys.get(fold_alnum(name))
    if weapon is None:
        raise _unknown(name, catalogue.weapon_display)
    return weapon


def find_weapon_variants(name: str) -> tuple[Weapon, tuple[Variant, ...]]:
    """Return a weapon and the variants that `name` selects.

    Parameters
    ----------
    name : str
        A weapon's id, name or alias selects all of its variants; a variant's
        id, name or alias, alone or after a name of its weapon (``"M39A1"``,
        ``"ATACMS M39A1"``, ``"ATACMS Block IA"``), selects that variant only.
        Matched ignoring case and punctuation as in :func:`find_weapon`.

    Returns
    -------
    tuple
        ``(weapon, variants)``, the variants in catalogue order.

    Raises
    ------
    rangemap.errors.UnknownNameError
        If nothing has that name; ``suggestions`` holds up to five close
        weapon or variant names.

    Examples
    --------
    >>> weapon, variants = find_weapon_variants("atacms")
    >>> [v.id for v in variants]
    ['m39', 'm39a1', 'm48-m57']
    >>> find_weapon_variants("M39")[1][0].max_range_km
    165.0

    """
    catalogue = _default_catalogue()
    key = fold_alnum(name)
    weapon = catalogue.weapon_keys.get(key)
    if weapon is not None:
        return weapon, weapon.variants
    found = catalogue.variant_keys.get(key)
    if found is not None:
        return found[0], (found[1],)
    # A weapon's own spelling wins over a variant's for the same key.
    raise _unknown(name, {**catalogue.variant_display, **catalogue.weapon_display})


def weapon_names() -> list[str]:
    """Return every id, name and alias of every weapon.

    Returns
    -------
    list of str
        Without duplicates, longest first (then alphabetical), ready to build a
        matcher that prefers the longest name.

    Examples
    --------
    >>> "Storm Shadow" in weapon_names()
    True

    """
    names = {label for weapon in _default_catalogue().weapons for label in _weapon_labels(weapon)}
    return sorted(names, key=lambda label: (-len(label), label.casefold(), label))


def find_weapons_in_text(text: str) -> list[tuple[Weapon, int, int, str]]:
    """Find every mention of a catalogued weapon in `text`.

    A mention is a weapon's id, name or alias, or a variant name that contains
    one of those (``"Long Neptune"``, ``"ATACMS M39A1"``), as whole words,
    ignoring case (except the weapon's ``text_case_sensitive`` aliases) and
    allowing spaces, hyphens or dashes between parts (``"KN 23"``,
    ``"Storm-Shadow"``). A trailing plural or possessive ``s`` may follow but
    is not part of the match. Where names overlap the longest wins; mentions
    do not overlap.

    Parameters
    ----------
    text : str
        Any text, e.g. a news article.

    Returns
    -------
    list of tuple
        ``(weapon, start, end, matched_text)`` for each mention in text
        order, where ``text[start:end] == matched_text``.

    Examples
    --------
    >>> [(w.id, s, e, m) for w, s, e, m in find_weapons_in_text("Two Storm-Shadows hit")]
    [('storm-shadow', 4, 16, 'Storm-Shadow')]

    """
    # A name can only match where its letters and digits stand in a row (the
    # separators it allows are neither), so the pattern is built over the
    # names whose folded form occurs in the folded text: a few, not hundreds.
    folded = _NOT_ALNUM.sub("", text.casefold())
    present = tuple(i for i, key in enumerate(_label_keys()) if key in folded)
    if not present:
        return []
    pattern, groups = _matcher_for(present)
    found: list[tuple[Weapon, int, int, str]] = []
    for match in pattern.finditer(text):
        group = match.lastgroup
        assert group is not None
        found.append((groups[group], match.start(), match.end(), match.group()))
    return found


_NOT_ALNUM = re.compile(r"[\W_]+")


def strike_weapons() -> tuple[Weapon, ...]:
    """Return the catalogue's strike weapons, without air-defence systems.

    Returns
    -------
    tuple of Weapon
        In catalogue order, every weapon whose ``role`` is ``"strike"``: the
        ones whose range says what they can hit. Air-defence systems (S-400,
        Patriot) are left out; their range is an umbrella around where they
        stand.

    Examples
    --------
    >>> "mim-104" in [w.id for w in strike_weapons()]
    False
    >>> "atacms" in [w.id for w in strike_weapons()]
    True

    """
    return tuple(w for w in _default_catalogue().weapons if w.is_strike)


def weapons_for_side(
    side: str, *, role: str | None = "strike"
) -> tuple[tuple[Weapon, tuple[Variant, ...]], ...]:
    """Return the catalogued weapons a country fields, with the variants it fields.

    Parameters
    ----------
    side : str
        ISO 3166-1 alpha-2 code, any case (``"UA"``, ``"RU"``).
    role : str or None, default "strike"
        Keep only weapons with this role (one of :data:`WEAPON_ROLES`), or
        every weapon for None. By default strike weapons only, so that what a
        side can strike never lists its air defences.

    Returns
    -------
    tuple of (Weapon, tuple of Variant)
        In catalogue order, only weapons with at least one variant the side
        fields, each with those variants (the shape of
        :func:`find_weapon_variants`). Empty for a country that fields none.

    Raises
    ------
    rangemap.errors.InputError
        If `side` is not a two-letter code, or `role` is not a known role.

    Examples
    --------
    >>> [w.id for w, _ in weapons_for_side("RU")][:4]
    ['iskander-m', 'kh-101', 'kalibr', 'kn-23']
    >>> "s-400" in [w.id for w, _ in weapons_for_side("RU")]
    False
    >>> [w.id for w, _ in weapons_for_side("RU", role="air defence")]
    ['s-400']
    >>> "taurus" in [w.id for w, _ in weapons_for_side("UA")]
    False

    """
    code = _side_code(side)
    if role is not None and role not in WEAPON_ROLES:
        raise InputError(f"role must be one of {', '.join(WEAPON_ROLES)} or None; got {role!r}")
    found = []
    for weapon in _default_catalogue().weapons:
        if role is not None and weapon.role != role:
            continue
        variants = weapon.variants_for(code)
        if variants:
            found.append((weapon, variants))
    return tuple(found)


@cache
def _label_keys() -> tuple[str, ...]:
    """Return the folded form of every name the default catalogue spots in text."""
    return tuple(fold_alnum(label) for label, _, _ in _default_catalogue().text_labels)


@cache
def _matcher_for(present: tuple[int, ...]) -> tuple[re.Pattern[str], dict[str, Weapon]]:
    """Return the text pattern over the default catalogue's names with these indexes."""
    labels = _default_catalogue().text_labels
    return _text_matcher(labels[i] for i in present)
