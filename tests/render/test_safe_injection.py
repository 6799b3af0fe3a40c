"""No user string is ever compiled as a template or run as code.

Titles (``map``, fragment, ``report``, ``article``), site names and kinds from
a ``--sites`` CSV, a GeoJSON launch file's feature name and its file name,
``--range`` claim text and article text carry Jinja2 syntax (``{{7*7}}``,
``{% raw %}``, ``{#``, a ``lipsum.__globals__`` shell payload), JavaScript
template-literal syntax (``${...}``, a backtick), a script break-out and
matplotlib mathtext (``$x^2$``). Each must arrive in every format (HTML,
fragment, report index.html, KML, GeoJSON, SVG) as the literal text, nothing
evaluated: no ``T49T``, no ``PWNED`` (the payload spells it ``PWN""ED``), no
file made by the shell, no traceback, exit status 0. The CLI runs in-process
with click's CliRunner; a hypothesis test feeds random text through the
Python API and finds it, exactly, in the parsed HTML and KML.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import folium
import pytest
from branca.element import Figure
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import rangemap
from rangemap.claims import parse_claims
from rangemap.cli import cli
from rangemap.places import Site
from rangemap.render.html import elements as page_html
from rangemap.render.kml import KML_NAMESPACE
from rangemap.render.safe import clean_text, escape_html

LAUNCH = "51.7,36.2"  # near Kursk; the sites below are a few km away, in reach
SHELL_MARK = "pwned"  # a file the shell payload would make (short: names <= 80 chars)

PAYLOADS = {
    "expression": "T{{7*7}}T",
    "raw": "{% raw %}",
    "comment": "{#",
    "js-template": "${alert(1)}",
    "backtick": "a`b",
    "script": "</script><script>alert(1)</script>",
    "mathtext": "$x^2$",
    "popen": "{{ lipsum.__globals__.os.popen('touch " + SHELL_MARK + '; echo PWN""ED\').read() }}',
}
#: Every payload in one string (valid as neither Jinja2 nor JavaScript).
ALL = " ".join(PAYLOADS.values())
#: Payloads a file name can hold (no slash).
FILE_NAME_PAYLOADS = {k: v for k, v in PAYLOADS.items() if "/" not in v}

K = f"{{{KML_NAMESPACE}}}"

Run = Callable[..., str]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Run]:
    """Run the CLI in-process in ``tmp_path``; fail on a non-zero exit or an exception."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def invoke(*args: str) -> str:
        result = runner.invoke(cli, list(args), catch_exceptions=True)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"{args}: {result.exception!r}\n{result.output}"
        )
        assert result.exit_code == 0, f"{args}: exit {result.exit_code}\n{result.output}"
        assert "Traceback" not in result.output
        return result.output

    yield invoke
    assert not (tmp_path / SHELL_MARK).exists(), "a template ran a shell command"


