r"""User text made safe for the documents rangemap writes.

Titles, place names, site names and kinds, range claims and article phrases
come from users and their files. Every renderer passes them through this one
module before they reach a document:

- :func:`clean_text` drops the characters XML 1.0 does not allow (control
  characters other than tab and newline, lone surrogates, U+FFFE and U+FFFF)
  and the C1 controls, and turns carriage returns into newlines (as an XML
  parser would). KML, SVG and HTML all get the cleaned text, so what a reader
  sees is the same everywhere.
- :func:`escape_html` cleans and HTML-escapes text for an element's content
  or a quoted attribute value. Braces and backticks become character
  references too, so escaped text is inert even where it lands in a Jinja2
  template or a JavaScript template literal (``{{``, ``{%``, ``{#``, ``${``
  and a backtick cannot occur in it); a browser shows them as they were.

Text is never a template: the HTML renderer (:mod:`rangemap.render.html`)
puts escaped markup into the page as data of rangemap's own fixed templates,
and text that goes into a script only as JSON. This module needs only the
standard library.

>>> clean_text("Sumy\x07 base\r\nnorth")
'Sumy base\nnorth'
>>> escape_html("<b>{{7*7}}</b> & 'x'")
'&lt;b&gt;&#123;&#123;7*7&#125;&#125;&lt;/b&gt; &amp; &#x27;x&#x27;'
>>> escape_html("`${alert(1)}`")
'&#96;$&#123;alert(1)&#125;&#96;'
"""

from __future__ import annotations

import html
import re

__all__ = ["clean_text", "escape_html"]

#: What :func:`escape_html` writes as character references besides ``html.escape``.
_INERT = str.maketrans({"{": "&#123;", "}": "&#125;", "`": "&#96;"})
#: Characters XML 1.0 forbids (``Char`` production), plus DEL and the C1 controls.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: object) -> str:
    """Return ``text`` as a string every XML and HTML document can hold literally.

    Parameters
    ----------
    text : object
        The text (anything else is converted with ``str``).

    Returns
    -------
    str
        The text without control characters (tab and newline are kept; a
        carriage return, alone or before a newline, becomes a newline), lone
        surrogates, U+FFFE and U+FFFF.
    """
    value = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_TEXT.sub("", value)


def escape_html(text: object) -> str:
    """Return ``text`` cleaned (:func:`clean_text`) and HTML-escaped, quotes included.

    Parameters
    ----------
    text : object
        The text (anything else is converted with ``str``).

    Returns
    -------
    str
        Markup that shows the text literally as element content or inside a
        quoted attribute value; it holds no ``{``, ``}`` or backtick.
    """
    return html.escape(clean_text(text), quote=True).translate(_INERT)
