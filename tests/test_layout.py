"""The package layout: DESIGN.md's module table is the tree, and modules stay small.

DESIGN.md lists every module of ``rangemap/`` with its one concern, as an
indented tree in the code block under "## Modules". These tests read that
block and hold it to the files on disk, so that the table is where a
newcomer can trust to find a behaviour. Modules are at most
:data:`MAX_LINES` long; a module that must grow longer for a while is named
in :data:`STILL_OVERSIZED` (empty now), and leaves that list the day it is
split (the test fails while it is listed but small).

The tests mirror the package: ``tests/<package>/test_<module>.py`` tests
``rangemap/<package>/<module>.py`` (``test_<module>_<topic>.py`` for one
topic of it; ``test_<package>.py`` for a package's own API), except the
end-to-end runs of the console script in ``tests/e2e/``, the browser tests
in ``tests/browser/``, the example notebooks run in ``tests/examples/``,
and this file, which tests the repository itself.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "rangemap"
TESTS = REPO / "tests"

#: Test folders that do not mirror a package: end-to-end, browser and example-notebook tests.
OWN_FOLDERS = frozenset({"e2e", "browser", "examples"})
#: Tests of the repository itself rather than of one module.
REPOSITORY_TESTS = frozenset({"test_layout.py"})
#: Helper modules the tests share (fixtures, the in-process runner, PNG pixels).
HELPERS = frozenset({"__init__.py", "conftest.py", "cli_run.py", "pixels.py"})
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


def _tested_module(test: Path) -> bool:
    """Whether a test file's folder and name mirror a module or package of rangemap/."""
    *folders, name = test.relative_to(TESTS).parts
    package = PACKAGE.joinpath(*folders)
    if not (package / "__init__.py").is_file():
        return False
    stem = name.removeprefix("test_").removesuffix(".py")
    modules = {p.stem.lstrip("_") for p in package.glob("*.py") if p.name != "__init__.py"}
    modules |= {p.name for p in package.iterdir() if (p / "__init__.py").is_file()}
    if folders:
        modules.add(folders[-1])  # test_<package>.py: the package's own API
    return any(stem == m or stem.startswith(m + "_") for m in modules)


def test_test_files_are_named_after_the_module_they_test() -> None:
    misplaced = []
    for path in sorted(TESTS.rglob("*.py")):
        rel = path.relative_to(TESTS)
        if "__pycache__" in rel.parts or rel.parts[0] in OWN_FOLDERS or path.name in HELPERS:
            continue
        if rel.as_posix() in REPOSITORY_TESTS:
            continue
        if not path.name.startswith("test_") or not _tested_module(path):
            misplaced.append(rel.as_posix())
    assert misplaced == [], "test files that name no module of rangemap/ (see the docstring)"


def test_e2e_tests_are_the_console_script_runs() -> None:
    """Real console-script runs live in tests/e2e/, and nothing else does."""
    runs = ("e2e=True", "module=True", "rangemap_executable(")
    outside = sorted(
        path.relative_to(TESTS).as_posix()
        for path in TESTS.rglob("test_*.py")
        if path.relative_to(TESTS).parts[0] != "e2e"
        and path.relative_to(TESTS).as_posix() not in REPOSITORY_TESTS
        and any(run in path.read_text(encoding="utf-8") for run in runs)
    )
    assert outside == [], "console-script runs outside tests/e2e/"
    inside = [
        path.relative_to(TESTS).as_posix()
        for path in (TESTS / "e2e").glob("test_*.py")
        if not any(run in path.read_text(encoding="utf-8") for run in runs)
    ]
    assert inside == [], "tests/e2e/ files that run no console script"
