"""The ``rangemap`` command line: a thin layer over :mod:`rangemap.api`.

- :mod:`~rangemap.cli.commands`: the click group and its commands;
- :mod:`~rangemap.cli.options`: every option, declared once;
- :mod:`~rangemap.cli.output`: ``-o``, ``--format`` and the page options,
  checked before any work;
- :mod:`~rangemap.cli.run`: one error line and exit status 2 for every user
  mistake, 130 and 143 for SIGINT and SIGTERM;
- :mod:`~rangemap.cli.logs`: log lines on standard error;
- :mod:`~rangemap.cli.scenarios`: ``map --scenario FILE.toml`` and ``rangemap scenario``;
- :mod:`~rangemap.cli.batch_command`: ``rangemap batch``.

``-o -`` writes the map to standard output, in the format of ``--format``
(default html); ``png`` goes to standard output only when it is not a
terminal.
"""

from rangemap.cli.batch_command import batch_command
from rangemap.cli.commands import cli
from rangemap.cli.run import main
from rangemap.cli.scenarios import scenario_command

cli.add_command(batch_command)
cli.add_command(scenario_command)

__all__ = ["cli", "main"]
