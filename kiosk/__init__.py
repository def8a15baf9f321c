"""Willay: an offline, audio-first learning kiosk (see docs/architecture.md)."""

from kiosk.pysidescan import spare_source_scan

__version__ = "0.1.0"

spare_source_scan()  # only when PySide6 came first (tests, benchmarks); kiosk.ui does it otherwise
