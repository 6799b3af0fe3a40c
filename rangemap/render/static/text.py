"""Text as the static map draws it: literal (no mathtext), wrapped, measured."""

from __future__ import annotations

import textwrap
from typing import Any

from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from rangemap.render.safe import clean_text

_LABEL_PT = 8.0  # ring labels
_AREA_PT = 7.5  # names of highlighted areas


def _clean(text: str) -> str:
    """Drop the characters XML does not allow (see :mod:`rangemap.render.safe`)."""
    return clean_text(text)


def _literal(text: str) -> str:
    """Return ``text`` so that matplotlib draws it as is (no mathtext)."""
    return _clean(text).replace("$", r"\$")


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(_clean(text), max(width, 12), break_on_hyphens=False))


def _legend_text(text: str) -> str:
    # Legend drops entries whose label starts with "_"; a leading space keeps them.
    text = _literal(text)
    return " " + text if text.startswith("_") else text


def _halo() -> dict[str, Any]:
    # A soft box, not a stroke path effect: path effects turn SVG text into outlines.
    return {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.72}


def _text_size_pt(
    fig: Figure, text: str, size_pt: float, *, bold: bool = False
) -> tuple[float, float]:
    """Width and height of one-line or multi-line ``text`` in points, as drawn."""
    prop = FontProperties(size=size_pt, weight="bold" if bold else "normal")
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    lines = text.split("\n")
    widths = [renderer.get_text_width_height_descent(ln, prop, ismath=False)[0] for ln in lines]
    return max(widths) * 72.0 / fig.dpi, len(lines) * 1.2 * size_pt


def _fit_lines(
    fig: Figure, text: str, size_pt: float, width_pt: float, *, max_lines: int, bold: bool = False
) -> str:
    """Wrap ``text`` to lines narrower than ``width_pt``; cut with "…" after ``max_lines``."""
    text = _clean(text)
    if not text.strip() or max_lines < 1:
        return ""
    chars = max(int(width_pt / (0.5 * size_pt)), 10)
    while True:
        lines = []
        for paragraph in text.splitlines() or [""]:
            lines += textwrap.wrap(paragraph, chars, break_on_hyphens=False) or [""]
        if len(lines) > max_lines:
            lines = [*lines[: max_lines - 1], lines[max_lines - 1].rstrip(" .,;:") + " …"]
            while (
                _text_size_pt(fig, lines[-1], size_pt, bold=bold)[0] > width_pt
                and len(lines[-1]) > 3
            ):
                lines[-1] = lines[-1][:-3].rstrip() + " …"
        widest = max(_text_size_pt(fig, ln, size_pt, bold=bold)[0] for ln in lines)
        if widest <= width_pt or chars <= 10:
            return "\n".join(lines)
        chars = max(int(chars * min(0.95, width_pt / widest)), 10)
