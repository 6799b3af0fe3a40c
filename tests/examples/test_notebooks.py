"""The example notebooks run as committed: executed with nbclient in a fresh kernel."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbclient
import nbformat

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _text(output: dict[str, object]) -> str:
    """The text of one cell output: a stream, or a result's plain text and HTML."""
    if output.get("output_type") == "stream":
        return str(output.get("text", ""))
    data = output.get("data", {})
    assert isinstance(data, dict)
    return str(data.get("text/plain", "")) + str(data.get("text/html", ""))


def test_notebooks_are_committed_without_outputs() -> None:
    for path in sorted(EXAMPLES.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, path.name


def test_geopandas_notebook_runs(tmp_path: Path) -> None:
    source = EXAMPLES / "geopandas.ipynb"
    shutil.copy(source, tmp_path / source.name)
    notebook = nbformat.read(tmp_path / source.name, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for cell in code:
        assert not [o for o in cell.outputs if o.get("output_type") == "error"], cell.source
    table = next(cell for cell in code if 'cov.regions[["name", "share"' in cell.source)
    shown = "".join(_text(o) for o in table.outputs)
    assert "Kharkiv Oblast" in shown and "Sumy Oblast" in shown
    layers = next(cell for cell in code if "m.layers" in cell.source)
    assert "reach" in "".join(_text(o) for o in layers.outputs)  # from an area: reaches
    inline = code[-1]
    assert inline.source.strip() == "m"
    assert "<iframe" in "".join(_text(o) for o in inline.outputs)
    # The notebook wrote its files in its own folder, not in the source tree.
    assert (tmp_path / "launch_areas.gpkg").is_file() and (tmp_path / "map.gpkg").is_file()
    assert not (EXAMPLES / "map.gpkg").exists()
