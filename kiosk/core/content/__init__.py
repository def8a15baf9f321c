"""Loading content: safe YAML, the parse cache, one parser per kind of file, and the library."""

from kiosk.core.content.library import Library, load_library

__all__ = ["Library", "load_library"]
