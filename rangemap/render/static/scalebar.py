"""The scale bar, in projected metres: exact at the projection centre."""

from __future__ import annotations

from matplotlib.patches import FancyBboxPatch, Rectangle

from rangemap.render import style
from rangemap.render.static.canvas import _Ctx
from rangemap.render.static.legend import _Box, _Corner
from rangemap.units import format_km

_NICE_KM = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000)
_PIECES = 4  # alternating black and white


def _nice_length_km(max_km: float) -> float:
    fitting = [v for v in _NICE_KM if v <= max_km]
    return float(fitting[-1]) if fitting else float(_NICE_KM[0])


def _draw_scale_bar(ctx: _Ctx, legend: tuple[_Corner, _Box] | None) -> None:
    """Alternating black and white bar in projected metres (exact at the projection centre)."""
    view, s = ctx.view, ctx.scale
    length_km = _nice_length_km(0.2 * view.width / 1000.0)
    length_m = length_km * 1000.0
    frac_w = length_m / view.width
    x_start = view.xmin + (_bar_centre(ctx, frac_w, legend) - frac_w / 2) * view.width
    pt = view.m_per_pt
    bar_h = 3.2 * s * pt
    font = 6.8 * s
    y_bar = view.ymin + 10 * s * pt + font * pt * 1.4
    _draw_bar(ctx, x_start, y_bar, length_m, bar_h, font)
    _draw_bar_text(ctx, x_start, y_bar, length_km, bar_h, font)


def _bar_centre(ctx: _Ctx, frac_w: float, legend: tuple[_Corner, _Box] | None) -> float:
    """Return the middle of a bar ``frac_w`` wide (axes fractions), clear of a legend."""
    view, s = ctx.view, ctx.scale
    centre = 0.5
    margin = 0.04
    loc, (lx0, _, lx1, _) = legend or ("upper left", (0.0, 0.0, 0.0, 0.0))
    if loc == "lower left" and lx1 + margin > centre - frac_w / 2:
        centre = (lx1 + 1.0) / 2.0
    elif loc == "lower right" and lx0 - margin < centre + frac_w / 2:
        centre = lx0 / 2.0
    km_room = 14 * s * view.m_per_pt / view.width  # the "km" after the bar
    return min(max(centre, frac_w / 2 + margin), 1.0 - frac_w / 2 - km_room - margin)


def _draw_bar(
    ctx: _Ctx, x_start: float, y_bar: float, length_m: float, bar_h: float, font: float
) -> None:
    """Draw the bar's white box and its alternating pieces."""
    s, pt = ctx.scale, ctx.view.m_per_pt
    piece = length_m / _PIECES
    text_h = font * pt * 1.3
    box_pad = 5 * s * pt
    ctx.ax.add_artist(
        FancyBboxPatch(
            (x_start - box_pad, y_bar - text_h - 2 * s * pt),
            length_m + 2 * box_pad + 0.6 * font * pt * 3,
            bar_h + text_h + 2 * s * pt,
            boxstyle=f"round,pad={box_pad:.3f},rounding_size={2.5 * s * pt:.3f}",
            facecolor="white",
            edgecolor="#9a9a9a",
            linewidth=0.5 * s,
            alpha=0.88,
            zorder=19,
        )
    )
    for i in range(_PIECES):
        ctx.ax.add_artist(
            Rectangle(
                (x_start + i * piece, y_bar),
                piece,
                bar_h,
                facecolor="#222222" if i % 2 == 0 else "white",
                edgecolor="#222222",
                linewidth=0.6 * s,
                zorder=19.5,
            )
        )


def _draw_bar_text(
    ctx: _Ctx, x_start: float, y_bar: float, length_km: float, bar_h: float, font: float
) -> None:
    """Write the distances under the bar (0, half, whole) and "km" after it."""
    s, pt = ctx.scale, ctx.view.m_per_pt
    length_m = length_km * 1000.0
    half = length_km / 2
    for dx, value in ((0.0, 0.0), (length_m / 2, half), (length_m, length_km)):
        ctx.ax.text(
            x_start + dx,
            y_bar - 1.5 * s * pt,
            format_km(value)[:-3],
            ha="center",
            va="top",
            fontsize=font,
            color=style.TEXT_COLOR,
            zorder=19.6,
        )
    ctx.ax.text(
        x_start + length_m + 4 * s * pt,
        y_bar + bar_h / 2,
        "km",
        ha="left",
        va="center",
        fontsize=font,
        color=style.TEXT_COLOR,
        zorder=19.6,
    )
