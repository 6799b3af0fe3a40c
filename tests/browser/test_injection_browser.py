"""User text with template and script syntax, shown in a real browser as text.

A site name from ``--sites`` and the title carry JavaScript template-literal
syntax (``${alert(1)}``, a backtick), a script break-out and Jinja2 syntax.
The page must run without errors, open no dialog, and show the name in the
site's tooltip (and the title in the title box) exactly as typed.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from .harness import OpenMap, write_map

pytestmark = pytest.mark.browser

HOSTILE = "S ${alert(1)} `x` </script><script>alert(2)</script> {{7*7}} {% raw %}"

# Open the tooltip of every layer whose tooltip mentions the user's site; return how many.
_OPEN_SITE_TOOLTIP = """() => {
    const name = Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k));
    let opened = 0;
    window[name].eachLayer(layer => {
        const tip = layer.getTooltip && layer.getTooltip();
        if (tip && String(tip.getContent()).includes("(user-kind)")) {
            layer.openTooltip();
            opened += 1;
        }
    });
    return opened;
}"""


def test_hostile_site_name_in_tooltip_is_text(open_map: OpenMap, tmp_path: Path) -> None:
    sites = tmp_path / "sites.csv"
    with sites.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(
            [["name", "lat", "lon", "kind"], [HOSTILE, 51.8, 36.4, "user-kind"]]
        )
    path = write_map(
        tmp_path / "hostile-site.html",
        "--from",
        "51.7,36.2",
        "--range",
        "100km",
        "--sites",
        str(sites),
        "--title",
        HOSTILE,
    )
    opened = open_map(path)
    page = opened.page
    assert page.locator(".rangemap-title").inner_text() == HOSTILE
    assert page.evaluate(_OPEN_SITE_TOOLTIP) == 1
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert tooltip.inner_text().strip().startswith(f"{HOSTILE} (user-kind): ")
    assert tooltip.locator("script").count() == 0
    assert opened.dialogs == []
    opened.assert_clean()
