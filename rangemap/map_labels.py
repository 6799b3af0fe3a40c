"""Ring labels: one per distinct range, two per band, placed on the map by the renderers.

Rings or reaches of equal range from one launch share one label naming them
all (``"ATACMS M39A1, Storm Shadow · 300 km"``); comparison layers are
labelled apart, since they can be switched off. A band is labelled at both
edges, with its low and high reading.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rangemap.units import format_km

if TYPE_CHECKING:
    from rangemap.scene import RangeLayer

__all__ = ["MapLabel", "ring_labels"]


@dataclass(frozen=True)
class MapLabel:
    """One label on the map: the text drawn, its tooltip, the layers it names and where.

    Attributes
    ----------
    text : str
        Short text, e.g. ``"ATACMS M39A1, Storm Shadow · 300 km"``.
    tooltip : str
        Every layer's full text (weapon names, source), one per line.
    layers : tuple of int
        Indexes into :attr:`Scene.layers` of the layers labelled (rings of
        equal range share one label).
    edge : int
        Which outline of the layers it sits on: 0 (a ring, a reach, a
        band's low edge) or 1 (a band's high edge).
    """

    text: str
    tooltip: str
    layers: tuple[int, ...]
    edge: int = 0


def ring_labels(layers: Sequence[RangeLayer]) -> list[MapLabel]:
    """Return the labels of a map's range layers (see the module notes).

    Parameters
    ----------
    layers : sequence of RangeLayer
        The map's layers, in drawing order.

    Returns
    -------
    list of MapLabel
        Each label with the indexes of the layers it names.
    """
    groups: dict[tuple[object, ...], list[int]] = {}
    for i, layer in enumerate(layers):
        spec = layer.spec
        key: tuple[object, ...] = (
            spec.low_km,
            spec.high_km,
            layer.launch.name,
            spec.comparison is None,
        )
        if spec.is_band:
            key += (i,)
        groups.setdefault(key, []).append(i)
    labels = []
    for members in groups.values():
        first = layers[members[0]].spec
        names = list(dict.fromkeys(n for i in members if (n := layers[i].spec.name)))
        who = ", ".join(names)
        if len(who) > 48:
            who = names[0] + f" and {len(names) - 1} more"
        tooltip = "\n".join(
            (f"{layers[i].legend}. " if layers[i].spec.comparison else "")
            + layers[i].tooltip
            for i in members
        )
        if first.is_band:
            low = f"{format_km(first.low_km)} (low reading)"
            high = f"{format_km(first.high_km)} (high reading)"
            labels.append(MapLabel(low, tooltip, tuple(members), 0))
            labels.append(
                MapLabel(f"{who} · {high}" if who else high, tooltip, tuple(members), 1)
            )
            continue
        distance = first.short_label
        if len(members) > 1 and len({layers[i].spec.label for i in members}) > 1:
            distance = format_km(first.high_km)
        text = f"{who} · {distance}" if who else distance
        labels.append(MapLabel(text, tooltip, tuple(members)))
    return labels
