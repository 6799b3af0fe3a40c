"""The catalogue's model: weapons, their variants and published ranges.

Each :class:`Weapon` has one or more :class:`Variant` records, and each
variant has a published range in kilometres with the source it was taken
from. The records are frozen dataclasses; :mod:`rangemap.catalogue.schema`
reads them from the catalogue file.

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
ring from a launch area. :func:`~rangemap.catalogue.strike_weapons` and, by
default, :func:`~rangemap.catalogue.weapons_for_side` list strike weapons
only, so the range a target needs is never compared with an interceptor's
reach.

Operators
---------
Every variant names who fields it, as ISO 3166-1 alpha-2 codes
(``operators``, e.g. ``("US", "UA")`` for ATACMS M39A1; ``"GB"`` is the
United Kingdom), with the publication that says so (``operators_source``). A
country counts as an operator when its forces hold and use the variant, not
when it has been promised or has asked for it: Ukraine does not operate Taurus,
which Germany has refused to supply. :meth:`Weapon.operated_by` and
:func:`~rangemap.catalogue.weapons_for_side` give the weapons a side of the
war can launch; the lists are checked for Ukraine and Russia and their suppliers, and further
export customers may be missing.

"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rangemap._names import country_code
from rangemap._records import record_dict
from rangemap.errors import InputError

__all__ = [
    "DEFAULT_ROLE",
    "VARIANT_KEYS",
    "WEAPON_KEYS",
    "WEAPON_ROLES",
    "WEAPON_TYPES",
    "Variant",
    "Weapon",
]

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

#: The keys of a variant, as the catalogue file writes them and in the order
#: its JSON prints them (``rangemap weapons --json``). That is not the order
#: the fields are declared in, which is the records' positional signature.
VARIANT_KEYS: tuple[str, ...] = (
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
)
#: The keys of a weapon, likewise: the catalogue's, in the JSON's order.
WEAPON_KEYS: tuple[str, ...] = (
    "id",
    "name",
    "aliases",
    "type",
    "role",
    "country",
    "note",
    "text_case_sensitive",
    "variants",
)


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
        >>> from rangemap.catalogue import find_weapon_variants
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
        return country_code(side) in self.operators

    def to_dict(self) -> dict[str, Any]:
        """Return the variant as a JSON-ready dictionary.

        Returns
        -------
        dict
            Every field, tuples as lists
            (:func:`~rangemap._records.record_dict`).

        """
        return record_dict(self, VARIANT_KEYS)


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
        Aliases that :func:`~rangemap.catalogue.find_weapons_in_text` matches
        only with their exact capitalisation, because they are also ordinary
        words (``"SCALP"``).
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
        >>> from rangemap.catalogue import find_weapon
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
        >>> from rangemap.catalogue import find_weapon
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
        >>> from rangemap.catalogue import find_weapon
        >>> d = find_weapon("taurus").to_dict()
        >>> d["name"], d["variants"][0]["max_range_km"]
        ('Taurus KEPD 350', 500.0)

        """
        data = record_dict(self, WEAPON_KEYS)
        data["variants"] = [v.to_dict() for v in self.variants]  # in VARIANT_KEYS order
        return data
