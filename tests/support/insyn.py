"""The command line as the tests start it: `insyn` itself (generator.cli.run), with the outputs
a test run makes many times made once (tests/support/made_once.py).

A run starts some fifty builds and previews this way, each of them laying out the same two
reports and checking the same package again: 3 s of CPU out of 6 for the minimal dataset.
Where FOLDER is unset (a test marked made_each_time), this is `python -m generator.cli`.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator import cli
from tests.support import made_once

if __name__ == "__main__":
    if os.environ.get(made_once.FOLDER):
        made_once.install(Path(os.environ[made_once.FOLDER]))
    cli.run()
