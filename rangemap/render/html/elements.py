"""folium elements that never compile user text as a template.

branca's ``Element(text)`` compiles its text as a Jinja2 template, and
branca's ``MacroElement.render`` wraps every folium element's rendered
script in such an ``Element``. :class:`HtmlBlock` puts markup into a page as
data of a fixed template; :class:`_Inert` renders an element's macros into
HtmlBlocks; every folium class the map uses that carries user text has a
subclass here with :class:`_Inert` as its second base. :class:`SafeTooltip`
replaces ``folium.Tooltip``. See :mod:`rangemap.render.html`.

folium adds small helper elements of its own while a map renders (a layer's
``addTo``, a marker's ``setIcon``), which ``MacroElement.render`` would
compile one by one: hundreds of Jinja2 compiles a map. :class:`_Inert`
renders those too, as the same text (:func:`_as_rendered`).
"""

from __future__ import annotations

import copy
import re
from collections import OrderedDict
from functools import lru_cache
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from folium.elements import ElementAddToElement
from folium.template import Template

from rangemap.render.assets import DRAWN_JS
from rangemap.render.safe import escape_html
from rangemap.render.templating import macros


class HtmlBlock(Element):
    """Markup placed in a page as it is: never compiled as a template.

    Parameters
    ----------
    markup : str
        HTML built by rangemap, every user string in it already escaped
        (:func:`rangemap.render.safe.escape_html`).
    """

    _template = Template("{{ this.markup }}")

    def __init__(self, markup: str) -> None:
        super().__init__()
        self._name = "HtmlBlock"
        self.markup = markup


#: folium's helper elements whose macros write JavaScript names only, and have
#: no render of their own: rendered by :class:`_Inert` without a compile each.
_HELPERS: tuple[type[MacroElement], ...] = (ElementAddToElement, folium.Marker.SetIcon)
_NEWLINE = re.compile(r"(\r\n|\r|\n)")
_JINJA = ("{{", "{%", "{#")


def _as_rendered(text: str) -> Element:
    """Return an element rendering as ``Element(text)`` does, without compiling ``text``.

    Jinja2 reads every line break of a template as one newline character and
    drops one trailing newline; text without Jinja2 syntax is otherwise its
    own output. Text
    holding Jinja2 syntax is left to ``Element`` (never the case for
    :data:`_HELPERS`, whose output is JavaScript names).
    """
    if any(mark in text for mark in _JINJA):
        return Element(text)
    lines = _NEWLINE.split(text)[::2]
    if lines[-1] == "":
        del lines[-1]
    return HtmlBlock("\n".join(lines))


def _render_helper(element: MacroElement, figure: Figure, kwargs: dict[str, Any]) -> None:
    """Render one of folium's :data:`_HELPERS` as ``MacroElement.render`` does, uncompiled."""
    macros = element._template.module.__dict__
    parts = (("header", figure.header), ("html", figure.html), ("script", figure.script))
    for part, target in parts:
        macro = macros.get(part)
        if macro is not None:
            target.add_child(_as_rendered(macro(element, kwargs)), name=element.get_name())
    for child in element._children.values():
        child.render(**kwargs)


class _Inert(MacroElement):
    """Render an element's macros into the page without compiling them again.

    :meth:`branca.element.MacroElement.render` wraps each macro's output in
    ``Element(output)``, which compiles it as a Jinja2 template: text in the
    element's data would be evaluated. This does the same with
    :class:`HtmlBlock`. A folium class gets it as a second base after its own
    (``class X(folium.Y, _Inert)``), which puts it just before MacroElement
    in the method order, so folium's own ``render`` still runs first.
    """

    def get_name(self) -> str:
        """Return the element's JavaScript name, branca's, worked out once per name and id.

        The templates ask for it many times (branca's rebuilds it each time).
        """
        key = (self._name, self._id)
        named: tuple[tuple[str, str], str] | None = self.__dict__.get("_rangemap_name")
        if named is None or named[0] != key:
            named = (key, super().get_name())
            self.__dict__["_rangemap_name"] = named
        return named[1]

    def render(self, **kwargs: Any) -> str:
        """Render the element's header, html and script macros, then its children.

        Returns
        -------
        str
            An empty string: the output goes into the figure's parts.
        """
        figure = self.get_root()
        assert isinstance(figure, Figure), "an element renders only inside a Figure"
        macros = self._template.module.__dict__
        for part, target in (
            ("header", figure.header),
            ("html", figure.html),
            ("script", figure.script),
        ):
            macro = macros.get(part)
            if macro is not None:
                target.add_child(HtmlBlock(str(macro(self, kwargs))), name=self.get_name())
        for element in self._children.values():
            if isinstance(element, MacroElement) and type(element) in _HELPERS:
                _render_helper(element, figure, kwargs)
            else:
                element.render(**kwargs)
        return ""


