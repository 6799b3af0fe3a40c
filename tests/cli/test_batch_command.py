"""``rangemap batch`` as a command: what it changes in the process it runs in."""

from __future__ import annotations

import gc
from pathlib import Path

from tests.cli_run import run


def test_a_batch_turns_the_garbage_collector_back_on(tmp_path: Path) -> None:
    """The console script runs without it (one map); a batch makes many maps in one process."""
    (tmp_path / "b.toml").write_text(
        'format = "geojson"\n\n[[scenario]]\nfrom = "Sumy"\nrange = "300km"\n', encoding="utf-8"
    )
    gc.disable()
    try:
        code, _, err = run(["batch", "b.toml", "-o", "out", "-j", "1"], tmp_path)
        assert code == 0, err
        assert gc.isenabled()
    finally:
        gc.enable()
    assert len(list((tmp_path / "out").glob("*.geojson"))) == 1
