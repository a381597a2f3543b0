"""The bundle's entry point: the same ``explorer`` command as the installed script."""

import sys

from explorer.cli import main

sys.exit(main())