class _FeatureGroup(folium.FeatureGroup, _Inert):
    """A layer of the layer control, rendered without compiling."""


class _LayerControl(folium.LayerControl, _Inert):
    """The layer control (layer names as JSON), rendered without compiling."""


class _GeoJson(folium.GeoJson, _Inert):
    """GeoJSON data (as JSON), rendered without compiling."""


class _DivIcon(folium.DivIcon, _Inert):
    """A text label icon (its HTML as JSON), rendered without compiling."""


class _TileLayer(folium.TileLayer, _Inert):
    """A tile layer (a user's URL template as JSON), rendered without compiling.

    folium looks every URL up among xyzservices' ~900 provider names before
    taking it as a URL (2 ms a layer): :func:`_tile_layer` builds each
    distinct layer once and copies it.
    """


def _tile_layer(url: str, **options: Any) -> _TileLayer:
    """Return a new layer, the same as ``_TileLayer(url, **options)`` (options hashable).

    A copy of the first one built, with an id, children and parent of its own.
    """
    first = _first_tile_layer(url, tuple(options.items()))
    layer = copy.copy(first)
    layer._id = layer._generate_id()
    layer._children = OrderedDict()
    layer._parent = None
    layer.options = dict(first.options)
    return layer


@lru_cache(maxsize=16)
def _first_tile_layer(url: str, options: tuple[tuple[str, Any], ...]) -> _TileLayer:
    return _TileLayer(url, **dict(options))


# folium.Marker.render takes no keywords; _Inert.render passes them on to children.
class _CircleMarker(folium.CircleMarker, _Inert):  # type: ignore[misc]
    """A dot (a launch point, a site), rendered without compiling: one page may hold thousands."""


class _Marker(folium.Marker, _Inert):  # type: ignore[misc]
    """A marker carrying a label icon, rendered without compiling."""


class _Drawn(MacroElement):
    """The map's last script: marks the map drawn, which keeps the failure message hidden."""

    _template = Template("{% macro script(this, kwargs) %}" + DRAWN_JS + "{% endmacro %}")

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "RangemapDrawn"

    def render(self, **kwargs: Any) -> str:
        """Render the script as ``MacroElement.render`` does, without compiling it again.

        Returns
        -------
        str
            An empty string: the output goes into the figure's script.
        """
        figure = self.get_root()
        assert isinstance(figure, Figure), "an element renders only inside a Figure"
        _render_helper(self, figure, kwargs)
        return ""


class SafeTooltip(folium.Tooltip, _Inert):
    """A Leaflet tooltip showing plain text literally.

    folium's :class:`folium.Tooltip` writes its text raw into a JavaScript
    template literal: HTML escaping does not stop a backtick, a backslash or
    ``${...}`` there. This one escapes the text for HTML and hands it to
    ``bindTooltip`` as a JSON string.

    Parameters
    ----------
    text : str
        Plain text (not markup).
    **kwargs
        Leaflet tooltip options, as for :class:`folium.Tooltip`.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.bindTooltip(
                {{ this.markup|tojson }},
                {{ this.options|tojavascript }}
            );
        {% endmacro %}
        """
    )

    def __init__(self, text: str, **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.markup = str(macros("map.html.j2").tooltip(text))


def _group(name: str, *, show: bool = True) -> folium.FeatureGroup:
    """Return a layer named ``name`` (plain text; Leaflet's layer control shows HTML)."""
    return _FeatureGroup(name=escape_html(name), show=show)
