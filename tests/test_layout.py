"""The package layout: DESIGN.md's module table is the tree, and modules stay small.

DESIGN.md lists every module of ``rangemap/`` with its one concern, as an
indented tree in the code block under "## Modules". These tests read that
block and hold it to the files on disk, so that the table is where a
newcomer can trust to find a behaviour. Modules are at most
:data:`MAX_LINES` long; a module that must grow longer for a while is named
in :data:`STILL_OVERSIZED` (empty now), and leaves that list the day it is
split (the test fails while it is listed but small).
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "rangemap"
MAX_LINES = 400

#: Modules over MAX_LINES, waiting to be split (issue 11). Shrinks only.
STILL_OVERSIZED: frozenset[str] = frozenset()


def _table() -> dict[str, str]:
    """Module path (relative to rangemap/) -> its concern, from DESIGN.md."""
    text = (REPO / "DESIGN.md").read_text(encoding="utf-8")
    section = text.split("\n## Modules", 1)[1]
    block = section.split("```", 2)[1]
    entries: dict[str, str] = {}
    folders: list[tuple[int, str]] = []
    for line in block.splitlines():
        match = re.match(r"^( *)(\S+)\s*(.*)$", line)
        if match is None or match.group(2) in ("", "rangemap/"):
            continue
        indent, name, concern = len(match.group(1)), match.group(2), match.group(3)
        while folders and folders[-1][0] >= indent:
            folders.pop()
        prefix = "".join(folder for _, folder in folders)
        if name.endswith("/"):
            folders.append((indent, name))
            continue
        entries[prefix + name] = concern.strip()
    return entries


def _modules() -> dict[str, int]:
    """Every module of the package (relative path) -> its number of lines."""
    return {
        path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(PACKAGE.rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def test_design_table_lists_every_module_and_nothing_else() -> None:
    listed, present = set(_table()), set(_modules())
    assert sorted(present - listed) == [], "modules missing from DESIGN.md's table"
    assert sorted(listed - present) == [], "DESIGN.md lists modules that do not exist"


def test_every_listed_module_states_its_concern() -> None:
    assert [name for name, concern in _table().items() if not concern] == []


def test_modules_stay_small() -> None:
    sizes = _modules()
    over = {name for name, lines in sizes.items() if lines > MAX_LINES}
    assert sorted(over - STILL_OVERSIZED) == [], f"modules over {MAX_LINES} lines"
    split = sorted(name for name in STILL_OVERSIZED if sizes.get(name, 0) <= MAX_LINES)
    assert split == [], "split (or gone): take these off STILL_OVERSIZED"
