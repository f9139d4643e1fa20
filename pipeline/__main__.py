"""``python -m pipeline``: see :mod:`pipeline.cli`.

After ``tables`` the process leaves at once, its output flushed: the files are
written and closed and the child processes reaped by then, and freeing a large
plan's objects one by one at interpreter shutdown would add a tenth of a second
to a 100,000-action run. The commands that run notebooks exit the usual way, so
that the handlers of the Jupyter libraries still run.
"""

import os
import sys

from pipeline.cli import main

code = main()
if sys.argv[1:2] == ["tables"]:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
sys.exit(code)
