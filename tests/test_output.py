"""RangeMap.save: an output is checked once, and a checked target is written as it was checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import rangemap
import rangemap.render.files.targets
import rangemap.render.files.write
from rangemap.errors import InputError
from rangemap.output import RangeMap
from rangemap.render.files import check_output


@pytest.fixture(scope="module")
def sumy() -> RangeMap:
    return rangemap.make_map("Sumy", "300km", coverage=False)


def _count_plans(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Wrap the real plan_output (every check of a path runs it) with a counter."""
    real = rangemap.render.files.targets.plan_output
    calls: list[Any] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(rangemap.render.files.targets, "plan_output", counted)
    monkeypatch.setattr(rangemap.render.files.write, "plan_output", counted)
    return calls


def test_save_checks_a_path_once(
    sumy: RangeMap, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls = _count_plans(monkeypatch)
    written = sumy.save(tmp_path / "m.geojson")
    assert written == tmp_path / "m.geojson"
    assert json.loads(written.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    assert calls == [tmp_path / "m.geojson"]  # before: three checks of the one path


def test_save_writes_a_checked_target_without_checking_it_again(
    sumy: RangeMap, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = check_output(tmp_path / "sub" / "m.kml")
    assert target.fmt == "kml" and not (tmp_path / "sub").exists()  # nothing created yet
    calls = _count_plans(monkeypatch)
    assert sumy.save(target) == tmp_path / "sub" / "m.kml"
    assert calls == []
    assert (tmp_path / "sub" / "m.kml").read_text(encoding="utf-8").startswith("<?xml")


def test_a_checked_target_is_written_in_its_own_format(sumy: RangeMap, tmp_path: Path) -> None:
    target = check_output(tmp_path / "m.html", "fragment")
    with pytest.raises(InputError, match="checked as fragment, not kml"):
        sumy.save(target, fmt="kml")
    assert list(tmp_path.iterdir()) == []
    sumy.save(target, fmt="fragment")
    assert "<iframe" in (tmp_path / "m.html").read_text(encoding="utf-8")
