"""A cache of parsed content files between starts, so a large library starts quickly.

Each file's parsed YAML (with its line numbers) is kept in ``content-cache.json`` in the user data
folder, one line per file, keyed by path, size and modification time. On a later start an
unchanged file is taken from the cache and *validated again* (the rules and the cross-file checks
always run, so problems are reported the same); only parsing is saved. JSON, not pickle: the
cache can never run code. A cache that is unreadable or of another version is ignored and
rewritten.

Checked, not trusted: each line carries a digest of its file's bytes and one of itself (BLAKE2b).
A line whose own digest or whose file's digest does not match is ignored, the file parsed again and
the line rewritten, with a warning: a hand-edited cache cannot change what the kiosk says
(docs/decisions/014-robust-cache-digest.md). It guards against edits and damage, not against
someone who also recomputes the digests: they could as well edit the content itself.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path
from typing import Any

from kiosk.core.content.yamlsafe import Map, Seq
from kiosk.core.hashes import blake2b
from kiosk.core.model import Problem
from kiosk.paths import replace_file

log = logging.getLogger(__name__)

VERSION = 3  # 2: one line per file, parsed when asked for; 3: digests of each file and line


def _digest(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


def _encode(value: Any) -> Any:
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
            if "t" in value:
                return dt.datetime.fromisoformat(value["t"])
            return dt.date.fromisoformat(value["d"])
    return value


class _Mismatch(Exception):
    """A cache line that does not match itself or its file."""


class ContentCache:
    """One line per content file (``"<path>"<TAB><digest><TAB>{stamp, sha, doc}``) after a version
    line. A line is
    parsed when its file is asked for: the first screen needs only the prompts' line, not the
    whole cache (~2.5 ms less start-up with the shipped content; bench/README.md, measure 1)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        # path → (its line number, the line's bytes), not parsed: only a line asked for is decoded
        # (decoding the whole file as text was ~2 ms of start-up; bench/README.md, measure 1)
        self.lines: dict[str, tuple[int, bytes]] = {}
        self.used: dict[str, Any] = {}
        self.changed = False
        if path is None:
            return
        try:
            header, *lines = path.read_bytes().split(b"\n")
            if json.loads(header).get("version") != VERSION:
                return
            for number, line in enumerate(lines, start=2):
                key, tab, entry = line.partition(b"\t")
                name = json.loads(key) if tab else None
                if isinstance(name, str):  # a hand-edited key ([1], {}) is not a path: skipped
                    # a cache copied through Windows' text mode ends its lines "\r\n"
                    self.lines[name] = (number, entry.removesuffix(b"\r"))
        except (OSError, ValueError, AttributeError, RecursionError):
            self.lines = {}

    @staticmethod
    def _stamp(file: Path) -> list[int] | None:
        try:
            st = file.stat()
        except OSError:
            return None
        return [st.st_size, st.st_mtime_ns]

    def get(self, file: Path, problems: list[Problem] | None = None) -> Any | None:
        found = self.lines.get(str(file))
        stamp = self._stamp(file)
        if found is None or stamp is None:
            return None
        number, line = found
        digest, _tab, body = line.partition(b"\t")
        try:
            if _digest(body).encode("ascii") != digest:
                raise _Mismatch("the line was changed")
            entry = json.loads(body)
            if entry.get("stamp") != stamp:
                return None  # the file changed: parsed again, no warning
            if entry.get("sha") != _digest(file.read_bytes()):
                raise _Mismatch(f"it was made from another {file.name}")
            doc = _decode(entry["doc"])
        except _Mismatch as exc:
            if problems is not None and self.path is not None:
                problems.append(Problem(self.path, number, "content-cache", f"{exc}: ignored for "
                                        f"{file.name}, which is read again", "warning"))
            return None
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError, OSError):
            return None
        self.used[str(file)] = entry
        return doc

    def put(self, file: Path, doc: Any) -> None:
        stamp = self._stamp(file)
        if stamp is None or self.path is None:
            return
        try:
            self.used[str(file)] = {"stamp": stamp, "sha": _digest(file.read_bytes()), "doc": _encode(doc)}
        except (TypeError, OSError, RecursionError):
            return
        self.changed = True

    def save(self) -> None:
        """Write what this start used (dropping files that are gone), atomically."""
        if self.path is None or not (self.changed or len(self.used) != len(self.lines)):
            return
        lines = [json.dumps({"version": VERSION})]
        for key, entry in self.used.items():
            body = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
            lines.append(json.dumps(key, ensure_ascii=False) + "\t" + _digest(body.encode("utf-8"))
                         + "\t" + body)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + f".{os.getpid()}.part")
            # bytes: text mode on Windows would end each line "\r\n" and every digest would fail
            tmp.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
            replace_file(tmp, self.path)
        except OSError as exc:
            log.warning("%s: content cache not saved (%s)", self.path, exc)
