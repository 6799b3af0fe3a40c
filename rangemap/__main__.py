"""Run the command line as ``python -m rangemap``."""

from rangemap.cli import main

if __name__ == "__main__":
    main()
