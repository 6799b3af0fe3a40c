"""The two ends of a stated distance: a place name and what it is measured to.

A name is tried as written and without generic words ("Engels airbase",
"the city of Kursk"); a reference of "the border" is the land border the
place and the text's countries share (Ukraine–Russia or Ukraine–Belarus),
"the front line" the front of a control file. Distances to a line or an
area are to their nearest point, exact on WGS84.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from rangemap.errors import RangemapError

if TYPE_CHECKING:
    from rangemap.places import ControlData, Place

__all__ = ["countries_named", "distance_km", "resolve_name", "resolve_reference"]

_COUNTRY_WORDS = {
    "ukraine": "UA", "ukrainian": "UA", "ukraine's": "UA",
    "russia": "RU", "russian": "RU", "russia's": "RU",
    "belarus": "BY", "belarusian": "BY", "belarus's": "BY",
}  # fmt: skip
_BORDERS = {frozenset({"UA", "RU"}): "border:UA-RU", frozenset({"UA", "BY"}): "border:UA-BY"}
_GENERIC = frozenset(
    {"airbase", "air", "base", "airfield", "oblast", "region", "province", "city", "town",
     "village", "port", "depot", "refinery", "plant", "republic", "district", "krai"}
)  # fmt: skip
_FRONT_RE = re.compile(r"\b(?:front(?:[ -]?lines?)?|line of contact|contact line)\b")
_BORDER_RE = re.compile(r"\b(?:border|borders|frontier|boundary)\b")
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")


def countries_named(text: str) -> frozenset[str]:
    """Return the ISO codes of Ukraine, Russia and Belarus that a text names."""
    found = set()
    lowered = text.lower()
    for word, code in _COUNTRY_WORDS.items():
        if word in lowered:
            found.add(code)
    return frozenset(found)


def _candidates(name: str) -> list[str]:
    """Names to try for a place as written: whole, without generic words, word by word."""
    words = _WORD_RE.findall(name)
    if not words:
        return []
    out = [" ".join(words)]
    kept = [w for w in words if w.lower() not in _GENERIC]
    if any(w.lower() in ("oblast", "region", "province") for w in words) and kept:
        out.insert(0, "region:" + " ".join(kept))
    if kept and kept != words:
        out.append(" ".join(kept))
    out += [w for w in reversed(kept) if w[:1].isupper() and len(kept) > 1]
    if words[0].lower() == "the" and len(words) > 1:
        out.append(" ".join(words[1:]))
    seen: dict[str, None] = {}
    for c in out:
        seen.setdefault(c, None)
    return list(seen)


@lru_cache(maxsize=1024)
def resolve_name(name: str) -> Place | None:
    """Return the place a name in a distance statement stands for, or None."""
    from rangemap.places import looks_like_launch_path, resolve_launch

    for candidate in _candidates(name):
        if looks_like_launch_path(candidate) or len(candidate) > 100:
            continue
        try:
            return resolve_launch(candidate)
        except RangemapError:
            continue
    return None


def resolve_reference(
    reference: str, place: Place, context: frozenset[str], control: ControlData | None
) -> tuple[Place | None, str]:
    """Return what a distance is measured to (a border, the front, a place), or why not."""
    lowered = reference.lower()
    if _FRONT_RE.search(lowered):
        if control is None:
            return None, (
                "the bundled control data mark whole regions, not the front line: "
                "give a control file (--control FILE) to check distances to the front"
            )
        from rangemap.places import Place, front_line

        line = front_line("UA", control=control)
        if line.is_empty:
            return None, "the control data give no front line inside Ukraine"
        return Place(name="front line (control file)", kind="border", geom=line), ""
    if _BORDER_RE.search(lowered):
        named = {code for word, code in _COUNTRY_WORDS.items() if word in lowered.split()}
        codes = set(named)
        if place.country:
            codes.add(place.country)
        if len(codes) < 2:
            codes |= context
        border = _BORDERS.get(frozenset(codes))
        if border is None and codes & {"UA", "RU"} and "BY" not in codes:
            border = "border:UA-RU"
        if border is None and named and place.country and len(codes) > 2:
            border = _BORDERS.get(frozenset(named | {place.country}))
        if border is None:
            shown = ", ".join(sorted(codes)) or "none"
            return None, f"which border {reference!r} is cannot be told (countries named: {shown})"
        from rangemap.places import resolve_launch

        return resolve_launch(border), ""
    resolved = resolve_name(reference)
    if resolved is None:
        return None, f"no city, region, country or border {reference!r}"
    return resolved, ""


def distance_km(place: Place, reference: Place) -> float:
    """Return the geodesic distance (km) from a place to what it is measured to."""
    if place.is_point:
        from rangemap.geodesy import distance_to_km

        lon, lat = place.anchor
        return distance_to_km(reference.geometry, lon, lat)
    from rangemap.need import distance_between_km

    return distance_between_km(place.geometry, reference.geometry)