class _Page(HTMLParser):
    """Text of an HTML document: all of it, per class, and attribute values."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.by_class: dict[str, list[str]] = {}
        self.attrs: list[tuple[str, str, str]] = []
        self.title = ""
        self._open: list[tuple[str, str]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.attrs.append((tag, name, value or ""))
        if tag in {"meta", "link", "br", "img", "input"}:
            return
        self._open.append((tag, dict(attrs).get("class") or ""))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for tag, cls in self._open:
            if tag == "title":
                self.title += data
            for name in cls.split():
                self.by_class.setdefault(name, []).append(data)

    def joined(self, cls: str) -> str:
        return "".join(self.by_class.get(cls, []))


def _scripts(page: str) -> str:
    return "\n".join(re.findall(r"<script[^>]*>(.*?)</script>", page, flags=re.S))


def _tooltips(page: str) -> list[str]:
    """The text of every tooltip rangemap binds with a JSON string."""
    found = re.findall(r'bindTooltip\(\s*("(?:[^"\\]|\\.)*")', page)
    return ["".join(_Page(json.loads(s)).text) for s in found]


def assert_not_evaluated(text: str) -> None:
    """No payload ran: neither Jinja2's arithmetic nor the shell's output shows."""
    assert "T49T" not in text
    assert "PWNED" not in text
    assert "TemplateSyntaxError" not in text


def assert_safe_page(page: str) -> _Page:
    """An HTML page (or fragment document) where no user text became markup or code."""
    assert_not_evaluated(page)
    assert "<script>alert(1)" not in page
    scripts = _scripts(page)
    assert "${alert(1)}" not in scripts
    assert "a`b" not in scripts
    parsed = _Page(page)
    assert not [a for a in parsed.attrs if a[1].startswith("on")], "an event handler attribute"
    return parsed


def check_html(path: Path, expected: str) -> _Page:
    page = path.read_text(encoding="utf-8")
    parsed = assert_safe_page(page)
    assert expected in "".join(parsed.text) or any(expected in t for t in _tooltips(page))
    return parsed


def check_fragment(path: Path, title: str) -> None:
    snippet = path.read_text(encoding="utf-8")
    assert_not_evaluated(snippet)
    outer = _Page(snippet)
    assert outer.joined("rangemap-fragment").startswith(clean_text(title) + ".")
    srcdoc = [v for tag, name, v in outer.attrs if tag == "iframe" and name == "srcdoc"]
    iframe_title = [v for tag, name, v in outer.attrs if tag == "iframe" and name == "title"]
    assert iframe_title == [clean_text(title)]
    (inner_page,) = srcdoc
    inner = assert_safe_page(inner_page)
    assert inner.joined("rangemap-title") == clean_text(title)


def check_kml(path: Path) -> ET.Element:
    data = path.read_bytes()
    assert_not_evaluated(data.decode("utf-8"))
    return ET.fromstring(data)  # well-formed XML, or this raises


def check_svg(path: Path, expected: str) -> None:
    data = path.read_bytes()
    assert_not_evaluated(data.decode("utf-8"))
    root = ET.fromstring(data)
    text = " ".join("".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text"))
    assert expected in text, text


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_title_is_literal_in_every_format(run: Run, tmp_path: Path, payload: str) -> None:
    title = f"Map {payload} end"
    base = ("map", "--from", LAUNCH, "--range", "100km", "--title", title)
    run(*base, "-o", "m.html")
    page = check_html(tmp_path / "m.html", title)
    assert page.joined("rangemap-title") == title
    assert page.title == title
    assert f'<div class="rangemap-title">{escape_html(title)}</div>' in (
        tmp_path / "m.html"
    ).read_text(encoding="utf-8")

    run(*base, "--format", "fragment", "-o", "f.html")
    check_fragment(tmp_path / "f.html", title)

    run(*base, "-o", "m.kml")
    kml = check_kml(tmp_path / "m.kml")
    assert kml.findtext(f"{K}Document/{K}name") == title

    run(*base, "-o", "m.geojson")
    data = json.loads((tmp_path / "m.geojson").read_text(encoding="utf-8"))
    assert data["title"] == title

    run(*base, "--dpi", "72", "-o", "m.svg")
    check_svg(tmp_path / "m.svg", payload)


def test_report_title_and_sites_are_literal(run: Run, tmp_path: Path) -> None:
    sites = tmp_path / "sites.csv"
    _write_sites(sites, name=f"Site {ALL}", kind=f"kind {ALL}")
    title = f"Report {ALL}"
    run(
        "report",
        "--from",
        LAUNCH,
        "--range",
        "up to 190 miles",
        "--sites",
        str(sites),
        "--title",
        title,
        "--width",
        "600",
        "--height",
        "400",
        "--dpi",
        "60",
        "-o",
        "rep",
    )
    index = (tmp_path / "rep" / "index.html").read_text(encoding="utf-8")
    parsed = assert_safe_page(index)
    text = "".join(parsed.text)
    assert parsed.title == title
    assert title in text
    assert f"Site {ALL}" in text and f"kind {ALL}" in text
    check_fragment_in(index, title)
    layers = json.loads((tmp_path / "rep" / "layers.geojson").read_text(encoding="utf-8"))
    assert layers["title"] == title
    names = {f["properties"].get("name") for f in layers["features"]}
    assert f"Site {ALL}" in names
    assert_not_evaluated((tmp_path / "rep" / "coverage.csv").read_text(encoding="utf-8"))


def check_fragment_in(index: str, title: str) -> None:
    outer = _Page(index)
    (srcdoc,) = [v for tag, name, v in outer.attrs if tag == "iframe" and name == "srcdoc"]
    assert _Page(srcdoc).joined("rangemap-title") == clean_text(title)
    assert_safe_page(srcdoc)


def _write_sites(path: Path, *, name: str, kind: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        # side UA: a Ukrainian-held point near Kursk, a target of the (Russian) launch at
        # LAUNCH, so that it shows in the summary (issue 9: own-side sites are not listed)
        writer.writerow(["name", "lat", "lon", "kind", "side"])
        writer.writerow([name, "51.75", "36.25", kind, "UA"])


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_site_name_and_kind_are_literal(run: Run, tmp_path: Path, payload: str) -> None:
    name, kind = f"Site {payload}", f"kind {payload}"
    _write_sites(tmp_path / "sites.csv", name=name, kind=kind)
    base = ("map", "--from", LAUNCH, "--range", "100km", "--sites", "sites.csv")
    run(*base, "-o", "m.html")
    page_text = (tmp_path / "m.html").read_text(encoding="utf-8")
    page = check_html(tmp_path / "m.html", name)
    assert any(line.startswith(f"● {name}: ") for line in page.by_class["site"])
    assert any(t.strip().startswith(f"{name} ({kind}): ") for t in _tooltips(page_text))

    run(*base, "-o", "m.kml")
    kml = check_kml(tmp_path / "m.kml")
    assert name in [p.findtext(f"{K}name") for p in kml.iter(f"{K}Placemark")]
    values = [d.findtext(f"{K}value") for d in kml.iter(f"{K}Data")]
    assert kind in values

    run(*base, "-o", "m.geojson")
    data = json.loads((tmp_path / "m.geojson").read_text(encoding="utf-8"))
    sites = [f["properties"] for f in data["features"] if f["properties"]["role"] == "site"]
    assert {"name": name, "kind": kind}.items() <= next(
        s for s in sites if s["name"] == name
    ).items()


def _launch_file(path: Path, name: str | None) -> Path:
    props = {} if name is None else {"name": name}
    feature = {
        "type": "Feature",
        "properties": props,
        "geometry": {
            "type": "Polygon",
            "coordinates": [[[36.1, 51.6], [36.3, 51.6], [36.3, 51.8], [36.1, 51.8], [36.1, 51.6]]],
        },
    }
    doc = {"type": "FeatureCollection", "features": [feature]}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_geojson_feature_name_is_literal(run: Run, tmp_path: Path, payload: str) -> None:
    name = f"Area {payload}"
    launch = _launch_file(tmp_path / "launch.geojson", name)
    base = ("map", "--from", str(launch), "--range", "100km")
    run(*base, "-o", "m.html")
    page = check_html(tmp_path / "m.html", name)
    assert name in page.title  # the default title names the launch
    assert f"Launch: {name}" in _tooltips((tmp_path / "m.html").read_text(encoding="utf-8"))
    run(*base, "-o", "m.kml")
    kml = check_kml(tmp_path / "m.kml")
    assert name in (kml.findtext(f"{K}Document/{K}name") or "")
    run(*base, "--dpi", "72", "-o", "m.svg")
    check_svg(tmp_path / "m.svg", payload)


@pytest.mark.parametrize("payload", list(FILE_NAME_PAYLOADS.values()), ids=list(FILE_NAME_PAYLOADS))
def test_geojson_file_name_is_literal(run: Run, tmp_path: Path, payload: str) -> None:
    stem = f"Area {payload}"
    launch = _launch_file(tmp_path / f"{stem}.geojson", None)
    base = ("map", "--from", str(launch), "--range", "100km")
    run(*base, "-o", "m.html")
    page = check_html(tmp_path / "m.html", stem)
    assert stem in page.title
    run(*base, "--format", "fragment", "-o", "f.html")
    assert_not_evaluated((tmp_path / "f.html").read_text(encoding="utf-8"))
    run(*base, "-o", "m.kml")
    assert stem in (check_kml(tmp_path / "m.kml").findtext(f"{K}Document/{K}name") or "")
    run(*base, "-o", "m.geojson")
    data = json.loads((tmp_path / "m.geojson").read_text(encoding="utf-8"))
    assert stem in data["title"]


@pytest.mark.parametrize(
    "claim", ["up to 190 miles", "165-300 km", "several hundred kilometers", "300km"]
)
def test_range_claim_text_reaches_the_page_literally(run: Run, tmp_path: Path, claim: str) -> None:
    run("map", "--from", LAUNCH, "--range", claim, "--title", f"T{ALL}", "-o", "m.html")
    page_text = (tmp_path / "m.html").read_text(encoding="utf-8")
    page = assert_safe_page(page_text)
    # The legend entry and the tooltip derived from the claim arrive as the text they are.
    (layer,) = rangemap.map(LAUNCH, [claim], coverage=False).scene.layers
    assert layer.legend in page.joined("rangemap-legend")
    assert layer.tooltip in _tooltips(page_text)
    run("map", "--from", LAUNCH, "--range", claim, "-o", "m.kml")
    check_kml(tmp_path / "m.kml")


ARTICLE = (
    "Officials said T{{7*7}}T that the missile {% raw %} has a range of up to 190 miles, "
    "enough to reach airbases in Kursk ${alert(1)} `x` {#. "
    "</script><script>alert(1)</script> $x^2$ "
    "{{ lipsum.__globals__.os.popen('touch " + SHELL_MARK + '; echo PWN""ED\').read() }}.\n'
)


def test_article_text_is_literal(run: Run, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    run("article", str(article), "-o", "a.html")
    page = assert_safe_page((tmp_path / "a.html").read_text(encoding="utf-8"))
    assert "up to 190 miles" in page.title
    run("article", str(article), "--title", ALL, "-o", "a.kml")
    assert check_kml(tmp_path / "a.kml").findtext(f"{K}Document/{K}name") == ALL
    run("article", str(article), "--width", "800", "--height", "600", "-o", "a.svg")
    check_svg(tmp_path / "a.svg", "up to 190 miles")
    run(
        "report",
        "--article",
        str(article),
        "--title",
        ALL,
        "--width",
        "600",
        "--height",
        "400",
        "--dpi",
        "60",
        "-o",
        "rep",
    )
    index = (tmp_path / "rep" / "index.html").read_text(encoding="utf-8")
    parsed = assert_safe_page(index)
    assert parsed.title == ALL
    assert_not_evaluated((tmp_path / "rep" / "claims.json").read_text(encoding="utf-8"))
    (claim,) = parse_claims(ARTICLE)
    assert "T{{7*7}}T" in claim.sentence and "{% raw %}" in claim.sentence
    # The report quotes the claim's sentence, as it is.
    assert " ".join(claim.sentence.split()) in " ".join("".join(parsed.text).split())


# Text with what templates, scripts, markup and mathtext care about, and
# control characters (which are dropped: XML cannot hold them).
_ALPHABET = st.one_of(
    st.sampled_from(list("{}%#$`'\"<>&\\/;=!*^_-~ \t\n\r\x00\x01\x07\x0b\x1b\x7f\x85\ufffe")),
    # Any character but a lone surrogate (the characters UTF-8 can encode), by
    # category: hypothesis would otherwise build the codec's table, ~1 s.
    st.characters(exclude_categories=["Cs"]),
)
_TEXT = st.text(_ALPHABET, min_size=1, max_size=40)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(title=_TEXT, site_name=_TEXT)
def test_random_title_and_site_name_come_out_literally(title: str, site_name: str) -> None:
    assume(clean_text(title).strip() and clean_text(site_name).strip())
    site = Site("user-site", site_name, "site", None, lat=51.75, lon=36.25, side="UA")
    rmap = rangemap.map(LAUNCH, "50km", title=title, sites=[site])
    # What a reader gets: the text itself, less what XML cannot hold.
    want_title, want_name = clean_text(title), clean_text(site_name)

    page_text = rmap.to_html()
    page = _Page(page_text)
    assert page.joined("rangemap-title") == want_title
    assert page.title == want_title
    assert any(line.startswith(f"● {want_name}: ") for line in page.by_class["site"])
    assert any(
        t.startswith(f"{want_name} (site): ") and t.endswith(" km from launch, in reach")
        for t in _tooltips(page_text)
    )

    root = ET.fromstring(rmap.to_kml().encode("utf-8"))
    assert root.findtext(f"{K}Document/{K}name") == want_title
    assert want_name in [p.findtext(f"{K}name") for p in root.iter(f"{K}Placemark")]


def test_rendered_elements_are_not_compiled_even_unescaped() -> None:
    """The second layer alone: folium output with raw Jinja2 syntax stays as it is."""
    fmap = folium.Map(location=[51.7, 36.2], tiles=None)
    feature = {
        "type": "Feature",
        "properties": {"label": "A{{7*7}}A {% raw %} {#"},
        "geometry": {"type": "Point", "coordinates": [36.2, 51.7]},
    }
    page_html._GeoJson({"type": "FeatureCollection", "features": [feature]}).add_to(fmap)
    page_html._FeatureGroup(name="G{{7*7}}G").add_to(fmap)
    page_html._LayerControl().add_to(fmap)
    root = fmap.get_root()
    assert isinstance(root, Figure)
    root.html.add_child(page_html.HtmlBlock("<p>H{{7*7}}H {% raw %}</p>"))
    out = root.render()
    assert "A{{7*7}}A {% raw %} {#" in out
    assert '"G{{7*7}}G"' in out
    assert "<p>H{{7*7}}H {% raw %}</p>" in out
    assert "A49A" not in out and "G49G" not in out and "H49H" not in out


def test_every_template_compiles() -> None:
    """A compact template is joined into one line before it is compiled: no tag may break."""
    from importlib import resources

    from rangemap.render import templating

    folder = resources.files("rangemap.render").joinpath("templates")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".j2"))
    assert {"fragment.html.j2", "map.html.j2", "panel.html.j2", "report.html.j2"} <= set(names)
    for name in names:
        templating._environment().get_template(name)


@pytest.mark.parametrize("payload", [ALL, "two\nlines", "a\n    b", "&amp; <b>x</b>"])
def test_template_parts_print_user_text_as_text(payload: str) -> None:
    """The map's template parts escape every text; compacting never touches a value."""
    from markupsafe import Markup

    from rangemap.render.templating import macros, render

    parts = macros("map.html.j2")
    want = escape_html(payload)
    assert str(parts.title(payload)) == f"<title>{want}</title>"
    assert str(parts.tooltip(payload)) == f"<div>{want}</div>"
    assert str(parts.label(payload, "", "city")) == (
        f'<div class="rangemap-label rangemap-label-city">{want}</div>'
    )
    assert str(parts.style(Markup("a>b{}"))) == "<style>a>b{}</style>"  # Markup as it is
    panel = macros("panel.html.j2").panel(payload, Markup("<i>L</i>"), "")
    assert f'<div class="rangemap-title">{want}</div>' in panel and "<i>L</i>" in panel
    figure = str(render("fragment.html.j2", title=payload, page=payload, height_px=5, credit="c"))
    assert f'srcdoc="{want}"' in figure and f">{want}. c</figcaption>" in figure
    assert "T49T" not in figure + panel
