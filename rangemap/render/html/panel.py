"""The map's panel: the title, the legend and the summary, and the script that runs them.

The panel (:func:`_panel_html`) is a ``<details>`` element that the panel
script (:data:`_PANEL_JS`) moves into a Leaflet control in the top-right
corner: open on screens 800 px wide or more, one button below. Its legend
rows switch the range layers; the script also places the ring and place
labels where they overlap no other label and no panel. The script is fixed
code: folium's layer names and the coordinates reach it only as JSON. The
markup comes from the template ``panel.html.j2``
(:mod:`rangemap.render.templating`), which escapes every text it prints.
"""

from __future__ import annotations

from typing import Any

import folium
from folium.template import Template
from markupsafe import Markup

from rangemap.coverage import Coverage
from rangemap.render.html.elements import _Inert
from rangemap.render.style import CREDIT_LINE, HIGHLIGHT_EDGE
from rangemap.render.tables import format_people
from rangemap.render.templating import macros
from rangemap.scene import Scene
from rangemap.units import format_km


def _summary_html(coverage: Coverage, range_label: str) -> str:
    """Return the summary of a coverage (the ``summary`` macro of ``panel.html.j2``)."""
    regions = [r for r in coverage.region_rows if r.target]
    full = sum(1 for r in regions if r.share >= 0.999)
    targets = [s for s in coverage.site_rows if s.target]
    in_reach = [s for s in targets if s.in_reach]
    held = "/".join(coverage.target_sides)
    people = coverage.population_in_reach
    summary = {
        # "Within 300 km", or "Surely within 300 km (the band's low reading)".
        "heading": range_label[:1].upper() + range_label[1:],
        "launch_side": coverage.launch_side,
        "held": held,
        "whose": f"{held}-held " if held else "",
        "full": full,
        "partly": len(regions) - full,
        "in_reach": len(in_reach),
        "targets": len(targets),
        "sites": [
            {"name": s.display_name, "role": s.role, "km": f"{s.distance_km:,.0f}"}
            for s in in_reach[:_SUMMARY_SITES]
        ],
        "more": max(0, len(in_reach) - _SUMMARY_SITES),
        "people": format_people(people).capitalize() if people else "",
        "own_side_note": coverage.launch_side is not None and not coverage.all_sides,
    }
    return str(macros("panel.html.j2").summary(summary))


#: How many sites in reach the summary names.
_SUMMARY_SITES = 6


def _legend_html(scene: Scene, colors: list[str], groups: list[folium.FeatureGroup]) -> str:
    """Return the legend: one row per range, which switches its layer, then the key.

    Each range row is a checkbox whose ``data-layers`` names the layer's
    group (a folium-generated JavaScript name); the panel script
    (:data:`_PANEL_JS`) adds or removes the group when it is ticked. The
    markup is the ``legend`` macro of ``panel.html.j2``.
    """
    rows = []
    for layer, color, group in zip(scene.layers, colors, groups, strict=True):
        spec = layer.spec
        band = (format_km(spec.low_km), format_km(spec.high_km)) if spec.is_band else None
        rows.append(
            {
                "group": group.get_name(),
                "color": color,
                "legend": layer.legend,
                "band": band,
                "comparison": layer in scene.comparison_layers,
            }
        )
    markup = macros("panel.html.j2").legend(
        rows,
        HIGHLIGHT_EDGE,
        ", ".join(p.name for p in scene.highlights),
        None if scene.coverage is None else _coverage_label(scene),
        (*scene.legend_notes, *scene.notes),
        CREDIT_LINE,
    )
    return str(markup)


def _coverage_label(scene: Scene) -> str:
    """``"within 300 km"``, or for a band the surely-reached range the shading uses."""
    km, layer = scene.surely_reached
    if layer.spec.is_band and km == layer.spec.low_km:
        return f"surely within {format_km(km)} (the band's low reading)"
    return f"within {format_km(km)}"


