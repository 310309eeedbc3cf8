"""`python -m convtrace`: the same as the `convtrace` command."""

import sys

from convtrace.cli import main

sys.exit(main())
