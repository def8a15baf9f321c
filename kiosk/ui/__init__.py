"""Qt widgets. They read core objects and send actions; the rules live in kiosk.core."""

import shiboken6  # noqa: F401  (loaded by PySide6 anyway; spare_source_scan needs it first)

from kiosk.pysidescan import spare_source_scan

spare_source_scan()
