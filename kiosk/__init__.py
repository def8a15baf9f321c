"""Willay: an offline, audio-first learning kiosk (see docs/architecture.md)."""

__version__ = "0.1.0"
