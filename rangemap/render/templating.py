"""rangemap's HTML templates: the one Jinja2 environment, autoescaped, that renders them.

Every piece of HTML rangemap writes that is not folium's comes from a
template in ``rangemap/render/templates/``: the report page
(``report.html.j2``), the map's panel with its legend and summary
(``panel.html.j2``), the map's own parts (``map.html.j2``: its title,
stylesheet, labels and tooltips) and the fragment around a map
(``fragment.html.j2``). They are read through a package loader, so they are
found wherever rangemap is installed.

Escaping
--------
Autoescape is on, and every value a template prints goes through
:func:`rangemap.render.safe.escape_html` (the environment's ``finalize``),
which also writes braces and backticks as character references: text from an
article, a file or the command line is literal text in the page, and inert
even where it lands in a later template or a JavaScript template literal.
Only :class:`markupsafe.Markup` values (rangemap's own markup: a rendered
template, a bundled stylesheet) are printed as they are. An undefined name is
an error, never an empty string.

Compact templates
-----------------
A template whose source starts with ``{# compact #}`` is written over many
lines for reading, but its markup has no whitespace between the lines: every
line break and the indentation after it is dropped from the source before it
is compiled (never from the values it prints). Text that needs a space
keeps it inside one line. The map's templates are compact, so their output is
one line of markup, as a browser and the map's scripts expect it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import jinja2
from jinja2.ext import Extension
from markupsafe import Markup

from rangemap.render.safe import escape_html

__all__ = ["macros", "render"]

_COMPACT = "{# compact #}"
_LINE_BREAK = re.compile(r"\n[ \t]*")


class _Compact(Extension):
    """Drop the line breaks and their indentation from templates marked compact."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        """Return `source` without line breaks if it starts with ``{# compact #}``.

        Parameters
        ----------
        source : str
            The template's source.
        name, filename : str or None
            The template's name and file (unused).

        Returns
        -------
        str
            The source to compile.
        """
        if not source.startswith(_COMPACT):
            return source
        return _LINE_BREAK.sub("", source[len(_COMPACT) :])


def _finalize(value: object) -> Markup:
    """Return what a template prints: rangemap's own markup as it is, anything else escaped."""
    if isinstance(value, Markup):
        return value
    return Markup(escape_html("" if value is None else value))


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("rangemap.render", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        keep_trailing_newline=True,
        extensions=[_Compact],
    )


def render(name: str, **context: Any) -> Markup:
    """Render the template `name` with `context`.

    Parameters
    ----------
    name : str
        A file of ``rangemap/render/templates/`` (``"report.html.j2"``).
    **context
        The values it prints; plain values are escaped, Markup is not.

    Returns
    -------
    Markup
        The rendered markup.
    """
    return Markup(_environment().get_template(name).render(context))


@cache
def macros(name: str) -> Any:
    """Return the macros of the template `name`, to call from Python.

    Parameters
    ----------
    name : str
        A file of ``rangemap/render/templates/`` (``"map.html.j2"``).

    Returns
    -------
    module
        The template's module: each macro is an attribute, a function that
        takes the macro's arguments and returns its markup
        (:class:`markupsafe.Markup`), escaped as any template's output is.
    """
    return _environment().get_template(name).module
