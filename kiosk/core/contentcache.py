"""A cache of parsed content files between starts, so a large library starts quickly.

Each file's parsed YAML (with its line numbers) is kept in ``content-cache.json`` in the user data
folder, keyed by path, size and modification time. On a later start an unchanged file is taken
from the cache and *validated again* (the rules and the cross-file checks always run, so problems
are reported the same); only parsing is saved. JSON, not pickle: the cache can never run code.
A cache that is unreadable or of another version is ignored and rewritten.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from kiosk.core.yamlsafe import Map, Seq

log = logging.getLogger(__name__)

VERSION = 1


def _encode(value: Any) -> Any:
    import datetime as dt  # not at the top: the first screen's prompts need no dates (~2 ms)

    if isinstance(value, Map):
        return {"m": [value.line, [[k, value.line_of(k), _encode(v)] for k, v in value.items()]]}
    if isinstance(value, Seq):
        return {"s": [value.line, [_encode(v) for v in value]]}
    if isinstance(value, dt.datetime):
        return {"t": value.isoformat()}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    if isinstance(value, dict):  # never produced by the loader; kept explicit for safety
        raise TypeError("unexpected mapping")
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "m" in value:
            line, items = value["m"]
            result = Map()
            result.line, result.lines = line, {}
            for key, key_line, item in items:
                result[key] = _decode(item)
                result.lines[key] = key_line
            return result
        if "s" in value:
            line, items = value["s"]
            seq = Seq(_decode(v) for v in items)
            seq.line = line
            return seq
        if "t" in value or "d" in value:
            import datetime as dt

            if "t" in value:
                return dt.datetime.fromisoformat(value["t"])
            return dt.date.fromisoformat(value["d"])
    return value


class ContentCache:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        self.changed = False
        if path is None:
            return
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            if doc.get("version") == VERSION and isinstance(doc.get("files"), dict):
                self.entries = doc["files"]
        except (OSError, ValueError, AttributeError):
            self.entries = {}

    @staticmethod
    def _stamp(file: Path) -> list[int] | None:
        try:
            st = file.stat()
        except OSError:
            return None
        return [st.st_size, st.st_mtime_ns]

    def get(self, file: Path) -> Any | None:
        entry = self.entries.get(str(file))
        stamp = self._stamp(file)
        if entry is None or stamp is None or entry.get("stamp") != stamp:
            return None
        self.used[str(file)] = entry
        try:
            return _decode(entry["doc"])
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, file: Path, doc: Any) -> None:
        stamp = self._stamp(file)
        if stamp is None or self.path is None:
            return
        try:
            self.used[str(file)] = {"stamp": stamp, "doc": _encode(doc)}
        except TypeError:
            return
        self.changed = True

    def save(self) -> None:
        """Write what this start used (dropping files that are gone), atomically."""
        if self.path is None or not (self.changed or len(self.used) != len(self.entries)):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + f".{os.getpid()}.part")
            tmp.write_text(json.dumps({"version": VERSION, "files": self.used},
                                      ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            log.warning("%s: content cache not saved (%s)", self.path, exc)