def _panel_html(scene: Scene, legend: str, summary: str) -> str:
    """Return the one panel: the title as its button, then the legend and the summary.

    A ``<details>`` element: it opens and closes without script. The panel
    script opens it on screens 800 px wide or more; below that it stays one
    button (see ``rangemap.css``). `legend` and `summary` are the markup of
    :func:`_legend_html` and :func:`_summary_html`.
    """
    return str(macros("panel.html.j2").panel(scene.title, Markup(legend), Markup(summary)))


#: The panel script: moves the panel into a Leaflet control, opens it on wide
#: screens, switches layers from the legend's checkboxes and places the labels.
#: It is fixed code; the page's data reach it only as JSON (layer and marker
#: names folium generated, and coordinates).
_PANEL_JS = """
(function (data) {
  var map = window[data.map];
  var panel = document.getElementById("rangemap-panel");
  if (!map || !panel) return;
  var Panel = L.Control.extend({
    onAdd: function () {
      var box = L.DomUtil.create("div", "leaflet-control rangemap-control");
      box.appendChild(panel);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    }
  });
  new Panel({ position: "topright" }).addTo(map);
  if (window.matchMedia("(min-width: 800px)").matches) panel.open = true;
  function layersOf(names) {
    return names.map(function (n) { return window[n]; }).filter(Boolean);
  }
  var boxes = panel.querySelectorAll("input.rangemap-toggle");
  function sync() {
    boxes.forEach(function (box) {
      var layers = layersOf(box.dataset.layers.split(" "));
      box.checked = layers.some(function (l) { return map.hasLayer(l); });
    });
  }
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      layersOf(box.dataset.layers.split(" ")).forEach(function (l) {
        if (box.checked) map.addLayer(l); else map.removeLayer(l);
      });
      place();
    });
  });
  var SHIFTS = {
    ring: "translate(-50%, -50%)",
    right: "translate(7px, -50%)",
    left: "translate(calc(-100% - 7px), -50%)",
    above: "translate(-50%, calc(-100% - 6px))",
    below: "translate(-50%, 6px)"
  };
  function hits(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }
  function place() {
    var frame = map.getContainer().getBoundingClientRect();
    var taken = [];
    map.getContainer().querySelectorAll(".leaflet-control").forEach(function (c) {
      var r = c.getBoundingClientRect();
      if (r.width && r.height) taken.push(r);
    });
    data.labels.forEach(function (label) {
      var marker = window[label.marker];
      if (!marker || !marker._icon) return;
      var el = marker._icon.firstChild;
      var shown = label.layers.length === 0 ||
        layersOf(label.layers).some(function (l) { return map.hasLayer(l); });
      el.style.visibility = "hidden";
      el.classList.remove("rangemap-label-placed");
      if (!shown) return;
      var best = null;
      for (var i = 0; i < label.at.length && !best; i++) {
        marker.setLatLng(label.at[i]);
        for (var j = 0; j < label.shift.length; j++) {
          el.style.transform = SHIFTS[label.shift[j]];
          var r = el.getBoundingClientRect();
          var inside = r.left >= frame.left && r.right <= frame.right &&
            r.top >= frame.top && r.bottom <= frame.bottom;
          if (inside && !taken.some(function (t) { return hits(r, t); })) {
            best = r;
            break;
          }
        }
      }
      if (!best) return;
      taken.push(best);
      el.style.visibility = "visible";
      el.classList.add("rangemap-label-placed");
    });
  }
  map.on("layeradd layerremove", sync);
  map.on("zoomend moveend resize", place);
  panel.addEventListener("toggle", place);
  if (data.bounds) {
    // Quarter zoom steps: the ranges fill small screens too.
    map.options.zoomSnap = 0.25;
    var open = panel.open ? panel.getBoundingClientRect().width + 20 : 0;
    map.fitBounds(data.bounds, {
      paddingTopLeft: [30, 40],
      paddingBottomRight: [30 + open, 30],
      animate: false
    });
  }
  sync();
  place();
})"""


class _Panel(_Inert):
    """The panel script: :data:`_PANEL_JS`, called with the page's data as JSON."""

    _template = Template(
        "{% macro script(this, kwargs) %}" + _PANEL_JS + "({{ this.data|tojson }});{% endmacro %}"
    )

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "RangemapPanel"
        self.data = data
